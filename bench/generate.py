"""Synthetic projects for the build benchmark: N narrative pages citing F facts, fixed seed.

The same Markdown bodies are written for this engine, for Pelican and for MkDocs, with each
fact reference replaced by its rendered value for the other two (they have no facts).
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

SEED = 20261122
REFERENCES_PER_PAGE = 10
SOURCES = 100
WORDS = [
    "zone",
    "industry",
    "export",
    "growth",
    "province",
    "policy",
    "investment",
    "factory",
    "port",
    "review",
    "ministry",
    "output",
    "trade",
    "research",
    "park",
    "firm",
    "city",
    "coast",
    "inland",
    "upgrade",
    "batch",
    "plan",
    "capital",
    "market",
    "network",
]
UNITS = [("count", "{:,}"), ("percent", "{}%"), ("yuan_trillion", "{} trillion yuan")]


@dataclass(frozen=True)
class Fact:
    key: str
    value: float | int
    unit: str

    @property
    def rendered(self) -> str:
        pattern = dict(UNITS)[self.unit]
        return pattern.format(self.value)


def facts(count: int, rng: random.Random) -> list[Fact]:
    made = []
    for index in range(count):
        unit = UNITS[index % len(UNITS)][0]
        value = rng.randint(1, 90000) if unit == "count" else round(rng.uniform(1, 99), 1)
        made.append(Fact(f"fact_{index:05d}", value, unit))
    return made


def sentence(rng: random.Random, words: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def body(rng: random.Random, pool: list[Fact], page: int, pages: int) -> tuple[str, list[Fact]]:
    """A few paragraphs with ten fact references, a list and links; the facts it cites. Page
    after page cites the facts in turn, so that on 1,000 pages every fact is cited once."""
    cited = [pool[(page * REFERENCES_PER_PAGE + i) % len(pool)] for i in range(REFERENCES_PER_PAGE)]
    parts = []
    for paragraph in range(3):
        a, b = cited[paragraph * 2], cited[paragraph * 2 + 1]
        parts.append(
            f"{sentence(rng)} [[{a.key}]] {sentence(rng, 8)}, and [[{b.key}]] "
            f"{sentence(rng, 10)}. {sentence(rng, 14)}."
        )
    parts.append("\n".join(f"- {sentence(rng, 6)}: [[{fact.key}]]" for fact in cited[6:]))
    other = (page + 1) % pages
    parts.append(f"See also [the next page](../page-{other:05d}/) and [the facts](../../facts/).")
    return "\n\n".join(parts) + "\n", cited


def generate(root: Path, pages: int, fact_count: int = 10_000) -> dict[str, Path]:
    """Writes ours/, pelican/ and mkdocs/ projects under root; returns their folders."""
    rng = random.Random(SEED)
    shutil.rmtree(root, ignore_errors=True)
    pool = facts(fact_count, rng)
    ours, pelican, mkdocs = root / "ours", root / "pelican" / "content", root / "mkdocs" / "docs"
    for folder in (
        ours / "data" / "facts",
        ours / "content" / "stories",
        ours / "content" / "pages",
        pelican,
        mkdocs,
    ):
        folder.mkdir(parents=True, exist_ok=True)
    _write_our_data(ours, pool)
    for page in range(pages):
        text, _ = body(rng, pool, page, pages)
        title = f"Page {page}: {sentence(rng, 4)}"
        slug = f"page-{page:05d}"
        (ours / "content" / "stories" / f"{slug}.md").write_text(
            f'---\ntitle: "{title}"\nsummary: {sentence(rng, 10)}.\ndate: "2025-07-16"\n'
            f"slug: {slug}\norder: {page}\n---\n{text}"
        )
        plain = _plain(text, pool)
        (pelican / f"{slug}.md").write_text(
            f"Title: {title}\nDate: 2025-07-16\nSlug: {slug}\n\n{plain}"
        )
        (mkdocs / f"{slug}.md").write_text(f"# {title}\n\n{plain}")
    (mkdocs / "index.md").write_text("# Home\n")
    (root / "mkdocs" / "mkdocs.yml").write_text("site_name: Bench\nuse_directory_urls: true\n")
    (root / "pelican" / "pelicanconf.py").write_text(
        "SITENAME = 'Bench'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\nFEED_ALL_ATOM = None\n"
        "CATEGORY_FEED_ATOM = None\nARTICLE_URL = '{slug}/'\n"
        "ARTICLE_SAVE_AS = '{slug}/index.html'\n"
        "RELATIVE_URLS = True\nDEFAULT_PAGINATION = False\n"
    )
    return {"ours": ours, "pelican": root / "pelican", "mkdocs": root / "mkdocs"}


def _plain(text: str, pool: list[Fact]) -> str:
    by_key = {fact.key: fact.rendered for fact in pool}
    for key in set(re.findall(r"\[\[(fact_\d+)\]\]", text)):
        text = text.replace(f"[[{key}]]", f"[{by_key[key]}](../../facts/#{key})")
    return text


def _write_our_data(ours: Path, pool: list[Fact]) -> None:
    (ours / "data" / "site.yaml").write_text(
        "title: Bench\ntagline: A benchmark.\ndescription: A benchmark site.\npublisher: Bench\n"
        "base_url: https://bench.example/\nsearch: false\n"
        "nav:\n  - label: Stories\n    path: stories/\n  - label: Facts\n    path: facts/\n"
    )
    # A source for every hundred facts: a newsroom's figures come from many publications.
    sources = ["sources:"]
    for index in range(SOURCES):
        sources += [
            f"  - key: source_{index:03d}",
            f"    publisher: Publisher {index}",
            f"    title: Bench source {index}",
            f"    url: https://example.org/{index}/",
            '    date: "2025-01-01"',
            "    reliability: V1",
        ]
    (ours / "data" / "sources.yaml").write_text("\n".join(sources) + "\n")
    per_file = 1000
    for start in range(0, len(pool), per_file):
        lines = [f"topic: Topic {start // per_file}", f"order: {start // per_file}", "facts:"]
        for fact in pool[start : start + per_file]:
            lines += [
                f"  - key: {fact.key}",
                f"    label: Bench figure {fact.key}",
                f"    value: {fact.value}",
                f"    unit: {fact.unit}",
                '    period: "2024"',
                f"    sources: [source_{int(fact.key[5:]) % SOURCES:03d}]",
            ]
        (ours / "data" / "facts" / f"topic_{start // per_file:02d}.yaml").write_text(
            "\n".join(lines) + "\n"
        )
    (ours / "content" / "home.md").write_text(
        '---\ntitle: Bench\nsummary: A benchmark.\ndate: "2025-07-16"\nslug: home\n---\nHello.\n'
    )
    (ours / "content" / "pages" / "methodology.md").write_text(
        '---\ntitle: Methodology\nsummary: How.\ndate: "2025-07-16"\nslug: methodology\n---\n'
        "## Reliability\n\nGrades.\n"
    )
