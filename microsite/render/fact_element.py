"""How a fact appears wherever it is cited: one element, the same in prose, cards and tables."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from microsite import periods
from microsite.inputs.facts import Fact

Translate = Callable[[str], str]  # an edition's gettext: English text -> its translation
FIGURES = ("", "number", "change")  # the parts that show the value: a caution goes with them


def fact_element(
    fact: Fact,
    part: str,
    href: str,
    caution_href: str,
    corrections_href: str,
    gettext: Translate = str,
) -> Markup:
    """A figure as a link to the fact's entry on the Facts page; a year or a date as plain text,
    as a newspaper prints it (an underline under every year is noise). After it, set apart from
    the sentence, a caution where its source is weak and a note where its value was corrected.
    Its words are in the fact's language, through the edition's `gettext`."""
    if _is_date(fact, part):
        element = Markup('<span class="fact-date" data-fact="{}">{}</span>').format(
            fact.key, _text(fact, part)
        )
    else:
        kind = "fact fact-derived" if fact.derived else "fact"
        element = Markup('<a class="{}" href="{}" title="{}">{}</a>').format(
            kind, href, tooltip(fact, gettext), _text(fact, part)
        )
    notes = []
    if fact.cautioned and part in FIGURES:
        notes.append(
            _mark(
                "caution",
                caution_href,
                gettext("Weak source: this figure rests on a single unofficial source"),
                "⚠",
                gettext("weak source"),
                fact.language,
            )
        )
    if fact.corrections and part in FIGURES:
        date = _period(fact.corrections[-1].date, fact)
        notes.append(
            _mark(
                "corrected",
                corrections_href,
                gettext("Corrected on {date}").format(date=date),
                "",
                gettext("corrected {date}").format(date=date),
                fact.language,
            )
        )
    if not notes:
        return element
    return Markup('<span class="fact-ref">{}</span>').format(element + Markup("").join(notes))


def _is_date(fact: Fact, part: str) -> bool:
    return part == "period" or (fact.unit == "year" and part in ("", "number"))


def _mark(kind: str, href: str, title: str, symbol: str, words: str, language: str) -> Markup:
    """A small mark after a figure. A screen reader hears it in parentheses, "232 (weak source)
    zones", so that it does not run into the sentence; the eye sees it raised and boxed. The
    parentheses are the language's: full-width in Chinese, 232家（可信度较低）."""
    icon = Markup('<span aria-hidden="true">{} </span>').format(symbol) if symbol else ""
    opening, closing = ("（", "）") if language == "zh" else (" (", ")")
    return Markup(
        '<a class="fact-mark {}" href="{}" title="{}">'
        '<span class="visually-hidden">{}</span>{}{}<span class="visually-hidden">{}</span></a>'
    ).format(kind, href, title, opening, icon, words, closing)


def _period(period: str, fact: Fact) -> str:
    """A period in the fact's language: 2024, or 2024年."""
    return periods.display(period, language=fact.language)


def _text(fact: Fact, part: str) -> str:
    if part == "period":
        return _period(fact.period, fact)
    if part == "number":
        return fact.number
    if part == "change":
        return fact.change
    if part == "label":
        return fact.label
    return fact.phrase


def tooltip(fact: Fact, gettext: Translate = str) -> str:
    where = gettext("{label}, {period}").format(label=fact.label, period=_period(fact.period, fact))
    if fact.derived:
        return gettext("{fact}. Calculated from sourced figures").format(fact=where)
    publishers = gettext("; ").join(dict.fromkeys(source.publisher for source in fact.sources))
    return gettext("{fact}. Source: {publishers}").format(fact=where, publishers=publishers)
