"""Pages of their own under content/pages/ (methodology, glossary): each drawn by the template
its `layout` names. The atlas family draws the pages whose layout is one of its own."""

from __future__ import annotations

from typing import Any

from microsite.inputs.content import SiteContent
from microsite.render.families.atlas import LAYOUTS as ATLAS_LAYOUTS
from microsite.render.families.stories import narrative_page
from microsite.render.page import Page
from microsite.reuse import PLAIN, Reuse


def inputs(content: SiteContent) -> Any:
    return (content.pages, content.facts, content.charts)


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    return [
        narrative_page(
            f"{page.meta.slug}/index.html", f"{page.meta.layout}.html", page, content, reuse
        )
        for page in content.pages
        if page.meta.layout not in ATLAS_LAYOUTS
    ]
