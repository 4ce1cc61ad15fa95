"""A page for each story: its narrative, its charts, and when it last changed."""

from __future__ import annotations

from typing import Any

from microsite import periods
from microsite.inputs.content import SiteContent
from microsite.inputs.facts import Fact
from microsite.inputs.narratives import Narrative
from microsite.render.page import STORY_TEMPLATE, KeyFigure, Page


def inputs(content: SiteContent) -> Any:
    return (content.stories, content.facts, content.charts)


def pages(content: SiteContent) -> list[Page]:
    return [
        narrative_page(f"stories/{story.meta.slug}/index.html", STORY_TEMPLATE, story, content)
        for story in content.stories
    ]


def narrative_page(path: str, template: str, narrative: Narrative, content: SiteContent) -> Page:
    """A page drawn from a narrative; its share image shows the first figure its prose cites."""
    prose_keys, chart_keys = narrative.cites
    prose = [content.facts[key] for key in prose_keys if key in content.facts]
    context: dict[str, Any] = {"narrative": narrative}
    if template == STORY_TEMPLATE:
        # The figures it shows, its charts' included: a correction of one updates it.
        charted = [content.charts[key] for key in chart_keys if key in content.charts]
        context["updated"] = updated(narrative, prose + [f for c in charted for f in c.facts])
    return Page(
        path,
        template,
        narrative.meta.title,
        narrative.meta.summary,
        context,
        KeyFigure.of(prose[0] if prose else None),
    )


def updated(story: Narrative, cited: list[Fact]) -> str:
    """When a story last changed: its date, or a later correction of a figure it shows."""
    dates = [periods.start_date(story.meta.date)] + [
        periods.start_date(correction.date) for fact in cited for correction in fact.corrections
    ]
    return max(dates).isoformat()
