"""Test-side validators for what the site publishes to other programs.

Each ``*_problems`` function returns human-readable problems; an empty list means valid.

* :func:`atom_problems` -- an Atom 1.0 feed, against the RELAX NG schema of RFC 4287
  Appendix B (``atom.rnc``, converted at test time with ``rnc2rng``) plus the RFC's
  "MUST" rules that the schema cannot express.
* :func:`sitemap_problems` -- a sitemap, against the sitemaps.org 0.9 XML Schema
  (``sitemap.xsd``) plus the protocol's rules on URLs, counts, size and escaping.
* :func:`card_problems` -- a page's Open Graph (ogp.me) and X/Twitter card tags, and the
  card image itself.
* :func:`json_ld_blocks` / :func:`json_ld_problems` -- schema.org JSON-LD, against
  Google's NewsArticle and Dataset structured-data guidance.

``README.md`` in this folder says where the vendored schemas come from and on what terms.
"""

from __future__ import annotations

import calendar
import functools
import json
import re
import struct
from collections.abc import Callable, Iterable
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

__all__ = [
    "atom_problems",
    "card_problems",
    "json_ld_blocks",
    "json_ld_problems",
    "sitemap_problems",
]

HERE = Path(__file__).resolve().parent
ATOM_RNC = HERE / "atom.rnc"
SITEMAP_XSD = HERE / "sitemap-with-alternates.xsd"  # sitemap.xsd and xhtml-link.xsd

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

SITEMAP_MAX_URLS = 50_000
SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # sitemaps.org: 50MB (52,428,800 bytes), uncompressed

CARD_SIZE = (1200, 630)
CARD_MAX_BYTES = 5 * 1024 * 1024  # X: images for cards must be less than 5MB

HEADLINE_MAX = 110
DESCRIPTION_RANGE = (50, 5000)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- shared helpers ------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    """An XML parser that never fetches anything and never expands external entities."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _parse_xml(xml: bytes) -> tuple[etree._ElementTree | None, list[str]]:
    try:
        return etree.ElementTree(etree.fromstring(xml, _parser())), []
    except etree.XMLSyntaxError as exc:
        return None, [f"not well-formed XML: {exc}"]


def _schema_problems(
    schema: etree.RelaxNG | etree.XMLSchema, doc: etree._ElementTree, label: str
) -> list[str]:
    if schema.validate(doc):
        return []
    return [f"{label}: line {error.line}: {error.message}" for error in schema.error_log]


def _is_web_url(value: object) -> bool:
    """An absolute http(s) URL with a host."""
    if not isinstance(value, str) or value != value.strip() or not value:
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def _is_absolute_iri(value: str) -> bool:
    """RFC 3987 IRI (not a relative reference): a scheme, something after it, no white space."""
    if not value or any(ch.isspace() for ch in value):
        return False
    match = _SCHEME.match(value)
    return match is not None and len(value) > match.end()


_RFC3339 = re.compile(
    r"(?P<Y>\d{4})-(?P<M>\d{2})-(?P<D>\d{2})"
    r"T(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})(?:\.\d+)?"
    r"(?:Z|[+-](?P<oh>\d{2}):(?P<om>\d{2}))"
)


def _is_rfc3339(value: str) -> bool:
    """RFC 3339 ``date-time`` with the upper-case ``T`` and ``Z`` that RFC 4287 §3.3 demands."""
    match = _RFC3339.fullmatch(value)
    if match is None:
        return False
    year, month, day = int(match["Y"]), int(match["M"]), int(match["D"])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    # Second 60 is RFC 3339's leap second.
    if int(match["h"]) > 23 or int(match["m"]) > 59 or int(match["s"]) > 60:
        return False
    return match["oh"] is None or (int(match["oh"]) <= 23 and int(match["om"]) <= 59)


# --- Atom ----------------------------------------------------------------------------------


@functools.cache
def _atom_schema() -> etree.RelaxNG:
    import rnc2rng  # test-only dependency: converts RELAX NG compact syntax to XML syntax

    rng = rnc2rng.dumps(rnc2rng.loads(ATOM_RNC.read_text(encoding="utf-8")))
    # rnc2rng declares the schema's `namespace local = ""` as xmlns:local="", which XML
    # Namespaces 1.0 forbids; the prefix is never used (local:* becomes <nsName ns=""/>).
    rng = re.sub(r'\s+xmlns:local=""', "", rng)
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8"), _parser()))


def _atom(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return element.findall(_atom(name))


def _text(element: etree._Element) -> str:
    return element.text or ""


def _describe_entry(index: int, entry: etree._Element) -> str:
    ids = _children(entry, "id")
    return f"entry {index} ({_text(ids[0])!r})" if ids else f"entry {index}"


def _exactly_one(element: etree._Element, where: str, names: Iterable[str]) -> list[str]:
    problems = []
    for name in names:
        count = len(_children(element, name))
        if count != 1:
            what = "missing" if count == 0 else f"{count} of"
            problems.append(f"{where}: {what} atom:{name} (RFC 4287 requires exactly one)")
    return problems


def _ids_and_dates(element: etree._Element, where: str) -> list[str]:
    problems = []
    for id_element in _children(element, "id"):
        value = _text(id_element)
        if not _is_absolute_iri(value):
            problems.append(
                f"{where}: atom:id {value!r} is not an absolute IRI "
                "(RFC 4287 §4.2.6: no relative references, no white space)"
            )
    for name in ("updated", "published"):
        for stamp in _children(element, name):
            value = _text(stamp)
            if not _is_rfc3339(value):
                problems.append(
                    f"{where}: atom:{name} {value!r} is not an RFC 3339 date-time "
                    "(RFC 4287 §3.3: upper-case T, and Z or a numeric offset)"
                )
    return problems


def _entry_problems(entry: etree._Element, where: str, feed: etree._Element | None) -> list[str]:
    problems = _exactly_one(entry, where, ("id", "title", "updated"))
    problems += _ids_and_dates(entry, where)
    source = entry.find(_atom("source"))
    if source is not None:
        problems += _ids_and_dates(source, f"{where} atom:source")
    has_author = bool(
        _children(entry, "author")
        or (source is not None and _children(source, "author"))
        or (feed is not None and _children(feed, "author"))
    )
    if not has_author:
        problems.append(
            f"{where}: no atom:author in the entry, its atom:source or the feed (RFC 4287 §4.1.2)"
        )
    if not _children(entry, "content"):
        alternates = [
            link for link in _children(entry, "link") if link.get("rel", "alternate") == "alternate"
        ]
        if not alternates:
            problems.append(
                f'{where}: has no atom:content, so it needs an atom:link with rel="alternate" '
                "(RFC 4287 §4.1.2)"
            )
    return problems


def atom_problems(xml: bytes) -> list[str]:
    """Problems with an Atom Feed (or Entry) Document; an empty list means valid.

    Checks the RFC 4287 Appendix B RELAX NG schema, then the rules it cannot express:
    exactly one atom:id, atom:title and atom:updated in the feed and in each entry; an author
    for every entry (its own, its atom:source's or the feed's); an atom:link rel="alternate"
    in every entry without atom:content; atom:id values are absolute IRIs; dates are
    RFC 3339; and, as this site's rule, no two entries share an atom:id.
    """
    doc, problems = _parse_xml(xml)
    if doc is None:
        return problems
    root = doc.getroot()
    if root.tag not in (_atom("feed"), _atom("entry")):
        return [f"root element is {root.tag}, not atom:feed or atom:entry in namespace {ATOM_NS}"]

    problems = _schema_problems(_atom_schema(), doc, "RFC 4287 schema")

    if root.tag == _atom("entry"):
        return problems + _entry_problems(root, "entry", None)

    problems += _exactly_one(root, "feed", ("id", "title", "updated"))
    problems += _ids_and_dates(root, "feed")
    first_with_id: dict[str, int] = {}
    for index, entry in enumerate(_children(root, "entry"), start=1):
        where = _describe_entry(index, entry)
        problems += _entry_problems(entry, where, root)
        for id_element in _children(entry, "id")[:1]:
            value = _text(id_element)
            if value in first_with_id:
                problems.append(
                    f"{where}: shares atom:id {value!r} with entry {first_with_id[value]} "
                    "(RFC 4287 §4.1.1 would read them as versions of one entry)"
                )
            else:
                first_with_id[value] = index
    return problems


# --- Sitemaps ------------------------------------------------------------------------------


@functools.cache
def _sitemap_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SITEMAP_XSD), _parser()))


_RAW_LOC = re.compile(rb"<(?:[\w.\-]+:)?loc\b[^>]*>(.*?)</(?:[\w.\-]+:)?loc\s*>", re.DOTALL)


def sitemap_problems(xml: bytes) -> list[str]:
    """Problems with a sitemap (a ``<urlset>``); an empty list means valid.

    Checks the sitemaps.org 0.9 XML Schema, then the protocol: the file is UTF-8 and at most
    50MB, it lists at most 50,000 URLs, every <loc> is an absolute http(s) URL, all of them
    on one protocol and host, URL-escaped, and entity-escaped in the XML.
    """
    problems: list[str] = []
    if len(xml) > SITEMAP_MAX_BYTES:
        problems.append(
            f"file is {len(xml):,} bytes; a sitemap may be at most {SITEMAP_MAX_BYTES:,} bytes"
        )
    try:
        xml.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"file is not UTF-8: {exc}")
    doc, parse_problems = _parse_xml(xml)
    if doc is None:
        hint = "data values in a sitemap must be entity-escaped (& as &amp;, < as &lt;)"
        return [*problems, *parse_problems, hint]
    if doc.docinfo.encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        problems.append(f"XML declaration says encoding {doc.docinfo.encoding}; must be UTF-8")
    if doc.docinfo.doctype:
        problems.append("has a DOCTYPE; a sitemap has none and must not declare entities")

    root = doc.getroot()
    expected = f"{{{SITEMAP_NS}}}urlset"
    if root.tag != expected:
        return [
            *problems,
            f"root element is {root.tag}; expected <urlset> in namespace {SITEMAP_NS}",
        ]

    problems += _schema_problems(_sitemap_schema(), doc, "sitemaps.org 0.9 schema")

    urls = root.findall(f"{{{SITEMAP_NS}}}url")
    if len(urls) > SITEMAP_MAX_URLS:
        problems.append(
            f"lists {len(urls):,} URLs; a sitemap may list at most {SITEMAP_MAX_URLS:,}"
        )

    origins: dict[tuple[str, str], str] = {}
    for loc in root.iterfind(f"{{{SITEMAP_NS}}}url/{{{SITEMAP_NS}}}loc"):
        value = loc.text or ""
        where = f"line {loc.sourceline}: <loc> {value!r}"
        if not _is_web_url(value):
            problems.append(f"{where} is not an absolute http(s) URL")
            continue
        if any(ord(ch) > 126 or ch.isspace() or ch in '"<>\\^`{|}' for ch in value):
            problems.append(f"{where} has characters that must be percent-encoded (RFC 3986)")
        parts = urlsplit(value)
        origins.setdefault((parts.scheme, parts.netloc.lower()), value)
    if len(origins) > 1:
        listed = ", ".join(f"{scheme}://{host}" for scheme, host in origins)
        problems.append(f"URLs must all be on one protocol and host; found {listed}")

    for raw in _RAW_LOC.findall(xml):
        for char, entity in ((b"'", "&apos;"), (b'"', "&quot;"), (b">", "&gt;")):
            if char in raw:
                problems.append(
                    f"<loc> {raw.decode('utf-8', 'replace')!r} has a raw {char.decode()}; "
                    f"sitemaps.org requires it entity-escaped as {entity}"
                )
    return problems


# --- Open Graph and X/Twitter cards --------------------------------------------------------


class _MetaCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.properties: list[tuple[str, str]] = []  # (property, content) in document order
        self.names: list[tuple[str, str]] = []  # (name, content) in document order

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        values = {key.lower(): value or "" for key, value in attrs}
        content = values.get("content")
        if content is None:
            return
        if "property" in values:
            self.properties.append((values["property"].strip(), content))
        if "name" in values:
            self.names.append((values["name"].strip().lower(), content))


def _first(pairs: list[tuple[str, str]], key: str) -> str | None:
    return next((value for name, value in pairs if name == key), None)


def _png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR chunk, or None when it isn't a PNG."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _image_problems(
    label: str, url: str, files: Callable[[str], bytes | None]
) -> tuple[list[str], tuple[int, int] | None]:
    data = files(url)
    if data is None:
        return [f"{label} {url} is not among the site's files"], None
    problems = []
    if len(data) >= CARD_MAX_BYTES:
        problems.append(f"{label} {url} is {len(data):,} bytes; it must be under 5MB")
    size = _png_size(data)
    if size is None:
        problems.append(f"{label} {url} is not a PNG")
    elif size != CARD_SIZE:
        problems.append(
            f"{label} {url} is {size[0]}x{size[1]}; a card image must be "
            f"{CARD_SIZE[0]}x{CARD_SIZE[1]}"
        )
    return problems, size


def card_problems(html: str, files: Callable[[str], bytes | None]) -> list[str]:
    """Problems with a page's social-card tags; an empty list means valid.

    Open Graph (ogp.me, ``<meta property=...>``): og:title, og:type, og:image and og:url
    present; og:url and og:image absolute; og:image:alt present; og:image:width/height, if
    given, match the image. X/Twitter (``<meta name=...>``): twitter:card is
    summary_large_image, twitter:title present, twitter:image absolute with
    twitter:image:alt. Each image, read with ``files(absolute_url)`` (bytes, or None when
    the site has no such file), must be a PNG of 1200x630 under 5MB.
    """
    collector = _MetaCollector()
    collector.feed(html)
    collector.close()
    og = collector.properties
    # X reads twitter:* from name=, and falls back to property=.
    twitter = collector.names + [
        (key.lower(), value) for key, value in og if key.lower().startswith("twitter:")
    ]
    problems: list[str] = []

    for name, _ in twitter:
        if name.startswith("og:") and _first(og, name) is None:
            problems.append(f"{name} is given as name=; Open Graph uses property=")
    for key in ("og:title", "og:type", "og:image", "og:url", "og:image:alt"):
        value = _first(og, key)
        if value is None or not value.strip():
            problems.append(f'missing <meta property="{key}" content="...">')

    og_url = _first(og, "og:url")
    if og_url is not None and not _is_web_url(og_url):
        problems.append(f"og:url {og_url!r} is not an absolute http(s) URL")

    checked: dict[str, tuple[int, int] | None] = {}
    og_image = _first(og, "og:image")
    if og_image is not None and og_image.strip():
        if not _is_web_url(og_image):
            problems.append(f"og:image {og_image!r} is not an absolute http(s) URL")
        else:
            image_problems, size = _image_problems("og:image", og_image, files)
            problems += image_problems
            checked[og_image] = size
            for index, key in enumerate(("og:image:width", "og:image:height")):
                declared = _first(og, key)
                if declared is None:
                    continue
                if not declared.strip().isdigit():
                    problems.append(f"{key} {declared!r} is not a whole number of pixels")
                elif size is not None and int(declared) != size[index]:
                    problems.append(f"{key} is {declared} but the image is {size[index]}")
            declared_type = _first(og, "og:image:type")
            if declared_type is not None and size is not None and declared_type != "image/png":
                problems.append(f"og:image:type is {declared_type!r} but the image is a PNG")

    card = _first(twitter, "twitter:card")
    if card != "summary_large_image":
        problems.append(f"twitter:card is {card!r}; expected 'summary_large_image'")
    for key in ("twitter:title", "twitter:image", "twitter:image:alt"):
        value = _first(twitter, key)
        if value is None or not value.strip():
            problems.append(f'missing <meta name="{key}" content="...">')
    twitter_image = _first(twitter, "twitter:image")
    if twitter_image is not None and twitter_image.strip():
        if not _is_web_url(twitter_image):
            problems.append(f"twitter:image {twitter_image!r} is not an absolute http(s) URL")
        elif twitter_image not in checked:
            problems += _image_problems("twitter:image", twitter_image, files)[0]
    return problems


# --- JSON-LD -------------------------------------------------------------------------------


class _JsonLdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        kind = dict(attrs).get("type") or ""
        if kind.split(";")[0].strip().lower() == "application/ld+json":
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.blocks.append("".join(self._current))
            self._current = None


def json_ld_blocks(html: str) -> list[dict[str, Any]]:
    """Every ``<script type="application/ld+json">`` block of a page, parsed.

    A block holding a JSON array contributes each of its objects. Raises ValueError, naming
    the block, when one is not valid JSON or not an object.
    """
    collector = _JsonLdCollector()
    collector.feed(html)
    collector.close()
    blocks: list[dict[str, Any]] = []
    for number, text in enumerate(collector.blocks, start=1):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"JSON-LD block {number} is not valid JSON: {exc}") from exc
        items = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict):
                raise ValueError(
                    f"JSON-LD block {number} holds {type(item).__name__}, not an object"
                )
            blocks.append(item)
    return blocks


SCHEMA_ORG_CONTEXTS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
}


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _is_iso8601(value: object) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].+)?", value):
        return False
    try:
        (datetime if len(value) > 10 else date).fromisoformat(value)
    except ValueError:
        return False
    return True


def _image_urls(value: Any) -> list[Any]:
    """URLs of a schema.org image: a URL, an ImageObject, or a list of either."""
    urls = []
    for item in _as_list(value):
        urls.append(item.get("url", item.get("contentUrl")) if isinstance(item, dict) else item)
    return urls


def _party_problems(where: str, value: Any, *, require_type: bool) -> list[str]:
    """A Person or Organization (or a list of them) with a name."""
    problems = []
    for index, party in enumerate(_as_list(value), start=1):
        label = f"{where}[{index}]" if isinstance(value, list) else where
        if not isinstance(party, dict):
            problems.append(f"{label} must be an object with @type and name, not {party!r}")
            continue
        name = party.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{label} has no name")
        types = _types(party)
        if require_type and not {"Person", "Organization"} & set(types):
            problems.append(f"{label} @type is {party.get('@type')!r}; use Person or Organization")
        if "url" in party and not _is_web_url(party["url"]):
            problems.append(f"{label}.url {party['url']!r} is not an absolute URL")
    return problems


def _news_article_problems(node: dict[str, Any]) -> list[str]:
    problems = []
    headline = node.get("headline")
    if not isinstance(headline, str) or not headline.strip():
        problems.append("NewsArticle: missing headline")
    elif len(headline) > HEADLINE_MAX:
        problems.append(
            f"NewsArticle: headline is {len(headline)} characters; at most {HEADLINE_MAX}"
        )
    if "image" not in node:
        problems.append("NewsArticle: missing image")
    else:
        for url in _image_urls(node["image"]):
            if not _is_web_url(url):
                problems.append(f"NewsArticle: image {url!r} is not an absolute URL")
    for key, required in (("datePublished", True), ("dateModified", False)):
        if key not in node:
            if required:
                problems.append(f"NewsArticle: missing {key}")
        elif not _is_iso8601(node[key]):
            problems.append(f"NewsArticle: {key} {node[key]!r} is not an ISO 8601 date")
    if "author" not in node:
        problems.append("NewsArticle: missing author")
    else:
        problems += _party_problems("NewsArticle: author", node["author"], require_type=True)
    if "publisher" not in node:
        problems.append("NewsArticle: missing publisher")
    else:
        problems += _party_problems("NewsArticle: publisher", node["publisher"], require_type=False)
    return problems


def _dataset_problems(node: dict[str, Any]) -> list[str]:
    problems = []
    name = node.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append("Dataset: missing name")
    description = node.get("description")
    low, high = DESCRIPTION_RANGE
    if not isinstance(description, str) or not description.strip():
        problems.append("Dataset: missing description")
    elif not low <= len(description) <= high:
        problems.append(
            f"Dataset: description is {len(description)} characters; must be {low} to {high}"
        )
    license_ = node.get("license")
    if license_ is None:
        problems.append("Dataset: missing license")
    elif isinstance(license_, str):
        if not _is_web_url(license_):
            problems.append(f"Dataset: license {license_!r} is not an absolute URL")
    elif isinstance(license_, dict):
        if "url" in license_ and not _is_web_url(license_["url"]):
            problems.append(f"Dataset: license url {license_['url']!r} is not an absolute URL")
        if "url" not in license_ and "name" not in license_:
            problems.append("Dataset: license CreativeWork has neither url nor name")
    else:
        problems.append(f"Dataset: license {license_!r} must be a URL or a CreativeWork")
    distribution = node.get("distribution")
    if not distribution:
        problems.append("Dataset: missing distribution")
    else:
        for index, item in enumerate(_as_list(distribution), start=1):
            where = f"Dataset: distribution[{index}]"
            if not isinstance(item, dict):
                problems.append(f"{where} must be a DataDownload object")
                continue
            fmt = item.get("encodingFormat")
            if not isinstance(fmt, str) or not fmt.strip():
                problems.append(f"{where} has no encodingFormat")
            if not _is_web_url(item.get("contentUrl")):
                problems.append(
                    f"{where} contentUrl {item.get('contentUrl')!r} is not an absolute URL"
                )
    if "creator" not in node:
        problems.append("Dataset: missing creator")
    else:
        problems += _party_problems("Dataset: creator", node["creator"], require_type=True)
    return problems


def _node_problems(node: dict[str, Any]) -> list[str]:
    problems = []
    types = _types(node)
    if "NewsArticle" in types:
        problems += _news_article_problems(node)
    if "Dataset" in types:
        problems += _dataset_problems(node)
    if "url" in node and not _is_web_url(node["url"]):
        problems.append(f"url {node['url']!r} is not an absolute URL")
    if "mainEntityOfPage" in node:
        page = node["mainEntityOfPage"]
        page_url = page.get("@id", page.get("url")) if isinstance(page, dict) else page
        if not _is_web_url(page_url):
            problems.append(f"mainEntityOfPage {page_url!r} is not an absolute URL")
    return problems


def json_ld_problems(block: dict[str, Any]) -> list[str]:
    """Problems with one JSON-LD block; an empty list means valid.

    @context must be schema.org (https or http). A NewsArticle needs a headline of at most
    110 characters, image URL(s), an ISO 8601 datePublished, author(s) with @type and name,
    and a publisher with a name. A Dataset needs a name, a 50-5000 character description,
    a license, distribution entries each with encodingFormat and an absolute contentUrl,
    and creator(s) with @type and name. url and mainEntityOfPage, where given, are absolute.
    A block with @graph is checked node by node.
    """
    problems = []
    context = block.get("@context")
    if context not in SCHEMA_ORG_CONTEXTS:
        problems.append(f"@context is {context!r}; expected 'https://schema.org'")
    nodes = block["@graph"] if isinstance(block.get("@graph"), list) else [block]
    for node in nodes:
        if isinstance(node, dict):
            problems += _node_problems(node)
        else:
            problems.append(f"@graph holds {node!r}, not an object")
    return problems
