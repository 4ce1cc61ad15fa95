"""The data package (https://datapackage.org): the columns of every download, described, and
the descriptor that lists the downloads with their licence and sources."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from microsite import periods
from microsite.inputs.charts import Chart
from microsite.inputs.content import SiteContent
from microsite.inputs.facts import Fact
from microsite.inputs.sources import Source
from microsite.render.atlasdata import RANKING_TABLE, ZONE_TABLE
from microsite.render.tables import Column

KEYWORDS = ["China", "economic and technological development zones", "economy"]


FACT_COLUMNS = (
    Column("key", "string", "the fact's unique name; its permalink is facts/#key", True),
    Column("label", "string", "what the figure measures", True),
    Column("label_zh", "string", "what the figure measures, in Chinese (the zh/ edition)"),
    Column("value", "number", "the figure, in the unit of the unit column", True),
    Column("unit", "string", "the unit's code; units.csv says what each means", True),
    Column("qualifier", "string", "the source's hedge: about, nearly, more than, over"),
    Column("period", "string", "when the figure holds: a year, month, day or range (a/b)", True),
    Column("covers", "string", "the fact, by key, that counts the zones this figure covers"),
    Column("topic", "string", "the section of the Facts page it is listed under", True),
    Column("topic_zh", "string", "that section's heading in Chinese"),
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
    Column("notes_zh", "string", "the caveat in Chinese"),
    Column("url", "string", "the figure's permalink on the site", True),
)
SOURCE_COLUMNS = (
    Column("key", "string", "the source's unique name, as facts.csv cites it", True),
    Column("publisher", "string", "the original publisher, even when read on a repost", True),
    Column("publisher_zh", "string", "the publisher as Chinese readers know it: 新华社"),
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


def datapackage(content: SiteContent) -> str:
    """The Data Package descriptor (https://datapackage.org/standard/data-package/)."""
    settings = content.settings
    licence = _licence(content)
    resources = _table_resources(content, licence) + [
        _chart_resource(chart, licence) for chart in content.charts.values()
    ]
    return to_json(
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


def _table_resources(content: SiteContent, licence: dict[str, str]) -> list[dict[str, Any]]:
    """The facts, sources and units, and the zones where there are any."""
    resources = [
        _resource(
            "facts",
            "facts.csv",
            "Every figure on the site",
            "One row per figure, with its unit, period, reliability grade and sources; "
            "figures the site calculated name their formula and inputs.",
            FACT_COLUMNS,
            _sources_of(content.facts.values()),
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
                f"The {len(content.zones)} zones we found a source for, withdrawn ones included: "
                "a partial list, each row with the pages it was read on and their grades "
                "(V1 official outlet, V2 repost of one, V3 weak source). Points are the zone's "
                "city or district, not its boundary.",
                ZONE_TABLE,
                [],
                licence,
            )
        )
    if content.rankings:
        resources.append(
            _resource(
                "rankings",
                "rankings.csv",
                "Ranks in the Commerce Ministry's annual comprehensive evaluation",
                "Each rank we found a source for, one row a zone and review, with its grade: "
                "no review's full table was found.",
                RANKING_TABLE,
                [],
                licence,
                foreign_keys=[_reference("zone_id", "zones", "id")],
            )
        )
    return resources


def _chart_resource(chart: Chart, licence: dict[str, str]) -> dict[str, Any]:
    return _resource(
        f"chart-{chart.key}".replace("_", "-"),
        f"charts/{chart.key}.csv",
        chart.title,
        f"The data behind the chart: {chart.subtitle}",
        CHART_COLUMNS,
        _sources_of(chart.facts),
        licence,
        foreign_keys=[_reference("unit", "units", "code"), _reference("fact", "facts", "key")],
    )


def sources_terms(site: str) -> str:
    """What the licence does not cover: the original publishers' own work."""
    return (
        f"The licence covers what {site} wrote and calculated. The figures were first "
        "published by the sources in sources.csv; their articles and headlines remain theirs, "
        "under their own terms."
    )


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
    if columns[0].name in {"key", "code", "id"}:
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


def _slug(title: str) -> str:
    """A package name as the standard wants it: lower-case ASCII letters, digits and hyphens."""
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words) or "site-data"


def to_json(data: Any, readable: bool = False) -> str:
    """`readable` indents: for the descriptor, which people read. Indenting takes Python's
    slow encoder instead of its C one, which on 10,000 facts costs a second."""
    if readable:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
