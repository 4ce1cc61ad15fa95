"""The search page, /search/: Pagefind's search box over every page and zone, when the site's
settings ask for search (data/site.yaml `search`, true if omitted)."""

from __future__ import annotations

from typing import Any

from microsite.inputs.content import SiteContent
from microsite.render.page import Page
from microsite.reuse import PLAIN, Reuse


def inputs(content: SiteContent) -> Any:
    return content.settings.search


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    if not content.settings.search:
        return []
    return [
        Page(
            "search/index.html",
            "search.html",
            content.gettext("Search"),
            content.gettext(
                "Find a zone by its Chinese or English name, or any figure, story or page of the"
                " site."
            ),
            # Pagefind's search runs WebAssembly: this page's policy allows it, no other's.
            {"runs_webassembly": True},
        )
    ]
