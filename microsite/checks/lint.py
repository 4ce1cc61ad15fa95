"""Warnings an editor should see before publishing: facts no page uses, figures past their
review date, and numbers typed into prose instead of cited from a fact."""

from __future__ import annotations

import datetime
import re

from microsite import periods
from microsite.errors import ErrorCollector, SiteError, sorted_problems
from microsite.inputs import references
from microsite.inputs.content import SiteContent
from microsite.inputs.narratives import Narrative
from microsite.inputs.references import CHINESE_NUMBER, REFERENCE, TYPED_NUMBER
from microsite.reuse import PLAIN, Reuse

FENCE = re.compile(r"^\s*(```|~~~)")
NOT_PROSE = re.compile(
    r"`[^`]*`"  # inline code
    r"|\]\([^)]*\)"  # a Markdown link's address
    r"|<[^>]*>"  # autolinks and inline HTML tags
    r"|<!--.*?-->"  # comments
)


def lint(
    site: SiteContent, errors: ErrorCollector, today: datetime.date, reuse: Reuse = PLAIN
) -> None:
    _unused_facts(site, errors, reuse)
    _overdue_reviews(site, errors, today)
    _shared_order(site.stories, errors)
    for narrative in (site.home, *site.stories, *site.pages, *site.translations.values()):
        found = reuse.get(
            ("typed numbers", narrative.path),
            narrative,
            lambda n=narrative: _typed_numbers(n, ErrorCollector(errors.root)),
        )
        errors.warnings.extend(found)
        _changes_of_dates(narrative, site, errors)


def _changes_of_dates(narrative: Narrative, site: SiteContent, errors: ErrorCollector) -> None:
    """[[key.change]] tells a rise or a fall: of a year, it would print "up 1984"."""
    if ".change" not in narrative.body:
        return
    for number, line in enumerate(narrative.body.splitlines(), start=narrative.body_line):
        for match, reference in references.find(line):
            fact = site.facts.get(reference.key)
            if reference.part == "change" and fact is not None and fact.unit == "year":
                errors.warn(
                    narrative.path,
                    number,
                    f"[[{match.group(1).strip()}]] asks for a change, but {fact.key!r} is a year",
                    f"write [[{fact.key}]] for the year; .change suits a figure that rises or"
                    " falls",
                    column=match.start() + 1,
                )


def used_facts(site: SiteContent, reuse: Reuse = PLAIN) -> set[str]:
    """Facts cited in any narrative, shown as a card, drawn in a chart, or feeding one of those."""
    narratives = (site.home, *site.stories, *site.pages)
    used = set(reuse.get("cited anywhere", narratives, lambda: _cited_anywhere(narratives, reuse)))
    used |= set(site.home.meta.key_facts)
    for chart in site.charts.values():
        used |= {point.key for point in chart.facts}
        used |= {p.key for trace in chart.traces if trace.labels for p in trace.labels.points}
        used |= {fact.key for _, fact in chart.annotations}
        used |= {count.key for _, count in chart.coverage}  # printed under each year
    used |= {key for event in site.timeline.events for key in event.facts}
    pending = list(used)
    while pending:
        fact = site.facts.get(pending.pop())
        for key in fact.inputs if fact else ():
            if key not in used:
                used.add(key)
                pending.append(key)
    return used


def _cited_anywhere(narratives: tuple[Narrative, ...], reuse: Reuse) -> frozenset[str]:
    return frozenset(
        key for n in narratives for key in reuse.get(("cited", n.path), n, lambda n=n: _cited(n))
    )


def _cited(narrative: Narrative) -> set[str]:
    return set(references.cited(narrative.body)[0])


def _unused_facts(site: SiteContent, errors: ErrorCollector, reuse: Reuse) -> None:
    used = used_facts(site, reuse)
    for fact in site.facts.values():
        if fact.key not in used:
            errors.warn(
                fact.path,
                fact.line,
                f"fact {fact.key!r} is not used on any page",
                f"cite it with [[{fact.key}]], draw it in a chart, or remove it",
            )


def _overdue_reviews(site: SiteContent, errors: ErrorCollector, today: datetime.date) -> None:
    for fact in site.facts.values():
        if fact.review_by and periods.end_date(fact.review_by) < today:
            errors.warn(
                fact.path,
                fact.line,
                f"fact {fact.key!r} was due for review by {periods.display(fact.review_by)}",
                "check the figure against its source, then move review_by on",
            )


def _typed_numbers(narrative: Narrative, errors: ErrorCollector) -> list[SiteError]:
    in_code = False
    for number, line in enumerate(narrative.body.splitlines(), start=narrative.body_line):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        prose = REFERENCE.sub(lambda m: " " * len(m.group(0)), line)
        prose = NOT_PROSE.sub(lambda m: " " * len(m.group(0)), prose)
        for match in TYPED_NUMBER.finditer(prose):
            typed = match.group(0).rstrip(",.")
            errors.warn(
                narrative.path,
                number,
                f"number {typed!r} typed into the text",
                f"cite a fact with [[fact_key]] or [[fact_key.period]], or mark it "
                f"as meant with [[literal:{typed}]]",
                column=match.start() + 1,
            )
        for match in CHINESE_NUMBER.finditer(prose):
            errors.warn(
                narrative.path,
                number,
                f"number {match.group(0)!r} written in Chinese numerals",
                "cite a fact with [[fact_key]], which writes the number the Chinese way, or mark"
                " it as meant with [[literal:...]] in digits",
                column=match.start() + 1,
            )
    return sorted_problems(errors.warnings)


def _shared_order(stories: tuple[Narrative, ...], errors: ErrorCollector) -> None:
    """Two stories that ask for the same place in the list: it falls back to their slugs,
    which may not be what the editor meant."""
    seen: dict[int, Narrative] = {}
    for story in sorted(stories, key=lambda n: n.display_path):
        if "order" not in story.field_lines:
            continue
        first = seen.setdefault(story.meta.order, story)
        if first is not story:
            errors.warn(
                story.path,
                story.field_lines["order"],
                f"order: {story.meta.order} is also the order of {first.display_path}",
                "give each story its own order: 1 comes first in the list of stories",
            )
