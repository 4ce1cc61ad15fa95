"""Make data/zones.csv from the researched list, ../shared/data/zones-full.csv: run once when the
research changes, then check the differences by eye before committing.

    pip install pypinyin        # only for this tool, not a dependency of the site
    python tools/zone_rows.py ../shared/data/zones-full.csv

What it does to each row, and nothing more:
- an `id`, the row's stable anchor, made from its English name;
- an English name: the source's where it gives one; else the one our earlier list (the old
  data/zones.csv, given with --earlier) gave; else the Chinese name romanised in pinyin, with
  "ETDZ" for 经济技术开发区. `name_en_from` says which: "source" or "ours";
- the approval date written as 1984, 1984-09 or 2012-10-13, and what followed it in the research
  (a document number, "成文日期") moved to the notes;
- `status` as one word (confirmed, listed, withdrawn) and the month of a withdrawal in `withdrawn`;
- the note that every row's province and city were assigned from its name is dropped from the
  rows: the directory says it once.

data/zones.csv has been edited by hand since it was first made (notes reworded for readers,
Shizuishan's unconfirmed withdrawal): running this again overwrites those edits, so compare the
result with git and keep them.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

from microsite.inputs.zones import COLUMNS  # the file's columns, as the build reads them

EVERY_ROW_NOTE = "province/city assigned from the place name, not from the source"
SUFFIXES = {
    "经济技术开发区": "ETDZ",
    "经济开发区": "Economic Development Zone",
    "开发区": "Development Zone",
    "工业园区": "Industrial Park",
    "台商投资区": "Taiwanese Investment Zone",
    "新区": "New Area",
}
# Places whose usual spelling pinyin by character gets wrong: a character read two ways
# (漯 luò, 六 lù), or a name long written in another form (Korla, Aral, Shaanxi).
SPELLINGS = {
    "漯河": "Luohe",
    "库尔勒": "Korla",
    "六安": "Lu'an",
    "陕西航空": "Shaanxi Hangkong",
    "阿拉尔": "Aral",
}
# English names in a source spelled as readers no longer know them (Postal or old Wade-Giles
# forms, a misprint): the row takes our earlier list's spelling and notes the source's.
OLD_SPELLINGS = {"Urumchi ETDZ", "Lasa ETDZ", "Huhhot ETDZ", "Guiyang (printed Gunyang) ETDZ"}
STATUS = {
    "in a 2016-2024 source": "confirmed",
    "approval listed; not re-confirmed in a source after 2014": "listed",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("research", type=Path, help="../shared/data/zones-full.csv")
    parser.add_argument("--earlier", type=Path, default=Path("data/zones.csv"))
    parser.add_argument("--out", type=Path, default=Path("data/zones.csv"))
    args = parser.parse_args()
    earlier = _earlier_names(args.earlier)
    rows = [_row(raw, earlier) for raw in _read(args.research)]
    ids = [row["id"] for row in rows]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        print(f"ids made twice: {repeated}; give those rows English names", file=sys.stderr)
        return 1
    with args.out.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.out}")
    return 0


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _earlier_names(path: Path) -> dict[str, dict[str, str]]:
    """What the earlier list gave each zone, by Chinese name: its id (an anchor readers link
    to, which must not change) and its English name."""
    if not path.is_file():
        return {}
    return {row["name_zh"]: row for row in _read(path) if row.get("name_en")}


def _row(raw: dict[str, str], earlier: dict[str, dict[str, str]]) -> dict[str, str]:
    kept = earlier.get(raw["name_zh"], {})
    name_en, name_from = _english_name(raw, earlier)
    approved, approval_note = _approved(raw["approved"])
    notes = [part for part in raw["notes"].split(" | ") if part and part != EVERY_ROW_NOTE]
    if raw["name_en"] in OLD_SPELLINGS:
        notes.append(f"the source writes the English name {raw['name_en']}")
    if approval_note:
        notes.append(approval_note)
    status, withdrawn = _status(raw["status"])
    return {
        "id": kept.get("id") or _slug(name_en),
        "name_zh": raw["name_zh"],
        "name_en": name_en,
        "name_en_from": name_from,
        "province": raw["province"],
        "city": raw["city"],
        "approved": approved,
        "source_url": raw["source_url"],
        "level": raw["level"],
        "approved_source": raw["approved_source"],
        "approved_level": raw["approved_level"],
        "status": status,
        "withdrawn": withdrawn,
        "other_sources": raw["other_sources"],
        "notes": " | ".join(notes),
        "notes_zh": kept.get("notes_zh", ""),
    }


def _english_name(raw: dict[str, str], earlier: dict[str, dict[str, str]]) -> tuple[str, str]:
    if raw["name_en"] and raw["name_en"] not in OLD_SPELLINGS:
        return raw["name_en"], "source"
    if raw["name_zh"] in earlier:
        return earlier[raw["name_zh"]]["name_en"], "ours"
    return _romanised(raw["name_zh"], raw["city"]), "ours"


def _romanised(name_zh: str, city: str) -> str:
    for suffix, english in SUFFIXES.items():
        if name_zh.endswith(suffix):
            return f"{_place_words(name_zh.removesuffix(suffix), city)} {english}"
    return _place_words(name_zh, city)


def _place_words(place: str, city: str) -> str:
    """Pinyin a word a place: 四平红嘴 in 四平 is "Siping Hongzui"; a one-character remainder
    stays with its place, as in 钦州港, "Qinzhougang"."""
    prefecture = city.split("(")[0]
    rest = place.removeprefix(prefecture)
    if rest != place and len(rest) >= 2:
        return f"{_pinyin(prefecture)} {_pinyin(rest)}"
    return _pinyin(place)


def _pinyin(text: str) -> str:
    if text in SPELLINGS:
        return SPELLINGS[text]
    return "".join(lazy_pinyin(text)).capitalize()


def _approved(text: str) -> tuple[str, str]:
    """1984.09 -> 1984-09; '2024-10-27 (成文日期)' -> 2024-10-27 and the bracket as a note."""
    match = re.fullmatch(r"(\d{4})(?:[.-](\d{1,2}))?(?:[.-](\d{1,2}))?\s*(?:\((.*)\))?", text)
    if not text or not match:
        return text, ""
    year, month, day, aside = match.groups()
    parts = [year] + [f"{int(part):02d}" for part in (month, day) if part]
    return "-".join(parts), f"approval date: {aside}" if aside else ""


def _status(text: str) -> tuple[str, str]:
    withdrawn = re.match(r"withdrawn (\d{4}-\d{2})", text)
    if withdrawn:
        return "withdrawn", withdrawn.group(1)
    if text not in STATUS:
        raise SystemExit(f"a status this tool does not know: {text!r}; add it to STATUS")
    return STATUS[text], ""


def _slug(name_en: str) -> str:
    name = re.sub(r"\(.*?\)|'", "", name_en).removesuffix(" ETDZ")
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


if __name__ == "__main__":
    sys.exit(main())
