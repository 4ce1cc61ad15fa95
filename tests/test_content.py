"""The real site's own editorial rules, checked on the repository's data/ and content/.

The engine is tested on small cases (tests/cases/); this file alone reads the real project. Its
rules hold for any story or figure, so adding a story, a fact or a chart, or correcting a figure
as docs/editing.md says, keeps it green; breaking a rule that protects readers does not.
"""

import json
import re
from decimal import Decimal

import pytest

from microsite.build.builder import build
from microsite.checks.lint import TYPED_NUMBER
from microsite.inputs import content
from microsite.inputs.geo import contains
from microsite.inputs.project import Project
from tests.built_site import internal_links, package_problems, prose
from tests.conftest import REPO
from tests.formats import (
    atom_problems,
    card_problems,
    json_ld_blocks,
    json_ld_problems,
    sitemap_problems,
)

# The figures the two source articles give (/work/shared/sources/README.md), the fact that
# carries each, the article figure as the article states it (None where the fact holds a
# better source's exact figure instead), its hedge, and the sources the fact must cite.
XINHUA, COMPANION, SRM = (
    "xinhua_roundtable_2025_07_16",
    "xinhua_roundtable_companion",
    "srm_today_2025",
)
ARTICLE_FIGURES = {
    "zones_2024": ("232", None, {XINHUA, SRM}),
    "zones_gdp_2024": ("16.9", None, {XINHUA}),
    "zones_gdp_usd_2024": ("2.36", "about", {XINHUA, SRM}),
    "incubators_2025": ("700", "over", {XINHUA}),
    "hightech_share_2025": ("18", "more than", {XINHUA, SRM}),
    "hightech_firms_2024": ("85000", "over", {COMPANION, SRM}),
    # SRM Today's "nearly a quarter" of trade and foreign investment is its own wording (V3);
    # the facts carry China Daily's exact shares for the same year instead.
    "zones_trade_share_2024": (None, None, {"china_daily_2025_05_27"}),
    "zones_fdi_share_2024": (None, None, {"china_daily_2025_05_27"}),
    # The articles date the first zone, Dalian, to 1984; the fact cites an earlier report.
    "first_zone_year": ("1984", None, {"chinanews_2014_10_14"}),
}


@pytest.fixture(scope="module")
def site():
    return content.read(Project(REPO))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "site"
    build(REPO, out)
    return out


def test_every_sourced_fact_has_a_source_with_an_address(site):
    assert site.facts
    for fact in site.facts.values():
        assert fact.sources, fact.key
        assert all(str(source.url).startswith("http") for source in fact.sources), fact.key


def test_every_chart_point_is_a_fact_with_a_source(site):
    assert site.charts
    for chart in site.charts.values():
        for point in chart.facts:
            assert site.facts[point.key] is point
            assert point.sources, f"{chart.key}: {point.key}"


@pytest.mark.parametrize("key", ARTICLE_FIGURES)
def test_every_source_article_figure_is_a_fact_with_its_source_and_hedge(site, key):
    stated, hedge, sources = ARTICLE_FIGURES[key]
    fact = site.facts[key]
    assert sources <= {source.key for source in fact.sources}
    assert fact.qualifier == hedge
    if stated is not None:
        # As the article states it, or corrected from it in the open (docs/editing.md, 6).
        published = {fact.value} | {Decimal(str(c.old_value)) for c in fact.corrections}
        assert Decimal(stated) in published, f"{key} is {fact.value}, the article {stated}"


def test_the_zone_count_chart_keeps_zones_existing_and_zones_evaluated_apart(site):
    # A count of zones in existence and a count of zones evaluated in a year's review are
    # different things: never one line.
    traces = site.charts["zones_over_time"].traces
    kinds = [{"evaluated" in point.label for point in trace.series.points} for trace in traces]
    assert all(len(kind) == 1 for kind in kinds), "a line mixes existing and evaluated zones"
    assert {True, False} == set().union(*kinds)


def test_every_internal_link_and_anchor_resolves(built):
    checked, broken = internal_links(built)
    assert broken == []
    assert checked


def test_every_number_in_prose_comes_from_a_fact(site, built):
    with_prose = 0
    for path in sorted(built.rglob("*.html")):
        parser = prose(path)
        digits = TYPED_NUMBER.findall(" ".join(parser.loose))
        assert digits == [], f"{path.relative_to(built)} types numbers in prose: {digits}"
        with_prose += parser.words > 0
    assert with_prose >= 1 + len(site.stories) + len(site.pages)  # home, stories, pages


def test_every_chart_is_placed_and_complete(site, built):
    pages = "".join(path.read_text() for path in built.rglob("*.html"))
    for key, chart in site.charts.items():
        assert f'id="chart-{key}"' in pages, f"chart {key} is on no page"
        for path in (f"data/charts/{key}.csv", f"charts/{key}/index.html"):
            assert (built / path).is_file(), path
        assert chart.title and chart.subtitle and chart.credited, key


def _rows(page: str, table_class: str) -> list[str]:
    body = page.split(f'<table class="{table_class}')[1].split("<tbody>")[1]
    return re.findall(r"<tr[ >].*?</tr>", body.split("</tbody>")[0], re.S)


def test_every_zone_has_one_row_in_the_directory_and_on_its_province_page(site, built):
    directory = (built / "zones/index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<tr id="([a-z0-9-]+)"', directory)
    assert sorted(ids) == sorted(zone.id for zone in site.zones)
    listed: list[str] = []
    for slug in {zone.province.slug for zone in site.zones}:
        page = (built / f"provinces/{slug}/index.html").read_text(encoding="utf-8")
        listed += re.findall(r'href="../../zones/#([a-z0-9-]+)"><span lang', page)
    assert sorted(listed) == sorted(ids)


def test_every_zone_in_existence_has_one_mark_inside_its_provinces_outline(site, built):
    existing = [zone for zone in site.zones if not zone.withdrawn]
    svg = (built / "zones/index.html").read_text(encoding="utf-8").split("<svg")[1]
    marks = re.findall(r'<a href="#([a-z0-9-]+)"[^>]*><circle', svg.split("</svg>")[0])
    assert sorted(marks) == sorted(zone.id for zone in existing)
    # The build refuses a place outside its province's outline (tests/inputs/test_geo.py);
    # here, that every zone's place is its own province's.
    for zone in existing:
        outline = site.geo.outlines[zone.province.adcode]
        assert contains(outline, zone.place.lon, zone.place.lat), zone.id


def test_the_counts_agree_and_never_count_a_withdrawn_zone(site, built):
    existing = [zone for zone in site.zones if not zone.withdrawn]
    withdrawn = [zone for zone in site.zones if zone.withdrawn]
    directory = (built / "zones/index.html").read_text(encoding="utf-8")
    assert f'<span class="count">{len(existing)}</span> zones listed of the' in directory
    assert f"plus {len(withdrawn)} withdrawn" in directory
    index = (built / "provinces/index.html").read_text(encoding="utf-8")
    bars = [int(n) for n in re.findall(r'class="bar-value">at least (\d+)<', index)]
    assert sum(bars) == len(existing)
    assert len(bars) == len({zone.province.slug for zone in existing})
    for zone in withdrawn:
        province = [other for other in site.zones if other.province == zone.province]
        left = sum(not other.withdrawn for other in province)
        gone = len(province) - left
        page = (built / f"provinces/{zone.province.slug}/index.html").read_text(encoding="utf-8")
        noun = "zone" if left == 1 else "zones"
        assert (
            f"We list {left} national-level {noun} in {zone.province.name_en}, and {gone} withdrawn"
            in page
        )
    package = json.loads((built / "data/zones.json").read_text(encoding="utf-8"))
    assert sorted(row["id"] for row in package) == sorted(zone.id for zone in site.zones)
    assert sorted(
        r["id"] for r in package if r["status"] in ("withdrawn", "reported-withdrawn")
    ) == (sorted(zone.id for zone in withdrawn))


def test_every_ranked_zone_shows_its_ranks_on_its_row(site, built):
    directory = _rows((built / "zones/index.html").read_text(encoding="utf-8"), "zones")
    by_id = {re.search(r'id="([a-z0-9-]+)"', row).group(1): row for row in directory}
    for ranking in site.rankings:
        row = by_id[ranking.zone.id]
        assert f"{ranking.row.data_year}: {ranking.rank_text}</a>" in row


def test_the_data_package_validates(built):
    assert package_problems(built) == []


def test_the_feed_sitemap_cards_and_json_ld_are_valid(site, built):
    # Titles, summaries and dates are the editors': a headline too long for a search engine or
    # a summary too short for a card is a content problem.
    base = str(site.settings.base_url)

    def fetch(url: str) -> bytes | None:
        path = built / url.removeprefix(base)
        return path.read_bytes() if url.startswith(base) and path.is_file() else None

    assert atom_problems((built / "feed.xml").read_bytes()) == []
    assert sitemap_problems((built / "sitemap.xml").read_bytes()) == []
    for path in sorted(built.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        name = path.relative_to(built).as_posix()
        assert card_problems(page, fetch) == [], name
        for block in json_ld_blocks(page):
            assert json_ld_problems(block) == [], name
