"""The map engine: projection, simplification, shared borders, and the SVG it writes."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from microsite.errors import ErrorCollector
from microsite.inputs.geo import load_geo
from microsite.render import mapsvg
from microsite.render.mapsvg import Mark, china_map, project, province_map, simplify
from tests.conftest import REPO

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def case():
    """Two square provinces, 北京 and 天津, sharing a notched border (tests/cases/geo)."""
    return load_geo(REPO / "tests" / "cases" / "geo", ErrorCollector(REPO))


@pytest.fixture(scope="module")
def china():
    errors = ErrorCollector(REPO)
    geo = load_geo(REPO / "data" / "geo", errors)
    assert errors.errors == []
    return geo


# Projection ---------------------------------------------------------------------------------

# Computed independently with pyproj 3.7.2 (PROJ) in a scratch venv:
#   Transformer.from_crs("EPSG:4326",
#       "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +R=6371000 +units=m", always_xy=True)
PYPROJ = [
    (105, 0, 0.000, 0.000),
    (105, 36, 0.000, 3863827.586),
    (121.473662, 31.230372, 1537256.344, 3452278.813),  # Shanghai
    (73.5, 39.5, -2611840.627, 4677938.826),  # the far west
    (135.09, 48.4, 2200791.365, 5594264.764),  # the far north-east
    (109.5, 18.2, 487195.872, 1889937.891),  # Hainan
    (87.616848, 43.825592, -1373337.426, 4868630.080),  # Urumqi
]


@pytest.mark.parametrize(("lon", "lat", "x", "y"), PYPROJ)
def test_albers_agrees_with_proj(lon, lat, x, y):
    assert project(lon, lat) == pytest.approx((x, y), abs=0.01)


def test_albers_keeps_areas():
    """Equal-area: a 1°x1° cell has the area the sphere gives it, wherever it is."""

    def cell_area(lon, lat):
        corners = [project(lon, lat), project(lon + 1, lat), project(lon + 1, lat + 1)]
        corners.append(project(lon, lat + 1))
        twice = sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True)
        )
        return abs(twice) / 2

    for lon, lat in [(80, 40), (120, 20), (125, 50)]:
        sphere = mapsvg.EARTH_RADIUS**2 * math.radians(1)
        sphere *= math.sin(math.radians(lat + 1)) - math.sin(math.radians(lat))
        # a straight-sided cell differs from the curved one by far less than this
        assert cell_area(lon, lat) == pytest.approx(sphere, rel=2e-4)


# Simplification -----------------------------------------------------------------------------


def distance_to_polyline(point, line):
    return min(mapsvg._segment_distance(point, a, b) for a, b in itertools.pairwise(line))


def test_a_straight_line_keeps_only_its_ends():
    line = [(float(x), 2.0 * x) for x in range(50)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (49.0, 98.0)]


def test_simplify_keeps_the_ends_and_stays_within_tolerance():
    wave = [(x / 10, math.sin(x / 7) * 5 + (x % 3) * 0.05) for x in range(400)]
    for tolerance in (0.05, 0.5, 2.0):
        kept = simplify(wave, tolerance)
        assert kept[0] == wave[0] and kept[-1] == wave[-1]
        assert len(kept) < len(wave)
        assert set(kept) <= set(wave)
        assert max(distance_to_polyline(point, kept) for point in wave) <= tolerance


def test_a_coarser_tolerance_keeps_fewer_points():
    wave = [(x / 10, math.sin(x / 7) * 5) for x in range(400)]
    counts = [len(simplify(wave, tolerance)) for tolerance in (0.01, 0.1, 1.0)]
    assert counts[0] > counts[1] > counts[2] >= 2


def kept_on_each_side(geo, tolerance_px):
    """For each source point two provinces share: which of them keep it once simplified."""
    topology = mapsvg._Topology(geo)
    frame = mapsvg._Frame.around(topology.box(geo.outlines), mapsvg.NATIONAL_WIDTH)
    back = {xy: point for point, xy in topology.projected.items()}
    owners, kept = defaultdict(set), defaultdict(set)
    for adcode, rings in topology.rings.items():
        for ring in rings:
            for point in ring:
                owners[point].add(adcode)
            for xy in topology.simplified_ring(ring, tolerance_px / frame.scale):
                kept[back[xy]].add(adcode)
    shared = [point for point, who in owners.items() if len(who) > 1]
    return shared, owners, kept


def test_a_shared_border_is_simplified_alike_on_both_sides(case):
    shared, owners, kept = kept_on_each_side(case, 20)
    assert len(shared) == 5  # the corners at 117°E and the notch's three points
    # at 20 px of 800 the notch (0.1° deep, about 70 px) survives, on both sides
    assert all(kept[point] in (set(), owners[point]) for point in shared)
    assert (116 + 924 / 1024, 39 + 500 / 1024) in kept


def test_no_border_of_the_real_map_opens_a_gap(china):
    # Ring by ring, 210 shared points are kept by one side and dropped by the other at 1 px
    # (measured); simplified arc by arc, none.
    shared, owners, kept = kept_on_each_side(china, 1.0)
    one_sided = [point for point in shared if kept[point] and kept[point] != owners[point]]
    assert len(shared) > 4000 and one_sided == []


# The SVG ------------------------------------------------------------------------------------


def marks_for(geo, count):
    """`count` marks cycling through the places, several at one point, as zones of one city."""
    places = sorted(geo.places.values(), key=lambda p: (p.province, p.city))
    return [
        Mark(
            place.lon,
            place.lat,
            f"Economic and Technological Development Zone no. {index} ({place.name}), {place.city}",
            f"zones/#zone-{index}",
            ("wave-1984-88", "wave-2009-14", "wave-undated")[index % 3],
        )
        for index, place in enumerate(places[i % len(places)] for i in range(count))
    ]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_one_circle_per_mark_each_with_its_title(case):
    marks = [
        Mark(116.4, 39.9, "A & B <zone>", "zones/#a", "wave-2021"),
        Mark(116.4, 39.9, "C", "zones/#c", "wave-2024"),  # the same city
        Mark(117.7, 39.1, "D", "", "wave-undated"),
    ]
    svg = parse(china_map(case, marks, title="T", description="D"))
    circles = list(svg.iter(SVG + "circle"))
    assert len(circles) == 3
    assert [c.find(SVG + "title").text for c in circles] == ["A & B <zone>", "C", "D"]
    assert [c.get("class") for c in circles] == ["wave-2021", "wave-2024", "wave-undated"]
    links = list(svg.iter(SVG + "a"))
    assert [a.get("href") for a in links] == ["zones/#a", "zones/#c"]
    # two zones of one city are set side by side, not one hidden under the other
    first, second = ((float(c.get("cx")), float(c.get("cy"))) for c in circles[:2])
    assert first != second and math.dist(first, second) < 3 * float(circles[0].get("r"))


def test_the_svg_names_itself_and_runs_nothing(china):
    svg = str(china_map(china, marks_for(china, 188), title="Where <zones> are", description="D"))
    root = parse(svg)
    # Its marks link to rows: a group, since an image may hold no controls, and the links are
    # hidden from screen readers, which read the directory instead.
    assert root.get("role") == "group"
    assert root.find(SVG + "g[@class='marks']").get("aria-hidden") == "true"
    linkless = parse(str(china_map(china, [], title="T", description="D")))
    assert linkless.get("role") == "img"
    assert root.find(SVG + "title").text == "Where <zones> are"
    assert root.find(SVG + "desc").text == "D"
    assert root.get("aria-labelledby") == " ".join(
        f"{child.get('id')}" for child in (root.find(SVG + "title"), root.find(SVG + "desc"))
    )
    assert "<script" not in svg.lower()
    assert "url(" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in {"svg", "title", "desc", "g", "path", "a", "circle"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            if name.endswith("href"):
                assert not re.match(r"^([a-z]+:|//|/)", value), value


def test_a_link_off_the_site_is_refused(case):
    for href in ("https://example.org/", "//example.org/x", "javascript:alert(1)", "/zones/"):
        with pytest.raises(ValueError, match="within the site"):
            china_map(case, [Mark(116.4, 39.9, "x", href, "wave-2021")], title="T", description="D")


def test_the_same_input_gives_the_same_bytes(china):
    marks = marks_for(china, 60)
    first = china_map(china, marks, title="T", description="D", highlight="320000")
    mapsvg._LAST.clear()  # as a new process would
    again = china_map(china, marks, title="T", description="D", highlight="320000")
    assert first == again
    one = province_map(china, "310000", marks[:5], title="T", description="D")
    assert one == province_map(china, "310000", marks[:5], title="T", description="D")


def test_the_national_map_draws_every_province_and_stays_small(china):
    svg = china_map(china, marks_for(china, 188), title="T", description="D")
    root = parse(svg)
    paths = list(root.iter(SVG + "path"))
    assert len(paths) == 34
    assert "上海 Shanghai" in {p.find(SVG + "title").text for p in paths}
    assert len(list(root.iter(SVG + "circle"))) == 188
    assert len(svg.encode()) < 80_000


def test_a_highlighted_province_is_drawn_last_and_marked(china):
    root = parse(china_map(china, [], title="T", description="D", highlight="320000", small=True))
    paths = list(root.iter(SVG + "path"))
    assert paths[-1].get("class") == "province highlight"
    assert paths[-1].find(SVG + "title").text == "江苏 Jiangsu"
    assert root.get("class") == "geo-map small"


def test_a_province_map_crops_to_the_province_and_keeps_its_detail(china):
    national = parse(china_map(china, [], title="T", description="D"))
    shanghai = parse(province_map(china, "310000", [], title="T", description="D"))

    def path_of(root, name):
        return next(
            p.get("d") for p in root.iter(SVG + "path") if p.find(SVG + "title").text == name
        )

    drawn = [(p.get("class"), p.find(SVG + "title").text) for p in shanghai.iter(SVG + "path")]
    assert drawn[-1] == ("province focus", "上海 Shanghai")
    assert {("province neighbour", "江苏 Jiangsu"), ("province neighbour", "浙江 Zhejiang")} <= set(
        drawn
    )
    assert not any("Xinjiang" in name for _, name in drawn)  # far outside the crop
    # The national map draws Shanghai in a few points; its own map keeps nearly all of the
    # file's 70 (76 less the six rings' closing points).
    points = [
        len(re.findall(r"-?[\d.]+", path_of(root, "上海 Shanghai"))) // 2
        for root in (national, shanghai)
    ]
    assert points[1] >= 3 * points[0] and points[1] >= 0.9 * 70
    width, height = (float(v) for v in shanghai.get("viewBox").split()[2:])
    assert width == mapsvg.PROVINCE_WIDTH and 0.55 * width <= height <= 1.3 * width


def test_the_marks_fall_inside_the_drawing(china):
    for svg in (
        china_map(china, marks_for(china, 150), title="T", description="D"),
        province_map(
            china,
            "320000",
            [m for m in marks_for(china, 150) if 116 < m.lon < 122 and 30.7 < m.lat < 35.2],
            title="T",
            description="D",
        ),
    ):
        root = parse(svg)
        _, _, width, height = (float(v) for v in root.get("viewBox").split())
        for circle in root.iter(SVG + "circle"):
            assert 0 < float(circle.get("cx")) < width and 0 < float(circle.get("cy")) < height


def test_static_map_css_styles_every_wave():
    css = (REPO / "static" / "map.css").read_text(encoding="utf-8")
    for key in ("1984-88", "1992-93", "2000-02", "2009-14", "2021", "2024", "other", "undated"):
        assert f".wave-{key} {{ --wave:" in css
    assert "prefers-color-scheme: dark" in css and ".swatch" in css
    assert "url(" not in css and "@import" not in css


def test_path_data_round_trips_through_relative_steps():
    ring = [(10.04, 20.0), (15.55, 18.0), (15.55, 25.0), (9.0, 25.06)]
    d = mapsvg._ring_path(ring)
    assert d == "M10 20l5.6-2 0 7 -6.6 .1z"
    # read back as SVG would: absolute start, then relative steps
    numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", d)]
    x, y, points = numbers[0], numbers[1], [(numbers[0], numbers[1])]
    for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
        x, y = x + dx, y + dy
        points.append((round(x, 1), round(y, 1)))
    assert points == [(10.0, 20.0), (15.6, 18.0), (15.6, 25.0), (9.0, 25.1)]


def test_no_map_data_draws_nothing(tmp_path: Path):
    """A project without data/geo/ (most test cases) gets no map, and no failure."""
    geo = load_geo(tmp_path / "none", ErrorCollector(tmp_path))
    assert (
        china_map(geo, [Mark(116.4, 39.9, "x", "", "wave-2021")], title="T", description="D") == ""
    )


def test_every_province_map_stays_small(china):
    # Measured at most 21.6 KB (Sichuan, with its marks); a neighbour drawn whole instead of
    # cut to the frame would double some (Beijing's 3.7 KB became 15 KB when that broke).
    sizes = {
        adcode: len(province_map(china, adcode, [], title="T", description="D").encode())
        for adcode in china.outlines
    }
    assert max(sizes.values()) < 25_000
    assert sizes["110000"] < 5_000
