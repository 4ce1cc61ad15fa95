"""The home page: the lede, the key figures with their sources, and the stories."""

from __future__ import annotations

from typing import Any

from microsite.inputs.charts import credited_sources
from microsite.inputs.content import SiteContent
from microsite.render.page import KeyFigure, Page
from microsite.reuse import PLAIN, Reuse


def inputs(content: SiteContent) -> Any:
    return (content.home, content.facts, content.stories, content.settings)


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    return [home_page(content)]


def home_page(content: SiteContent) -> Page:
    """Also asked for alone: the preview shows it before the other pages are listed."""
    home, facts = content.home, content.facts
    return Page(
        "index.html",
        "home.html",
        content.settings.title,
        content.settings.description,
        {
            "narrative": home,
            "key_facts": [facts[key] for key in home.meta.key_facts],
            "credits": {key: credited_sources(facts[key], facts) for key in home.meta.key_facts},
            "stories": content.stories,
        },
        KeyFigure.of(facts.get(next(iter(home.meta.key_facts), ""))),
    )
