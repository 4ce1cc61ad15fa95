"""The format validators in tests/formats catch what they are meant to catch."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest
from PIL import Image

from tests.formats import (
    atom_problems,
    card_problems,
    json_ld_blocks,
    json_ld_problems,
    sitemap_problems,
)

# RFC 4287 §1.1: "A brief, single-entry Atom Feed Document".
RFC_SIMPLE_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">

  <title>Example Feed</title>
  <link href="http://example.org/"/>
  <updated>2003-12-13T18:30:02Z</updated>
  <author>
    <name>John Doe</name>
  </author>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>

  <entry>
    <title>Atom-Powered Robots Run Amok</title>
    <link href="http://example.org/2003/12/13/atom03"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2003-12-13T18:30:02Z</updated>
    <summary>Some text.</summary>
  </entry>

</feed>
"""

# RFC 4287 §1.1: "A more extensive, single-entry Atom Feed Document".
RFC_EXTENSIVE_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">dive into mark</title>
  <subtitle type="html">
    A &lt;em&gt;lot&lt;/em&gt; of effort
    went into making this effortless
  </subtitle>
  <updated>2005-07-31T12:29:29Z</updated>
  <id>tag:example.org,2003:3</id>
  <link rel="alternate" type="text/html"
   hreflang="en" href="http://example.org/"/>
  <link rel="self" type="application/atom+xml"
   href="http://example.org/feed.atom"/>
  <rights>Copyright (c) 2003, Mark Pilgrim</rights>
  <generator uri="http://www.example.com/" version="1.0">
    Example Toolkit
  </generator>
  <entry>
    <title>Atom draft-07 snapshot</title>
    <link rel="alternate" type="text/html"
     href="http://example.org/2005/04/02/atom"/>
    <link rel="enclosure" type="audio/mpeg" length="1337"
     href="http://example.org/audio/ph34r_my_podcast.mp3"/>
    <id>tag:example.org,2003:3.2397</id>
    <updated>2005-07-31T12:29:29Z</updated>
    <published>2003-12-13T08:29:29-04:00</published>
    <author>
      <name>Mark Pilgrim</name>
      <uri>http://example.org/</uri>
      <email>f8dy@example.com</email>
    </author>
    <contributor>
      <name>Sam Ruby</name>
    </contributor>
    <contributor>
      <name>Joe Gregorio</name>
    </contributor>
    <content type="xhtml" xml:lang="en"
     xml:base="http://diveintomark.org/">
      <div xmlns="http://www.w3.org/1999/xhtml">
        <p><i>[Update: The Atom draft is finished.]</i></p>
      </div>
    </content>
  </entry>
</feed>
"""

FEED_ID = "<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>"
ENTRY_ID = "<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>"
FEED_AUTHOR = """<author>
    <name>John Doe</name>
  </author>"""
ENTRY = RFC_SIMPLE_FEED[RFC_SIMPLE_FEED.index("  <entry>") : RFC_SIMPLE_FEED.index("</feed>")]


def simple_feed(old: str, new: str, count: int = 1) -> bytes:
    assert RFC_SIMPLE_FEED.count(old) >= count, old
    return RFC_SIMPLE_FEED.replace(old, new, count).encode("utf-8")


def mentions(problems: list[str], *words: str) -> bool:
    """Some problem names every one of ``words``."""
    return any(all(word in problem for word in words) for problem in problems)


# --- Atom ----------------------------------------------------------------------------------


def test_rfc_4287_simple_example_feed_is_valid() -> None:
    assert atom_problems(RFC_SIMPLE_FEED.encode("utf-8")) == []


def test_rfc_4287_extensive_example_feed_is_valid() -> None:
    assert atom_problems(RFC_EXTENSIVE_FEED.encode("utf-8")) == []


def test_atom_entry_document_is_valid() -> None:
    entry = ENTRY.replace("<entry>", '<entry xmlns="http://www.w3.org/2005/Atom">')
    entry = entry.replace("<summary>", "<author><name>Jane Doe</name></author>\n    <summary>")
    assert atom_problems(entry.encode("utf-8")) == []


def test_feed_without_id_fails() -> None:
    problems = atom_problems(simple_feed(FEED_ID, ""))
    assert mentions(problems, "feed", "missing atom:id"), problems


def test_entry_without_id_fails() -> None:
    problems = atom_problems(simple_feed(ENTRY_ID, ""))
    assert mentions(problems, "entry 1", "missing atom:id"), problems


def test_relative_entry_id_fails() -> None:
    problems = atom_problems(simple_feed(ENTRY_ID, "<id>/2003/12/13/atom03</id>"))
    assert mentions(problems, "'/2003/12/13/atom03'", "not an absolute IRI"), problems


def test_id_with_white_space_fails() -> None:
    problems = atom_problems(simple_feed(ENTRY_ID, "<id> urn:uuid:1225c695 </id>"))
    assert mentions(problems, "not an absolute IRI"), problems


@pytest.mark.parametrize(
    "date",
    [
        "2003-12-13 18:30:02Z",  # no T
        "2003-12-13T18:30:02",  # no time zone
        "2003-12-13t18:30:02z",  # lower-case t and z
        "2003-02-30T18:30:02Z",  # no such day
        "13 Dec 2003 18:30:02 GMT",  # RFC 822, as RSS has it
    ],
)
def test_date_that_is_not_rfc_3339_fails(date: str) -> None:
    problems = atom_problems(simple_feed("2003-12-13T18:30:02Z", date, count=2))
    assert mentions(problems, "atom:updated", repr(date), "RFC 3339"), problems


def test_rfc_3339_dates_with_fractions_and_offsets_pass() -> None:
    feed = simple_feed("2003-12-13T18:30:02Z", "2003-12-13T18:30:02.25+01:00", count=2)
    assert atom_problems(feed) == []


def test_duplicate_entry_ids_fail() -> None:
    feed = RFC_SIMPLE_FEED.replace("</feed>", ENTRY + "</feed>")
    problems = atom_problems(feed.encode("utf-8"))
    assert mentions(problems, "entry 2", "shares atom:id", "with entry 1"), problems


def test_entry_without_author_in_a_feed_without_author_fails() -> None:
    problems = atom_problems(simple_feed(FEED_AUTHOR, ""))
    assert mentions(problems, "entry 1", "no atom:author"), problems


def test_entry_author_stands_in_for_feed_author() -> None:
    feed = simple_feed(FEED_AUTHOR, "").replace(
        b"<summary>", b"<author><name>Jane Doe</name></author><summary>"
    )
    assert atom_problems(feed) == []


def test_entry_without_content_or_alternate_link_fails() -> None:
    problems = atom_problems(
        simple_feed(
            '<link href="http://example.org/2003/12/13/atom03"/>',
            '<link rel="related" href="http://example.org/2003/12/13/atom03"/>',
        )
    )
    assert mentions(problems, "entry 1", "atom:content", 'rel="alternate"'), problems


def test_schema_violation_is_reported() -> None:
    problems = atom_problems(simple_feed("<title>Example Feed</title>", "<colour>red</colour>"))
    assert mentions(problems, "RFC 4287 schema"), problems
    assert mentions(problems, "feed", "missing atom:title"), problems


def test_feed_in_wrong_namespace_fails() -> None:
    problems = atom_problems(simple_feed("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"))
    assert mentions(problems, "not atom:feed"), problems


def test_malformed_feed_fails() -> None:
    assert mentions(atom_problems(b"<feed><title>x</feed>"), "not well-formed XML")


# --- Sitemaps ------------------------------------------------------------------------------

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://zones.example.org/</loc>
    <lastmod>2025-01-01</lastmod>
    <changefreq>monthly</changefreq>
    <priority>0.8</priority>
  </url>
  <url>
    <loc>https://zones.example.org/stories/one/?a=1&amp;b=2</loc>
    <lastmod>2004-12-23T18:00:15+00:00</lastmod>
  </url>
</urlset>
"""


def sitemap(old: str, new: str) -> bytes:
    assert old in SITEMAP, old
    return SITEMAP.replace(old, new).encode("utf-8")


def test_valid_sitemap_passes() -> None:
    assert sitemap_problems(SITEMAP.encode("utf-8")) == []


def test_relative_loc_fails() -> None:
    problems = sitemap_problems(
        sitemap("https://zones.example.org/stories/one/", "/stories/one/long-enough/")
    )
    assert mentions(problems, "/stories/one/long-enough/", "not an absolute http(s) URL"), problems


def test_wrong_namespace_fails() -> None:
    problems = sitemap_problems(
        sitemap(
            "http://www.sitemaps.org/schemas/sitemap/0.9",
            "http://www.google.com/schemas/sitemap/0.84",
        )
    )
    assert mentions(problems, "http://www.sitemaps.org/schemas/sitemap/0.9", "namespace"), problems


def test_schema_violation_in_sitemap_fails() -> None:
    problems = sitemap_problems(sitemap("<priority>0.8</priority>", "<priority>high</priority>"))
    assert mentions(problems, "sitemaps.org 0.9 schema", "priority"), problems


def test_urls_on_two_hosts_fail() -> None:
    problems = sitemap_problems(
        sitemap("https://zones.example.org/stories/", "https://other.example.org/stories/")
    )
    assert mentions(problems, "one protocol and host", "other.example.org"), problems


def test_unescaped_ampersand_fails() -> None:
    problems = sitemap_problems(sitemap("&amp;", "&"))
    assert mentions(problems, "not well-formed XML"), problems
    assert mentions(problems, "entity-escaped"), problems


def test_raw_apostrophe_in_loc_fails() -> None:
    problems = sitemap_problems(sitemap("stories/one/", "stories/o'ne/"))
    assert mentions(problems, "raw '", "&apos;"), problems


def test_more_than_50000_urls_fail() -> None:
    urls = "".join(
        f"<url><loc>https://zones.example.org/p/{n}</loc></url>\n" for n in range(50_001)
    )
    xml = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    problems = sitemap_problems(xml.encode("utf-8"))
    assert problems == ["lists 50,001 URLs; a sitemap may list at most 50,000"], problems


def test_file_over_50_mb_fails() -> None:
    padding = "<!--" + "x" * (50 * 1024 * 1024) + "-->"
    problems = sitemap_problems(SITEMAP.replace("<urlset", padding + "<urlset").encode("utf-8"))
    assert mentions(problems, "bytes", "at most 52,428,800"), problems


# --- Social cards --------------------------------------------------------------------------

PAGE_URL = "https://zones.example.org/stories/one/"
CARD_URL = "https://zones.example.org/static/cards/one.png"


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 60, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def site_files(images: dict[str, bytes]) -> Callable[[str], bytes | None]:
    return images.get


def card_page(*, drop: str = "", width: str = "1200") -> str:
    tags = [
        '<meta property="og:title" content="One zone, many stories">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{PAGE_URL}">',
        f'<meta property="og:image" content="{CARD_URL}">',
        f'<meta property="og:image:width" content="{width}">',
        '<meta property="og:image:height" content="630">',
        '<meta property="og:image:alt" content="A map of the zones">',
        '<meta name="twitter:card" content="summary_large_image">',
        '<meta name="twitter:title" content="One zone, many stories">',
        '<meta name="twitter:description" content="What the zones did.">',
        f'<meta name="twitter:image" content="{CARD_URL}">',
        '<meta name="twitter:image:alt" content="A map of the zones">',
    ]
    head = "\n".join(tag for tag in tags if not drop or f'"{drop}"' not in tag)
    return f"<!doctype html><html><head><title>One</title>\n{head}\n</head><body></body></html>"


def test_valid_card_page_passes() -> None:
    assert card_problems(card_page(), site_files({CARD_URL: png(1200, 630)})) == []


def test_missing_og_image_fails() -> None:
    problems = card_problems(card_page(drop="og:image"), site_files({CARD_URL: png(1200, 630)}))
    assert mentions(problems, "og:image"), problems


def test_image_of_1200x600_fails() -> None:
    problems = card_problems(card_page(), site_files({CARD_URL: png(1200, 600)}))
    assert mentions(problems, CARD_URL, "1200x600", "1200x630"), problems
    assert mentions(problems, "og:image:height is 630 but the image is 600"), problems


def test_declared_width_must_match_the_image() -> None:
    problems = card_problems(card_page(width="1000"), site_files({CARD_URL: png(1200, 630)}))
    assert problems == ["og:image:width is 1000 but the image is 1200"], problems


def test_image_missing_from_the_site_fails() -> None:
    problems = card_problems(card_page(), site_files({}))
    assert mentions(problems, CARD_URL, "not among the site's files"), problems


def test_jpeg_card_image_fails() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 630)).save(buffer, "JPEG")
    problems = card_problems(card_page(), site_files({CARD_URL: buffer.getvalue()}))
    assert mentions(problems, "not a PNG"), problems


def test_relative_og_url_fails() -> None:
    page = card_page().replace(f'content="{PAGE_URL}"', 'content="/stories/one/"')
    problems = card_problems(page, site_files({CARD_URL: png(1200, 630)}))
    assert problems == ["og:url '/stories/one/' is not an absolute http(s) URL"], problems


def test_wrong_twitter_card_and_missing_alt_fail() -> None:
    page = card_page(drop="twitter:image:alt").replace("summary_large_image", "summary")
    problems = card_problems(page, site_files({CARD_URL: png(1200, 630)}))
    assert mentions(problems, "twitter:card", "'summary'"), problems
    assert mentions(problems, "twitter:image:alt"), problems


def test_twitter_description_is_optional() -> None:
    page = card_page(drop="twitter:description")
    assert card_problems(page, site_files({CARD_URL: png(1200, 630)})) == []


# --- JSON-LD -------------------------------------------------------------------------------

NEWS_ARTICLE: dict[str, object] = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "One zone, many stories",
    "image": [CARD_URL],
    "datePublished": "2025-01-01T08:00:00+08:00",
    "dateModified": "2025-01-02",
    "author": [{"@type": "Person", "name": "A. Reporter", "url": "https://zones.example.org/"}],
    "publisher": {"@type": "Organization", "name": "Zones"},
    "mainEntityOfPage": {"@type": "WebPage", "@id": PAGE_URL},
}

DATASET: dict[str, object] = {
    "@context": "https://schema.org/",
    "@type": "Dataset",
    "name": "China's national economic development zones",
    "description": "Every national economic and technological development zone, "
    "with its province, year of approval and area.",
    "url": "https://zones.example.org/data/",
    "license": "https://creativecommons.org/licenses/by/4.0/",
    "creator": {"@type": "Organization", "name": "Zones"},
    "distribution": [
        {
            "@type": "DataDownload",
            "encodingFormat": "text/csv",
            "contentUrl": "https://zones.example.org/data/zones.csv",
        }
    ],
}


def page_with(*blocks: object) -> str:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(block)}</script>' for block in blocks
    )
    return f"<html><head>{scripts}<script>var x = 1;</script></head><body></body></html>"


def test_json_ld_blocks_are_extracted() -> None:
    html = page_with(NEWS_ARTICLE, [DATASET])
    assert json_ld_blocks(html) == [NEWS_ARTICLE, DATASET]


def test_invalid_json_ld_raises() -> None:
    html = '<script type="application/ld+json">{"@context": </script>'
    with pytest.raises(ValueError, match="JSON-LD block 1 is not valid JSON"):
        json_ld_blocks(html)


def test_valid_news_article_passes() -> None:
    assert json_ld_problems(NEWS_ARTICLE) == []


def test_news_article_without_headline_fails() -> None:
    block = {key: value for key, value in NEWS_ARTICLE.items() if key != "headline"}
    assert json_ld_problems(block) == ["NewsArticle: missing headline"]


def test_news_article_problems_are_named() -> None:
    block = {
        **NEWS_ARTICLE,
        "@context": "https://example.org/vocab",
        "headline": "x" * 111,
        "image": "/static/cards/one.png",
        "datePublished": "1 January 2025",
        "author": {"name": "A. Reporter"},
        "publisher": {"@type": "Organization"},
        "mainEntityOfPage": "/stories/one/",
    }
    assert json_ld_problems(block) == [
        "@context is 'https://example.org/vocab'; expected 'https://schema.org'",
        "NewsArticle: headline is 111 characters; at most 110",
        "NewsArticle: image '/static/cards/one.png' is not an absolute URL",
        "NewsArticle: datePublished '1 January 2025' is not an ISO 8601 date",
        "NewsArticle: author @type is None; use Person or Organization",
        "NewsArticle: publisher has no name",
        "mainEntityOfPage '/stories/one/' is not an absolute URL",
    ]


def test_valid_dataset_passes() -> None:
    assert json_ld_problems(DATASET) == []


def test_dataset_problems_are_named() -> None:
    block = {
        **DATASET,
        "description": "Too short.",
        "distribution": [{"@type": "DataDownload", "contentUrl": "zones.csv"}],
    }
    del block["creator"]
    del block["license"]
    assert json_ld_problems(block) == [
        "Dataset: description is 10 characters; must be 50 to 5000",
        "Dataset: missing license",
        "Dataset: distribution[1] has no encodingFormat",
        "Dataset: distribution[1] contentUrl 'zones.csv' is not an absolute URL",
        "Dataset: missing creator",
    ]


def test_graph_nodes_are_checked() -> None:
    article = {key: value for key, value in NEWS_ARTICLE.items() if key != "@context"}
    del article["headline"]
    block = {"@context": "https://schema.org", "@graph": [article, DATASET]}
    assert json_ld_problems(block) == ["NewsArticle: missing headline"]
