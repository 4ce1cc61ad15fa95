"""Everything a site is made of, read and checked before anything is written."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from pydantic import HttpUrl

from microsite.errors import ErrorCollector, SiteError
from microsite.inputs.charts import Chart, load_charts
from microsite.inputs.declared import Declared
from microsite.inputs.facts import Fact, load_facts
from microsite.inputs.geo import OUTLINE_FILE, PLACES_FILE, PROVINCES_FILE, Geo, load_geo
from microsite.inputs.narratives import (
    Narrative,
    check_references,
    load_narrative,
    translation_of,
)
from microsite.inputs.project import Project, Settings, load_settings
from microsite.inputs.rankings import Ranking, load_rankings
from microsite.inputs.series import Series, load_series
from microsite.inputs.sources import Source, load_sources
from microsite.inputs.timeline import Timeline, check_timeline, load_timeline
from microsite.inputs.yamlfile import contents
from microsite.inputs.zones import Zone, load_zones
from microsite.reuse import PLAIN, Reuse
from microsite.suggest import did_you_mean

T = TypeVar("T")
GEO_FILES = (OUTLINE_FILE, PROVINCES_FILE, PLACES_FILE)
TRANSLATIONS = "zh"  # the folder of content/ that holds the Chinese narratives


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
    rankings: tuple[Ranking, ...]
    geo: Geo
    timeline: Timeline
    # The Chinese narratives, content/zh/…, each by its English file's display path.
    translations: dict[str, Narrative] = dataclasses.field(default_factory=dict)
    # The interface text the engine writes, in the edition's language: gettext("Sources").
    # English shows it as written; render/edition.py gives another edition its catalogue's.
    gettext: Callable[[str], str] = str
    language: str = "en"  # the edition this content is for (render/edition.py)


class ReadNarratives(Protocol):
    """Reads the narratives at `paths` under the project `root`, and runs `meanwhile` (reading
    the fact files) in the same time: each narrative, or None where it has problems; the
    problems; and what `meanwhile` returned."""

    def __call__(
        self, root: Path, paths: list[Path], meanwhile: Callable[[], T]
    ) -> tuple[dict[Path, Narrative | None], list[SiteError], T]: ...


def read_in_turn(
    root: Path, paths: list[Path], meanwhile: Callable[[], T]
) -> tuple[dict[Path, Narrative | None], list[SiteError], T]:
    """The plain way to read the narratives: after `meanwhile`, one by one."""
    done = meanwhile()
    read = {path: read_narrative(path, root) for path in paths}
    found = {path: narrative for path, (narrative, _) in read.items()}
    return found, [problem for _, problems in read.values() for problem in problems], done


def read(
    project: Project, reuse: Reuse = PLAIN, read_narratives: ReadNarratives = read_in_turn
) -> SiteContent:
    """Read and check every input; raise BuildFailed listing every problem found.

    Through the build's `reuse`, what did not change is not read again, and every value equal
    to the last build's is that same object, so later steps see at a glance what changed. The
    build passes its own `read_narratives`, which reads them in other processes."""
    errors = ErrorCollector(project.root)
    _refuse_links_outside(project, errors)
    errors.raise_if_any()
    data = project.data
    # Files read whole into values of their own: read again only when their bytes change.
    settings = reuse.get(
        ("file", data / "site.yaml"),
        contents(data / "site.yaml"),
        lambda: load_settings(project, errors),
        errors,
    )
    sources = reuse.same(
        "sources",
        _same(reuse, "source", _whole(reuse, data / "sources.yaml", load_sources, errors)),
    )
    # Narratives do not depend on facts: they may be read meanwhile, and their problems are
    # reported after the data's.
    groups = _narrative_files(project, errors)
    narratives, narrative_problems, read_facts = read_narratives(
        project.root,
        [path for group in groups for path in group],
        lambda: load_facts(data / "facts", sources, errors, reuse),
    )
    facts = read_facts.values
    read_series = load_series(data / "series.yaml", facts, read_facts.declared, errors)
    series = _same(reuse, "series", read_series.values)
    read_charts = load_charts(data / "charts.yaml", series, read_series.declared, facts, errors)
    charts = _same(reuse, "chart", read_charts.values)
    geo = reuse.get(
        ("folder", data / "geo"),
        _geo_files(data / "geo"),
        lambda: load_geo(data / "geo", errors),
        errors,
    )
    problems_before = len(errors.errors)
    zones = reuse.get(
        ("file", data / "zones.csv"),
        (contents(data / "zones.csv"), geo),
        lambda: load_zones(data / "zones.csv", geo, errors),
        errors,
    )
    # A zone whose row has a problem is reported there, not again by every rank and event
    # that names it: they are joined to the zones only when the whole list could be read.
    zones_whole = len(errors.errors) == problems_before
    rankings = reuse.get(
        ("file", data / "rankings.csv"),
        (contents(data / "rankings.csv"), zones, zones_whole),
        lambda: load_rankings(data / "rankings.csv", zones if zones_whole else None, errors),
        errors,
    )
    timeline = _whole(reuse, data / "timeline.yaml", load_timeline, errors)
    zone_ids = {zone.id for zone in zones} if zones_whole else set()
    check_timeline(timeline, sources, read_facts.declared, zone_ids, errors)
    errors.errors.extend(narrative_problems)
    home, stories, pages, translated = (
        [narrative for path in group if (narrative := narratives.get(path))] for group in groups
    )
    known = Known(
        reuse.same("declared facts", read_facts.declared),
        reuse.same("declared charts", read_charts.declared),
    )
    _check_narratives(home, stories, pages, known, errors, reuse)
    translations = _paired(project, translated, (*home, *stories, *pages), errors)
    for narrative in translations.values():
        reuse.get(
            ("references", narrative.path),
            (narrative, known),
            lambda n=narrative: check_references(n, known.facts, known.charts, errors),
            errors,
        )
    _check_atlas_pages(pages, data, zones, rankings, errors)
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
        rankings,
        geo,
        timeline,
        translations,
    )


@dataclass(frozen=True)
class Known:
    """The fact and chart keys a narrative may cite."""

    facts: Declared
    charts: Declared


def _check_narratives(
    home: list[Narrative],
    stories: list[Narrative],
    pages: list[Narrative],
    known: Known,
    errors: ErrorCollector,
    reuse: Reuse,
) -> None:
    """Every reference resolves, the home page's own fields name real facts and charts and are
    used nowhere else, and no two narratives share a slug."""
    for narrative in (*home, *stories, *pages):
        reuse.get(
            ("references", narrative.path),
            (narrative, known),
            lambda n=narrative: check_references(n, known.facts, known.charts, errors),
            errors,
        )
    for narrative in home:
        _check_key_facts(narrative, known.facts, errors)
        _check_lead_chart(narrative, known.charts, errors)
    for narrative in (*stories, *pages):
        _refuse_home_fields(narrative, errors)
        _check_total(narrative, known.facts, errors)
    _check_unique_slugs((*stories, *pages), errors)


def published_at(site: SiteContent, base_url: str, reuse: Reuse = PLAIN) -> SiteContent:
    """The site as published at another address than its settings say."""
    settings = site.settings.model_copy(update={"base_url": HttpUrl(base_url)})
    return dataclasses.replace(site, settings=reuse.same("published settings", settings))


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


def _whole(
    reuse: Reuse, path: Path, load: Callable[[Path, ErrorCollector], T], errors: ErrorCollector
) -> T:
    """A file read whole into a value of its own: read again only when its bytes change."""
    return reuse.get(("file", path), contents(path), lambda: load(path, errors), errors)


def _geo_files(folder: Path) -> tuple[bytes | None, ...]:
    """What the map data is read from: while these bytes are the same, so is the Geo."""
    return tuple(contents(folder / name) for name in GEO_FILES)


def _same(reuse: Reuse, kind: str, values: dict[str, T]) -> dict[str, T]:
    return {key: reuse.same((kind, key), value) for key, value in values.items()}


def _narrative_files(project: Project, errors: ErrorCollector) -> tuple[list[Path], ...]:
    """The home page, the stories, the pages and the translations, in four lists."""
    home = project.content / "home.md"
    if not home.is_file():
        errors.add(home, None, "file is missing", f"create {home.name} with front matter")
    return (
        [home] if home.is_file() else [],
        _markdown_files(project.content / "stories"),
        _markdown_files(project.content / "pages"),
        _translation_files(project.content / TRANSLATIONS),
    )


def _translation_files(folder: Path) -> list[Path]:
    home = folder / "home.md"
    found = [home] if home.is_file() else []
    return found + _markdown_files(folder / "stories") + _markdown_files(folder / "pages")


def _paired(
    project: Project,
    translated: list[Narrative],
    english: tuple[Narrative, ...],
    errors: ErrorCollector,
) -> dict[str, Narrative]:
    """Each translation joined to the English file of the same name, by that file's path."""
    by_path = {narrative.path: narrative for narrative in english}
    folder = project.content / TRANSLATIONS
    paired = {}
    for narrative in translated:
        original = project.content / narrative.path.relative_to(folder)
        if original not in by_path:
            if not original.is_file():
                errors.add(
                    narrative.path,
                    1,
                    f"no English file {errors.display(original)} to translate",
                    "give the translation the name of the English story or page it translates,"
                    " under the same folder",
                )
            continue  # an English file with problems is reported at that file
        paired[by_path[original].display_path] = translation_of(by_path[original], narrative)
    return paired


def read_narrative(
    path: Path, root: Path, compile_now: bool = False
) -> tuple[Narrative | None, list[SiteError]]:
    """One narrative, compiled if `compile_now`, and its problems: a form that can leave a
    worker process. Many narratives take longer to compile than the fact files to read."""
    errors = ErrorCollector(root)
    translated = path.is_relative_to(root / "content" / TRANSLATIONS)
    narrative = load_narrative(path, errors, translated)
    if narrative and compile_now:
        narrative.html  # noqa: B018 (compiles and keeps the HTML, which travels with it)
    return narrative, errors.errors


def _markdown_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.md"), key=lambda path: path.name)  # names sort faster


def _check_key_facts(home: Narrative, facts: Declared, errors: ErrorCollector) -> None:
    for key in home.meta.key_facts:
        if key not in facts:
            errors.add(
                home.path,
                home.field_lines.get("key_facts"),
                f"key_facts lists {key!r}, which is not a fact",
                did_you_mean(key, facts, "fact"),
            )


def _check_lead_chart(home: Narrative, charts: Declared, errors: ErrorCollector) -> None:
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


ATLAS_LAYOUTS = ("zones", "provinces", "rankings")


def _check_atlas_pages(
    pages: list[Narrative],
    data: Path,
    zones: tuple[Zone, ...],
    rankings: tuple[Ranking, ...],
    errors: ErrorCollector,
) -> None:
    """The atlas's pages live at the addresses its links lead to (/zones/, /provinces/,
    /rankings/), and the zones and ranks have the pages that show them."""
    layouts = set()
    for page in pages:
        layout = page.meta.layout
        if layout in ATLAS_LAYOUTS:
            layouts.add(layout)
            if page.meta.slug != layout:
                errors.add(
                    page.path,
                    page.field_lines.get("slug"),
                    f"a page with layout: {layout} lives at /{layout}/, not /{page.meta.slug}/",
                    f"write slug: {layout}: the map, the province pages and search link there",
                )
    for things, layout, file in (
        (zones, "zones", "zones.csv"),
        (rankings, "rankings", "rankings.csv"),
    ):
        if things and layout not in layouts:
            errors.add(
                data / file,
                None,
                f"data/{file} has no page to show it",
                f"add content/pages/{layout}.md with layout: {layout} and slug: {layout}",
            )


def _check_total(narrative: Narrative, facts: Declared, errors: ErrorCollector) -> None:
    """The directory's `total` names a real fact, and only the directory has one."""
    key = narrative.meta.total
    line = narrative.field_lines.get("total")
    if key is None:
        return
    if narrative.meta.layout != "zones":
        errors.add(
            narrative.path,
            line,
            "total works only on the zone directory, a page with layout: zones",
            "remove the total line",
        )
    elif key not in facts:
        errors.add(
            narrative.path,
            line,
            f"total is {key!r}, which is not a fact",
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
