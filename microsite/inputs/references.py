"""The `[[…]]` references of a narrative, read in one place.

Compiling, checking, linting and tracking what a page cites all read references through
`find` and `read`, so that they agree on what a reference says: `[[ zones_2024 ]]` is
`[[zones_2024]]` everywhere, spaces inside the brackets or around `:` and `.` being ignored.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from microsite.inputs.fields import KEY_PATTERN

REFERENCE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
# A chart stands alone on its line: it becomes a block of its own, not part of a paragraph.
CHART_LINE = re.compile(r"^\s*\[\[\s*chart\s*:\s*([a-z][a-z0-9_]*)\s*\]\]\s*$")
KEY = re.compile(KEY_PATTERN)
# Code, where a reference is text shown as typed: a fenced block, or a span in backticks.
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)((?:(?!\n\s*\n).)+?)(?<!`)\1(?!`)", re.S)
PREFIXES = ("chart", "literal")

# A number typed into prose by hand: a digit not inside a word (V1 and G20 name things, and
# neither digit of G20 is a number; 12th counts).
TYPED_NUMBER = re.compile(r"(?<![A-Za-z\d])\d[\d,.]*")
# A count written in Chinese numerals: 八万五千家, 两年, 十年, 四分之一, 百分之十八. Not an
# ordinal (第一批), a plan's name (十四五, followed by no measure word), nor 一 alone (一家,
# 一年 are as often "a" as "one").
CHINESE_NUMBER = re.compile(
    r"(?<![第零一两二三四五六七八九十百千万亿])(?:(?=[两二三四五六七八九十百千万亿])|一(?=[十百千万亿]))"
    r"[零一两二三四五六七八九十百千万亿]+"
    r"(?:分之[一二三四五六七八九十]+|(?=[家个年次项位倍批岁天月]))"
)


@dataclass(frozen=True)
class Reference:
    """What one reference asks for.

    kind: "fact", "chart", "literal", or "other" for a prefix that is none of these.
    key: the fact or chart key, the literal's text, or the whole text inside the brackets.
    part: for a fact, what follows its dot ("period", "number", "change", "label"), None for
      its value.
    """

    kind: str
    key: str
    part: str | None = None


def read(inner: str) -> Reference:
    """The reference written as `[[inner]]`."""
    inner = inner.strip()
    prefix, colon, rest = inner.partition(":")
    if colon:
        prefix = prefix.strip()
        return Reference(prefix, rest.strip()) if prefix in PREFIXES else Reference("other", inner)
    key, dot, part = inner.partition(".")
    return Reference("fact", key.strip(), part.strip() if dot else None)


def find(text: str) -> Iterator[tuple[re.Match[str], Reference]]:
    """Each reference in `text`, with the match that says where it stands."""
    for match in REFERENCE.finditer(text):
        yield match, read(match.group(1))


def outside_code(text: str) -> str:
    """`text` with its code blanked out, lines and columns kept: the Markdown compiler prints a
    reference in code as typed, so checking and tracking what a page cites must skip it too."""
    lines = text.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence or opening:
            closes = fence and opening and opening.group(1).startswith(fence)
            fence = "" if closes else fence or opening.group(1)
            lines[index] = " " * len(line)
    return CODE_SPAN.sub(lambda match: _blank(match.group(0)), "\n".join(lines))


def _blank(code: str) -> str:
    return "".join(char if char == "\n" else " " for char in code)


def cited(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fact keys and the chart keys `text` refers to outside code, each once, in order of
    first use."""
    facts: dict[str, None] = {}
    charts: dict[str, None] = {}
    for _, reference in find(outside_code(text)):
        if reference.kind == "fact":
            facts[sys.intern(reference.key)] = None  # kept for every narrative
        elif reference.kind == "chart":
            charts[reference.key] = None
    return tuple(facts), tuple(charts)


def is_key(text: str) -> bool:
    return KEY.fullmatch(text) is not None
