"""The search page in a real browser: Pagefind's search box loads under the site's own policy,
and finds pages by an English word and zones by their Chinese names, at their rows."""

from __future__ import annotations

from urllib.parse import urlparse

from tests.browser.conftest import opened
from tests.browser.test_pages import RECORD_CSP_VIOLATIONS
from tests.conftest import REPO

RESULT = ".pagefind-ui__result-link"


def search_for(page, query: str) -> list[tuple[str, str]]:
    """The results of typing `query` into the search box: (title, address) of each."""
    page.locator(".pagefind-ui__search-input").fill(query)
    page.wait_for_selector(".pagefind-ui__message:has-text('result')", timeout=15000)
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


def _zone(zone_id: str):
    from microsite.inputs import content
    from microsite.inputs.project import Project

    zones = {zone.id: zone for zone in content.read(Project(REPO)).zones}
    return zones[zone_id]
