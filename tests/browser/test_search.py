"""The search page in a real browser: Pagefind's search box loads under the site's own policy,
and finds pages by an English word and zones by their Chinese names, at their rows; the Chinese
edition's search page (zh/search/) finds Chinese pages and zones, in Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from microsite.build.builder import build
from tests.browser.conftest import opened
from tests.browser.test_pages import RECORD_CSP_VIOLATIONS
from tests.conftest import REPO, append_to
from tests.static_host import serving

RESULT = ".pagefind-ui__result-link"
FOUND = "result"  # in Pagefind's message once results are shown: 3 results for "Dalian"
FOUND_ZH = "结果"  # in its Chinese: 找到 3 个 昆山 的相关结果


def search_for(page, query: str, found: str = FOUND) -> list[tuple[str, str]]:
    """The results of typing `query` into the search box: (title, address) of each."""
    page.locator(".pagefind-ui__search-input").fill(query)
    page.wait_for_selector(f".pagefind-ui__message:has-text('{found}')", timeout=15000)
    return [(link.inner_text(), link.get_attribute("href")) for link in page.locator(RESULT).all()]


def watched(page, problems: list[str], requested: list[str]) -> None:
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status} {r.url}"))
    page.on("request", lambda r: requested.append(r.url))
    page.add_init_script(RECORD_CSP_VIOLATIONS)


def test_an_english_word_finds_pages_with_no_error_and_no_request_out(browser, origin):
    problems: list[str] = []
    requested: list[str] = []
    with opened(browser, origin) as page:
        watched(page, problems, requested)
        page.goto(origin + "/search/", wait_until="networkidle")
        assert page.locator("#search-needs-script").is_hidden()
        # A word of a story's heading finds the story.
        results = search_for(page, "boom")
        assert "/stories/from-dalian-to-232/" in [address for _, address in results]
        # Enter submits nothing (the policy allows no form to be sent anywhere): no violation.
        page.keyboard.press("Enter")
        # A result opens its page.
        page.locator(RESULT).first.click()
        page.wait_for_load_state("networkidle")
        assert page.url != origin + "/search/"
        violations = page.evaluate("() => window.__cspViolations")
    assert violations == []
    assert problems == []
    assert all(urlparse(url).netloc == urlparse(origin).netloc for url in requested)


def test_a_zone_is_found_by_its_chinese_name_at_its_row(browser, origin):
    zone = _zone("kunshan")
    with opened(browser, origin) as page:
        page.goto(origin + "/search/", wait_until="networkidle")
        results = search_for(page, "昆山")
        assert results[0] == (f"{zone.row.name_zh} · {zone.name_en}", f"/zones/#{zone.id}")
        page.locator(RESULT).first.click()
        page.wait_for_load_state("networkidle")
        assert page.locator(f"[id='{zone.id}']").is_visible()
        assert page.evaluate("() => location.hash") == f"#{zone.id}"


def test_the_english_name_finds_the_same_row(browser, origin):
    zone = _zone("kunshan")
    with opened(browser, origin) as page:
        page.goto(origin + "/search/?q=Kunshan", wait_until="networkidle")  # ?q= searches at once
        page.wait_for_selector(RESULT, timeout=15000)
        first = page.locator(RESULT).first
        assert first.get_attribute("href") == f"/zones/#{zone.id}"


def test_search_works_from_a_folder_of_the_host(browser, origin, site, tmp_path_factory):
    """Published under /zones-atlas/ rather than at the root, results still lead to pages."""
    from tests.static_host import serving

    host = tmp_path_factory.mktemp("host")
    (host / "zones-atlas").symlink_to(site, target_is_directory=True)
    with serving(host) as elsewhere, opened(browser, elsewhere) as page:
        page.goto(elsewhere + "/zones-atlas/search/", wait_until="networkidle")
        results = search_for(page, "昆山")
        assert results[0][1] == "/zones-atlas/zones/#kunshan"


def test_without_a_worker_the_search_runs_in_the_page_under_its_policy(browser, origin):
    """Pagefind runs its WebAssembly in a worker, or in the page where no worker starts: there
    the page's own policy must allow it ('wasm-unsafe-eval'), and nothing more."""
    problems: list[str] = []
    with opened(browser, origin) as page:
        page.route("**/pagefind-worker.js", lambda route: route.abort())
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.add_init_script(RECORD_CSP_VIOLATIONS)
        page.goto(origin + "/search/", wait_until="networkidle")
        results = search_for(page, "Dalian")
        violations = page.evaluate("() => window.__cspViolations")
    assert results
    assert violations == []
    assert problems == []


def test_without_javascript_the_page_says_where_else_to_look(browser, origin):
    with opened(browser, origin, java_script_enabled=False) as page:
        page.goto(origin + "/search/")
        assert page.locator("#search-needs-script").is_visible()
        links = page.locator(".search-elsewhere a")
        assert [link.get_attribute("href") for link in links.all()] == [
            "../zones/",
            "../facts/",
            "../stories/",
        ]


@pytest.fixture(scope="module")
def bilingual(site, tmp_path_factory) -> Path:
    """The real site with its Chinese edition: the browser tests' own build when data/site.yaml
    publishes one, else a build of a copy that adds it."""
    from microsite.inputs import content
    from microsite.inputs.project import Project

    if "zh" in content.read(Project(REPO)).settings.languages:
        return site
    root = tmp_path_factory.mktemp("bilingual")
    for folder in ("data", "content"):
        shutil.copytree(REPO / folder, root / "project" / folder)
    append_to(root / "project/data/site.yaml", "languages: [en, zh]\n")
    build(root / "project", root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def zh_origin(bilingual):
    with serving(bilingual) as address:
        yield address


def test_a_chinese_word_finds_chinese_pages_in_chinese_with_no_error(browser, zh_origin):
    """开发区 is a word inside most zones' names: found on the Chinese search page, in its
    Chinese pages and zones only, with Pagefind's messages in Chinese."""
    problems: list[str] = []
    requested: list[str] = []
    with opened(browser, zh_origin) as page:
        watched(page, problems, requested)
        page.goto(zh_origin + "/zh/search/", wait_until="networkidle")
        assert page.locator("#search-needs-script").is_hidden()
        box = page.locator("#search")
        # The box's own words are the page's (its catalogue's), the label visible.
        assert page.locator("label.search-label").inner_text() == box.get_attribute("data-label")
        assert page.locator(".pagefind-ui__search-input").get_attribute(
            "placeholder"
        ) == box.get_attribute("data-placeholder")
        results = search_for(page, "开发区", FOUND_ZH)
        assert results and all(address.startswith("/zh/") for _, address in results)
        message = page.locator(".pagefind-ui__message").inner_text()
        assert message.startswith("找到") and "开发区" in message  # Pagefind's own Chinese
        violations = page.evaluate("() => window.__cspViolations")
    assert violations == []
    assert problems == []
    assert all(urlparse(url).netloc == urlparse(zh_origin).netloc for url in requested)


def test_a_zone_is_found_by_its_city_at_its_row_in_the_chinese_directory(browser, zh_origin):
    zone = _zone("kunshan")
    with opened(browser, zh_origin) as page:
        page.goto(zh_origin + "/zh/search/", wait_until="networkidle")
        results = search_for(page, "昆山", FOUND_ZH)
        assert results[0] == (zone.row.name_zh, f"/zh/zones/#{zone.id}")
        page.locator(RESULT).first.click()
        page.wait_for_load_state("networkidle")
        assert page.url == zh_origin + f"/zh/zones/#{zone.id}"
        assert page.locator(f"[id='{zone.id}']").is_visible()


def test_the_english_search_of_a_bilingual_site_finds_no_chinese_page(browser, zh_origin):
    with opened(browser, zh_origin) as page:
        page.goto(zh_origin + "/search/", wait_until="networkidle")
        # Kunshan is in the zone's English and Chinese records, and on pages of both editions.
        results = search_for(page, "Kunshan")
        assert results and not [address for _, address in results if "/zh/" in address]
        assert results[0][1] == "/zones/#kunshan"


def test_the_chinese_search_works_from_a_folder_of_the_host(browser, bilingual, tmp_path_factory):
    host = tmp_path_factory.mktemp("zh-host")
    (host / "zones-atlas").symlink_to(bilingual, target_is_directory=True)
    with serving(host) as elsewhere, opened(browser, elsewhere) as page:
        page.goto(elsewhere + "/zones-atlas/zh/search/", wait_until="networkidle")
        results = search_for(page, "昆山", FOUND_ZH)
        assert results[0][1] == "/zones-atlas/zh/zones/#kunshan"


def _zone(zone_id: str):
    from microsite.inputs import content
    from microsite.inputs.project import Project

    zones = {zone.id: zone for zone in content.read(Project(REPO)).zones}
    return zones[zone_id]
