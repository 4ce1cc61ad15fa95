import csv
import io
import json

import pytest

from microsite import charts, content, figures, opendata
from microsite.errors import BuildFailed
from microsite.project import Project
from tests.conftest import replace_in


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


def test_line_chart_on_a_date_axis_plots_a_year_at_its_middle(site):
    # The annotation's period is a day, so this chart's axis is in dates.
    figure = json.loads(figures.figure_json(site.charts["zones_count"]))
    assert figure["data"][0]["x"] == ["2023-07-01", "2024-07-01"]
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
    assert "series 'zones_count' is in count but fact 'gdp_2024' is in yuan_trillion" in found[0]
    assert (
        "series 'gdp' lists 'gdp_2042', which is not a fact\n  hint: did you mean 'gdp_2024'?"
        in found[1]
    )
