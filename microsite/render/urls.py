"""Links between pages, written relative so the site works under any folder of any host."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable

EDITION_FILES = ("figure.json", "feed.xml")


def page_url(path: str) -> str:
    """The address a reader sees for an output file: stories/x/index.html -> stories/x/."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html")


def linker(from_path: str, edition: str = "") -> Callable[[str], str]:
    """For the page at `from_path`: each site-root address (facts/#key) as seen from there.
    On a page of an edition under a folder (`edition`, zh/), the addresses of pages and of the
    edition's own files lead to that edition's; the downloads and static files are shared."""
    folder = posixpath.dirname(from_path)

    def link(target: str) -> str:
        address, hash_mark, fragment = target.partition("#")
        if edition and in_edition(address):
            address = edition + address
        return _relative_address(folder, address) + hash_mark + fragment

    return link


def site_target(address: str, narrative_file: str, addresses: dict[str, str]) -> str:
    """The site path of a page an editor links to from a narrative (no #fragment): from the
    site's root, /methodology/, or by its Markdown file, ../pages/methodology.md, relative to
    `narrative_file`. `addresses` maps each narrative's file to its page's address; a file
    that is no page stays as written, for the link check to report."""
    if address.startswith("/"):
        return address.lstrip("/")
    file = posixpath.normpath(posixpath.join(posixpath.dirname(narrative_file), address))
    return addresses.get(file, file)


def in_edition(address: str) -> bool:
    """True for a page's address (stories/x/, or the home page's "") and for the files each
    edition has its own of, in its own language: a chart's figure and the feed."""
    return address.endswith("/") or not address or address.endswith(EDITION_FILES)


@functools.cache  # a site has few folders and few addresses, but many fragments
def _relative_address(folder: str, address: str) -> str:
    # Rooted at "/", relpath works on the text alone instead of asking for the working folder.
    link = posixpath.relpath("/" + address, "/" + folder)
    if address.endswith("/") or not address:
        link = "./" if link == "." else link + "/"
    return link
