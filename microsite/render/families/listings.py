"""Pages that list other pages: the list of stories."""

from __future__ import annotations

from typing import Any

from microsite.inputs.content import SiteContent
from microsite.render.page import KeyFigure, Page
from microsite.reuse import PLAIN, Reuse


def inputs(content: SiteContent) -> Any:
    return (content.stories, content.settings)


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    return [
        Page(
            "stories/index.html",
            "stories.html",
            content.gettext("Stories"),
            content.gettext("Every story on {title}.").format(title=content.settings.title),
            {"stories": content.stories},
            KeyFigure.count(
                len(content.stories), content.gettext("stories told in sourced figures")
            ),
        )
    ]
