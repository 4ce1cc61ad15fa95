"""Readers with screen readers, keyboards, phones, dark screens, slow lines and no JavaScript."""

from __future__ import annotations

import gzip
import re

import pytest

from tests.browser.conftest import draw_all_charts, opened
from tests.conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BUDGET = 100 * 1024  # bytes, compressed, of everything a page loads before any chart


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation(browser, origin, address, scheme):
    # axe is injected as a script, which the site's own CSP would rightly refuse.
    with opened(browser, origin, bypass_csp=True, color_scheme=scheme) as page:
        page.goto(origin + address, wait_until="networkidle")
        draw_all_charts(page)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert violations == []


def _words(text: str) -> int:
    """About how many words a text holds: its spaced words, and a word for each two Chinese
    characters, as Chinese writes words without spaces (a word is one to four characters)."""
    chinese = re.findall(r"[\u4e00-\u9fff]", text)
    spaced = re.sub(r"[\u4e00-\u9fff]", " ", text).split()
    return len(spaced) + len(chinese) // 2


def test_readable_without_javascript(browser, origin, address):
    with opened(browser, origin, java_script_enabled=False) as page:
        page.goto(origin + address)
        assert page.locator("main h1").first.is_visible()
        text = page.locator("main").inner_text()
        assert _words(text) > 25
        for figure in page.locator("figure.chart").all():
            assert figure.locator("table").is_visible()
            assert figure.locator("a[download]").first.is_visible()
            assert figure.locator(".chart-source").is_visible()


def test_key_figures_show_without_javascript(browser, origin):
    # The home page's key facts, as the data gives them today: a corrected figure moves both.
    from microsite.inputs import content
    from microsite.inputs.project import Project

    site = content.read(Project(REPO))
    expected = [site.facts[key].phrase for key in site.home.meta.key_facts]
    with opened(browser, origin, java_script_enabled=False) as page:
        page.goto(origin + "/")
        cards = page.locator(".card-number").all_inner_texts()
    assert expected and [card.strip() for card in cards] == expected


@pytest.mark.parametrize("width", [360, 768, 1280])
def test_no_horizontal_scroll(browser, origin, address, width):
    with opened(browser, origin, viewport={"width": width, "height": 800}) as page:
        page.goto(origin + address, wait_until="networkidle")
        draw_all_charts(page)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        # A plot wider than its box would be clipped there, not scroll the page: check each.
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('.chart-plot')]
                .filter(plot => plot.querySelector('svg.main-svg'))
                .filter(plot => plot.querySelector('svg.main-svg').getBoundingClientRect().width
                                > plot.getBoundingClientRect().width + 1)
                .map(plot => plot.closest('figure').id)"""
        )
    assert overflow <= 0
    assert clipped == []


def test_charts_resize_with_their_container(browser, origin):
    with opened(browser, origin, viewport={"width": 1280, "height": 900}) as page:
        page.goto(origin + "/stories/what-the-zones-weigh/", wait_until="networkidle")
        draw_all_charts(page)
        wide = page.locator("#chart-zones_gdp svg.main-svg").first.bounding_box()["width"]
        page.set_viewport_size({"width": 400, "height": 900})
        page.wait_for_timeout(500)
        narrow = page.locator("#chart-zones_gdp svg.main-svg").first.bounding_box()["width"]
        container = page.locator("#chart-zones_gdp .chart-plot").bounding_box()["width"]
    assert narrow < wide
    assert narrow <= container + 1


def test_dark_mode_switches_page_and_charts(browser, origin):
    colours = {}
    for scheme in ("light", "dark"):
        with opened(browser, origin, color_scheme=scheme) as page:
            page.goto(origin + "/stories/what-the-zones-weigh/", wait_until="networkidle")
            draw_all_charts(page)
            colours[scheme] = page.evaluate("""() => ({
                background: getComputedStyle(document.body).backgroundColor,
                chartText: document.querySelector('#chart-zones_gdp .chart-plot').layout.font.color,
                pageText: getComputedStyle(document.documentElement).getPropertyValue('--text').trim()
            })""")
    assert colours["light"]["background"] != colours["dark"]["background"]
    for scheme in ("light", "dark"):
        assert colours[scheme]["chartText"] == colours[scheme]["pageText"]
    assert colours["light"]["chartText"] != colours["dark"]["chartText"]


def test_every_control_is_reached_by_keyboard_with_a_visible_focus(browser, origin, address):
    with opened(browser, origin, viewport={"width": 1280, "height": 900}) as page:
        page.goto(origin + address, wait_until="networkidle")
        draw_all_charts(page)  # a drawn chart folds its table away: count what is left
        page.evaluate("() => window.scrollTo(0, 0)")
        controls = page.evaluate(MARK_CONTROLS)
        reached, invisible = set(), []
        for _ in range(controls + 5):
            page.keyboard.press("Tab")
            seen = page.evaluate(FOCUSED)
            if seen is None:
                continue
            reached.add(seen["mark"])
            if not seen["visible"]:
                invisible.append(seen["mark"])
    assert reached >= {str(i) for i in range(controls)}
    assert invisible == []


# Marks every control a keyboard user should reach (visible links, buttons, inputs, summaries)
# with its number, and returns how many there are.
MARK_CONTROLS = """() => {
  const controls = Array.from(document.querySelectorAll(
    'a[href]:not([tabindex="-1"]), button, input, select, textarea, summary, ' +
    '[tabindex]:not([tabindex="-1"])'))
    .filter(e => e.checkVisibility({visibilityProperty: true}) || e.classList.contains('skip'));
  controls.forEach((e, i) => e.setAttribute('data-kbd', i));
  return controls.length;
}"""

# The focused control's number, and whether its focus is drawn (an outline or a shadow).
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadowed = style.boxShadow && style.boxShadow !== 'none';
  return {mark: e.getAttribute('data-kbd') || e.tagName, visible: outlined || shadowed};
}"""


def test_page_weight_before_any_chart_stays_in_budget(browser, origin, address):
    sizes: dict[str, int] = {}
    with opened(browser, origin, viewport={"width": 1280, "height": 800}) as page:
        # What loads before any chart: the chart library and chart data are held back.
        page.route("**/plotly-basic.*.min.js", lambda route: route.abort())
        page.route("**/charts/*/figure.json", lambda route: route.abort())
        page.on("requestfinished", lambda r: sizes.__setitem__(r.url, _compressed(r)))
        page.goto(origin + address, wait_until="networkidle")
    total = sum(sizes.values())
    assert total <= BUDGET, f"{address}: {total} bytes compressed: {sizes}"


def _compressed(request) -> int:
    body = request.response().body() if request.response() else b""
    return len(gzip.compress(body, mtime=0))
