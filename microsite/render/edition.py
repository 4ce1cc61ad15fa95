"""A site's content as one of its editions shows it: for Chinese, each record's `zh:` words
in place of the English, its numbers and dates written the Chinese way, and the Chinese
narratives in place of the English ones. What has no translation yet keeps its English words,
and `untranslated` names it, for the check to report."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from microsite.inputs.charts import Chart, Trace
from microsite.inputs.content import SiteContent
from microsite.inputs.facts import Fact
from microsite.inputs.project import NavItem, Settings
from microsite.inputs.rankings import Ranking
from microsite.inputs.series import Series
from microsite.inputs.sources import Source
from microsite.inputs.timeline import Event, Timeline
from microsite.inputs.zones import Zone
from microsite.render.languages import Language
from microsite.reuse import PLAIN, Reuse

T = TypeVar("T")
Item = TypeVar("Item")
R = TypeVar("R")
RUN = 100  # values compared at once, before one by one


def localized(
    content: SiteContent,
    language: Language,
    reuse: Reuse = PLAIN,
    gettext: Callable[[str], str] = str,
) -> SiteContent:
    """The content of `language`'s edition, whose interface text `gettext` translates; the
    English edition is the content itself. Through the build's `reuse`, each value equal to the
    last build's is that same object."""
    if language.code == "en":
        return content
    code = language.code

    def each(
        kind: str,
        values: dict[str, T],
        make: Callable[[T], T],
        uses: Callable[[T], tuple[object, ...]] = lambda value: (),
        made_of: tuple[dict[str, Any], ...] = (),
    ) -> dict[str, T]:
        """Each value as the edition shows it, made again only when it or what it `uses` (the
        edition's values it is made of, among `made_of`) changed. Values are compared a run at
        a time, with `made_of` whole, and one by one only in a run that changed: 10,000 facts
        are quick to confirm."""
        made: dict[str, T] = {}
        for part in _in_runs(
            tuple(values.items()),
            (code, kind, "run"),
            lambda run: {
                key: reuse.get((code, kind, key), (value, uses(value)), lambda v=value: make(v))
                for key, value in run
            },
            reuse,
            made_of,
        ):
            made |= part
        return made

    sources = each("source", content.sources, _source)
    facts = each(
        "fact",
        content.facts,
        lambda fact: _fact(fact, sources),
        lambda fact: tuple(sources.get(source.key) for source in fact.sources),
        (sources,),
    )
    series = each(
        "series",
        content.series,
        lambda value: _series(value, facts),
        lambda value: tuple(facts[point.key] for point in value.points),
        (facts,),
    )
    charts = each(
        "chart",
        content.charts,
        lambda chart: _chart(chart, series, facts, sources),
        lambda chart: (
            tuple(series[trace.series.key] for trace in chart.traces),
            tuple(series[trace.labels.key] for trace in chart.traces if trace.labels),
            tuple(facts[fact.key] for _, fact in chart.annotations),
            tuple(facts[count.key] for _, count in chart.coverage),
            tuple(sources.get(source.key) for source in chart.credited),
        ),
        (series, facts, sources),
    )

    translated = content.translations
    zones = reuse.same((language.code, "zones"), _zones(content.zones, language))
    return dataclasses.replace(
        content,
        settings=reuse.same((language.code, "settings"), _settings(content.settings)),
        sources=sources,
        facts=facts,
        series=series,
        charts=charts,
        home=translated.get(content.home.display_path, content.home),
        stories=tuple(translated.get(n.display_path, n) for n in content.stories),
        pages=tuple(translated.get(n.display_path, n) for n in content.pages),
        timeline=reuse.same((language.code, "timeline"), _timeline(content.timeline)),
        zones=zones,
        rankings=reuse.same((language.code, "rankings"), _rankings(content.rankings, zones)),
        gettext=gettext,
        language=language.code,
    )


def untranslated(content: SiteContent, reuse: Reuse = PLAIN) -> list[tuple[str, str]]:
    """What the Chinese edition would show in English: (file, what), in the files' order.
    Through the build's `reuse`, facts are looked at again only a hundred around a change."""
    found = []
    settings = content.settings
    if settings.zh is None:
        found.append(("data/site.yaml", "the site's title, tagline and menu (zh:)"))
    elif len(settings.zh.nav) != len(settings.nav):
        found.append(("data/site.yaml", "a Chinese label for each item of the menu (zh: nav:)"))
    for part in _in_runs(
        tuple(content.facts.values()),
        ("untranslated facts",),
        lambda run: [entry for fact in run for entry in _untranslated_fact(fact)],
        reuse,
    ):
        found += part
    for chart in content.charts.values():
        if chart.zh is None or len(chart.zh.notes) != len(chart.notes):
            found.append(("data/charts.yaml", f"chart {chart.key!r} (zh: title, subtitle, notes)"))
        for trace in chart.traces:
            if trace.name_zh is None:
                found.append(("data/charts.yaml", f"a line of chart {chart.key!r} (zh: name)"))
        if None in chart.annotations_zh:
            found.append(("data/charts.yaml", f"a marked event of chart {chart.key!r} (zh: text)"))
    for series in content.series.values():
        if series.label_zh is None:
            found.append(("data/series.yaml", f"series {series.key!r} (zh: label)"))
    for event in content.timeline.events:
        if event.zh is None or (event.text and not event.zh.text):
            found.append((content.timeline.path, f"{event.name} (zh: title, text)"))
    for narrative in (content.home, *content.stories, *content.pages):
        if narrative.display_path not in content.translations:
            found.append((narrative.display_path, "no Chinese file under content/zh/"))
    return found


def _in_runs(
    items: Sequence[Item],
    key: tuple[Hashable, ...],
    each_run: Callable[[tuple[Item, ...]], R],
    reuse: Reuse,
    also: Any = (),
) -> list[R]:
    """`each_run` applied to the items a hundred at a time; through the build's `reuse`, again
    only to a run that changed, or all of them when what they `also` depend on changed, so that
    10,000 unchanged facts are quick to confirm."""
    runs = [tuple(items[start : start + RUN]) for start in range(0, len(items), RUN)]
    return [
        reuse.get((*key, index * RUN), (run, also), lambda run=run: each_run(run))
        for index, run in enumerate(runs)
    ]


def _untranslated_fact(fact: Fact) -> list[tuple[str, str]]:
    found = []
    if fact.zh is None:
        found.append((fact.path, f"fact {fact.key!r} (zh: label)"))
    elif fact.notes and not fact.zh.notes:
        found.append((fact.path, f"the notes of fact {fact.key!r} (zh: notes)"))
    if any(entry.zh is None for entry in fact.corrections):
        found.append((fact.path, f"a correction of fact {fact.key!r} (zh: reason)"))
    return found


def _settings(settings: Settings) -> Settings:
    zh = settings.zh
    if zh is None:
        return settings
    labels = zh.nav if len(zh.nav) == len(settings.nav) else [i.label for i in settings.nav]
    nav = [
        NavItem(label=label, path=item.path)
        for label, item in zip(labels, settings.nav, strict=True)
    ]
    licence = settings.licence
    if zh.licence:
        licence = licence.model_copy(update={"title": zh.licence})
    return settings.model_copy(
        update={
            "licence": licence,
            "title": zh.title,
            "tagline": zh.tagline,
            "description": zh.description,
            "publisher": zh.publisher,
            "nav": nav,
        }
    )


def _source(source: Source) -> Source:
    zh = source.zh
    shown = source.in_language("zh")
    if zh is None:
        return shown
    update = {"publisher": zh.publisher, "title": zh.title, "url": zh.url, "read_on": zh.read_on}
    translated = shown.model_copy(update={k: v for k, v in update.items() if v is not None})
    translated._language = "zh"
    return translated


def _fact(fact: Fact, sources: dict[str, Source]) -> Fact:
    zh = fact.zh
    topic = fact.topic
    if topic.title_zh:
        topic = dataclasses.replace(topic, title=topic.title_zh)
    corrections = tuple(
        entry.model_copy(update={"reason": entry.zh.reason}) if entry.zh else entry
        for entry in fact.corrections
    )
    return dataclasses.replace(
        fact,
        language="zh",
        label=zh.label if zh else fact.label,
        short=(zh.short_label if zh else None) or (None if zh else fact.short),
        notes=(zh.notes if zh and zh.notes else fact.notes),
        sources=tuple(sources.get(source.key, source) for source in fact.sources),
        topic=topic,
        corrections=corrections,
    )


def _series(series: Series, facts: dict[str, Fact]) -> Series:
    return dataclasses.replace(
        series,
        label=series.label_zh or series.label,
        points=tuple(facts[point.key] for point in series.points),
        gaps=tuple(dataclasses.replace(gap, note=gap.note_zh or gap.note) for gap in series.gaps),
    )


def _chart(
    chart: Chart, series: dict[str, Series], facts: dict[str, Fact], sources: dict[str, Source]
) -> Chart:
    zh = chart.zh
    traces = tuple(_trace(trace, series) for trace in chart.traces)
    annotations = tuple(
        (text_zh or text, facts[fact.key])
        for (text, fact), text_zh in zip(chart.annotations, chart.annotations_zh, strict=True)
    )
    return dataclasses.replace(
        chart,
        title=zh.title if zh else chart.title,
        subtitle=zh.subtitle if zh else chart.subtitle,
        notes=tuple(zh.notes) if zh and len(zh.notes) == len(chart.notes) else chart.notes,
        traces=traces,
        annotations=annotations,
        credited=tuple(sources.get(source.key, source) for source in chart.credited),
        coverage=tuple((key, facts[count.key]) for key, count in chart.coverage),
    )


def _trace(trace: Trace, series: dict[str, Series]) -> Trace:
    return dataclasses.replace(
        trace,
        name=trace.name_zh or trace.name,
        series=series[trace.series.key],
        labels=series[trace.labels.key] if trace.labels else None,
    )


def _zones(zones: tuple[Zone, ...], language: Language) -> tuple[Zone, ...]:
    return tuple(dataclasses.replace(zone, language=language.code) for zone in zones)


def _rankings(rankings: tuple[Ranking, ...], zones: tuple[Zone, ...]) -> tuple[Ranking, ...]:
    """Each rank joined to its zone as the edition shows it."""
    by_id = {zone.id: zone for zone in zones}
    return tuple(dataclasses.replace(rank, zone=by_id[rank.zone.id]) for rank in rankings)


def _timeline(timeline: Timeline) -> Timeline:
    return dataclasses.replace(timeline, events=tuple(_event(e) for e in timeline.events))


def _event(event: Event) -> Event:
    zh = event.zh
    if zh is None:
        return dataclasses.replace(event, language="zh")
    return dataclasses.replace(event, title=zh.title, text=zh.text or "", language="zh")
