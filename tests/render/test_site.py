"""A whole site built from the minimal case: the pages it must have, every fact anchored, every
link resolving, no typed number in prose, every chart complete, and the list of zones."""

import pytest

from microsite.build.builder import build
from microsite.checks.lint import TYPED_NUMBER
from microsite.inputs import content
from microsite.inputs.project import Project
from tests.built_site import internal_links, prose
from tests.conftest import MINIMAL


@pytest.fixture(scope="module")
def site():
    return content.read(Project(MINIMAL))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("minimal") / "site"
    build(MINIMAL, out)
    return out


def test_the_required_pages_exist(built):
    for page in (
        "index.html",
        "facts/index.html",
        "sources/index.html",
        "corrections/index.html",
        "data/index.html",
        "methodology/index.html",
        "stories/index.html",
        "stories/how-the-zones-grew/index.html",
    ):
        assert (built / page).is_file(), page


def test_every_fact_has_an_anchor_on_the_facts_page(site, built):
    page = (built / "facts/index.html").read_text()
    assert len(site.facts) == 9  # the five of economy.yaml and the four of zones.yaml
    for key in site.facts:
        assert f'<tr id="{key}">' in page


def test_every_internal_link_and_anchor_resolves(built):
    checked, broken = internal_links(built)
    assert broken == []
    assert checked > 12 * 5  # twelve pages, each with its navigation, footer and more


def test_every_number_in_prose_comes_from_a_fact(built):
    with_prose = []
    for path in sorted(built.rglob("*.html")):
        parser = prose(path)
        digits = TYPED_NUMBER.findall(" ".join(parser.loose))
        assert digits == [], f"{path.relative_to(built)} types numbers in prose: {digits}"
        if parser.words:
            with_prose.append(path.relative_to(built).as_posix())
    assert with_prose == [
        "index.html",
        "methodology/index.html",
        "stories/how-the-zones-grew/index.html",
    ]


def test_the_checker_catches_a_typed_number(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<div class="prose"><p>There were <a class="fact" href="#">232</a> zones, '
        "up from 229.</p></div>"
    )
    assert TYPED_NUMBER.findall(" ".join(prose(page).loose)) == ["229."]


def test_the_word_count_leaves_charts_out(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<div class="prose"><p>Three words here.</p>'
        "<figure><figcaption>Not counted at all</figcaption></figure></div>"
    )
    assert prose(page).words == 3


def test_every_chart_is_placed_and_complete(site, built):
    assert set(site.charts) == {"zones_count", "gdp"}
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
