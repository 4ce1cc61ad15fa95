"""What the last build worked out, reused when its inputs have not changed.

Each result is stored with the inputs it was computed from. The next build asks for it with its
own inputs: if they compare equal, the stored result is returned and nothing is recomputed.
Inputs are compared with `==`, which for objects reused from the last build is an identity
check, so a long chain of unchanged inputs costs little to confirm. Only results used by the
latest build are kept, so the memo does not grow as a site is edited.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from microsite.errors import ErrorCollector

T = TypeVar("T")
MISSING = object()  # what find() returns when nothing fits


class Memo:
    def __init__(self) -> None:
        self._previous: dict[Hashable, tuple[Any, Any]] = {}
        self._current: dict[Hashable, tuple[Any, Any]] = {}

    def get(
        self,
        key: Hashable,
        inputs: Any,
        compute: Callable[[], T],
        errors: ErrorCollector | None = None,
    ) -> T:
        """The result stored under `key` if it was computed from equal `inputs`, else
        `compute()`. A computation that reported a problem to `errors` is not stored, so that
        the problem is reported again by the next build."""
        found = self.find(key, inputs)
        if found is not MISSING:
            return found
        reported = _count(errors)
        value = compute()
        if _count(errors) == reported:
            self.put(key, inputs, value)
        return value

    def find(self, key: Hashable, inputs: Any) -> Any:
        """The result stored under `key` for equal `inputs`, or MISSING."""
        stored = self._current.get(key) or self._previous.get(key)
        if stored is None or stored[0] != inputs:
            return MISSING
        self._current[key] = stored
        return stored[1]

    def put(self, key: Hashable, inputs: Any, value: Any) -> None:
        self._current[key] = (inputs, value)

    def same(self, key: Hashable, value: T) -> T:
        """The stored object if it equals `value`, so later checks against it are identity
        checks; otherwise `value`, stored for the next build."""
        return self.get(key, value, lambda: value)

    def lookup(self, key: Hashable) -> Any:
        """The value stored under `key` whatever its inputs (for results whose inputs are
        only known after computing them), or None."""
        stored = self._current.get(key) or self._previous.get(key)
        return None if stored is None else stored[1]

    def keep_all(self, keys: Iterable[Hashable]) -> None:
        """Carry entries into the next build unused: the parts of a result that was reused (the
        thousands of rows of a long page). An entry
        this build already stored stays as it is."""
        previous, current = self._previous, self._current
        current.update(
            {key: previous[key] for key in keys if key in previous and key not in current}
        )

    def next_build(self) -> None:
        """Forget whatever the build that just ended did not use."""
        self._previous, self._current = self._current, {}


def _count(errors: ErrorCollector | None) -> int:
    return 0 if errors is None else len(errors.errors) + len(errors.warnings)
