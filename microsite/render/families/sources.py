"""The Sources page: every source, its grade, and the figures read on it."""

from __future__ import annotations

from typing import Any, NamedTuple

from microsite.inputs.content import SiteContent
from microsite.inputs.facts import Fact
from microsite.inputs.sources import Source
from microsite.render.page import KeyFigure, Page
from microsite.reuse import PLAIN, Reuse


def N_(message: str) -> str:
    """Marks a message for the catalogue; it is translated where it is shown."""
    return message


# What each grade means, as the Sources page explains it to readers.
RELIABILITY_MEANING = {
    "V1": N_("read on the original publisher's page or an official outlet"),
    "V2": N_("read on a page that republishes an official release"),
    "V3": N_("read on a weak, unofficial source; shown with a caution"),
}


def inputs(content: SiteContent) -> Any:
    return (content.facts, content.sources)


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    sources = content.sources
    return [
        Page(
            "sources/index.html",
            "sources.html",
            content.gettext("Sources"),
            content.gettext(
                "Every source the site's figures were read on, and how far each is trusted."
            ),
            {
                "sources": sorted(sources.values(), key=_by_publisher),
                "cited_by": {
                    # The same object while unchanged: the page is then quick to compare.
                    key: reuse.same(("citations", content.language, key), citations)
                    for key, citations in cited_by(content.facts, sources).items()
                },
                "meanings": {
                    grade: content.gettext(meaning)
                    for grade, meaning in RELIABILITY_MEANING.items()
                },
            },
            KeyFigure.count(len(sources), content.gettext("sources, each graded for reliability")),
        )
    ]


class Citation(NamedTuple):
    """A fact as the Sources page names it. Not its value: a fact whose value changed leaves
    the page as it was, and the build keeps it rather than draw it again."""

    key: str
    label: str
    period: str


def cited_by(facts: dict[str, Fact], sources: dict[str, Source]) -> dict[str, tuple[Citation, ...]]:
    """For each source, the sourced (not calculated) facts read on it."""
    cited: dict[str, list[Citation]] = {key: [] for key in sources}
    for fact in facts.values():
        if not fact.derived:
            for source in fact.sources:
                cited[source.key].append(Citation(fact.key, fact.label, fact.period))
    return {key: tuple(citations) for key, citations in cited.items()}


def _by_publisher(source: Source) -> tuple[str, str, str]:
    return (source.publisher.casefold(), source.date or "", source.key)
