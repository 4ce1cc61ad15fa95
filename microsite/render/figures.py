"""A chart as a Plotly figure, in JSON for the page's script to draw.

Kept apart from charts.py because plotly takes a noticeable part of a second to import, and
a build needs it only when the site has charts to draw. Longer than 400 lines on purpose: the
axes, traces, gap marks, event labels and line labels all place themselves by the same
geometry (_x_number, _text_reach, _value_range), and split into modules they would pass it back
and forth.

What the figure promises a reader:
- It plots observed values only. A line joins two points only when their periods are adjacent
  (2021 and 2022); between any others the line breaks (a None in the data, connectgaps off),
  so no value is drawn for a year nobody counted.
- On a date axis a value stands at the last day of its period (periods.plot_date): a count
  for 2024 is drawn after the October 2024 upgrades it includes. On an axis of whole years a
  year is drawn at its own tick.
- A period with no figure keeps its place on the axis, marked "no figure".
- Every label and hover text shows the source's hedge ("over 85,000"); a hedged, calculated or
  weakly sourced point looks different (charts.STYLE_WORDS), and the chart says so under it.
- Text on the plot (event labels, line labels) is placed where no point is, as measured on
  the narrowest plot a phone draws (PLOT_WIDTH_PX by PLOT_HEIGHT_PX).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

from microsite import periods
from microsite.inputs.charts import Chart, Trace, drawn_kinds, point_kinds, printed_labels
from microsite.inputs.facts import Fact

MAX_YEARS_TICKED_EACH = 12
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)  # years between ticks on a date axis
MAX_DATE_TICKS = 9
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
COVERED = "zones"  # what a fact's `covers` counts: "218 zones"
# The smallest plot a phone draws (a 360 px screen, static/site.css): text placed clear of the
# points on it is clear on any larger one.
PLOT_WIDTH_PX = 170
PLOT_HEIGHT_PX = 220
SMALL_TEXT_PX = 11
CHAR_PX = 7.2  # the width of a character of 12 px text, generously
LINE_LABEL_CHARS = 13  # a line's name is wrapped to lines this long in the right margin
CATEGORY_CHARS = 16  # a horizontal bar's category is wrapped to lines this long
HEADROOM = Decimal("1.15")  # the value axis reaches this far above the largest value
# Marker symbols and bar patterns for the kinds of point in charts.POINT_KINDS.
SYMBOL = {"derived": "diamond", "weak": "square"}
PATTERN = {"hedged": "/", "weak": "x", "derived": "."}
CAUTION = "⚠"  # after a weakly sourced figure printed on the plot, as in the site's text
HOVER_NOTE = {"derived": "our calculation", "weak": "weak source"}


def figure_json(chart: Chart) -> str:
    """The Plotly figure as compact, key-sorted JSON: the same chart gives the same bytes."""
    figure = go.Figure(layout=_layout(chart))
    for index, trace in enumerate(chart.traces):
        figure.add_trace(_trace(chart, trace, _colour(index)))
    _mark_gaps(figure, chart)
    for text, fact in chart.annotations:
        _annotate(figure, chart, text, fact)
    if _labelled_lines(chart):
        _label_lines(figure, chart)
    return json.dumps(
        figure.to_plotly_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _labelled_lines(chart: Chart) -> bool:
    """Lines are named at their ends, in the right margin, rather than in a legend."""
    return chart.kind == "line" and len(chart.traces) > 1


def _layout(chart: Chart) -> go.Layout:
    value_axis = {
        "range": list(_value_range(chart)),
        "automargin": True,
        "separatethousands": True,
        "fixedrange": True,
        "zeroline": False,
        "showline": False,
        "ticks": "",
        "tickfont": {"size": 12},
        "tickformat": ",~g",  # 80,000 rather than Plotly's 80k
        "nticks": 6,
    }
    if chart.traces[0].series.unit == "percent":
        value_axis["ticksuffix"] = "%"
    time_axis = {
        "automargin": True,
        "fixedrange": True,
        "showgrid": False,
        "showline": True,
        "ticks": "outside",
        "ticklen": 4,
        "tickfont": {"size": 12},
    }
    if chart.kind == "bar":
        slots = len(_bar_periods(chart))
        time_axis |= {"type": "category", "range": [-0.5, slots - 0.5], "tickangle": 0}
    elif chart.kind == "line":
        time_axis |= _time_range(chart)
    horizontal = chart.kind == "hbar"
    return go.Layout(
        template=go.layout.Template(),
        font={"family": FONT, "size": 14},
        margin={"l": 8, "r": _right_margin(chart), "t": 16, "b": 8},
        showlegend=len(chart.traces) > 1 and not _labelled_lines(chart),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hovermode="closest",
        hoverlabel={"font": {"family": FONT, "size": 13}, "align": "left"},
        dragmode=False,
        xaxis=(value_axis | {"showgrid": True}) if horizontal else time_axis,
        yaxis=(time_axis | {"autorange": "reversed", "type": "category", "showline": False})
        if horizontal
        else value_axis,
        barmode="group",
        bargap=0.3,
        separators=".,",
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )


def _value_range(chart: Chart) -> tuple[float, float]:
    """The value axis: from zero, or below it for a negative value, with room past the largest
    and the smallest value for the label printed on it."""
    values = [fact.value for fact in chart.facts] or [Decimal(1)]
    bottom = float(min(min(values), Decimal(0)) * HEADROOM)
    top = float(max(max(values), Decimal(0)) * HEADROOM)
    return bottom, (top if top > bottom else bottom + 1.0)


def _height(chart: Chart, value: float) -> float:
    """Where `value` stands on the value axis, from 0 at its bottom to 1 at its top."""
    bottom, top = _value_range(chart)
    return (value - bottom) / (top - bottom)


def _right_margin(chart: Chart) -> int:
    if _labelled_lines(chart):
        widest = max(len(line) for t in chart.traces for line in _wrap(t.name, LINE_LABEL_CHARS))
        return int(widest * CHAR_PX) + 12
    return 16


def _time_range(chart: Chart) -> dict[str, object]:
    """The line chart's time axis, wide enough for every point, gap and marked event."""
    spans = [(fact.period, fact.period) for fact in chart.facts]
    spans += [(period, period) for period in chart.gap_periods]
    spans += [(fact.period, fact.period) for _, fact in chart.annotations]
    if _in_years(chart):
        years = [int(p) for span in spans for p in span]
        axis: dict[str, object] = {
            "type": "linear",
            "tickformat": "d",
            "range": [min(years) - 0.6, max(years) + 0.6],
        }
        if max(years) - min(years) <= MAX_YEARS_TICKED_EACH:
            axis["dtick"] = 1
        return axis
    first = min(periods.start_date(start) for start, _ in spans)
    last = max(periods.end_date(end) for _, end in spans)
    pad = (last - first) * 0.03
    low, high = first - pad, last + pad
    # A year's tick stands at its last day, where its count is drawn: the count for 2024 sits
    # on the tick "2024", not on a tick "2025" that Plotly would put at 1 January.
    years = high.year - low.year
    step = next((n for n in YEAR_STEPS if years / n <= MAX_DATE_TICKS), years // MAX_DATE_TICKS)
    ends = [
        datetime.date(year, 12, 31)
        for year in range(low.year, high.year + 1)
        if year % step == 0 and low <= datetime.date(year, 12, 31) <= high
    ]
    return {
        "type": "date",
        "range": [low.isoformat(), high.isoformat()],
        "tickmode": "array",
        "tickvals": [end.isoformat() for end in ends],
        "ticktext": [str(end.year) for end in ends],
    }


def _in_years(chart: Chart) -> bool:
    """True when every point, gap and mark is a whole year: the axis then counts years."""
    marked = [fact.period for _, fact in chart.annotations]
    every = [*marked, *chart.gap_periods, *(f.period for f in chart.facts)]
    return all(periods.is_year(p) for p in every)


def _x(chart: Chart, period: str) -> int | str:
    return int(period) if _in_years(chart) else periods.plot_date(period).isoformat()


def _x_number(chart: Chart, period: str) -> float:
    """Where a period is plotted, in years, to measure distances along the axis."""
    if _in_years(chart):
        return float(period)
    return _year_number(periods.plot_date(period))


def _year_number(day: datetime.date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 365.25


def _trace(chart: Chart, trace: Trace, colour: str) -> go.Scatter | go.Bar:
    if chart.kind == "line":
        return _line(chart, trace, colour)
    if chart.kind == "hbar":
        return _hbar(chart, trace, colour)
    return _bars(chart, trace, colour)


def _line(chart: Chart, trace: Trace, colour: str) -> go.Scatter:
    """Markers at the observed values, joined only where their periods are adjacent."""
    points = trace.series.points
    labels = printed_labels(trace)
    x: list[int | str | None] = []
    y: list[float | None] = []
    hover: list[str] = []
    text: list[str] = []
    symbols: list[str] = []
    for index, point in enumerate(points):
        if index and not periods.adjacent(points[index - 1].period, point.period):
            x.append(None)  # a break: no line across a period with no figure
            y.append(None)
            hover.append("")
            text.append("")
            symbols.append("circle")
        x.append(_x(chart, point.period))
        y.append(float(point.value))
        hover.append(_hover(chart, trace, point))
        text.append(labels[index].phrase if labels[index] else "")
        symbols.append(_symbol(point))
    return go.Scatter(
        x=x,
        y=y,
        name=trace.name,
        mode="lines+markers+text" if trace.labels else "lines+markers",
        connectgaps=False,
        text=text if trace.labels else None,
        textposition="top center",
        textfont={"size": 12},
        line={"color": colour, "width": 2.5},
        marker={
            "size": 9,
            "color": colour,
            "symbol": symbols,
            "line": {"color": colour, "width": 2},
        },
        hovertext=hover,
        hoverinfo="text",
        cliponaxis=False,
    )


def _symbol(fact: Fact) -> str:
    """A filled circle for a plain sourced figure; a diamond for our calculation, a square
    for a weak source; hollow where the source hedged the figure."""
    kinds = drawn_kinds(fact, "line")
    base = next((SYMBOL[kind] for kind in kinds if kind in SYMBOL), "circle")
    return f"{base}-open" if "hedged" in kinds else base


def _bar_look(points: Sequence[Fact | None], colour: str) -> dict[str, object]:
    """Solid bars for plain sourced figures; hatched for hedged ones, cross-hatched for a weak
    source, dotted for our calculation; each outlined in the trace's colour."""
    shapes = []
    for point in points:
        kinds = drawn_kinds(point, "bar") if point else ()
        shapes.append(next((PATTERN[kind] for kind in kinds), ""))
    look: dict[str, object] = {"color": colour, "line": {"color": colour, "width": 1.5}}
    if any(shapes):
        look["pattern"] = {
            "shape": shapes,
            "fillmode": "overlay",
            "fgcolor": "#ffffff",
            "fgopacity": 0.85,
            "size": 7,
            "solidity": 0.35,
        }
    return look


def _hbar(chart: Chart, trace: Trace, colour: str) -> go.Bar:
    points = trace.series.points
    return go.Bar(
        y=["<br>".join(_wrap(point.short_label, CATEGORY_CHARS)) for point in points],
        x=[float(point.value) for point in points],
        orientation="h",
        name=trace.name,
        marker=_bar_look(points, colour),
        hovertext=[_hover(chart, trace, point) for point in points],
        hoverinfo="text",
        text=[_short(point) for point in points],
        textposition="outside",
        textfont={"size": 12},
        cliponaxis=False,
    )


def _bars(chart: Chart, trace: Trace, colour: str) -> go.Bar:
    """A bar for each period, and an empty slot for each period with no figure."""
    points = trace.series.points
    labels = printed_labels(trace)
    by_period: dict[str, tuple[Fact | None, Fact | None]] = {
        point.period: (point, label) for point, label in zip(points, labels, strict=True)
    }
    ordered = _bar_periods(chart)
    for period in ordered:
        by_period.setdefault(period, (None, None))
    drawn = [by_period[period][0] for period in ordered]
    text = []
    for period in ordered:
        point, label = by_period[period]
        if trace.labels:  # the label series' value, in its unit: 24.4%
            text.append(label.phrase if label else "")
        else:
            text.append(_short(point, "<br>") if point else "")
    return go.Bar(
        x=[_category(chart, period) for period in ordered],
        y=[float(point.value) if point else None for point in drawn],
        name=trace.name,
        marker=_bar_look(drawn, colour),
        text=text,
        textposition="outside",
        textfont={"size": 12},
        constraintext="none",
        hovertext=[_hover(chart, trace, point) if point else "" for point in drawn],
        hoverinfo="text",
        cliponaxis=False,
    )


def _bar_periods(chart: Chart) -> list[str]:
    """The bar chart's slots: every period a trace has a figure or a gap for, in time order."""
    found = {point.period: None for point in chart.facts} | dict.fromkeys(chart.gap_periods)
    return sorted(found, key=periods.end_date)


def _category(chart: Chart, period: str) -> str:
    """A bar's category: its period, and under it the zones its figures cover, when every
    trace's figure for the period covers the same count."""
    covering = {
        chart.covering(point)
        for trace in chart.traces
        for point in trace.series.points
        if point.period == period
    }
    name = periods.display(period)
    if len(covering) == 1 and (count := covering.pop()) is not None:
        # On lines of their own: "218 zones" in one is wider than a bar's slot on a phone.
        return f'{name}<br><span style="font-size:11px">{_cautioned(count)}<br>{COVERED}</span>'
    return name


def _cautioned(fact: Fact) -> str:
    """A figure printed on the plot itself, with a caution when it rests on a weak source."""
    return f"{fact.phrase} {CAUTION}" if fact.cautioned else fact.phrase


def _short(fact: Fact, between: str = " ") -> str:
    """A value as printed on its bar, with the source's hedge: over 85,000 (the hedge on a line
    of its own above a narrow upright bar, `between`="<br>")."""
    return f"{fact.qualifier}{between}{fact.number}" if fact.qualifier else fact.number


def _hover(chart: Chart, trace: Trace, fact: Fact) -> str:
    """The trace, the period and the zones covered, the value with its hedge, and what kind of
    figure it is when it is not a plain sourced one."""
    where = periods.display(fact.period)
    covering = chart.covering(fact)
    if covering is not None:
        where += f" · {_cautioned(covering)} {COVERED}"
    kinds = point_kinds(fact)
    notes = [words for kind, words in HOVER_NOTE.items() if kind in kinds]
    kind = f" ({'; '.join(notes)})" if notes else ""
    return f"<b>{trace.name}</b><br>{where}: {fact.phrase}{kind}"


def _wrap(text: str, width: int) -> list[str]:
    """Words in lines of at most `width` characters (a longer word keeps a line to itself)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _mark_gaps(figure: go.Figure, chart: Chart) -> None:
    """Each period with no figure keeps its slot on the axis, marked: words in a bar chart's
    empty slot; a dotted rule across a line chart, in the colour of the line that lacks it
    when others have a figure, named where the name has room (the notes under the chart list
    every gap)."""
    if chart.kind == "hbar":
        return
    labelled: list[float] = []
    for period in chart.gap_periods:
        if chart.kind == "bar":
            # By the slot's index: Plotly reads a category that looks like a number, "2020",
            # as that number, and stretches the axis to it.
            figure.add_annotation(
                x=_bar_periods(chart).index(period),
                y=0.01,
                yref="paper",
                yanchor="bottom",
                showarrow=False,
                text="no<br>figure",
                font={"size": SMALL_TEXT_PX},
                opacity=0.8,
            )
            continue
        x, where = _x(chart, period), _x_number(chart, period)
        colour = _gap_colour(chart, period)
        figure.add_shape(
            type="line",
            x0=x,
            x1=x,
            y0=0,
            y1=1,
            yref="paper",
            layer="below",
            line={"color": colour, "width": 1.5, "dash": "dot"},
        )
        if any(abs(where - other) <= _text_reach(chart) for other in labelled):
            continue  # its name would touch the last one's on a phone
        labelled.append(where)
        at_top = _free_side(chart, where, 0.0, len("no figure")) == "top"
        _upright_label(figure, x, "no figure", at_top, xanchor="left", xshift=1, color=colour)


def _gap_colour(chart: Chart, period: str) -> str:
    """The colour of the one line that has no figure for `period`, or grey for all."""
    missing = [
        index
        for index, trace in enumerate(chart.traces)
        if any(gap.period == period for gap in trace.series.gaps)
    ]
    if len(chart.traces) > 1 and len(missing) == 1:
        return _colour(missing[0])
    return "#888888"


def _annotate(figure: go.Figure, chart: Chart, text: str, fact: Fact) -> None:
    """Shade the period and name it, written upwards inside the band, at the top or the bottom
    of the plot, whichever no point comes near."""
    if _in_years(chart):
        x0, x1 = int(fact.period) - 0.5, int(fact.period) + 0.5
        middle: float | str = int(fact.period)
        centre, half = float(fact.period), 0.5
    else:
        start = periods.start_date(fact.period)
        end = periods.end_date(fact.period) + datetime.timedelta(days=1)
        x0, x1 = start.isoformat(), end.isoformat()
        middle = (start + (end - start) / 2).isoformat()
        centre = (_year_number(start) + _year_number(end)) / 2
        half = (_year_number(end) - _year_number(start)) / 2
    figure.add_vrect(
        x0=x0,
        x1=x1,
        line_width=0,
        opacity=0.15,
        fillcolor="#888888",
        layer="below",
    )
    label = f"{text}: {_cautioned(fact)}"
    at_top = _free_side(chart, centre, half, len(label)) == "top"
    _upright_label(figure, middle, label, at_top, xanchor="center")


def _upright_label(
    figure: go.Figure,
    x: float | str,
    text: str,
    at_top: bool,
    xanchor: str,
    xshift: int = 0,
    color: str | None = None,
) -> None:
    """Small text written upwards at `x`, against the top or the bottom of the plot."""
    figure.add_annotation(
        x=x,
        y=0.99 if at_top else 0.01,
        yref="paper",
        yanchor="top" if at_top else "bottom",
        xanchor=xanchor,
        textangle=-90,
        showarrow=False,
        text=text,
        font={"size": SMALL_TEXT_PX} | ({"color": color} if color else {}),
        **({"xshift": xshift} if xshift else {}),
    )


def _free_side(chart: Chart, centre: float, half_width: float, characters: int) -> str:
    """ "top" or "bottom": where text of `characters` characters, standing upright over
    `centre` (in years along the axis), keeps clear of every point on the smallest plot.
    The side with the more room when neither is clear."""
    reach = half_width + _text_reach(chart)
    near = [
        _height(chart, float(fact.value))
        for fact in chart.facts
        if abs(_x_number(chart, fact.period) - centre) <= reach
    ]
    length = (characters * CHAR_PX + 12) / PLOT_HEIGHT_PX  # the text's height and a marker
    room_above = 1 - max(near, default=0)
    room_below = min(near, default=1)
    if room_above >= length or room_above >= room_below:
        return "top"
    return "bottom"


def _text_reach(chart: Chart) -> float:
    """How far along the axis, in years, upright text and a marker beside it reach on the
    smallest plot."""
    return (SMALL_TEXT_PX + 10) / PLOT_WIDTH_PX * _x_span(chart)


def _x_span(chart: Chart) -> float:
    if chart.kind != "line":
        return float(len(chart.rows) or 1)
    low, high = _time_range(chart)["range"]  # type: ignore[misc]
    if isinstance(low, str):
        low = _year_number(datetime.date.fromisoformat(low))
        high = _year_number(datetime.date.fromisoformat(high))
    return float(high) - float(low) or 1.0


def _label_lines(figure: go.Figure, chart: Chart) -> None:
    """Each line's name in the right margin, level with its last point, in its colour; names
    that would touch are moved apart, as measured on the smallest plot."""
    ends = []
    for index, trace in enumerate(chart.traces):
        last = trace.series.points[-1]
        lines = _wrap(trace.name, LINE_LABEL_CHARS)
        ends.append((float(last.value), lines, _colour(index)))
    ends.sort(key=lambda end: -end[0])
    line_px = 15
    placed_bottom: float | None = None  # pixels from the plot's top
    for value, lines, colour in ends:
        wanted = (1 - _height(chart, value)) * PLOT_HEIGHT_PX
        height = len(lines) * line_px
        centre = wanted
        if placed_bottom is not None and centre - height / 2 < placed_bottom + 4:
            centre = placed_bottom + 4 + height / 2
        placed_bottom = centre + height / 2
        figure.add_annotation(
            x=1,
            xref="paper",
            xanchor="left",
            xshift=6,
            y=value,
            yref="y",
            yanchor="middle",
            yshift=-(centre - wanted),
            showarrow=False,
            align="left",
            text="<br>".join(lines),
            font={"size": 12, "color": colour},
        )
