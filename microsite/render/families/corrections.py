"""The Corrections page: every change to a published figure, with its reason."""

from __future__ import annotations

from typing import Any

from microsite.inputs.content import SiteContent
from microsite.inputs.corrections import all_corrections
from microsite.render.page import KeyFigure, Page
from microsite.reuse import PLAIN, Reuse


def inputs(content: SiteContent) -> Any:
    return content.facts


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    corrections = all_corrections(content.facts)
    return [
        Page(
            "corrections/index.html",
            "corrections.html",
            content.gettext("Corrections"),
            content.gettext("Every change to a figure after it was published, with the reason."),
            {"corrections": corrections},
            KeyFigure.count(
                len(corrections), content.gettext("figures corrected after publication")
            ),
        )
    ]
