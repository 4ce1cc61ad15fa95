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


def pieces(content: bytes) -> list[bytes] | None:
    """A long page cut between the rows of its tables, ROWS_PER_PIECE rows a piece (the cuts
    fall before a tag, never inside one); None for a page read whole."""
    if len(content) < LONG_PAGE:
        return None
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
        cut = reuse.get(("page pieces", key[-1]), content, lambda: pieces(content))
    if cut is None:
        return [read(content)]
    return [
        reuse.get((*key, index), (piece, also), lambda piece=piece: read(piece))
        for index, piece in enumerate(cut)
    ]
