"""Reading a built site as a reader's browser would: its links and anchors, and the words and
typed numbers of its prose, and its data package as a re-user's validator would. Shared by the
engine tests (on small cases) and the content test (on the real site)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from frictionless import validate


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src", "data-figure", "data-plotly"):
            if attributes.get(name):
                self.links.append(attributes[name])


def internal_links(out: Path) -> tuple[int, list[str]]:
    """How many internal links and anchors the pages under `out` hold, and those that lead
    nowhere (a missing file, or a fragment no element of the target carries)."""
    parsed = {}
    for path in out.rglob("*.html"):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path] = parser
    checked, broken = 0, []
    for path, parser in parsed.items():
        for link in parser.links:
            if re.match(r"^[a-z]+:", link):
                continue
            address, _, fragment = link.partition("#")
            target = (path.parent / address).resolve() if address else path
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(out)} links to missing {link}")
            elif fragment and fragment not in parsed[target].ids:
                broken.append(f"{path.relative_to(out)}: no #{fragment} in {address or 'itself'}")
    return checked, broken


class Prose(HTMLParser):
    """The text inside div.prose: its word count (charts left out), and the text that is not
    part of a fact reference, a marked literal or a chart."""

    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr"})

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens prose, exempt)
        self.loose: list[str] = []
        self.words = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        exempt = (
            (tag == "a" and "fact" in classes)
            or "fact-date" in classes  # a year or date from a fact, printed as plain text
            or "fact-mark" in classes  # "corrected 1 August 2025" after a corrected figure
            or "literal" in classes
            or tag == "figure"
        )
        self.stack.append((tag, tag == "div" and "prose" in classes, exempt))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        in_prose = any(opens for _, opens, _ in self.stack)
        in_chart = any(tag == "figure" for tag, _, _ in self.stack)
        if in_prose and not in_chart:
            self.words += len(data.split())
        if in_prose and not any(exempt for _, _, exempt in self.stack):
            self.loose.append(data)


def prose(path: Path) -> Prose:
    parser = Prose()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def package_problems(out: Path) -> list[str]:
    """What the Frictionless validator finds wrong with the site's data package, and any CSV the
    site publishes that the package does not describe (or the reverse)."""
    report = validate(out / "data/datapackage.json")
    problems = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    problems += [str(error) for error in report.errors]
    package = json.loads((out / "data/datapackage.json").read_text())
    described = {resource["path"] for resource in package["resources"]}
    published = {p.relative_to(out / "data").as_posix() for p in (out / "data").rglob("*.csv")}
    if described != published:
        problems.append(f"described {sorted(described)}, published {sorted(published)}")
    return problems
