"""The render stage, made quick: each family's pages and each page's HTML reused while what they
are made of is unchanged, the rest rendered in several processes, the downloads meanwhile.

The render stage itself (microsite/render/) is plain and serial; everything here is about
doing less of it, or doing it at once on every core. The output is the same bytes either way.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import secrets
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from jinja2 import Environment
from jinja2.runtime import Macro
from markupsafe import Markup

from microsite.build import pool
from microsite.build.memo import Memo
from microsite.errors import BuildFailed, ErrorCollector, SiteError
from microsite.inputs.charts import Chart
from microsite.inputs.content import SiteContent
from microsite.inputs.narratives import Narrative
from microsite.inputs.project import Project
from microsite.render import assets, edition, languages, opendata, sharing, site_files, translations
from microsite.render.environment import environment
from microsite.render.families import FAMILIES, home, name_of
from microsite.render.languages import Language
from microsite.render.page import Page, Rendered, SiteFile
from microsite.render.renderer import PageRenderer


class ReusingRenderer:
    """The render stage for the build: the pages of one site, each family's and each page's
    work reused from the last build where its inputs are unchanged, the rest spread over the
    cores. The output is a mapping from site path to bytes, as the plain stage would give."""

    def __init__(
        self,
        content: SiteContent,
        project: Project,
        memo: Memo | None = None,
        check_stop: Callable[[], None] = lambda: None,
    ) -> None:
        self.content = content
        self.project = project
        self.memo = Memo() if memo is None else memo
        self.check_stop = check_stop  # raises when the build is asked to stop
        self.editions = languages.editions(content.settings.languages)
        asset_paths, static_files = assets.collect(project.static)
        self.files: dict[str, SiteFile] = dict(static_files)
        # One renderer for each language, with its edition of the content and its templates'
        # environment: the same while the templates and the catalogue stay the same.
        template_texts = _template_texts(project.templates)
        self.renderers: dict[str, PageRenderer] = {}
        self.partials = _Partials()
        for language in self.editions:
            translated = None
            if language.code != "en":
                catalogue = translations.catalogue(project.locale, language, self.memo)
                translated = self.memo.get(
                    ("translations", language.code),
                    catalogue,
                    lambda catalogue=catalogue: translations.translations(catalogue),
                )
            env: Environment = self.memo.get(
                ("templates", language.code),
                (template_texts, translated),
                lambda language=language, translated=translated: environment(
                    project.templates, language, translated
                ),
            )
            self.renderers[language.code] = PageRenderer(
                edition.localized(
                    content, language, self.memo, translated.gettext if translated else str
                ),
                env,
                asset_paths,
                (project.root, project.templates.parent),
                self.partials.draw,
                language,
                self.editions,
                translated.gettext if translated else str,
            )
        self.pages_renderer = self.renderers[self.editions[0].code]
        # What every page may show: a page whose own inputs and these are unchanged is kept.
        # The addresses of the narratives' pages: a story may link to any of them.
        self.shared = self.memo.same(
            "shared",
            tuple(
                (
                    renderer.env,
                    asset_paths,
                    renderer.content.settings,
                    renderer.content.zones,
                    renderer.addresses,
                )
                for renderer in self.renderers.values()
            ),
        )
        self.partials.shared = self.shared
        # Which file an editor would open to change each page: its narrative or its template.
        self.page_sources: dict[str, str] = {}
        self.page_narratives: dict[str, Narrative] = {}  # the pages drawn from a narrative

    def home_page(self) -> Page:
        return home.home_page(self.content)

    def pages(self) -> list[Page]:
        """Every page, family by family; a family's pages are the last build's objects while
        its inputs are unchanged, so they are quick to compare."""
        return [
            page
            for language in self.editions
            for family in FAMILIES
            for page in self.memo.get(
                ("family", name_of(family), language.code),
                (
                    family.inputs(self.renderers[language.code].content),
                    self.renderers[language.code].content.gettext,
                    language,  # its address: the first language listed is at the root
                ),
                lambda family=family, language=language: self._family_pages(family, language),
            )
        ]

    def _family_pages(self, family: ModuleType, language: Language) -> list[Page]:
        """A family's pages in one language's edition, at their paths in that edition."""
        pages = family.pages(self.renderers[language.code].content, self.memo)
        if language.code == "en" and not language.prefix:
            return pages
        # The same object while the page is unchanged, as in English: quick to compare.
        return [
            self.memo.get(
                ("edition page", language.code, page.path),
                (page, language),  # the same page, and the edition at the same address
                lambda page=page: dataclasses.replace(
                    page, path=language.path(page.path), language=language.code
                ),
            )
            for page in pages
        ]

    def render(self, workers: int | None = None) -> dict[str, SiteFile]:
        """Every file of the site. Pages render in `workers` processes (one per core when None)
        on a large site; the output is the same bytes however many render it."""
        pages = self.pages()
        problems = ErrorCollector(self.project.root)
        site_files.check_pages(pages, self.content, problems)
        problems.raise_if_any()
        self._add_sharing_files(pages)
        self.page_sources = {page.path: site_files.editable_file(page) for page in pages}
        self.page_narratives = {
            page.path: page.context["narrative"] for page in pages if "narrative" in page.context
        }
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
        rendered_pages, _ = pool.fork_map(
            self.render_page,
            changed,
            pool.worker_count(len(changed), workers),
            pool.Alongside(self._add_data_files),
        )
        for page, rendered in zip(changed, rendered_pages, strict=True):
            self.memo.put(
                ("page", page.path), None, (self.shared, page, self._shown(rendered), rendered)
            )
            kept[page.path] = rendered
        for path, rendered in kept.items():
            self._add(path, rendered.html)
        titles = {
            code: renderer.content.settings.title for code, renderer in self.renderers.items()
        }
        for path, image in site_files.share_images(
            pages, self.content.settings.title, titles
        ).items():
            self._add(path, image)  # type: ignore[arg-type]
        return dict(sorted(self.files.items()))

    def render_page(self, page: Page) -> Rendered:
        """One page's HTML. The partials it is made of are kept with the page, for the next
        build to reuse those whose arguments have not changed."""
        self.check_stop()
        last = self.memo.lookup(("page parts", page.path)) or {}
        made: dict[Hashable, _Part] = {}
        drawn: list[bytes] = []
        # Per thread: the preview's server may draw a page early while the build draws it.
        drawing = (threading.get_ident(), page.path)
        self.partials.pages[drawing] = (last, made, drawn)
        try:
            rendered = self.renderers[page.language].render(page)
        finally:
            del self.partials.pages[drawing]
        self.memo.put(("page parts", page.path), None, made)
        return dataclasses.replace(rendered, html=self.partials.placed(rendered.html, drawn))

    def _add_data_files(self) -> None:
        """Each chart's figure for plotly.js, and the downloads: data/ and its data package."""
        content = self.content
        if content.charts:
            for language in self.editions:  # each edition's figures, in its language
                charts = self.renderers[language.code].content.charts
                for chart in charts.values():
                    figure = self.memo.get(
                        ("chart figure", chart.key, language.code),
                        chart,
                        lambda chart=chart, language=language: _figure(chart, language),
                    )
                    self._add(language.path(f"charts/{chart.key}/figure.json"), figure)
        inputs = (
            tuple(content.facts.values()),
            tuple(content.charts.values()),
            content.sources,
            content.zones,
            content.rankings,
            content.settings,
        )
        downloads = self.memo.get("open data", inputs, lambda: opendata.files(content, self.memo))
        for path, text in downloads.items():
            self._add(path, text)

    def _add_sharing_files(self, pages: list[Page]) -> None:
        base = self.content.settings.root_url
        listed = site_files.sitemap_entries(pages, base, self.editions, self.memo)
        self._add(
            sharing.SITEMAP_FILE, self.memo.get("sitemap", listed, lambda: sharing.sitemap(listed))
        )
        self._add("robots.txt", site_files.robots(self.content))
        for language in self.editions:  # a feed for each edition, in its language
            renderer = self.renderers[language.code]
            entries = [
                self.memo.get(
                    ("feed entry", page.path),
                    (page, base),
                    lambda page=page, language=language, gettext=renderer.gettext: (
                        site_files.story_entry(page, base, language, gettext)
                    ),
                )
                for page in pages
                if page.is_story and page.language == language.code
            ]
            entries += site_files.correction_entries(renderer.content, language, renderer.gettext)
            feed = sharing.feed(renderer.content.settings, entries, language)
            self._add(language.path(sharing.FEED), feed)

    def _kept(self, page: Page) -> Rendered | None:
        """The last build's rendering of the page, if nothing it showed has changed."""
        stored = self.memo.lookup(("page", page.path))
        if stored is None:
            return None
        shared, last_page, shown, rendered = stored
        if shared is not self.shared or last_page != page or self._shown(rendered) != shown:
            return None
        self.memo.put(("page", page.path), None, stored)
        self.memo.keep_all([("page parts", page.path)])  # its partials, for when it changes
        return rendered

    def _shown(self, rendered: Rendered) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """The facts and charts a page showed, as they are now."""
        facts, charts_by_key = self.content.facts, self.content.charts
        return (
            tuple(map(facts.get, rendered.facts)),
            tuple(map(charts_by_key.get, rendered.charts)),
        )

    def _add(self, path: str, content: str | SiteFile) -> None:
        if path in self.files:
            raise BuildFailed(
                [
                    SiteError(
                        self.page_sources.get(path, path),
                        None,
                        f"two files would be written to {path}",
                        "rename the static file or give the page another slug",
                    )
                ]
            )
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


class _Partials:
    """The partials of the pages being drawn. Apart from the renderer, whose page renderers call
    it: a renderer they referred back to would be a cycle, left for the collector, which is off
    during a build and then frozen with everything the build made (28 MB a rebuild, kept).

    The page gets a placeholder for each partial, replaced by the partial's bytes once the page
    is encoded: a 9 MB page is then joined as bytes, not joined as text and encoded again on
    every build. A placeholder holds a random word drawn for this build, so that no text of the
    inputs can pass for one; it never reaches the output. A template places a partial as it is:
    it does not filter or measure it, nor pass it to another partial."""

    def __init__(self) -> None:
        self.shared: Any = None  # what every page may show (ReusingRenderer.shared)
        # For each page being drawn, by thread and path: its partials as the last build kept
        # them, as made now, and the bytes of each placeholder put in it.
        self.pages: dict[
            tuple[int, str], tuple[dict[Hashable, _Part], dict[Hashable, _Part], list[bytes]]
        ] = {}
        word = secrets.token_hex(8)
        self._placeholder = "\x00" + word + " {}\x00"
        self._placed = re.compile(b"\x00" + word.encode() + rb" (\d+)\x00")

    def draw(self, page_path: str, macro: Macro, key: str, args: tuple[Any, ...]) -> Markup:
        """What `macro(*args)` writes, kept and reused until an argument changes: the pages that
        list every fact draw again only the rows that changed."""
        last, made, drawn = self.pages[threading.get_ident(), page_path]
        part_key = (macro.name, key)
        inputs = (args, self.shared)
        found = last.get(part_key)
        if found is not None and found.inputs == inputs:
            made[part_key] = found
            made.update(found.inner)
            return self._place(found.html, drawn)
        count = len(made)
        html = self.placed(str(macro(*args)).encode(), drawn)
        inner = tuple(itertools.islice(reversed(made.items()), len(made) - count))  # meanwhile
        made[part_key] = _Part(inputs, html, inner)
        return self._place(html, drawn)

    def _place(self, html: bytes, drawn: list[bytes]) -> Markup:
        if not html:
            return Markup()  # an empty partial stays empty, for a template that tests it
        drawn.append(html)
        return Markup(self._placeholder.format(len(drawn) - 1))

    def placed(self, html: bytes, drawn: list[bytes]) -> bytes:
        """The HTML with each placeholder replaced by its partial."""
        pieces = self._placed.split(html)
        if len(pieces) == 1:
            return html
        pieces[1::2] = [drawn[int(index)] for index in pieces[1::2]]
        return b"".join(pieces)


class _Part(NamedTuple):
    """A partial as drawn: from what, the HTML, and the partials drawn inside it."""

    inputs: Any
    html: bytes
    inner: tuple[tuple[Hashable, _Part], ...]  # the partials drawn inside it, as drawn


def _figure(chart: Chart, language: Language) -> str:
    from microsite.render import figures  # plotly is slow to import: only when there are charts

    return figures.figure_json(chart, language=language.code)


def _template_texts(folder: Path) -> tuple[tuple[str, bytes], ...]:
    return tuple(
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )
