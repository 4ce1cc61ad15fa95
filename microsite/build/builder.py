"""The pipeline: read and check everything, render in memory, then write the site."""

from __future__ import annotations

import contextlib
import datetime
import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from microsite.build import kept, pool, reading, search, writer
from microsite.build.memo import Memo
from microsite.build.rendering import ReusingRenderer
from microsite.checks import links, translations
from microsite.checks.corrections import check_since
from microsite.checks.lint import lint
from microsite.errors import ErrorCollector, SiteError, sorted_problems
from microsite.inputs import content
from microsite.inputs.project import Project

# Below this many files, writing them in another process while checking costs more than it saves.
FILES_PER_WRITER = 200
# The preview's builds (tidy_later) whose garbage may wait for the editor to pause: an editor
# who saves every few tenths of a second (an autosave) never pauses.
UNTIDY_BUILDS_AT_MOST = 20


class BuildStopped(Exception):
    """The build was asked to stop (the preview, stopped during a long first build): it ends
    between two pages or two files, leaving the output folder as it was."""


@dataclass(frozen=True)
class Summary:
    pages: int
    files: int
    facts: int
    charts: int
    warnings: tuple[SiteError, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()  # seconds each step took, in order


@dataclass(frozen=True)
class Options:
    strict: bool = False  # warnings stop the build like errors
    since: str | None = None  # a git revision: values changed since must carry a correction
    today: datetime.date | None = None  # for review dates; the real date when None
    workers: int | None = None  # processes that read, render and write; None: one per core
    base_url: str | None = None  # publish for this address instead of data/site.yaml's
    # The preview: a rebuild keeps the last search index, and refresh_search() makes a new one
    # once the editor pauses. A build otherwise indexes what changed at once.
    search_later: bool = False
    # The preview: the fact files as parsed are kept on disk between its runs (build/kept.py).
    keep_parsed: bool = False
    # The preview: the output folder is its own temporary folder, which nothing else writes. A
    # rebuild trusts that it holds what the last build wrote, without a look at each file, and
    # rewrites a changed file in place while it holds Builder.writing.
    own_output: bool = False
    # The preview: the garbage of a build is collected once the editor pauses, when it calls
    # tidy(), rather than before the build returns.
    tidy_later: bool = False


class Builder:
    """Builds one project again and again; each build redoes only what changed since the last
    (the preview keeps one while it runs). The output is the same bytes as a first build's."""

    def __init__(self, root: Path, options: Options = Options()) -> None:
        self.project = Project(root)
        self.options = options
        self.memo = Memo()
        self.written: writer.Written | None = None  # what the last build left in its output folder
        self.search: search.Index | None = None  # the last search index made
        self.search_due: search.Searched | None = None  # what it lags behind (search_later)
        # Asked between pages and between files; the preview sets it to its stop signal's flag.
        self.stop_requested: Callable[[], bool] = lambda: False
        # Held while a rebuild writes a file of its output folder: the preview's server reads a
        # file only when it may, as a file of its own output is rewritten in place (own_output).
        self.writing: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
        self.built_once = False
        self.kept_parsed = False  # what it parsed is kept for the next run (keep_parsed)
        self.untidy = 0  # builds whose garbage is still to be collected (see tidy)
        self._swept = False  # the memo swept since the last tidy

    def check(self) -> Summary:
        """Read, check and render everything; write nothing."""
        clock = Clock()
        with self._building():
            site, files, renderer = self._render(clock)
            warnings = self._problems(site, files, renderer, clock)
        return _summary(site, files, warnings, clock)

    def build(
        self, out: Path, after_read: Callable[[ReusingRenderer], None] | None = None
    ) -> Summary:
        """Build into `out`. `after_read`, if given, is called with the renderer once everything
        is read (the preview uses it to answer requests early); it may start threads, so the
        rest of the build then stays in this process."""
        clock = Clock()
        with self._building():
            site, files, renderer = self._render(clock, after_read)
            files = self._with_search(site, files, clock)

            def problems() -> tuple[SiteError, ...]:
                return self._problems(site, files, renderer, clock)

            own = self.options.own_output
            if writer.can_update(self.written, out, trusted=own):
                warnings = problems()
                with clock("write"):
                    self.written = self._write_changes(files, out, own)
            else:
                workers = 1 if after_read else self.options.workers
                warnings = self._write_whole(files, out, problems, clock, workers)
            if self.options.keep_parsed and not self.kept_parsed:
                with clock("keep parsed"):
                    kept.keep(self.memo, self.project)
                self.kept_parsed = True
        return _summary(site, files, warnings, clock)

    def _write_changes(
        self, files: dict[str, writer.SiteFile], out: Path, in_place: bool
    ) -> writer.Written:
        assert self.written is not None
        try:
            lock = self.writing if in_place else None
            return writer.write_site(files, out, self.written, checked=True, in_place=lock)
        except BaseException:
            # Some files may be written and others not: the next build writes the site whole,
            # rather than trust a folder that is neither the last build nor this one.
            self.written = None
            raise

    def _render(
        self, clock: Clock, after_read: Callable[[ReusingRenderer], None] | None = None
    ) -> tuple[content.SiteContent, dict[str, writer.SiteFile], ReusingRenderer]:
        with clock("read"):
            if self.options.keep_parsed and not self.built_once:
                kept.restore(self.memo, self.project)
            # Someone waiting for the first page: compile each narrative when its page needs it.
            site = reading.read(
                self.project, self.memo, self.options.workers, compile_now=after_read is None
            )
            if self.options.base_url:
                site = content.published_at(site, self.options.base_url, self.memo)
        with clock("render"):
            renderer = ReusingRenderer(site, self.project, self.memo, self._check_stop)
            workers = self.options.workers
            if after_read:
                after_read(renderer)
                workers = 1  # it may have started threads: no forking from here on
            files = renderer.render(workers)
        return site, files, renderer

    def _with_search(
        self, site: content.SiteContent, files: dict[str, writer.SiteFile], clock: Clock
    ) -> dict[str, writer.SiteFile]:
        """The site with its search index, when its settings ask for search."""
        if not site.settings.search:
            self.search = self.search_due = None
            return files
        wanted = search.searched(files, site.zones, site.settings.languages)
        last = self.search
        if last is None or (last.made_from != wanted and not self.options.search_later):
            self._check_stop()
            with clock("search"):
                last = self.search = search.index(wanted)
        self.search_due = None if last.made_from == wanted else wanted
        return files | last.files

    def refresh_search(self) -> bool:
        """Index what the last build kept an older index for, and write the new index into
        its folder. Whether there was anything to do."""
        due, last, written = self.search_due, self.search, self.written
        if due is None or last is None or written is None:
            return False
        made = search.index(due)
        pages = {path: file for path, file in written.files.items() if path not in last.files}
        self.written = writer.write_site(pages | made.files, written.out, written)
        self.search, self.search_due = made, None
        return True

    def _problems(
        self,
        site: content.SiteContent,
        files: dict[str, writer.SiteFile],
        renderer: ReusingRenderer,
        clock: Clock,
    ) -> tuple[SiteError, ...]:
        """Check the rendered site: raise BuildFailed on errors; return the warnings."""
        options = self.options
        problems = ErrorCollector(self.project.root)
        with clock("links"):
            broken = links.broken_links(files, self.memo)
        for page, link, problem in broken:
            _report_broken(page, link, problem, files, renderer, problems)
        with clock("lint"):
            lint(site, problems, options.today or datetime.date.today(), self.memo)
        with clock("translations"):
            translations.check(site, renderer.editions, files, self.project, problems, self.memo)
        if options.since:
            check_since(self.project.root, options.since, site.facts, problems)
        if options.strict:
            problems.errors.extend(problems.warnings)
        problems.raise_if_any()
        # The same warnings, build after build, while the editor fixes something else: a site
        # not yet translated has one for each of its records.
        warnings = tuple(problems.warnings)
        return self.memo.get("warnings", warnings, lambda: tuple(sorted_problems(warnings)))

    def _write_whole(
        self,
        files: dict[str, writer.SiteFile],
        out: Path,
        problems: Callable[[], tuple[SiteError, ...]],
        clock: Clock,
        workers: int | None,
    ) -> tuple[SiteError, ...]:
        """Write the site beside `out` in other processes while this one checks it; swap it in
        only if the checks pass."""
        processes = pool.worker_count(len(files), workers, FILES_PER_WRITER)
        # The share images, drawn as they are written, are most of the work: in a run of their
        # own, they are dealt out evenly with the rest.
        drawn_last = sorted(files, key=lambda path: not isinstance(files[path], bytes))
        with clock("write and check"):
            staging = writer.start_staging(out)
            try:
                _, warnings = pool.fork_map(
                    partial(self._write_file, files, staging),
                    drawn_last,
                    processes,
                    # Checking is short beside writing: the writers use every core meanwhile.
                    pool.Alongside(problems),
                )
            except BaseException:
                writer.discard(staging)
                raise
        writer.swap_in(staging, out)
        self.written = writer.Written(out.absolute(), files)
        return warnings

    def _write_file(self, files: dict[str, writer.SiteFile], staging: Path, path: str) -> None:
        self._check_stop()
        writer.write_file(files, staging, path)

    def _check_stop(self) -> None:
        if self.stop_requested():
            raise BuildStopped

    @contextlib.contextmanager
    def _building(self) -> Iterator[None]:
        # A build makes millions of objects that live until it ends, and few reference cycles:
        # the collector's full passes over them would cost more than the garbage they find.
        gc.disable()
        try:
            yield
        finally:
            self._swept = self.memo.next_build() or self._swept
            first, self.built_once = not self.built_once, True
            self.untidy += 1
            if not self.options.tidy_later:
                self.tidy(collect=not first)
            elif self.untidy >= UNTIDY_BUILDS_AT_MOST:  # saved again and again, no pause
                self.tidy()

    def tidy(self, collect: bool = True) -> None:
        """Collect what the builds since the last call left in reference cycles (Jinja's
        contexts, closures that call each other), then freeze what is left: what the memo keeps
        lives on to the next build, and out of the collector's sight a preview's later builds
        do not pay for scanning it again and again. Frozen without a collection, garbage would
        be kept for as long as the preview runs. Only the objects made since are looked at: a
        hundredth of a second after one fact changed; after the preview's first build,
        everything it made (half a second on a large site, while the editor reads the first
        page); and everything once the memo has swept (what it forgot may sit in cycles among
        frozen objects). The collector stays off until then. `collect=False` freezes the
        garbage of a build run once, not made slower for the sake of later ones."""
        if not self.untidy:
            return
        if self._swept:
            gc.unfreeze()
            gc.collect()
        elif collect:
            gc.collect()
        self._swept, self.untidy = False, 0
        gc.freeze()
        gc.enable()


def _report_broken(
    page: str,
    link: str,
    problem: str,
    files: dict[str, writer.SiteFile],
    renderer: ReusingRenderer,
    problems: ErrorCollector,
) -> None:
    """A broken link where the editor wrote it, at its line in the Markdown, with the nearest
    page; or, written by a template, at the template."""
    narrative = renderer.page_narratives.get(page)
    if narrative is not None:
        addresses = renderer.pages_renderer.addresses
        found = links.in_narrative(narrative, page, link, addresses, files)
        if found.line is not None:
            message = f"the link to {found.written!r} leads to no page of the site"
            if found.missing_anchor:
                anchor = found.written.partition("#")[2]
                message = f"the link to {found.written!r} leads to no heading {anchor!r} there"
            problems.add(narrative.path, found.line, message, found.hint, found.column)
            return
    problems.add(
        renderer.page_sources.get(page, page),
        None,
        f"the page {page} links to {link!r}: {problem}",
        "fix the template that writes this link",
    )


class Clock:
    """Times the steps of one build, for `--timings` and the benchmark."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - start


def check(root: Path, options: Options = Options()) -> Summary:
    """Read, check and render everything; write nothing."""
    return Builder(root, options).check()


def build(root: Path, out: Path, options: Options = Options()) -> Summary:
    return Builder(root, options).build(out)


def _summary(
    site: content.SiteContent,
    files: dict[str, writer.SiteFile],
    warnings: tuple[SiteError, ...],
    clock: Clock,
) -> Summary:
    pages = sum(1 for path in files if path.endswith(".html"))
    timings = tuple(clock.timings.items())
    return Summary(pages, len(files), len(site.facts), len(site.charts), warnings, timings)
