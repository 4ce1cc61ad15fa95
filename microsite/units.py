"""Units a fact can be in, and how a value in each is written for readers, in English and in
Chinese (CLDR's zh_Hans_CN through Babel: 8.5万, 16.9万亿元, 18%以上)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, cast, get_args

from babel import Locale
from babel.numbers import NumberPattern, format_decimal

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
Language = Literal["en", "zh"]

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

ZH_LOCALE = Locale.parse("zh_Hans_CN")


@dataclass(frozen=True)
class ZhUnit:
    """What Chinese writes for a unit. CLDR has the digits and the 万/亿/万亿 scale, but not 元 or
    美元 (its compact currency writes ¥16.9万亿), nor an axis word."""

    exponent: int  # one of the unit is 10**exponent of the thing: a billion yuan is 10**9 yuan
    word: str  # written after the number: 16.9万亿元
    axis: str  # a chart's axis or a table's column: 万亿元
    # An axis of 亿元 counts in 10**8, while the value is in billions (10**9): a bare number on
    # such an axis is the value in 亿 (169 billion yuan stands at 1690).
    axis_exponent: int = 0


ZH_UNITS: dict[str, ZhUnit] = {
    "count": ZhUnit(0, "", "数量"),  # the measure word (家, 个) is the fact's, not the unit's
    "percent": ZhUnit(0, "%", "%"),
    "year": ZhUnit(0, "年", "年份"),
    "yuan_billion": ZhUnit(9, "元", "亿元", axis_exponent=8),
    "yuan_trillion": ZhUnit(12, "元", "万亿元", axis_exponent=12),
    "usd_billion": ZhUnit(9, "美元", "亿美元", axis_exponent=8),
    "usd_trillion": ZhUnit(12, "美元", "万亿美元", axis_exponent=12),
    "fraction": ZhUnit(0, "", "比例"),
}
MONEY = ("yuan_billion", "yuan_trillion", "usd_billion", "usd_trillion")

# CLDR has no spelled-out fractions (and Babel no RBNF): 近四分之一.
ZH_FRACTION_WORDS: dict[Decimal, str] = {
    Decimal("0.1"): "十分之一",
    Decimal("0.2"): "五分之一",
    Decimal("0.25"): "四分之一",
    Decimal("0.5"): "一半",
    Decimal("0.75"): "四分之三",
}

# Decimals of 万亿 or 亿 a figure keeps before it is written in the unit below (1204724亿元).
ZH_MOST_DECIMALS = 2

# A hedge as (before, after) the number: 约, 近 and 超过 stand before it, 以上 after it. A count or
# a sum is 超过8.5万家; a share is 18%以上, the order Chinese reports write a share's floor in.
ZH_HEDGES: dict[str, tuple[str, str]] = {
    "about": ("约", ""),
    "nearly": ("近", ""),
    "more than": ("超过", ""),
    "over": ("超过", ""),
}
ZH_PERCENT_HEDGES: dict[str, tuple[str, str]] = ZH_HEDGES | {
    "more than": ("", "以上"),
    "over": ("", "以上"),
}


def number(value: Decimal, unit: str, exact: bool = False, *, language: Language = "en") -> str:
    """The bare number, grouped and signed as in print: 85,000; 16.9; −27.1; 1984. Rounded to
    the unit's shown decimals unless `exact` (the Facts page and the downloads). In Chinese:
    8.5万; 232; 1690 for 169 billion yuan, which stands on an axis of 亿元 (see `axis`)."""
    # Keyed by the written form: 22.0 equals 22 and hashes alike, but is printed otherwise.
    return _number(str(value), unit, exact, _checked(language))


@functools.cache  # babel takes tens of microseconds a number, and a fact is written many times
def _number(written: str, unit: str, exact: bool, language: Language) -> str:
    value = Decimal(written)
    if language == "zh":
        return _zh_number(value, unit, exact)
    if unit == "fraction":
        return FRACTION_WORDS[value]
    if unit == "year":
        return str(value)
    shown = value if exact else rounded(value, unit)
    # Every decimal the value has is written, a final 0 too: our 22.0% to one decimal is not a
    # rounded 22%, and 12.0 rounded from 12.045 says how precise it is.
    decimals = _decimals(shown)
    text = format_decimal(shown, "#,##0." + "0" * decimals if decimals else "#,##0", locale=LOCALE)
    return text.replace("-", MINUS)


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _zh_number(value: Decimal, unit: str, exact: bool) -> str:
    if unit == "fraction":
        return ZH_FRACTION_WORDS[value]
    if unit == "year":
        return str(value)
    shown = value if exact else rounded(value, unit)
    if unit == "percent":  # 18, 22.0, -27.1: as in English, without grouping
        return _zh_plain(shown)
    zh_unit = ZH_UNITS[unit]
    return _zh_compact(shown, zh_unit.exponent - zh_unit.axis_exponent)


def rounded(value: Decimal, unit: str) -> Decimal:
    """The value as prose, cards and charts show it: as given up to PRECISE_DECIMALS decimals
    (16.9, 25, 2.36), else to the unit's shown decimals, half rounded up as derived facts are."""
    decimals = UNITS[unit].shown_decimals
    exponent = value.as_tuple().exponent  # -4 for 120.4724
    if decimals is None or not isinstance(exponent, int) or exponent >= -PRECISE_DECIMALS:
        return value
    shown = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(shown) if shown == 0 else shown  # -0.04% shows as 0.0%, not as minus 0.0%


def _zh_compact(shown: Decimal, exponent: int) -> str:
    """`shown` times 10**exponent in CLDR's short compact form: 8.5万, 1690亿, 16.9万亿, 2543.

    Babel's format_compact_decimal is not used for the digits: it rounds to a fixed number of
    decimals (1.04万 becomes 1万 at one) and drops a final zero (12.0万亿 becomes 12万亿), while
    the Chinese must show every digit the English does, and no more. So the pattern comes from
    CLDR and the digits from the value: its decimals, a final 0 after the point included, and
    none for the zeros that end a whole number (10400 is 1.04万, not 1.0400万)."""
    value = shown.scaleb(exponent)  # exact: a power of ten moves the point
    pattern = _zh_compact_pattern(value)
    if pattern is None:
        return _zh_plain(value)
    # "0万" at 10**4 divides by 10**4; "000万" at 10**6 divides by 10**4 too: 850万
    divisor = len(str(_zh_magnitude(value))) - pattern.pattern.count("0")
    decimals = max(0, divisor - exponent - _last_digit(shown))
    while decimals > ZH_MOST_DECIMALS and divisor >= 8:
        # 120.4724万亿 is written as Chinese statistics write it, 1204724亿: a unit down.
        divisor -= 4
        decimals = max(0, divisor - exponent - _last_digit(shown))
        pattern = ZH_LOCALE.compact_decimal_formats["short"]["other"][str(10**divisor)]
    scaled = value.scaleb(-divisor).quantize(Decimal(1).scaleb(-decimals))  # drops only zeros
    return f"{pattern.prefix[0]}{_zh_plain(scaled)}{pattern.suffix[0]}"


def _last_digit(shown: Decimal) -> int:
    """The place of the last digit a reader is shown: -1 for 12.0, 2 for 10400. A whole
    number's final zeros are not shown as precise (10,400 may be rounded), a decimal's are."""
    if decimals := _decimals(shown):
        return -decimals
    exponent = shown.normalize().as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _zh_magnitude(value: Decimal) -> int:
    """The largest of CLDR's compact magnitudes (1000, 10000, …) not above `value`, or 0."""
    formats = ZH_LOCALE.compact_decimal_formats["short"]["other"]
    return max((int(m) for m in formats if abs(value) >= int(m)), default=0)


def _zh_compact_pattern(value: Decimal) -> NumberPattern | None:
    magnitude = _zh_magnitude(value)
    if magnitude == 0:
        return None
    pattern: NumberPattern = ZH_LOCALE.compact_decimal_formats["short"]["other"][str(magnitude)]
    return None if pattern.pattern == "0" else pattern  # 1000 to 9999: written out, 2543


def _zh_plain(value: Decimal) -> str:
    """Digits without grouping, every decimal kept. The sign is CLDR's zh minus sign, the ASCII
    hyphen-minus (-27.1%), kept rather than swapped for the English pages' U+2212: it is what
    Babel and CLDR give for Chinese, and a figure copied into a spreadsheet stays a number."""
    decimals = _decimals(value)
    return format_decimal(value, "0." + "0" * decimals if decimals else "0", locale=ZH_LOCALE)


def with_unit(
    value: Decimal,
    unit: str,
    exact: bool = False,
    *,
    language: Language = "en",
    measure: str | None = None,
) -> str:
    """The number in its unit: 16.9 trillion yuan, 18%, US$27.2 billion. In Chinese: 16.9万亿元,
    18%, 272亿美元, 1984年, and a count with its measure word (量词), 232家. English has no
    measure word and ignores it."""
    if _checked(language) == "en":
        return UNITS[unit].pattern.format(n=number(value, unit, exact))
    if measure is not None and unit != "count":
        raise ValueError(f"a measure word ({measure}) goes with a count, not with {unit}")
    if unit in MONEY:
        return _zh_sum(str(value), unit, exact)
    return number(value, unit, exact, language="zh") + ZH_UNITS[unit].word + (measure or "")


@functools.cache  # as _number: keyed by the written form
def _zh_sum(written: str, unit: str, exact: bool) -> str:
    """A sum of money in 万/亿/万亿 of yuan or dollars, whatever its unit: 1690亿元, 16.9万亿元."""
    value = Decimal(written)
    shown = value if exact else rounded(value, unit)
    zh_unit = ZH_UNITS[unit]
    return _zh_compact(shown, zh_unit.exponent) + zh_unit.word


def phrase(
    value: Decimal,
    unit: str,
    qualifier: str | None,
    exact: bool = False,
    *,
    language: Language = "en",
    measure: str | None = None,
) -> str:
    """What prose says: the number in its unit, with the source's hedge: more than 18%. In
    Chinese the hedge stands where Chinese puts it: 超过8.5万家, 约2.36万亿美元, 18%以上."""
    text = with_unit(value, unit, exact, language=language, measure=measure)
    if not qualifier:
        return text
    if language == "en":
        return f"{qualifier} {text}"
    before, after = (ZH_PERCENT_HEDGES if unit == "percent" else ZH_HEDGES)[qualifier]
    return f"{before}{text}{after}"


# A change told by its direction, as a report words it: down 30.6%, 下降30.6%.
CHANGE_WORDS: dict[Language, tuple[str, str, str]] = {  # (fell, rose, no change)
    "en": ("down ", "up ", "unchanged"),
    "zh": ("下降", "增长", "持平"),
}


def change(
    value: Decimal,
    unit: str,
    qualifier: str | None,
    *,
    language: Language = "en",
    measure: str | None = None,
) -> str:
    """A change in words, its size without a sign: down 30.6%, up more than 5%; in Chinese
    下降30.6%, 增长5%以上. A change that rounds to nothing is unchanged (持平)."""
    fell, rose, same = CHANGE_WORDS[_checked(language)]
    shown = rounded(value, unit)
    if shown == 0:
        return same
    size = phrase(abs(value), unit, qualifier, language=language, measure=measure)
    return (fell if shown < 0 else rose) + size


def hedge(unit: str, qualifier: str | None, *, language: Language = "en") -> tuple[str, str]:
    """The source's hedge as (before, after) the number, for a card that sets it apart:
    ("more than", "") in English; ("超过", "") or ("", "以上") in Chinese."""
    if not qualifier:
        return "", ""
    if language == "en":
        return qualifier, ""
    return (ZH_PERCENT_HEDGES if unit == "percent" else ZH_HEDGES)[qualifier]


def axis(unit: str, *, language: Language = "en") -> str:
    """What a chart's axis or a table's column says the unit is: trillion yuan; 万亿元."""
    return UNITS[unit].axis if _checked(language) == "en" else ZH_UNITS[unit].axis


def axis_factor(unit: str, *, language: Language = "en") -> Decimal:
    """What a value is multiplied by to stand on its axis: 10 for billions on an axis of 亿
    (169 billion yuan is 1690亿元), 1 for every other unit and for English."""
    if _checked(language) == "en":
        return Decimal(1)
    zh_unit = ZH_UNITS[unit]
    return Decimal(10) ** (zh_unit.exponent - zh_unit.axis_exponent)


def _checked(language: str) -> Language:
    """A language code from outside the type checker's sight (a template, a YAML list)."""
    if language not in get_args(Language):
        raise ValueError(f"language {language!r} is not one of {', '.join(get_args(Language))}")
    return cast(Language, language)


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
