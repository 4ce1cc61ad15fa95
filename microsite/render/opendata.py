"""The site's data for reuse: every fact, source, unit, zone and chart as CSV and JSON, and a
Frictionless Data Package (datapackage.json) that describes each CSV, its units, sources and
licence. Everything lives under data/ in the site, so the package's paths stay inside it."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from microsite import units
from microsite.inputs.charts import Chart
from microsite.inputs.content import SiteContent
from microsite.inputs.facts import Fact
from microsite.inputs.sources import Source
from microsite.render import atlasdata
from microsite.render.datapackage import (
    CHART_COLUMNS,
    FACT_COLUMNS,
    SOURCE_COLUMNS,
    UNIT_COLUMNS,
    Column,
    datapackage,
    sources_terms,
    to_json,
)
from microsite.reuse import PLAIN, Reuse

FOLDER = "data/"
PACKAGE = FOLDER + "datapackage.json"


def files(content: SiteContent, reuse: Reuse = PLAIN) -> dict[str, str]:
    """Every download, by its path in the site. Through the build's `reuse`, each unchanged
    topic's rows and records are reused as text, and within a changed topic each unchanged
    fact's: a preview that changed one fact of 10,000 writes one row again."""
    base_url = content.settings.root_url
    # Each topic's rows together, then each fact's: a changed fact costs its topic, not all.
    topics = [
        reuse.get(
            ("fact rows", facts[0].key),
            (facts, base_url),
            lambda facts=facts: _topic_texts(facts, base_url, reuse),
        )
        for facts in _runs_by_topic(content.facts.values())
    ]
    found = {
        FOLDER + "facts.csv": _table(FACT_COLUMNS, []) + "".join(lines for lines, _ in topics),
        FOLDER + "facts.json": factsto_json([records for _, records in topics], content),
        FOLDER + "sources.csv": sources_csv(content.sources.values()),
        FOLDER + "units.csv": _table(UNIT_COLUMNS, _unit_rows()),
    }
    if content.zones:
        found.update(_directory_files(content, base_url))
    for chart in content.charts.values():
        found[chart_file(chart.key, "csv")] = chart_csv(chart)
        found[chart_file(chart.key, "json")] = chartto_json(chart, base_url)
    found[PACKAGE] = datapackage(content)
    return found


def downloads(content: SiteContent) -> list[tuple[str, str, str]]:
    """The files of the data package, as a catalogue lists them: (name, path in the site,
    media type)."""
    gettext = content.gettext  # the names in the edition's language; the files are shared
    found = [
        (gettext("Data package descriptor"), PACKAGE, "application/json"),
        (gettext("Every figure (CSV)"), FOLDER + "facts.csv", "text/csv"),
        (gettext("Every figure (JSON)"), FOLDER + "facts.json", "application/json"),
        (gettext("Sources (CSV)"), FOLDER + "sources.csv", "text/csv"),
        (gettext("Units (CSV)"), FOLDER + "units.csv", "text/csv"),
    ]
    if content.zones:
        found.append((gettext("Zones (CSV)"), FOLDER + "zones.csv", "text/csv"))
        found.append((gettext("Zones (JSON)"), FOLDER + "zones.json", "application/json"))
    if content.rankings:
        found.append((gettext("Rankings (CSV)"), FOLDER + "rankings.csv", "text/csv"))
        found.append((gettext("Rankings (JSON)"), FOLDER + "rankings.json", "application/json"))
    for chart in content.charts.values():
        csv_name = gettext("{title} (CSV)").format(title=chart.title)
        json_name = gettext("{title} (JSON)").format(title=chart.title)
        found.append((csv_name, chart_file(chart.key, "csv"), "text/csv"))
        found.append((json_name, chart_file(chart.key, "json"), "application/json"))
    return found


def _directory_files(content: SiteContent, base_url: str) -> dict[str, str]:
    """The zones and their ranks, as CSV and JSON."""
    zones = [atlasdata.zone_record(zone, base_url) for zone in content.zones]
    rankings = [atlasdata.ranking_record(ranking) for ranking in content.rankings]
    found = {
        FOLDER + "zones.csv": _table(
            atlasdata.ZONE_TABLE, (atlasdata.as_row(z, atlasdata.ZONE_TABLE) for z in zones)
        ),
        FOLDER + "zones.json": to_json(zones, readable=True),
    }
    if rankings:
        table = atlasdata.RANKING_TABLE
        found[FOLDER + "rankings.csv"] = _table(
            table, (atlasdata.as_row(r, table) for r in rankings)
        )
        found[FOLDER + "rankings.json"] = to_json(rankings, readable=True)
    return found


def chart_file(key: str, extension: str) -> str:
    return f"{FOLDER}charts/{key}.{extension}"


def _runs_by_topic(facts: Iterable[Fact]) -> list[tuple[Fact, ...]]:
    """The facts in their order, in runs of one topic."""
    return [tuple(run) for _, run in itertools.groupby(facts, key=lambda fact: fact.topic)]


def _topic_texts(facts: tuple[Fact, ...], base_url: str, reuse: Reuse) -> tuple[str, str]:
    """A run of facts' lines of facts.csv, and their records in facts.json joined by commas."""
    texts = [
        reuse.get(("fact row", fact.key), (fact, base_url), lambda f=fact: _fact_texts(f, base_url))
        for fact in facts
    ]
    return "".join(line for line, _ in texts), ",".join(record for _, record in texts)


def _fact_texts(fact: Fact, base_url: str) -> tuple[str, str]:
    """The fact's line of facts.csv and its record in facts.json."""
    row = [
        fact.key,
        fact.label,
        fact.zh.label if fact.zh else "",
        _number(fact.value),
        fact.unit,
        fact.qualifier or "",
        fact.period,
        fact.covers or "",
        fact.topic.title,
        fact.topic.title_zh or "",
        fact.reliability,
        _boolean(fact.derived),
        fact.formula or "",
        "; ".join(fact.inputs),
        "; ".join(source.key for source in fact.sources),
        fact.notes or "",
        (fact.zh.notes if fact.zh else None) or "",
        fact_url(fact.key, base_url),
    ]
    line = _table(FACT_COLUMNS, [row]).partition("\n")[2]
    return line, to_json(_fact_record(fact, base_url)).rstrip("\n")


def factsto_json(records: list[str], content: SiteContent) -> str:
    """facts.json, from the facts' records already written as JSON (one record or several
    joined by commas an item)."""
    settings = content.settings
    about = to_json(
        {
            "title": f"Every figure on {settings.title}",
            "publisher": settings.publisher,
            "url": settings.root_url,
            "licence": settings.licence.model_dump(mode="json"),
            "terms": sources_terms(settings.title),
            "units": {code: unit.description for code, unit in units.UNITS.items()},
        }
    )
    return about.removesuffix("}\n") + ',"facts":[' + ",".join(records) + "]}\n"


def sources_csv(sources: Iterable[Source]) -> str:
    return _table(
        SOURCE_COLUMNS,
        (
            [
                source.key,
                source.publisher,
                (source.zh.publisher if source.zh else None) or "",
                source.title,
                _boolean(source.title_is_description),
                source.address,
                source.date or "",
                source.reliability,
                source.read_on or "",
            ]
            for source in sorted(sources, key=lambda source: source.key)
        ),
    )


def chart_csv(chart: Chart) -> str:
    return _table(
        CHART_COLUMNS,
        (
            [
                trace.name,
                point.period,
                _number(point.value),
                point.unit,
                point.qualifier or "",
                point.key,
                _covered(chart, point),
                _boolean(point.derived),
                point.reliability,
                " | ".join(f"{s.publisher}: {s.address}" for s in point.sources),
            ]
            for trace in chart.traces
            for point in trace.series.points
        ),
    )


def _covered(chart: Chart, point: Fact) -> str:
    count = chart.covering(point)
    return _number(count.value) if count else ""


def chartto_json(chart: Chart, base_url: str) -> str:
    return to_json(
        {
            "title": chart.title,
            "subtitle": chart.subtitle,
            "url": chart_url(chart.key, base_url),
            "notes": list(chart.notes),
            "missing": list(chart.gap_notes),
            "series": [
                {
                    "name": trace.name,
                    "points": [_fact_record(point, base_url) for point in trace.series.points],
                }
                for trace in chart.traces
            ],
        }
    )


def fact_url(key: str, base_url: str) -> str:
    return f"{base_url}facts/#{key}"


def chart_url(key: str, base_url: str) -> str:
    return f"{base_url}charts/{key}/"


def _fact_record(fact: Fact, base_url: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "key": fact.key,
        "label": fact.label,
        "label_zh": fact.zh.label if fact.zh else None,
        "value": _json_number(fact.value),
        "unit": fact.unit,
        "as_written": fact.exact_phrase,
        "qualifier": fact.qualifier,
        "period": fact.period,
        "covers": fact.covers,
        "topic": fact.topic.title,
        "topic_zh": fact.topic.title_zh,
        "reliability": fact.reliability,
        "calculated_by_site": fact.derived,
        "url": fact_url(fact.key, base_url),
    }
    if fact.derived:
        record["formula"] = fact.formula
        record["inputs"] = list(fact.inputs)
    record["sources"] = [
        {
            "key": s.key,
            "publisher": s.publisher,
            "title": s.title,
            "url": s.address,
            "date": s.date,
        }
        for s in fact.sources
    ]
    if fact.notes:
        record["notes"] = fact.notes
    if fact.zh and fact.zh.notes:
        record["notes_zh"] = fact.zh.notes
    if fact.corrections:
        record["corrections"] = [
            {"date": c.date, "old_value": _json_number(c.old_value), "reason": c.reason}
            for c in fact.corrections
        ]
    return record


def _unit_rows() -> Iterable[list[str]]:
    return ([code, unit.axis, unit.description] for code, unit in units.UNITS.items())


def _table(columns: Sequence[Column], rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in columns])
    writer.writerows(rows)
    return buffer.getvalue()


def _number(value: Decimal) -> str:
    return format(value, "f")


def _json_number(value: Decimal | int | float) -> int | float:
    # The number's own digits: 16.9 stays 16.9, not 16.899999999999999.
    exact = Decimal(str(value))
    return int(exact) if exact == exact.to_integral_value() else float(str(exact))


def _boolean(flag: bool) -> str:
    return "yes" if flag else "no"
