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

A chart of the Chinese edition (render/edition.py: its facts, names and title in Chinese) is
drawn in Chinese: periods as 2024年, values as the Chinese pages write them (超过8.5万家), and a
sum in billions on an axis of 亿 (units.axis_factor: 169 billion yuan stands at 1690, and its
hover text says 1690亿元), the ticks written as the labels on the bars are (8万, not 80,000).
Chinese text is measured as a Chinese face draws it, each character a full em, and wrapped
as a Chinese label is set: between words (BudouX finds them), never before a closing mark.
"""

from __future__ import annotations

import datetime
import functools
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction

import budoux
import plotly.graph_objects as go

from microsite import periods, units
from microsite.inputs.charts import Chart, Trace, drawn_kinds, point_kinds, printed_labels
from microsite.inputs.facts import Fact

MAX_YEARS_TICKED_EACH = 12
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)  # years between ticks on a date axis
MAX_DATE_TICKS = 9
# Mid-tone colours that keep at least 3:1 contrast on both the light and the dark background.
PALETTE = ("#3467c9", "#d4591c", "#2f8a5b", "#9b4dca")
LATIN_FONTS = (
    "system-ui",
    "-apple-system",
    "'Segoe UI'",
    "Roboto",
    "'Noto Sans'",
    "'Liberation Sans'",
    "Arial",
)
# The Chinese faces the reader's system has, as static/site.css names them for Chinese text:
# none is downloaded. After the Latin ones, so that digits look as on the English charts.
CJK_FONTS = (
    "'PingFang SC'",
    "'Hiragino Sans GB'",
    "'Microsoft YaHei'",
    "'Noto Sans CJK SC'",
    "'Source Han Sans SC'",
    "'Noto Sans SC'",
)
FONT = ", ".join((*LATIN_FONTS, "sans-serif"))
FONTS = {"en": FONT, "zh": ", ".join((*LATIN_FONTS, *CJK_FONTS, "sans-serif"))}
COVERED = "zones"  # what a fact's `covers` counts: "218 zones"
# The smallest plot a phone draws (a 360 px screen, static/site.css): text placed clear of the
# points on it is clear on any larger one.
PLOT_WIDTH_PX = 170
PLOT_HEIGHT_PX = 220
SMALL_TEXT_PX = 11
CHAR_PX = 7.2  # the width of a character of 12 px text, generously
# A Chinese character is a full em wide in every Chinese face: 12 px in 12 px text, as wide as
# this many Latin characters of CHAR_PX. Line and category lengths are counted in the latter.
WIDE_CHARS = Fraction(12) / Fraction(str(CHAR_PX))  # 5/3
LINE_LABEL_CHARS = 13  # a line's name is wrapped to lines this long in the right margin
CATEGORY_CHARS = 16  # a horizontal bar's category is wrapped to lines this long
HEADROOM = Decimal("1.15")  # the value axis reaches this far above the largest value
# Marker symbols and bar patterns for the kinds of point in charts.POINT_KINDS.
SYMBOL = {"derived": "diamond", "weak": "square"}
PATTERN = {"hedged": "/", "weak": "x", "derived": "."}
CAUTION = "⚠"  # after a weakly sourced figure printed on the plot, as in the site's text
HOVER_NOTE = {"derived": "our calculation", "weak": "weak source"}
NO_FIGURE = "no figure"
# The Chinese edition's words, as its pages say them (content/zh/pages/methodology.md).
ZH_COVERED = "经开区"  # after the count of the zones a figure covers: 218家经开区
ZH_COVERAGE = "统计范围"  # a hover's line for them, before a full-width colon and the zones
ZH_ZONE_MEASURE = "家"  # a count of zones whose fact has no measure word of its own
ZH_HOVER_NOTE = {"derived": "本站计算", "weak": "可信度较低"}
ZH_NO_FIGURE = "无数据"
# Chinese lines break between any two characters, but not before closing punctuation nor after
# opening punctuation, nor between a number and the measure word or unit after it (2018年).
NO_BREAK_BEFORE = "，。、：；！？）」』》】〕”’…%"
NO_BREAK_AFTER = "（「『《【〔“‘"


def figure_json(chart: Chart, language: str = "en") -> str:
    """The Plotly figure as compact, key-sorted JSON: the same chart gives the same bytes.
    `language` is the edition's: "zh" draws the Chinese edition's chart in Chinese."""
    if chart.language != language:
        raise ValueError(
            f"chart {chart.key!r} is the {chart.language!r} edition's, not the {language!r} "
            "edition's: draw the chart of that edition's content (render/edition.localized)"
        )
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


def _chinese(chart: Chart) -> bool:
    return chart.language == "zh"


def _factor(chart: Chart) -> Decimal:
    """What a value is multiplied by to stand on the value axis: 10 for billions in Chinese,
    whose axis counts 亿 (units.axis_factor); 1 otherwise."""
    unit = chart.traces[0].series.unit
    return units.axis_factor(unit, language="zh") if _chinese(chart) else Decimal(1)


def _plotted(chart: Chart, fact: Fact) -> float:
    """Where a value stands on the value axis."""
    return float(fact.value * _factor(chart))


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
    if _chinese(chart):
        value_axis |= _chinese_ticks(chart)
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
    font = FONTS[chart.language]
    return go.Layout(
        template=go.layout.Template(),
        font={"family": font, "size": 14},
        margin={"l": 8, "r": _right_margin(chart), "t": 16, "b": 8},
        showlegend=len(chart.traces) > 1 and not _labelled_lines(chart),
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hovermode="closest",
        hoverlabel={"font": {"family": font, "size": 13}, "align": "left"},
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
    values = [fact.value * _factor(chart) for fact in chart.facts] or [Decimal(1)]
    bottom = float(min(min(values), Decimal(0)) * HEADROOM)
    top = float(max(max(values), Decimal(0)) * HEADROOM)
    return bottom, (top if top > bottom else bottom + 1.0)


# Plotly's own choice of the step between ticks: 2, 5 or 10 times a power of ten.
TICK_STEPS = (2, 5, 10)
CHINESE_TICKED = ("count", "percent", *units.MONEY)


def _chinese_ticks(chart: Chart) -> dict[str, object]:
    """The value axis's ticks where Plotly would put them (at most `nticks`, each 2, 5 or 10
    times a power of ten apart), each written as the Chinese labels write a value: 8万 and 1690,
    not Plotly's 80,000 and 1,690. Plotly prints such ticks as given, without `ticksuffix`."""
    unit = chart.traces[0].series.unit
    if unit not in CHINESE_TICKED:
        return {}
    bottom, top = (Decimal(repr(end)) for end in _value_range(chart))
    rough = (top - bottom) / 6
    base = Decimal(10) ** rough.adjusted()  # the power of ten at or below `rough`
    step = base * next(n for n in TICK_STEPS if n * base >= rough)
    first = int((bottom / step).to_integral_value(rounding=ROUND_CEILING))
    last = int((top / step).to_integral_value(rounding=ROUND_FLOOR))
    ticks = [index * step for index in range(first, last + 1)]
    # A tick is written by units.py as a label is: 1690 on an axis of 亿元 is 169 billion yuan.
    factor, suffix = _factor(chart), "%" if unit == "percent" else ""
    return {
        "tickmode": "array",
        "tickvals": [float(tick) for tick in ticks],
        "ticktext": [units.number(tick / factor, unit, language="zh") + suffix for tick in ticks],
    }


def _height(chart: Chart, value: float) -> float:
    """Where `value` stands on the value axis, from 0 at its bottom to 1 at its top."""
    bottom, top = _value_range(chart)
    return (value - bottom) / (top - bottom)


def _right_margin(chart: Chart) -> int:
    if _labelled_lines(chart):
        names = (_wrap(chart, trace.name, LINE_LABEL_CHARS) for trace in chart.traces)
        widest = max(_width(line) for lines in names for line in lines)
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
        if _chinese(chart):
            axis["ticksuffix"] = "年"  # 2024年, as the Chinese pages write a year
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
        "ticktext": [_year(chart, end.year) for end in ends],
    }


def _year(chart: Chart, year: int) -> str:
    return _period(chart, str(year)) if _chinese(chart) else str(year)


def _period(chart: Chart, period: str) -> str:
    """A period as the chart's edition writes it: 2024, October 2024; 2024年, 2024年10月."""
    return periods.display(period, "zh" if _chinese(chart) else "en")


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
        y.append(_plotted(chart, point))
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
        y=["<br>".join(_wrap(chart, point.short_label, CATEGORY_CHARS)) for point in points],
        x=[_plotted(chart, point) for point in points],
        orientation="h",
        name=trace.name,
        marker=_bar_look(points, colour),
        hovertext=[_hover(chart, trace, point) for point in points],
        hoverinfo="text",
        text=[_short(point, stacked=False) for point in points],
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
            text.append(_short(point, stacked=True) if point else "")
    return go.Bar(
        x=[_category(chart, period) for period in ordered],
        y=[_plotted(chart, point) if point else None for point in drawn],
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
    name = _period(chart, period)
    if len(covering) == 1 and (count := covering.pop()) is not None:
        # On lines of their own: "218 zones" in one is wider than a bar's slot on a phone.
        counted, zones = _cautioned(count, measure=ZH_ZONE_MEASURE), _covered(chart)
        return f'{name}<br><span style="font-size:11px">{counted}<br>{zones}</span>'
    return name


def _covered(chart: Chart) -> str:
    return ZH_COVERED if _chinese(chart) else COVERED


def _cautioned(fact: Fact, measure: str | None = None) -> str:
    """A figure printed on the plot itself, with a caution when it rests on a weak source.
    `measure`: the measure word of a Chinese count whose fact has none of its own."""
    phrase = _counted(fact, measure) if measure else fact.phrase
    return f"{phrase} {CAUTION}" if fact.cautioned else phrase


def _counted(fact: Fact, measure: str) -> str:
    """A Chinese count with a measure word, the fact's own or else `measure`: 218家."""
    if fact.language != "zh" or fact.unit != "count" or fact.measure:
        return fact.phrase
    return units.phrase(fact.value, fact.unit, fact.qualifier, language="zh", measure=measure)


def _short(fact: Fact, stacked: bool) -> str:
    """A value as printed on its bar, with the source's hedge: over 85,000. Above a narrow
    upright bar (`stacked`) the hedge stands on a line of its own.

    In Chinese the hedge stands where Chinese puts it, and the number is written as the
    axis counts: 超过8.5万, 1690 (on an axis of 亿元), 18%以上. As in English, the unit
    (家, 亿元) is left to the subtitle: 1690亿元 is wider than a bar's slot on a phone. A
    percentage keeps its narrow sign."""
    if fact.language == "zh":
        before, value, after = fact.phrase.partition(fact.with_unit)
        shown = value if fact.unit == "percent" else fact.number
        return ("<br>" if stacked else "").join(part for part in (before, shown, after) if part)
    between = "<br>" if stacked else " "
    return f"{fact.qualifier}{between}{fact.number}" if fact.qualifier else fact.number


def _hover(chart: Chart, trace: Trace, fact: Fact) -> str:
    """The trace, the period and the zones covered, the value with its hedge, and what kind of
    figure it is when it is not a plain sourced one."""
    if _chinese(chart):
        return _chinese_hover(chart, trace, fact)
    where = periods.display(fact.period)
    covering = chart.covering(fact)
    if covering is not None:
        where += f" · {_cautioned(covering)} {COVERED}"
    kinds = point_kinds(fact)
    notes = [words for kind, words in HOVER_NOTE.items() if kind in kinds]
    kind = f" ({'; '.join(notes)})" if notes else ""
    return f"<b>{trace.name}</b><br>{where}: {fact.phrase}{kind}"


def _chinese_hover(chart: Chart, trace: Trace, fact: Fact) -> str:
    """As _hover, the way Chinese writes it: 2024年：超过8.5万家（本站计算；可信度较低）, and the
    zones covered on a line of their own, 统计范围：218家经开区."""
    kinds = point_kinds(fact)
    notes = [words for kind, words in ZH_HOVER_NOTE.items() if kind in kinds]
    kind = f"（{'；'.join(notes)}）" if notes else ""
    text = f"<b>{trace.name}</b><br>{_period(chart, fact.period)}：{fact.phrase}{kind}"
    covering = chart.covering(fact)
    if covering is not None:
        zones = f"{_counted(covering, ZH_ZONE_MEASURE)}{ZH_COVERED}"
        text += f"<br>{ZH_COVERAGE}：{zones}{f' {CAUTION}' if covering.cautioned else ''}"
    return text


def _width(text: str) -> Fraction:
    """How wide text is, in Latin characters of CHAR_PX: a Chinese character (East Asian Wide
    or Fullwidth) counts as WIDE_CHARS of them. Exact, so that a line of six fits in ten."""
    return sum((WIDE_CHARS if _wide(char) else Fraction(1) for char in text), Fraction(0))


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _wrap(chart: Chart, text: str, width: int) -> list[str]:
    """Text in lines at most `width` Latin characters wide (see _width), broken at spaces, and
    in Chinese between characters too (see _pieces). A longer piece keeps a line to itself."""
    pieces = _pieces(text)
    return _set_chinese(pieces, width) if _chinese(chart) else _fill(pieces, width)


@dataclass(frozen=True)
class _Piece:
    """Text no line breaks inside."""

    text: str
    spaced: bool  # a space stands before it
    in_word: bool  # it goes on a word of Chinese: a break before it would part the word


@functools.cache
def _phrases() -> budoux.Parser:
    """BudouX's model of where Simplified Chinese phrases end (Apache-2.0, by Google): Chinese
    writes no spaces, and a break inside a word (高新技术产 / 业开发区) reads badly."""
    return budoux.load_default_simplified_chinese_parser()


def _pieces(text: str) -> list[_Piece]:
    """Text as the pieces no line breaks inside: Latin words, and Chinese characters one by
    one, except that a piece keeps closing punctuation after it, opening punctuation before it,
    and a number the word after it (2018年)."""
    pieces: list[_Piece] = []
    for word in text.split():
        chinese = any(_wide(char) for char in word)
        phrases = _phrases().parse(word) if chinese else [word]
        previous = ""
        for phrase in phrases:
            for index, char in enumerate(phrase):
                if not previous:
                    pieces.append(_Piece(char, spaced=True, in_word=False))
                elif _breaks(previous, char):
                    pieces.append(_Piece(char, spaced=False, in_word=index > 0))
                else:
                    last = pieces[-1]
                    pieces[-1] = _Piece(last.text + char, last.spaced, last.in_word)
                previous = char
    return pieces


def _breaks(before: str, after: str) -> bool:
    """Whether a line may break between two characters with no space between them."""
    if after in NO_BREAK_BEFORE or before in NO_BREAK_AFTER:
        return False
    if before.isdigit() or before in "%.":
        return False  # 2018年, 8.5万家
    return _wide(before) or _wide(after)


def _fill(pieces: list[_Piece], width: int) -> list[str]:
    """Each line as full as it goes."""
    lines: list[str] = []
    for piece in pieces:
        joined = f"{lines[-1]}{' ' if piece.spaced else ''}{piece.text}" if lines else piece.text
        if lines and _width(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(piece.text)
    return lines or [""]


_Cost = tuple[int, int, int, Fraction, tuple[Fraction, ...]]


def _set_chinese(pieces: list[_Piece], width: int) -> list[str]:
    """Lines as a Chinese label is set: no character alone on the last line (国家级经开区数
    / 量); as few lines as fit, a word parted costing as much as a line more (海关特殊监管区 /
    域 is worse than 海关特殊 / 监管区域); then as even as they go (边境和跨境 / 经济合作区),
    the fuller line first when two ways are alike. Found by trying every way: a label is
    short."""
    if not pieces:
        return [""]
    count = len(pieces)
    # From each piece to the end: the best cost (a character alone, lines and words parted,
    # words parted, the widest line, each line's width, fuller first) and its lines.
    best: dict[int, tuple[_Cost, list[str]]] = {count: ((0, 0, 0, Fraction(0), ()), [])}
    for start in range(count - 1, -1, -1):
        options = []
        for end in range(start + 1, count + 1):
            line = _joined(pieces[start:end])
            if end > start + 1 and _width(line) > width:
                break
            (alone, lines, parted, widest, widths), rest = best[end]
            if end == count:
                alone = int(start > 0 and _alone(line))
            else:
                parted += pieces[end].in_word
            cost = (
                alone,
                lines + 1 + (pieces[end].in_word if end < count else 0),
                parted,
                max(widest, _width(line)),
                (-_width(line), *widths),
            )
            options.append((cost, [line, *rest]))
        best[start] = min(options, key=lambda option: option[0])
    return best[0][1]


def _joined(pieces: list[_Piece]) -> str:
    return "".join(
        f"{' ' if piece.spaced and index else ''}{piece.text}" for index, piece in enumerate(pieces)
    )


def _alone(line: str) -> bool:
    """A line of one character, but for its punctuation: 量, 算）."""
    return sum(char not in NO_BREAK_BEFORE + NO_BREAK_AFTER for char in line) == 1


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
                text=ZH_NO_FIGURE if _chinese(chart) else "no<br>figure",
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
        words = ZH_NO_FIGURE if _chinese(chart) else NO_FIGURE
        at_top = _free_side(chart, where, 0.0, _width(words)) == "top"
        _upright_label(figure, x, words, at_top, xanchor="left", xshift=1, color=colour)


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
    label = f"{text}{'：' if _chinese(chart) else ': '}{_cautioned(fact)}"
    at_top = _free_side(chart, centre, half, _width(label)) == "top"
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


def _free_side(chart: Chart, centre: float, half_width: float, characters: Fraction) -> str:
    """ "top" or "bottom": where text `characters` Latin letters long (see _width), standing
    upright over `centre` (in years along the axis), keeps clear of every point on the smallest
    plot. The side with the more room when neither is clear."""
    reach = half_width + _text_reach(chart)
    near = [
        _height(chart, _plotted(chart, fact))
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
        lines = _wrap(chart, trace.name, LINE_LABEL_CHARS)
        ends.append((_plotted(chart, last), lines, _colour(index)))
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
