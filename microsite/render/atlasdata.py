"""The zone directory and the rankings as downloads: the columns of data/zones.csv and
data/rankings.csv as editors keep them, with what the build adds (the province in English, the
approximate point, the wave, the row's address), described once for the CSV, the JSON and the
data package."""

from __future__ import annotations

from typing import Any

from microsite.inputs.rankings import COLUMNS as RANKING_COLUMNS
from microsite.inputs.rankings import Ranking, RankingRow
from microsite.inputs.zones import COLUMNS as ZONE_COLUMNS
from microsite.inputs.zones import Zone, ZoneRow
from microsite.render.tables import Column

REQUIRED_ZONE = {"id", "name_zh", "name_en", "province", "source_url", "level", "status"}
ZONE_TABLE = (
    *(
        Column(name, "string", ZoneRow.model_fields[name].description or "", name in REQUIRED_ZONE)
        for name in ZONE_COLUMNS
    ),
    Column("province_en", "string", "the province's English name", True),
    Column("place", "string", "the gazetteer's place whose point stands for the zone"),
    Column("longitude", "number", "the place's longitude: approximate, not the zone's own"),
    Column("latitude", "number", "the place's latitude: approximate, not the zone's own"),
    Column("wave", "string", "the wave of approvals the map groups it in", True),
    Column("url", "string", "the zone's row in the directory", True),
)
RANKING_TABLE = (
    *(
        Column(
            name,
            "integer" if name.endswith(("_year", "_evaluated")) else "string",
            RankingRow.model_fields[name].description or "",
            name != "note" and name != "province_in_source",
        )
        for name in RANKING_COLUMNS
    ),
    Column("zone_id", "string", "the zone's id in zones.csv", True),
)


def zone_record(zone: Zone, base_url: str) -> dict[str, Any]:
    place = zone.place
    return {
        **{name: getattr(zone.row, name) for name in ZONE_COLUMNS},
        "source_url": str(zone.row.source_url),
        "approved_source": str(zone.row.approved_source or ""),
        "approved_level": zone.row.approved_level or "",
        "province_en": zone.province.name_en,
        "place": place.name if place else "",
        "longitude": place.lon if place else None,
        "latitude": place.lat if place else None,
        "wave": zone.wave.key,
        "url": f"{base_url}zones/#{zone.id}",
    }


def ranking_record(ranking: Ranking) -> dict[str, Any]:
    return {
        **{name: getattr(ranking.row, name) for name in RANKING_COLUMNS},
        "source_url": str(ranking.row.source_url),
        "zone_id": ranking.zone.id,
    }


def as_row(record: dict[str, Any], table: tuple[Column, ...]) -> list[str]:
    """A record as CSV cells: an absent number is an empty cell."""
    return ["" if record[column.name] is None else str(record[column.name]) for column in table]
