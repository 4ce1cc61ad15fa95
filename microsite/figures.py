"""A chart as a Plotly figure, in JSON for the page's script to draw.

Kept apart from charts.py because plotly takes a noticeable part of a second to import, and
a build needs it only when the site has charts to draw.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go

from microsite import periods, units
from microsite.charts import Chart, Trace, unit_of
from microsite.facts import Fact

MAX_YEARS_TICKED_EACH = 12
# Mid-tone colours that keep at least 3:1 contrast on both the light and the dark background.
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
