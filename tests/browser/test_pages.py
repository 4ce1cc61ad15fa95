"""A page of each type in a real browser: clean loads, charts that match their tables, no request
out."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlparse

from microsite.inputs import content
from microsite.inputs.project import Project
from tests.browser.conftest import draw_all_charts, opened
from tests.conftest import REPO


def test_page_loads_cleanly_and_every_chart_draws_its_table(browser, origin, address):
    problems: list[str] = []
    requested: list[str] = []
    with opened(browser, origin + address) as page:
        page.on(
            "console",
            lambda m: (
                m.type in ("error", "warning") and problems.append(f"console {m.type}: {m.text}")
            ),
        )
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
        page.on("request", lambda r: requested.append(r.url))
        page.on(
            "response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}")
        )
        page.add_init_script(RECORD_CSP_VIOLATIONS)  # the page's own policy stays enforced
        page.goto(origin + address, wait_until="networkidle")
        draw_all_charts(page)
        page.wait_for_load_state("networkidle")
        charts = page.evaluate(PLOTTED_AND_TABULATED)
        violations = page.evaluate("() => window.__cspViolations")
    assert violations == []
    assert problems == []
    outside = [url for url in requested if urlparse(url).netloc != urlparse(origin).netloc]
    assert outside == []
    for chart in charts:
        # The table writes a value as prose does, a long one rounded (120.4724 as 120.5): each
        # plotted value, rounded to the table's decimals, is the table's.
        tabulated = [[text for _, text in cells] for cells in chart["tabulated"]]
        plotted = [
            [_rounded_as(value, text) for value, text in zip(values, texts, strict=True)]
            for values, texts in zip(chart["plotted"], tabulated, strict=True)
        ]
        assert plotted == tabulated, chart["id"]


def _rounded_as(value: float, text: str) -> str:
    """The plotted value written with as many decimals as the table's text has."""
    decimals = len(text.partition(".")[2])
    step = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI));
"""

# For each chart: the values Plotly drew, per trace, and the numbers in its data table's columns.
PLOTTED_AND_TABULATED = """() => Array.from(document.querySelectorAll('figure.chart')).map(figure => {
  const plot = figure.querySelector('.chart-plot');
  const horizontal = plot.data.some(t => t.orientation === 'h');
  const plotted = plot.data.map(t => (horizontal ? t.x : t.y).filter(v => v !== null));
  const rows = Array.from(figure.querySelectorAll('tbody tr'));
  const columns = plot.data.map((_, i) => rows
    .map(row => row.querySelectorAll('td')[horizontal ? 0 : i])
    .filter(cell => cell && cell.querySelector('a.fact'))
    .map(cell => cell.querySelector('a.fact').textContent
      .replace(/[^0-9.\\u2212-]/g, '').replace('\\u2212', '-'))
    .map(text => [parseFloat(text), text]));
  return {id: figure.id, plotted, tabulated: horizontal ? [columns[0]] : columns};
})"""


def test_no_page_needs_the_chart_library_to_paint(site):
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r"<script[^>]+plotly", html), page
        assert 'data-plotly="' in html


def test_charts_load_only_when_they_come_near(browser, origin):
    requested: list[str] = []
    with opened(browser, origin, viewport={"width": 1280, "height": 800}) as page:
        page.on("request", lambda r: requested.append(r.url))
        page.goto(origin + "/glossary/", wait_until="networkidle")
        assert not any("plotly-basic" in url for url in requested)  # no chart, no plotly.js
        page.goto(origin + "/stories/what-the-zones-weigh/", wait_until="networkidle")
        # The story's last chart stands far below the first screen: not fetched yet.
        assert not any(url.endswith("/charts/zones_trade/figure.json") for url in requested)
        page.locator("#chart-zones_trade").scroll_into_view_if_needed()
        page.wait_for_selector("#chart-zones_trade .chart-plot svg.main-svg", timeout=15000)
        assert sum("plotly-basic" in url for url in requested) == 1
        assert any(url.endswith("/charts/zones_trade/figure.json") for url in requested)


def test_every_type_of_page_the_build_writes_is_tested(site):
    from tests.browser.conftest import _addresses_for_collection, page_addresses, page_type

    tested = {page_type(address) for address in _addresses_for_collection()}
    written = {page_type(address) for address in page_addresses(site)}
    # The plain narrative pages (methodology, glossary) are one type, tested in one of them.
    read = content.read(Project(REPO))
    plain = {page_type(f"/{p.meta.slug}/") for p in read.pages if p.meta.layout == "page"}
    # ... in each language
    plain |= {
        page_type(f"/{code}{address}") for code in read.settings.languages[1:] for address in plain
    }
    assert written - tested <= plain and plain & tested
    assert tested <= written
