"""Series: facts lined up over time, each point a fact with its own source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from microsite import periods, units
from microsite.errors import ErrorCollector
from microsite.inputs.chinese import GapZh, SeriesZh, zh_field
from microsite.inputs.declared import UNREADABLE, Declared, Keyed, given_before
from microsite.inputs.facts import Fact
from microsite.inputs.fields import Key, Period, Text
from microsite.inputs.validation import load_validated
from microsite.suggest import did_you_mean


class GapEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    period: Period = Field(description="the period left out, quoted: 2020")
    note: Text = Field(description="why it is left out, shown to readers under the chart")
    zh: GapZh | None = zh_field()


class SeriesEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    key: Key = Field(description="unique name a chart uses to plot it: zones_gdp")
    label: Text = Field(description="what the series measures, as a short noun phrase")
    unit: units.UnitName = Field(description="the unit every fact in it shares")
    facts: list[Key] = Field(min_length=1, description="fact keys, one per period, oldest first")
    gaps: list[GapEntry] = Field(default_factory=list, description="periods deliberately missing")
    zh: SeriesZh | None = zh_field()


class SeriesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    series: list[SeriesEntry] = Field(description="every series the charts draw from")


@dataclass(frozen=True)
class Gap:
    period: str
    note: str
    note_zh: str | None = None


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    unit: str
    points: tuple[Fact, ...]
    gaps: tuple[Gap, ...]
    label_zh: str | None = None


def load_series(
    path: Path, facts: dict[str, Fact], declared_facts: Declared, errors: ErrorCollector
) -> Keyed[Series]:
    """The series that resolved, and the keys of all declared (so that a broken one is reported
    once, not again by every chart that draws it)."""
    loaded = load_validated(SeriesFile, path, errors)
    parsed, data = loaded.model, loaded.data
    if parsed is None:
        return Keyed({}, UNREADABLE if loaded.unreadable else Declared())
    found: dict[str, Series] = {}
    first_lines: dict[str, int] = {}
    for index, entry in enumerate(parsed.series):
        line = data["series"].item_lines[index]
        first = given_before(first_lines, entry.key, line)
        if first is not None:
            errors.add(
                path,
                line,
                f"series key {entry.key!r} is used twice: first on line {first}",
                "rename one of them",
            )
            continue
        series = _resolve(entry, facts, declared_facts, path, line, errors)
        if series:
            found[entry.key] = series
    return Keyed(found, Declared.of(entry.key for entry in parsed.series))


def _resolve(
    entry: SeriesEntry,
    facts: dict[str, Fact],
    declared_facts: Declared,
    path: Path,
    line: int,
    errors: ErrorCollector,
) -> Series | None:
    """The series an entry describes, its facts looked up; None, with the problems reported,
    if one is missing, in another unit, out of time order, or given where a gap is declared."""

    def report(message: str, hint: str) -> None:
        errors.add(path, line, message, hint)

    points = _points(entry, facts, declared_facts, report, errors)
    if len(points) != len(entry.facts):
        return None
    problem = _out_of_order(entry, points) or _gap_with_figure(entry, points)
    if problem:
        report(*problem)
        return None
    gaps = tuple(Gap(gap.period, gap.note, gap.zh.note if gap.zh else None) for gap in entry.gaps)
    label_zh = entry.zh.label if entry.zh else None
    return Series(entry.key, entry.label, entry.unit, tuple(points), gaps, label_zh)


def _points(
    entry: SeriesEntry,
    facts: dict[str, Fact],
    declared_facts: Declared,
    report: Callable[[str, str], None],
    errors: ErrorCollector,
) -> list[Fact]:
    points = []
    for key in entry.facts:
        fact = facts.get(key)
        if fact is None and key in declared_facts:
            continue  # the fact itself is broken, and reported where it is defined
        if fact is None:
            report(
                f"series {entry.key!r} lists {key!r}, which is not a fact",
                did_you_mean(key, facts, "fact"),
            )
        elif fact.unit != entry.unit:
            # Most often the fact was just edited: say so where the fact is, too.
            errors.add(
                fact.path,
                fact.line,
                f"fact {key!r} is in {fact.unit}, but series {entry.key!r}, which plots it, "
                f"is in {entry.unit}",
                f"check the fact's unit and value against its source: every figure in the "
                f"series is in {entry.unit}",
            )
            report(
                f"series {entry.key!r} is in {entry.unit} but fact {key!r} is in {fact.unit}",
                f"if fact {key!r} is right, it belongs in another series; a series plots one unit",
            )
        else:
            points.append(fact)
    return points


def _out_of_order(entry: SeriesEntry, points: list[Fact]) -> tuple[str, str] | None:
    ends = [periods.end_date(fact.period) for fact in points]
    snapshot = len(set(ends)) == 1  # a breakdown of one date, such as zones by type
    if not snapshot and (ends != sorted(ends) or len(set(ends)) != len(ends)):
        return (
            f"series {entry.key!r} lists its facts out of time order",
            "list one fact per period, oldest first",
        )
    return None


def _gap_with_figure(entry: SeriesEntry, points: list[Fact]) -> tuple[str, str] | None:
    plotted = {fact.period: fact.key for fact in points}
    for gap in entry.gaps:
        if gap.period in plotted:
            return (
                f"series {entry.key!r} lists {gap.period!r} as a gap, but fact "
                f"{plotted[gap.period]!r} gives a figure for it",
                "remove the gap, or the fact, from the series",
            )
    return None
