"""Every link and anchor between the site's own pages must lead somewhere."""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass

from microsite.memo import Memo

# The build writes its own HTML, always double-quoted: a pattern reads it many times faster
# than a full parser would.
# Links and ids in one pass: a long page is read once.
ATTRIBUTE = re.compile(r'\s(href|src|data-figure|data-plotly|id)="([^"]*)"')
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class _Page:
    links: tuple[str, ...]
    ids: frozenset[str]
    targets: tuple[str, ...]  # the site paths its links lead to, each once, sorted


def broken_links(files: dict[str, bytes], memo: Memo | None = None) -> list[tuple[str, str, str]]:
    """(page, link, what is wrong) for every internal link that leads nowhere. With the memo
    of the last build, a page is checked again only if it changed, or a page it links to
    gained or lost an id, or a file appeared or went."""
    memo = memo or Memo()
    pages = {
        path: memo.get(("links", path), content, lambda p=path, c=content: _parse(p, c))
        for path, content in files.items()
        if path.endswith(".html")
    }
    ids = {path: memo.same(("ids", path), page.ids) for path, page in pages.items()}
    existing = memo.same("files", frozenset(files))
    broken = []
    for path, page in pages.items():
        broken += memo.get(
            ("broken", path),
            (page, existing, tuple(ids.get(target) for target in page.targets)),
            lambda p=path, page=page: _check(p, page, existing, ids),
        )
    return broken


def _check(
    path: str, page: _Page, existing: frozenset[str], ids: dict[str, frozenset[str]]
) -> list[tuple[str, str, str]]:
    broken = []
    for link in page.links:
        problem = _problem(path, link, existing, ids)
        if problem:
            broken.append((path, link, problem))
    return broken


def _parse(path: str, content: bytes) -> _Page:
    links, ids = [], set()
    for name, value in ATTRIBUTE.findall(content.decode("utf-8")):
        if name == "id":
            ids.add(_unescape(value))
        else:
            links.append(_unescape(value))
    targets = tuple(
        sorted({_target(path, link.partition("#")[0]) for link in links if not _external(link)})
    )
    return _Page(tuple(links), frozenset(ids), targets)


def _external(link: str) -> bool:
    return bool(EXTERNAL.match(link)) or link.startswith("//")


def _unescape(value: str) -> str:
    if "&" not in value:
        return value
    return html.unescape(value)


def _problem(path: str, link: str, existing: frozenset[str], ids: dict[str, frozenset[str]]) -> str:
    if _external(link):
        return ""
    address, _, fragment = link.partition("#")
    target = _target(path, address)
    if target.startswith("../") or target not in existing:
        return "no such page or file"
    if fragment and target in ids and fragment not in ids[target]:
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
