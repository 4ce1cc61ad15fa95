"""Every link and anchor between the site's own pages must lead somewhere."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser

LINKING = ("href", "src", "data-figure", "data-plotly")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in LINKING and value:
                self.links.append(value)


def broken_links(files: dict[str, bytes]) -> list[tuple[str, str, str]]:
    """(page, link, what is wrong) for every internal link that leads nowhere."""
    pages = {path: _parse(content) for path, content in files.items() if path.endswith(".html")}
    broken = []
    for path, page in pages.items():
        for link in page.links:
            problem = _problem(path, link, files, pages)
            if problem:
                broken.append((path, link, problem))
    return broken


def _parse(content: bytes) -> _Page:
    page = _Page()
    page.feed(content.decode("utf-8"))
    return page


def _problem(path: str, link: str, files: dict[str, bytes], pages: dict[str, _Page]) -> str:
    if EXTERNAL.match(link) or link.startswith("//"):
        return ""
    address, _, fragment = link.partition("#")
    target = (
        posixpath.normpath(posixpath.join(posixpath.dirname(path), address)) if address else path
    )
    if address.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    if target.startswith("../") or target not in files:
        return "no such page or file"
    if fragment and target in pages and fragment not in pages[target].ids:
        return f"no element with id {fragment!r} on {target}"
    return ""
