"""Maps drawn at build time: the provinces and a mark per zone, as an inline SVG.

The outlines are projected with an Albers equal-area conic suited to China, then simplified
with Douglas–Peucker at about one pixel of the drawing. A border two provinces share is cut into
the same arcs on both sides and each arc is simplified once, so the two sides keep the same
points and no hairline gap opens between provinces (`arcs`). static/map.css styles the classes.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from microsite.inputs.geo import Geo, Point

# Albers equal-area conic on the sphere (Snyder, Map Projections: A Working Manual, 14-1 to
# 14-4): standard parallels 25°N and 47°N, central meridian 105°E, origin on the equator.
EARTH_RADIUS = 6_371_000.0  # metres
_PHI1, _PHI2, _LAMBDA0 = math.radians(25), math.radians(47), math.radians(105)
_N = (math.sin(_PHI1) + math.sin(_PHI2)) / 2
_C = math.cos(_PHI1) ** 2 + 2 * _N * math.sin(_PHI1)
_RHO0 = EARTH_RADIUS * math.sqrt(_C) / _N  # origin latitude 0: sin(0) = 0

NATIONAL_WIDTH = 800  # viewBox units; the page scales the drawing to its column
SMALL_WIDTH = 240  # the locator map beside a province's list
PROVINCE_WIDTH = 600
MARGIN = 6  # viewBox units of room around the drawing, for strokes and marks
# A province map shows at least this much height for its width, and at most this much, so a
# long thin province (Inner Mongolia) and a tall one (Hainan) both fit a column.
PROVINCE_ASPECT = (0.55, 1.2)
PROVINCE_PADDING = 0.06  # of the province's width or height, whichever is larger, each side


@dataclass(frozen=True)
class _Style:
    css_class: str  # the <svg>'s class in static/map.css
    mark_radius: float
    tolerance: float  # viewBox units a simplified outline may stray from the original


NATIONAL = _Style("geo-map", 6.0, 1.0)
SMALL = _Style("geo-map small", 3.0, 1.5)  # shown a quarter as wide: coarser still
PROVINCE = _Style("geo-map province-map", 7.0, 1.0)
RAISED = {"province highlight", "province focus"}  # drawn last, their borders on top


@dataclass(frozen=True)
class Mark:
    lon: float
    lat: float
    label: str  # the mark's <title>: a zone's name
    href: str  # a relative link, or "" for none
    css_class: str  # "wave-1984-88"


def project(lon: float, lat: float) -> tuple[float, float]:
    """Albers equal-area coordinates in metres: x east, y north of the origin."""
    rho = EARTH_RADIUS * math.sqrt(_C - 2 * _N * math.sin(math.radians(lat))) / _N
    theta = _N * (math.radians(lon) - _LAMBDA0)
    return rho * math.sin(theta), _RHO0 - rho * math.cos(theta)


def china_map(
    geo: Geo,
    marks: Sequence[Mark],
    *,
    title: str,
    description: str,
    highlight: str | None = None,
    small: bool = False,
    language: str = "en",
) -> Markup:
    """All provinces, one province raised when `highlight` gives its adcode, and the marks.
    Nothing when the project has no map data."""
    if not geo.outlines:
        return Markup("")
    topology = _topology(geo)
    frame = _Frame.around(topology.box(geo.outlines), SMALL_WIDTH if small else NATIONAL_WIDTH)
    classes = {adcode: "province" for adcode in geo.outlines}
    if highlight in classes:
        classes[highlight] = "province highlight"
    style = SMALL if small else NATIONAL
    return _svg(geo, frame, classes, marks, style, title, description, language)


def province_map(
    geo: Geo,
    adcode: str,
    marks: Sequence[Mark],
    *,
    title: str,
    description: str,
    language: str = "en",
) -> Markup:
    """One province filling the drawing, its neighbours faint around it, and the marks."""
    topology = _topology(geo)
    frame = _Frame.around(topology.box([adcode]), PROVINCE_WIDTH, PROVINCE_ASPECT, PROVINCE_PADDING)
    classes = {
        code: "province focus" if code == adcode else "province neighbour"
        for code in geo.outlines
        if code == adcode or frame.overlaps(topology.box([code]))
    }
    return _svg(geo, frame, classes, marks, PROVINCE, title, description, language)


# The drawing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """Where projected metres land in the viewBox: x' = (x - left) * scale, y flipped."""

    left: float
    top: float  # the largest y in metres: north is up
    scale: float  # viewBox units per metre
    width: int
    height: int

    @classmethod
    def around(
        cls,
        box: tuple[float, float, float, float],
        width: int,
        aspect: tuple[float, float] | None = None,
        padding: float = 0.0,
    ) -> _Frame:
        left, bottom, right, top = box
        pad = padding * max(right - left, top - bottom)
        left, right, bottom, top = left - pad, right + pad, bottom - pad, top + pad
        if aspect:  # widen or heighten the box about its centre
            low, high = aspect
            span_x, span_y = right - left, top - bottom
            span_y, span_x = max(span_y, span_x * low), max(span_x, span_y / high)
            middle_x, middle_y = (left + right) / 2, (bottom + top) / 2
            left, right = middle_x - span_x / 2, middle_x + span_x / 2
            bottom, top = middle_y - span_y / 2, middle_y + span_y / 2
        scale = (width - 2 * MARGIN) / (right - left)
        height = math.ceil((top - bottom) * scale + 2 * MARGIN)
        return cls(left - MARGIN / scale, top + MARGIN / scale, scale, width, height)

    def place(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.left) * self.scale, (self.top - y) * self.scale

    def overlaps(self, box: tuple[float, float, float, float]) -> bool:
        left, top = self.place(box[0], box[3])
        right, bottom = self.place(box[2], box[1])
        return right > 0 and left < self.width and bottom > 0 and top < self.height


def _svg(
    geo: Geo,
    frame: _Frame,
    classes: dict[str, str],
    marks: Sequence[Mark],
    style: _Style,
    title: str,
    description: str,
    language: str,
) -> Markup:
    ident = "map-" + hashlib.sha256(f"{title}\n{description}".encode()).hexdigest()[:10]
    # A picture, unless its marks are links: an image may not hold controls, so the drawing is
    # then a group, named by its title and description like the picture would be.
    role = "group" if any(mark.href for mark in marks) else "img"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{style.css_class}" role="{role}" '
        f'viewBox="0 0 {frame.width} {frame.height}" aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(description)}</desc>',
        '<g class="provinces">',
    ]
    names = {province.adcode: province for province in geo.provinces.values()}
    # The raised province last, so that its border is drawn over its neighbours'.
    for adcode in sorted(classes, key=lambda code: (classes[code] in RAISED, code)):
        path = _path(geo, adcode, frame, style.tolerance)
        if not path:
            continue
        province = names.get(adcode)
        # Each province named as the page's reader knows it: 湖北 Hubei, or 湖北 alone.
        name = adcode
        if province:
            name = province.name_zh
            if language == "en":
                name += f" {province.name_en}"
        parts.append(
            f'<path class="{classes[adcode]}" d="{path}"><title>{escape(name)}</title></path>'
        )
    parts.append("</g>")
    parts.append(_marks(marks, frame, style.mark_radius))
    parts.append("</svg>")
    return Markup("".join(parts))


def _path(geo: Geo, adcode: str, frame: _Frame, tolerance: float) -> str:
    """A province's path data: each ring simplified arc by arc, clipped to the frame."""
    topology = _topology(geo)
    tolerance = tolerance / frame.scale  # in metres, where the arcs are simplified
    box = (-MARGIN, -MARGIN, frame.width + MARGIN, frame.height + MARGIN)
    rings = topology.rings[adcode]
    simplified = [topology.simplified_ring(ring, tolerance) for ring in rings]
    if all(len(points) < 3 for points in simplified):
        # A province smaller than the tolerance (Macao on the national map) is still drawn:
        # its largest ring as it is.
        simplified = [[topology.projected[point] for point in max(rings, key=len)]]
    commands = []
    for points in simplified:
        if len(points) < 3:
            continue  # an island smaller than the tolerance
        placed = _clip([frame.place(*point) for point in points], box)
        if len(placed) >= 3:
            commands.append(_ring_path(placed))
    return "".join(commands)


def _ring_path(points: list[tuple[float, float]]) -> str:
    """ "M x y l dx dy …z" in tenths of a unit, relative steps being shorter to write."""
    rounded = [(round(x * 10), round(y * 10)) for x, y in points]
    steps = [f"M{_tenths(rounded[0][0])} {_tenths(rounded[0][1])}l"]
    previous = rounded[0]
    for point in rounded[1:]:
        dx, dy = point[0] - previous[0], point[1] - previous[1]
        if dx or dy:
            steps.append(f"{_tenths(dx)}{'' if dy < 0 else ' '}{_tenths(dy)} ")
            previous = point
    return "".join(steps).rstrip() + "z"


def _tenths(value: int) -> str:
    """12 -> "1.2", -5 -> "-.5", 30 -> "3": a number in tenths, as short as SVG allows."""
    sign = "-" if value < 0 else ""
    whole, tenth = divmod(abs(value), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _marks(marks: Sequence[Mark], frame: _Frame, radius: float) -> str:
    """One circle per mark. Marks at the same point (zones of one city) are set side by side
    around it, in the order given, so each can be seen and pointed at."""
    at_point = Counter((mark.lon, mark.lat) for mark in marks)
    seen: Counter[tuple[float, float]] = Counter()
    # Links for mouse and touch only: the directory is the map's text alternative, so neither a
    # keyboard nor a screen reader has to step through every mark.
    linked = any(mark.href for mark in marks)
    parts = ['<g class="marks" aria-hidden="true">' if linked else '<g class="marks">']
    for mark in marks:
        if mark.href and not _relative(mark.href):
            raise ValueError(f"a map's link must lead within the site, not to {mark.href!r}")
        x, y = frame.place(*project(mark.lon, mark.lat))
        key = (mark.lon, mark.lat)
        dx, dy = _spread(seen[key], at_point[key], radius)
        seen[key] += 1
        circle = (
            f'<circle class="{escape(mark.css_class)}" cx="{x + dx:.1f}" cy="{y + dy:.1f}" '
            f'r="{radius:g}"><title>{escape(mark.label)}</title></circle>'
        )
        if mark.href:
            circle = f'<a href="{escape(mark.href)}" tabindex="-1">{circle}</a>'
        parts.append(circle)
    parts.append("</g>")
    return "".join(parts)


def _spread(index: int, count: int, radius: float) -> tuple[float, float]:
    """The offset of the index-th of `count` marks at one point: a sunflower pattern, the
    first at the point itself, packed so that the circles barely overlap."""
    if count == 1 or index == 0:
        return 0.0, 0.0
    distance = radius * 1.1 * math.sqrt(index)
    angle = index * math.pi * (3 - math.sqrt(5))  # the golden angle
    return distance * math.cos(angle), distance * math.sin(angle)


def _relative(href: str) -> bool:
    lowered = href.strip().lower()
    return not (lowered.startswith(("//", "/", "\\")) or ":" in lowered.split("/", 1)[0])


def _clip(
    points: list[tuple[float, float]], box: tuple[float, float, float, float]
) -> list[tuple[float, float]]:
    """A ring cut to a rectangle (Sutherland–Hodgman). The box lies outside the viewBox, so the
    edges the cut adds along it are never seen."""
    left, top, right, bottom = box
    if all(left <= x <= right and top <= y <= bottom for x, y in points):
        return points
    edges = (
        (lambda p: p[0] >= left, lambda a, b: _at_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _at_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _at_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _at_y(a, b, bottom)),
    )
    for inside, cross in edges:
        if not points:
            break
        kept = []
        for current, previous in zip(points, points[-1:] + points[:-1], strict=True):
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
        points = kept
    return points


def _at_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


# Shared borders ---------------------------------------------------------------------------


class _Topology:
    """The outlines projected once and cut into arcs at the points where borders meet.

    A junction is a point joined to three or more others in the whole map: where two provinces'
    border meets a third province or the coast. Between junctions, a border two provinces share
    is the same run of points in both (the file's 1/1024° grid makes them equal), so an arc
    simplified once is drawn the same on both sides.
    """

    def __init__(self, geo: Geo) -> None:
        self.geo = geo
        self.rings: dict[str, list[list[Point]]] = {}
        neighbours: dict[Point, set[Point]] = {}
        for adcode, outline in sorted(geo.outlines.items()):
            rings = []
            for polygon in outline.polygons:
                for ring in polygon:
                    points = list(ring[:-1] if ring[0] == ring[-1] else ring)
                    for a, b in zip(points, points[1:] + points[:1], strict=True):
                        neighbours.setdefault(a, set()).add(b)
                        neighbours.setdefault(b, set()).add(a)
                    rings.append(points)
            self.rings[adcode] = rings
        self.junctions = {point for point, joined in neighbours.items() if len(joined) >= 3}
        self.projected = {point: project(*point) for point in neighbours}
        self.arcs: dict[tuple[float, tuple[Point, ...]], list[tuple[float, float]]] = {}
        self.boxes = {
            adcode: _bounds([self.projected[p] for ring in rings for p in ring])
            for adcode, rings in self.rings.items()
        }

    def box(self, adcodes: Iterable[str]) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) in metres around these provinces."""
        boxes = [self.boxes[adcode] for adcode in adcodes]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def simplified_ring(self, ring: list[Point], tolerance: float) -> list[tuple[float, float]]:
        """The ring's projected points, simplified arc by arc."""
        cuts = [index for index, point in enumerate(ring) if point in self.junctions]
        if not cuts:
            # An island or a province alone: cut at its first point in sorted order, so the
            # result does not depend on where the file starts the ring.
            cuts = [ring.index(min(ring))]
        start = cuts[0]
        turned = ring[start:] + ring[:start]
        ends = [index - start for index in cuts] + [len(ring)]
        result: list[tuple[float, float]] = []
        for begin, end in itertools.pairwise(ends):
            arc = (turned + turned[:1])[begin : end + 1]
            result.extend(self._arc(tuple(arc), tolerance)[:-1])
        return result

    def _arc(self, arc: tuple[Point, ...], tolerance: float) -> list[tuple[float, float]]:
        """An arc simplified the same way whichever side draws it: in one canonical direction."""
        forward = arc <= arc[::-1]
        canonical = arc if forward else arc[::-1]
        key = (tolerance, canonical)
        if key not in self.arcs:
            projected = [self.projected[point] for point in canonical]
            if canonical[0] == canonical[-1]:  # a closed ring: keep a second point opposite
                far = max(
                    range(len(projected)), key=lambda i: _distance2(projected[0], projected[i])
                )
                kept = simplify(projected[: far + 1], tolerance)[:-1] + simplify(
                    projected[far:], tolerance
                )
            else:
                kept = simplify(projected, tolerance)
            self.arcs[key] = kept
        kept = self.arcs[key]
        return kept if forward else kept[::-1]


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


_LAST: list[_Topology] = []


def _topology(geo: Geo) -> _Topology:
    """The last map's topology while the outlines are the same objects: a site draws many maps
    of one Geo, and the build keeps nothing between builds."""
    if not _LAST or _LAST[0].geo.outlines is not geo.outlines:
        _LAST[:] = [_Topology(geo)]
    return _LAST[0]


# Douglas-Peucker --------------------------------------------------------------------------


def simplify(points: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: the fewest points such that no point dropped lies further than
    `tolerance` from the line kept. The first and last points are always kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            away = _segment_distance(points[index], points[first], points[last])
            if away > distance:
                farthest, distance = index, away
        if distance > tolerance:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _segment_distance(
    point: tuple[float, float], start: tuple[float, float], end: tuple[float, float]
) -> float:
    dx, dy = end[0] - start[0], end[1] - start[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.sqrt(_distance2(point, start))
    along = max(0.0, min(1.0, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / length2))
    return math.sqrt(_distance2(point, (start[0] + along * dx, start[1] + along * dy)))


def _distance2(a: tuple[float, float], b: tuple[float, float]) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2
