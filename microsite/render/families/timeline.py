"""The Timeline page: the key dates of the zones' history, each with its sources and grade."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from microsite import periods
from microsite.inputs.content import SiteContent
from microsite.inputs.sources import Source
from microsite.inputs.timeline import EMPTY, Event, Timeline
from microsite.render.page import KeyFigure, Page
from microsite.reuse import PLAIN, Reuse

PATH = "timeline/index.html"


@dataclass(frozen=True)
class ZoneLink:
    id: str  # the anchor of its row in the directory: zones/#dalian
    name: str


@dataclass(frozen=True)
class Entry:
    """An event as the page shows it: its sources looked up, its grade the best of theirs."""

    event: Event
    sources: tuple[Source, ...]
    zones: tuple[ZoneLink, ...]

    @property
    def grade(self) -> str:
        return min(source.reliability for source in self.sources)  # V1 < V2 < V3

    @property
    def cautioned(self) -> bool:
        return self.grade == "V3"


def timeline_of(content: SiteContent) -> Timeline:
    """The site's timeline; none until SiteContent carries one (inputs/content.py)."""
    return getattr(content, "timeline", EMPTY)


def inputs(content: SiteContent) -> Any:
    return (timeline_of(content), content.sources, content.zones)


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    events = timeline_of(content).events
    if not events:
        return []
    first, last = events[0].date_points[0][:4], events[-1].date_points[-1][:4]
    return [
        Page(
            PATH,
            "timeline.html",
            content.gettext("The zones' key dates, {years}").format(
                years=periods.display(f"{first}/{last}", language=content.language)
            ),
            content.gettext(
                "The key dates of China's national-level economic and technological development "
                "zones, each with its source and how far we trust it."
            ),
            {"entries": [_entry(event, content) for event in events]},
            KeyFigure.count(len(events), content.gettext("dated events, each with its source")),
        )
    ]


def _entry(event: Event, content: SiteContent) -> Entry:
    return Entry(
        event,
        tuple(content.sources[key] for key in event.sources),
        _zone_links(event, content),
    )


def _zone_links(event: Event, content: SiteContent) -> tuple[ZoneLink, ...]:
    """The event's zones that have a row in the directory; none while zones have no ids."""
    by_id = {zone.id: zone for zone in content.zones if getattr(zone, "id", None)}
    return tuple(
        ZoneLink(zone_id, _name(by_id[zone_id])) for zone_id in event.zones if zone_id in by_id
    )


def _name(zone: Any) -> str:
    if getattr(zone, "language", "en") != "en":
        return zone.name
    english = getattr(zone, "name_en", "") or getattr(zone.row, "name_en", "")
    return english or zone.row.name_zh
