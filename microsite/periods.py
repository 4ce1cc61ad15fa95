"""Periods a fact holds for: a year, a month, a day, or an interval between two of them; and how
a reader reads one, in English or in Chinese (CLDR's zh_Hans_CN dates through Babel)."""

from __future__ import annotations

import datetime
import functools
import re
from typing import Literal

from babel import Locale
from babel.dates import format_interval, format_skeleton

PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"
_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def check(period: str) -> str:
    """Return the period unchanged, or raise ValueError saying what is wrong with it."""
    if not re.match(PATTERN, period):
        raise ValueError(
            f"period {period!r} is not a year, month or day (2024, 2024-10, 2024-10-30) "
            "or an interval of them (1984/1988)"
        )
    parts = period.split("/")
    for part in parts:
        _as_date(part)
    if len(parts) == 2 and end_date(parts[1]) < _as_date(parts[0]):
        raise ValueError(f"period {period!r} ends before it starts")
    return period


def _as_date(point: str) -> datetime.date:
    year, month, day = _numbers(point)
    try:
        return datetime.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        raise ValueError(f"period {point!r} is not a real date") from None


def _numbers(point: str) -> tuple[int, int | None, int | None]:
    match = _POINT.match(point)
    if not match:
        raise ValueError(f"period {point!r} is not a year, month or day")
    year, month, day = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


def end_date(period: str) -> datetime.date:
    """The last day a period covers: what a chart plots it at and what sorts it."""
    year, month, day = _numbers(period.split("/")[-1])
    if day:
        return datetime.date(year, month or 1, day)
    if month:
        next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
        return next_month - datetime.timedelta(days=1)
    return datetime.date(year, 12, 31)


def start_date(period: str) -> datetime.date:
    """The first day a period covers."""
    return _as_date(period.split("/")[0])


def plot_date(period: str) -> datetime.date:
    """Where a time axis plots a value: the last day of its period. A count holds when its period
    ends: a count for 2024 includes zones added in October 2024, and one for 1984/1988 is what
    stood in 1988. A month or a year is never drawn at its middle, before the events it counts."""
    return end_date(period)


def adjacent(earlier: str, later: str) -> bool:
    """True when `later` begins the day after `earlier` ends (2021 then 2022; May then June
    2024): a chart may join two such values with a line. Between any others lie days with no
    figure, and a line across them would draw values nobody observed. A range (2020/2022) or a
    change of step (a year, then a month) is never joined: its span hides years or months."""
    single_and_alike = "/" not in earlier + later and len(earlier) == len(later)
    return single_and_alike and start_date(later) == end_date(earlier) + datetime.timedelta(days=1)


def is_year(period: str) -> bool:
    return re.fullmatch(r"\d{4}", period) is not None


@functools.cache  # the Data page asks it of every fact on every build
def end_year(period: str) -> int:
    return end_date(period).year


@functools.cache
def start_year(period: str) -> int:
    return start_date(period).year


@functools.cache  # a site writes the same few periods thousands of times, in each language
def display(period: str, language: Literal["en", "zh"] = "en") -> str:
    """A period as a reader reads it: 2024, October 2024, 25 September 1984, 1984–1988. In
    Chinese: 2024年, 2024年10月, 1984年9月25日, 1984—1988年, 2024年5月至10月."""
    if language == "zh":
        return _display_zh(period)
    if language != "en":
        raise ValueError(f"language {language!r} is not one of en, zh")
    return "–".join(_display_point(part) for part in period.split("/"))


def _display_point(point: str) -> str:
    year, month, day = _numbers(point)
    if day and month:
        return f"{day} {MONTHS[month - 1]} {year}"
    if month:
        return f"{MONTHS[month - 1]} {year}"
    return str(year)


ZH_LOCALE = Locale.parse("zh_Hans_CN")
# CLDR skeletons by what a point gives: a year, a month or a day. yMMM, not yM: in Chinese it is
# 2024年10月, where yM is the numeric 2024/10.
ZH_SKELETONS = {1: "y", 2: "yMMM", 3: "yMMMd"}


def _display_zh(period: str) -> str:
    points = period.split("/")
    skeletons = [ZH_SKELETONS[len(point.split("-"))] for point in points]
    dates = [_as_date(point) for point in points]
    if len(points) == 1:
        return format_skeleton(skeletons[0], dates[0], locale=ZH_LOCALE)
    if skeletons[0] == skeletons[1]:
        # CLDR's interval leaves out what the two ends share: 2024年5月至10月, and 1984 to 1988
        # is 1984, an en dash (U+2013), 1988年. Chinese print marks a span of time with the
        # 一字线 (U+2014, GB/T 15834-2011), as our editors write it in titles: 1984—1988年.
        interval = format_interval(dates[0], dates[1], skeletons[0], locale=ZH_LOCALE)
        return interval.replace("\u2013", "\u2014")
    # CLDR has no interval from a month to a year (2014-06/2024): both ends in full, with the
    # 至 its month intervals use.
    start, end = (
        format_skeleton(s, d, locale=ZH_LOCALE) for s, d in zip(skeletons, dates, strict=True)
    )
    return f"{start}至{end}"
