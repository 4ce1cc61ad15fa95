"""The pipeline: read and check everything, render in memory, then write the site whole."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from microsite import content, linkcheck
from microsite.corrections import check_since
from microsite.errors import ErrorCollector, SiteError, sorted_problems
from microsite.lint import lint
from microsite.pages import SiteRenderer
from microsite.project import Project
from microsite.writer import write_site


@dataclass(frozen=True)
class Summary:
    pages: int
    files: int
    facts: int
    charts: int
    warnings: tuple[SiteError, ...] = ()


@dataclass(frozen=True)
class Options:
    strict: bool = False  # warnings stop the build like errors
    since: str | None = None  # a git revision: values changed since must carry a correction
    today: datetime.date | None = None  # for review dates; the real date when None
    workers: int | None = None  # processes that render pages; None: one per core


def check(root: Path, options: Options = Options()) -> Summary:
    """Read, check and render everything; write nothing."""
    site, files, warnings = _render(Project(root), options)
    return _summary(site, files, warnings)


def build(root: Path, out: Path, options: Options = Options()) -> Summary:
    site, files, warnings = _render(Project(root), options)
    write_site(files, out)
    return _summary(site, files, warnings)


def _render(
    project: Project, options: Options
) -> tuple[content.SiteContent, dict[str, bytes], tuple[SiteError, ...]]:
    site = content.read(project)
    renderer = SiteRenderer(site, project)
    files = renderer.render(workers=options.workers)
    problems = ErrorCollector(project.root)
    for page, link, problem in linkcheck.broken_links(files):
        source = renderer.page_sources.get(page, page)
        problems.add(
            source,
            None,
            f"the page {page} links to {link!r}: {problem}",
            "fix the reference or the template that writes this link",
        )
    lint(site, problems, options.today or datetime.date.today())
    if options.since:
        check_since(project.root, options.since, site.facts, problems)
    if options.strict:
        problems.errors.extend(problems.warnings)
    problems.raise_if_any()
    return site, files, tuple(sorted_problems(problems.warnings))


def _summary(
    site: content.SiteContent, files: dict[str, bytes], warnings: tuple[SiteError, ...]
) -> Summary:
    pages = sum(1 for path in files if path.endswith(".html"))
    return Summary(pages, len(files), len(site.facts), len(site.charts), warnings)
