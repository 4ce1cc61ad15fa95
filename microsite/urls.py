"""Links between pages, written relative so the site works under any folder of any host."""

from __future__ import annotations

import functools
import posixpath


def page_url(path: str) -> str:
    """The address a reader sees for an output file: stories/x/index.html -> stories/x/."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html")


@functools.cache
def relative(from_path: str, target: str) -> str:
    """`target` (a site-root address like facts/#key) as seen from the page at `from_path`."""
    address, hash_mark, fragment = target.partition("#")
    here = posixpath.dirname(from_path) or "."
    link = posixpath.relpath(address or ".", here)
    if address.endswith("/") or not address:
        link = "./" if link == "." else link + "/"
    return link + hash_mark + fragment
