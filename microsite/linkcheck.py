"""Every link and anchor between the site's own pages must lead somewhere."""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass

from microsite.memo import Memo

# The build writes its own HTML, always double-quoted: a pattern reads it many times faster
# than a full parser would.
LINK = re.compile(rb'\s(?:href|src|data-figure|data-plotly)="([^"]*)"')
ID = re.compile(rb'\sid="([^"]*)"')
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class _Page:
    links: tuple[str, ...]
    ids: frozenset[str]


def broken_links(files: dict[str, bytes], memo: Memo | None = None) -> list[tuple[str, str, str]]:
    """(page, link, what is wrong) for every internal link that leads nowhere."""
    memo = memo or Memo()
    pages = {
        path: memo.get(("links", path), content, lambda content=content: _parse(content))
        for path, content in files.items()
        if path.endswith(".html")
    }
    # Unchanged pages are the same objects as last time: if every page is, so is the answer.
    return memo.get(
        "broken links", (tuple(files), tuple(pages.values())), lambda: _check(files, pages)
    )


def _check(files: dict[str, bytes], pages: dict[str, _Page]) -> list[tuple[str, str, str]]:
    broken = []
    for path, page in pages.items():
        for link in page.links:
            problem = _problem(path, link, files, pages)
            if problem:
                broken.append((path, link, problem))
    return broken


def _parse(content: bytes) -> _Page:
    links = tuple(_unescape(m.group(1)) for m in LINK.finditer(content))
    ids = frozenset(_unescape(m.group(1)) for m in ID.finditer(content))
    return _Page(links, ids)


def _unescape(value: bytes) -> str:
    text = value.decode("utf-8")
    return text.replace("&amp;", "&").replace("&#39;", "'").replace("&#34;", '"')


def _problem(path: str, link: str, files: dict[str, bytes], pages: dict[str, _Page]) -> str:
    if EXTERNAL.match(link) or link.startswith("//"):
        return ""
    address, _, fragment = link.partition("#")
    target = _target(path, address)
    if target.startswith("../") or target not in files:
        return "no such page or file"
    if fragment and target in pages and fragment not in pages[target].ids:
        return f"no element with id {fragment!r} on {target}"
    return ""


@functools.cache  # pages in one folder link to the same few addresses
def _target(path: str, address: str) -> str:
    if not address:
        return path
    target = posixpath.normpath(posixpath.join(posixpath.dirname(path), address))
    if address.endswith("/") or target == ".":
        return "index.html" if target == "." else posixpath.join(target, "index.html")
    return target
