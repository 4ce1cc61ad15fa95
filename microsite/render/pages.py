"""Every file of the site, rendered in memory: pages through Jinja, chart data beside them."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError, TemplateSyntaxError
from jinja2.runtime import Macro
from markupsafe import Markup

from microsite import periods, units
from microsite.build import parallel
from microsite.build.memo import MISSING, Memo
from microsite.build.writer import SiteFile
from microsite.errors import BuildFailed, SiteError
from microsite.inputs import charts, formula
from microsite.inputs.content import SiteContent
from microsite.inputs.corrections import all_corrections
from microsite.inputs.facts import Fact, Topic
from microsite.inputs.markup import Slot
from microsite.inputs.narratives import Narrative
from microsite.inputs.project import Project, nav_line
from microsite.inputs.sources import RELIABILITY_MEANING
from microsite.render import assets, citation, links, opendata, sharing
from microsite.render.render import environment
from microsite.render.urls import linker, page_url

CAUTION_TARGET = "methodology/#reliability"
CORRECTIONS = "corrections/"
DATA_PAGE = "data/index.html"
STORY_TEMPLATE = "story.html"
SHARE_IMAGE = "share.png"  # beside each page: stories/x/share.png
# A derived fact's formula as the Facts page prints it: text, or an input fact to name and link.
WrittenFormula = tuple[tuple[str, Fact | None], ...]
EMBED_HEIGHT = 600  # pixels: the chart, its title and its source line, on a desk or a phone


@dataclass(frozen=True)
class Rendered:
    """A page's HTML and the facts and charts it showed, looked up while rendering."""

    html: bytes  # encoded once: the memo and the site share one copy
    facts: tuple[str, ...]
    charts: tuple[str, ...]
    parts: tuple[Hashable, ...] = ()  # memo keys of the pieces it was made of


@dataclass(frozen=True)
class KeyFigure:
    number: str  # 16.9 trillion yuan
    caption: str  # Regional GDP of the national-level zones, 2024

    @classmethod
    def of(cls, fact: Fact | None) -> KeyFigure | None:
        if fact is None:
            return None
        return cls(fact.phrase, f"{fact.label}, {periods.display(fact.period)}")

    @classmethod
    def count(cls, number: int, caption: str) -> KeyFigure | None:
        return cls(units.number(Decimal(number), "count"), caption) if number else None


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    figure: KeyFigure | None = None  # what its share image shows under the title
    embed: bool = False  # a chart's page for other sites' frames: not listed, not shared

    @property
    def share_image(self) -> str:
        """Its share image's path in the site; an embed shares its chart page's image."""
        folder = self.path.removesuffix("index.html")
        return folder.removesuffix("embed/") + SHARE_IMAGE if self.embed else folder + SHARE_IMAGE


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
        self.asset_paths, static_files = assets.collect(project.static)
        self.files: dict[str, SiteFile] = dict(static_files)
        # What every page may show: a page whose own inputs and these are unchanged is kept.
        self.shared = self.memo.same(
            "shared", (self.env, self.asset_paths, content.settings, content.zones)
        )
        # Which file an editor would open to change each page: its narrative or its template.
        self.page_sources: dict[str, str] = {}

    def render(self, workers: int | None = None) -> dict[str, SiteFile]:
        """Every file of the site. Pages render in `workers` processes (one per core when None)
        on a large site; the output is the same bytes however many render it."""
        pages = self.pages()
        self._check_unique_paths(pages)
        self._check_nav({page_url(page.path) for page in pages})
        self._add_sharing_files(pages)
        for page in pages:
            narrative = page.context.get("narrative")
            self.page_sources[page.path] = (
                narrative.display_path if narrative else f"templates/{page.template}"
            )
        kept = {page.path: self._kept(page) for page in pages}
        # The pages that list the whole site first: the Facts page alone is a tenth of the work
        # on a large site, and started last it would keep one worker busy after the others.
        changed = sorted(
            (page for page in pages if kept[page.path] is None),
            key=lambda page: "narrative" in page.context,
        )
        # When pages render in several processes, what they remember is lost with the workers:
        # that is a one-off build (the preview renders in one process), and the downloads are
        # made here meanwhile.
        rendered_pages, _ = parallel.fork_map(
            self.render_page,
            changed,
            parallel.worker_count(len(changed), workers),
            parallel.Alongside(self._add_data_files, busy=False),
        )
        for page, rendered in zip(changed, rendered_pages, strict=True):
            self.memo.put(
                ("page", page.path), None, (self.shared, page, self._shown(rendered), rendered)
            )
            kept[page.path] = rendered
        for path, rendered in kept.items():
            self._add(path, rendered.html)
        self._add_share_images(pages)
        return dict(sorted(self.files.items()))

    def _add_data_files(self) -> None:
        """Each chart's figure for plotly.js, and the downloads: data/ and its data package."""
        content = self.content
        if content.charts:
            from microsite.render import (
                figures,  # plotly is slow to import: only when there are charts
            )

            for chart in content.charts.values():
                figure = self.memo.get(
                    ("chart figure", chart.key),
                    chart,
                    lambda chart=chart: figures.figure_json(chart),
                )
                self._add(f"charts/{chart.key}/figure.json", figure)
        inputs = (
            tuple(content.facts.values()),
            tuple(content.charts.values()),
            content.sources,
            content.zones,
            content.settings,
        )
        downloads = self.memo.get(
            "open data",
            inputs,
            lambda: opendata.files(content, self.memo),
        )
        for path, text in downloads.items():
            self._add(path, text)

    def _add_sharing_files(self, pages: list[Page]) -> None:
        settings = self.content.settings
        base = settings.root_url
        dated = {page.path: page.context["updated"] for page in pages if "updated" in page.context}
        listed = tuple(
            (base + page_url(page.path), dated.get(page.path)) for page in pages if not page.embed
        )
        sitemap = self.memo.get("sitemap", listed, lambda: sharing.sitemap(listed))
        self._add(sharing.SITEMAP_FILE, sitemap)
        self._add("robots.txt", sharing.robots(settings))
        entries = [
            self.memo.get(
                ("feed entry", page.path),
                (page, base),
                lambda page=page: sharing.story_entry(
                    page.context["narrative"], page.context["updated"], base
                ),
            )
            for page in pages
            if page.template == STORY_TEMPLATE
        ]
        entries += [sharing.correction_entry(c, base) for c in all_corrections(self.content.facts)]
        self._add(sharing.FEED, sharing.feed(settings, entries))

    def _add_share_images(self, pages: list[Page]) -> None:
        """One share image a page (an embed uses its chart's), drawn when it is written."""
        # Imported here: Pillow loads after the pages are rendered, not before the preview's
        # first page.
        from microsite.render.cards import Card

        site_title = self.content.settings.title
        for page in pages:
            if not page.embed:
                figure = page.figure
                number, caption = (figure.number, figure.caption) if figure else (None, None)
                self._add(page.share_image, Card(page.title, number, caption, site_title))

    def _kept(self, page: Page) -> Rendered | None:
        """The last build's rendering of the page, if nothing it showed has changed."""
        stored = self.memo.lookup(("page", page.path))
        if stored is None:
            return None
        shared, last_page, shown, rendered = stored
        if shared is not self.shared or last_page != page or self._shown(rendered) != shown:
            return None
        self.memo.put(("page", page.path), None, stored)
        self.memo.keep_all(rendered.parts)
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

    def _add(self, path: str, content: str | SiteFile) -> None:
        if path in self.files:
            raise ValueError(f"two outputs claim the path {path}")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content

    def pages(self) -> list[Page]:
        content = self.content
        # The lists of every fact are made again only when a fact changed: the last build's
        # lists, the same objects, make the pages that show them quick to compare.
        all_facts = tuple(content.facts.values())
        corrections = all_corrections(content.facts)
        all_charts = tuple(content.charts.values())
        listed = [
            self.home_page(),
            Page(
                "stories/index.html",
                "stories.html",
                "Stories",
                f"Every story on {content.settings.title}.",
                {"stories": content.stories},
                KeyFigure.count(len(content.stories), "stories told in sourced figures"),
            ),
            Page(
                "facts/index.html",
                "facts.html",
                "Facts",
                "Every figure on the site with its period, source and reliability.",
                {"topics": self.memo.get("topics", all_facts, self._topics)},
                KeyFigure.count(len(all_facts), "figures, each with its period, source and grade"),
            ),
            Page(
                "corrections/index.html",
                "corrections.html",
                "Corrections",
                "Every change to a figure after it was published, with the reason.",
                {"corrections": corrections},
                KeyFigure.count(len(corrections), "figures corrected after publication"),
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
                KeyFigure.count(len(content.sources), "sources, each graded for reliability"),
            ),
        ]
        listed.append(
            Page(
                DATA_PAGE,
                "data.html",
                "Data",
                f"Download every figure on {content.settings.title} and the data behind each "
                "chart, as CSV and JSON, with a data package that describes them.",
                {
                    "chart_list": all_charts,
                    # All a page shows must be in its context, or a rebuild could keep it.
                    "dataset": self.memo.get(
                        "dataset",
                        (all_facts, all_charts, content.sources, content.zones, content.settings),
                        self._dataset,
                    ),
                },
                KeyFigure.count(len(all_facts), "figures to download as CSV and JSON"),
            )
        )
        for chart in content.charts.values():
            context = {"chart_key": chart.key}
            headline = KeyFigure.of(_headline_fact(chart))
            listed.append(
                Page(
                    f"charts/{chart.key}/index.html",
                    "chart.html",
                    chart.title,
                    chart.subtitle,
                    context,
                    headline,
                )
            )
            listed.append(
                Page(
                    f"charts/{chart.key}/embed/index.html",
                    "embed.html",
                    chart.title,
                    chart.subtitle,
                    context,
                    headline,
                    embed=True,
                )
            )
        listed += [
            self._narrative_page(f"stories/{n.meta.slug}/index.html", STORY_TEMPLATE, n)
            for n in content.stories
        ]
        listed += [
            self._narrative_page(f"{n.meta.slug}/index.html", f"{n.meta.layout}.html", n)
            for n in content.pages
        ]
        return listed

    def home_page(self) -> Page:
        content = self.content
        home = content.home
        return Page(
            "index.html",
            "home.html",
            content.settings.title,
            content.settings.description,
            {
                "narrative": home,
                "key_facts": [content.facts[k] for k in home.meta.key_facts],
                "credits": {
                    key: charts.credited_sources(content.facts[key], content.facts)
                    for key in home.meta.key_facts
                },
                "stories": content.stories,
            },
            KeyFigure.of(content.facts.get(next(iter(home.meta.key_facts), ""))),
        )

    def _narrative_page(self, path: str, template: str, narrative: Narrative) -> Page:
        facts, charts_by_key = self.content.facts, self.content.charts
        prose, charted = self.memo.get(("cites", narrative.path), narrative, narrative.cites)
        shown = (
            tuple(facts.get(key) for key in prose),
            tuple(charts_by_key.get(key) for key in charted),
        )
        # The same page object while nothing it is made of changed: quick to compare later.
        return self.memo.get(
            ("narrative page", path),
            (template, narrative, shown),
            lambda: self._make_narrative_page(path, template, narrative, *shown),
        )

    def _make_narrative_page(
        self,
        path: str,
        template: str,
        narrative: Narrative,
        prose: tuple[Fact | None, ...],
        charted: tuple[charts.Chart | None, ...],
    ) -> Page:
        first = next((fact for fact in prose if fact is not None), None)
        context: dict[str, Any] = {"narrative": narrative}
        if template == STORY_TEMPLATE:
            # The figures it shows, its charts' included: a correction of one updates it.
            cited = [fact for fact in prose if fact is not None] + [
                fact for chart in charted if chart is not None for fact in chart.facts
            ]
            context["updated"] = self._updated(narrative, cited)
        return Page(
            path,
            template,
            narrative.meta.title,
            narrative.meta.summary,
            context,
            KeyFigure.of(first),  # its share image shows the first figure its prose cites
        )

    @staticmethod
    def _updated(story: Narrative, cited: list[Fact]) -> str:
        """When a story last changed: its date, or a later correction of a figure it shows."""
        dates = [periods.start_date(story.meta.date)] + [
            periods.start_date(correction.date) for fact in cited for correction in fact.corrections
        ]
        return max(dates).isoformat()

    def _topics(self) -> list[tuple[Topic, list[Fact], list[WrittenFormula]]]:
        """The Facts page's topics, each with its facts and their formulas as printed."""
        by_topic: dict[Topic, list[Fact]] = {}
        for fact in self.content.facts.values():
            by_topic.setdefault(fact.topic, []).append(fact)
        return [
            (topic, facts, [self._formula_of(fact) for fact in facts])
            for topic, facts in sorted(
                by_topic.items(), key=lambda item: (item[0].order, item[0].title)
            )
        ]

    def _formula_of(self, fact: Fact) -> WrittenFormula:
        """A derived fact's formula as the Facts page prints it: text, and the facts it reads
        (the row is made again when one of them changes); empty for a sourced fact."""
        if fact.formula is None:
            return ()
        facts = self.content.facts
        return tuple(
            (term.text, facts[term.key] if term.key else None)
            for term in formula.written(fact.formula)
        )

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

        def chart_html(key: str, mode: str = "story") -> str:
            shown_charts[key] = None
            return draw_chart(key, mode)

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
                self.memo.keep_all(inner)
                parts.extend(inner)
                return html
            start = len(parts)
            html = macro(*args)
            self.memo.put(memo_key, inputs, (html, tuple(parts[start:])))
            return html

        settings = self.content.settings
        preview = self._preview(page)
        context = {
            "site": settings,
            "page": page,
            "preview": preview,
            "json_ld": self._json_ld(page, preview),
            "cite_fact": self._fact_citation,
            "cite_chart": self._chart_citation,
            "embed_code": self._embed_code,
            "cite_dataset": lambda: citation.for_dataset(
                settings.title, settings.publisher, settings.root_url + opendata.FOLDER
            ),
            "page_url": page_url(page.path),
            "nav": [(item.label, item.path) for item in self.content.settings.nav],
            "url": url,
            "asset": lambda name: url(self.asset_paths[name]),
            "fact": lambda key: fact_link(self.content.facts[key], ""),
            "fact_link": fact_link,
            "chart": lambda key, mode="story": Markup(chart_html(key, mode)),
            "cached": cached,
            "zones": self.content.zones,
            **page.context,
        }
        narrative = page.context.get("narrative")
        if narrative is not None:
            context["body"] = Markup(narrative.html.fill(slot_html))
        html = self.env.get_template(page.template).render(context)
        return Rendered(html.encode(), tuple(shown_facts), tuple(shown_charts), tuple(parts))

    def _preview(self, page: Page) -> sharing.Preview:
        base = self.content.settings.root_url
        shown = page.path.removesuffix("embed/index.html") if page.embed else page.path
        narrative = page.context.get("narrative")
        story = page.template == STORY_TEMPLATE
        shows = page.figure
        figure = f". Key figure: {shows.number} ({shows.caption})" if shows else ""
        return sharing.Preview(
            kind="article" if story else "website",
            title=page.title,
            description=page.description,
            url=base + page_url(shown),
            image=base + page.share_image,
            image_alt=page.title + figure,
            published=sharing.timestamp(narrative.meta.date) if story else None,
            modified=sharing.timestamp(page.context["updated"]) if story else None,
        )

    def _json_ld(self, page: Page, preview: sharing.Preview) -> Markup | None:
        settings = self.content.settings
        if page.template == STORY_TEMPLATE:
            story = page.context["narrative"]
            return sharing.json_ld(sharing.news_article(story, settings, preview))
        return page.context.get("dataset")

    def _dataset(self) -> Markup:
        """The Data page's schema.org Dataset: its files, the years it covers, its sources."""
        settings = self.content.settings
        base = settings.root_url
        downloads = [
            (name, base + path, kind) for name, path, kind in opendata.downloads(self.content)
        ]
        facts = self.content.facts.values()
        coverage = (
            (
                min(periods.start_year(fact.period) for fact in facts),
                max(periods.end_year(fact.period) for fact in facts),
            )
            if facts
            else None
        )
        sources = sorted({s.address for s in self.content.sources.values()})
        dataset = sharing.dataset(settings, base + opendata.FOLDER, downloads, coverage, sources)
        return sharing.json_ld(dataset)

    def _fact_citation(self, fact: Fact) -> citation.Citation:
        settings = self.content.settings
        url = opendata.fact_url(fact.key, settings.root_url)
        return citation.for_fact(fact, settings.title, settings.publisher, url)

    def _chart_citation(self, chart: charts.Chart) -> citation.Citation:
        settings = self.content.settings
        base = settings.root_url
        url = opendata.chart_url(chart.key, base)
        data = base + opendata.chart_file(chart.key, "csv")
        return citation.for_chart(chart, settings.title, settings.publisher, url, data)

    def _embed_code(self, chart: charts.Chart) -> str:
        """The frame another site pastes to show the chart: full width, a fixed height."""
        address = opendata.chart_url(chart.key, self.content.settings.root_url) + "embed/"
        # Only what would end the attribute is escaped: the code stays readable when pasted.
        title = f"{chart.title} ({self.content.settings.title})"
        title = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        return (
            f'<iframe src="{address}" title="{title}" width="100%" height="{EMBED_HEIGHT}" '
            'style="border:0;max-width:100%" loading="lazy"></iframe>'
        )

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
    ) -> Callable[[str, str], str]:
        template = self.env.get_template("_chart.html")

        def chart_html(key: str, mode: str) -> str:
            """`mode`: "story" with links to its page, "page" on that page, "embed" framed."""
            chart = self.content.charts[key]
            return template.render(
                chart=chart,
                mode=mode,
                url=url,
                fact_link=fact_link,
                alt=charts.alt_text(chart),
                citation=self._chart_citation(chart),
                embed_code=self._embed_code(chart),
                data_file=lambda extension: opendata.chart_file(key, extension),
            )

        return chart_html


def _headline_fact(chart: charts.Chart) -> Fact | None:
    """The figure a chart's share image shows: the latest point of its first line or bars, or
    the first bar of a chart of parts."""
    points = chart.traces[0].series.points
    if not points:
        return None
    return points[0] if chart.kind == "hbar" else points[-1]


def _template_texts(folder: Path) -> tuple[tuple[str, bytes], ...]:
    return tuple(
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )
