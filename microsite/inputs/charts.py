"""Charts: YAML specs over series, built into Plotly figure JSON, alt text and a table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from microsite import periods
from microsite.errors import ErrorCollector
from microsite.inputs.chinese import AnnotationZh, ChartZh, TraceZh, zh_field
from microsite.inputs.declared import UNREADABLE, Declared, Keyed, given_before
from microsite.inputs.facts import Fact
from microsite.inputs.fields import Key, Text
from microsite.inputs.series import Series
from microsite.inputs.sources import Source
from microsite.inputs.validation import load_validated
from microsite.suggest import did_you_mean


class TraceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    series: Key = Field(description="key of a series in data/series.yaml")
    name: Text = Field(description="what the legend and the table call it")
    labels: Key | None = Field(
        default=None, description="a series whose value at the same period is printed on each point"
    )
    zh: TraceZh | None = zh_field()


class AnnotationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    fact: Key = Field(description="the fact whose period is marked and whose value is shown")
    text: Text = Field(description="a few words naming the event, without the number")
    zh: AnnotationZh | None = zh_field()


class ChartEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    key: Key = Field(description="unique name; a narrative places it with [[chart:key]]")
    title: Text = Field(description="the finding, in a sentence, without typed numbers")
    subtitle: Text = Field(description="what is measured, and in which unit")
    kind: Literal["line", "bar", "hbar"] = Field(
        description="line for counts over time, bar for yearly amounts, hbar for parts of a whole"
    )
    traces: list[TraceEntry] = Field(min_length=1, description="the series drawn, in legend order")
    annotations: list[AnnotationEntry] = Field(
        default_factory=list, description="periods to mark on a time axis, each from a fact"
    )
    notes: list[Text] = Field(default_factory=list, description="caveats printed under the chart")
    zh: ChartZh | None = zh_field()


class ChartFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    charts: list[ChartEntry] = Field(description="every chart on the site")


@dataclass(frozen=True)
class Trace:
    name: str
    series: Series
    labels: Series | None
    name_zh: str | None = None


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    subtitle: str
    kind: str
    traces: tuple[Trace, ...]
    annotations: tuple[tuple[str, Fact], ...]
    notes: tuple[str, ...]
    # The sources that carry the values the chart prints: each fact's sources of its best grade.
    credited: tuple[Source, ...] = ()
    # For each printed fact with `covers`, the count fact of the zones it covers.
    coverage: tuple[tuple[str, Fact], ...] = ()
    zh: ChartZh | None = None  # its title, subtitle and notes in Chinese
    annotations_zh: tuple[str | None, ...] = ()  # each annotation's text in Chinese

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(point for trace in self.traces for point in trace.series.points)

    @property
    def language(self) -> Literal["en", "zh"]:
        """The edition the chart is written for: its facts' (a series has at least one)."""
        return "zh" if self.facts and self.facts[0].language == "zh" else "en"

    @property
    def printed(self) -> tuple[Fact, ...]:
        """Every value a reader sees on the chart: points, their labels and marked events."""
        labels = (label for trace in self.traces for label in printed_labels(trace) if label)
        marked = (fact for _, fact in self.annotations)
        return tuple(dict.fromkeys((*self.facts, *labels, *marked)))

    @property
    def publishers(self) -> tuple[Source, ...]:
        """One source per publisher, for the source line under the chart."""
        first: dict[str, Source] = {}
        for source in self.credited:
            first.setdefault(source.publisher, source)
        return tuple(first.values())

    @property
    def has_derived(self) -> bool:
        return any(fact.derived for fact in self.printed)

    @property
    def gap_notes(self) -> tuple[str, ...]:
        gaps = (
            gap
            for trace in self.traces
            for series in (trace.series, trace.labels)
            if series
            for gap in series.gaps
        )
        # One note a period: a bar and its label can both miss a year, for reasons read together.
        by_period: dict[str, dict[str, None]] = {}
        for gap in gaps:
            by_period.setdefault(gap.period, {})[gap.note] = None
        if self.language == "zh":
            return tuple(
                f"{periods.display(period, 'zh')}：{_joined_zh(notes)}"
                for period, notes in by_period.items()
            )
        return tuple(
            f"{periods.display(period)}: {' '.join(notes)}" for period, notes in by_period.items()
        )

    @property
    def gap_periods(self) -> tuple[str, ...]:
        """Periods with no figure in some trace: they keep their place on the axis."""
        gaps = {gap.period: None for trace in self.traces for gap in trace.series.gaps}
        return tuple(sorted(gaps, key=periods.end_date))

    @property
    def style_notes(self) -> tuple[str, ...]:
        """What the look of a point says, for the kinds of point this chart has."""
        kinds = {kind for fact in self.facts for kind in drawn_kinds(fact, self.kind)}
        if self.language == "zh":
            words, meanings = STYLE_WORDS_ZH[self.kind], STYLE_MEANING_ZH
            return tuple(f"{words[k]}{meanings[k]}" for k in POINT_KINDS if k in kinds)
        words = STYLE_WORDS[self.kind]
        return tuple(f"{words[k]} {STYLE_MEANING[k]}" for k in POINT_KINDS if k in kinds)

    def covering(self, fact: Fact) -> Fact | None:
        """The count of zones `fact` covers, if its fact file says."""
        return dict(self.coverage).get(fact.key)

    @property
    def has_coverage(self) -> bool:
        return bool(self.coverage)

    @property
    def columns(self) -> tuple[str, ...]:
        """The data table's value columns: each trace, and after it the labels printed on it."""
        names = []
        for trace in self.traces:
            names.append(trace.name)
            if trace.labels:
                names.append(trace.labels.label)
        return tuple(names)

    @property
    def rows(self) -> list[tuple[str, list[Fact | None]]]:
        """The data table: one row per period, one cell per column (None where it has no
        value), with a row for each period a trace has no figure for."""
        by_period = {p.period: None for t in self.traces for p in t.series.points}
        by_period |= dict.fromkeys(self.gap_periods)
        ordered = sorted(by_period, key=periods.end_date)
        columns: list[dict[str, Fact]] = []
        for trace in self.traces:
            columns.append({p.period: p for p in trace.series.points})
            if trace.labels:
                printed = zip(trace.series.points, printed_labels(trace), strict=True)
                columns.append({point.period: label for point, label in printed if label})
        return [(period, [column.get(period) for column in columns]) for period in ordered]

    def row_coverage(self, cells: list[Fact | None]) -> tuple[Fact, ...]:
        """The counts of zones a table row's figures cover, each once."""
        found = (self.covering(cell) for cell in cells if cell)
        return tuple(dict.fromkeys(fact for fact in found if fact))


# How a point that is not a plain sourced figure looks, and what the note under the chart says.
POINT_KINDS = ("hedged", "derived", "weak")
STYLE_MEANING = {
    "hedged": "mark figures the source gave with a hedge, such as “over” or “about”.",
    "derived": "mark figures we calculated from sourced ones.",
    "weak": "mark figures from a weak, unofficial source.",
}
STYLE_WORDS = {
    "line": {"hedged": "Hollow markers", "derived": "Diamonds", "weak": "Squares"},
    "bar": {"hedged": "Hatched bars", "derived": "Dotted bars", "weak": "Cross-hatched bars"},
    "hbar": {"hedged": "Hatched bars", "derived": "Dotted bars", "weak": "Cross-hatched bars"},
}
# The same in Chinese: 柱 is an upright bar, 条 a horizontal one.
STYLE_MEANING_ZH = {
    "hedged": "表示来源给出的数字带有“超过”“约”等限定词。",
    "derived": "为本站根据有出处的数字计算所得。",
    "weak": "表示数字仅见于可信度较低的非官方来源。",
}
STYLE_WORDS_ZH = {
    "line": {"hedged": "空心标记", "derived": "菱形标记", "weak": "方形标记"},
    "bar": {"hedged": "斜线填充的柱", "derived": "点状填充的柱", "weak": "交叉线填充的柱"},
    "hbar": {"hedged": "斜线填充的条", "derived": "点状填充的条", "weak": "交叉线填充的条"},
}
# Marks that end a Chinese sentence or clause: the next one follows without a space.
ZH_STOPS = "。！？；：，"


def _joined_zh(notes: dict[str, None]) -> str:
    """Notes read together, as Chinese writes them: no space after a full-width stop, which
    carries its own; a space after a note still in English, untranslated."""
    joined = ""
    for note in notes:
        joined += note if not joined or joined.endswith(tuple(ZH_STOPS)) else f" {note}"
    return joined


def point_kinds(fact: Fact) -> tuple[str, ...]:
    """The ways a plotted figure differs from a plain sourced one, in POINT_KINDS order."""
    kinds = []
    if fact.qualifier:
        kinds.append("hedged")
    if fact.derived:
        kinds.append("derived")
    if fact.cautioned:
        kinds.append("weak")
    return tuple(kinds)


def drawn_kinds(fact: Fact, chart_kind: str) -> tuple[str, ...]:
    """The kinds a point's look shows. A bar has one pattern and a marker one shape, so where
    a point is of several kinds the weak source wins, being the caution; a marker is also
    hollow when hedged."""
    kinds = point_kinds(fact)
    if chart_kind != "line":
        pattern = next((k for k in ("weak", "hedged", "derived") if k in kinds), None)
        return (pattern,) if pattern else ()
    shape = next((k for k in ("weak", "derived") if k in kinds), None)
    return tuple(k for k in POINT_KINDS if k == shape or (k == "hedged" and k in kinds))


def printed_labels(trace: Trace) -> list[Fact | None]:
    """The label fact printed on each point of a trace, None where the labels have none."""
    if trace.labels is None:
        return [None] * len(trace.series.points)
    by_period = {point.period: point for point in trace.labels.points}
    return [by_period.get(point.period) for point in trace.series.points]


def credited_sources(fact: Fact, facts: dict[str, Fact]) -> tuple[Source, ...]:
    """The sources a value rests on: those of its best grade (a V3 page that repeats a V1
    figure adds nothing to it), or for a calculated value, those of each of its inputs."""
    if fact.derived:
        inputs = (facts[key] for key in fact.inputs if key in facts)
        return tuple(dict.fromkeys(s for i in inputs for s in credited_sources(i, facts)))
    return tuple(source for source in fact.sources if source.reliability == fact.reliability)


def load_charts(
    path: Path,
    series: dict[str, Series],
    declared_series: Declared,
    facts: dict[str, Fact],
    errors: ErrorCollector,
) -> Keyed[Chart]:
    """The charts that resolved, and the keys of all declared (see load_series)."""
    loaded = load_validated(ChartFile, path, errors)
    parsed, data = loaded.model, loaded.data
    if parsed is None:
        return Keyed({}, UNREADABLE if loaded.unreadable else Declared())
    charts: dict[str, Chart] = {}
    first_lines: dict[str, int] = {}
    for index, entry in enumerate(parsed.charts):
        line = data["charts"].item_lines[index]
        first = given_before(first_lines, entry.key, line)
        if first is not None:
            errors.add(
                path,
                line,
                f"chart key {entry.key!r} is used twice: first on line {first}",
                "rename one of them",
            )
            continue
        chart = _resolve(
            entry,
            series,
            declared_series,
            facts,
            lambda message, hint, ln=line: errors.add(path, ln, message, hint),
        )
        if chart:
            charts[entry.key] = chart
    return Keyed(charts, Declared.of(entry.key for entry in parsed.charts))


def _resolve(
    entry: ChartEntry,
    series: dict[str, Series],
    declared_series: Declared,
    facts: dict[str, Fact],
    report: Callable[[str, str], None],
) -> Chart | None:
    """The chart an entry describes, its series and facts looked up; None, with the problems
    reported, if one is missing or the chart would mislead."""
    traces = _traces(entry, series, declared_series, report)
    annotations = _annotations(entry, facts, report)
    if len(traces) != len(entry.traces) or len(annotations) != len(entry.annotations):
        return None
    problem = _misleading(entry, traces, annotations)
    if problem:
        report(*problem)
        return None
    chart = Chart(
        entry.key,
        entry.title,
        entry.subtitle,
        entry.kind,
        tuple(traces),
        tuple(annotations),
        tuple(entry.notes),
        zh=entry.zh,
        annotations_zh=tuple(note.zh.text if note.zh else None for note in entry.annotations),
    )
    printed = chart.printed
    coverage = tuple(
        (fact.key, facts[fact.covers]) for fact in printed if fact.covers and fact.covers in facts
    )
    # The counts of zones printed under the years are values the chart shows too.
    shown = (*printed, *(count for _, count in coverage))
    credited = (source for fact in shown for source in credited_sources(fact, facts))
    return replace(chart, credited=tuple(dict.fromkeys(credited)), coverage=coverage)


def _traces(
    entry: ChartEntry,
    series: dict[str, Series],
    declared_series: Declared,
    report: Callable[[str, str], None],
) -> list[Trace]:
    def find_series(key: str) -> Series | None:
        if key not in declared_series:
            report(
                f"chart {entry.key!r} draws series {key!r}, which does not exist",
                did_you_mean(key, series, "series to data/series.yaml"),
            )
        return series.get(key)

    traces = []
    for trace in entry.traces:
        drawn = find_series(trace.series)
        labels = find_series(trace.labels) if trace.labels else None
        if drawn and (labels or not trace.labels):
            traces.append(Trace(trace.name, drawn, labels, trace.zh.name if trace.zh else None))
    return traces


def _annotations(
    entry: ChartEntry, facts: dict[str, Fact], report: Callable[[str, str], None]
) -> list[tuple[str, Fact]]:
    annotations = []
    for note in entry.annotations:
        if note.fact not in facts:
            report(
                f"chart {entry.key!r} annotates fact {note.fact!r}, which does not exist",
                did_you_mean(note.fact, facts, "fact"),
            )
        else:
            annotations.append((note.text, facts[note.fact]))
    return annotations


def _misleading(
    entry: ChartEntry, traces: list[Trace], annotations: list[tuple[str, Fact]]
) -> tuple[str, str] | None:
    """What would make the chart mislead, and how to fix it; or None."""
    if entry.kind != "hbar" and any(_one_date(trace.series) for trace in traces):
        return (
            f"chart {entry.key!r} draws a breakdown of one date as a {entry.kind} chart, "
            "which would keep one value a period",
            "draw parts of a whole as kind: hbar",
        )
    if annotations and entry.kind != "line":
        return (
            f"chart {entry.key!r} marks events on a {entry.kind} chart, which has no time axis",
            "annotations mark periods on a line chart: remove them, or make the chart kind: line",
        )
    units_drawn = {trace.series.unit for trace in traces}
    if len(units_drawn) > 1:
        return (
            f"chart {entry.key!r} mixes units: {', '.join(sorted(units_drawn))}",
            "draw one unit per chart; print a second unit with `labels`",
        )
    return None


def _one_date(series: Series) -> bool:
    periods_drawn = [point.period for point in series.points]
    return len(periods_drawn) != len(set(periods_drawn))


def alt_text(chart: Chart) -> str:
    """What the chart shows, in words, from the same facts it plots; in Chinese for a chart of
    the Chinese edition (its facts are written in Chinese)."""
    if chart.language == "zh":
        return _alt_text_zh(chart)
    kind = {"line": "Line chart", "bar": "Bar chart", "hbar": "Horizontal bar chart"}[chart.kind]
    parts = [f"{kind}: {chart.subtitle}."]
    for trace in chart.traces:
        points = trace.series.points
        if chart.kind == "hbar":
            listed = "; ".join(f"{p.short_label}: {p.phrase}" for p in points)
            parts.append(f"{trace.name}: {listed}.")
        elif len(points) == 1:
            parts.append(
                f"{trace.name}: {points[0].phrase} in {periods.display(points[0].period)}."
            )
        else:
            first, last = points[0], points[-1]
            parts.append(
                f"{trace.name}: {first.phrase} in {periods.display(first.period)}, "
                f"{last.phrase} in {periods.display(last.period)}."
            )
    return " ".join(parts)


ZH_CHART_KINDS = {"line": "折线图", "bar": "柱状图", "hbar": "条形图"}


def _alt_text_zh(chart: Chart) -> str:
    """The alt text as Chinese writes it, with full-width punctuation and no spaces:
    柱状图：…。高新技术企业：2019年为3.1万家，2024年超过8.5万家。"""
    parts = [f"{ZH_CHART_KINDS[chart.kind]}：{chart.subtitle.rstrip('。')}。"]
    for trace in chart.traces:
        points = trace.series.points
        if chart.kind == "hbar":
            listed = "，".join(f"{p.short_label}{p.phrase}" for p in points)
        else:
            ends = points if len(points) == 1 else (points[0], points[-1])
            listed = "，".join(f"{periods.display(p.period, 'zh')}{_zh_is(p)}" for p in ends)
        parts.append(f"{trace.name}：{listed}。")
    return "".join(parts)


def _zh_is(fact: Fact) -> str:
    """The value after its year: 为232家, but 超过8.5万家 and 约2.36万亿美元, whose hedge is the
    verb."""
    hedge, _, _ = fact.phrase.partition(fact.with_unit)
    return fact.phrase if hedge else f"为{fact.phrase}"
