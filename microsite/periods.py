"""Periods a fact holds for: a year, a month, a day, or an interval between two of them."""

from __future__ import annotations

import datetime
import functools
import re

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
        return datetime.date(year, month or 1, day or 1)
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
    """Where a time axis plots a value: the middle of a year or month, the day itself, or the end
    of an interval (a value over 1984/1988 is what stood when it ended)."""
    if "/" in period:
        return end_date(period)
    year, month, day = _numbers(period)
    if day:
        return datetime.date(year, month or 1, day)
    return datetime.date(year, month, 15) if month else datetime.date(year, 7, 1)


def is_year(period: str) -> bool:
    return re.fullmatch(r"\d{4}", period) is not None


@functools.cache  # the Data page asks it of every fact on every build
def end_year(period: str) -> int:
    return end_date(period).year


@functools.cache
def start_year(period: str) -> int:
    return start_date(period).year


@functools.cache  # a site writes the same few periods thousands of times
def display(period: str) -> str:
    """A period as a reader reads it: 2024, October 2024, 25 September 1984, 1984–1988."""
    return "–".join(_display_point(part) for part in period.split("/"))


def _display_point(point: str) -> str:
    year, month, day = _numbers(point)
    if day and month:
        return f"{day} {MONTHS[month - 1]} {year}"
    if month:
        return f"{MONTHS[month - 1]} {year}"
    return str(year)
