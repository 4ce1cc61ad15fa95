"""The zone list: data/zones.csv, one national-level zone a row, each with the page read."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

from microsite import periods
from microsite.errors import ErrorCollector
from microsite.inputs.fields import Text
from microsite.inputs.sources import Reliability
from microsite.inputs.validation import validate
from microsite.inputs.yamlfile import YamlProblem, read_text

COLUMNS = (
    "name_zh",
    "name_en",
    "province",
    "city",
    "approved",
    "source_url",
    "reliability",
    "note",
)
BATCHES = {
    "1984-1988": "First batch",
    "1992-1993": "Second batch",
    "2000-2002": "Third group",
}
LAST_YEAR_OF_FIRST_BATCH = 1988
Approved = Annotated[str, StringConstraints(pattern=r"^(\d{4}(-\d{4})?)?$")]


class ZoneRow(BaseModel):
    """One row of data/zones.csv."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name_zh: Text = Field(description="the zone's official Chinese name")
    name_en: Text = Field(description="its English name, as the source gives it or romanised")
    province: Text = Field(description="province in Chinese and English: 辽宁 Liaoning")
    city: Text = Field(description="the city, a county-level city in brackets")
    approved: Approved = Field(
        description="approval year (1986), batch years (1984-1988), or empty when not given"
    )
    source_url: HttpUrl = Field(description="the page the row was read on")
    reliability: Reliability = Field(description="V1, V2 or V3, graded as sources are")
    note: str = Field(description="a caveat shown beside the zone, or empty")


@dataclass(frozen=True)
class Zone:
    row: ZoneRow

    @property
    def approved_text(self) -> str:
        approved = self.row.approved
        return periods.display(approved.replace("-", "/")) if approved else "not given"

    @property
    def batch(self) -> str:
        """The batch's name for zones approved in one, "First batch" for the first batch's years."""
        if self.first_batch:
            return "First batch"
        return BATCHES.get(self.row.approved, "")

    @property
    def first_batch(self) -> bool:
        approved = self.row.approved
        if not approved:
            return False
        return approved == "1984-1988" or (
            len(approved) == 4 and int(approved) <= LAST_YEAR_OF_FIRST_BATCH
        )

    @property
    def source_host(self) -> str:
        return self.row.source_url.host or str(self.row.source_url)


def load_zones(path: Path, errors: ErrorCollector) -> tuple[Zone, ...]:
    try:
        text = read_text(path)
    except FileNotFoundError:
        return ()
    except YamlProblem as problem:
        errors.add(path, problem.line, problem.message, problem.hint, problem.column)
        return ()
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        errors.add(
            path,
            1,
            f"the columns are {reader.fieldnames}",
            f"the first line must name these columns: {','.join(COLUMNS)}",
        )
        return ()
    zones = []
    for row in reader:
        if None in row:
            errors.add(
                path,
                reader.line_num,
                "this row has more cells than there are columns",
                "quote any cell that contains a comma",
            )
            continue
        parsed = validate(ZoneRow, row, path, _AtLine(errors, reader.line_num))
        if parsed:
            zones.append(Zone(parsed))
    return tuple(zones)


class _AtLine(ErrorCollector):
    """Puts every problem of one CSV row at that row's line."""

    def __init__(self, errors: ErrorCollector, line: int) -> None:
        super().__init__(errors.root, errors.errors)
        self.line = line

    def add(
        self,
        path: Path | str,
        line: int | None,
        message: str,
        hint: str = "",
        column: int | None = None,
    ) -> None:
        super().add(path, self.line, message, hint)
