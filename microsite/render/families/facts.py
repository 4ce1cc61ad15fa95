"""The Facts page: every figure by topic, with its period, source, grade and formula."""

from __future__ import annotations

from typing import Any

from microsite.inputs import formula
from microsite.inputs.content import SiteContent
from microsite.inputs.facts import Fact, Topic
from microsite.render.page import KeyFigure, Page
from microsite.reuse import PLAIN, Reuse

# A derived fact's formula as the Facts page prints it: text, or an input fact to name and link.
WrittenFormula = tuple[tuple[str, Fact | None], ...]
Row = tuple[Fact, WrittenFormula]

# A topic's rows are drawn in blocks of this many, each a partial (see facts.html): after a fact
# changes, the build draws its row again and looks up its block's other rows, not its topic's.
ROWS_PER_BLOCK = 50


def inputs(content: SiteContent) -> Any:
    return content.facts


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    return [
        Page(
            "facts/index.html",
            "facts.html",
            content.gettext("Facts"),
            content.gettext("Every figure on the site with its period, source and reliability."),
            {"topics": topics(content.facts)},
            KeyFigure.count(
                len(content.facts),
                content.gettext("figures, each with its period, source and grade"),
            ),
        )
    ]


def topics(facts: dict[str, Fact]) -> list[tuple[Topic, list[list[Row]]]]:
    """The topics in their order, each with its facts and their formulas as printed, in blocks
    of rows."""
    by_topic: dict[Topic, list[Fact]] = {}
    topic, members = None, []
    for fact in facts.values():
        if fact.topic is not topic:  # a file's facts share one topic: hashed once a run
            topic = fact.topic
            members = by_topic.setdefault(topic, [])
        members.append(fact)
    ordered = sorted(by_topic.items(), key=lambda item: (item[0].order, item[0].title))
    return [(topic, _blocks(members, facts)) for topic, members in ordered]


def _blocks(members: list[Fact], facts: dict[str, Fact]) -> list[list[Row]]:
    rows = [(fact, written_formula(fact, facts)) for fact in members]
    return [rows[start : start + ROWS_PER_BLOCK] for start in range(0, len(rows), ROWS_PER_BLOCK)]


def written_formula(fact: Fact, facts: dict[str, Fact]) -> WrittenFormula:
    """A derived fact's formula as printed: text, and the facts it reads (the row is made again
    when one of them changes); empty for a sourced fact."""
    if fact.formula is None:
        return ()
    return tuple(
        (term.text, facts[term.key] if term.key else None) for term in formula.written(fact.formula)
    )
