"""How a fact appears wherever it is cited: one element, the same in prose, cards and tables."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markupsafe import Markup

from microsite import periods
from microsite.facts import Fact


def fact_element(
    fact: Fact, part: str, href: str, caution_href: str, corrections_href: str
) -> etree.Element:
    """A link to the fact's entry on the Facts page, with a caution where its source is weak
    and a note where its value was corrected."""
    wrapper = etree.Element("span", {"class": "fact-ref"})
    link = etree.SubElement(
        wrapper,
        "a",
        {
            "class": "fact" + (" fact-derived" if fact.derived else ""),
            "href": href,
            "title": tooltip(fact),
        },
    )
    link.text = _text(fact, part)
    if fact.cautioned and part in ("", "number"):
        mark = etree.SubElement(wrapper, "a", {"class": "caution", "href": caution_href})
        mark.text = "weak source"
    if fact.corrections and part in ("", "number"):
        note = etree.SubElement(wrapper, "a", {"class": "corrected", "href": corrections_href})
        note.text = f"corrected on {periods.display(fact.corrections[-1].date)}"
    return wrapper if len(wrapper) > 1 else link


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


def to_markup(element: etree.Element) -> Markup:
    return Markup(etree.tostring(element, encoding="unicode", method="html"))
