"""The Commerce Ministry's annual comprehensive evaluation, as far as sourced: data/rankings.csv,
one rank a row, each joined to its zone in the directory by the zone's Chinese name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator
from pydantic_core import PydanticCustomError

from microsite.errors import ErrorCollector
from microsite.inputs.csvfile import read_rows
from microsite.inputs.fields import Text
from microsite.inputs.sources import Reliability
from microsite.inputs.validation import WHOLE_MESSAGE
from microsite.inputs.zones import Zone
from microsite.suggest import did_you_mean

COLUMNS = (
    "review_year",
    "data_year",
    "zones_evaluated",
    "rank",
    "name_zh",
    "province_in_source",
    "source_url",
    "level",
    "note",
)
RANK = re.compile(r"[1-9]\d*|top[1-9]\d*")


class RankingRow(BaseModel):
    """One row of data/rankings.csv."""

    # Numbers arrive as CSV text: lax mode reads "2018" as 2018 and refuses "2018a".
    model_config = ConfigDict(extra="forbid", frozen=True)

    review_year: int = Field(description="the year of the review that published the rank: 2018")
    data_year: int = Field(description="the year whose figures the review judged: 2017")
    zones_evaluated: int = Field(description="how many zones that review evaluated")
    rank: str = Field(description="the zone's place, 1; or top30 when only that is stated")
    name_zh: Text = Field(description="the zone's Chinese name, exactly as in data/zones.csv")
    province_in_source: str = Field(description="the province as the source gives it, or empty")
    source_url: HttpUrl = Field(description="the page the rank was read on")
    level: Reliability = Field(description="that page's grade: V1, V2 or V3")
    note: str = Field(description="what the source covers and what it leaves out")

    @field_validator("rank")
    @classmethod
    def _place(cls, rank: str) -> str:
        if not RANK.fullmatch(rank):
            raise PydanticCustomError(
                WHOLE_MESSAGE,
                "rank is '{rank}': write the place, 2, or top30 where the source says only "
                "that the zone was in the top 30",
                {"rank": rank},
            )
        return rank


@dataclass(frozen=True)
class Ranking:
    row: RankingRow
    zone: Zone

    @property
    def position(self) -> int | None:
        """The place, or None when the source says only "in the top 30"."""
        return int(self.row.rank) if self.row.rank.isdigit() else None

    @property
    def within(self) -> int:
        """How far down it is known to be: its place, or 30 for "in the top 30"."""
        return int(self.row.rank.removeprefix("top"))

    @property
    def rank_text(self) -> str:
        """Its place as the edition writes it: 3 or top 30; 第3名 or 前30名."""
        position = self.position
        within = self.row.rank.removeprefix("top")
        if self.zone.language == "zh":
            return f"第{position}名" if position else f"前{within}名"
        return str(position) if position else "top " + within

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.row.data_year, self.within, 0 if self.position else 1, self.zone.id)


def load_rankings(
    path: Path, zones: tuple[Zone, ...] | None, errors: ErrorCollector
) -> tuple[Ranking, ...]:
    """Every rank, by the year of results and place; none when the file is absent. With no
    zones to join them to (`zones` None: the list has problems of its own), the rows are only
    checked."""
    rows = read_rows(path, RankingRow, COLUMNS, errors)
    if not rows or zones is None:
        return ()
    _check_each_ranking(path, rows, errors)
    by_name = {zone.name_zh: zone for zone in zones}
    rankings = []
    for line, row in rows:
        zone = by_name.get(row.name_zh)
        if zone is None:
            errors.add(
                path,
                line,
                f"{row.name_zh!r} is not a zone in data/zones.csv",
                did_you_mean(row.name_zh, by_name, "zone to data/zones.csv"),
            )
            continue
        rankings.append(Ranking(row, zone))
    return tuple(sorted(rankings, key=lambda ranking: ranking.sort_key))


def _check_each_ranking(
    path: Path, rows: list[tuple[int, RankingRow]], errors: ErrorCollector
) -> None:
    """The rows of one year's results agree on the review and its size, and name each place
    and each zone once ("top30" may be said of many)."""
    first_of_year: dict[int, tuple[int, RankingRow]] = {}
    seen: dict[tuple[int, str], int] = {}
    for line, row in rows:
        year = row.data_year
        first_line, first = first_of_year.setdefault(year, (line, row))
        for column in ("review_year", "zones_evaluated"):
            if getattr(row, column) != getattr(first, column):
                errors.add(
                    path,
                    line,
                    f"{column} is {getattr(row, column)} here but {getattr(first, column)} on "
                    f"line {first_line}, for the same results of {year}",
                    "one year's results are ranked in one review: give its rows the same value",
                )
        for value in (row.name_zh, *([row.rank] if row.rank.isdigit() else [])):
            if (year, value) in seen:
                errors.add(
                    path,
                    line,
                    f"the results of {year} name {value} twice",
                    f"line {seen[year, value]} has it too: keep one row",
                )
            seen.setdefault((year, value), line)


def ranks_of(rankings: tuple[Ranking, ...]) -> dict[str, tuple[Ranking, ...]]:
    """Each ranked zone's ranks, by zone id, oldest review first."""
    found: dict[str, list[Ranking]] = {}
    for ranking in rankings:
        found.setdefault(ranking.zone.id, []).append(ranking)
    return {key: tuple(value) for key, value in found.items()}
