"""Everything a site is made of, read and checked before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from microsite.charts import Chart, load_charts
from microsite.errors import ErrorCollector
from microsite.facts import Fact, load_facts
from microsite.narratives import Narrative, check_references, load_narrative
from microsite.project import Project, Settings, load_settings
from microsite.series import Series, load_series
from microsite.sources import Source, load_sources
from microsite.suggest import did_you_mean
from microsite.zones import Zone, load_zones


@dataclass(frozen=True)
class SiteContent:
    settings: Settings
    sources: dict[str, Source]
    facts: dict[str, Fact]
    series: dict[str, Series]
    charts: dict[str, Chart]
    home: Narrative
    stories: tuple[Narrative, ...]
    pages: tuple[Narrative, ...]
    zones: tuple[Zone, ...]


def read(project: Project) -> SiteContent:
    """Read and check every input; raise BuildFailed listing every problem found."""
    errors = ErrorCollector(project.root)
    settings = load_settings(project, errors)
    sources = load_sources(project.data / "sources.yaml", errors)
    facts, declared_facts = load_facts(project.data / "facts", sources, errors)
    series, declared_series = load_series(
        project.data / "series.yaml", facts, declared_facts, errors
    )
    charts, declared_charts = load_charts(
        project.data / "charts.yaml", series, declared_series, facts, errors
    )
    zones = load_zones(project.data / "zones.csv", errors)
    home = _narratives([project.content / "home.md"], errors)
    stories = _narratives(sorted((project.content / "stories").glob("*.md")), errors)
    pages = _narratives(sorted((project.content / "pages").glob("*.md")), errors)
    for narrative in (*home, *stories, *pages):
        check_references(narrative, declared_facts, declared_charts, errors)
    for narrative in home:
        _check_key_facts(narrative, declared_facts, errors)
    _check_unique_slugs((*stories, *pages), errors)
    errors.raise_if_any()
    assert settings is not None
    return SiteContent(
        settings,
        sources,
        facts,
        series,
        charts,
        home[0],
        tuple(sorted(stories, key=lambda n: (n.meta.order, n.meta.slug))),
        tuple(sorted(pages, key=lambda n: n.meta.slug)),
        zones,
    )


def _narratives(paths: list[Path], errors: ErrorCollector) -> list[Narrative]:
    found = []
    for path in paths:
        if not path.is_file():
            errors.add(path, None, "file is missing", f"create {path.name} with front matter")
            continue
        narrative = load_narrative(path, errors)
        if narrative:
            found.append(narrative)
    return found


def _check_key_facts(home: Narrative, facts: set[str], errors: ErrorCollector) -> None:
    for key in home.meta.key_facts:
        if key not in facts:
            errors.add(
                home.path,
                home.field_lines.get("key_facts"),
                f"key_facts lists {key!r}, which is not a fact",
                did_you_mean(key, facts, "fact"),
            )


def _check_unique_slugs(narratives: tuple[Narrative, ...], errors: ErrorCollector) -> None:
    seen: dict[str, Narrative] = {}
    for narrative in narratives:
        slug = narrative.meta.slug
        if slug in seen:
            errors.add(
                narrative.path,
                narrative.field_lines.get("slug"),
                f"slug {slug!r} is already used",
                f"{seen[slug].display_path} has it too: give each page its own slug",
            )
        seen[slug] = narrative
