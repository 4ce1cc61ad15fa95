"""Units a fact can be in, and how a value in each is written for readers."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
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
    # A value given to more than PRECISE_DECIMALS decimals is shown in prose, cards and charts
    # to this many, so that 120.4724 trillion yuan reads 120.5 trillion yuan; the Facts page and
    # the downloads keep every digit. None: never rounded.
    shown_decimals: int | None = None


UNITS: dict[str, Unit] = {
    "count": Unit("{n}", "number", "a number of things, such as zones or firms"),
    "percent": Unit("{n}%", "%", "a percentage: 18 means 18%", shown_decimals=1),
    "year": Unit("{n}", "year", "a calendar year, written without a thousands separator"),
    "yuan_billion": Unit(
        "{n} billion yuan", "billion yuan", "billions of yuan (RMB)", shown_decimals=1
    ),
    "yuan_trillion": Unit(
        "{n} trillion yuan", "trillion yuan", "trillions of yuan (RMB)", shown_decimals=1
    ),
    "usd_billion": Unit(
        "US${n} billion", "US$ billion", "billions of U.S. dollars", shown_decimals=1
    ),
    "usd_trillion": Unit(
        "US${n} trillion", "US$ trillion", "trillions of U.S. dollars", shown_decimals=1
    ),
    "fraction": Unit("{n}", "share", "a simple fraction written in words: 0.25 is a quarter"),
}

# Up to this many decimals a value is shown as its source gives it (US$2.36 trillion, 826.25
# billion yuan): a reader who follows the link finds the same figure, and a quoted source is not
# rounded. Only a statistical office's long figures (120.4724) are rounded for reading.
PRECISE_DECIMALS = 2

FRACTION_WORDS: dict[Decimal, str] = {
    Decimal("0.1"): "a tenth",
    Decimal("0.2"): "a fifth",
    Decimal("0.25"): "a quarter",
    Decimal("0.5"): "half",
    Decimal("0.75"): "three quarters",
}


def number(value: Decimal, unit: str, exact: bool = False) -> str:
    """The bare number, grouped and signed as in print: 85,000; 16.9; −27.1; 1984. Rounded to
    the unit's shown decimals unless `exact` (the Facts page and the downloads)."""
    # Keyed by the written form: 22.0 equals 22 and hashes alike, but is printed otherwise.
    return _number(str(value), unit, exact)


@functools.cache  # babel takes tens of microseconds a number, and a fact is written many times
def _number(written: str, unit: str, exact: bool) -> str:
    value = Decimal(written)
    if unit == "fraction":
        return FRACTION_WORDS[value]
    if unit == "year":
        return str(value)
    shown = value if exact else rounded(value, unit)
    # Every decimal the value has is written, a final 0 too: our 22.0% to one decimal is not a
    # rounded 22%, and 12.0 rounded from 12.045 says how precise it is.
    exponent = shown.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    text = format_decimal(shown, "#,##0." + "0" * decimals if decimals else "#,##0", locale=LOCALE)
    return text.replace("-", MINUS)


def rounded(value: Decimal, unit: str) -> Decimal:
    """The value as prose, cards and charts show it: as given up to PRECISE_DECIMALS decimals
    (16.9, 25, 2.36), else to the unit's shown decimals, half rounded up as derived facts are."""
    decimals = UNITS[unit].shown_decimals
    exponent = value.as_tuple().exponent  # -4 for 120.4724
    if decimals is None or not isinstance(exponent, int) or exponent >= -PRECISE_DECIMALS:
        return value
    shown = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(shown) if shown == 0 else shown  # -0.04% shows as 0.0%, not as minus 0.0%


def with_unit(value: Decimal, unit: str, exact: bool = False) -> str:
    """The number in its unit: 16.9 trillion yuan, 18%, US$27.2 billion."""
    return UNITS[unit].pattern.format(n=number(value, unit, exact))


def phrase(value: Decimal, unit: str, qualifier: str | None, exact: bool = False) -> str:
    """What prose says: the number in its unit, with the source's hedge: more than 18%."""
    text = with_unit(value, unit, exact)
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
