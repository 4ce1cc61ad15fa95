"""Make data/geo/places.csv: a point for each (province, city) of the zone list, from cpca.

The points come from the gazetteer in the PyPI wheel cpca==0.5.5 (MIT), file
cpca/resources/adcodes.csv (adcode, name, longitude, latitude; divisions before 2021). The
wheel is read as a zip file, so cpca and its dependencies (pandas, numpy) are never installed:

    pip download cpca==0.5.5 --no-deps -d /tmp/cpca
    python tools/geo_places.py data/zones.csv /tmp/cpca/cpca-0.5.5-py3-none-any.whl

A city written "苏州(昆山)" is placed at the county in brackets (昆山市), else at the city
(苏州市), or at a county-level city when no prefecture has the name (石河子市); a
municipality (上海) at the municipality's own point. A name is looked up only
inside its province. Anything not found, or found twice, is printed and the exit is non-zero;
places.csv is then left as it was.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

WHEEL_SHA256 = "1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6"
GAZETTEER = "cpca/resources/adcodes.csv"
GEO = Path(__file__).resolve().parent.parent / "data" / "geo"

# A zone in two places: the Kuitun-Dushanzi zone lies between 奎屯市 (伊犁) and 独山子区
# (克拉玛依). We place it at 奎屯市, the first place its name gives.
OVERRIDES = {("新疆", "伊犁(奎屯)/克拉玛依(独山子)"): "奎屯市"}

# What a place's name may end with after the short form written in the zone list.
SUFFIXES = ("", "市", "区", "县", "地区", "盟")
CITY_IN_BRACKETS = re.compile(r"^(?P<city>[^()]+)\((?P<county>[^()]+)\)$")


@dataclass(frozen=True)
class Entry:
    adcode: str  # 12 digits, as in the gazetteer
    name: str
    lon: str  # kept as written, so the output changes only when the gazetteer does
    lat: str

    @property
    def prefecture_or_above(self) -> bool:
        return self.adcode[4:] == "00000000"

    def named(self, short: str) -> bool:
        if any(self.name == short + suffix for suffix in SUFFIXES):
            return True
        # 红河 -> 红河哈尼族彝族自治州, 巴音郭楞 -> 巴音郭楞蒙古自治州
        return self.name.startswith(short) and self.name.endswith("自治州")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zones", type=Path, help="the zone list (columns province, city)")
    parser.add_argument("wheel", type=Path, help="cpca-0.5.5-py3-none-any.whl")
    parser.add_argument("--out", type=Path, default=GEO / "places.csv")
    args = parser.parse_args(argv)

    try:
        gazetteer = read_gazetteer(args.wheel)
    except ValueError as problem:
        print(f"{args.wheel}: {problem}", file=sys.stderr)
        return 1
    provinces = read_provinces(GEO / "provinces.csv")
    pairs = sorted(distinct_places(args.zones), key=lambda pair: (provinces[pair[0]], pair[1]))

    rows, problems = [], []
    for province, city in pairs:
        found = locate(gazetteer, provinces[province], province, city)
        if isinstance(found, str):
            problems.append(f"{province} {city}: {found}")
        else:
            rows.append((province, city, found.adcode[:6], found.name, found.lon, found.lat))
    if problems:
        print(f"{len(problems)} of {len(pairs)} places not resolved:", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        print("add the gazetteer's name for each to OVERRIDES in this script", file=sys.stderr)
        return 1
    write_places(args.out, rows)
    print(f"{args.out}: {len(rows)} places")
    return 0


def read_gazetteer(wheel: Path) -> list[Entry]:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise ValueError(f"sha256 {digest} is not that of cpca 0.5.5 ({WHEEL_SHA256})")
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(GAZETTEER).decode("utf-8")
    return [
        Entry(row["adcode"], row["name"], row["longitude"], row["latitude"])
        for row in csv.DictReader(io.StringIO(text))
    ]


def read_provinces(path: Path) -> dict[str, str]:
    """Province name (上海) -> its two-digit adcode prefix (31)."""
    with path.open(encoding="utf-8", newline="") as file:
        return {row["name_zh"]: row["adcode"][:2] for row in csv.DictReader(file)}


def distinct_places(zones: Path) -> set[tuple[str, str]]:
    with zones.open(encoding="utf-8", newline="") as file:
        return {(row["province"].strip(), row["city"].strip()) for row in csv.DictReader(file)}


def locate(gazetteer: list[Entry], prefix: str, province: str, city: str) -> Entry | str:
    """The gazetteer's entry for a city, or why there is none."""
    inside = [entry for entry in gazetteer if entry.adcode.startswith(prefix)]
    if (province, city) in OVERRIDES:
        return _one([e for e in inside if e.name == OVERRIDES[province, city]], city)
    bracketed = CITY_IN_BRACKETS.match(city)
    if bracketed:
        county = _one([e for e in inside if e.named(bracketed["county"])], bracketed["county"])
        if isinstance(county, Entry):
            return county
        city = bracketed["city"]
    if city == province:  # a municipality: its own point, not one of its districts
        return _one([e for e in inside if e.adcode[2:] == "0" * 10], city)
    named = [e for e in inside if e.named(city)]
    # A prefecture before a county of the same name; but 石河子 and its like are county-level
    # cities under the region itself, with no prefecture above them.
    return _one([e for e in named if e.prefecture_or_above] or named, city)


def _one(entries: list[Entry], name: str) -> Entry | str:
    if len(entries) == 1:
        return entries[0]
    if not entries:
        return f"no place named {name!r} in the province"
    return f"{name!r} is ambiguous: " + ", ".join(f"{e.name} {e.adcode}" for e in entries)


def write_places(path: Path, rows: list[tuple[str, ...]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("province", "city", "adcode", "place", "lon", "lat"))
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
