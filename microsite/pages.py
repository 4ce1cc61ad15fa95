"""Every file of the site, rendered in memory: pages through Jinja, chart data beside them."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError, TemplateSyntaxError
from jinja2.runtime import Macro
from markupsafe import Markup

from microsite import assets, charts, links, parallel, units
from microsite.content import SiteContent
from microsite.corrections import all_corrections
from microsite.errors import BuildFailed, SiteError
from microsite.facts import Fact, Topic
from microsite.markup import Slot
from microsite.memo import MISSING, Memo
from microsite.narratives import Narrative
from microsite.project import Project, nav_line
from microsite.render import environment
from microsite.sources import RELIABILITY_MEANING
from microsite.urls import linker, page_url

CAUTION_TARGET = "methodology/#reliability"
CORRECTIONS = "corrections/"


@dataclass(frozen=True)
class Rendered:
    """A page's HTML and the facts and charts it showed, looked up while rendering."""

    html: str
    facts: tuple[str, ...]
    charts: tuple[str, ...]
    parts: tuple[Hashable, ...] = ()  # memo keys of the pieces it was made of


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)


class SiteRenderer:
    """Renders the pages of one site; the output is a mapping from site path to bytes."""

    def __init__(self, content: SiteContent, project: Project, memo: Memo | None = None) -> None:
        self.content = content
        self.project = project
        self.memo = memo or Memo()
        # The same environment while the templates stay the same: Jinja compiles each once.
        self.env: Environment = self.memo.get(
            "templates", _template_texts(project.templates), lambda: environment(project.templates)
        )
        self.asset_paths, self.files = assets.collect(project.static)
        # What every page may show: a page whose own inputs and these are unchanged is kept.
        self.shared = self.memo.same(
            "shared", (self.env, self.asset_paths, content.settings, content.zones)
        )
        # Which file an editor would open to change each page: its narrative or its template.
        self.page_sources: dict[str, str] = {}

    def render(self, workers: int | None = None) -> dict[str, bytes]:
        """Every file of the site. Pages render in `workers` processes (one per core when None)
        on a large site; the output is the same bytes however many render it."""
        pages = self.pages()
        self._check_unique_paths(pages)
        self._check_nav({page_url(page.path) for page in pages})
        if self.content.charts:
            from microsite import figures  # plotly is slow to import: only when there are charts

            for chart in self.content.charts.values():
                figure, table = self.memo.get(
                    ("chart files", chart.key),
                    chart,
                    lambda chart=chart: (figures.figure_json(chart), charts.csv_text(chart)),
                )
                self._add(f"charts/{chart.key}.json", figure)
                self._add(f"charts/{chart.key}.csv", table)
        for page in pages:
            narrative = page.context.get("narrative")
            self.page_sources[page.path] = (
                narrative.display_path if narrative else f"templates/{page.template}"
            )
        kept = {page.path: self._kept(page) for page in pages}
        changed = [page for page in pages if kept[page.path] is None]
        # Narratives go to the workers; the pages that list the whole site are rendered here
        # meanwhile, so the fragments they are built from are remembered for the next build.
        narratives = [page for page in changed if "narrative" in page.context]
        listings = [page for page in changed if "narrative" not in page.context]
        rendered_narratives, rendered_listings = parallel.fork_map(
            self.render_page,
            narratives,
            parallel.worker_count(len(narratives), workers),
            parallel.Alongside(lambda: [self.render_page(page) for page in listings]),
        )
        for page, rendered in zip(
            narratives + listings, rendered_narratives + rendered_listings, strict=True
        ):
            self.memo.put(
                ("page", page.path), None, (self.shared, page, self._shown(rendered), rendered)
            )
            kept[page.path] = rendered
        for path, rendered in kept.items():
            self._add(path, rendered.html)
        return dict(sorted(self.files.items()))

    def _kept(self, page: Page) -> Rendered | None:
        """The last build's rendering of the page, if nothing it showed has changed."""
        stored = self.memo.lookup(("page", page.path))
        if stored is None:
            return None
        shared, last_page, shown, rendered = stored
        if shared is not self.shared or last_page != page or self._shown(rendered) != shown:
            return None
        self.memo.put(("page", page.path), None, stored)
        for key in rendered.parts:
            self.memo.keep(key)
        return rendered

    def _shown(self, rendered: Rendered) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The facts and charts a page showed, as they are now."""
        facts, charts_by_key = self.content.facts, self.content.charts
        return (
            tuple(facts.get(key) for key in rendered.facts),
            tuple(charts_by_key.get(key) for key in rendered.charts),
        )

    def render_page(self, page: Page) -> Rendered:
        """One page's HTML; a template's mistake becomes a SiteError naming its file and line."""
        try:
            return self._render_page(page)
        except TemplateSyntaxError as error:
            name = error.filename or error.name or "a template"
            raise BuildFailed(
                [
                    SiteError(
                        self._template_path(name),
                        error.lineno,
                        error.message or "",
                        "fix the template syntax",
                    )
                ]
            ) from None
        except (TemplateError, LookupError, TypeError, ValueError, AttributeError) as error:
            path, line = self._template_frame(error)
            raise BuildFailed(
                [
                    SiteError(
                        path,
                        line,
                        f"template error: {type(error).__name__}: {error}",
                        "a template uses a value, asset or fact the page does not have",
                    )
                ]
            ) from None

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
        for base in (self.project.root, self.project.templates.parent):
            if path.is_absolute() and path.is_relative_to(base):
                return path.relative_to(base).as_posix()
        return path.as_posix()

    @staticmethod
    def _check_unique_paths(pages: list[Page]) -> None:
        """A narrative's slug may not take the address of another page, say facts/."""
        claimed: dict[str, Page] = {}
        problems = []
        for page in pages:
            first = claimed.setdefault(page.path, page)
            if first is page:
                continue
            narrative = page.context.get("narrative") or first.context.get("narrative")
            where = (
                (narrative.display_path, narrative.field_lines.get("slug"))
                if narrative
                else (f"templates/{page.template}", None)
            )
            problems.append(
                SiteError(
                    *where,
                    f"two pages would be written to {page.path}",
                    f"give this page another slug: the address is taken by {first.title!r}",
                )
            )
        if problems:
            raise BuildFailed(problems)

    def _check_nav(self, addresses: set[str]) -> None:
        settings = self.content.settings
        missing = [i for i, item in enumerate(settings.nav) if item.path not in addresses]
        if missing:
            raise BuildFailed(
                [
                    SiteError(
                        "data/site.yaml",
                        nav_line(settings, i),
                        f"the menu links to {settings.nav[i].path!r}, "
                        "which is not a page of the site",
                        "link to an existing page, such as stories/ or facts/",
                    )
                    for i in missing
                ]
            )

    def _add(self, path: str, text: str) -> None:
        if path in self.files:
            raise ValueError(f"two outputs claim the path {path}")
        self.files[path] = text.encode("utf-8")

    def pages(self) -> list[Page]:
        content = self.content
        # The lists of every fact are made again only when a fact changed: the last build's
        # lists, the same objects, make the pages that show them quick to compare.
        all_facts = tuple(content.facts.values())
        home = content.home
        listed = [
            Page(
                "index.html",
                "home.html",
                content.settings.title,
                content.settings.description,
                {
                    "narrative": home,
                    "key_facts": [content.facts[k] for k in home.meta.key_facts],
                    "stories": content.stories,
                },
            ),
            Page(
                "stories/index.html",
                "stories.html",
                "Stories",
                f"Every story on {content.settings.title}.",
                {"stories": content.stories},
            ),
            Page(
                "facts/index.html",
                "facts.html",
                "Facts",
                "Every figure on the site with its period, source and reliability.",
                {"topics": self.memo.get("topics", all_facts, self._topics)},
            ),
            Page(
                "corrections/index.html",
                "corrections.html",
                "Corrections",
                "Every change to a figure after it was published, with the reason.",
                {"corrections": all_corrections(content.facts)},
            ),
            Page(
                "sources/index.html",
                "sources.html",
                "Sources",
                "Every source the site's figures were read on, and how far each is trusted.",
                {
                    "sources": sorted(
                        content.sources.values(),
                        key=lambda s: (s.publisher.casefold(), s.date or "", s.key),
                    ),
                    "cited_by": self.memo.get(
                        "cited by", (all_facts, content.sources), self._cited_by
                    ),
                    "meanings": RELIABILITY_MEANING,
                },
            ),
        ]
        listed += [
            self._narrative_page(f"stories/{n.meta.slug}/index.html", "story.html", n)
            for n in content.stories
        ]
        listed += [
            self._narrative_page(f"{n.meta.slug}/index.html", f"{n.meta.layout}.html", n)
            for n in content.pages
        ]
        return listed

    def _narrative_page(self, path: str, template: str, narrative: Narrative) -> Page:
        return Page(
            path, template, narrative.meta.title, narrative.meta.summary, {"narrative": narrative}
        )

    def _topics(self) -> list[tuple[Topic, list[Fact]]]:
        by_topic: dict[Topic, list[Fact]] = {}
        for fact in self.content.facts.values():
            by_topic.setdefault(fact.topic, []).append(fact)
        return sorted(by_topic.items(), key=lambda item: (item[0].order, item[0].title))

    def _cited_by(self) -> dict[str, list[Fact]]:
        cited: dict[str, list[Fact]] = {key: [] for key in self.content.sources}
        for fact in self.content.facts.values():
            if not fact.derived:
                for source in fact.sources:
                    cited[source.key].append(fact)
        return cited

    def _render_page(self, page: Page) -> Rendered:
        url = linker(page.path)
        fact_element = self._fact_element_for(url)
        shown_facts: dict[str, None] = {}  # in order of first use, so the record is stable
        shown_charts: dict[str, None] = {}
        parts: list[Hashable] = []

        def fact_link(fact: Fact, part: str = "") -> Markup:
            shown_facts[fact.key] = None
            return fact_element(fact, part)

        draw_chart = self._chart_renderer(url, fact_link)

        def chart_html(key: str) -> str:
            shown_charts[key] = None
            return draw_chart(key)

        def slot_html(slot: Slot) -> str:
            if slot.kind == "chart":
                return chart_html(slot.key)
            return fact_link(self.content.facts[slot.key], slot.part)

        def cached(macro: Macro, key: str, *args: Any) -> Markup:
            """What `macro(*args)` writes, kept under `key` and reused until an argument
            changes: the pages that list every fact rebuild only the parts that changed."""
            memo_key = ("fragment", page.path, macro.name, key)
            parts.append(memo_key)
            inputs = (args, self.shared)
            found = self.memo.find(memo_key, inputs)
            if found is not MISSING:
                html, inner = found
                for part in inner:
                    self.memo.keep(part)
                parts.extend(inner)
                return html
            start = len(parts)
            html = macro(*args)
            self.memo.put(memo_key, inputs, (html, tuple(parts[start:])))
            return html

        context = {
            "site": self.content.settings,
            "page": page,
            "page_url": page_url(page.path),
            "nav": [(item.label, item.path) for item in self.content.settings.nav],
            "url": url,
            "asset": lambda name: url(self.asset_paths[name]),
            "fact": lambda key: fact_link(self.content.facts[key], ""),
            "fact_link": fact_link,
            "chart": chart_html,
            "cached": cached,
            "zones": self.content.zones,
            **page.context,
        }
        narrative = page.context.get("narrative")
        if narrative is not None:
            context["body"] = Markup(narrative.html.fill(slot_html))
        html = self.env.get_template(page.template).render(context)
        return Rendered(html, tuple(shown_facts), tuple(shown_charts), tuple(parts))

    @staticmethod
    def _fact_element_for(url: Callable[[str], str]) -> Callable[[Fact, str], Markup]:
        """How a fact is cited on the page at `url`: one element for prose, tables and cards."""
        return lambda fact, part: links.fact_element(
            fact,
            part,
            url(f"facts/#{fact.key}"),
            url(CAUTION_TARGET),
            url(f"{CORRECTIONS}#{fact.key}"),
        )

    def _chart_renderer(
        self, url: Callable[[str], str], fact_link: Callable[[Fact, str], Markup]
    ) -> Callable[[str], str]:
        template = self.env.get_template("_chart.html")

        def chart_html(key: str) -> str:
            chart = self.content.charts[key]
            return template.render(
                chart=chart,
                url=url,
                fact_link=fact_link,
                alt=charts.alt_text(chart),
                unit_axis=units.UNITS[charts.unit_of(chart)].axis,
            )

        return chart_html


def _template_texts(folder: Path) -> tuple[tuple[str, bytes], ...]:
    return tuple(
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )
