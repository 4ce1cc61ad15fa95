"""Everything a site is made of, read and checked before anything is written."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import HttpUrl

from microsite.build import parallel
from microsite.build.memo import MISSING, Memo
from microsite.errors import ErrorCollector, SiteError
from microsite.inputs.charts import Chart, load_charts
from microsite.inputs.facts import Fact, load_facts
from microsite.inputs.narratives import Narrative, check_references, load_narrative
from microsite.inputs.project import Project, Settings, load_settings
from microsite.inputs.series import Series, load_series
from microsite.inputs.sources import Source, load_sources
from microsite.inputs.yamlfile import contents, fingerprint
from microsite.inputs.zones import Zone, load_zones
from microsite.suggest import UnreadableKeys, did_you_mean

T = TypeVar("T")


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


def read(
    project: Project,
    memo: Memo | None = None,
    workers: int | None = None,
    compile_now: bool = True,
) -> SiteContent:
    """Read and check every input; raise BuildFailed listing every problem found.

    Given the `memo` of the last build, what did not change is not read again, and every value
    equal to the last build's is that same object, so later steps see at a glance what changed.
    `workers`: processes that may read the narratives (None: one per core). `compile_now`
    turns the narratives' Markdown into HTML as they are read, while this process reads the fact
    files; otherwise each is compiled when its page is first rendered.
    """
    memo = memo or Memo()
    errors = ErrorCollector(project.root)
    _refuse_links_outside(project, errors)
    errors.raise_if_any()
    # Files read whole into values of their own: read again only when their bytes change.
    settings = _unless_unchanged(
        memo, project.data / "site.yaml", lambda: load_settings(project, errors), errors
    )
    sources_file = project.data / "sources.yaml"
    sources = memo.same(
        "sources",
        _same(
            memo,
            "source",
            _unless_unchanged(
                memo, sources_file, lambda: load_sources(sources_file, errors), errors
            ),
        ),
    )
    # Narratives do not depend on facts: they are read (and compiled) in other processes while
    # this one reads the fact files, and their problems are reported after the data's. One
    # worker a core although this process is busy too: a large site's narratives take longer
    # than its facts, and shared three ways the cores finish both sooner (1.0 s against 1.2 s
    # for 1,000 stories and 10,000 facts on two cores).
    narrative_errors = ErrorCollector(project.root)
    (home, stories, pages), (facts, declared_facts) = _all_narratives(
        project,
        narrative_errors,
        memo,
        compile_now,
        workers,
        parallel.Alongside(
            lambda: load_facts(project.data / "facts", sources, errors, memo), busy=False
        ),
    )
    series, declared_series = load_series(
        project.data / "series.yaml", facts, declared_facts, errors
    )
    series = _same(memo, "series", series)
    charts, declared_charts = load_charts(
        project.data / "charts.yaml", series, declared_series, facts, errors
    )
    charts = _same(memo, "chart", charts)
    zones_file = project.data / "zones.csv"
    zones = _unless_unchanged(memo, zones_file, lambda: load_zones(zones_file, errors), errors)
    errors.errors.extend(narrative_errors.errors)
    if not isinstance(declared_facts, UnreadableKeys):
        declared_facts = memo.same("declared facts", declared_facts)
    if not isinstance(declared_charts, UnreadableKeys):
        declared_charts = memo.same("declared charts", frozenset(declared_charts))
    for narrative in (*home, *stories, *pages):
        memo.get(
            ("references", narrative.path),
            (narrative, declared_facts, declared_charts),
            lambda n=narrative: check_references(n, declared_facts, declared_charts, errors),
            errors,
        )
    for narrative in home:
        _check_key_facts(narrative, declared_facts, errors)
        _check_lead_chart(narrative, declared_charts, errors)
    for narrative in (*stories, *pages):
        _refuse_home_fields(narrative, errors)
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


def published_at(site: SiteContent, base_url: str, memo: Memo) -> SiteContent:
    """The site as published at another address than its settings say."""
    settings = site.settings.model_copy(update={"base_url": HttpUrl(base_url)})
    return dataclasses.replace(site, settings=memo.same("published settings", settings))


def _refuse_links_outside(project: Project, errors: ErrorCollector) -> None:
    """A symbolic link to a file outside the project could publish it (a key, a password
    file): every input must live inside the project."""
    root = project.root.resolve()
    for folder in (project.data, project.content, project.static, project.templates):
        if not folder.is_relative_to(project.root):
            continue  # the engine's own templates and static files serve this project
        for link in map(Path, _symbolic_links(str(folder))):
            if not link.resolve().is_relative_to(root):
                errors.add(
                    link.relative_to(project.root).as_posix(),  # the link, not its target
                    None,
                    f"this is a link to {link.resolve()}, outside the project",
                    "copy the file into the project instead of linking to it",
                )


def _symbolic_links(folder: str) -> Iterator[str]:
    """Every symbolic link under `folder`, none followed. A folder's listing tells which entries
    are links: thousands of narratives cost no call to the system each."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_symlink():
            yield entry.path
        elif entry.is_dir(follow_symlinks=False):
            yield from _symbolic_links(entry.path)


def _unless_unchanged(memo: Memo, path: Path, load: Callable[[], T], errors: ErrorCollector) -> T:
    return memo.get(("file", path), contents(path), load, errors)


def _same(memo: Memo, kind: str, values: dict[str, T]) -> dict[str, T]:
    return {key: memo.same((kind, key), value) for key, value in values.items()}


def _all_narratives(
    project: Project,
    errors: ErrorCollector,
    memo: Memo,
    compile_now: bool,
    workers: int | None,
    alongside: parallel.Alongside,
) -> tuple[tuple[list[Narrative], list[Narrative], list[Narrative]], Any]:
    """The home page, stories and pages, each the last build's where its file is unchanged; and
    what `alongside` returns, run in this process meanwhile."""
    groups = (
        [project.content / "home.md"],
        _markdown_files(project.content / "stories"),
        _markdown_files(project.content / "pages"),
    )
    digests = {path: fingerprint(path) for group in groups for path in group}
    for path, digest in digests.items():
        if digest is None:
            errors.add(path, None, "file is missing", f"create {path.name} with front matter")
    kept = {path: memo.find(("narrative", path), digest) for path, digest in digests.items()}
    changed = [path for path, narrative in kept.items() if narrative is MISSING and digests[path]]
    read, meanwhile = parallel.fork_map(
        partial(_read_narrative, root=project.root, compile_now=compile_now),
        changed,
        parallel.worker_count(len(changed), workers),
        alongside,
    )
    for path, (narrative, problems) in zip(changed, read, strict=True):
        errors.errors.extend(problems)
        if not problems:
            memo.put(("narrative", path), digests[path], narrative)
        kept[path] = narrative
    found = tuple(
        [kept[path] for path in group if isinstance(kept[path], Narrative)] for group in groups
    )
    return (found[0], found[1], found[2]), meanwhile


def _read_narrative(
    path: Path, root: Path, compile_now: bool
) -> tuple[Narrative | None, list[SiteError]]:
    """One narrative, compiled if `compile_now`, and its problems: a form that can leave a
    worker. Many narratives take longer to compile than the fact files to read."""
    errors = ErrorCollector(root)
    narrative = load_narrative(path, errors)
    if narrative and compile_now:
        narrative.html  # noqa: B018 (compiles and keeps the HTML, which travels with it)
    return narrative, errors.errors


def _markdown_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md"), key=lambda path: path.name)  # names sort faster


def _check_key_facts(home: Narrative, facts: set[str], errors: ErrorCollector) -> None:
    for key in home.meta.key_facts:
        if key not in facts:
            errors.add(
                home.path,
                home.field_lines.get("key_facts"),
                f"key_facts lists {key!r}, which is not a fact",
                did_you_mean(key, facts, "fact"),
            )


def _check_lead_chart(home: Narrative, charts: set[str], errors: ErrorCollector) -> None:
    key = home.meta.lead_chart
    if key is not None and key not in charts:
        errors.add(
            home.path,
            home.field_lines.get("lead_chart"),
            f"lead_chart is {key!r}, which is not a chart",
            did_you_mean(key, charts, "chart to data/charts.yaml"),
        )
    elif key is not None and key in home.cites[1]:
        errors.add(
            home.path,
            home.field_lines.get("lead_chart"),
            f"chart {key!r} is the lead chart and is placed in the text too",
            f"remove [[chart:{key}]] from the text, or choose another lead_chart",
        )


def _refuse_home_fields(narrative: Narrative, errors: ErrorCollector) -> None:
    """key_facts and lead_chart shape the home page only: elsewhere they would do nothing."""
    if narrative.meta.lead_chart is not None:
        errors.add(
            narrative.path,
            narrative.field_lines.get("lead_chart"),
            "lead_chart works only on the home page, content/home.md",
            f"place the chart in the text instead, on a line of its own: "
            f"[[chart:{narrative.meta.lead_chart}]]",
        )
    if narrative.meta.key_facts:
        errors.add(
            narrative.path,
            narrative.field_lines.get("key_facts"),
            "key_facts works only on the home page, content/home.md",
            "cite the facts in the text instead, as [[fact_key]]",
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
