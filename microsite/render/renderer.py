"""One page at a time, through Jinja: the template's context, and a template's mistake as a
problem at its file and line."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError, TemplateSyntaxError
from jinja2.runtime import Macro
from markupsafe import Markup

from microsite.errors import BuildFailed, SiteError
from microsite.inputs import charts
from microsite.inputs.content import SiteContent
from microsite.inputs.facts import Fact
from microsite.inputs.markup import Slot
from microsite.render import citation, opendata, sharing
from microsite.render.fact_element import fact_element
from microsite.render.languages import ENGLISH, Language
from microsite.render.page import Page, Rendered
from microsite.render.sharing import FEED
from microsite.render.urls import linker, page_url, site_target

CAUTION_TARGET = "methodology/#reliability"


@dataclass(frozen=True)
class Alternate:
    """The page in one of the site's languages."""

    hreflang: str  # zh-Hans
    name: str  # 中文
    href: str  # the link from the page it is listed on
    url: str  # the full address, for search engines
    current: bool  # the page it is listed on is this one
    og_locale: str  # the language as link previews name it: zh_CN


CORRECTIONS = "corrections/"
EMBED_HEIGHT = 600  # pixels: the chart, its title and its source line, on a desk or a phone

# How a template's `partial(macro, key, *args)` is drawn: given the page's path, the macro, the
# piece's key among the page's pieces and the arguments. Plainly, macro(*args); the build layer
# passes one that reuses a piece whose arguments have not changed since the last build.
Partial = Callable[[str, Macro, str, tuple[Any, ...]], Markup]


def plain_partial(page_path: str, macro: Macro, key: str, args: tuple[Any, ...]) -> Markup:
    return macro(*args)


class PageRenderer:
    """Renders pages of one site, one at a time, into HTML."""

    def __init__(
        self,
        content: SiteContent,
        env: Environment,
        asset_paths: dict[str, str],
        template_roots: tuple[Path, ...],
        partial: Partial = plain_partial,
        language: Language = ENGLISH,
        editions: tuple[Language, ...] = (ENGLISH,),
        gettext: Callable[[str], str] = str,
    ) -> None:
        self.content = content  # as `language`'s edition shows it (render/edition.py)
        self.language = language
        self.editions = editions  # every language the site is published in, the first at root
        self.gettext = gettext  # the interface text the engine writes, in the page's language
        self.env = env
        self.asset_paths = asset_paths
        self.template_roots = template_roots  # to name a template's file in a problem
        self.partial = partial
        # Each narrative's file, as an editor links to it, and the address of its page.
        self.addresses = {
            content.home.display_path: "",
            **{n.display_path: f"stories/{n.meta.slug}/" for n in content.stories},
            **{n.display_path: f"{n.meta.slug}/" for n in content.pages},
        }

    def render(self, page: Page) -> Rendered:
        """One page's HTML; a template's mistake becomes a problem naming its file and line."""
        try:
            return self._render(page)
        except TemplateSyntaxError as error:
            name = error.filename or error.name or "a template"
            problem = SiteError(
                self._template_path(name),
                error.lineno,
                error.message or "",
                "fix the template syntax",
            )
        except (TemplateError, LookupError, TypeError, ValueError, AttributeError) as error:
            path, line = self._template_frame(error)
            problem = SiteError(
                path,
                line,
                f"template error: {type(error).__name__}: {error}",
                "a template uses a value, asset or fact the page does not have",
            )
        raise BuildFailed([problem]) from None

    def _render(self, page: Page) -> Rendered:
        url = linker(page.path, self.language.prefix)
        shown_facts: dict[str, None] = {}  # in order of first use, so the record is stable
        shown_charts: dict[str, None] = {}
        fact_element = self._fact_element_for(url)

        def fact_link(fact: Fact, part: str = "") -> Markup:
            shown_facts[fact.key] = None
            return fact_element(fact, part)

        draw_chart = self._chart_renderer(url, fact_link)

        def chart_html(key: str, mode: str = "story", level: int = 3) -> str:
            shown_charts[key] = None
            return draw_chart(key, mode, level)

        def slot_html(slot: Slot) -> str:
            if slot.kind == "chart":
                return chart_html(slot.key, "story", slot.level)
            if slot.kind == "link":
                return self._site_link(slot.key, page, url)
            return fact_link(self.content.facts[slot.key], slot.part)

        def partial(macro: Macro, key: str, *args: Any) -> Markup:
            return self.partial(page.path, macro, key, args)

        context = self._context(page, url) | {
            "fact": lambda key: fact_link(self.content.facts[key], ""),
            "fact_link": fact_link,
            "chart": lambda key, mode="story", level=3: Markup(chart_html(key, mode, level)),
            "partial": partial,
            **page.context,
        }
        narrative = page.context.get("narrative")
        if narrative is not None:
            context["body"] = Markup(narrative.html.fill(slot_html))
        html = self.env.get_template(page.template).render(context)
        return Rendered(html.encode(), tuple(shown_facts), tuple(shown_charts))

    def _site_link(self, written: str, page: Page, url: Callable[[str], str]) -> str:
        """A link an editor wrote to a page of the site, as a path from `page`: /methodology/
        from the site's root, or ../pages/methodology.md, the page's Markdown file."""
        address, hash_mark, fragment = written.partition("#")
        narrative = page.context.get("narrative")
        file = narrative.display_path if narrative else ""
        target = site_target(address, file, self.addresses)
        return escape(url(target) + hash_mark + fragment)

    def _context(self, page: Page, url: Callable[[str], str]) -> dict[str, Any]:
        """What every template gets, whatever its page."""
        settings = self.content.settings
        preview = self._preview(page)
        return {
            "site": settings,
            "page": page,
            "preview": preview,
            "json_ld": self._json_ld(page, preview),
            "cite_fact": self._fact_citation,
            "cite_chart": self._chart_citation,
            "embed_code": self._embed_code,
            "cite_dataset": lambda: citation.for_dataset(
                settings.title,
                settings.publisher,
                settings.root_url + opendata.FOLDER,
                self.gettext,
                self.language.code,
            ),
            # The page's address within its edition: what the menu marks as the current page.
            "page_url": page_url(self.language.neutral(page.path)),
            "nav": [(item.label, item.path) for item in settings.nav],
            "url": url,
            "asset": lambda name: url(self.asset_paths[name]),
            "zones": self.content.zones,
            "language": self.language,
            "alternates": self._alternates(page),
            "feed_file": FEED,
        }

    def _alternates(self, page: Page) -> list[Alternate]:
        """The page in each edition, for the language switch and the hreflang links; none
        when the site has one language."""
        if len(self.editions) < 2:
            return []
        neutral = self.language.neutral(page.path)
        from_here = linker(page.path)
        base = self.content.settings.root_url
        return [
            Alternate(
                edition.hreflang,
                edition.name,
                from_here(page_url(edition.path(neutral))),
                base + page_url(edition.path(neutral)),
                edition == self.language,
                edition.og_locale,
            )
            for edition in self.editions
        ]

    def _preview(self, page: Page) -> sharing.Preview:
        base = self.content.settings.root_url
        shown = page.path.removesuffix("embed/index.html") if page.embed else page.path
        narrative = page.context.get("narrative")
        shows = page.figure
        figure = (
            self.gettext(". Key figure: {number} ({caption})").format(
                number=shows.number, caption=shows.caption
            )
            if shows
            else ""
        )
        return sharing.Preview(
            kind="article" if page.is_story else "website",
            title=page.title,
            description=page.description,
            url=base + page_url(shown),
            image=base + page.share_image,
            image_alt=page.title + figure,
            published=sharing.timestamp(narrative.meta.date) if page.is_story else None,
            modified=sharing.timestamp(page.context["updated"]) if page.is_story else None,
        )

    def _json_ld(self, page: Page, preview: sharing.Preview) -> Markup | None:
        if page.is_story:
            story = page.context["narrative"]
            settings = self.content.settings
            return sharing.json_ld(sharing.news_article(story, settings, preview, self.language))
        return page.context.get("dataset")

    def _fact_citation(self, fact: Fact) -> citation.Citation:
        settings = self.content.settings
        url = opendata.fact_url(fact.key, self._edition_url)
        return citation.for_fact(fact, settings.title, settings.publisher, url, self.gettext)

    def _chart_citation(self, chart: charts.Chart) -> citation.Citation:
        settings = self.content.settings
        url = opendata.chart_url(chart.key, self._edition_url)
        data = settings.root_url + opendata.chart_file(chart.key, "csv")  # one for both
        return citation.for_chart(
            chart, settings.title, settings.publisher, url, data, self.gettext
        )

    def _embed_code(self, chart: charts.Chart) -> str:
        """The frame another site pastes to show the chart: full width, a fixed height."""
        address = opendata.chart_url(chart.key, self._edition_url) + "embed/"
        # Only what would end the attribute is escaped: the code stays readable when pasted.
        site = self.content.settings.title
        title = self.gettext("{chart} ({site})").format(chart=chart.title, site=site)
        title = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        return (
            f'<iframe src="{address}" title="{title}" width="100%" height="{EMBED_HEIGHT}" '
            'style="border:0;max-width:100%" loading="lazy"></iframe>'
        )

    @property
    def _edition_url(self) -> str:
        """The address of this edition's home: the site's, or its zh/ beside it."""
        return self.content.settings.root_url + self.language.prefix

    def _fact_element_for(self, url: Callable[[str], str]) -> Callable[[Fact, str], Markup]:
        """How a fact is cited on the page at `url`: one element for prose, tables and cards."""
        return lambda fact, part: fact_element(
            fact,
            part,
            url(f"facts/#{fact.key}"),
            url(CAUTION_TARGET),
            url(f"{CORRECTIONS}#{fact.key}"),
            self.gettext,
        )

    def _chart_renderer(
        self, url: Callable[[str], str], fact_link: Callable[[Fact, str], Markup]
    ) -> Callable[[str, str, int], str]:
        template = self.env.get_template("_chart.html")

        def chart_html(key: str, mode: str, level: int) -> str:
            """`mode`: "story" with links to its page, "page" on that page, "embed" framed.
            `level`: its title's heading level in a story."""
            chart = self.content.charts[key]
            return template.render(
                chart=chart,
                mode=mode,
                level=level,
                url=url,
                fact_link=fact_link,
                alt=charts.alt_text(chart),
                citation=self._chart_citation(chart),
                embed_code=self._embed_code(chart),
                data_file=lambda extension: opendata.chart_file(key, extension),
            )

        return chart_html

    def _template_frame(self, error: BaseException) -> tuple[str, int | None]:
        """The innermost template file and line in the error's traceback."""
        found: tuple[str, int | None] = ("templates", None)
        for frame, line in traceback.walk_tb(error.__traceback__):
            filename = frame.f_code.co_filename
            if filename.endswith(".html"):
                found = (self._template_path(filename), line)
        return found

    def _template_path(self, name: str) -> str:
        path = Path(name)
        for base in self.template_roots:
            if path.is_absolute() and path.is_relative_to(base):
                return path.relative_to(base).as_posix()
        return path.as_posix()
