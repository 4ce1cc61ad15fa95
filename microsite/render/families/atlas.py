"""The atlas: the zone directory with its map (/zones/), the provinces compared (/provinces/), a
page for each province that has zones, and the annual rankings (/rankings/).

The directory, the provinces and the rankings are pages under content/pages/ whose `layout`
names them: their prose is the editor's, the tables and maps are drawn here from data/zones.csv,
data/rankings.csv and data/geo/."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from microsite.inputs.content import ATLAS_LAYOUTS, SiteContent
from microsite.inputs.facts import Fact
from microsite.inputs.geo import Province
from microsite.inputs.narratives import Narrative
from microsite.inputs.rankings import Ranking, ranks_of
from microsite.inputs.zones import ALL_WAVES, Wave, Zone
from microsite.render import mapsvg
from microsite.render.families.stories import narrative_page
from microsite.render.page import KeyFigure, Page
from microsite.reuse import PLAIN, Reuse

LAYOUTS = ATLAS_LAYOUTS  # the pages under content/pages/ drawn here
TOP = 10  # "near the top" of a review: its first ten places


def inputs(content: SiteContent) -> Any:
    return (
        content.pages,
        content.zones,
        content.rankings,
        content.geo,
        content.facts,
        content.charts,
    )


def pages(content: SiteContent, reuse: Reuse = PLAIN) -> list[Page]:
    atlas = Atlas.of(content)
    found = []
    for narrative in content.pages:
        if narrative.meta.layout in LAYOUTS:
            page = narrative_page(
                f"{narrative.meta.slug}/index.html",
                f"{narrative.meta.layout}.html",
                narrative,
                content,
                reuse,
            )
            extra = _context_of(narrative, atlas, content, reuse)
            found.append(dataclasses.replace(page, context={**page.context, **extra}))
    # A province's page is its zones' address in the directory: there whenever they are.
    index = any(narrative.meta.layout == "provinces" for narrative in content.pages)
    found.extend(_province_page(group, atlas, content, reuse, index) for group in atlas.provinces)
    return found


@dataclass(frozen=True)
class ProvinceGroup:
    """A province and its zones in the directory, withdrawn ones included."""

    province: Province
    zones: tuple[Zone, ...]
    official: Fact | None  # a sourced count of the province's zones, where we have one

    @property
    def existing(self) -> tuple[Zone, ...]:
        return tuple(zone for zone in self.zones if not zone.withdrawn)

    @property
    def withdrawn(self) -> tuple[Zone, ...]:
        return tuple(zone for zone in self.zones if zone.withdrawn)

    @property
    def path(self) -> str:
        return f"provinces/{self.province.slug}/"


@dataclass(frozen=True)
class Atlas:
    """What the atlas pages share: the zones in existence, each zone's ranks, and the
    provinces, most zones first."""

    zones: tuple[Zone, ...]
    existing: tuple[Zone, ...]
    ranks: dict[str, tuple[Ranking, ...]]
    provinces: tuple[ProvinceGroup, ...]

    @classmethod
    def of(cls, content: SiteContent) -> Atlas:
        by_province: dict[str, list[Zone]] = {}
        for zone in content.zones:
            by_province.setdefault(zone.province.name_zh, []).append(zone)
        groups = [
            ProvinceGroup(
                zones[0].province,
                tuple(sorted(zones, key=_by_approval)),
                content.facts.get(official_count_key(zones[0].province)),
            )
            for zones in by_province.values()
        ]
        groups.sort(key=lambda group: (-len(group.existing), group.province.name_en))
        return cls(
            tuple(sorted(content.zones, key=_by_approval)),
            tuple(zone for zone in content.zones if not zone.withdrawn),
            ranks_of(content.rankings),
            tuple(groups),
        )

    @property
    def unconfirmed(self) -> tuple[Zone, ...]:
        """Zones in the list named in no source since 2014: renamed or merged, perhaps."""
        return tuple(zone for zone in self.existing if zone.unconfirmed)

    @property
    def waves(self) -> list[tuple[Wave, int]]:
        """Each wave and how many zones in existence it holds, empty waves left out."""
        counts = Counter(zone.wave.key for zone in self.existing)
        return [(wave, counts[wave.key]) for wave in ALL_WAVES if counts[wave.key]]


def official_count_key(province: Province) -> str:
    """The fact that gives a province's official count of zones: zones_in_zhejiang."""
    return "zones_in_" + province.slug.replace("-", "_")


def _context_of(
    narrative: Narrative, atlas: Atlas, content: SiteContent, reuse: Reuse
) -> dict[str, Any]:
    layout = narrative.meta.layout
    if layout == "zones":
        total = narrative.meta.total
        return {
            "atlas": atlas,
            "map_title": map_title(atlas),
            "total": content.facts.get(total) if total else None,
            "map": reuse.get(
                ("national map",),
                (content.geo, atlas.existing),
                lambda: _national_map(atlas, content),
            ),
        }
    if layout == "provinces":
        return {
            "atlas": atlas,
            "largest": max((len(g.existing) for g in atlas.provinces), default=0),
        }
    reviews = _reviews(content.rankings)
    leaders = _leaders(content.rankings)
    return {
        "atlas": atlas,
        "reviews": reviews,
        "leaders": leaders,
        "leaders_title": leaders_title(leaders, reviews),
    }


def _national_map(atlas: Atlas, content: SiteContent) -> Markup:
    if not content.geo.outlines:
        return Markup("")
    return mapsvg.china_map(
        content.geo,
        _marks(atlas.existing, ""),
        title=map_title(atlas),
        description=_map_description(atlas),
    )


def map_title(atlas: Atlas) -> str:
    """What the map shows, said as a finding: the provinces with the most zones, and how many
    provinces have any."""
    groups = [group for group in atlas.provinces if group.existing]
    if len(groups) < 2:
        return f"Where the {len(atlas.existing)} zones we list are"
    first, second = groups[0].province.name_en, groups[1].province.name_en
    return (
        f"{first} and {second} have the most zones we list; "
        f"{len(groups)} provincial-level divisions have at least one"
    )


def _map_description(atlas: Atlas) -> str:
    """The map in words: how many zones each province has, most first."""
    counts = ", ".join(
        f"{group.province.name_en} {len(group.existing)}"
        for group in atlas.provinces
        if group.existing
    )
    return (
        f"A map of China's provincial-level divisions with a dot for each of the "
        f"{len(atlas.existing)} zones we list, at its city or district. Zones by province: "
        f"{counts}. The table below lists every zone."
    )


def _marks(zones: Sequence[Zone], to_directory: str) -> list[mapsvg.Mark]:
    """A mark for each zone at its city's point, linking to its row in the directory."""
    return [
        mapsvg.Mark(
            zone.place.lon,
            zone.place.lat,
            f"{zone.name_en} ({zone.name_zh}), {zone.row.city}; approved {zone.approved_text}",
            f"{to_directory}#{zone.id}",
            zone.wave.css_class,
        )
        for zone in zones
        if zone.place
    ]


def _province_page(
    group: ProvinceGroup, atlas: Atlas, content: SiteContent, reuse: Reuse, index: bool
) -> Page:
    province = group.province
    existing = len(group.existing)
    title = f"{province.name_en} ({province.name_zh})"
    locator = reuse.get(
        ("province map", province.adcode),
        (content.geo, group.zones),
        lambda: _province_maps(group, content),
    )
    description = (
        f"The {_zones(existing)} we list in {province.name_en}, "
        "each with its approval date, ranks and sources."
        if existing
        else f"The national-level zones once in {province.name_en}, all since withdrawn."
    )
    return Page(
        f"{group.path}index.html",
        "province.html",
        title,
        description,
        {"group": group, "maps": locator, "ranks": atlas.ranks, "index": index},
        KeyFigure.count(existing, f"national-level zones we list in {province.name_en}"),
    )


def _province_maps(group: ProvinceGroup, content: SiteContent) -> tuple[Markup, Markup]:
    """The province in China, and the province close up with its zones."""
    geo, province = content.geo, group.province
    if not geo.outlines or province.adcode not in geo.outlines:
        return Markup(""), Markup("")
    marks = _marks(group.existing, "../../zones/")
    locator = mapsvg.china_map(
        geo,
        [],
        title=f"{province.name_en} within China",
        description=f"A small map of China with {province.name_en} shaded.",
        highlight=province.adcode,
        small=True,
    )
    if not marks:
        return locator, Markup("")
    return (
        locator,
        mapsvg.province_map(
            geo,
            province.adcode,
            marks,
            title=f"The {_zones(len(marks))} we list in {province.name_en}",
            description=f"A map of {province.name_en} with a dot for each zone at its city or "
            "district: "
            + "; ".join(f"{zone.name_en}, {zone.row.city}" for zone in group.existing)
            + ".",
        ),
    )


@dataclass(frozen=True)
class Review:
    """One year's ranking, named by the year of the results it judged: the places we found,
    best first."""

    data_year: int
    evaluated: int
    ranks: tuple[Ranking, ...]

    @property
    def found(self) -> str:
        """Which places we found, in words: "places 1–13, 22 and 29, and 1 zone only as in
        the top 30"."""
        places = sorted(r.position for r in self.ranks if r.position)
        runs: list[list[int]] = []
        for place in places:
            if runs and place == runs[-1][-1] + 1:
                runs[-1].append(place)
            else:
                runs.append([place])
        spans = [
            item
            for run in runs
            for item in ([f"{run[0]}–{run[-1]}"] if len(run) > 2 else map(str, run))
        ]
        said = []
        if spans:
            word = "place" if len(places) == 1 else "places"
            said.append(f"{word} {_and(spans)}")
        unplaced = [r for r in self.ranks if not r.position]
        if unplaced:
            count = _count(len(unplaced), "zone" if len(unplaced) == 1 else "zones")
            said.append(f"{count} only as in the top {unplaced[0].within}, unordered")
        return ", and ".join(said)

    @property
    def weak(self) -> bool:
        return any(ranking.row.level == "V3" for ranking in self.ranks)


def _reviews(rankings: Sequence[Ranking]) -> list[Review]:
    by_year: dict[int, list[Ranking]] = {}
    for ranking in rankings:
        by_year.setdefault(ranking.row.data_year, []).append(ranking)
    return [
        Review(year, found[0].row.zones_evaluated, tuple(found))
        for year, found in sorted(by_year.items(), reverse=True)
    ]


def _leaders(rankings: Sequence[Ranking]) -> list[tuple[Zone, tuple[Ranking, ...]]]:
    """The zones in a ranking's top ten more than once, most often first."""
    near_top: dict[str, list[Ranking]] = {}
    for ranking in rankings:
        if ranking.within <= TOP:
            near_top.setdefault(ranking.zone.id, []).append(ranking)
    leaders = [(ranks[0].zone, tuple(ranks)) for ranks in near_top.values() if len(ranks) > 1]
    return sorted(leaders, key=lambda item: (-len(item[1]), _mean(item[1]), item[0].name_en))


def leaders_title(leaders: list[tuple[Zone, tuple[Ranking, ...]]], reviews: list[Review]) -> str:
    """The chart's finding: how the most frequent leader placed, with its weak sources said."""
    if not leaders:
        return ""
    zone, ranks = leaders[0]
    with_winner = [r for r in reviews if any(ranking.position == 1 for ranking in r.ranks)]
    firsts = [ranking for ranking in ranks if ranking.position == 1]
    if len(with_winner) > 1 and len(firsts) == len(with_winner):
        shown = firsts
        finding = f"came first in all {len(firsts)} rankings whose winner we found"
    else:
        shown = list(ranks)
        finding = f"was in the top ten of {len(ranks)} of the {len(reviews)} rankings we found"
    weak = sum(ranking.row.level == "V3" for ranking in shown)
    source = "a weak source" if weak == 1 else "weak sources"
    caveat = f" ({_count(weak, 'of them')} known only from {source})" if weak else ""
    return f"{zone.name_en} {finding}{caveat}"


def _zones(number: int) -> str:
    """1 national-level zone, 2 national-level zones."""
    return f"{number} national-level {'zone' if number == 1 else 'zones'}"


def _count(number: int, noun: str) -> str:
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    return f"{words.get(number, str(number))} {noun}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _mean(ranks: tuple[Ranking, ...]) -> float:
    return sum(ranking.within for ranking in ranks) / len(ranks)


def _by_approval(zone: Zone) -> tuple[str, str]:
    return (zone.row.approved or "9999", zone.name_en)
