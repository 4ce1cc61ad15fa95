"""The timeline: data/timeline.yaml, the key dates of the zones' history, each with its sources.

`load_timeline` reads and checks the file alone (fields, dates in order, no number typed into
the text). `check_timeline` then checks what the events name against the rest of the site:
sources, facts and zones. Both report each problem at its line, in the editor's words.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from microsite import periods
from microsite.errors import ErrorCollector
from microsite.inputs import references
from microsite.inputs.chinese import EventZh, zh_field
from microsite.inputs.fields import Key, Period, Text
from microsite.inputs.references import CHINESE_NUMBER, TYPED_NUMBER
from microsite.inputs.validation import load_validated, validate
from microsite.inputs.yamlfile import LocatedDict
from microsite.suggest import did_you_mean

# A zone's anchor in the directory, as data/zones.csv gives it in its `id` column: dalian.
ZONE_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ZoneId = Annotated[str, StringConstraints(pattern=ZONE_ID_PATTERN, max_length=80)]
# The same rule as the prose lint (checks/lint.py): every number must be a cited fact or a
# marked literal.
WRITTEN_FIELDS = ("title", "text")


class EventEntry(BaseModel):
    """One event of data/timeline.yaml."""

    model_config = ConfigDict(extra="forbid", strict=True)

    date: Period = Field(
        description="when it happened, as precisely as the source says, quoted: "
        '"1984", "2020-01", "2024-10-27", or a span such as "1984/1988"'
    )
    title: Text = Field(description="what happened, in one short sentence that leads with it")
    text: Text | None = Field(default=None, description="one more sentence, or omit it")
    sources: list[Key] = Field(
        min_length=1, description="keys of data/sources.yaml the date was read on: [key, key]"
    )
    zones: list[ZoneId] = Field(
        default_factory=list,
        description="ids of the zones it concerns, as in the directory (zones/#dalian): [dalian]",
    )
    zh: EventZh | None = zh_field()


class TimelineFile(BaseModel):
    """data/timeline.yaml, as its JSON Schema describes it to editors' tools."""

    model_config = ConfigDict(extra="forbid", strict=True)

    events: list[EventEntry] = Field(min_length=1, description="the events, earliest first")


class _Events(BaseModel):
    """The file's outline: its events are then checked one by one, each named by its line."""

    model_config = ConfigDict(extra="forbid", strict=True)

    events: list[Any] = Field(min_length=1, description="the events, earliest first")


@dataclass(frozen=True)
class Piece:
    """A run of an event's text: plain words, a cited fact, or a literal marked as meant."""

    kind: str  # "text", "fact" or "literal"
    value: str  # the words, the fact's key, or the literal's text


@dataclass(frozen=True)
class Event:
    date: str
    title: str
    text: str
    sources: tuple[str, ...]
    zones: tuple[str, ...]
    line: int  # where the event starts in its file
    lines: tuple[tuple[str, int], ...]  # each field's line
    zh: EventZh | None = None  # its title and text in Chinese
    language: str = "en"  # the edition it is shown in: its dates follow it

    def line_of(self, field: str) -> int:
        return dict(self.lines).get(field, self.line)

    @property
    def date_text(self) -> str:
        """25 September 1984, October 2024, 1984–1988."""
        return periods.display(self.date, language=self.language)

    @property
    def date_points(self) -> tuple[str, ...]:
        """The period's ends as HTML's <time datetime> writes them: ("1984", "1988")."""
        return tuple(self.date.split("/"))

    @property
    def date_parts(self) -> tuple[tuple[str, str], ...]:
        """Each end with its text: (("2024-10-27", "27 October 2024"),)."""
        return tuple(
            (point, periods.display(point, language=self.language)) for point in self.date_points
        )

    @property
    def title_pieces(self) -> tuple[Piece, ...]:
        return pieces(self.title)

    @property
    def text_pieces(self) -> tuple[Piece, ...]:
        return pieces(self.text)

    @property
    def facts(self) -> tuple[str, ...]:
        """The fact keys its title and text cite, in order, each once (in either language)."""
        translated = (*pieces(self.zh.title), *pieces(self.zh.text or "")) if self.zh else ()
        found = [
            p.value
            for p in (*self.title_pieces, *self.text_pieces, *translated)
            if p.kind == "fact"
        ]
        return tuple(dict.fromkeys(found))

    @property
    def name(self) -> str:
        """How a message names it: event 3 (January 2020)."""
        return f"event on line {self.line} ({self.date_text})"


@dataclass(frozen=True)
class Timeline:
    path: str  # as the editor knows it: data/timeline.yaml
    events: tuple[Event, ...]


EMPTY = Timeline("", ())


def pieces(text: str) -> tuple[Piece, ...]:
    """`text` cut at its [[…]] references: the words between them, and what each refers to."""
    found: list[Piece] = []
    start = 0
    for match, reference in references.find(text):
        if match.start() > start:
            found.append(Piece("text", text[start : match.start()]))
        kind = reference.kind if reference.kind in ("fact", "literal") else "text"
        found.append(Piece(kind, reference.key if kind != "text" else match.group(0)))
        start = match.end()
    if start < len(text):
        found.append(Piece("text", text[start:]))
    return tuple(found)


def load_timeline(path: Path, errors: ErrorCollector) -> Timeline:
    """The events of `path` in date order; EMPTY when the file is absent (a site without a
    timeline). Each problem goes to `errors` at its line."""
    loaded = load_validated(_Events, path, errors)
    if loaded.model is None:
        return EMPTY
    data = loaded.data["events"]
    events: list[Event] = []
    for index, item in enumerate(data):
        event = _event(item, data.item_lines[index], path, errors)
        if event is not None:
            _check_text(event, path, errors)
            events.append(event)
    _check_order(events, path, errors)
    return Timeline(errors.display(path), tuple(events))


def check_timeline(
    timeline: Timeline,
    sources: Collection[str],
    facts: Collection[str],
    zone_ids: Collection[str],
    errors: ErrorCollector,
) -> None:
    """Every source and fact an event names exists; so does every zone, where there is a zone
    list to look in: none when data/zones.csv is absent or could not be read, whose own
    problems are reported instead."""
    for event in timeline.events:
        for key in event.sources:
            if key not in sources:
                errors.add(
                    timeline.path,
                    event.line_of("sources"),
                    f"{event.name}: source {key!r} is not in data/sources.yaml",
                    did_you_mean(key, sources, "source to data/sources.yaml"),
                )
        for key in event.facts:
            if key not in facts:
                field = "title" if key in _cited(event.title) else "text"
                errors.add(
                    timeline.path,
                    event.line_of(field),
                    f"{event.name}: unknown fact {key!r}",
                    did_you_mean(key, facts, "fact to a file in data/facts/"),
                )
        for zone in event.zones if zone_ids else ():
            if zone not in zone_ids:
                errors.add(
                    timeline.path,
                    event.line_of("zones"),
                    f"{event.name}: no zone has the id {zone!r}",
                    did_you_mean(zone, zone_ids, "zone to data/zones.csv")
                    + " (ids are in the `id` column of data/zones.csv)",
                )


def _event(item: Any, line: int, path: Path, errors: ErrorCollector) -> Event | None:
    if not isinstance(item, dict):
        errors.add(
            path,
            line,
            f"event on line {line}: expected fields (name: value), found {item!r}"[:200],
            "write each event as a list item of fields: - date: ... then title:, sources:",
        )
        return None
    where = _Named(errors, f"event on line {line}")
    entry = validate(EventEntry, item, path, where)
    if entry is None:
        return None
    lines = item.key_lines if isinstance(item, LocatedDict) else {}
    return Event(
        entry.date,
        entry.title,
        entry.text or "",
        tuple(entry.sources),
        tuple(entry.zones),
        line,
        tuple(sorted(lines.items())),
        entry.zh,
    )


def _check_text(event: Event, path: Path, errors: ErrorCollector) -> None:
    """As in a story: every number is a cited fact or a literal marked as meant, and a
    reference is to a fact's value (or a literal), since an event is one short sentence."""
    for field, written in _written(event):
        line = event.line_of(field.removeprefix("zh: "))
        for match, reference in references.find(written):
            if reference.kind == "literal":
                continue
            if reference.kind != "fact" or reference.part is not None:
                errors.add(
                    path,
                    line,
                    f"{event.name}: {field}: {match.group(0)} cannot be used in the timeline",
                    "cite a fact's value as [[fact_key]], or mark a number as meant with "
                    "[[literal:2020]]",
                )
        prose = references.REFERENCE.sub(lambda m: " " * len(m.group(0)), written)
        for match in TYPED_NUMBER.finditer(prose):
            typed = match.group(0).rstrip(",.")
            errors.add(
                path,
                line,
                f"{event.name}: {field}: number {typed!r} typed into the text",
                f"cite a fact with [[fact_key]], or mark it as meant with [[literal:{typed}]]",
            )
        for match in CHINESE_NUMBER.finditer(prose):
            errors.add(
                path,
                line,
                f"{event.name}: {field}: number {match.group(0)!r} written in Chinese numerals",
                "cite a fact with [[fact_key]], which writes it the Chinese way, or mark it as"
                " meant in digits with [[literal:2]]",
            )


def _written(event: Event) -> list[tuple[str, str]]:
    """Each text field of the event, its Chinese ones too: (field, text)."""
    fields = [(field, getattr(event, field)) for field in WRITTEN_FIELDS]
    if event.zh:
        fields += [("zh: title", event.zh.title), ("zh: text", event.zh.text or "")]
    return fields


def _check_order(events: list[Event], path: Path, errors: ErrorCollector) -> None:
    """Earliest first, by the last day each period covers: a count for 2024 stands after
    something of October 2024, and the first batch (1984/1988) after Dalian (1984)."""
    for before, event in itertools.pairwise(events):
        if periods.end_date(event.date) < periods.end_date(before.date):
            errors.add(
                path,
                event.line_of("date"),
                f"{event.name} comes before the event above it ({before.date_text}, "
                f"line {before.line})",
                "list the events earliest first: move it above that one. Events sort by the "
                "last day their date covers: 2024-10-27 before 2024, 1984 before 1984/1988",
            )


def _cited(text: str) -> Mapping[str, None]:
    return dict.fromkeys(p.value for p in pieces(text) if p.kind == "fact")


class _Named(ErrorCollector):
    """Names the event in each of its problems: "event on line 12 (2020-01): date …"."""

    def __init__(self, errors: ErrorCollector, name: str) -> None:
        super().__init__(errors.root, errors.errors, errors.warnings)
        self.name = name

    def add(
        self,
        path: Path | str,
        line: int | None,
        message: str,
        hint: str = "",
        column: int | None = None,
    ) -> None:
        super().add(path, line, f"{self.name}: {message}", hint, column)
