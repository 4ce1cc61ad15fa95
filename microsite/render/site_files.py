"""The files of the site beside its pages: what each page is listed as, its share image, and the
checks that the pages fit together (one page an address, a menu that leads to pages)."""

from __future__ import annotations

from collections.abc import Mapping

from microsite.errors import BuildFailed, ErrorCollector, SiteError
from microsite.inputs.content import SiteContent
from microsite.inputs.corrections import all_corrections
from microsite.inputs.project import nav_line
from microsite.render import sharing
from microsite.render.languages import Language
from microsite.render.page import Page
from microsite.render.urls import page_url
from microsite.reuse import PLAIN, Reuse


def sitemap_entries(
    pages: list[Page], base: str, editions: tuple[Language, ...], reuse: Reuse = PLAIN
) -> tuple[sharing.Listed, ...]:
    """Each listed page's address, for a story when it last changed, and with more than one
    language its address in each. Through the build's `reuse`, a page's entry is kept while
    the page is."""
    return tuple(
        reuse.get(
            ("sitemap entry", page.path),
            (page, base, editions),
            lambda page=page: _listed(page, base, editions),
        )
        for page in pages
        if not page.embed
    )


def _listed(page: Page, base: str, editions: tuple[Language, ...]) -> sharing.Listed:
    alternates: tuple[tuple[str, str], ...] = ()
    if len(editions) > 1:
        edition = next(language for language in editions if language.code == page.language)
        neutral = edition.neutral(page.path)
        alternates = tuple(
            (language.hreflang, base + page_url(language.path(neutral))) for language in editions
        )
    return sharing.Listed(base + page_url(page.path), page.context.get("updated"), alternates)


def robots(content: SiteContent) -> str:
    return sharing.robots(content.settings)


def correction_entries(
    content: SiteContent, language: Language, gettext: sharing.Translate = str
) -> list[sharing.FeedEntry]:
    """The corrections, for the feed of `language`'s edition (whose facts `content` holds)."""
    base = content.settings.root_url + language.prefix
    return [sharing.correction_entry(c, base, gettext) for c in all_corrections(content.facts)]


def story_entry(
    page: Page, base: str, language: Language, gettext: sharing.Translate = str
) -> sharing.FeedEntry:
    narrative, updated = page.context["narrative"], page.context["updated"]
    return sharing.story_entry(narrative, updated, base + language.prefix, gettext)


def share_images(
    pages: list[Page], site_title: str, site_titles: Mapping[str, str] | None = None
) -> dict[str, object]:
    """One share image a page (an embed uses its chart page's), drawn when it is written, in the
    page's language: with the site's name in `site_titles` by language code, or `site_title`."""
    # Imported here: Pillow loads after the pages are rendered, not before the preview's first
    # page.
    from microsite.render.cards import Card, FontNotInstalled, font_file

    try:
        for language in sorted({page.language for page in pages}):
            font_file(language)  # else the build would fail only as the first card is written
    except FontNotInstalled as missing:
        raise BuildFailed([_font_not_installed(missing.package)]) from None
    images: dict[str, object] = {}
    for page in pages:
        if not page.embed:
            figure = page.figure
            number, caption = (figure.number, figure.caption) if figure else (None, None)
            site = (site_titles or {}).get(page.language, site_title)
            images[page.share_image] = Card(page.title, number, caption, site, page.language)
    return images


def _font_not_installed(package: str) -> SiteError:
    return SiteError(
        "pyproject.toml",
        None,
        f"the font of the Chinese share images ({package}) is not installed",
        "run `python -m pip install -e .` in the project folder (see the README's set-up)",
    )


def editable_file(page: Page) -> str:
    """The file an editor would open to change the page: its narrative or its template."""
    narrative = page.context.get("narrative")
    return narrative.display_path if narrative else f"templates/{page.template}"


def check_pages(pages: list[Page], content: SiteContent, errors: ErrorCollector) -> None:
    _check_unique_paths(pages, errors)
    _check_nav({page_url(page.path) for page in pages}, content, errors)


def _check_unique_paths(pages: list[Page], errors: ErrorCollector) -> None:
    """A narrative's slug may not take the address of another page, say facts/."""
    claimed: dict[str, Page] = {}
    for page in pages:
        first = claimed.setdefault(page.path, page)
        if first is page:
            continue
        narrative = page.context.get("narrative") or first.context.get("narrative")
        path, line = (
            (narrative.display_path, narrative.field_lines.get("slug"))
            if narrative
            else (f"templates/{page.template}", None)
        )
        errors.add(
            path,
            line,
            f"two pages would be written to {page.path}",
            f"give this page another slug: the address is taken by {first.title!r}",
        )


def _check_nav(addresses: set[str], content: SiteContent, errors: ErrorCollector) -> None:
    settings = content.settings
    for i, item in enumerate(settings.nav):
        if item.path not in addresses:
            errors.add(
                "data/site.yaml",
                nav_line(settings, i),
                f"the menu links to {item.path!r}, which is not a page of the site",
                "link to an existing page, such as stories/ or facts/",
            )
