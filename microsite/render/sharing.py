"""What the site tells machines about itself: the Atom feed of stories and corrections, the
sitemap, robots.txt, link-preview (Open Graph and Twitter card) tags, and schema.org JSON-LD.

All of it needs absolute addresses, made from data/site.yaml's base_url, and dates that come
from the inputs (a story's date, a correction's date), never from the clock: the same inputs
give the same bytes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from microsite import periods
from microsite.inputs.corrections import Correction
from microsite.inputs.narratives import Narrative
from microsite.inputs.project import Settings
from microsite.render import datapackage
from microsite.render.languages import ENGLISH, Language

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED = "feed.xml"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
SITEMAP_FILE = "sitemap.xml"
XHTML = "http://www.w3.org/1999/xhtml"  # the namespace of the sitemap's hreflang links
Translate = Callable[[str], str]  # an edition's gettext: English text -> its translation
CARD_WIDTH, CARD_HEIGHT = 1200, 630  # the share image, as drawn (cards.py) and as announced
# A feed must say when it last changed; one with no entries says so with a fixed date.
NO_ENTRIES = "2000-01-01T00:00:00Z"


@dataclass(frozen=True)
class Preview:
    """How a page presents itself when a link to it is shared."""

    kind: str  # og:type: article for stories, website for the rest
    title: str
    description: str
    url: str  # the page's canonical address
    image: str  # its share image's address
    image_alt: str
    published: str | None = None  # a story's date, RFC 3339
    modified: str | None = None  # and the date of the latest correction to a figure it shows
    image_width: int = CARD_WIDTH
    image_height: int = CARD_HEIGHT


def timestamp(period: str) -> str:
    """The start of a period as an RFC 3339 time: 2025-07-20 -> 2025-07-20T00:00:00Z."""
    return periods.start_date(period).isoformat() + "T00:00:00Z"


@dataclass(frozen=True)
class FeedEntry:
    """One entry of the feed, already written as XML: a preview keeps it while its story or
    correction is unchanged, instead of writing a thousand entries again on every save."""

    updated: str  # RFC 3339
    id: str
    xml: str


def feed(settings: Settings, entries: Iterable[FeedEntry], language: Language = ENGLISH) -> str:
    """An Atom feed (RFC 4287) of the entries, newest first, in one language's edition."""
    base = settings.root_url + language.prefix
    newest = sorted(entries, key=lambda entry: (entry.updated, entry.id), reverse=True)
    head = ET.Element("feed", {"xmlns": ATOM, "xml:lang": language.hreflang})
    _text(head, "id", base)
    _text(head, "title", settings.title)
    _text(head, "subtitle", settings.description)
    _link(head, base + FEED, "self", "application/atom+xml")
    _link(head, base, "alternate", "text/html")
    _text(head, "updated", newest[0].updated if newest else NO_ENTRIES)
    author = ET.SubElement(head, "author")
    _text(author, "name", settings.publisher)
    _text(author, "uri", base)
    _text(head, "rights", f"{settings.licence.title}: {settings.licence.url}")
    opening = _serialised(head, 0).removesuffix("</feed>")
    return f"{XML_DECLARATION}{opening}{''.join(entry.xml for entry in newest)}</feed>\n"


def story_entry(story: Narrative, updated: str, base: str, gettext: Translate = str) -> FeedEntry:
    """A story's entry: `updated` is its date, or that of a later correction to a figure in it.
    `base` is the address of the story's edition: the site's, or its zh/ beside it."""
    url = f"{base}stories/{story.meta.slug}/"
    entry = ET.Element("entry")
    _text(entry, "id", url)
    _text(entry, "title", story.meta.title)
    _link(entry, url, "alternate", "text/html")
    _text(entry, "published", timestamp(story.meta.date))
    _text(entry, "updated", timestamp(updated))
    _text(entry, "summary", story.meta.summary)
    ET.SubElement(entry, "category", {"term": "story", "label": gettext("Story")})
    return FeedEntry(timestamp(updated), url, _serialised(entry, 1))


def correction_entry(correction: Correction, base: str, gettext: Translate = str) -> FeedEntry:
    fact, entry_data = correction.fact, correction.entry
    period = periods.display(fact.period, language=fact.language)
    # The fact's anchor moves to its newest correction: the id names the correction itself.
    identifier = f"{base}corrections/#{fact.key}-{entry_data.date}"
    entry = ET.Element("entry")
    _text(entry, "id", identifier)
    _text(
        entry,
        "title",
        gettext("Correction: {label}, {period}").format(label=fact.label, period=period),
    )
    _link(entry, f"{base}corrections/#{fact.key}", "alternate", "text/html")
    _text(entry, "updated", timestamp(entry_data.date))
    _text(
        entry,
        "summary",
        gettext("Was {old}; it is now {new}.").format(
            old=correction.old_text, new=correction.new_text
        )
        + f" {entry_data.reason}",
    )
    ET.SubElement(entry, "category", {"term": "correction", "label": gettext("Correction")})
    return FeedEntry(timestamp(entry_data.date), identifier, _serialised(entry, 1))


def _serialised(element: ET.Element, level: int) -> str:
    """An element of the feed as text, on its own lines, indented for its level; its tags take
    the feed's namespace, which the feed element declares."""
    ET.indent(element, space=" ", level=level)
    return " " * level + ET.tostring(element, encoding="unicode") + "\n" * level


@dataclass(frozen=True)
class Listed:
    """A page as the sitemap lists it: its address, when it last changed, and its address in
    each language the site is published in (none for a site in one language)."""

    url: str
    modified: str | None = None
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, address)


def sitemap(pages: Iterable[Listed]) -> str:
    """A sitemap (sitemaps.org 0.9) of the pages, each with its translations as Google reads
    them (xhtml:link rel=alternate hreflang), the page itself among them."""
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for page in pages:
        item = ET.SubElement(root, f"{{{SITEMAP}}}url")
        ET.SubElement(item, f"{{{SITEMAP}}}loc").text = page.url
        if page.modified:
            ET.SubElement(item, f"{{{SITEMAP}}}lastmod").text = page.modified
        for hreflang, address in page.alternates:
            attributes = {"rel": "alternate", "hreflang": hreflang, "href": address}
            ET.SubElement(item, f"{{{XHTML}}}link", attributes)
    if any(page.alternates for page in pages):
        ET.register_namespace("xhtml", XHTML)
    return _xml(root, SITEMAP)


def robots(settings: Settings) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {settings.root_url}{SITEMAP_FILE}\n"


def news_article(
    story: Narrative, settings: Settings, preview: Preview, language: Language = ENGLISH
) -> dict[str, Any]:
    """schema.org NewsArticle, as search engines read it from a story page, in its language."""
    organisation = _organisation(settings)
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.meta.title,
        "description": story.meta.summary,
        "url": preview.url,
        "mainEntityOfPage": preview.url,
        "image": [preview.image],
        "datePublished": preview.published,
        "dateModified": preview.modified,
        "author": organisation,
        "publisher": organisation,
        "isAccessibleForFree": True,
        "license": str(settings.licence.url),
        "inLanguage": language.hreflang,
    }


def dataset(
    settings: Settings,
    url: str,
    downloads: Sequence[tuple[str, str, str]],
    coverage: tuple[int, int] | None,
    based_on: Sequence[str],
    gettext: Translate = str,
) -> dict[str, Any]:
    """schema.org Dataset for the data package: `downloads` are (name, address, media type)."""
    described = gettext(
        "Every figure on {title}, with its unit, period, reliability grade and "
        "sources, and the data behind each chart. {description}"
    ).format(title=settings.title, description=settings.description)
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": gettext("{site}: the data").format(site=settings.title),
        "description": described,
        "url": url,
        "license": str(settings.licence.url),
        "isAccessibleForFree": True,
        "creator": _organisation(settings),
        "publisher": _organisation(settings),
        "keywords": datapackage.KEYWORDS,
        "spatialCoverage": "China",
        "distribution": [
            {"@type": "DataDownload", "name": name, "contentUrl": address, "encodingFormat": kind}
            for name, address, kind in downloads
        ],
        "isBasedOn": list(based_on),
    }
    if coverage:
        first, last = coverage
        found["temporalCoverage"] = f"{first}/{last}" if first != last else str(first)
    return found


def json_ld(data: dict[str, Any]) -> Markup:
    """A JSON-LD script block. <, > and & are written as JSON escapes, so no text in it can
    close the element or open a comment that would hide its end from the HTML parser."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def _organisation(settings: Settings) -> dict[str, str]:
    return {"@type": "Organization", "name": settings.publisher, "url": settings.root_url}


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, name).text = text


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": kind, "href": href})


def _xml(root: ET.Element, namespace: str) -> str:
    ET.register_namespace("", namespace)
    ET.indent(root, space=" ")
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
