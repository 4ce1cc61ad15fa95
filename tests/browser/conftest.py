"""A real browser over the real site: Debian's Chromium driven by Playwright, on 127.0.0.1.

Every test here carries the `browser` marker, so `pytest -m "not browser"` runs the rest on a
machine without Playwright or Chromium; Playwright is imported only when a browser starts.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from microsite.build.builder import build
from tests.conftest import REPO
from tests.static_host import CHROMIUM, CHROMIUM_FLAGS, serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HERE = Path(__file__).parent
EDITION_FOLDERS = ("zh",)  # the folders of the editions beside the root's (render/languages.py)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build(REPO, out)
    return out


@pytest.fixture(scope="session")
def origin(site) -> Iterator[str]:
    with serving(site) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright  # not needed to collect, nor without -m browser

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def page_addresses(site: Path) -> list[str]:
    """Every page of the site, as the address a reader opens."""
    addresses = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        addresses.append("/" if relative == "." else f"/{relative}/")
    return addresses


def pytest_generate_tests(metafunc) -> None:
    if "address" in metafunc.fixturenames:
        metafunc.parametrize("address", _addresses_for_collection())


@functools.cache
def _addresses_for_collection() -> list[str]:
    """One page of each type the build writes, known before the session builds: a page type
    is tested once, so that a site of a thousand stories or thirty provinces costs CI no more
    than a site of one."""
    from microsite.inputs import content
    from microsite.inputs.project import Project

    read = content.read(Project(REPO))
    fixed = ["/", "/stories/", "/facts/", "/sources/", "/corrections/", "/data/"]
    story = [f"/stories/{read.stories[0].meta.slug}/"] if read.stories else []
    # Each layout of content/pages/ draws its own page type: one page of each.
    layouts: dict[str, str] = {}
    for page in read.pages:
        layouts.setdefault(page.meta.layout, f"/{page.meta.slug}/")
    chart = next(iter(read.charts), None)
    charts = [f"/charts/{chart}/", f"/charts/{chart}/embed/"] if chart else []
    province = [f"/provinces/{read.zones[0].province.slug}/"] if read.zones else []
    timeline = ["/timeline/"] if read.timeline.events else []
    search = ["/search/"] if read.settings.search else []
    english = fixed + story + sorted(layouts.values()) + charts + province + timeline + search
    # Each type once more in each other language: its own words, fonts and lengths.
    others = [f"/{code}" for code in read.settings.languages[1:]]
    return english + [folder + address for folder in others for address in english]


def page_type(address: str) -> str:
    """What kind of page an address is: /stories/x/ and /stories/y/ are one type, and
    /zh/stories/x/ is that type in Chinese."""
    parts = address.strip("/").split("/")
    edition = ""
    if parts[0] in EDITION_FOLDERS:
        edition = parts.pop(0) + ":"
        address = "/" + "/".join(parts) + ("/" if parts else "")
    if parts and parts[0] in ("stories", "provinces", "charts") and len(parts) > 1:
        return edition + "/".join([parts[0], "*", *parts[2:]])
    return edition + address


@contextlib.contextmanager
def opened(browser: Browser, url: str, **context_options) -> Iterator[Page]:
    context = browser.new_context(**context_options)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def draw_all_charts(page: Page) -> None:
    """Scroll the whole page so every lazily loaded chart draws, then wait for all of them."""
    height = page.evaluate("() => document.documentElement.scrollHeight")
    for _ in range(0, height + 600, 500):
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(30)
    for plot in page.locator(".chart-plot").all():
        plot.scroll_into_view_if_needed()
        figure = plot.evaluate("e => e.parentElement.id")
        page.wait_for_selector(f"#{figure} .chart-plot.drawn svg.main-svg", timeout=15000)
        # Once drawn, a chart folds its table away; wait for that too.
        page.wait_for_selector(f"#{figure} details.chart-data:not([open])", state="attached")
