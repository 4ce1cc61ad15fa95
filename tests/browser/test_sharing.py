"""Citing and embedding as a reader does it: open Cite, copy, paste the frame into a page."""

from __future__ import annotations

import datetime
import html
import re

from tests.browser.conftest import opened
from tests.static_host import serving

BASE = "https://zones-in-numbers.example/"
MONTHS = "January February March April May June July August September October November December"


def today() -> str:
    date = datetime.date.today()
    return f"{date.day} {MONTHS.split()[date.month - 1]} {date.year}"


def test_a_facts_citation_carries_todays_date_and_copies_in_one_click(browser, origin):
    with opened(browser, origin, permissions=["clipboard-read", "clipboard-write"]) as page:
        page.goto(origin + "/facts/#zones_gdp_2024")
        row = page.locator("tr#zones_gdp_2024")
        row.locator("details.cite summary").click()
        citation = row.locator("#cite-zones_gdp_2024")
        assert citation.is_visible()
        text = citation.inner_text()
        assert f"accessed {today()}." in text
        assert "[date accessed]" not in text
        row.get_by_role("button", name="Copy the citation").click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == text
        assert copied.startswith("Zones Data Desk. “Regional GDP of the national-level zones")
        assert "Original source: China Daily" in copied


def test_a_chinese_citation_takes_todays_date_as_gb_t_7714_writes_it(browser, origin):
    with opened(browser, origin) as page:
        page.goto(origin + "/zh/facts/#zones_gdp_2024")
        row = page.locator("tr#zones_gdp_2024")
        row.locator("details.cite summary").click()
        text = row.locator("#cite-zones_gdp_2024").inner_text()
        date = datetime.date.today().isoformat()  # [2026-12-05]
        assert f"[EB/OL]. 数说经开区. [{date}]. {BASE}zh/facts/#zones_gdp_2024. 原始来源：" in text
        assert "[引用日期]" not in text


def test_without_javascript_the_citation_is_plain_text_to_select(browser, origin):
    with opened(browser, origin, java_script_enabled=False) as page:
        page.goto(origin + "/charts/zones_gdp/")
        citation = page.locator("#cite-chart-zones_gdp")
        assert citation.is_visible()  # open on the chart's own page
        assert "accessed [date accessed]." in citation.inner_text()
        assert not page.get_by_role("button", name="Copy the citation").is_visible()


def test_the_embed_code_pasted_into_another_page_shows_the_chart_and_its_source(
    browser, origin, tmp_path
):
    with opened(browser, origin, permissions=["clipboard-read", "clipboard-write"]) as page:
        page.goto(origin + "/charts/zones_gdp/")
        title = page.locator("main h1").inner_text()  # the chart's title: its finding
        page.get_by_role("button", name="Copy the code").click()
        code = page.evaluate("() => navigator.clipboard.readText()")
        assert code == page.locator("textarea.embed-code").input_value()
        # Another site's page (another origin), at a phone's width, with the code pasted in.
        # The code names the published address; here the site is served locally.
        local = code.replace(BASE, origin + "/")
        (tmp_path / "elsewhere.html").write_text(f"<!doctype html><title>Elsewhere</title>{local}")
        page.set_viewport_size({"width": 360, "height": 800})
        with serving(tmp_path) as elsewhere:  # another port: another origin
            page.goto(elsewhere + "/elsewhere.html")
            _check_the_frame(page, title)


def _check_the_frame(page, title: str) -> None:
    frame_element = page.locator("iframe")
    assert frame_element.get_attribute("title").startswith(title)
    frame = page.frame_locator("iframe")
    frame.locator(".chart-plot svg.main-svg").first.wait_for(timeout=15000)
    assert frame.locator(".chart-source").is_visible()
    assert frame.locator("h1").inner_text() == title
    box = frame_element.bounding_box()
    assert box["width"] <= 360
    inner = page.frames[1]
    widths = inner.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    # The frame's links open the site in a new tab, not inside the frame.
    assert inner.evaluate("() => document.querySelector('base').target") == "_blank"


def test_every_embed_shows_its_source_line_within_the_frame(browser, origin, site):
    """The frame is 600 px high: at a phone's width and at a desk's, the chart and its source
    line fit in it without scrolling."""
    height = int(re.search(r'height="(\d+)"', _embed_code(site)).group(1))
    for width in (360, 1280):
        with opened(browser, origin, viewport={"width": width, "height": height}) as page:
            for embed in sorted(site.glob("charts/*/embed/index.html")):
                address = "/" + embed.parent.relative_to(site).as_posix() + "/"
                page.goto(origin + address)
                page.locator(".chart-plot svg.main-svg").first.wait_for(timeout=15000)
                bottom = page.locator(".chart-source").evaluate(
                    "e => e.getBoundingClientRect().bottom"
                )
                assert bottom <= height, (address, width, bottom)


def _embed_code(site) -> str:
    page = (site / "charts/zones_gdp/index.html").read_text()
    return html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1))
