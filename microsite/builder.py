"""The pipeline: read and check everything, render in memory, then write the site whole."""

from __future__ import annotations

import datetime
import traceback
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from microsite import content, linkcheck
from microsite.corrections import check_since
from microsite.errors import BuildFailed, ErrorCollector, SiteError, sorted_problems
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
    files = _rendered(renderer, project)
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


def _rendered(renderer: SiteRenderer, project: Project) -> dict[str, bytes]:
    try:
        return renderer.render()
    except TemplateSyntaxError as error:
        name = error.filename or error.name or "a template"
        problem = SiteError(
            _display(project, name), error.lineno, error.message or "", "fix the template syntax"
        )
    except (TemplateError, LookupError, TypeError, ValueError, AttributeError) as error:
        # A template asked for something the page does not have: name the template and line.
        path, line = _template_frame(error, project)
        problem = SiteError(
            path,
            line,
            f"template error: {type(error).__name__}: {error}",
            "a template uses a value, asset or fact the page does not have",
        )
    raise BuildFailed([problem]) from None


def _template_frame(error: BaseException, project: Project) -> tuple[str, int | None]:
    """The innermost template file and line in the error's traceback."""
    found: tuple[str, int | None] = ("templates", None)
    for frame, line in traceback.walk_tb(error.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith(".html"):
            found = (_display(project, filename), line)
    return found


def _display(project: Project, name: str) -> str:
    path = Path(name)
    for base in (project.root, project.templates.parent):
        if path.is_absolute() and path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.as_posix()


def _summary(
    site: content.SiteContent, files: dict[str, bytes], warnings: tuple[SiteError, ...]
) -> Summary:
    pages = sum(1 for path in files if path.endswith(".html"))
    return Summary(pages, len(files), len(site.facts), len(site.charts), warnings)
