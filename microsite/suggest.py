"""'Did you mean' hints for keys that do not exist."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

NUMBER = re.compile(r"\d+")


def did_you_mean(name: str, known: Iterable[str], what: str) -> str:
    """The nearest spelling of `name` among `known`. Never the same figure for another year:
    after zones_gdp_2024 is deleted, zones_gdp_2023 is a real key, and a journalist who takes
    the advice would cite the wrong year. Digits typed in the wrong order (2204) still are."""
    candidates = [key for key in known if not _another_number(name, key)]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"check the spelling, or add the {what} first"


def _another_number(name: str, key: str) -> bool:
    """The same key with other numbers in it, not the same digits in another order."""
    same_words = NUMBER.sub("#", name) == NUMBER.sub("#", key)
    return same_words and sorted("".join(NUMBER.findall(name))) != sorted(
        "".join(NUMBER.findall(key))
    )
