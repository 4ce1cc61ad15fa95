"""Facts: data/facts/*.yaml read into checked Fact objects, derived facts computed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import Field

from microsite import units
from microsite.errors import ErrorCollector
from microsite.inputs import formula
from microsite.inputs.chinese import FactZh
from microsite.inputs.declared import UNREADABLE, Declared, Keyed, intended_key
from microsite.inputs.fact_file import CorrectionEntry, FactEntry, FactFile, as_decimal
from microsite.inputs.sources import Source
from microsite.inputs.validation import Loaded, load_validated, validate
from microsite.inputs.yamlfile import contents, load_by_item, position_of
from microsite.reuse import PLAIN, Reuse
from microsite.suggest import did_you_mean


class _FactFileHead(FactFile):
    """A fact file with its facts still unchecked, so that each is checked on its own."""

    facts: list[Any] = Field(description="the facts on this topic")


@dataclass(frozen=True)
class Topic:
    title: str
    order: int
    slug: str
    title_zh: str | None = None


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    short: str | None
    value: Decimal
    unit: str
    period: str
    qualifier: str | None
    sources: tuple[Source, ...]
    notes: str | None
    topic: Topic
    path: str
    line: int
    reliability: (
        str  # V1 beats V2 beats V3: a sourced fact's best source, a derived one's weakest input
    )
    formula: str | None = None
    inputs: tuple[str, ...] = ()
    review_by: str | None = None
    corrections: tuple[CorrectionEntry, ...] = ()
    covers: str | None = None  # the key of the count fact saying how many zones it covers
    zh: FactZh | None = None  # its words in Chinese, shown by the Chinese edition
    language: str = "en"  # the edition it is written for: its numbers and words follow it

    @property
    def measure(self) -> str | None:
        """The word written after a count in Chinese, 232家."""
        return self.zh.measure if self.zh and self.language == "zh" else None

    @property
    def derived(self) -> bool:
        return self.formula is not None

    @property
    def short_label(self) -> str:
        return self.short or self.label

    @property
    def cautioned(self) -> bool:
        return self.reliability == "V3"

    @property
    def phrase(self) -> str:
        return units.phrase(self.value, self.unit, self.qualifier, **self.in_language)

    @property
    def exact_phrase(self) -> str:
        """The phrase with every digit the source gives: the Facts page and the downloads."""
        return units.phrase(self.value, self.unit, self.qualifier, exact=True, **self.in_language)

    @property
    def number(self) -> str:
        return units.number(self.value, self.unit, language=self.language)

    @property
    def change(self) -> str:
        """The figure as a change told by its direction: down 30.6%, 下降30.6%."""
        return units.change(self.value, self.unit, self.qualifier, **self.in_language)

    @property
    def with_unit(self) -> str:
        return units.with_unit(self.value, self.unit, **self.in_language)

    @property
    def hedge(self) -> tuple[str, str]:
        """The source's hedge as (before, after) the number, in the fact's language."""
        return units.hedge(self.unit, self.qualifier, language=self.language)

    @property
    def in_language(self) -> dict[str, Any]:
        """The edition's arguments to units.py: its language, and a count's measure word."""
        return {"language": self.language, "measure": self.measure}


@dataclass(frozen=True)
class _Pending:
    entry: FactEntry
    topic: Topic
    path: Path
    line: int
    raw: Any  # the fact as read, which knows where each of its fields stands

    def at(self, *location: Any) -> dict[str, int | None]:
        """Line and column of a field of this fact, for an error message."""
        line, column = position_of(self.raw, location)
        return {"line": line, "column": column}


def load_facts(
    folder: Path,
    sources: dict[str, Source],
    errors: ErrorCollector,
    reuse: Reuse = PLAIN,
) -> Keyed[Fact]:
    """Every valid fact under `folder` by key, derived facts computed, and the keys of all facts
    declared (so that a broken fact is reported once, not again by every page that cites it).
    Through the build's `reuse`, unchanged files and facts are not read or made again."""
    entries = _read_entries(folder, errors, reuse)
    pending, declared = entries.pending, entries.declared
    facts: dict[str, Fact] = {}
    for path, items in entries.valued.items():
        # A file whose facts and the sources they cite are all as they were: its facts too.
        facts |= reuse.get(
            ("sourced facts", path),
            (items, sources),
            lambda items=items: _sourced_facts(items, sources, errors, reuse),
            errors,
        )
    for item in entries.derived:
        _derive(item.entry.key, pending, facts, declared, errors, [])
    _check_coverage(entries.covering, pending, facts, declared, errors)
    if entries.derived or len(facts) != len(pending):
        facts = {key: facts[key] for key in pending if key in facts}  # in the files' order
    # Derived facts are computed afresh each build: one equal to the last build's is that one.
    for item in entries.derived:
        if item.entry.key in facts:
            facts[item.entry.key] = reuse.same(("fact", item.entry.key), facts[item.entry.key])
    return Keyed(facts, declared)


def _sourced_facts(
    items: list[_Pending], sources: dict[str, Source], errors: ErrorCollector, reuse: Reuse
) -> dict[str, Fact]:
    facts = {}
    for item in items:
        cited = tuple(sources.get(key) for key in item.entry.sources)
        facts[item.entry.key] = reuse.get(
            ("sourced fact", item.entry.key),
            (item, cited),
            lambda item=item: _sourced(item, sources, errors),
            errors,
        )
    return facts


class _Entries(NamedTuple):
    """The facts as written, before they are made: by key, and the parts that need work."""

    pending: dict[str, _Pending]
    declared: Declared
    valued: dict[Path, list[_Pending]]  # by file, the facts given a value
    derived: list[_Pending]  # the facts given a formula
    covering: list[_Pending]  # the facts that name a count of the zones they cover


class _FileEntries(NamedTuple):
    """One file's entries, sorted into the same parts."""

    by_key: dict[str, _Pending]
    valued: list[_Pending]
    derived: list[_Pending]
    covering: list[_Pending]


def _read_entries(folder: Path, errors: ErrorCollector, reuse: Reuse) -> _Entries:
    """Every fact file's entries. Through the build's `reuse`, an unchanged file's entries are
    sorted into their parts once, not on every build: 10,000 facts are quick to gather."""
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        errors.add(folder, None, "no fact files found", "add facts as data/facts/<topic>.yaml")
    pending: dict[str, _Pending] = {}
    declared = Declared()
    gathered: list[tuple[Path, _FileEntries]] = []
    each_key_once = True
    for path in paths:
        # The file's entries sorted into their parts with them: whenever the file changes, even
        # only in where its entries stand, both are made again.
        items, keys, parts = reuse.get(
            ("fact file", path),
            contents(path),
            lambda p=path: _with_parts(_read_file(p, errors, reuse)),
            errors,
        )
        declared |= keys
        if (
            each_key_once
            and len(parts.by_key) == len(items)
            and pending.keys().isdisjoint(parts.by_key)
        ):
            pending |= parts.by_key
            gathered.append((path, parts))
            continue
        each_key_once = False  # a key defined twice: each item is looked at, to name it
        for item in items:
            first = pending.get(item.entry.key)
            if first:
                errors.add(
                    path,
                    item.line,
                    f"fact key {item.entry.key!r} is defined twice",
                    f"it is first defined at {errors.display(first.path)}:{first.line}; "
                    "rename one of them",
                )
                continue
            pending[item.entry.key] = item
    if each_key_once:
        return _Entries(
            pending,
            declared,
            {path: parts.valued for path, parts in gathered if parts.valued},
            [item for _, parts in gathered for item in parts.derived],
            [item for _, parts in gathered for item in parts.covering],
        )
    whole = _parts(list(pending.values()))
    valued: dict[Path, list[_Pending]] = {}
    for item in whole.valued:
        valued.setdefault(item.path, []).append(item)
    return _Entries(pending, declared, valued, whole.derived, whole.covering)


def _with_parts(read: _FileFacts) -> tuple[list[_Pending], Declared, _FileEntries]:
    items, keys = read
    return items, keys, _parts(items)


def _parts(items: list[_Pending]) -> _FileEntries:
    return _FileEntries(
        {item.entry.key: item for item in items},
        [item for item in items if item.entry.value is not None],
        [item for item in items if item.entry.formula],
        [item for item in items if item.entry.covers is not None],
    )


_FileFacts = tuple[list[_Pending], Declared]


def _read_file(path: Path, errors: ErrorCollector, reuse: Reuse) -> _FileFacts:
    """A file's facts. Always read in this process: sent back from another, 10,000 facts cost
    two thirds again of their reading (0.6 s to pickle and unpickle, 0.9 s to read). Through the
    build's `reuse`, a file edited in a few facts has only those facts parsed and checked again."""
    # Item by item even with nothing to reuse: a thousand small parses are quicker than one
    # large one.
    data = load_by_item(path, "facts", reuse)
    if data is None:  # read whole: a file laid out otherwise, or a mistake
        loaded = load_validated(_FactFileHead, path, errors)
    else:
        loaded = Loaded(validate(_FactFileHead, data, path, errors), data)
    head, data = loaded.model, loaded.data
    if head is None:
        return [], UNREADABLE
    topic = Topic(
        head.topic, head.order, path.stem.replace("_", "-"), head.zh.topic if head.zh else None
    )
    lines = data["facts"].item_lines
    items = []
    # Items read by item are the last reading's objects where unchanged: so are their entries.
    for index, raw in enumerate(head.facts):
        entry = reuse.get(
            ("fact entry", path, index),
            raw,
            lambda raw=raw, index=index: validate(
                FactEntry, raw, path, errors, within=("facts", index)
            ),
            errors,
        )
        if entry is not None:
            items.append(_Pending(entry, topic, path, lines[index], raw))
    written = [raw.get("key") for raw in head.facts if isinstance(raw, dict)]
    keys = [key for key in written if isinstance(key, str)]
    # A key written as gdp-2024 is reported once, where it is; the places that cite gdp_2024
    # are not reported again.
    return items, Declared.of([*keys, *(intended_key(key) for key in keys)])


def _sourced(item: _Pending, sources: dict[str, Source], errors: ErrorCollector) -> Fact:
    cited = []
    for index, key in enumerate(item.entry.sources):
        if key in sources:
            cited.append(sources[key])
        else:
            errors.add(
                item.path,
                message=f"fact {item.entry.key!r} cites source {key!r}, which does not exist",
                hint=did_you_mean(key, sources, "source to data/sources.yaml"),
                **item.at("sources", index),
            )
    grade = min((source.reliability for source in cited), default="V3")
    return _fact(item, as_decimal(item.entry.value), tuple(cited), grade, errors)


def _fact(
    item: _Pending,
    value: Decimal,
    cited: tuple[Source, ...],
    reliability: str,
    errors: ErrorCollector,
    inputs: tuple[str, ...] = (),
) -> Fact:
    entry = item.entry
    return Fact(
        key=entry.key,
        label=entry.label,
        short=entry.short_label,
        value=value,
        unit=entry.unit,
        period=entry.period,
        qualifier=entry.qualifier,
        sources=cited,
        notes=entry.notes,
        topic=item.topic,
        path=errors.display(item.path),
        line=item.line,
        reliability=reliability,
        formula=entry.formula,
        inputs=inputs,
        review_by=entry.review_by,
        corrections=tuple(entry.corrections),
        covers=entry.covers,
        zh=entry.zh,
    )


def _check_coverage(
    covering: list[_Pending],
    pending: dict[str, _Pending],
    facts: dict[str, Fact],
    declared: Declared,
    errors: ErrorCollector,
) -> None:
    """A fact's `covers` names a count fact: how many zones the figure covers."""
    for item in covering:
        key, covered_by = item.entry.key, item.entry.covers
        target = facts.get(covered_by)
        if covered_by == key:
            errors.add(
                item.path,
                message=f"fact {key!r} covers itself",
                hint="covers names another fact: the count of the zones this figure covers, "
                "such as zones_evaluated_2019",
                **item.at("covers"),
            )
            continue
        if target is None and covered_by in declared:
            continue  # that fact is broken itself, and reported where it is defined
        if target is None:
            errors.add(
                item.path,
                message=f"fact {key!r} covers {covered_by!r}, which is not a fact",
                hint=did_you_mean(covered_by, pending, "count fact"),
                **item.at("covers"),
            )
        elif target.unit != "count":
            errors.add(
                item.path,
                message=f"fact {key!r} covers {covered_by!r}, which is in {target.unit}, "
                "not a count",
                hint="covers names the fact that counts the zones a figure covers, "
                "such as zones_evaluated_2019",
                **item.at("covers"),
            )


def _derive(
    key: str,
    pending: dict[str, _Pending],
    facts: dict[str, Fact],
    declared: Declared,
    errors: ErrorCollector,
    visiting: list[str],
) -> Fact | None:
    if key in facts:
        return facts[key]
    item = pending[key]
    if key in visiting:
        cycle = " -> ".join([*visiting[visiting.index(key) :], key])
        errors.add(
            item.path,
            item.line,
            f"derived facts depend on each other in a circle: {cycle}",
            "a derived fact may use only facts that do not use it back",
        )
        return None
    visiting.append(key)
    inputs = _inputs(item, pending, facts, declared, errors, visiting)
    visiting.pop()
    if inputs is None:
        return None
    try:
        formula.check_units(item.entry.formula or "", {k: f.unit for k, f in inputs.items()})
        raw = formula.evaluate(item.entry.formula or "", {k: f.value for k, f in inputs.items()})
        units.check_size(raw)
        value = raw.quantize(Decimal(1).scaleb(-(item.entry.decimals or 0)), rounding=ROUND_HALF_UP)
        units.check_size(value)  # 999999999999999.6 rounds up to sixteen digits
        if item.entry.unit == "fraction":
            units.check_fraction(value)
    except ValueError as problem:  # a FormulaError, or a result that cannot be printed
        errors.add(
            item.path,
            message=f"fact {key!r}: {problem}",
            hint="check the formula's inputs",
            **item.at("formula"),
        )
        return None
    cited = tuple(dict.fromkeys(s for fact in inputs.values() for s in fact.sources))
    grade = max(fact.reliability for fact in inputs.values())
    facts[key] = _fact(item, value, cited, grade, errors, inputs=tuple(inputs))
    return facts[key]


def _inputs(
    item: _Pending,
    pending: dict[str, _Pending],
    facts: dict[str, Fact],
    declared: Declared,
    errors: ErrorCollector,
    visiting: list[str],
) -> dict[str, Fact] | None:
    found: dict[str, Fact] = {}
    for name in formula.names(item.entry.formula or ""):
        if name not in pending and name in declared:
            return None  # the input itself is broken, and reported where it is
        if name not in pending:
            errors.add(
                item.path,
                message=f"fact {item.entry.key!r} uses {name!r} in its formula, "
                "which is not a fact",
                hint=did_you_mean(name, pending, "fact"),
                **item.at("formula"),
            )
            return None
        fact = facts.get(name) or _derive(name, pending, facts, declared, errors, visiting)
        if fact is None:
            return None
        found[name] = fact
    return found
