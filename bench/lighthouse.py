"""Lighthouse (mobile preset) on every page type of the built site; prints a table.

    python bench/lighthouse.py            # builds the site, serves it gzipped on 127.0.0.1

Needs Node, npm and Debian's Chromium; fetches the pinned Lighthouse from npm with npx.
Targets (docs/performance.md): performance >= 95; accessibility, best practices, SEO = 100.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from microsite.build.builder import build
from tests.static_host import CHROMIUM, CHROMIUM_FLAGS, serving

LIGHTHOUSE = "lighthouse@12.8.2"  # the newest release that supports Node 20
PAGE_TYPES = {
    "home": "/",
    "story": "/stories/what-the-zones-weigh/",
    "story list": "/stories/",
    "facts": "/facts/",
    "sources": "/sources/",
    "zones": "/zones/",
    "methodology": "/methodology/",
    "corrections": "/corrections/",
    # The Chinese edition's: its own words, fonts and line lengths.
    "home (zh)": "/zh/",
    "story (zh)": "/zh/stories/what-the-zones-weigh/",
    "facts (zh)": "/zh/facts/",
    "zones (zh)": "/zh/zones/",
    "methodology (zh)": "/zh/methodology/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run(url: str, report: Path) -> dict:
    subprocess.run(
        [
            "npx",
            "--yes",
            LIGHTHOUSE,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    return json.loads(report.read_text())


def row(name: str, result: dict) -> list[str]:
    scores = [round(result["categories"][c]["score"] * 100) for c in CATEGORIES]
    audits = result["audits"]
    lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
    tbt = audits["total-blocking-time"]["numericValue"]
    cls = audits["cumulative-layout-shift"]["numericValue"]
    return [name, *map(str, scores), f"{lcp:.2f} s", f"{tbt:.0f} ms", f"{cls:.3f}"]


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        build(Path(__file__).resolve().parent.parent, site)
        rows = []
        with serving(site, compress=True) as origin:
            for name, address in PAGE_TYPES.items():
                result = run(origin + address, Path(scratch) / "report.json")
                rows.append(row(name, result))
                failed = [
                    a["id"]
                    for a in result["audits"].values()
                    if a.get("score") is not None
                    and a["score"] < 1
                    and a.get("scoreDisplayMode") == "binary"
                ]
                if failed:
                    print(
                        f"{name}: audits not passed: {', '.join(sorted(failed))}", file=sys.stderr
                    )
    header = ["page", "performance", "accessibility", "best practices", "SEO", "LCP", "TBT", "CLS"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for cells in rows:
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
