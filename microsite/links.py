"""How a fact appears wherever it is cited: one element, the same in prose, cards and tables."""

from __future__ import annotations

from markupsafe import Markup

from microsite import periods
from microsite.facts import Fact


def fact_element(
    fact: Fact, part: str, href: str, caution_href: str, corrections_href: str
) -> Markup:
    """A link to the fact's entry on the Facts page, with a caution where its source is weak
    and a note where its value was corrected."""
    kind = "fact fact-derived" if fact.derived else "fact"
    link = Markup('<a class="{}" href="{}" title="{}">{}</a>').format(
        kind, href, tooltip(fact), _text(fact, part)
    )
    notes = []
    if fact.cautioned and part in ("", "number"):
        notes.append(Markup('<a class="caution" href="{}">weak source</a>').format(caution_href))
    if fact.corrections and part in ("", "number"):
        date = periods.display(fact.corrections[-1].date)
        notes.append(
            Markup('<a class="corrected" href="{}">corrected on {}</a>').format(
                corrections_href, date
            )
        )
    if not notes:
        return link
    return Markup('<span class="fact-ref">{}</span>').format(link + Markup("").join(notes))


def _text(fact: Fact, part: str) -> str:
    if part == "period":
        return periods.display(fact.period)
    if part == "number":
        return fact.number
    if part == "label":
        return fact.label
    return fact.phrase


def tooltip(fact: Fact) -> str:
    if fact.derived:
        return f"{fact.label}, {periods.display(fact.period)}: calculated by this site"
    publishers = "; ".join(dict.fromkeys(source.publisher for source in fact.sources))
    return f"{fact.label}, {periods.display(fact.period)}. Source: {publishers}"
