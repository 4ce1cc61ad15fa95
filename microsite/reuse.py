"""The seam between the stages and the build layer's memory of the last build.

A stage that does the same work over many items (the entries of a YAML file, the rows of a
download, the links of a page) asks for each result through a `Reuse`. `PLAIN` computes every
result, every time: that is how the stages run alone and in their tests. The build layer passes
its memo (build/memo.py) instead, which returns the last build's result when the inputs compare
equal. A stage never decides what to keep, and never imports the memo.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

from microsite.errors import ErrorCollector

T = TypeVar("T")


class Reuse(Protocol):
    def get(
        self,
        key: Hashable,
        inputs: Any,
        compute: Callable[[], T],
        errors: ErrorCollector | None = None,
    ) -> T:
        """What `compute()` returns, or an equal result computed before from equal `inputs`."""
        ...

    def same(self, key: Hashable, value: T) -> T:
        """`value`, or an equal value kept before under `key`: then later comparisons with it
        are identity checks."""
        ...

    def lookup(self, key: Hashable) -> Any:
        """What was kept under `key` whatever its inputs, or None: a last result to start
        from."""
        ...

    def put(self, key: Hashable, inputs: Any, value: Any) -> None:
        """Keep `value`, made from `inputs`, under `key`: for the next build to `lookup`."""
        ...


class _Plain:
    def get(
        self,
        key: Hashable,
        inputs: Any,
        compute: Callable[[], T],
        errors: ErrorCollector | None = None,
    ) -> T:
        return compute()

    def same(self, key: Hashable, value: T) -> T:
        return value

    def lookup(self, key: Hashable) -> Any:
        return None

    def put(self, key: Hashable, inputs: Any, value: Any) -> None:
        pass


PLAIN: Reuse = _Plain()
