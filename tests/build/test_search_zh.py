"""Search in a site of two editions: Pagefind keeps an index per page language, so the English
search page finds English pages and zones' English records, and the Chinese one (zh/search/)
Chinese pages and each zone's Chinese record at its row in /zh/zones/. Chinese text is split
into words (Pagefind's extended indexer), so 开发区 finds 天津经济技术开发区. Searches run
the built site's own pagefind.js under Node, as a reader's browser would."""

from __future__ import annotations

import datetime
import gzip
import json
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from microsite.build import search
from microsite.build.builder import Options, build
from microsite.errors import BuildFailed
from microsite.render.languages import editions
from tests.conftest import append_to, make_atlas_project, replace_in
from tests.golden import differing_files, read_tree

OPTIONS = Options(workers=1, today=datetime.date(2026, 1, 1))
SEARCH = Path(__file__).with_name("pagefind_search.mjs")
ENGLISH, CHINESE = editions(["en", "zh"])  # Chinese under zh/


def bilingual_project(root: Path) -> Path:
    """The atlas case (minimal plus four zones in Tianjin and Beijing) with search on, in
    English and Chinese."""
    make_atlas_project(root)
    replace_in(root / "data/site.yaml", "search: false\n", "")
    append_to(root / "data/site.yaml", "languages: [en, zh]\n")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    project = bilingual_project(tmp_path_factory.mktemp("bilingual") / "project")
    out = project.parent / "site"
    build(project, out, OPTIONS)
    return project, read_tree(out)


@pytest.fixture(scope="module")
def site(built) -> Path:
    project, _ = built
    return project.parent / "site"


def found(site: Path, lang: str, query: str) -> list[dict[str, str]]:
    """What the site's search finds for `query` on a page of <html lang="`lang`">."""
    result = subprocess.run(
        ["node", str(SEARCH), str(site), lang, query],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def fragments(site: dict[str, bytes]) -> dict[str, tuple[str, dict]]:
    """Each page and record the index holds, by address: (its index's language, what it holds)."""
    held = {}
    for path, content in site.items():
        named = re.fullmatch(r"pagefind/fragment/(.+)_[0-9a-f]+\.pf_fragment", path)
        if named:
            fragment = json.loads(gzip.decompress(content)[len(b"pagefind_dcd") :])
            assert fragment["url"] not in held, fragment["url"]
            held[fragment["url"]] = (named.group(1), fragment)
    return held


def test_the_chinese_search_finds_a_zone_by_a_word_inside_its_name(site):
    """开发区 is a word inside 天津经济技术开发区: found only where Chinese text is split into
    words (the standard indexer keeps the whole name as one)."""
    results = found(site, "zh-Hans", "开发区")
    zones = [result for result in results if "/zones/#" in result["url"]]
    assert sorted(zone["url"] for zone in zones) == [
        "/zh/zones/#beijing",
        "/zh/zones/#binhai-west",
        "/zh/zones/#tianjin",
        "/zh/zones/#tianjin-gone",
    ]
    assert {"url": "/zh/zones/#tianjin", "title": "天津经济技术开发区"} in zones
    assert all(result["url"].startswith("/zh/") for result in results)


def test_the_chinese_search_finds_zones_by_their_city(site):
    """滨海 is the district of 天津(滨海), the city of three of the four zones (and in the name
    of one); Beijing's zone is in 北京."""
    zones = [r["url"] for r in found(site, "zh-Hans", "滨海") if "/zones/#" in r["url"]]
    assert sorted(zones) == [
        "/zh/zones/#binhai-west",
        "/zh/zones/#tianjin",
        "/zh/zones/#tianjin-gone",
    ]
    assert {"url": "/zh/zones/#beijing", "title": "北京经济技术开发区"} in found(
        site, "zh-Hans", "北京"
    )


def test_the_english_search_finds_english_pages_and_records_only(site):
    results = found(site, "en", "Tianjin")
    assert {"url": "/zones/#tianjin", "title": "天津经济技术开发区 · Tianjin ETDZ"} in results
    assert "/provinces/tianjin/" in [result["url"] for result in results]
    assert not [r for r in results if r["url"].startswith("/zh/")]
    by_chinese_name = found(site, "en", "天津")
    assert by_chinese_name and not [r for r in by_chinese_name if r["url"].startswith("/zh/")]


def test_each_index_holds_its_own_editions_pages_and_records(built):
    _, files = built
    held = fragments(files)
    pages = {
        "/" + path.removesuffix("index.html")
        for path in files
        if path.endswith("index.html")
        and not path.endswith(("embed/index.html", "search/index.html"))
    }
    zones = ["beijing", "binhai-west", "tianjin", "tianjin-gone"]
    english = {url for url, (language, _) in held.items() if language == "en"}
    chinese = {url for url, (language, _) in held.items() if language == "zh-hans"}
    assert english == {p for p in pages if not p.startswith("/zh/")} | {
        f"/zones/#{zone}" for zone in zones
    }
    assert chinese == {p for p in pages if p.startswith("/zh/")} | {
        f"/zh/zones/#{zone}" for zone in zones
    }
    assert set(held) == english | chinese  # no third index
    # The Chinese is held split into words, with a zero-width space between each two.
    tianjin = held["/zh/zones/#tianjin"][1]["content"]
    assert tianjin.replace("\u200b", "") == "天津经济技术开发区，Tianjin ETDZ。天津，天津（滨海）。"
    assert tianjin.startswith("天津\u200b经济\u200b技术\u200b")
    assert (
        held["/zh/zones/#tianjin-gone"][1]["content"].replace("\u200b", "").endswith("。已撤销。")
    )
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    assert list(entry["languages"]) == ["en", "zh-hans"]
    assert entry["languages"]["zh-hans"]["page_count"] == len(chinese)
    # Chinese has no stemmer: pagefind.js then loads the WebAssembly for "unknown" languages.
    assert entry["languages"]["zh-hans"]["wasm"] is None
    assert "pagefind/wasm.unknown.pagefind" in files
    assert "pagefind/wasm.en.pagefind" in files


def test_the_chinese_search_page_opens_the_shared_bundle_in_chinese(built):
    _, files = built
    page = files["zh/search/index.html"].decode()
    assert '<html lang="zh-Hans"' in page  # Pagefind opens the zh-hans index, and its zh strings
    assert 'data-ui="../../pagefind/pagefind-ui.js"' in page  # the one bundle, at the root
    assert "data-pagefind-body" not in page
    english = files["search/index.html"].decode()
    assert 'data-ui="../pagefind/pagefind-ui.js"' in english


def test_two_builds_of_two_editions_are_the_same_bytes(built, tmp_path):
    project, first = built
    build(project, tmp_path / "again", Options(workers=2, today=OPTIONS.today))
    again = read_tree(tmp_path / "again")
    assert any(path.startswith("pagefind/fragment/zh-hans_") for path in again)
    assert differing_files(first, again) == []


def test_the_entry_lists_the_languages_in_one_order_whatever_pagefind_gives():
    """Pagefind writes its entry's languages in an order that changes from run to run."""

    def bundle(languages: dict) -> bytes:
        entry = {"version": "1.5.2", "languages": languages, "include_characters": ["_", "‿"]}
        written = [
            {"path": "pagefind-entry.json", "content": json.dumps(entry).encode()},
            {"path": "wasm.en.pagefind", "content": b"en"},
            {"path": "wasm.unknown.pagefind", "content": b"unknown"},
            {"path": "wasm.de.pagefind", "content": b"de"},
        ]
        return search._bundle(written)

    en = {"hash": "en_1", "wasm": "en", "page_count": 3}
    zh = {"hash": "zh-hans_2", "wasm": None, "page_count": 2}
    one, other = bundle({"zh-hans": zh, "en": en}), bundle({"en": en, "zh-hans": zh})
    assert one == other
    assert (
        one["pagefind/pagefind-entry.json"]
        == (
            '{"version":"1.5.2","languages":{"en":{"hash":"en_1","wasm":"en","page_count":3},'
            '"zh-hans":{"hash":"zh-hans_2","wasm":null,"page_count":2}},'
            '"include_characters":["_","‿"]}'
        ).encode()
    )
    assert sorted(one) == [
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.en.pagefind",
        "pagefind/wasm.unknown.pagefind",
    ]


JIANGSU = SimpleNamespace(name_en="Jiangsu", name_zh="江苏")


def _zone(status: str) -> SimpleNamespace:
    return SimpleNamespace(
        id="kunshan",
        name_zh="昆山经济技术开发区",
        name_en="Kunshan ETDZ",
        withdrawn=status != "confirmed",
        withdrawal_confirmed=status == "withdrawn",
        province=JIANGSU,
        city="苏州（昆山）",
        row=SimpleNamespace(name_zh="昆山经济技术开发区", city="苏州(昆山)"),
    )


def test_a_zones_chinese_record_is_at_its_row_in_the_chinese_directory():
    record = search.zone_record(_zone("confirmed"), CHINESE)
    assert record == search.Record(
        url="/zh/zones/#kunshan",
        title="昆山经济技术开发区",
        text="昆山经济技术开发区，Kunshan ETDZ。江苏，苏州（昆山）。",
        language="zh-hans",  # as Pagefind names the index of <html lang="zh-Hans">
    )


def test_a_chinese_record_says_whether_a_withdrawal_is_confirmed():
    assert search.zone_record(_zone("withdrawn"), CHINESE).text.endswith("苏州（昆山）。已撤销。")
    assert search.zone_record(_zone("reported-withdrawn"), CHINESE).text.endswith(
        "苏州（昆山）。据报已撤销，未经证实。"
    )


def test_a_chinese_edition_without_the_extended_indexer_is_one_clear_problem(monkeypatch):
    real = search.importlib.util.find_spec
    monkeypatch.setattr(
        search.importlib.util,
        "find_spec",
        lambda name, *args: None if name == search.EXTENDED else real(name, *args),
    )
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    with pytest.raises(BuildFailed) as failed:
        search.index(search.searched({}, (), ("en", "zh")))
    [problem] = failed.value.errors
    assert problem.message == (
        "the Chinese edition's search needs Pagefind's extended indexer (pagefind-bin-extended),"
        " which splits Chinese text into words, and it is not installed"
    )
    assert problem.hint == (
        "run `python -m pip install -e .` in the project folder (see the README's set-up)"
    )
    # An English site needs only the standard indexer.
    assert search.index(search.searched({}, (), ("en",))).files
