"""The site's data for reuse: every fact, source, unit, zone and chart as CSV and JSON, and a
Frictionless Data Package (datapackage.json) that describes each CSV, its units, sources and
licence. Everything lives under data/ in the site, so the package's paths stay inside it."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from microsite import periods, units
from microsite.inputs.charts import Chart
from microsite.inputs.content import SiteContent
from microsite.inputs.facts import Fact
from microsite.inputs.sources import Source
from microsite.inputs.zones import COLUMNS as ZONE_COLUMNS
from microsite.reuse import PLAIN, Reuse

FOLDER = "data/"
PACKAGE = FOLDER + "datapackage.json"
KEYWORDS = ["China", "economic and technological development zones", "economy"]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type: string, number, integer, boolean, date
    description: str
    required: bool = False


FACT_COLUMNS = (
    Column("key", "string", "the fact's unique name; its permalink is facts/#key", True),
    Column("label", "string", "what the figure measures", True),
    Column("value", "number", "the figure, in the unit of the unit column", True),
    Column("unit", "string", "the unit's code; units.csv says what each means", True),
    Column("qualifier", "string", "the source's hedge: about, nearly, more than, over"),
    Column("period", "string", "when the figure holds: a year, month, day or range (a/b)", True),
    Column("covers", "string", "the fact, by key, that counts the zones this figure covers"),
    Column("topic", "string", "the section of the Facts page it is listed under", True),
    Column("reliability", "string", "V1 official outlet, V2 repost of one, V3 weak", True),
    Column("calculated_by_site", "boolean", "true when we calculated the figure", True),
    Column("formula", "string", "for a calculated figure: how, from the facts in inputs"),
    Column("inputs", "string", "for a calculated figure: the facts it uses, by key, with ; "),
    Column(
        "sources",
        "string",
        "its sources by key (sources.csv), with ; (a calculation's: its inputs')",
    ),
    Column("notes", "string", "a caveat printed beside the figure"),
    Column("url", "string", "the figure's permalink on the site", True),
)
SOURCE_COLUMNS = (
    Column("key", "string", "the source's unique name, as facts.csv cites it", True),
    Column("publisher", "string", "the original publisher, even when read on a repost", True),
    Column("title", "string", "the headline as shown on the page read", True),
    Column("title_is_description", "boolean", "true when the headline was not recorded", True),
    Column("url", "string", "the address of the page the figures were read on", True),
    Column("date", "string", "publication date, when the page gives one"),
    Column("reliability", "string", "V1 official outlet, V2 repost of one, V3 weak", True),
    Column("read_on", "string", "the site whose page was read, when it reposts the publisher"),
)
UNIT_COLUMNS = (
    Column("code", "string", "the unit's code, as facts.csv and the chart files use it", True),
    Column("label", "string", "how a chart's axis names the unit", True),
    Column("description", "string", "what a value in this unit means", True),
)
CHART_COLUMNS = (
    Column("series", "string", "the line or bars the point belongs to", True),
    Column("period", "string", "when the figure holds", True),
    Column("value", "number", "the figure, in the unit of the unit column", True),
    Column("unit", "string", "the unit's code; units.csv says what each means", True),
    Column("qualifier", "string", "the source's hedge: about, nearly, more than, over"),
    Column("fact", "string", "the fact the point is, by key (facts.csv)", True),
    Column("zones_covered", "integer", "how many zones the figure covers, where its source says"),
    Column("calculated_by_site", "boolean", "true when we calculated the figure", True),
    Column("reliability", "string", "V1 official outlet, V2 repost of one, V3 weak", True),
    Column("sources", "string", "each source as publisher: address, with | between them"),
)
ZONE_DESCRIPTIONS = {
    "name_zh": "the zone's official Chinese name",
    "name_en": "its English name, as the source gives it or romanised",
    "province": "province in Chinese and English",
    "city": "the city, a county-level city in brackets",
    "approved": "approval year, batch years (1984-1988), or empty when not given",
    "source_url": "the page the row was read on",
    "reliability": "V1, V2 or V3, graded as sources are",
    "note": "a caveat shown beside the zone, or empty",
}
ZONE_COLUMN_LIST = tuple(
    Column(name, "string", ZONE_DESCRIPTIONS[name], name in {"name_zh", "province", "source_url"})
    for name in ZONE_COLUMNS
)
assert set(ZONE_DESCRIPTIONS) == set(ZONE_COLUMNS), "describe every column of zones.csv"


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
        FOLDER + "facts.json": facts_json([records for _, records in topics], content),
        FOLDER + "sources.csv": sources_csv(content.sources.values()),
        FOLDER + "units.csv": _table(UNIT_COLUMNS, _unit_rows()),
    }
    if content.zones:
        found[FOLDER + "zones.csv"] = _table(
            ZONE_COLUMN_LIST,
            ([str(getattr(zone.row, name)) for name in ZONE_COLUMNS] for zone in content.zones),
        )
    for chart in content.charts.values():
        found[chart_file(chart.key, "csv")] = chart_csv(chart)
        found[chart_file(chart.key, "json")] = chart_json(chart, base_url)
    found[PACKAGE] = datapackage(content)
    return found


def downloads(content: SiteContent) -> list[tuple[str, str, str]]:
    """The files of the data package, as a catalogue lists them: (name, path in the site,
    media type)."""
    found = [
        ("Data package descriptor", PACKAGE, "application/json"),
        ("Every figure (CSV)", FOLDER + "facts.csv", "text/csv"),
        ("Every figure (JSON)", FOLDER + "facts.json", "application/json"),
        ("Sources (CSV)", FOLDER + "sources.csv", "text/csv"),
        ("Units (CSV)", FOLDER + "units.csv", "text/csv"),
    ]
    if content.zones:
        found.append(("Zones (CSV)", FOLDER + "zones.csv", "text/csv"))
    for chart in content.charts.values():
        found.append((f"{chart.title} (CSV)", chart_file(chart.key, "csv"), "text/csv"))
        found.append((f"{chart.title} (JSON)", chart_file(chart.key, "json"), "application/json"))
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
        _number(fact.value),
        fact.unit,
        fact.qualifier or "",
        fact.period,
        fact.covers or "",
        fact.topic.title,
        fact.reliability,
        _boolean(fact.derived),
        fact.formula or "",
        "; ".join(fact.inputs),
        "; ".join(source.key for source in fact.sources),
        fact.notes or "",
        fact_url(fact.key, base_url),
    ]
    line = _table(FACT_COLUMNS, [row]).partition("\n")[2]
    return line, _json(_fact_record(fact, base_url)).rstrip("\n")


def facts_json(records: list[str], content: SiteContent) -> str:
    """facts.json, from the facts' records already written as JSON (one record or several
    joined by commas an item)."""
    settings = content.settings
    about = _json(
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


def chart_json(chart: Chart, base_url: str) -> str:
    return _json(
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


def datapackage(content: SiteContent) -> str:
    """The Data Package descriptor (https://datapackage.org/standard/data-package/)."""
    settings = content.settings
    licence = _licence(content)
    facts = list(content.facts.values())
    resources = [
        _resource(
            "facts",
            "facts.csv",
            "Every figure on the site",
            "One row per figure, with its unit, period, reliability grade and sources; "
            "figures the site calculated name their formula and inputs.",
            FACT_COLUMNS,
            _sources_of(facts),
            licence,
            foreign_keys=[_reference("unit", "units", "code")],
        ),
        _resource(
            "sources",
            "sources.csv",
            "The sources the figures were read on",
            "One row per page a figure was read on, with its publisher and grade.",
            SOURCE_COLUMNS,
            [],
            licence,
        ),
        _resource(
            "units",
            "units.csv",
            "The units of the figures",
            "What each unit code in facts.csv and the chart files means.",
            UNIT_COLUMNS,
            [],
            licence,
        ),
    ]
    if content.zones:
        resources.append(
            _resource(
                "zones",
                "zones.csv",
                "National-level economic and technological development zones",
                "The zones the site has a sourced row for: a partial list, graded row by row.",
                ZONE_COLUMN_LIST,
                [],
                licence,
            )
        )
    for chart in content.charts.values():
        resources.append(
            _resource(
                f"chart-{chart.key}".replace("_", "-"),
                f"charts/{chart.key}.csv",
                chart.title,
                f"The data behind the chart: {chart.subtitle}",
                CHART_COLUMNS,
                _sources_of(chart.facts),
                licence,
                foreign_keys=[
                    _reference("unit", "units", "code"),
                    _reference("fact", "facts", "key"),
                ],
            )
        )
    return _json(
        readable=True,
        data={
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": _slug(settings.title),
            "title": settings.title,
            "description": f"{settings.description} {sources_terms(settings.title)}",
            "homepage": settings.root_url,
            "licenses": [licence],
            "contributors": [{"title": settings.publisher, "roles": ["publisher"]}],
            "sources": [
                {"title": _source_title(s), "path": s.address}
                for s in sorted(content.sources.values(), key=lambda s: s.key)
            ],
            "keywords": KEYWORDS,
            "resources": resources,
        },
    )


def sources_terms(site: str) -> str:
    """What the licence does not cover: the original publishers' own work."""
    return (
        f"The licence covers what {site} wrote and calculated. The figures were first "
        "published by the sources in sources.csv; their articles and headlines remain theirs, "
        "under their own terms."
    )


def fact_url(key: str, base_url: str) -> str:
    return f"{base_url}facts/#{key}"


def chart_url(key: str, base_url: str) -> str:
    return f"{base_url}charts/{key}/"


def _resource(
    name: str,
    path: str,
    title: str,
    description: str,
    columns: Sequence[Column],
    sources: list[dict[str, str]],
    licence: dict[str, str],
    foreign_keys: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [
            {
                "name": column.name,
                "type": column.type,
                "description": column.description,
                **({"constraints": {"required": True}} if column.required else {}),
                **(
                    {"trueValues": ["yes"], "falseValues": ["no"]}
                    if column.type == "boolean"
                    else {}
                ),
            }
            for column in columns
        ],
    }
    if columns[0].name in {"key", "code"}:
        schema["primaryKey"] = [columns[0].name]
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    resource: dict[str, Any] = {
        "name": name,
        "path": path,
        "title": title,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
        "licenses": [licence],
    }
    if sources:
        resource["sources"] = sources
    return resource


def _reference(field: str, resource: str, target: str) -> dict[str, Any]:
    return {"fields": [field], "reference": {"resource": resource, "fields": [target]}}


def _sources_of(facts: Iterable[Fact]) -> list[dict[str, str]]:
    cited = {s.key: s for fact in facts for s in fact.sources}
    return [{"title": _source_title(s), "path": s.address} for _, s in sorted(cited.items())]


def _source_title(source: Source) -> str:
    dated = f", {periods.display(source.date)}" if source.date else ""
    return f"{source.publisher}: {source.title}{dated}"


def _licence(content: SiteContent) -> dict[str, str]:
    licence = content.settings.licence
    return {"name": licence.name, "path": str(licence.url), "title": licence.title}


def _fact_record(fact: Fact, base_url: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "key": fact.key,
        "label": fact.label,
        "value": _json_number(fact.value),
        "unit": fact.unit,
        "as_written": fact.exact_phrase,
        "qualifier": fact.qualifier,
        "period": fact.period,
        "covers": fact.covers,
        "topic": fact.topic.title,
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


def _slug(title: str) -> str:
    """A package name as the standard wants it: lower-case ASCII letters, digits and hyphens."""
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words) or "site-data"


def _json(data: Any, readable: bool = False) -> str:
    """`readable` indents: for the descriptor, which people read. Indenting takes Python's
    slow encoder instead of its C one, which on 10,000 facts costs a second."""
    if readable:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
