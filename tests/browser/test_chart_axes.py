"""The axes charts.js draws on a phone: fewer year ticks, each still under its own year.

The chart page of the site's first chart is opened with its figure.json replaced by a small
figure made here, so that the axis tested does not depend on how many years the data spans.
"""

from __future__ import annotations

import json

import pytest

from microsite.inputs import content
from microsite.inputs.project import Project
from tests.browser.conftest import opened
from tests.conftest import REPO

PHONE = {"width": 360, "height": 800}


def _line_over_years(first: int, last: int) -> dict:
    """A line chart on a date axis ticked at each year's end, as figures.py draws one."""
    ends = [f"{year}-12-31" for year in range(first, last + 1)]
    return {
        "data": [
            {"type": "scatter", "mode": "lines+markers", "x": ends, "y": list(range(len(ends)))}
        ],
        "layout": {
            "xaxis": {
                "type": "date",
                "range": [f"{first}-06-30", f"{last + 1}-06-30"],
                "tickmode": "array",
                "tickvals": ends,
                "ticktext": [str(year) for year in range(first, last + 1)],
            }
        },
    }


# A horizontal bar chart of the Chinese edition: its xaxis is the value axis, ticked as its
# labels are written (figures._chinese_ticks).
HBAR_VALUES = [0, 50, 100, 150, 200, 250]
HBAR = {
    "data": [{"type": "bar", "orientation": "h", "x": [219, 168], "y": ["经开区", "高新区"]}],
    "layout": {
        "xaxis": {
            "range": [0, 260],
            "tickmode": "array",
            "tickvals": HBAR_VALUES,
            "ticktext": [str(value) for value in HBAR_VALUES],
        },
        "yaxis": {"type": "category", "autorange": "reversed"},
    },
}


def _drawn_axis(browser, origin, figure: dict) -> dict:
    """The xaxis charts.js handed to Plotly at a phone's width, and the tick labels drawn."""
    chart = next(iter(content.read(Project(REPO)).charts))
    with opened(browser, origin, viewport=PHONE) as page:
        page.route(
            "**/figure.json",
            lambda route: route.fulfill(content_type="application/json", body=json.dumps(figure)),
        )
        page.goto(origin + f"/charts/{chart}/", wait_until="networkidle")
        page.wait_for_selector(".chart-plot.drawn svg.main-svg", timeout=15000)
        return page.evaluate("""() => {
          const plot = document.querySelector('.chart-plot.drawn');
          return {tickvals: plot.layout.xaxis.tickvals, ticktext: plot.layout.xaxis.ticktext,
                  drawn: [...plot.querySelectorAll('.xtick text')].map(t => t.textContent)};
        }""")


@pytest.mark.parametrize(
    ("first", "kept"),
    [(2019, [2020, 2022, 2024]), (2018, [2018, 2020, 2022, 2024])],
    ids=["six years", "seven years"],
)
def test_a_phone_chart_keeps_every_other_year_each_under_its_own_tick(browser, origin, first, kept):
    axis = _drawn_axis(browser, origin, _line_over_years(first, 2024))
    assert axis["tickvals"] == [f"{year}-12-31" for year in kept]
    assert axis["ticktext"] == [str(year) for year in kept]
    assert axis["drawn"] == [str(year) for year in kept]


def test_a_phone_chart_keeps_every_tick_of_a_horizontal_bars_values(browser, origin):
    axis = _drawn_axis(browser, origin, HBAR)
    assert axis["tickvals"] == HBAR_VALUES
    assert axis["ticktext"] == [str(value) for value in HBAR_VALUES]
    assert axis["drawn"] == [str(value) for value in HBAR_VALUES]
