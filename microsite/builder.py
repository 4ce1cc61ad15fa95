"""The pipeline: read and check everything, render in memory, then write the site whole."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from microsite import content
from microsite.errors import BuildFailed, SiteError
from microsite.pages import SiteRenderer
from microsite.project import Project
from microsite.writer import write_site


@dataclass(frozen=True)
class Summary:
    pages: int
    files: int
    facts: int
    charts: int


def check(root: Path) -> Summary:
    """Read, check and render everything; write nothing."""
    site, files = _render(Project(root))
    return _summary(site, files)


def build(root: Path, out: Path) -> Summary:
    site, files = _render(Project(root))
    write_site(files, out)
    return _summary(site, files)


def _render(project: Project) -> tuple[content.SiteContent, dict[str, bytes]]:
    site = content.read(project)
    try:
        return site, SiteRenderer(site, project).render()
    except TemplateSyntaxError as error:
        name = error.filename or error.name or "a template"
        raise BuildFailed(
            [
                SiteError(
                    _display(project, name),
                    error.lineno,
                    error.message or "",
                    "fix the template syntax",
                )
            ]
        ) from None
    except TemplateError as error:
        raise BuildFailed(
            [
                SiteError(
                    "templates",
                    None,
                    f"template error: {error}",
                    "a template uses a value the page does not have",
                )
            ]
        ) from None


def _display(project: Project, name: str) -> str:
    path = Path(name)
    for base in (project.root, project.templates.parent):
        if path.is_absolute() and path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.as_posix()


def _summary(site: content.SiteContent, files: dict[str, bytes]) -> Summary:
    pages = sum(1 for path in files if path.endswith(".html"))
    return Summary(pages, len(files), len(site.facts), len(site.charts))
