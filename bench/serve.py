"""The static host now lives with the tests that own it (tests/static_host.py); this name stays
for callers not yet moved."""

from tests.static_host import CHROMIUM, CHROMIUM_FLAGS, serving

__all__ = ["CHROMIUM", "CHROMIUM_FLAGS", "serving"]
