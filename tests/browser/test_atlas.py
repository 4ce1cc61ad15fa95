"""The atlas as a reader uses it: the map without JavaScript and on a phone, a dot that leads to
its row, and the directory filtered and sorted."""

from __future__ import annotations

import pytest

from tests.browser.conftest import opened


def test_the_map_draws_without_javascript_and_its_dots_lead_to_rows(browser, origin):
    with opened(browser, origin, java_script_enabled=False) as page:
        page.goto(origin + "/zones/")
        svg = page.locator("figure.atlas-map svg")
        assert svg.is_visible()
        # A group, since its dots are links; named by its title and description.
        assert svg.get_attribute("role") == "group" and svg.get_attribute("aria-labelledby")
        marks = svg.locator("circle")
        assert marks.count() == page.locator("table.zones tbody tr:not(.withdrawn)").count()
        href = svg.locator("a").first.get_attribute("href")
        assert href.startswith("#")
        # The dot's row is where its link leads.
        assert page.locator(f"tr{href}").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_map_fits_a_phone_and_its_dots_stand_out_in_both_schemes(browser, origin, scheme):
    with opened(
        browser, origin, viewport={"width": 360, "height": 740}, color_scheme=scheme
    ) as page:
        page.goto(origin + "/zones/")
        box = page.locator("figure.atlas-map svg").bounding_box()
        assert box["width"] <= 360 and box["width"] > 300
        land = page.evaluate(
            "() => getComputedStyle(document.querySelector('.geo-map .province')).fill"
        )
        mark = page.evaluate(
            "() => getComputedStyle(document.querySelector('.geo-map .marks circle')).fill"
        )
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert land != mark and land != background


def test_a_zone_is_found_by_filtering_and_the_table_sorts(browser, origin):
    with opened(browser, origin) as page:
        page.goto(origin + "/zones/")
        # The table comes sorted oldest first, and says so.
        assert page.locator("th[data-sort='approved']").get_attribute("aria-sort") == "ascending"
        page.get_by_label("Filter zones by name, province, city or year").fill("昆山")
        shown = page.locator("table.zones tbody tr:visible")
        assert shown.count() == 1 and "Kunshan ETDZ" in shown.inner_text()
        page.get_by_label("Filter zones by name, province, city or year").fill("")
        heading = page.locator("table.zones th[data-sort='province']")
        heading.get_by_role("button").click()
        assert heading.get_attribute("aria-sort") == "ascending"
        provinces = page.locator("table.zones tbody tr").evaluate_all(
            "rows => rows.map(row => row.dataset.province)"
        )
        assert provinces == sorted(provinces) and provinces[0] == "Anhui"
        heading.get_by_role("button").click()
        assert heading.get_attribute("aria-sort") == "descending"
        assert page.locator("table.zones tbody tr").first.get_attribute("data-province") == (
            "Zhejiang"
        )
        # Sorted by date again, then newest first: the zones without a date stay last.
        approved = page.locator("table.zones th[data-sort='approved']")
        approved.get_by_role("button").click()
        approved.get_by_role("button").click()
        assert approved.get_attribute("aria-sort") == "descending"
        dates = page.locator("table.zones tbody tr").evaluate_all(
            "rows => rows.map(row => row.dataset.approved)"
        )
        dated = [date for date in dates if date]
        assert dated == sorted(dated, reverse=True) and dates[-1] == "" and dates[0] == dated[0]


def test_a_zone_linked_from_a_story_is_shown_at_its_row(browser, origin):
    with opened(browser, origin, viewport={"width": 1280, "height": 800}) as page:
        page.goto(origin + "/stories/from-dalian-to-232/")
        page.get_by_role("link", name="Dalian", exact=True).click()
        page.wait_for_url("**/zones/#dalian")
        row = page.locator("tr#dalian")
        assert row.is_visible() and "大连经济技术开发区" in row.inner_text()
        top = row.bounding_box()["y"]
        assert 0 <= top < 800
