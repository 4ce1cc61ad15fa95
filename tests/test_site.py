"""The real site, built from the repository's data and content."""

import re
from html.parser import HTMLParser

import pytest

from microsite.build.builder import build
from microsite.checks.lint import TYPED_NUMBER
from microsite.inputs import content
from microsite.inputs.project import Project
from tests.conftest import REPO


@pytest.fixture(scope="module")
def site():
    return content.read(Project(REPO))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "site"
    build(REPO, out)
    return out


def test_every_sourced_fact_has_a_source_with_an_address(site):
    assert len(site.facts) > 50
    for fact in site.facts.values():
        assert fact.sources, fact.key
        assert all(str(source.url).startswith("http") for source in fact.sources)


def test_every_chart_point_is_a_fact_with_a_source(site):
    assert len(site.charts) >= 2
    for chart in site.charts.values():
        for point in chart.facts:
            assert site.facts[point.key] is point
            assert point.sources


def test_the_required_pages_exist(built):
    for page in (
        "index.html",
        "facts/index.html",
        "sources/index.html",
        "methodology/index.html",
        "stories/index.html",
    ):
        assert (built / page).is_file(), page
    assert list((built / "stories").glob("*/index.html"))


def test_every_fact_has_an_anchor_on_the_facts_page(site, built):
    page = (built / "facts/index.html").read_text()
    for key in site.facts:
        assert f'<tr id="{key}">' in page


def test_the_zone_count_chart_keeps_existing_and_evaluated_apart(site):
    names = [trace.name for trace in site.charts["zones_over_time"].traces]
    assert names == ["In existence", "Evaluated in the review"]
    evaluated = site.charts["zones_over_time"].traces[1].series.points
    assert all("evaluated" in point.label for point in evaluated)


def test_every_source_article_figure_is_a_fact(site):
    expected = {
        "zones_2024": "232",
        "zones_gdp_2024": "16.9 trillion yuan",
        "zones_gdp_usd_2024": "about US$2.36 trillion",
        "incubators_2025": "over 700",
        "hightech_share_2025": "more than 18%",
        "hightech_firms_2024": "over 85,000",
        # SRM Today's "nearly a quarter" of trade and foreign investment is its own wording (V3);
        # the facts carry China Daily's exact shares for the same year instead.
        "zones_trade_share_2024": "24.5%",
        "zones_fdi_share_2024": "23.4%",
        "first_zone_year": "1984",
    }
    assert {key: site.facts[key].exact_phrase for key in expected} == expected


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src", "data-figure", "data-plotly"):
            if attributes.get(name):
                self.links.append(attributes[name])


def test_every_internal_link_and_anchor_resolves(built):
    pages = {path: path.read_text() for path in built.rglob("*.html")}
    parsed = {}
    for path, text in pages.items():
        parser = _Links()
        parser.feed(text)
        parsed[path] = parser
    checked = 0
    for path, parser in parsed.items():
        for link in parser.links:
            if re.match(r"^[a-z]+:", link):
                continue
            address, _, fragment = link.partition("#")
            target = (path.parent / address).resolve() if address else path
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path.relative_to(built)} links to missing {link}"
            if fragment:
                assert fragment in parsed[target].ids, f"{path.relative_to(built)}: no #{fragment}"
            checked += 1
    assert checked > 100


class _ProseDigits(HTMLParser):
    """Collects text inside div.prose that is not part of a fact reference, literal or chart."""

    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr"})

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens prose, exempt)
        self.loose: list[str] = []
        self.words = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        exempt = (
            (tag == "a" and "fact" in classes)
            or "fact-date" in classes  # a year or date from a fact, printed as plain text
            or "literal" in classes
            or tag == "figure"
        )
        self.stack.append((tag, tag == "div" and "prose" in classes, exempt))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        in_prose = any(opens for _, opens, _ in self.stack)
        in_chart = any(tag == "figure" for tag, _, _ in self.stack)
        if in_prose and not in_chart:
            self.words += len(data.split())
        if in_prose and not any(exempt for _, _, exempt in self.stack):
            self.loose.append(data)


def _prose(path):
    parser = _ProseDigits()
    parser.feed(path.read_text())
    return parser


def test_every_number_in_prose_comes_from_a_fact(built):
    pages = sorted(built.rglob("*.html"))
    checked = 0
    for path in pages:
        parser = _prose(path)
        digits = TYPED_NUMBER.findall(" ".join(parser.loose))
        assert digits == [], f"{path.relative_to(built)} types numbers in prose: {digits}"
        checked += parser.words > 0
    assert checked >= 6  # home, four stories, methodology, zones


def test_the_checker_catches_a_typed_number(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<div class="prose"><p>There were <a class="fact" href="#">232</a> zones, '
        "up from 229.</p></div>"
    )
    assert TYPED_NUMBER.findall(" ".join(_prose(page).loose)) == ["229."]


def test_each_story_is_six_hundred_to_twelve_hundred_words(built):
    stories = sorted((built / "stories").glob("*/index.html"))
    assert len(stories) == 4
    for story in stories:
        words = _prose(story).words
        assert 600 <= words <= 1200, f"{story.parent.name}: {words} words"


def test_at_least_six_charts_each_complete(site, built):
    assert len(site.charts) >= 6
    pages = "".join(path.read_text() for path in built.rglob("*.html"))
    for key, chart in site.charts.items():
        assert f'id="chart-{key}"' in pages, f"chart {key} is on no page"
        for path in (
            f"data/charts/{key}.csv",
            f"data/charts/{key}.json",
            f"charts/{key}/figure.json",
            f"charts/{key}/index.html",
            f"charts/{key}/embed/index.html",
        ):
            assert (built / path).is_file(), path
        assert chart.title and chart.subtitle and chart.credited


def test_zones_page_lists_the_partial_list_with_the_first_batch(site, built):
    page = (built / "zones/index.html").read_text()
    assert page.count('<tr class="first-batch">') == int(site.facts["first_batch_zones"].value)
    assert len(site.zones) == 82
    assert page.count('<th scope="row"><span lang="zh-Hans">') == 82
