"""What a data file gave: its valid entries by key, and every key it declares.

An entry can be declared and broken: its key is written, but its value is wrong. The broken
entry is reported once, where it is; a page, series or chart citing its key is not reported
again as citing an unknown key, which would bury the one real error under its echoes. A file
that could not be read at all (bad YAML) may declare any key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Declared:
    """The keys declared by one or more files."""

    keys: frozenset[str] = frozenset()
    unreadable: bool = False  # a file could not be read: any key may be in it

    @classmethod
    def of(cls, keys: Iterable[str]) -> Declared:
        return cls(frozenset(keys))

    def __contains__(self, key: object) -> bool:
        return self.unreadable or key in self.keys

    def __iter__(self) -> Iterator[str]:
        """The keys known by name, for "did you mean" hints."""
        return iter(sorted(self.keys))

    def __or__(self, other: Declared) -> Declared:
        return Declared(self.keys | other.keys, self.unreadable or other.unreadable)


UNREADABLE = Declared(unreadable=True)


def given_before(seen: dict[str, int], key: str, line: int) -> int | None:
    """The line a key was first given on, if this is its second time; else None, noting it
    at `line`. For "key 'x' is used twice: first on line N"."""
    first = seen.setdefault(key, line)
    return None if first == line else first


def intended_key(written: str) -> str:
    """The key an editor meant by one that breaks the rule: gdp-2024 or GDP 2024 -> gdp_2024."""
    return "_".join(re.findall(r"[a-z0-9]+", written.lower()))


@dataclass(frozen=True)
class Keyed(Generic[T]):
    """A file's valid entries, by key, and every key it declares."""

    values: dict[str, T]
    declared: Declared
