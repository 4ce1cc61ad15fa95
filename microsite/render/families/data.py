"""The Data page: the downloads, described for readers and, as a schema.org Dataset, for search."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from microsite import periods
from microsite.inputs.content import SiteContent
from microsite.render import opendata, sharing
from microsite.render.page import KeyFigure, Page
from microsite.reuse import PLAIN, Reuse

DATA_PAGE = "data/index.html"


def inputs(content: SiteContent) -> Any:
    return (
        content.facts,
        content.charts,
        content.sources,
        content.zones,
        content.rankings,
        content.settings,
    )


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    title = content.settings.title
    return [
        Page(
            DATA_PAGE,
            "data.html",
            content.gettext("Data"),
            content.gettext(
                "Download every figure on {title} and the data behind each "
                "chart, as CSV and JSON, with a data package that describes them."
            ).format(title=title),
            {
                "chart_list": tuple(content.charts.values()),
                "dataset": dataset(content),
                "has_rankings": bool(content.rankings),
            },
            KeyFigure.count(
                len(content.facts), content.gettext("figures to download as CSV and JSON")
            ),
        )
    ]


def dataset(content: SiteContent) -> Markup:
    """The schema.org Dataset: its files, the years it covers, its sources."""
    settings = content.settings
    base = settings.root_url
    downloads = [(name, base + path, kind) for name, path, kind in opendata.downloads(content)]
    spans = {fact.period for fact in content.facts.values()}  # a few, written by many facts
    coverage = (
        (min(map(periods.start_year, spans)), max(map(periods.end_year, spans))) if spans else None
    )
    sources = sorted({s.address for s in content.sources.values()})
    return sharing.json_ld(
        sharing.dataset(
            settings, base + opendata.FOLDER, downloads, coverage, sources, content.gettext
        )
    )
