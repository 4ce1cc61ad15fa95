"""Page families: one module for each kind of page, saying which pages of that kind exist and
what their template gets.

A family is a module with two functions of the checked content (inputs.content.SiteContent):

    inputs(content)         what its pages are made from: while it compares equal, the build
                            keeps the family's pages
    pages(content, reuse)   its pages, as render.page.Page values; `reuse` (microsite/reuse.py)
                            may keep a page of many while what it is made of is unchanged

Adding a page type is one module here, listed in FAMILIES, and one template (see
docs/architecture.md). The order of FAMILIES is the order of the sitemap.
"""

from __future__ import annotations

from types import ModuleType

from microsite.render.families import (
    atlas,
    charts,
    corrections,
    data,
    facts,
    home,
    listings,
    search,
    sources,
    standalone,
    stories,
    timeline,
)

FAMILIES: tuple[ModuleType, ...] = (
    home,
    listings,
    facts,
    corrections,
    sources,
    data,
    charts,
    stories,
    standalone,
    atlas,
    timeline,
    search,
)


def name_of(family: ModuleType) -> str:
    return family.__name__.rsplit(".", 1)[-1]
