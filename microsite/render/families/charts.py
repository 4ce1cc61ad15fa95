"""A page for each chart, and the same chart framed for other sites to embed."""

from __future__ import annotations

from typing import Any

from microsite.inputs.content import SiteContent
from microsite.render.page import KeyFigure, Page
from microsite.reuse import PLAIN, Reuse


def inputs(content: SiteContent) -> Any:
    return content.charts


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    made = []
    for chart in content.charts.values():
        context = {"chart_key": chart.key}
        headline = KeyFigure.headline(chart)
        title, subtitle, folder = chart.title, chart.subtitle, f"charts/{chart.key}/"
        made += [
            Page(folder + "index.html", "chart.html", title, subtitle, context, headline),
            Page(
                folder + "embed/index.html",
                "embed.html",
                title,
                subtitle,
                context,
                headline,
                embed=True,
            ),
        ]
    return made
