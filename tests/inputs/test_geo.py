"""The map's data: the ECharts outline format, the two CSV files, and what is wrong with them."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from microsite.inputs.geo import Outline, contains, decode_ring, load_geo
from tests.conftest import REPO

CASE = REPO / "tests" / "cases" / "geo"
VENDORED = REPO / "data" / "geo"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the two-province case, to break."""
    return Path(shutil.copytree(CASE, tmp_path / "geo"))


def problems(errors) -> list[str]:
    return [str(error) for error in errors.errors]


# The format --------------------------------------------------------------------------------


def test_a_ring_is_zigzag_deltas_from_its_offset():
    # Worked by hand from the format: a character's code minus 64 is a zigzag number (0 -> 0,
    # 1 -> -1, 2 -> 1, 3 -> -2, 6 -> 3), the step from the point before, in 1/1024 degree.
    ring = decode_ring("@@BACF", (1024, 2048))
    assert ring == ((1.0, 2.0), (1025 / 1024, 2047 / 1024), (1023 / 1024, 2050 / 1024))


def test_a_scale_other_than_1024_is_honoured():
    assert decode_ring("@@B@@B", (10, 20), scale=10) == ((1.0, 2.0), (1.1, 2.0), (1.1, 2.1))


def test_the_case_decodes_to_the_squares_it_was_made_from(errors):
    geo = load_geo(CASE, errors)
    assert problems(errors) == []
    (west,) = geo.outlines["110000"].polygons
    assert west[0][0] == (116.0, 39.0) and (117.0, 40.0) in west[0] and (116.0, 40.0) in west[0]
    assert geo.provinces["天津"].slug == "tianjin"
    assert geo.places["天津", "天津(滨海)"].name == "滨海新区"


# The vendored files ------------------------------------------------------------------------


def test_the_vendored_outline_file_is_the_published_one():
    # sha256 of map/json/china.json in the npm tarball echarts-4.9.0.tgz (data/geo/PROVENANCE.md)
    digest = hashlib.sha256((VENDORED / "china.echarts-4.9.0.json").read_bytes()).hexdigest()
    assert digest == "d392f651a48e6213c9bfc83f406711069de296c17f426cffc0ad1148078ee226"
    for name in ("LICENSE", "NOTICE", "PROVENANCE.md"):
        assert (VENDORED / name).stat().st_size > 0


def test_the_vendored_files_read_whole(errors):
    geo = load_geo(VENDORED, errors)
    assert problems(errors) == []
    # 31 provincial-level divisions, 台湾, 香港 and 澳门; 16,173 points, as counted in research
    assert len(geo.outlines) == 34 == len(geo.provinces)
    assert {"710000", "810000", "820000"} <= geo.outlines.keys()
    points = sum(len(ring) for o in geo.outlines.values() for p in o.polygons for ring in p)
    assert points == 16_173
    lons = [lon for o in geo.outlines.values() for p in o.polygons for r in p for lon, _ in r]
    lats = [lat for o in geo.outlines.values() for p in o.polygons for r in p for _, lat in r]
    assert 73.4 < min(lons) < 73.6 and 135.0 < max(lons) < 135.2
    assert 18.1 < min(lats) < 18.2 and 53.5 < max(lats) < 53.6
    assert geo.provinces["内蒙古"].slug == "inner-mongolia"
    assert len(geo.places) == 150


def test_every_place_lies_inside_its_provinces_outline(errors):
    geo = load_geo(VENDORED, errors)
    with (VENDORED / "places.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    outside = [
        row["place"]
        for row in rows
        if not contains(
            geo.outlines[geo.provinces[row["province"]].adcode],
            float(row["lon"]),
            float(row["lat"]),
        )
    ]
    assert len(rows) == 150 and outside == []


def test_a_place_in_the_wrong_province_is_outside_it(errors):
    geo = load_geo(VENDORED, errors)
    kunshan = geo.places["江苏", "苏州(昆山)"]
    assert contains(geo.outlines["320000"], kunshan.lon, kunshan.lat)
    assert not contains(geo.outlines["310000"], kunshan.lon, kunshan.lat)


# contains -----------------------------------------------------------------------------------


def test_contains_leaves_out_holes_and_the_outside():
    square = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0))
    hole = ((4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0))
    island = ((20.0, 0.0), (22.0, 0.0), (21.0, 2.0))
    outline = Outline("000000", "x", ((square, hole), (island,)))
    assert contains(outline, 1, 1)
    assert contains(outline, 21, 0.5)
    assert not contains(outline, 5, 5)
    assert not contains(outline, 15, 5)
    assert not contains(outline, -1, 5)


# Missing and broken files -------------------------------------------------------------------


def test_no_geo_folder_is_no_map(tmp_path, errors):
    geo = load_geo(tmp_path / "geo", errors)
    assert (geo.provinces, geo.places, geo.outlines) == ({}, {}, {})
    assert problems(errors) == []


def test_a_missing_file_is_named(folder, errors):
    (folder / "places.csv").unlink()
    load_geo(folder, errors)
    assert problems(errors) == [
        "geo/places.csv: the file is missing\n"
        "  hint: restore the file from the package named in data/geo/PROVENANCE.md"
    ]


def test_broken_json_is_reported_at_its_line(folder, errors):
    path = folder / "china.echarts-4.9.0.json"
    path.write_text('{"type": "FeatureCollection",\n "features": [}\n', encoding="utf-8")
    load_geo(folder, errors)
    assert problems(errors)[0] == (
        "geo/china.echarts-4.9.0.json:2:15: not JSON: Expecting value\n"
        "  hint: restore the file from the package named in data/geo/PROVENANCE.md"
    )


def test_plain_geojson_is_refused(folder, errors):
    path = folder / "china.echarts-4.9.0.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"UTF8Encoding": true', '"x": 1'))
    load_geo(folder, errors)
    assert problems(errors)[0].startswith("geo/china.echarts-4.9.0.json: UTF8Encoding: required")


def test_a_damaged_ring_names_its_feature(folder, errors):
    path = folder / "china.echarts-4.9.0.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"@@', '"@', 1), encoding="utf-8")
    load_geo(folder, errors)
    assert problems(errors)[0] == (
        "geo/china.echarts-4.9.0.json: feature 110000 (北京): polygon 1, ring 1: "
        "an odd number of characters (each point takes two)\n"
        "  hint: restore the file from the package named in data/geo/PROVENANCE.md"
    )


def test_a_province_named_otherwise_than_its_outline(folder, errors):
    path = folder / "provinces.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("天津,", "天律,"), encoding="utf-8")
    load_geo(folder, errors)
    assert problems(errors)[0] == (
        "geo/provinces.csv:3: 120000 is '天津' in china.echarts-4.9.0.json, not '天律'\n"
        "  hint: write name_zh as the outline file does: 天津"
    )


def test_a_bad_slug_is_reported_at_its_line(folder, errors):
    path = folder / "provinces.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",beijing", ",Bei Jing"))
    load_geo(folder, errors)
    assert problems(errors)[0].startswith("geo/provinces.csv:2: slug: String should match")


def test_a_place_in_an_unknown_province_gets_a_suggestion(folder, errors):
    path = folder / "places.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("天津,天津", "天津市,天津"))
    load_geo(folder, errors)
    assert problems(errors) == [
        "geo/places.csv:3: province '天津市' is not in provinces.csv\n  hint: did you mean '天津'?"
    ]


def test_a_place_outside_its_province_is_refused(folder, errors):
    path = folder / "places.csv"
    # longitude and latitude swapped: a classic
    path.write_text(path.read_text(encoding="utf-8").replace("116.4,39.9", "116.4,40.9"))
    load_geo(folder, errors)
    assert problems(errors) == [
        "geo/places.csv:2: 北京市 (116.4, 40.9) lies outside 北京's outline\n"
        "  hint: check longitude and latitude (east, north, in degrees), in that order"
    ]


def test_a_place_given_twice(folder, errors):
    path = folder / "places.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.splitlines()[1] + "\n", encoding="utf-8")
    load_geo(folder, errors)
    assert problems(errors) == ["geo/places.csv:4: 北京 北京 is given twice\n  hint: keep one row"]


def test_wrong_columns_are_named(folder, errors):
    (folder / "places.csv").write_text("province,city,lon,lat\n北京,北京,116.4,39.9\n")
    load_geo(folder, errors)
    assert problems(errors) == [
        "geo/places.csv:1: the columns are ['province', 'city', 'lon', 'lat']\n"
        "  hint: the first line must name these columns: province,city,adcode,place,lon,lat"
    ]
