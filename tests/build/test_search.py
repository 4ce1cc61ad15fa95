"""Site-wide search: Pagefind's index written with the site when data/site.yaml asks for it,
the same bytes every build, with a record for each zone; nothing of it when search is off."""

from __future__ import annotations

import datetime
import gzip
import json
import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from microsite.build import search, serve
from microsite.build.builder import Builder, Options, build
from microsite.errors import BuildFailed, SiteError
from tests.conftest import replace_in, run_build
from tests.golden import differing_files, read_tree

OPTIONS = Options(workers=1, today=datetime.date(2026, 1, 1))
JIANGSU = SimpleNamespace(name_en="Jiangsu", name_zh="江苏")
# Stand-ins for inputs.zones.Zone, with the names the zone model gives (the contract's).
KUNSHAN = SimpleNamespace(
    id="kunshan",
    name_en="Kunshan Economic and Technological Development Zone",
    withdrawn=False,
    province=JIANGSU,
    city="苏州（昆山）",
    row=SimpleNamespace(name_zh="昆山经济技术开发区", city="苏州(昆山)"),
)
WITHDRAWN = SimpleNamespace(
    id="old-zone",
    name_en="Old Zone",
    withdrawn=True,
    province=JIANGSU,
    city="南京",
    row=SimpleNamespace(name_zh="旧区", city="南京"),
)


@pytest.fixture
def searchable(project: Path) -> Path:
    """The minimal case with search on, as a new site has it (the case itself turns it off)."""
    replace_in(project / "data/site.yaml", "search: false\n", "")
    return project


def fragments(site: dict[str, bytes]) -> dict[str, dict]:
    """What the index holds for each page and record, by its address: Pagefind's fragments
    are gzipped JSON behind a signature."""
    found = {}
    for path, content in site.items():
        if path.startswith("pagefind/fragment/"):
            data = gzip.decompress(content)
            assert data.startswith(b"pagefind_dcd"), path
            fragment = json.loads(data[len(b"pagefind_dcd") :])
            found[fragment["url"]] = fragment
    return found


def test_the_index_is_written_with_the_site_and_covers_every_page_but_embeds(searchable, tmp_path):
    summary = build(searchable, tmp_path / "site", OPTIONS)
    site = read_tree(tmp_path / "site")
    top = sorted(path for path in site if re.fullmatch(r"pagefind/[^/]+", path))
    metadata = [path for path in top if path.endswith(".pf_meta")]
    # Pagefind's default search box and its English index; none of its other interfaces.
    assert [path for path in top if path not in metadata] == [
        "pagefind/pagefind-entry.json",
        "pagefind/pagefind-ui.css",
        "pagefind/pagefind-ui.js",
        "pagefind/pagefind-worker.js",
        "pagefind/pagefind.js",
        "pagefind/wasm.en.pagefind",
    ]
    assert len(metadata) == 1 and re.fullmatch(
        r"pagefind/pagefind\.en_[0-9a-f]+\.pf_meta", metadata[0]
    )
    entry = json.loads(site["pagefind/pagefind-entry.json"])
    assert list(entry["languages"]) == ["en"]
    # Every page a reader reads is indexed; a chart's embed, the feed and the search page are not.
    pages = {
        "/" + path.removesuffix("index.html")
        for path in site
        if path.endswith("index.html") and not path.endswith("embed/index.html")
    }
    assert set(fragments(site)) == pages - {"/search/"}
    assert entry["languages"]["en"]["page_count"] == len(pages) - 1
    assert "search" in dict(summary.timings)
    story = fragments(site)["/stories/how-the-zones-grew/"]
    assert story["meta"]["title"] == "How the zones grew"
    assert "Skip to content" not in story["content"]  # the page's own text, not its menu
    assert "is published by" not in story["content"]  # nor its footer


def test_two_builds_write_the_same_index(searchable, tmp_path):
    build(searchable, tmp_path / "one", OPTIONS)
    build(searchable, tmp_path / "two", Options(workers=2, today=OPTIONS.today))
    one, two = read_tree(tmp_path / "one"), read_tree(tmp_path / "two")
    assert any(path.startswith("pagefind/fragment/") for path in one)
    assert differing_files(one, two) == []


def test_the_search_page_is_linked_from_every_page_and_alone_allows_webassembly(
    searchable, tmp_path
):
    build(searchable, tmp_path / "site", OPTIONS)
    pages = {
        path: content.decode()
        for path, content in read_tree(tmp_path / "site").items()
        if path.endswith(".html")
    }
    search_page = pages["search/index.html"]
    # Pagefind's search box from the bundle at the site's root, and its words in English.
    assert (
        '<div id="search" class="search" data-ui="../pagefind/pagefind-ui.js"'
        ' data-label="Search the site" data-placeholder="Kunshan, 昆山, exports…"'
        ' data-failed="Search could not load."></div>'
    ) in search_page
    assert "data-pagefind-body" not in search_page  # nothing to find on it
    assert "Search needs JavaScript" in search_page
    for path, html in pages.items():
        policy = re.search(r"script-src ([^;]*);", html)
        assert policy, path
        allowed = "'self' 'wasm-unsafe-eval'" if path == "search/index.html" else "'self'"
        assert policy.group(1) == allowed, path
        if not path.endswith("embed/index.html"):  # an embed has no menu
            link = "./" if path == "search/index.html" else _relative("search/", path)
            assert f'<li><a href="{link}"' in html, path


def _relative(target: str, page: str) -> str:
    depth = page.count("/")
    return "../" * depth + target


def test_a_zone_is_found_by_either_name_at_its_row():
    record = search.zone_record(KUNSHAN)
    assert record == search.Record(
        url="/zones/#kunshan",
        title="昆山经济技术开发区 · Kunshan Economic and Technological Development Zone",
        text="昆山经济技术开发区, Kunshan Economic and Technological Development Zone. "
        "Jiangsu (江苏), 苏州（昆山）.",
    )
    assert search.zone_record(WITHDRAWN).text == "旧区, Old Zone. Jiangsu (江苏), 南京. Withdrawn."


def test_zone_records_are_indexed_in_the_pages_language():
    wanted = search.Searched({}, (search.zone_record(KUNSHAN), search.zone_record(WITHDRAWN)))
    made = search.index(wanted)
    found = fragments(made.files)
    assert set(found) == {"/zones/#kunshan", "/zones/#old-zone"}
    kunshan = found["/zones/#kunshan"]
    assert kunshan["meta"]["title"] == search.zone_record(KUNSHAN).title
    assert "Jiangsu (江苏), 苏州（昆山）" in kunshan["content"]
    # In the pages' language, so the English search page opens the index that holds them.
    assert list(json.loads(made.files["pagefind/pagefind-entry.json"])["languages"]) == ["en"]


def test_every_zone_of_the_data_is_found_at_its_row_in_the_directory(atlas_project, tmp_path):
    from microsite.inputs import content
    from microsite.inputs.project import Project

    replace_in(atlas_project / "data/site.yaml", "search: false\n", "")
    build(atlas_project, tmp_path / "site", OPTIONS)
    site = read_tree(tmp_path / "site")
    found = fragments(site)
    zones = content.read(Project(atlas_project)).zones
    assert len(zones) == 4
    for zone in zones:
        record = found[f"/zones/#{zone.id}"]
        assert record["meta"]["title"] == f"{zone.row.name_zh} · {zone.name_en}"
        assert f"{zone.province.name_en} ({zone.province.name_zh})" in record["content"]
        assert f'id="{zone.id}"' in site["zones/index.html"].decode()  # the row it leads to
    withdrawn = [zone for zone in zones if zone.withdrawn]
    assert withdrawn and all(
        found[f"/zones/#{zone.id}"]["content"].endswith("Withdrawn.") for zone in withdrawn
    )


def test_search_off_builds_no_index_no_page_and_no_link(project, tmp_path, monkeypatch):
    def refuse(wanted):
        raise AssertionError("Pagefind started with search off")

    monkeypatch.setattr(search, "index", refuse)
    build(project, tmp_path / "site", OPTIONS)
    site = read_tree(tmp_path / "site")
    assert not any(path.startswith(("pagefind/", "search/")) for path in site)
    home = site["index.html"].decode()
    assert ">Search</a>" not in home
    assert "wasm-unsafe-eval" not in home


def test_the_preview_keeps_the_last_index_until_asked_to_refresh_it(searchable, tmp_path):
    out = tmp_path / "site"
    preview = Builder(searchable, Options(workers=1, today=OPTIONS.today, search_later=True))
    preview.build(out)
    first = read_tree(out)
    replace_in(
        searchable / "content/stories/growth.md", "a number we could not confirm", "a kumquat"
    )
    preview.build(out)
    kept = read_tree(out)
    assert "a kumquat" in kept["stories/how-the-zones-grew/index.html"].decode()
    assert {p: c for p, c in kept.items() if p.startswith("pagefind/")} == {
        p: c for p, c in first.items() if p.startswith("pagefind/")
    }
    assert preview.search_due is not None

    assert preview.refresh_search() is True
    assert preview.search_due is None
    assert preview.refresh_search() is False  # nothing left to do
    build(searchable, tmp_path / "fresh", OPTIONS)
    assert differing_files(read_tree(out), read_tree(tmp_path / "fresh")) == []
    assert "a kumquat" in fragments(read_tree(out))["/stories/how-the-zones-grew/"]["content"]


def test_a_build_indexes_a_changed_page_at_once(searchable, tmp_path):
    builder = Builder(searchable, OPTIONS)
    builder.build(tmp_path / "site")
    replace_in(
        searchable / "content/stories/growth.md", "a number we could not confirm", "a kumquat"
    )
    builder.build(tmp_path / "site")
    assert builder.search_due is None
    assert (
        "a kumquat"
        in fragments(read_tree(tmp_path / "site"))["/stories/how-the-zones-grew/"]["content"]
    )


def test_a_missing_indexer_is_one_clear_problem(searchable, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))
    (tmp_path / "site").mkdir()
    result = run_build("--out", str(tmp_path / "site"), cwd=searchable)
    assert result.returncode == 1
    assert result.stderr == (
        "pyproject.toml: the search indexer, Pagefind, is not installed\n"
        "  hint: run `python -m pip install -e .` in the project folder (see the README's "
        "set-up), or set `search: false` in data/site.yaml to build the site without search\n"
        f"1 problem found; {tmp_path / 'site'} was not changed.\n"
    )
    assert list((tmp_path / "site").iterdir()) == []


def test_the_preview_indexes_again_once_the_editor_pauses(searchable):
    from tests.build.test_serve import _address, get, start_preview, status, wait_for_version

    process = start_preview(searchable)
    try:
        address = _address(process)
        assert status(address)["version"] == 1
        first = _index_hash(address)
        replace_in(
            searchable / "content/stories/growth.md", "a number we could not confirm", "a kumquat"
        )
        wait_for_version(address, 2)
        saved = time.monotonic()
        assert "a kumquat" in get(address + "stories/how-the-zones-grew/")  # shown at once,
        assert _index_hash(address) == first  # with the index it had
        while _index_hash(address) == first:
            assert time.monotonic() - saved < 15, "the index was never brought up to date"
            time.sleep(0.2)
        assert time.monotonic() - saved >= serve.SEARCH_PAUSE - 0.5  # only after the pause
    finally:
        process.terminate()
        process.wait(timeout=10)


def _index_hash(address: str) -> str:
    """The hash Pagefind gives the preview's current index: a new index, a new hash."""
    from urllib.request import urlopen

    with urlopen(address + "pagefind/pagefind-entry.json", timeout=5) as response:
        return json.loads(response.read())["languages"]["en"]["hash"]


def test_an_index_the_preview_cannot_make_is_reported_once(
    searchable, tmp_path, monkeypatch, capsys
):
    preview = Builder(searchable, Options(workers=1, today=OPTIONS.today, search_later=True))
    preview.build(tmp_path / "site")
    replace_in(
        searchable / "content/stories/growth.md", "a number we could not confirm", "a kumquat"
    )
    preview.build(tmp_path / "site")

    def fail(wanted):
        raise BuildFailed([SiteError("data/site.yaml", None, "Pagefind could not index", "a hint")])

    monkeypatch.setattr(search, "index", fail)
    serve.refresh_search(preview)
    assert capsys.readouterr().err == (
        "data/site.yaml: Pagefind could not index\n  hint: a hint\n"
        "Search finds what it found before.\n"
    )
    assert preview.search_due is None  # not retried until the next change
