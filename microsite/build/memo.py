"""What the last build worked out, reused when its inputs have not changed.

Each result is stored with the inputs it was computed from. The next build asks for it with its
own inputs: if they compare equal, the stored result is returned and nothing is recomputed.
Inputs are compared with `==`, which for objects reused from the last build is an identity
check, so a long chain of unchanged inputs costs little to confirm.

A result the builds stop asking for is forgotten, but not at once: asking for a result only
marks it used, and the memo is swept, keeping what the latest build used, once it holds twice
what the last sweep kept. A rebuild after a small change stores little, so it rarely sweeps,
and reusing ten thousand results costs ten thousand marks rather than ten thousand copies. A
result reused whole keeps the results it was computed from (the Facts page's rows, when the page
itself was kept), so that the build after it can still reuse them.
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
        self._entries: dict[Hashable, _Entry] = {}
        self._used: set[Hashable] = set()  # the keys the build under way asked for or stored
        self._kept_at_sweep: int | None = None  # how many entries the last sweep kept
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
        stored = self._entries.get(key)
        if stored is None or stored.inputs != inputs:
            return MISSING
        self._used.add(key)
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
        stored = self._entries.get(key)
        return None if stored is None else stored.value

    def export(self, wanted: Callable[[Hashable], bool]) -> dict[Hashable, Any]:
        """The entries whose keys are `wanted`, with their inputs, to be restored in another
        run (build/kept.py)."""
        return {key: entry for key, entry in self._entries.items() if wanted(key)}

    def restore(self, entries: dict[Hashable, Any]) -> None:
        """Entries exported by another run, kept for this build to find: unused, they are
        forgotten at a sweep like any other."""
        self._entries.update(entries)

    def size(self) -> int:
        """How many results it holds."""
        return len(self._entries)

    def keep_all(self, keys: Iterable[Hashable]) -> None:
        """Keep entries for the next build unused: the parts of a result that was reused (the
        thousands of rows of a long page)."""
        self._used.update(keys)

    def next_build(self) -> bool:
        """The build under way has ended: sweep if the memo has doubled since the last sweep.
        Whether it swept."""
        swept = False
        if self._kept_at_sweep is None:  # the first build: it used everything it stored
            self._kept_at_sweep = len(self._entries)
        elif len(self._entries) > 2 * self._kept_at_sweep:
            self._sweep()
            swept = True
        self._used = set()
        return swept

    def _sweep(self) -> None:
        """Keep only what the build that ended used, with what that was made from."""
        entries, kept = self._entries, {}
        waiting = list(self._used)
        while waiting:
            key = waiting.pop()
            if key not in kept and key in entries:
                entry = kept[key] = entries[key]
                waiting.extend(entry.made_from)
        self._entries = kept
        self._kept_at_sweep = len(kept)

    def _store(self, key: Hashable, entry: _Entry) -> None:
        self._entries[key] = entry
        self._used.add(key)
        if self._asked:
            self._asked[-1].append(key)


def _count(errors: ErrorCollector | None) -> int:
    return 0 if errors is None else len(errors.errors) + len(errors.warnings)
