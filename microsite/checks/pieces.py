"""A long page cut into pieces between the rows of its tables, so that a check run again after
one row changed reads that row's piece only: the Facts page of 10,000 facts is 9 MB."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from microsite.reuse import Reuse

R = TypeVar("R")

LONG_PAGE = 256_000  # bytes: a page longer than this is read in pieces
ROW = re.compile(b"<tr ")
ROWS_PER_PIECE = 64
FOLLOWING_LOOKED_FOR = 4  # pieces of the last cut looked for after a changed one


def pieces(content: bytes, last: list[bytes] | None = None) -> list[bytes] | None:
    """A long page cut between the rows of its tables, ROWS_PER_PIECE rows a piece (the cuts
    fall before a tag, never inside one); None for a page read whole. Given the `last` cut of
    the same page, where it still fits (see _follow): finding the rows of a 9 MB page takes
    longer than comparing it with the last."""
    if len(content) < LONG_PAGE:
        return None
    followed = _follow(content, last) if last else None
    if followed is not None:
        return followed
    cuts = [match.start() for match in ROW.finditer(content)][ROWS_PER_PIECE::ROWS_PER_PIECE]
    if not cuts:
        return None
    bounds = [0, *cuts, len(content)]
    return [content[start:end] for start, end in itertools.pairwise(bounds)]


def read_in_pieces(
    content: bytes,
    key: tuple[Hashable, ...],
    read: Callable[[bytes], R],
    reuse: Reuse,
    also: Any = (),
) -> list[R]:
    """`read` applied to a page: whole when it is short; piece by piece when it is long, each
    piece read again only when it, or what `read` also depends on (`also`), changed. `key`
    names the page and the check, the page last; a piece's result is kept under it with the
    piece's index. The cuts are kept too: the checks that read a page after it read the same."""
    cut = None
    if len(content) >= LONG_PAGE:
        last = reuse.lookup(("page pieces", key[-1]))
        cut = reuse.get(("page pieces", key[-1]), content, lambda: pieces(content, last))
    if cut is None:
        return [read(content)]
    return [
        reuse.get((*key, index), (piece, also), lambda piece=piece: read(piece))
        for index, piece in enumerate(cut)
    ]


def _follow(content: bytes, last: list[bytes]) -> list[bytes] | None:
    """The page cut as it was last time: each piece of the last cut found where it now falls,
    and what changed between two pieces found as one piece. A cut still falls where one fell
    last time, after the same text, so never inside a tag. None when the page changed too much
    to follow (then its rows are found again)."""
    cut: list[bytes] = []
    start, index = 0, 0
    while index < len(last):
        piece = last[index]
        if content.startswith(piece, start):
            cut.append(piece)
            start += len(piece)
            index += 1
            continue
        if index == len(last) - 1:  # the last piece changed: the rest of the page
            break
        found, index = _next_found(content, last, start, index + 1)
        if found < 0:
            return None
        if found > start:  # not a piece that went
            cut.append(content[start:found])
        start = found
    if start < len(content):
        cut.append(content[start:])
    return cut


def _next_found(content: bytes, last: list[bytes], start: int, index: int) -> tuple[int, int]:
    """Where the first of the next few pieces of the last cut is found after `start`, and its
    index; -1 when none of them is."""
    for following in range(index, min(index + FOLLOWING_LOOKED_FOR, len(last))):
        found = content.find(last[following], start)
        if found >= 0:
            return found, following
    return -1, index
