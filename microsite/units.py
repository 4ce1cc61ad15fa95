"""Units a fact can be in, and how a value in each is written for readers."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from babel.numbers import format_decimal

UnitName = Literal[
    "count",
    "percent",
    "year",
    "yuan_billion",
    "yuan_trillion",
    "usd_billion",
    "usd_trillion",
    "fraction",
]
Qualifier = Literal["about", "nearly", "more than", "over"]

MINUS = "\u2212"
DIGITS = 15  # before the decimal point, at most: a quadrillion of anything is a typing slip
LARGEST = Decimal(10) ** DIGITS
LOCALE = "en"


@dataclass(frozen=True)
class Unit:
    pattern: str  # how a number is written in this unit; {n} is the number
    axis: str  # what a chart's axis or a table's column says the unit is
    description: str


UNITS: dict[str, Unit] = {
    "count": Unit("{n}", "number", "a number of things, such as zones or firms"),
    "percent": Unit("{n}%", "%", "a percentage: 18 means 18%"),
    "year": Unit("{n}", "year", "a calendar year, written without a thousands separator"),
    "yuan_billion": Unit("{n} billion yuan", "billion yuan", "billions of yuan (RMB)"),
    "yuan_trillion": Unit("{n} trillion yuan", "trillion yuan", "trillions of yuan (RMB)"),
    "usd_billion": Unit("US${n} billion", "US$ billion", "billions of U.S. dollars"),
    "usd_trillion": Unit("US${n} trillion", "US$ trillion", "trillions of U.S. dollars"),
    "fraction": Unit("{n}", "share", "a simple fraction written in words: 0.25 is a quarter"),
}

FRACTION_WORDS: dict[Decimal, str] = {
    Decimal("0.1"): "a tenth",
    Decimal("0.2"): "a fifth",
    Decimal("0.25"): "a quarter",
    Decimal("0.5"): "half",
    Decimal("0.75"): "three quarters",
}


@functools.cache  # babel takes tens of microseconds a number, and a fact is written many times
def number(value: Decimal, unit: str) -> str:
    """The bare number, grouped and signed as in print: 85,000; 16.9; −27.1; 1984."""
    if unit == "fraction":
        return FRACTION_WORDS[value]
    if unit == "year":
        return str(value)
    text = format_decimal(value, locale=LOCALE, decimal_quantization=False)
    return text.replace("-", MINUS)


def with_unit(value: Decimal, unit: str) -> str:
    """The number in its unit: 16.9 trillion yuan, 18%, US$27.2 billion."""
    return UNITS[unit].pattern.format(n=number(value, unit))


def phrase(value: Decimal, unit: str, qualifier: str | None) -> str:
    """What prose says: the number in its unit, with the source's hedge: more than 18%."""
    text = with_unit(value, unit)
    return f"{qualifier} {text}" if qualifier else text


def check_size(value: Decimal) -> None:
    """A value must be printable exactly: Babel stops with an error on a number longer than the
    28 digits Python's decimals hold, which fifteen digits and six decimals stay well within."""
    if abs(value) >= LARGEST:
        raise ValueError(
            f"{value} has more than {DIGITS} digits before the decimal point; write it in a "
            "larger unit (such as yuan_trillion) or check it for a typing slip"
        )


def check_fraction(value: Decimal) -> None:
    if value not in FRACTION_WORDS:
        known = ", ".join(str(v) for v in FRACTION_WORDS)
        raise ValueError(f"a fraction must be one of {known}, not {value}")
