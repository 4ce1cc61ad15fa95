"""Sharing: the feed, sitemap, link-preview cards and JSON-LD validate against their formats;
every page has its own share image; citations and embed codes are ready on every fact and
chart. On the minimal case."""

import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from microsite.build import builder
from microsite.build.builder import Options
from microsite.inputs import content
from microsite.inputs.project import Project
from microsite.render import sharing
from tests.conftest import MINIMAL, replace_in, run_build
from tests.formats import (
    atom_problems,
    card_problems,
    json_ld_blocks,
    json_ld_problems,
    sitemap_problems,
)

BASE = "https://test.example/zones/"  # the minimal case's base_url


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sharing") / "site"
    builder.build(MINIMAL, out)
    return out


def pages(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    }


def fetcher(out: Path, base: str):
    def fetch(url: str) -> bytes | None:
        path = out / url.removeprefix(base)
        return path.read_bytes() if url.startswith(base) and path.is_file() else None

    return fetch


def test_the_feed_is_valid_atom_with_every_story(built):
    feed = (built / "feed.xml").read_bytes()
    assert atom_problems(feed) == []
    stories = [p for p in pages(built) if re.fullmatch(r"stories/[^/]+/index.html", p)]
    assert stories == ["stories/how-the-zones-grew/index.html"]
    for story in stories:
        assert f"<id>{BASE}{story.removesuffix('index.html')}</id>".encode() in feed


def test_the_feed_lists_corrections_newest_first(tmp_path):
    out = tmp_path / "site"
    builder.build(MINIMAL, out)
    feed = (out / "feed.xml").read_text()
    assert atom_problems(feed.encode()) == []
    entries = re.findall(r"<entry>.*?</entry>", feed, re.S)
    # The story, of 17 July 2025, was updated on 1 August 2025 when a figure in it was corrected.
    assert "How the zones grew" in entries[0]
    assert "<published>2025-07-17T00:00:00Z</published>" in entries[0]
    assert "<updated>2025-08-01T00:00:00Z</updated>" in entries[0]
    assert "Correction: Zones in existence, 2023" in entries[1]
    assert "Was 228; it is now 229. The ministry" in entries[1]
    assert "<updated>2025-08-01T00:00:00Z</updated>" in feed.split("<entry>")[0]


def test_the_sitemap_lists_every_page_but_the_embeds(built):
    sitemap = (built / "sitemap.xml").read_bytes()
    assert sitemap_problems(sitemap) == []
    listed = set(re.findall(rb"<loc>([^<]+)</loc>", sitemap))
    expected = {
        (BASE + path.removesuffix("index.html")).encode()
        for path in pages(built)
        if "/embed/" not in path
    }
    assert listed == expected
    # The story's date, 17 July 2025, moved on by the correction of a figure its chart plots.
    assert re.search(
        rb"<loc>[^<]+/stories/how-the-zones-grew/</loc>\s*<lastmod>2025-08-01</lastmod>", sitemap
    )
    robots = (built / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


def test_every_page_has_a_valid_card_with_its_own_image(built):
    images = set()
    for path, page in pages(built).items():
        assert card_problems(page, fetcher(built, BASE)) == [], path
        [image] = re.findall(r'<meta property="og:image" content="([^"]+)"', page)
        if "/embed/" not in path:
            images.add(image)
            assert image == BASE + path.removesuffix("index.html") + "share.png"
    assert len(images) == len(pages(built)) - len([p for p in pages(built) if "/embed/" in p])


def test_a_card_shows_the_page_title_and_key_figure(built):
    # A story's key figure is the first it cites: here the year the first zone opened.
    story = (built / "stories/how-the-zones-grew/index.html").read_text()
    alt = html.unescape(re.search(r'og:image:alt" content="([^"]+)"', story).group(1))
    assert alt == (
        "How the zones grew. Key figure: 1984 (Year the first zone opened, 25 September 1984)"
    )
    image = Image.open(io.BytesIO((built / "stories/how-the-zones-grew/share.png").read_bytes()))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    home = (built / "index.html").read_text()
    assert "og:type" in home and 'content="website"' in home
    assert '<meta property="og:type" content="article">' in story


def test_share_images_are_the_same_bytes_build_after_build(built, tmp_path):
    again = tmp_path / "again"
    builder.build(MINIMAL, again, Options(workers=1))
    for image in built.rglob("*.png"):
        assert (again / image.relative_to(built)).read_bytes() == image.read_bytes(), image


def test_stories_and_the_data_page_carry_valid_json_ld(built):
    found = {}
    for path, page in pages(built).items():
        for block in json_ld_blocks(page):
            assert json_ld_problems(block) == [], path
            found.setdefault(block["@type"], []).append(path)
    assert sorted(found["NewsArticle"]) == sorted(
        p for p in pages(built) if re.fullmatch(r"stories/[^/]+/index.html", p)
    )
    assert found["Dataset"] == ["data/index.html"]
    [dataset] = json_ld_blocks((built / "data/index.html").read_text())
    addresses = {d["contentUrl"] for d in dataset["distribution"]}
    assert BASE + "data/facts.csv" in addresses and BASE + "data/datapackage.json" in addresses
    for address in addresses:
        assert (built / address.removeprefix(BASE)).is_file()


def test_json_ld_cannot_close_its_script_element():
    headline = "A </script><script>alert(1)</script> <!--<script> & title"
    block = sharing.json_ld({"headline": headline})
    inner = block.split(">", 1)[1].rsplit("<", 1)[0]
    assert block.count("</script>") == 1 and "<" not in inner and "&" not in inner
    assert json.loads(inner)["headline"] == headline


def test_every_fact_has_a_permalink_and_a_citation(built):
    facts_page = (built / "facts/index.html").read_text()
    table = (built / "data/facts.csv").read_text().splitlines()[1:]
    for line in table:
        key = line.split(",", 1)[0]
        assert f'<tr id="{key}">' in facts_page
        assert f'id="cite-{key}"' in facts_page
    assert len(table) == 9
    citation = re.search(r'<p class="citation" id="cite-gdp_2024">(.*?)</p>', facts_page)
    text = html.unescape(re.sub(r"<[^>]+>", "", citation.group(1)))
    assert text.startswith("The test desk. “Regional GDP of the zones, 2024: 16.9 trillion yuan”")
    assert f"Test Zones, {BASE}facts/#gdp_2024, accessed [date accessed]." in text
    assert "Original source: Official Daily, “Zones reach a new count”, 27 May 2025" in text


def test_every_chart_has_a_page_a_citation_and_embed_code(built):
    chart_pages = sorted((built / "charts").glob("*/index.html"))
    assert [path.parent.name for path in chart_pages] == ["gdp", "zones_count"]
    # A frame's title is the chart's (data/charts.yaml) and the site's.
    embed_titles = {
        "gdp": "Output grew (Test Zones)",
        "zones_count": "The count kept rising (Test Zones)",
    }
    for chart_page in chart_pages:
        key = chart_page.parent.name
        page = chart_page.read_text()
        citation = re.search(rf'<p class="citation" id="cite-chart-{key}">(.*?)</p>', page).group(1)
        text = html.unescape(re.sub(r"<[^>]+>", "", citation))
        assert f"Test Zones, {BASE}charts/{key}/, accessed [date accessed]. Data: " in text
        assert text.endswith(f"each figure's source: {BASE}data/charts/{key}.csv.")
        code = html.unescape(
            re.search(r'<textarea id="embed-[^"]+"[^>]*>(.*?)</textarea>', page, re.S).group(1)
        )
        src = re.search(r'src="([^"]+)"', code).group(1)
        assert src == f"{BASE}charts/{key}/embed/"
        title = re.search(r'title="([^"]+)"', code).group(1)
        assert title == embed_titles[key]
        embed = (built / f"charts/{key}/embed/index.html").read_text()
        assert '<meta name="robots" content="noindex">' in embed
        assert 'class="chart-source"' in embed and 'role="img"' in embed
        assert f'<link rel="canonical" href="{BASE}charts/{key}/">' in embed


def test_a_story_chart_links_to_its_page_and_downloads(built):
    story = (built / "stories/how-the-zones-grew/index.html").read_text()
    assert 'href="../../charts/gdp/">Permalink</a>' in story
    assert 'href="../../data/charts/gdp.csv" download' in story
    assert 'href="../../data/charts/gdp.json" download' in story


def test_the_base_url_can_be_given_when_building(project, tmp_path):
    result = run_build("--base-url", "https://news.example.org/zones", cwd=project)
    assert result.returncode == 0, result.stderr
    out = project / "site"
    assert "https://news.example.org/zones/feed.xml" in (out / "feed.xml").read_text()
    assert (
        'og:url" content="https://news.example.org/zones/facts/"'
        in (out / "facts/index.html").read_text()
    )
    refused = run_build("--base-url", "news.example.org", cwd=project)
    assert refused.returncode == 2
    assert "is not a plain web address" in refused.stderr


def test_a_site_without_base_url_is_told_to_set_it(project):
    replace_in(project / "data/site.yaml", "base_url: https://test.example/zones/\n", "")
    result = run_build(cwd=project)
    assert result.returncode == 1
    assert "data/site.yaml" in result.stderr and "base_url" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_licence_is_stated_on_every_page_and_in_the_package(built):
    for path, page in pages(built).items():
        if "/embed/" in path:
            continue
        assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license' in page, path
    package = json.loads((built / "data/datapackage.json").read_text())
    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    data_page = (built / "data/index.html").read_text()
    assert 'id="licences"' in data_page and "terms of the original source" in data_page


def test_a_licence_set_in_site_yaml_is_used_everywhere(project):
    site_yaml = project / "data/site.yaml"
    site_yaml.write_text(
        site_yaml.read_text()
        + "licence:\n  name: CC-BY-SA-4.0\n"
        + "  title: Creative Commons Attribution-ShareAlike 4.0 International\n"
        + "  url: https://creativecommons.org/licenses/by-sa/4.0/\n"
    )
    assert run_build(cwd=project).returncode == 0
    out = project / "site"
    package = json.loads((out / "data/datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "CC-BY-SA-4.0"
    assert "by-sa/4.0" in (out / "index.html").read_text()
    assert "Attribution-ShareAlike" in (out / "feed.xml").read_text()


def test_a_site_without_stories_still_has_a_valid_feed(project):
    shutil.rmtree(project / "content/stories")
    (project / "content/stories").mkdir()
    result = run_build(cwd=project)
    assert result.returncode == 0, result.stderr
    feed = (project / "site/feed.xml").read_bytes()
    assert atom_problems(feed) == []


def test_a_feed_with_no_entries_is_still_valid_atom():
    settings = content.read(Project(MINIMAL)).settings
    feed = sharing.feed(settings, [])
    assert atom_problems(feed.encode()) == []
    assert f"<updated>{sharing.NO_ENTRIES}</updated>" in feed
