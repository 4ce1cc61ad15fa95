"""The map's data, data/geo/: province outlines, their names, and a point for each zone's city.

data/geo/PROVENANCE.md says where each file comes from. A project without data/geo/ has no map:
load_geo gives an empty Geo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from microsite.errors import ErrorCollector
from microsite.inputs.csvfile import read_rows
from microsite.inputs.fields import Text
from microsite.inputs.validation import validate
from microsite.inputs.yamlfile import YamlProblem, read_text
from microsite.suggest import did_you_mean

OUTLINE_FILE = "china.echarts-4.9.0.json"
PROVINCES_FILE = "provinces.csv"
PLACES_FILE = "places.csv"
RESTORE = "restore the file from the package named in data/geo/PROVENANCE.md"

Point = tuple[float, float]  # (longitude, latitude) in degrees
Ring = tuple[Point, ...]  # closed: the last point joins the first
Polygon = tuple[Ring, ...]  # the outer ring, then any holes


@dataclass(frozen=True)
class Province:
    adcode: str  # "310000"
    name_zh: str  # "上海", as the outline file names it
    name_en: str  # "Shanghai"
    slug: str  # "shanghai": the province's address


@dataclass(frozen=True)
class Place:
    province: str  # the province's name_zh
    city: str  # as in the zone list: "苏州(昆山)"
    adcode: str  # the gazetteer's division, 6 digits
    name: str  # the gazetteer's name: "昆山市"
    lon: float
    lat: float


@dataclass(frozen=True)
class Outline:
    adcode: str
    name_zh: str
    polygons: tuple[Polygon, ...]


@dataclass(frozen=True)
class Geo:
    provinces: dict[str, Province]  # by name_zh
    places: dict[tuple[str, str], Place]  # by (province name_zh, city)
    outlines: dict[str, Outline]  # by adcode


EMPTY = Geo({}, {}, {})


def load_geo(folder: Path, errors: ErrorCollector) -> Geo:
    """The three files of `folder`, checked against each other; an empty Geo without it."""
    if not folder.is_dir():
        return EMPTY
    outlines = _load_outlines(folder / OUTLINE_FILE, errors)
    provinces = _load_provinces(folder / PROVINCES_FILE, outlines, errors)
    places = _load_places(folder / PLACES_FILE, provinces, outlines, errors)
    return Geo(provinces, places, outlines)


def contains(outline: Outline, lon: float, lat: float) -> bool:
    """Whether the point lies inside the outline (even-odd rule, so holes are outside)."""
    inside = False
    for polygon in outline.polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside


# The outline file -------------------------------------------------------------------------


class _Properties(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: Text


class _Geometry(BaseModel):
    """A ring is a string of characters; its encodeOffsets entry is its first point."""

    type: Literal["Polygon", "MultiPolygon"]
    coordinates: list[str] | list[list[str]]
    encodeOffsets: list[tuple[int, int]] | list[list[tuple[int, int]]]


class _Feature(BaseModel):
    id: Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
    properties: _Properties
    geometry: _Geometry


class _Collection(BaseModel):
    type: Literal["FeatureCollection"]
    UTF8Encoding: Literal[True] = Field(
        description="ECharts' compressed form; plain GeoJSON is not read"
    )
    UTF8Scale: int = Field(1024, gt=0)
    features: list[_Feature]


class _BadRing(ValueError):
    pass


def _load_outlines(path: Path, errors: ErrorCollector) -> dict[str, Outline]:
    data = _read_json(path, errors)
    if data is None:
        return {}
    collection = validate(_Collection, data, path, errors)
    if collection is None:
        return {}
    outlines: dict[str, Outline] = {}
    for feature in collection.features:
        name = f"feature {feature.id} ({feature.properties.name})"
        if feature.id in outlines:
            errors.add(path, None, f"{name}: the id is given twice", RESTORE)
            continue
        try:
            polygons = _decode_geometry(feature.geometry, collection.UTF8Scale)
        except _BadRing as problem:
            errors.add(path, None, f"{name}: {problem}", RESTORE)
            continue
        outlines[feature.id] = Outline(feature.id, feature.properties.name, polygons)
    return outlines


def _read_json(path: Path, errors: ErrorCollector) -> Any:
    try:
        text = read_text(path)
    except FileNotFoundError:
        errors.add(path, None, "the province outlines are missing", RESTORE)
        return None
    except YamlProblem as problem:
        errors.add(path, problem.line, problem.message, problem.hint)
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as problem:
        errors.add(path, problem.lineno, f"not JSON: {problem.msg}", RESTORE, problem.colno)
        return None


def _decode_geometry(geometry: _Geometry, scale: int) -> tuple[Polygon, ...]:
    if geometry.type == "Polygon":
        rings, offsets = [geometry.coordinates], [geometry.encodeOffsets]
    else:
        rings, offsets = geometry.coordinates, geometry.encodeOffsets
    if len(rings) != len(offsets):
        raise _BadRing(f"{len(rings)} polygons but {len(offsets)} encodeOffsets")
    polygons = []
    for number, (texts, starts) in enumerate(zip(rings, offsets, strict=True), 1):
        if not isinstance(texts, list) or len(texts) != len(starts):
            raise _BadRing(f"polygon {number}: its rings and encodeOffsets differ in number")
        polygon = []
        for ring_number, (text, start) in enumerate(zip(texts, starts, strict=True), 1):
            try:
                polygon.append(decode_ring(text, start, scale))
            except _BadRing as problem:
                raise _BadRing(f"polygon {number}, ring {ring_number}: {problem}") from None
        polygons.append(tuple(polygon))
    return tuple(polygons)


def decode_ring(text: str, start: tuple[int, int] | list[int], scale: int = 1024) -> Ring:
    """One ring of ECharts' compressed GeoJSON.

    Each point is two characters, x then y. A character's code minus 64 is a zigzag number
    (0, -1, 1, -2, 2… written 0, 1, 2, 3, 4…); decoded, it is the step from the point before,
    the first step being from `start`. Coordinates are in 1/`scale` degree.
    """
    if len(text) % 2:
        raise _BadRing("an odd number of characters (each point takes two)")
    if len(text) < 6:
        raise _BadRing("fewer than three points")
    x, y = start
    points = []
    for index in range(0, len(text), 2):
        x += _unzigzag(ord(text[index]) - 64)
        y += _unzigzag(ord(text[index + 1]) - 64)
        points.append((x / scale, y / scale))
    return tuple(points)


def _unzigzag(code: int) -> int:
    if code < 0:
        raise _BadRing(f"a character below '@' (code {code + 64}), which the format never uses")
    return (code >> 1) ^ -(code & 1)


# The CSV files ----------------------------------------------------------------------------

Adcode = Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
Row = TypeVar("Row", bound=BaseModel)


class _ProvinceRow(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    adcode: Adcode = Field(description="the division's code, as the outline file's id")
    name_zh: Text = Field(description="as the outline file names it: 上海")
    name_en: Text = Field(description="the English name: Shanghai")
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z]+(-[a-z]+)*$")] = Field(
        description="the page's address: lower-case letters and hyphens, inner-mongolia"
    )


class _PlaceRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    province: Text = Field(description="the province as in provinces.csv: 江苏")
    city: Text = Field(description="the city exactly as the zone list writes it: 苏州(昆山)")
    adcode: Adcode = Field(description="the gazetteer's division code, 6 digits")
    place: Text = Field(description="the gazetteer's name: 昆山市")
    lon: float = Field(ge=70, le=140, description="longitude in degrees east")
    lat: float = Field(ge=15, le=55, description="latitude in degrees north")


PROVINCE_COLUMNS = tuple(_ProvinceRow.model_fields)
PLACE_COLUMNS = tuple(_PlaceRow.model_fields)


def _load_provinces(
    path: Path, outlines: dict[str, Outline], errors: ErrorCollector
) -> dict[str, Province]:
    provinces: dict[str, Province] = {}
    slugs: set[str] = set()
    for line, row in _rows(path, _ProvinceRow, PROVINCE_COLUMNS, errors):
        outline = outlines.get(row.adcode)
        if outlines and outline is None:
            errors.add(
                path,
                line,
                f"adcode {row.adcode} is not a feature of {OUTLINE_FILE}",
                "give one of the outline file's ids: " + ", ".join(sorted(outlines)),
            )
        elif outline and outline.name_zh != row.name_zh:
            errors.add(
                path,
                line,
                f"{row.adcode} is {outline.name_zh!r} in {OUTLINE_FILE}, not {row.name_zh!r}",
                f"write name_zh as the outline file does: {outline.name_zh}",
            )
        elif row.name_zh in provinces or row.slug in slugs:
            errors.add(path, line, f"{row.name_zh} ({row.slug}) is given twice", "keep one row")
        else:
            provinces[row.name_zh] = Province(row.adcode, row.name_zh, row.name_en, row.slug)
            slugs.add(row.slug)
    named = {province.adcode for province in provinces.values()}
    for adcode, outline in sorted(outlines.items()):
        if provinces and adcode not in named:
            errors.add(
                path,
                None,
                f"no row for {outline.name_zh} ({adcode}), a feature of {OUTLINE_FILE}",
                "add a row for it: adcode,name_zh,name_en,slug",
            )
    return provinces


def _load_places(
    path: Path,
    provinces: dict[str, Province],
    outlines: dict[str, Outline],
    errors: ErrorCollector,
) -> dict[tuple[str, str], Place]:
    places: dict[tuple[str, str], Place] = {}
    for line, row in _rows(path, _PlaceRow, PLACE_COLUMNS, errors):
        province = provinces.get(row.province)
        key = (row.province, row.city)
        if province is None:
            if provinces:
                hint = did_you_mean(row.province, provinces, "province to provinces.csv")
                errors.add(path, line, f"province {row.province!r} is not in provinces.csv", hint)
            continue
        if key in places:
            errors.add(path, line, f"{row.province} {row.city} is given twice", "keep one row")
            continue
        if row.adcode[:2] != province.adcode[:2]:
            errors.add(
                path,
                line,
                f"{row.place} ({row.adcode}) is not in {row.province} ({province.adcode})",
                "check the province, or make the file again with tools/geo_places.py",
            )
            continue
        outline = outlines.get(province.adcode)
        if outline and not contains(outline, row.lon, row.lat):
            errors.add(
                path,
                line,
                f"{row.place} ({row.lon}, {row.lat}) lies outside {row.province}'s outline",
                "check longitude and latitude (east, north, in degrees), in that order",
            )
            continue
        places[key] = Place(row.province, row.city, row.adcode, row.place, row.lon, row.lat)
    return places


def _rows(
    path: Path, model: type[Row], columns: tuple[str, ...], errors: ErrorCollector
) -> list[tuple[int, Row]]:
    """The valid rows of a CSV file with their line numbers; each problem at its line. The map
    needs all three files: a missing one is a problem."""
    rows = read_rows(path, model, columns, errors)
    if rows is None:
        errors.add(path, None, "the file is missing", RESTORE)
        return []
    return rows
