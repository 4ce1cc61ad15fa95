"""A page for each story: its narrative, its charts, and when it last changed."""

from __future__ import annotations

from typing import Any

from microsite import periods
from microsite.inputs.charts import Chart
from microsite.inputs.content import SiteContent
from microsite.inputs.facts import Fact
from microsite.inputs.narratives import Narrative
from microsite.render.page import STORY_TEMPLATE, KeyFigure, Page
from microsite.reuse import PLAIN, Reuse


def inputs(content: SiteContent) -> Any:
    return (content.stories, content.facts, content.charts)


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    return [
        narrative_page(
            f"stories/{story.meta.slug}/index.html", STORY_TEMPLATE, story, content, reuse
        )
        for story in content.stories
    ]


def narrative_page(
    path: str, template: str, narrative: Narrative, content: SiteContent, reuse: Reuse = PLAIN
) -> Page:
    """A page drawn from a narrative; its share image shows the first figure its prose cites.
    Through the build's `reuse`, the same page object while the narrative and the facts and
    charts it cites are unchanged: a thousand stories are then quick to compare."""
    prose_keys, chart_keys = narrative.cites
    prose = tuple(map(content.facts.get, prose_keys))
    charted = tuple(map(content.charts.get, chart_keys))
    return reuse.get(
        ("narrative page", content.language, path),  # each edition keeps its own
        (template, narrative, prose, charted),
        lambda: _narrative_page(path, template, narrative, prose, charted),
    )


def _narrative_page(
    path: str,
    template: str,
    narrative: Narrative,
    prose: tuple[Fact | None, ...],
    charted: tuple[Chart | None, ...],
) -> Page:
    cited = [fact for fact in prose if fact is not None]
    context: dict[str, Any] = {"narrative": narrative}
    if template == STORY_TEMPLATE:
        # The figures it shows, its charts' included: a correction of one updates it.
        shown = cited + [fact for chart in charted if chart for fact in chart.facts]
        context["updated"] = updated(narrative, shown)
    return Page(
        path,
        template,
        narrative.meta.title,
        narrative.meta.summary,
        context,
        KeyFigure.of(cited[0] if cited else None),
    )


def updated(story: Narrative, cited: list[Fact]) -> str:
    """When a story last changed: its date, or a later correction of a figure it shows."""
    dates = [periods.start_date(story.meta.date)] + [
        periods.start_date(correction.date) for fact in cited for correction in fact.corrections
    ]
    return max(dates).isoformat()
