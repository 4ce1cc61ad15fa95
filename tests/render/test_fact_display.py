"""What a reader sees of a fact: rounded in prose and on cards, exact on the Facts page; a
caution set apart from the sentence; years not dressed as figures; formulas in words; the
home page's lead chart and cards. Built from the minimal case, changed where a test needs it."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from microsite.build.builder import build
from microsite.errors import BuildFailed
from tests.conftest import append_to, replace_in

STORY = "stories/how-the-zones-grew/index.html"


def built(project: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build(project, out)
    return out


def page(site: Path, path: str):
    return lxml_html.fromstring((site / path).read_text(encoding="utf-8"))


def reading_text(element) -> str:
    """The text a sighted reader reads: without what is there for screen readers only."""
    for hidden in element.xpath('.//*[contains(@class, "visually-hidden")]'):
        hidden.drop_tree()
    return " ".join(element.text_content().split())


@pytest.fixture
def long_value(project: Path) -> Path:
    """National GDP as NBS gives it, to four decimals, cited in the story."""
    replace_in(project / "data/facts/economy.yaml", "value: 134.9\n", "value: 134.9084\n")
    replace_in(
        project / "content/stories/growth.md",
        "of national output by our calculation.",
        "of national output ([[national_gdp_2024]]) by our calculation.",
    )
    return project


def test_prose_rounds_a_long_value_and_the_facts_page_keeps_it(long_value, tmp_path):
    site = built(long_value, tmp_path)
    story = reading_text(page(site, STORY).xpath("//article")[0])
    assert "national output (134.9 trillion yuan) by our calculation" in story
    assert "134.9084" not in story
    row = page(site, "facts/index.html").get_element_by_id("national_gdp_2024")
    assert row.xpath('string(.//td[@class="value"])').strip() == "134.9084 trillion yuan"
    rows = csv.DictReader(io.StringIO((site / "data/facts.csv").read_text(encoding="utf-8")))
    assert {r["key"]: r["value"] for r in rows}["national_gdp_2024"] == "134.9084"
    records = json.loads((site / "data/facts.json").read_text(encoding="utf-8"))["facts"]
    as_written = {record["key"]: record["as_written"] for record in records}
    assert as_written["national_gdp_2024"] == "134.9084 trillion yuan"


def test_a_derived_facts_formula_is_written_in_words_and_numbers(long_value, tmp_path):
    site = built(long_value, tmp_path)
    facts = page(site, "facts/index.html")
    cell = facts.get_element_by_id("gdp_share_2024_calc").xpath('.//td[@data-label="Source"]')[0]
    formula = cell.xpath('.//*[@class="formula"]')[0]
    assert " ".join(formula.text_content().split()) == (
        "Our calculation: Regional GDP of the zones (16.9 trillion yuan, 2024) "
        "÷ National GDP (134.9084 trillion yuan, 2024) × 100 = 12.5%"
    )
    assert [a.get("href") for a in formula.xpath(".//a")] == ["#gdp_2024", "#national_gdp_2024"]
    # The machine formula stays in the downloads, out of the reader's view.
    assert "gdp_2024 / national_gdp_2024" not in cell.text_content()
    assert not cell.xpath(".//code")
    downloads = (site / "data/facts.csv").read_text(encoding="utf-8")
    assert "gdp_2024 / national_gdp_2024 * 100" in downloads


def test_a_formula_page_row_follows_an_input_renamed(project, tmp_path):
    out = tmp_path / "site"
    build(project, out)
    replace_in(project / "data/facts/economy.yaml", "label: National GDP", "label: China's GDP")
    build(project, out)
    row = page(out, "facts/index.html").get_element_by_id("gdp_share_2024_calc")
    assert "China's GDP (134.9 trillion yuan, 2024)" in row.text_content()


def test_a_weak_source_caution_stands_apart_from_the_sentence(project, tmp_path):
    site = built(project, tmp_path)
    story = page(site, STORY)
    sentence = story.xpath('//p[contains(., "A forum once counted")]')[0]
    mark = sentence.xpath('.//a[contains(@class, "caution")]')[0]
    # A screen reader hears it in parentheses; the eye sees a separate, boxed mark.
    assert " ".join(mark.text_content().split()) == "(⚠ weak source)"
    assert mark.xpath('string(.//*[@aria-hidden="true"])').strip() == "⚠"
    assert "fact-mark" in mark.get("class")
    assert mark.get("title").startswith("Weak source")
    figure = sentence.xpath('.//a[@class="fact"]')[0]
    assert figure.text_content() == "about 230"
    assert figure.getnext() is mark  # right after the figure, not inside it
    mark.drop_tree()
    assert sentence.text_content().startswith("A forum once counted about 230, a number")


def test_years_and_dates_are_not_dressed_as_figures(project, tmp_path):
    site = built(project, tmp_path)
    prose = page(site, STORY).xpath('//div[@class="prose"]')[0]
    first = prose.xpath('.//p[contains(., "The first zone opened in")]')[0]
    year = first.xpath('.//*[@data-fact="first_year"]')[0]
    period = first.xpath('.//*[@data-fact="zones_2024"]')[0]
    assert (year.tag, year.text, year.get("class")) == ("span", "1984", "fact-date")
    assert (period.tag, period.text, period.get("class")) == ("span", "2024", "fact-date")
    # The figures in the same sentence are still links to their sources.
    figures = {a.text: a.get("href") for a in first.xpath('.//a[@class="fact"]')}
    assert figures["16.9 trillion yuan"] == "../../facts/#gdp_2024"


@pytest.fixture
def home_with_chart(project: Path) -> Path:
    replace_in(project / "content/home.md", "key_facts:", "lead_chart: gdp\nkey_facts:")
    return project


def test_the_home_page_shows_its_lead_chart_under_the_lede(home_with_chart, tmp_path):
    home = page(built(home_with_chart, tmp_path), "index.html")
    main = home.get_element_by_id("main")
    lede = main.xpath('.//div[contains(@class, "lede")]')[0]
    chart = main.xpath('.//figure[@id="chart-gdp"]')[0]
    cards = main.get_element_by_id("key-figures")
    order = list(main.iter())
    assert order.index(lede) < order.index(chart) < order.index(cards)
    levels = [int(h.tag[1]) for h in main.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_a_home_page_without_a_lead_chart_has_none(project, tmp_path):
    home = page(built(project, tmp_path), "index.html")
    assert not home.xpath("//figure")


def test_an_unknown_lead_chart_is_an_editors_error(home_with_chart, tmp_path):
    replace_in(home_with_chart / "content/home.md", "lead_chart: gdp", "lead_chart: gpd")
    with pytest.raises(BuildFailed) as failure:
        build(home_with_chart, tmp_path / "site")
    [problem] = failure.value.errors
    assert problem.path.endswith("content/home.md")
    assert problem.line == 6
    assert "lead_chart is 'gpd', which is not a chart" in problem.message
    assert "gdp" in problem.hint


def test_a_story_with_home_page_fields_is_told_where_they_work(project, tmp_path):
    replace_in(
        project / "content/stories/growth.md",
        "order: 1\n",
        "order: 1\nlead_chart: gdp\nkey_facts: [gdp_2024]\n",
    )
    with pytest.raises(BuildFailed) as failure:
        build(project, tmp_path / "site")
    problems = [(p.line, p.message, p.hint) for p in failure.value.errors]
    assert problems == [
        (
            7,
            "lead_chart works only on the home page, content/home.md",
            "place the chart in the text instead, on a line of its own: [[chart:gdp]]",
        ),
        (
            8,
            "key_facts works only on the home page, content/home.md",
            "cite the facts in the text instead, as [[fact_key]]",
        ),
    ]


def cards(site: Path) -> dict[str, str]:
    home = page(site, "index.html")
    found = {}
    for card in home.xpath('//li[contains(@class, "card")]'):
        key = card.xpath("string(.//a/@href)").partition("#")[2]
        found[key] = " ".join(card.text_content().split())
    return found


def test_a_card_credits_the_sources_that_carry_its_value(project, tmp_path):
    # The weaker source listed first: a card credits the best-grade one whatever the order.
    replace_in(
        project / "data/facts/zones.yaml",
        "sources: [official_2025, repost_2024]",
        "sources: [repost_2024, official_2025]",
    )
    shown = cards(built(project, tmp_path))
    assert shown["zones_2024"].endswith("2024 · Official Daily")
    assert "Ministry of Commerce" not in shown["zones_2024"]


def test_a_card_shows_the_hedge_and_the_caution(project, tmp_path):
    replace_in(
        project / "content/home.md",
        "key_facts: [zones_2024,",
        "key_facts: [rumoured_2021, gdp_share_2024_calc, zones_2024,",
    )
    site = built(project, tmp_path)
    shown = cards(site)
    assert shown["rumoured_2021"] == (
        "about 230 Zones counted by a forum ⚠ Weak source: one unofficial report June 2021 · A forum"
    )
    assert shown["hightech_share_2025"].startswith("more than 18% ")
    assert shown["trade_share_2024"].startswith("nearly a quarter ")
    assert "Weak source" not in shown["zones_2024"]
    assert shown["gdp_share_2024_calc"].endswith("2024 · our calculation from Official Daily")
    home = page(site, "index.html")
    hedge = home.xpath('//a[@href="facts/#hightech_share_2025"]//*[@class="card-hedge"]')
    assert hedge[0].text == "more than"


def test_a_chart_placed_twice_on_a_page_is_refused(home_with_chart, tmp_path):
    # A chart's parts carry ids (its figure, citation and embed code), which a page holds once.
    append_to(home_with_chart / "content/home.md", "\n[[chart:gdp]]\n")
    with pytest.raises(BuildFailed) as failure:
        build(home_with_chart, tmp_path / "site")
    [problem] = failure.value.errors
    assert problem.message == "chart 'gdp' is the lead chart and is placed in the text too"


def test_a_story_may_place_a_chart_only_once(project, tmp_path):
    # The story places the GDP chart once already.
    append_to(project / "content/stories/growth.md", "\n[[chart:gdp]]\n")
    with pytest.raises(BuildFailed) as failure:
        build(project, tmp_path / "site")
    [problem] = failure.value.errors
    assert problem.message == "chart 'gdp' is placed twice on this page"


def test_a_charts_title_is_one_level_below_the_heading_it_stands_under(project, tmp_path):
    """Before any heading a chart's title is an h2 (the story's title is the h1); under an h2
    it is an h3, under an h3 an h4: no level is skipped wherever the chart stands."""
    story = project / "content/stories/growth.md"
    text = story.read_text()
    text = text.replace("[[chart:gdp]]", "## Output\n\n### Its growth\n\n[[chart:gdp]]")
    story.write_text(text)
    build(project, tmp_path / "site")
    page = (tmp_path / "site/stories/how-the-zones-grew/index.html").read_text()
    titles = re.findall(r'<(h\d) class="chart-title">', page)
    assert titles == ["h2", "h4"]
