"""Every link and anchor between the site's own pages must lead somewhere."""

from __future__ import annotations

import functools
import html
import itertools
import posixpath
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from microsite.checks.pieces import read_in_pieces
from microsite.inputs.narratives import Narrative
from microsite.render.page import SiteFile
from microsite.render.urls import site_target
from microsite.reuse import PLAIN, Reuse
from microsite.suggest import did_you_mean

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


@dataclass(frozen=True)
class _Checked:
    """What one build found: each page as read, the files there were, and what was broken."""

    pages: dict[str, _Page]
    existing: frozenset[str]
    broken: dict[str, list[tuple[str, str, str]]]


def broken_links(files: dict[str, SiteFile], reuse: Reuse = PLAIN) -> list[tuple[str, str, str]]:
    """(page, link, what is wrong) for every internal link that leads nowhere. Through the build's
    `reuse`, only the links that are new on a page are checked again, and those that lead to a
    file that appeared or went or to a page that gained or lost an id."""
    pages = {
        path: reuse.get(("links", path), content, lambda p=path, c=content: _parse(p, c, reuse))
        for path, content in files.items()
        if path.endswith(".html") and isinstance(content, bytes)
    }
    existing = frozenset(files)
    ids = {path: page.ids for path, page in pages.items()}
    last: _Checked | None = reuse.lookup("links checked")
    if last is None:
        found = {path: _check(path, page, existing, ids) for path, page in pages.items()}
    else:
        found = _check_changes(pages, existing, ids, last)
    reuse.put("links checked", None, _Checked(pages, existing, found))
    return [problem for problems in found.values() for problem in problems]


def _check_changes(
    pages: dict[str, _Page],
    existing: frozenset[str],
    ids: dict[str, frozenset[str]],
    last: _Checked,
) -> dict[str, list[tuple[str, str, str]]]:
    """What each page breaks, knowing what the `last` check found. Looked at in one sweep, not
    page by page: after one fact changed, two pages of 2,000 changed, and within each only a
    few of its 10,000 links."""
    # The files a link may no longer find, or newly find: those that appeared or went (the
    # search index's, named by their contents, after each refresh), and the pages whose ids
    # changed.
    unsettled = (last.existing ^ existing) | {
        path
        for path, page in pages.items()
        if last.pages.get(path) is not page
        and (path not in last.pages or last.pages[path].ids != page.ids)
    }
    found = {}
    for path, page in pages.items():
        before = last.pages.get(path)
        if before is None:
            found[path] = _check(path, page, existing, ids)
        elif (before is page or before.links == page.links) and unsettled.isdisjoint(page.targets):
            found[path] = last.broken[path]  # the same links, to pages with the same ids
        else:
            known = _Known(before.links, last.broken[path], unsettled)
            found[path] = _check(path, page, existing, ids, known)
    return found


class _Known:
    """The links a page had at the last check, and what was wrong with them: still so for a
    link whose target's ids are settled."""

    def __init__(
        self, links: tuple[str, ...], broken: list[tuple[str, str, str]], unsettled: frozenset[str]
    ) -> None:
        self.links = frozenset(links)
        self.problems = {link: problem for _, link, problem in broken}
        self.unsettled = unsettled

    def problem(self, path: str, link: str) -> str | None:
        """What was wrong with `link` at the last check, or None to check it again."""
        if link not in self.links:
            return None
        if self.unsettled and _target(path, link.partition("#")[0]) in self.unsettled:
            return None
        return self.problems.get(link, "")


def _check(
    path: str,
    page: _Page,
    existing: frozenset[str],
    ids: dict[str, frozenset[str]],
    known: _Known | None = None,
) -> list[tuple[str, str, str]]:
    broken = []
    for link in page.links:
        problem = known.problem(path, link) if known else None
        if problem is None:
            problem = _problem(path, link, existing, ids)
        if problem:
            broken.append((path, link, problem))
    return broken


def _parse(path: str, content: bytes, reuse: Reuse) -> _Page:
    # A long page changed in one row is read again in that row's piece only. The reuse keeps
    # the pieces to compare: the Facts page of 10,000 facts, 9 MB, is kept twice.
    read = functools.partial(_read, path=path)
    found = read_in_pieces(content, ("link piece", path), read, reuse)
    # Each link once: a link met twice on a page is one problem, not two.
    unique = tuple(dict.fromkeys(itertools.chain.from_iterable(links for links, _, _ in found)))
    ids = frozenset().union(*(ids for _, ids, _ in found))
    targets = tuple(sorted(frozenset().union(*(targets for _, _, targets in found))))
    return _Page(unique, ids, targets)


def _read(content: bytes, path: str) -> tuple[list[str], set[str], frozenset[str]]:
    """The internal links (external ones are not checked), the ids, and the site paths the
    links lead to, in a page of the site at `path` or a piece of one."""
    links, ids = [], set()
    # Interned: pages in one folder share most of their links, and a large site's reuse keeps
    # every page's links for the next build.
    for name, value in ATTRIBUTE.findall(content.decode("utf-8")):
        value = _unescape(value)
        if name == "id":
            ids.add(sys.intern(value))
        elif not _external(value):
            links.append(sys.intern(value))
    return links, ids, frozenset(_target(path, link.partition("#")[0]) for link in set(links))


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


@functools.lru_cache(maxsize=4096)  # pages in one folder, read in turn, share their links
def _target(path: str, address: str) -> str:
    if not address:
        return path
    target = posixpath.normpath(posixpath.join(posixpath.dirname(path), address))
    if address.endswith("/") or target == ".":
        target = "index.html" if target == "." else posixpath.join(target, "index.html")
    return sys.intern(target)  # thousands of pages lead to the same few


# A link written in Markdown: [text](address), the address up to a space or the closing bracket.
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")


@dataclass(frozen=True)
class WrittenLink:
    """Where a broken link stands in a narrative's Markdown, and what to suggest instead."""

    line: int | None
    column: int | None
    written: str
    hint: str
    missing_anchor: bool = False  # the page exists; the heading or figure does not


def in_narrative(
    narrative: Narrative, page: str, link: str, addresses: dict[str, str], pages: Iterable[str]
) -> WrittenLink:
    """The broken `link` of `page`, found where its narrative writes it, with a hint in the
    editor's words: the nearest page, and the forms a link to a page may take.
    `addresses` maps each narrative's file to its page's address (stories/x/)."""
    address, _, fragment = link.partition("#")
    wanted = _page_of(_target(page, address))
    line, column, written = None, None, link
    for number, text in enumerate(narrative.body.splitlines(), start=narrative.body_line):
        for match in MARKDOWN_LINK.finditer(text):
            href = match.group(1)
            same_page = _page_of(_written_target(href, page, narrative, addresses)) == wanted
            if same_page and href.partition("#")[2] == fragment:
                line, column, written = number, match.start(1) + 1, href
                break
        if line:
            break
    known = sorted({"/" + _page_of(path) for path in pages if path.endswith("index.html")})
    nearest = did_you_mean("/" + wanted, known, "page")
    forms = "link to a page by its address, /methodology/, or by its file, ../pages/methodology.md"
    if fragment and wanted + "index.html" in pages:
        hint = "link to a heading by the id its page shows after # in the address bar"
        return WrittenLink(line, column, written, hint, missing_anchor=True)
    if not nearest.startswith("did you mean"):
        return WrittenLink(line, column, written, forms)
    return WrittenLink(line, column, written, f"{nearest} ({forms})")


def _written_target(href: str, page: str, narrative: Narrative, addresses: dict[str, str]) -> str:
    """The site path a link written in Markdown leads to, as the renderer makes it."""
    address = href.partition("#")[0]
    if address.startswith("/") or address.endswith(".md"):
        return site_target(address, narrative.display_path, addresses) or "index.html"
    return _target(page, address)


def _page_of(target: str) -> str:
    """stories/x/index.html and stories/x/ as one address: stories/x/."""
    target = target.removesuffix("index.html")
    return target if not target or target.endswith("/") else target + "/"
