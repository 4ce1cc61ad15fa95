"""The Chinese edition, built from the bilingual case (tests/cases/bilingual/README.md): every
page in both languages, each page linked to its translation, numbers and dates the Chinese way,
links kept inside the edition, and a check that names what is left in English."""

import re
from pathlib import Path

import pytest

from tests.conftest import append_to, make_bilingual_project, replace_in, run_build

BASE = "https://test.example/zones/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = make_bilingual_project(tmp_path_factory.mktemp("bilingual") / "project")
    result = run_build("--out", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site", result.stdout + result.stderr


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_page_is_built_in_both_languages(built):
    site, _ = built
    english = {p.relative_to(site) for p in site.rglob("index.html") if "zh" not in p.parts}
    chinese = {p.relative_to(site / "zh") for p in (site / "zh").rglob("index.html")}
    assert english == chinese
    assert Path("stories/how-the-zones-grew/index.html") in chinese


def test_a_chinese_page_names_its_language_and_its_translation(built):
    site, _ = built
    home = page(site, "zh/index.html")
    assert '<html lang="zh-Hans">' in home
    assert f'<link rel="alternate" hreflang="en" href="{BASE}">' in home
    assert f'<link rel="alternate" hreflang="zh-Hans" href="{BASE}zh/">' in home
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE}">' in home
    english = page(site, "index.html")
    assert '<html lang="en">' in english
    assert f'<link rel="alternate" hreflang="zh-Hans" href="{BASE}zh/">' in english


def test_the_switch_leads_to_the_same_page_in_the_other_language(built):
    site, _ = built
    story = "stories/how-the-zones-grew/index.html"
    switch = re.compile(
        r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" class="language-switch"'
    )
    assert switch.findall(page(site, "zh/" + story)) == [
        ("../../../stories/how-the-zones-grew/", "en")
    ]
    assert switch.findall(page(site, story)) == [
        ("../../zh/stories/how-the-zones-grew/", "zh-Hans")
    ]


def test_figures_are_written_the_chinese_way_and_link_inside_the_edition(built):
    site, _ = built
    home = page(site, "zh/index.html")
    assert re.search(
        r'<span class="fact-date"[^>]*>2024年</span>共有<a [^>]*>232家</a>经开区', home
    )
    assert '<a class="fact" href="facts/#zones_2024"' in home  # zh/facts/, not the English page
    story = page(site, "zh/stories/how-the-zones-grew/index.html")
    assert "1984年" in story and "16.9万亿元" in story and "18%以上" in story
    assert '<a href="../../methodology/">方法说明</a>' in story  # zh/methodology/
    assert 'href="../../../static/site.' in story  # one stylesheet for both editions
    assert '<h2 id="method">方法</h2>' in story  # {#method} gives a translated heading its anchor


def test_translated_records_and_settings_show_in_chinese(built):
    site, _ = built
    home = page(site, "zh/index.html")
    assert "<title>测试经开区</title>" in home
    assert ">报道</a>" in home and ">跳到正文</a>" in home  # the menu, and a translated message
    chart = page(site, "zh/charts/zones_count/index.html")
    assert "经开区数量持续增加" in chart
    figure = page(site, "zh/charts/zones_count/figure.json")
    assert "首家经开区" in figure and "现有经开区" in figure


def test_the_sitemap_and_the_feeds_list_both_languages(built):
    site, _ = built
    sitemap = page(site, "sitemap.xml")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    assert (
        f'<xhtml:link rel="alternate" hreflang="zh-Hans" href="{BASE}zh/stories/how-the-zones-grew/" />'
        in sitemap
    )
    feed = page(site, "zh/feed.xml")
    assert 'xml:lang="zh-Hans"' in feed
    assert "<title>经开区如何增长</title>" in feed
    assert f'href="{BASE}zh/stories/how-the-zones-grew/"' in feed
    assert 'xml:lang="en"' in page(site, "feed.xml")


def test_the_check_names_what_is_still_in_english(built):
    _, output = built
    assert (
        "data/facts/zones.yaml: warning: not yet in the 中文 edition: fact 'first_year' (zh: label)"
        in output
    )
    assert (
        "content/pages/methodology.md: warning: not yet in the 中文 edition: no Chinese file under content/zh/"
        in output
    )
    assert "interface text 'Stories' is not translated in messages.po" in output
    assert "interface text 'Sources' is marked fuzzy in messages.po" in output
    assert re.search(
        r"zh/\S+index.html: warning: the 中文 page shows English interface text", output
    )
    assert "not yet in the 中文 edition: fact 'zones_2024'" not in output


def test_strict_check_fails_until_everything_is_translated(bilingual_project):
    result = run_build("check", "--strict", cwd=bilingual_project)
    assert result.returncode == 1
    assert "not yet in the 中文 edition" in result.stdout + result.stderr


def test_a_translation_needs_the_english_file_it_translates(bilingual_project):
    stray = bilingual_project / "content/zh/stories/missing.md"
    stray.write_text("---\ntitle: 无\nsummary: 无\n---\n正文。\n", encoding="utf-8")
    result = run_build("check", cwd=bilingual_project)
    assert result.returncode == 1
    assert (
        "content/zh/stories/missing.md:1: no English file content/stories/missing.md to translate"
        in result.stderr
    )


def test_chinese_numerals_that_count_are_flagged_like_digits(bilingual_project):
    append_to(bilingual_project / "content/zh/home.md", "\n短短十年，第一批经开区……\n")
    result = run_build("check", cwd=bilingual_project)
    found = result.stdout + result.stderr
    assert "number '十' written in Chinese numerals" in found
    assert "'第一'" not in found


def test_a_change_is_written_as_each_language_reports_one(bilingual_project):
    append_to(
        bilingual_project / "data/facts/zones.yaml",
        "  - key: fdi_change\n    label: Change in foreign investment\n    value: -30.6\n"
        '    unit: percent\n    period: "2024"\n    sources: [official_2025]\n'
        "    zh:\n      label: 外资增速\n",
    )
    append_to(
        bilingual_project / "content/stories/growth.md", "\nInvestment: [[fdi_change.change]].\n"
    )
    append_to(
        bilingual_project / "content/zh/stories/growth.md", "\n外资同比[[fdi_change.change]]。\n"
    )
    result = run_build("--out", str(bilingual_project / "site"), cwd=bilingual_project)
    assert result.returncode == 0, result.stderr
    site = bilingual_project / "site"
    english = page(site, "stories/how-the-zones-grew/index.html")
    chinese = page(site, "zh/stories/how-the-zones-grew/index.html")
    assert re.search(
        r'Investment: <a class="fact" href="../../facts/#fdi_change"[^>]*>down 30.6%</a>', english
    )
    assert re.search(
        r'外资同比<a class="fact" href="../../facts/#fdi_change"[^>]*>下降30.6%</a>。', chinese
    )


def test_a_chinese_citation_follows_gb_t_7714_and_sets_titles_in_their_own_marks(built):
    site, _ = built
    facts = page(site, "zh/facts/index.html")
    citation = re.search(r'<p class="citation" id="cite-zones_2024">(.*?)</p>', facts).group(1)
    text = re.sub(r"<[^>]+>", "", citation)
    # Author. Title[EB/OL]. Publisher. [date of access]. Address. (the case's catalogue leaves
    # the placeholder for the date, the punctuation of the title and "Original source" in
    # English)
    assert text.startswith("测试组. 现有经开区数量, 2024年: 232家[EB/OL]. 测试经开区. [")
    assert f"]. {BASE}zh/facts/#zones_2024. " in text
    assert "“Zones reach a new count”" in text  # an English title keeps English marks


def test_a_chinese_title_is_set_in_book_title_marks_on_chinese_pages():
    from microsite.render.citation import quoted_title

    assert quoted_title("商务部:推动经开区转型升级", "zh") == "《商务部:推动经开区转型升级》"
    assert quoted_title("Zones reach a new count", "zh") == "“Zones reach a new count”"
    assert quoted_title("商务部:推动经开区转型升级", "en") == "“商务部:推动经开区转型升级”"


def test_a_translation_takes_its_english_files_address_and_date(bilingual_project):
    replace_in(
        bilingual_project / "content/zh/stories/growth.md", "title: 经开区如何增长", "slug: other"
    )
    result = run_build("check", cwd=bilingual_project)
    assert result.returncode == 1
    assert "content/zh/stories/growth.md:2:1: slug: unknown field" in result.stderr


def test_two_builds_are_identical(bilingual_project, tmp_path):
    for out in ("one", "two"):
        result = run_build("--out", str(tmp_path / out), cwd=bilingual_project)
        assert result.returncode == 0, result.stderr
    one = {
        p.relative_to(tmp_path / "one"): p.read_bytes()
        for p in (tmp_path / "one").rglob("*")
        if p.is_file()
    }
    two = {
        p.relative_to(tmp_path / "two"): p.read_bytes()
        for p in (tmp_path / "two").rglob("*")
        if p.is_file()
    }
    assert one == two
