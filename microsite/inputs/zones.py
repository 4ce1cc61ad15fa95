"""The zone directory: data/zones.csv, one national-level zone a row, each with the pages it was
read on and their grades, placed in its province and at its city's point (data/geo/)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    field_validator,
    model_validator,
)

from microsite import periods
from microsite.errors import ErrorCollector
from microsite.inputs.csvfile import read_rows
from microsite.inputs.fields import Text
from microsite.inputs.geo import Geo, Place, Province
from microsite.inputs.sources import Reliability
from microsite.suggest import did_you_mean

COLUMNS = (
    "id",
    "name_zh",
    "name_en",
    "name_en_from",
    "province",
    "city",
    "approved",
    "source_url",
    "level",
    "approved_source",
    "approved_level",
    "status",
    "withdrawn",
    "other_sources",
    "notes",
    "notes_zh",
)


def _date(value: str) -> str:
    """A year, a month or a day that exists, or empty."""
    if not value:
        return value
    if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
        raise ValueError("not a date: write 1984, 1984-09 or 1984-09-25")
    try:
        return periods.check(value)
    except ValueError:
        raise ValueError("not a real date: check the month and the day") from None


def _month(value: str) -> str:
    if value and not re.fullmatch(r"\d{4}-\d{2}", value):
        raise ValueError("not a month: write it as 2020-01")
    return _date(value)


def _blank_as_none(value: object) -> object:
    """An empty cell is an absent value, not a wrong one."""
    return None if value == "" else value


Anchor = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Approved = Annotated[str, AfterValidator(_date)]
Month = Annotated[str, AfterValidator(_month)]
OptionalUrl = Annotated[HttpUrl | None, BeforeValidator(_blank_as_none)]
OptionalGrade = Annotated[Reliability | None, BeforeValidator(_blank_as_none)]
SOURCE_SEPARATOR = " ; "
WITHDRAWN = ("withdrawn", "reported-withdrawn")  # never counted among the zones in existence


class ZoneRow(BaseModel):
    """One row of data/zones.csv."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: Anchor = Field(
        description="the row's anchor, lower case and hyphens: suzhou-industrial-park"
    )
    name_zh: Text = Field(description="the zone's official Chinese name")
    name_en: Text = Field(description="its English name")
    name_en_from: Literal["source", "ours"] = Field(
        description="source: the English name is the source's; ours: we romanised or translated it"
    )
    province: Text = Field(description="the provincial-level division, in Chinese: 江苏")
    city: Text = Field(description="the city, a county-level city in brackets: 苏州(昆山)")
    approved: Approved = Field(
        description="approval date as precise as its source: 1984, 1984-09, 2024-10-27; or empty"
    )
    source_url: HttpUrl = Field(description="the best page that names the zone")
    level: Reliability = Field(description="that page's grade: V1, V2 or V3")
    approved_source: OptionalUrl = Field(description="the page the approval date is from, or empty")
    approved_level: OptionalGrade = Field(description="that page's grade, or empty")
    status: Literal["confirmed", "listed", "withdrawn", "reported-withdrawn"] = Field(
        description="confirmed: named in a 2016-2024 source; listed: named only in an older list; "
        "withdrawn: no longer a national-level zone; reported-withdrawn: counted as withdrawn, "
        "its removal not confirmed in a source (the notes say why)"
    )
    withdrawn: Month = Field(description="the month it was withdrawn, 2020-01, or empty")
    other_sources: str = Field(description="more pages naming it, separated by ' ; '")
    notes: str = Field(description="caveats shown with the zone, separated by ' | '")
    notes_zh: str = Field(description="the same caveats in Chinese, for /zh/, separated by ' | '")

    @field_validator("other_sources")
    @classmethod
    def _addresses(cls, value: str) -> str:
        for address in _split(value, SOURCE_SEPARATOR):
            if urlsplit(address).scheme not in ("http", "https"):
                raise ValueError(f"{address!r} is not a web address; separate pages with ' ; '")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> ZoneRow:
        if (self.status in WITHDRAWN) != bool(self.withdrawn):
            raise ValueError(
                "status is withdrawn or reported-withdrawn exactly when the withdrawn column "
                "gives a month (2020-01)"
            )
        if bool(self.approved) != bool(self.approved_source) or bool(self.approved) != bool(
            self.approved_level
        ):
            raise ValueError(
                "an approval date needs approved_source and approved_level, and those need a date"
            )
        return self


@dataclass(frozen=True)
class Wave:
    """A wave of approvals, as the map and the timeline group them."""

    key: str
    label: str
    first: int = 0
    last: int = 0

    @property
    def css_class(self) -> str:
        return f"wave-{self.key}"

    def shown(self, language: str = "en") -> str:
        """Its years as the edition writes them: 1984–88, or 1984–1988年. The two waves that are
        not spans of years keep their English label, which a template translates."""
        if language == "en" or not self.first:
            return self.label
        span = str(self.first) if self.first == self.last else f"{self.first}/{self.last}"
        return periods.display(span, language=language)


WAVES = (
    Wave("1984-88", "1984–88", 1984, 1988),
    Wave("1992-93", "1992–93", 1992, 1993),
    Wave("2000-02", "2000–02", 2000, 2002),
    Wave("2009-14", "2009–14", 2009, 2014),
    Wave("2021", "2021", 2021, 2021),
    Wave("2024", "2024", 2024, 2024),
)
OTHER_YEARS = Wave("other", "Other years")
UNDATED = Wave("undated", "Date not found")
ALL_WAVES = (*WAVES, OTHER_YEARS, UNDATED)


@dataclass(frozen=True)
class Zone:
    row: ZoneRow
    province: Province
    place: Place | None
    language: str = "en"  # the edition it is shown in (render/edition.py): its name, dates, notes

    @property
    def name(self) -> str:
        """Its name in the edition's language: Suzhou Industrial Park, or 苏州工业园区."""
        return self.name_zh if self.language == "zh" else self.name_en

    @property
    def city(self) -> str:
        """Its city as Chinese text is set, in either edition: 苏州（昆山）, full-width brackets
        (the data file writes them half-width, as its source does)."""
        return self.row.city.replace("(", "（").replace(")", "）")

    @property
    def province_name(self) -> str:
        return self.province.name_zh if self.language == "zh" else self.province.name_en

    @property
    def shown_notes(self) -> tuple[str, ...]:
        """Its notes in the edition's language, the English where none are translated."""
        return (self.notes_zh or self.notes) if self.language == "zh" else self.notes

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def name_zh(self) -> str:
        return self.row.name_zh

    @property
    def name_en(self) -> str:
        return self.row.name_en

    @property
    def withdrawn(self) -> bool:
        return self.row.status in WITHDRAWN

    @property
    def withdrawal_confirmed(self) -> bool:
        return self.row.status == "withdrawn"

    @property
    def unconfirmed(self) -> bool:
        """Named only in an older list: it may since have been renamed or merged."""
        return self.row.status == "listed"

    @property
    def approved_year(self) -> int | None:
        return int(self.row.approved[:4]) if self.row.approved else None

    @property
    def approved_text(self) -> str:
        """The approval date in the edition's language; "" where we found none (the template
        says so in its language)."""
        if not self.row.approved:
            return "" if self.language != "en" else "not found"
        return periods.display(self.row.approved, language=self.language)

    @property
    def withdrawn_text(self) -> str:
        if not self.row.withdrawn:
            return ""
        return periods.display(self.row.withdrawn, language=self.language)

    @property
    def wave(self) -> Wave:
        year = self.approved_year
        if year is None:
            return UNDATED
        return next((w for w in WAVES if w.first <= year <= w.last), OTHER_YEARS)

    @property
    def other_sources(self) -> tuple[str, ...]:
        return tuple(_split(self.row.other_sources, SOURCE_SEPARATOR))

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(_split(self.row.notes, " | "))

    @property
    def notes_zh(self) -> tuple[str, ...]:
        return tuple(_split(self.row.notes_zh, " | "))

    @property
    def weak(self) -> bool:
        """Named only by a weak source: shown with a caution."""
        return self.row.level == "V3"


def load_zones(path: Path, geo: Geo, errors: ErrorCollector) -> tuple[Zone, ...]:
    """The zones, each placed; none when the file is absent."""
    rows = read_rows(path, ZoneRow, COLUMNS, errors)
    if not rows:
        return ()
    if not geo.provinces:
        errors.add(
            path,
            None,
            "the zones need a list of provinces, and data/geo/provinces.csv is missing",
            "add data/geo/ (see docs/data-files.md)",
        )
        return ()
    _refuse_repeats(path, rows, errors)
    zones = (_placed(path, line, row, geo, errors) for line, row in rows)
    return tuple(zone for zone in zones if zone)


def _placed(path: Path, line: int, row: ZoneRow, geo: Geo, errors: ErrorCollector) -> Zone | None:
    province = geo.provinces.get(row.province)
    if province is None:
        errors.add(
            path,
            line,
            f"province {row.province!r} is not in data/geo/provinces.csv",
            did_you_mean(row.province, geo.provinces, "province to data/geo/provinces.csv"),
        )
        return None
    place = geo.places.get((row.province, row.city))
    if place is None and geo.places:
        errors.add(
            path,
            line,
            f"city {row.city!r} in {row.province} has no point in data/geo/places.csv",
            "add a row for it there (python tools/geo_places.py finds its coordinates), "
            "or correct the city",
        )
        return None
    return Zone(row, province, place)


def _refuse_repeats(path: Path, rows: list[tuple[int, ZoneRow]], errors: ErrorCollector) -> None:
    for column in ("id", "name_zh"):
        first: dict[str, int] = {}
        for line, row in rows:
            value = getattr(row, column)
            if value in first:
                errors.add(
                    path,
                    line,
                    f"{column} {value!r} is already used on line {first[value]}",
                    "give each zone its own id and name; if it is the same zone, keep one row",
                )
            first.setdefault(value, line)


def _split(text: str, separator: str) -> list[str]:
    return [part.strip() for part in text.split(separator) if part.strip()]
