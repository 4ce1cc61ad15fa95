"""What the last build worked out, reused when its inputs have not changed.

Each result is stored with the inputs it was computed from. The next build asks for it with its
own inputs: if they compare equal, the stored result is returned and nothing is recomputed.
Inputs are compared with `==`, which for objects reused from the last build is an identity
check, so a long chain of unchanged inputs costs little to confirm. Only results used by the
latest build are kept, so the memo does not grow as a site is edited; a result reused whole
keeps the results it was computed from, so that the build after it can still reuse them
(the Facts page's rows, when the page itself was kept).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, NamedTuple, TypeVar

from microsite.errors import ErrorCollector

T = TypeVar("T")
MISSING = object()  # what find() returns when nothing fits


class _Entry(NamedTuple):
    inputs: Any
    value: Any
    made_from: tuple[Hashable, ...] = ()  # the keys its computation asked the memo for


class Memo:
    def __init__(self) -> None:
        self._previous: dict[Hashable, _Entry] = {}
        self._current: dict[Hashable, _Entry] = {}
        # For each computation under way, inner to outer: the keys it has asked for so far.
        self._asked: list[list[Hashable]] = []

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
        self._asked.append([])
        try:
            value = compute()
        finally:
            made_from = tuple(self._asked.pop())
        if _count(errors) == reported:
            self._store(key, _Entry(inputs, value, made_from))
        return value

    def find(self, key: Hashable, inputs: Any) -> Any:
        """The result stored under `key` for equal `inputs`, or MISSING."""
        stored = self._current.get(key)
        if stored is None:
            stored = self._previous.get(key)
            if stored is None or stored.inputs != inputs:
                return MISSING
            self._carry(key, stored)
        elif stored.inputs != inputs:
            return MISSING
        if self._asked:
            self._asked[-1].append(key)
        return stored.value

    def put(self, key: Hashable, inputs: Any, value: Any) -> None:
        self._store(key, _Entry(inputs, value))

    def same(self, key: Hashable, value: T) -> T:
        """The stored object if it equals `value`, so later checks against it are identity
        checks; otherwise `value`, stored for the next build."""
        return self.get(key, value, lambda: value)

    def lookup(self, key: Hashable) -> Any:
        """The value stored under `key` whatever its inputs (for results whose inputs are
        only known after computing them), or None."""
        stored = self._current.get(key) or self._previous.get(key)
        return None if stored is None else stored.value

    def keep_all(self, keys: Iterable[Hashable]) -> None:
        """Carry entries into the next build unused: the parts of a result that was reused (the
        thousands of rows of a long page). An entry this build already stored stays as it is."""
        previous, current = self._previous, self._current
        for key in keys:
            if key not in current:
                entry = previous.get(key)
                if entry is not None:
                    self._carry(key, entry)

    def next_build(self) -> None:
        """Forget whatever the build that just ended did not use."""
        self._previous, self._current = self._current, {}

    def _store(self, key: Hashable, entry: _Entry) -> None:
        self._current[key] = entry
        if self._asked:
            self._asked[-1].append(key)

    def _carry(self, key: Hashable, entry: _Entry) -> None:
        """Keep a last build's entry for the next, with the entries it was made from."""
        current = self._current
        current[key] = entry
        if not entry.made_from:  # most entries: a row, a file's entry
            return
        previous = self._previous
        waiting = list(entry.made_from)
        while waiting:
            inner = waiting.pop()
            if inner not in current and inner in previous:
                current[inner] = previous[inner]
                waiting.extend(previous[inner].made_from)


def _count(errors: ErrorCollector | None) -> int:
    return 0 if errors is None else len(errors.errors) + len(errors.warnings)
