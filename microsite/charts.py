"""Charts: YAML specs over series, built into Plotly figure JSON, alt text, a table and a CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import plotly.graph_objects as go
from pydantic import BaseModel, ConfigDict, Field

from microsite import periods, units
from microsite.errors import ErrorCollector
from microsite.facts import Fact
from microsite.fields import Key, Text
from microsite.schema import load_validated
from microsite.series import Series
from microsite.sources import Source
from microsite.suggest import UNREADABLE, did_you_mean

# Mid-tone colours that keep at least 3:1 contrast on both the light and the dark background.
MAX_YEARS_TICKED_EACH = 12
PALETTE = ("#3467c9", "#d4591c", "#2f8a5b", "#9b4dca")
FONT = ", ".join(
    (
        "system-ui",
        "-apple-system",
        "'Segoe UI'",
        "Roboto",
        "'Noto Sans'",
        "'Liberation Sans'",
        "Arial",
        "sans-serif",
    )
)


class TraceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    series: Key = Field(description="key of a series in data/series.yaml")
    name: Text = Field(description="what the legend and the table call it")
    labels: Key | None = Field(
        default=None, description="a series whose value at the same period is printed on each point"
    )


class AnnotationEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    fact: Key = Field(description="the fact whose period is marked and whose value is shown")
    text: Text = Field(description="a few words naming the event, without the number")


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


class ChartFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    charts: list[ChartEntry] = Field(description="every chart on the site")


@dataclass(frozen=True)
class Trace:
    name: str
    series: Series
    labels: Series | None


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    subtitle: str
    kind: str
    traces: tuple[Trace, ...]
    annotations: tuple[tuple[str, Fact], ...]
    notes: tuple[str, ...]

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(point for trace in self.traces for point in trace.series.points)

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(dict.fromkeys(source for fact in self.facts for source in fact.sources))

    @property
    def publishers(self) -> tuple[Source, ...]:
        """One source per publisher, for the source line under the chart."""
        first: dict[str, Source] = {}
        for source in self.sources:
            first.setdefault(source.publisher, source)
        return tuple(first.values())

    @property
    def has_derived(self) -> bool:
        return any(fact.derived for fact in self.facts)

    @property
    def gap_notes(self) -> tuple[str, ...]:
        notes = (
            f"{periods.display(gap.period)}: {gap.note}"
            for t in self.traces
            for gap in t.series.gaps
        )
        return tuple(dict.fromkeys(notes))

    @property
    def rows(self) -> list[tuple[str, list[Fact | None]]]:
        """The data table: one row per period, one cell per trace (None where it has no value)."""
        by_period = {p.period: None for t in self.traces for p in t.series.points}
        ordered = sorted(by_period, key=periods.end_date)
        cells = {t.name: {p.period: p for p in t.series.points} for t in self.traces}
        return [(period, [cells[t.name].get(period) for t in self.traces]) for period in ordered]


def load_charts(
    path: Path,
    series: dict[str, Series],
    declared_series: set[str],
    facts: dict[str, Fact],
    errors: ErrorCollector,
) -> tuple[dict[str, Chart], set[str]]:
    """The charts that resolved, and the keys of all declared (see load_series)."""
    loaded = load_validated(ChartFile, path, errors)
    parsed, data = loaded.model, loaded.data
    if parsed is None:
        return {}, UNREADABLE if loaded.unreadable else set()
    charts: dict[str, Chart] = {}
    for index, entry in enumerate(parsed.charts):
        line = data["charts"].item_lines[index]
        if entry.key in charts:
            errors.add(path, line, f"chart key {entry.key!r} is used twice", "rename one of them")
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
    return charts, {entry.key for entry in parsed.charts}


def _resolve(
    entry: ChartEntry,
    series: dict[str, Series],
    declared_series: set[str],
    facts: dict[str, Fact],
    report: Callable[[str, str], None],
) -> Chart | None:
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
            traces.append(Trace(trace.name, drawn, labels))
    annotations = []
    for note in entry.annotations:
        if note.fact not in facts:
            report(
                f"chart {entry.key!r} annotates fact {note.fact!r}, which does not exist",
                did_you_mean(note.fact, facts, "fact"),
            )
        else:
            annotations.append((note.text, facts[note.fact]))
    if len(traces) != len(entry.traces) or len(annotations) != len(entry.annotations):
        return None
    units_drawn = {trace.series.unit for trace in traces}
    if len(units_drawn) > 1:
        report(
            f"chart {entry.key!r} mixes units: {', '.join(sorted(units_drawn))}",
            "draw one unit per chart; print a second unit with `labels`",
        )
        return None
    return Chart(
        entry.key,
        entry.title,
        entry.subtitle,
        entry.kind,
        tuple(traces),
        tuple(annotations),
        tuple(entry.notes),
    )


def unit_of(chart: Chart) -> str:
    return chart.traces[0].series.unit


def figure_json(chart: Chart) -> str:
    """The Plotly figure as compact, key-sorted JSON: the same chart gives the same bytes."""
    figure = go.Figure(layout=_layout(chart))
    for index, trace in enumerate(chart.traces):
        figure.add_trace(_trace(chart, trace, PALETTE[index % len(PALETTE)]))
    for text, fact in chart.annotations:
        _annotate(figure, chart, text, fact)
    return json.dumps(
        figure.to_plotly_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def _layout(chart: Chart) -> go.Layout:
    axis = units.UNITS[unit_of(chart)].axis
    value_axis = {
        "title": {"text": axis},
        "rangemode": "tozero",
        "automargin": True,
        "separatethousands": True,
        "fixedrange": True,
    }
    time_axis = {"automargin": True, "fixedrange": True}
    if chart.kind == "bar":
        time_axis |= {"type": "category"}
    elif _in_years(chart):
        years = [int(fact.period) for fact in chart.facts]
        time_axis |= {"type": "linear", "tickformat": "d"}
        if max(years) - min(years) <= MAX_YEARS_TICKED_EACH:
            time_axis |= {"dtick": 1}
    horizontal = chart.kind == "hbar"
    return go.Layout(
        template=go.layout.Template(),
        font={"family": FONT, "size": 14},
        # Room on the right for the value printed past the longest horizontal bar.
        margin={"l": 8, "r": 48 if horizontal else 16, "t": 32, "b": 8},
        showlegend=len(chart.traces) > 1,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hovermode="closest",
        xaxis=value_axis if horizontal else time_axis,
        yaxis=(time_axis | {"autorange": "reversed", "type": "category"})
        if horizontal
        else value_axis,
        barmode="group",
        separators=".,",
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )


def _trace(chart: Chart, trace: Trace, colour: str) -> go.Scatter | go.Bar:
    points = trace.series.points
    values = [float(point.value) for point in points]
    hover = [
        f"{point.label}<br>{periods.display(point.period)}: {point.phrase}" for point in points
    ]
    text = _labels(trace) if trace.labels else None
    if chart.kind == "line":
        return go.Scatter(
            x=[_x(chart, point.period) for point in points],
            y=values,
            name=trace.name,
            mode="lines+markers+text" if text else "lines+markers",
            text=text,
            textposition="top center",
            line={"color": colour, "width": 3},
            marker={"size": 8},
            hovertext=hover,
            hoverinfo="text",
        )
    if chart.kind == "hbar":
        return go.Bar(
            y=[point.short_label for point in points],
            x=values,
            orientation="h",
            name=trace.name,
            marker={"color": colour},
            hovertext=hover,
            hoverinfo="text",
            text=[point.number for point in points],
            textposition="outside",
            cliponaxis=False,
        )
    labels = text or [point.number for point in points]
    rows = [
        (p.period, v, label, tip)
        for p, v, label, tip in zip(points, values, labels, hover, strict=True)
    ]
    rows += [(gap.period, None, "", "") for gap in trace.series.gaps]
    rows.sort(key=lambda row: periods.end_date(row[0]))
    return go.Bar(
        x=[periods.display(row[0]) for row in rows],
        y=[row[1] for row in rows],
        name=trace.name,
        marker={"color": colour},
        text=[row[2] for row in rows],
        textposition="outside",
        hovertext=[row[3] for row in rows],
        hoverinfo="text",
        cliponaxis=False,
    )


def _in_years(chart: Chart) -> bool:
    """True when every point and mark is a whole year: the axis then counts years, not dates."""
    marked = [fact.period for _, fact in chart.annotations]
    return all(periods.is_year(p) for p in [*marked, *(f.period for f in chart.facts)])


def _x(chart: Chart, period: str) -> int | str:
    return int(period) if _in_years(chart) else periods.plot_date(period).isoformat()


def _labels(trace: Trace) -> list[str]:
    assert trace.labels is not None
    by_period = {point.period: point.with_unit for point in trace.labels.points}
    return [by_period.get(point.period, "") for point in trace.series.points]


def _annotate(figure: go.Figure, chart: Chart, text: str, fact: Fact) -> None:
    """Shade the period and name it, written upwards inside the band so labels never collide."""
    if _in_years(chart):
        x0, x1 = int(fact.period) - 0.5, int(fact.period) + 0.5
        middle: float | str = int(fact.period)
    else:
        start, end = periods.start_date(fact.period), periods.end_date(fact.period)
        x0, x1 = start.isoformat(), end.isoformat()
        middle = (start + (end - start) / 2).isoformat()
    figure.add_vrect(
        x0=x0,
        x1=x1,
        line_width=0,
        opacity=0.15,
        fillcolor="#888888",
        layer="below",
    )
    figure.add_annotation(
        x=middle,
        y=0.98,
        yref="paper",
        yanchor="top",
        xanchor="center",
        textangle=-90,
        showarrow=False,
        text=f"{text}: {fact.with_unit}",
        font={"size": 11},
    )


def alt_text(chart: Chart) -> str:
    """What the chart shows, in words, from the same facts it plots."""
    kind = {"line": "Line chart", "bar": "Bar chart", "hbar": "Horizontal bar chart"}[chart.kind]
    parts = [f"{kind}: {chart.subtitle}."]
    for trace in chart.traces:
        points = trace.series.points
        if chart.kind == "hbar":
            listed = "; ".join(f"{p.short_label}: {p.with_unit}" for p in points)
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


def csv_text(chart: Chart) -> str:
    """The chart's data, one row per point, with unit, qualifier and sources."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "series",
            "period",
            "value",
            "unit",
            "qualifier",
            "fact",
            "calculated_by_site",
            "reliability",
            "sources",
        ]
    )
    for trace in chart.traces:
        for point in trace.series.points:
            cited = " | ".join(f"{s.publisher}: {s.address}" for s in point.sources)
            writer.writerow(
                [
                    trace.name,
                    point.period,
                    str(point.value),
                    point.unit,
                    point.qualifier or "",
                    point.key,
                    "yes" if point.derived else "no",
                    point.reliability,
                    cited,
                ]
            )
    return buffer.getvalue()
