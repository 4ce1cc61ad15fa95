import csv
import io
import json

import pytest

from microsite import periods
from microsite.build.builder import build
from microsite.checks import lint
from microsite.errors import BuildFailed
from microsite.inputs import charts, content
from microsite.inputs.project import Project
from microsite.render import figures, opendata
from tests.conftest import append_to, replace_in


@pytest.fixture
def site(project):
    return content.read(Project(project))


def test_every_plotted_value_is_a_fact_value(site):
    for chart in site.charts.values():
        figure = json.loads(figures.figure_json(chart))
        for trace, drawn in zip(chart.traces, figure["data"], strict=True):
            plotted = [v for v in drawn["y" if chart.kind != "hbar" else "x"] if v is not None]
            assert plotted == [float(point.value) for point in trace.series.points]


def test_bar_chart_keeps_a_slot_for_a_gap(site):
    figure = json.loads(figures.figure_json(site.charts["gdp"]))
    assert figure["data"][0]["x"] == ["2020", "2024"]
    assert figure["data"][0]["y"] == [None, 16.9]


def test_line_chart_on_a_date_axis_plots_a_year_at_its_end(site):
    # The annotation's period is a day, so this chart's axis is in dates. A count for 2024
    # holds at the end of 2024: it includes whatever was added during the year.
    figure = json.loads(figures.figure_json(site.charts["zones_count"]))
    assert figure["data"][0]["x"] == ["2023-12-31", "2024-12-31"]
    # The axis ticks a year at its end too, so that the 2024 count is not read as 2025's.
    axis = figure["layout"]["xaxis"]
    ticks = dict(zip(axis["ticktext"], axis["tickvals"], strict=True))
    assert ticks["2020"] == "2020-12-31"
    assert figure["layout"]["annotations"][0]["text"] == "First zone: 1984"
    assert figure["layout"]["annotations"][0]["x"] == "1984-09-25"


def test_line_chart_of_whole_years_counts_years(project):
    from tests.conftest import replace_in

    replace_in(
        project / "data/charts.yaml",
        "    annotations:\n      - fact: first_year\n        text: First zone\n",
        "",
    )
    chart = content.read(Project(project)).charts["zones_count"]
    figure = json.loads(figures.figure_json(chart))
    assert figure["data"][0]["x"] == [2023, 2024]
    assert figure["layout"]["xaxis"]["tickformat"] == "d"


def test_figure_json_is_stable(site):
    chart = site.charts["zones_count"]
    assert figures.figure_json(chart) == figures.figure_json(chart)


def test_alt_text_comes_from_the_facts(site):
    assert charts.alt_text(site.charts["zones_count"]) == (
        "Line chart: National-level zones in existence. Zones in existence: 229 in 2023, 232 in 2024."
    )


def test_csv_has_a_source_for_every_point(site):
    rows = list(csv.DictReader(io.StringIO(opendata.chart_csv(site.charts["zones_count"]))))
    assert [(row["period"], row["value"]) for row in rows] == [("2023", "229"), ("2024", "232")]
    assert rows[1]["sources"] == (
        "Official Daily: https://example.org/zones-2025 | "
        "Ministry of Commerce: https://example.net/repost"
    )


def test_unknown_series_in_a_chart(project):
    replace_in(project / "data/charts.yaml", "series: zones_count", "series: zone_count")
    with pytest.raises(BuildFailed) as caught:
        content.read(Project(project))
    assert [str(e) for e in caught.value.errors] == [
        "data/charts.yaml:2: chart 'zones_count' draws series 'zone_count', which does not exist\n"
        "  hint: did you mean 'zones_count'?"
    ]


def test_series_with_an_unknown_fact_or_another_unit(project):
    replace_in(project / "data/series.yaml", "[zones_2023, zones_2024]", "[zones_2023, gdp_2024]")
    replace_in(project / "data/series.yaml", "facts: [gdp_2024]", "facts: [gdp_2042]")
    with pytest.raises(BuildFailed) as caught:
        content.read(Project(project))
    found = [str(e) for e in caught.value.errors]
    # Said at the fact, which an editor most likely just changed, and at the series.
    assert found[0] == (
        "data/facts/economy.yaml:4: fact 'gdp_2024' is in yuan_trillion, but series "
        "'zones_count', which plots it, is in count\n"
        "  hint: check the fact's unit and value against its source: every figure in the series "
        "is in count"
    )
    assert found[1] == (
        "data/series.yaml:2: series 'zones_count' is in count but fact 'gdp_2024' is in "
        "yuan_trillion\n"
        "  hint: if fact 'gdp_2024' is right, it belongs in another series; a series plots one unit"
    )
    assert (
        "series 'gdp' lists 'gdp_2042', which is not a fact\n  hint: did you mean 'gdp_2024'?"
        in found[2]
    )


# Charts as issue 16 asks for them: observed values only, gaps kept, hedges shown, coverage
# shown, sources credited where they carry a value. Each test builds on the minimal case.


def _add_facts(project, file: str, text: str) -> None:
    path = project / "data/facts" / file
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _chart(project, key: str) -> charts.Chart:
    return content.read(Project(project)).charts[key]


def _figure(project, key: str) -> dict:
    return json.loads(figures.figure_json(_chart(project, key)))


def _without_annotation(project) -> None:
    replace_in(
        project / "data/charts.yaml",
        "    annotations:\n      - fact: first_year\n        text: First zone\n",
        "",
    )


ZONES_2021 = """
  - key: zones_2021
    label: Zones in existence
    value: 217
    unit: count
    period: "2021"
    sources: [official_2025]
"""


@pytest.mark.parametrize(
    ("earlier", "later", "joined"),
    [
        ("2021", "2022", True),
        ("2024-05", "2024-06", True),
        ("2019", "2021", False),
        ("2004-08", "2014-06", False),
        ("1984/1988", "1993", False),
        ("2024", "2024-10", False),
        ("2019", "2020/2022", False),
        ("2024", "2025-01", False),
    ],
)
def test_only_adjacent_periods_are_joined(earlier, later, joined):
    assert periods.adjacent(earlier, later) is joined


def test_no_line_across_a_missing_year(project):
    _without_annotation(project)
    _add_facts(project, "zones.yaml", ZONES_2021)
    replace_in(
        project / "data/series.yaml",
        "[zones_2023, zones_2024]",
        "[zones_2021, zones_2023, zones_2024]",
    )
    drawn = _figure(project, "zones_count")["data"][0]
    # 2021 stands alone; 2023 and 2024 are adjacent and joined.
    assert drawn["x"] == [2021, None, 2023, 2024]
    assert drawn["y"] == [217.0, None, 229.0, 232.0]
    assert drawn["connectgaps"] is False


def test_no_line_between_counts_years_apart_on_a_date_axis(project):
    # Counts of August 2004 and June 2014 say nothing about the years between them.
    _add_facts(
        project,
        "zones.yaml",
        """
  - key: zones_2004
    label: Zones in existence
    value: 49
    unit: count
    period: "2004-08"
    sources: [official_2025]
""",
    )
    replace_in(
        project / "data/series.yaml",
        "[zones_2023, zones_2024]",
        "[zones_2004, zones_2023, zones_2024]",
    )
    drawn = _figure(project, "zones_count")["data"][0]
    assert drawn["x"] == ["2004-08-31", None, "2023-12-31", "2024-12-31"]


def test_a_year_with_no_figure_stays_on_a_line_chart_and_is_marked(project):
    _without_annotation(project)
    replace_in(
        project / "data/series.yaml",
        "    facts: [zones_2023, zones_2024]\n",
        '    facts: [zones_2023, zones_2024]\n    gaps:\n      - period: "2022"\n'
        "        note: no count was found.\n",
    )
    chart = _chart(project, "zones_count")
    figure = json.loads(figures.figure_json(chart))
    assert figure["layout"]["xaxis"]["range"][0] < 2022
    assert [shape["x0"] for shape in figure["layout"]["shapes"]] == [2022]
    marks = [a for a in figure["layout"]["annotations"] if a["text"] == "no figure"]
    assert [mark["x"] for mark in marks] == [2022]
    assert chart.rows[0] == ("2022", [None])
    assert chart.gap_notes == ("2022: no count was found.",)


def test_a_year_missing_from_a_bar_and_its_label_gets_one_note(project):
    replace_in(
        project / "data/series.yaml",
        "        note: no official figure was found.\n",
        "        note: no official figure was found.\n"
        "  - key: gdp_share\n    label: Share\n    unit: percent\n"
        '    facts: [gdp_share_2024_calc]\n    gaps:\n      - period: "2020"\n'
        "        note: so no share is calculated.\n",
    )
    replace_in(
        project / "data/charts.yaml",
        "        name: Regional GDP\n",
        "        name: Regional GDP\n        labels: gdp_share\n",
    )
    assert _chart(project, "gdp").gap_notes == (
        "2020: no official figure was found. so no share is calculated.",
    )


def test_a_year_with_no_figure_is_marked_in_its_bar_slot(site):
    figure = json.loads(figures.figure_json(site.charts["gdp"]))
    assert figure["data"][0]["x"][0] == "2020"
    marks = [a for a in figure["layout"]["annotations"] if "no<br>figure" in a["text"]]
    assert [mark["x"] for mark in marks] == [0]  # the first slot, 2020
    assert figure["layout"]["xaxis"]["range"] == [-0.5, 1.5]


HEDGED_CHART = """
  - key: hightech
    title: More than a sixth
    subtitle: Share of high-tech firms, per cent
    kind: bar
    traces:
      - series: hightech
        name: Share of high-tech firms
"""
HEDGED_SERIES = """
  - key: hightech
    label: Share of high-tech firms
    unit: percent
    facts: [hightech_share_2025]
"""


def _hedged_chart(project, kind: str = "bar") -> None:
    append_to(project / "data/charts.yaml", HEDGED_CHART.replace("kind: bar", f"kind: {kind}"))
    append_to(project / "data/series.yaml", HEDGED_SERIES)


@pytest.mark.parametrize("kind", ["bar", "hbar", "line"])
def test_a_hedged_value_is_never_shown_bare_on_the_plot(project, kind):
    _hedged_chart(project, kind)
    chart = _chart(project, "hightech")
    drawn = json.loads(figures.figure_json(chart))["data"][0]
    assert drawn["hovertext"][0].endswith("2024: more than 18%")
    if kind == "line":
        assert drawn["marker"]["symbol"] == ["circle-open"]
    else:
        assert drawn["text"][0].replace("<br>", " ") == "more than 18"
    assert "more than 18%" in charts.alt_text(chart)


def test_a_hedged_value_looks_different_and_the_chart_says_why(project):
    _hedged_chart(project)
    chart = _chart(project, "hightech")
    drawn = json.loads(figures.figure_json(chart))["data"][0]
    assert drawn["marker"]["pattern"]["shape"] == ["/"]
    assert chart.style_notes == (
        "Hatched bars mark figures the source gave with a hedge, such as “over” or “about”.",
    )


def test_calculated_and_weakly_sourced_points_look_different(project):
    # A forum's "about 230" (V3, hedged) beside sourced counts.
    replace_in(
        project / "data/series.yaml",
        "[zones_2023, zones_2024]",
        "[rumoured_2021, zones_2023, zones_2024]",
    )
    chart = _chart(project, "zones_count")
    drawn = json.loads(figures.figure_json(chart))["data"][0]
    assert drawn["marker"]["symbol"] == ["square-open", "circle", "circle", "circle"]
    assert drawn["hovertext"][0].endswith("June 2021: about 230 (weak source)")
    assert chart.style_notes == (
        "Hollow markers mark figures the source gave with a hedge, such as “over” or “about”.",
        "Squares mark figures from a weak, unofficial source.",
    )
    assert _chart_free_of_styles(project)


def _chart_free_of_styles(project) -> bool:
    return _chart(project, "gdp").style_notes == ()


def test_labels_show_each_facts_own_hedge_and_rounding(project):
    replace_in(
        project / "data/charts.yaml",
        "        name: Regional GDP\n",
        "        name: Regional GDP\n        labels: shares\n",
    )
    append_to(
        project / "data/series.yaml",
        "  - key: shares\n    label: Shares\n    unit: percent\n    facts: [hightech_share_2025]\n",
    )
    chart = _chart(project, "gdp")
    drawn = json.loads(figures.figure_json(chart))["data"][0]
    assert drawn["text"] == ["", "more than 18%"]
    # The data table gives the labels a column of their own, each cell the fact itself.
    assert chart.columns == ("Regional GDP", "Shares")
    assert [[c.key if c else None for c in cells] for _, cells in chart.rows] == [
        [None, None],
        ["gdp_2024", "hightech_share_2025"],
    ]


def test_coverage_is_shown_on_the_axis_and_in_the_hover(project):
    _cover_gdp(project, "zones_2024")
    chart = _chart(project, "gdp")
    assert chart.covering(chart.facts[0]).value == 232
    drawn = json.loads(figures.figure_json(chart))["data"][0]
    assert drawn["x"][1].startswith("2024<br>") and drawn["x"][1].endswith("232<br>zones</span>")
    assert "2024 · 232 zones: 16.9 trillion yuan" in drawn["hovertext"][1]


def _cover_gdp(project, count: str) -> None:
    """The minimal case's regional GDP for 2024 covers the zones counted by `count`."""
    replace_in(
        project / "data/facts/economy.yaml",
        "    short_label: Zone GDP\n",
        f"    short_label: Zone GDP\n    covers: {count}\n",
    )


@pytest.mark.parametrize(
    ("covers", "expected"),
    [
        (
            "zones_2042",
            "fact 'gdp_2024' covers 'zones_2042', which is not a fact\n"
            "  hint: did you mean 'zones_2024'?",
        ),
        (
            "gdp_2024",
            "fact 'gdp_2024' covers itself\n"
            "  hint: covers names another fact: the count of the zones this figure covers, "
            "such as zones_evaluated_2019",
        ),
        (
            "national_gdp_2024",
            "fact 'gdp_2024' covers 'national_gdp_2024', which is in yuan_trillion, not a count\n"
            "  hint: covers names the fact that counts the zones a figure covers, such as "
            "zones_evaluated_2019",
        ),
    ],
)
def test_coverage_must_name_a_count_fact(project, covers, expected):
    _cover_gdp(project, covers)
    with pytest.raises(BuildFailed) as caught:
        content.read(Project(project))
    assert [str(e) for e in caught.value.errors] == [f"data/facts/economy.yaml:7:5: {expected}"]


def test_the_source_line_credits_only_the_sources_a_value_rests_on(project):
    # zones_2024 rests on a V1 source; the V2 repost and a V3 forum repeat it.
    replace_in(
        project / "data/facts/zones.yaml",
        "sources: [official_2025, repost_2024]",
        "sources: [official_2025, repost_2024, weak_2021]",
    )
    replace_in(project / "data/series.yaml", "[zones_2023, zones_2024]", "[zones_2024]")
    chart = _chart(project, "zones_count")
    assert [s.publisher for s in chart.publishers] == ["Official Daily"]


def test_a_calculated_value_credits_the_sources_of_its_inputs(project):
    replace_in(
        project / "data/series.yaml",
        "unit: yuan_trillion\n    facts: [gdp_2024]",
        "unit: percent\n    facts: [gdp_share_2024_calc]",
    )
    # A forum that repeats the national total adds nothing to a V1 figure.
    replace_in(
        project / "data/facts/economy.yaml",
        'value: 134.9\n    unit: yuan_trillion\n    period: "2024"\n    sources: [official_2025]',
        'value: 134.9\n    unit: yuan_trillion\n    period: "2024"\n    sources: [official_2025, weak_2021]',
    )
    chart = _chart(project, "gdp")
    assert [s.publisher for s in chart.publishers] == ["Official Daily"]
    assert chart.has_derived


def test_a_chart_of_two_lines_names_them_at_their_ends(project):
    replace_in(
        project / "data/charts.yaml",
        "        name: Zones in existence\n",
        "        name: Zones in existence\n      - series: weak\n        name: A forum's count\n",
    )
    append_to(
        project / "data/series.yaml",
        "  - key: weak\n    label: Forum\n    unit: count\n    facts: [rumoured_2021]\n",
    )
    figure = _figure(project, "zones_count")
    assert figure["layout"]["showlegend"] is False
    named = {a["text"]: a for a in figure["layout"]["annotations"] if a.get("xref") == "paper"}
    assert set(named) == {"Zones in<br>existence", "A forum's<br>count"}
    assert named["Zones in<br>existence"]["y"] == 232


def test_an_event_label_keeps_clear_of_the_points_beside_it(project):
    # The 2024 count (232, near the top) stands two months after October 2024's event: its
    # label goes to the bottom of the plot; the 1984 event has no point near it, so the top.
    _add_facts(
        project,
        "zones.yaml",
        """
  - key: upgraded_2024
    label: Zones upgraded
    value: 4
    unit: count
    period: "2024-10"
    sources: [official_2025]
""",
    )
    replace_in(
        project / "data/charts.yaml",
        "        text: First zone\n",
        "        text: First zone\n      - fact: upgraded_2024\n        text: Upgraded\n",
    )
    figure = _figure(project, "zones_count")
    placed = {a["text"]: a["yanchor"] for a in figure["layout"]["annotations"]}
    assert placed == {"First zone: 1984": "top", "Upgraded: 4": "bottom"}


def test_long_categories_wrap_instead_of_being_cut(project):
    _hedged_chart(project, "hbar")
    replace_in(
        project / "data/facts/economy.yaml",
        "label: Share of the nation's high-tech firms\n",
        "label: Share of the nation's high-tech firms\n    short_label: High-tech industrial development zones\n",
    )
    drawn = _figure(project, "hightech")["data"][0]
    assert drawn["y"] == ["High-tech<br>industrial<br>development<br>zones"]


def test_the_table_marks_an_empty_cell_with_valid_markup_and_shows_coverage(project, tmp_path):
    _cover_gdp(project, "zones_2024")
    _hedged_chart(project)
    append_to(project / "content/stories/growth.md", "\n[[chart:hightech]]\n")
    build(project, tmp_path / "site")
    gdp = (tmp_path / "site/charts/gdp/index.html").read_text(encoding="utf-8")
    assert 'aria-label="no figure"' not in gdp
    assert (
        '<th scope="row">2020</th><td><span aria-hidden="true">—</span>'
        '<span class="visually-hidden">no figure</span></td>' in gdp
    )
    assert '<th scope="col">Zones covered</th>' in gdp
    row_2024 = gdp[gdp.index('<th scope="row">2024</th>') :].split("</tr>")[0]
    assert ">232</a></td>" in row_2024
    hedged = (tmp_path / "site/charts/hightech/index.html").read_text(encoding="utf-8")
    table = hedged[hedged.index("<table>") : hedged.index("</table>")]
    assert ">more than 18%</a>" in table
    assert "Hatched bars mark figures" in hedged


def test_the_value_axis_reaches_a_negative_value(project):
    replace_in(project / "data/facts/economy.yaml", "    value: 16.9\n", "    value: -16.9\n")
    bottom, top = _figure(project, "gdp")["layout"]["yaxis"]["range"]
    assert bottom < -16.9 and top > bottom


def test_a_line_over_a_thousand_years_still_draws(project):
    # A year typed as 1023 for 2023 makes the axis span ten centuries: ticks thin out, no crash.
    replace_in(project / "data/facts/zones.yaml", 'period: "2023"', 'period: "1023"')
    axis = _figure(project, "zones_count")["layout"]["xaxis"]
    assert 2 <= len(axis["tickvals"]) <= 10


def test_a_count_printed_only_as_coverage_is_used_and_credited(project):
    # zones_2023 is drawn nowhere; the GDP bar prints it as the zones it covers.
    replace_in(
        project / "data/series.yaml", "facts: [zones_2023, zones_2024]", "facts: [zones_2024]"
    )
    _cover_gdp(project, "zones_2023")
    site = content.read(Project(project))
    assert "zones_2023" in lint.used_facts(site)
    publishers = [source.publisher for source in site.charts["gdp"].publishers]
    assert "Ministry of Commerce" in publishers  # zones_2023's only source


def test_a_hedged_bar_from_a_weak_source_shows_the_caution(project):
    # One pattern a bar: where a figure is both hedged and weakly sourced, the caution wins,
    # and the note under the chart explains only the look that is drawn.
    replace_in(
        project / "data/facts/economy.yaml",
        '    period: "2024"\n    sources: [official_2025]\n  - key: national_gdp_2024',
        '    period: "2024"\n    qualifier: about\n    sources: [weak_2021]\n'
        "  - key: national_gdp_2024",
    )
    chart = _chart(project, "gdp")
    bars = json.loads(figures.figure_json(chart))["data"][0]
    assert [shape for shape in bars["marker"]["pattern"]["shape"] if shape] == [
        figures.PATTERN["weak"]
    ]
    assert chart.style_notes == ("Cross-hatched bars mark figures from a weak, unofficial source.",)


def test_a_weakly_sourced_figure_printed_on_the_plot_carries_the_caution(project):
    _cover_gdp(project, "rumoured_2021")  # a forum's "about 230" (V3)
    replace_in(project / "data/charts.yaml", "- fact: first_year", "- fact: rumoured_2021")
    bars = _figure(project, "gdp")["data"][0]
    assert "about 230 ⚠" in bars["x"][-1]
    assert "about 230 ⚠ zones" in bars["hovertext"][-1]
    notes = [a["text"] for a in _figure(project, "zones_count")["layout"]["annotations"]]
    assert "First zone: about 230 ⚠" in notes


def test_events_are_marked_only_on_a_line_chart(project):
    replace_in(
        project / "data/charts.yaml",
        "    notes: [Current prices.]\n",
        "    notes: [Current prices.]\n    annotations:\n      - fact: first_year\n"
        "        text: First zone\n",
    )
    with pytest.raises(BuildFailed) as caught:
        content.read(Project(project))
    [problem] = caught.value.errors
    assert problem.path.endswith("data/charts.yaml")
    assert "marks events on a bar chart, which has no time axis" in problem.message


def test_a_gap_cannot_be_a_period_with_a_figure(project):
    replace_in(project / "data/series.yaml", '- period: "2020"', '- period: "2024"')
    with pytest.raises(BuildFailed) as caught:
        content.read(Project(project))
    [problem] = caught.value.errors
    assert problem.message == (
        "series 'gdp' lists '2024' as a gap, but fact 'gdp_2024' gives a figure for it"
    )


def test_a_breakdown_of_one_date_must_be_a_horizontal_bar_chart(project):
    replace_in(
        project / "data/series.yaml", "facts: [gdp_2024]", "facts: [gdp_2024, national_gdp_2024]"
    )
    with pytest.raises(BuildFailed) as caught:
        content.read(Project(project))
    [problem] = caught.value.errors
    assert "draws a breakdown of one date as a bar chart" in problem.message
    assert problem.hint == "draw parts of a whole as kind: hbar"
