"""Screenshots of every page type at phone and desktop widths, in light and dark.

    python scripts/screenshots.py [--out screenshots/]

Builds nothing: it serves the existing site/ on 127.0.0.1 and drives Debian's Chromium.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.static_host import CHROMIUM, CHROMIUM_FLAGS, serving  # noqa: E402

PAGES = {
    "home": "",
    "story": "stories/from-dalian-to-232/",
    "story-charts": "stories/what-the-zones-weigh/",
    "stories": "stories/",
    "facts": "facts/",
    "sources": "sources/",
    "methodology": "methodology/",
    "zones": "zones/",
    "corrections": "corrections/",
    "data": "data/",
    "chart": "charts/zones_gdp/",
    "embed": "charts/zones_gdp/embed/",
}
WIDTHS = {"phone": 360, "desktop": 1280}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--only", nargs="*", choices=PAGES, help="these pages (default: all)")
    args = parser.parse_args()
    pages = {name: PAGES[name] for name in args.only} if args.only else PAGES
    args.out.mkdir(parents=True, exist_ok=True)
    with serving(args.site) as origin, sync_playwright() as playwright:
        base = origin + "/"
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for scheme in ("light", "dark"):
            for width_name, width in WIDTHS.items():
                page = browser.new_page(
                    viewport={"width": width, "height": 900}, color_scheme=scheme
                )
                for name, address in pages.items():
                    page.goto(base + address, wait_until="networkidle")
                    _draw_all_charts(page)
                    path = args.out / f"{name}-{width_name}-{scheme}.png"
                    page.screenshot(path=path, full_page=True)
                    print(path)
                page.close()
        browser.close()


def _draw_all_charts(page) -> None:
    """Scroll through the page so that every lazily loaded chart draws, then back to the top."""
    height = page.evaluate("document.body.scrollHeight")
    for offset in range(0, height, 600):
        page.evaluate(f"window.scrollTo(0, {offset})")
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "[...document.querySelectorAll('.chart-plot')].every(c => c.classList.contains('drawn') "
        "|| c.classList.contains('failed'))",
        timeout=15000,
    )
    page.evaluate("window.scrollTo(0, 0)")


if __name__ == "__main__":
    main()
