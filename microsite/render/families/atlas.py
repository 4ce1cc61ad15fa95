"""The atlas: the zone directory with its map (/zones/), the provinces compared (/provinces/), a
page for each province that has zones, and the annual rankings (/rankings/).

The directory, the provinces and the rankings are pages under content/pages/ whose `layout`
names them: their prose is the editor's, the tables and maps are drawn here from data/zones.csv,
data/rankings.csv and data/geo/."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
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

Translate = Callable[[str], str]  # the edition's gettext (content.gettext)

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
            "map_title": map_title(atlas, content.gettext),
            "total": content.facts.get(total) if total else None,
            "map": reuse.get(
                ("national map", content.language),
                (content.geo, atlas.existing, content.gettext),
                lambda: _national_map(atlas, content),
            ),
        }
    if layout == "provinces":
        return {
            "atlas": atlas,
            "largest": max((len(g.existing) for g in atlas.provinces), default=0),
        }
    reviews = _reviews(content.rankings, content.gettext, content.language)
    leaders = _leaders(content.rankings)
    return {
        "atlas": atlas,
        "reviews": reviews,
        "leaders": leaders,
        "leaders_title": leaders_title(leaders, reviews, content.gettext),
    }


def _national_map(atlas: Atlas, content: SiteContent) -> Markup:
    if not content.geo.outlines:
        return Markup("")
    return mapsvg.china_map(
        content.geo,
        _marks(atlas.existing, "", content.gettext),
        title=map_title(atlas, content.gettext),
        description=_map_description(atlas, content.gettext),
        language=content.language,
    )


def map_title(atlas: Atlas, gettext: Translate = str) -> str:
    """What the map shows, said as a finding: the provinces with the most zones, and how many
    provinces have any."""
    groups = [group for group in atlas.provinces if group.existing]
    if len(groups) < 2:
        return gettext("Where the {count} zones we list are").format(count=len(atlas.existing))
    first, second = _province_name(groups[0]), _province_name(groups[1])
    return gettext(
        "{first} and {second} have the most zones we list; "
        "{count} provincial-level divisions have at least one"
    ).format(first=first, second=second, count=len(groups))


def _map_description(atlas: Atlas, gettext: Translate = str) -> str:
    """The map in words: how many zones each province has, most first."""
    counts = gettext(", ").join(
        f"{_province_name(group)} {len(group.existing)}"
        for group in atlas.provinces
        if group.existing
    )
    return gettext(
        "A map of China's provincial-level divisions with a dot for each of the "
        "{count} zones we list, at its city or district. Zones by province: "
        "{counts}. The table below lists every zone."
    ).format(count=len(atlas.existing), counts=counts)


def _marks(zones: Sequence[Zone], to_directory: str, gettext: Translate = str) -> list[mapsvg.Mark]:
    """A mark for each zone at its city's point, linking to its row in the directory."""
    return [
        mapsvg.Mark(
            zone.place.lon,
            zone.place.lat,
            _mark_title(zone, gettext),
            f"{to_directory}#{zone.id}",
            zone.wave.css_class,
        )
        for zone in zones
        if zone.place
    ]


def _mark_title(zone: Zone, gettext: Translate) -> str:
    if zone.language == "en":
        return f"{zone.name_en} ({zone.name_zh}), {zone.city}; approved {zone.approved_text}"
    approved = zone.approved_text or gettext("not found")
    return gettext("{name}, {city}; approved {date}").format(
        name=zone.name, city=zone.city, date=approved
    )


def _province_name(group: ProvinceGroup) -> str:
    """The province's name in the edition's language: its zones know which that is."""
    return group.zones[0].province_name if group.zones else group.province.name_en


def _province_page(
    group: ProvinceGroup, atlas: Atlas, content: SiteContent, reuse: Reuse, index: bool
) -> Page:
    province, gettext = group.province, content.gettext
    name = _province_name(group)
    existing = len(group.existing)
    title = f"{province.name_en} ({province.name_zh})" if content.language == "en" else name
    locator = reuse.get(
        ("province map", province.adcode, content.language),
        (content.geo, group.zones, gettext),
        lambda: _province_maps(group, content),
    )
    description = (
        gettext(
            "The {zones} we list in {province}, each with its approval date, ranks and sources."
        ).format(zones=_zones(existing, gettext), province=name)
        if existing
        else gettext("The national-level zones once in {province}, all since withdrawn.").format(
            province=name
        )
    )
    return Page(
        f"{group.path}index.html",
        "province.html",
        title,
        description,
        {"group": group, "maps": locator, "ranks": atlas.ranks, "index": index},
        KeyFigure.count(
            existing, gettext("national-level zones we list in {province}").format(province=name)
        ),
    )


def _province_maps(group: ProvinceGroup, content: SiteContent) -> tuple[Markup, Markup]:
    """The province in China, and the province close up with its zones."""
    geo, province, gettext = content.geo, group.province, content.gettext
    if not geo.outlines or province.adcode not in geo.outlines:
        return Markup(""), Markup("")
    name = _province_name(group)
    marks = _marks(group.existing, "../../zones/", gettext)
    locator = mapsvg.china_map(
        geo,
        [],
        title=gettext("{province} within China").format(province=name),
        description=gettext("A small map of China with {province} shaded.").format(province=name),
        highlight=province.adcode,
        small=True,
        language=content.language,
    )
    if not marks:
        return locator, Markup("")
    listed = gettext("; ").join(
        gettext("{name}, {city}").format(name=zone.name, city=zone.city) for zone in group.existing
    )
    return (
        locator,
        mapsvg.province_map(
            geo,
            province.adcode,
            marks,
            title=gettext("The {zones} we list in {province}").format(
                zones=_zones(len(marks), gettext), province=name
            ),
            description=gettext(
                "A map of {province} with a dot for each zone at its city or district: {zones}."
            ).format(province=name, zones=listed),
            language=content.language,
        ),
    )


@dataclass(frozen=True)
class Review:
    """One year's ranking, named by the year of the results it judged: the places we found,
    best first."""

    data_year: int
    evaluated: int
    ranks: tuple[Ranking, ...]
    gettext: Translate = str  # the edition's: `found` is read in its language
    language: str = "en"

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
        # A range of numbers: an en dash in English; in Chinese a wave dash (GB/T 15834).
        dash = "～" if self.language == "zh" else "–"
        spans = [
            item
            for run in runs
            for item in ([f"{run[0]}{dash}{run[-1]}"] if len(run) > 2 else map(str, run))
        ]
        gettext = self.gettext
        said = []
        if spans:
            one = len(places) == 1
            word = gettext("place {places}") if one else gettext("places {places}")
            said.append(word.format(places=_and(spans, gettext)))
        unplaced = [r for r in self.ranks if not r.position]
        if unplaced:
            noun = "zone" if len(unplaced) == 1 else "zones"
            count = _count(len(unplaced), noun, gettext, self.language)
            said.append(
                gettext("{count} only as in the top {within}, unordered").format(
                    count=count, within=unplaced[0].within
                )
            )
        return gettext(", and ").join(said)

    @property
    def weak(self) -> bool:
        return any(ranking.row.level == "V3" for ranking in self.ranks)


def _reviews(
    rankings: Sequence[Ranking], gettext: Translate = str, language: str = "en"
) -> list[Review]:
    by_year: dict[int, list[Ranking]] = {}
    for ranking in rankings:
        by_year.setdefault(ranking.row.data_year, []).append(ranking)
    return [
        Review(year, found[0].row.zones_evaluated, tuple(found), gettext, language)
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


def leaders_title(
    leaders: list[tuple[Zone, tuple[Ranking, ...]]],
    reviews: list[Review],
    gettext: Translate = str,
) -> str:
    """The chart's finding: how the most frequent leader placed, with its weak sources said."""
    if not leaders:
        return ""
    zone, ranks = leaders[0]
    with_winner = [r for r in reviews if any(ranking.position == 1 for ranking in r.ranks)]
    firsts = [ranking for ranking in ranks if ranking.position == 1]
    if len(with_winner) > 1 and len(firsts) == len(with_winner):
        shown = firsts
        finding = gettext("{zone} came first in all {count} rankings whose winner we found")
        finding = finding.format(zone=zone.name, count=len(firsts))
    else:
        shown = list(ranks)
        finding = gettext("{zone} was in the top ten of {count} of the {all} rankings we found")
        finding = finding.format(zone=zone.name, count=len(ranks), all=len(reviews))
    weak = sum(ranking.row.level == "V3" for ranking in shown)
    if not weak:
        return finding
    if weak == 1:
        caveat = gettext("{count} known only from a weak source")
    else:
        caveat = gettext("{count} known only from weak sources")
    caveat = caveat.format(count=_count(weak, "of them", gettext, zone.language))
    return gettext("{finding} ({caveat})").format(finding=finding, caveat=caveat)


def _zones(number: int, gettext: Translate = str) -> str:
    """1 national-level zone, 2 national-level zones."""
    if number == 1:
        return gettext("{count} national-level zone").format(count=number)
    return gettext("{count} national-level zones").format(count=number)


def _count(number: int, noun: str, gettext: Translate = str, language: str = "en") -> str:
    """one zone, two of them: small counts in words, as English prose writes them; Chinese
    writes every count in digits (其中1个, 2家), as its catalogue says."""
    if language == "en":
        words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
        return f"{words.get(number, str(number))} {noun}"
    counted = {
        "zone": gettext("{count} zone"),
        "zones": gettext("{count} zones"),
        "of them": gettext("{count} of them"),
    }
    return counted[noun].format(count=number)


def _and(items: list[str], gettext: Translate = str) -> str:
    if len(items) == 1:
        return items[0]
    return gettext(", ").join(items[:-1]) + gettext(" and ") + items[-1]


def _mean(ranks: tuple[Ranking, ...]) -> float:
    return sum(ranking.within for ranking in ranks) / len(ranks)


def _by_approval(zone: Zone) -> tuple[str, str]:
    return (zone.row.approved or "9999", zone.name_en)
