"""What the render stage makes: a page to render, what it shows, and what rendering it gave."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from microsite import periods, units
from microsite.inputs.charts import Chart
from microsite.inputs.facts import Fact


class Deferred(Protocol):
    """A file made only when it is written (a share image). Equal objects make equal bytes."""

    def data(self) -> bytes: ...


SiteFile = bytes | Deferred  # what a site path holds
STORY_TEMPLATE = "story.html"
SHARE_IMAGE = "share.png"  # beside each page: stories/x/share.png


@dataclass(frozen=True)
class KeyFigure:
    """The figure a page's share image shows under its title."""

    number: str  # 16.9 trillion yuan
    caption: str  # Regional GDP of the national-level zones, 2024

    @classmethod
    def of(cls, fact: Fact | None) -> KeyFigure | None:
        if fact is None:
            return None
        if fact.language == "en":
            return cls(fact.phrase, f"{fact.label}, {periods.display(fact.period)}")
        period = periods.display(fact.period, language=fact.language)
        return cls(fact.phrase, f"{fact.label}，{period}")  # a Chinese caption's comma

    @classmethod
    def count(cls, number: int, caption: str) -> KeyFigure | None:
        return cls(units.number(Decimal(number), "count"), caption) if number else None

    @classmethod
    def headline(cls, chart: Chart) -> KeyFigure | None:
        """A chart's: the latest point of its first line or bars, or the first bar of a chart
        of parts."""
        points = chart.traces[0].series.points
        if not points:
            return None
        return cls.of(points[0] if chart.kind == "hbar" else points[-1])


@dataclass(frozen=True)
class Page:
    """One page: where it is written, the template that draws it and what that template gets.
    All a page shows must come from its context, the site's settings or the facts and charts
    it cites: a rebuild keeps a page whose context and cited values are unchanged."""

    path: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    figure: KeyFigure | None = None
    embed: bool = False  # a chart's page for other sites' frames: not listed, not shared
    language: str = "en"  # the code of its edition (render/languages.py)

    @property
    def share_image(self) -> str:
        """Its share image's path in the site; an embed shares its chart page's image."""
        folder = self.path.removesuffix("index.html")
        return folder.removesuffix("embed/") + SHARE_IMAGE if self.embed else folder + SHARE_IMAGE

    @property
    def is_story(self) -> bool:
        return self.template == STORY_TEMPLATE


@dataclass(frozen=True)
class Rendered:
    """A page's HTML and the facts and charts it showed, looked up while rendering."""

    html: bytes  # encoded once: the site and whatever keeps it share one copy
    facts: tuple[str, ...]
    charts: tuple[str, ...]
