"""Narratives: Markdown with front matter, whose numbers are references to facts.

In the text, `[[zones_2024]]` prints a fact with its unit and hedge, linked to its entry on the
Facts page; `[[zones_2024.period]]` prints the period it holds for; `[[zones_2024.number]]` the
bare number; `[[chart:zones_over_time]]` on a line of its own places a chart; and
`[[literal:12th]]` marks a number typed on purpose. Narrative text never goes through Jinja.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from microsite.errors import ErrorCollector
from microsite.inputs import references
from microsite.inputs.declared import Declared
from microsite.inputs.fields import Key, Text
from microsite.inputs.markup import CompiledBody, MarkdownCompiler
from microsite.inputs.references import CHART_LINE, Reference
from microsite.inputs.validation import WHOLE_MESSAGE, validate
from microsite.inputs.yamlfile import YamlProblem, parse, read_text
from microsite.suggest import did_you_mean

FACT_PARTS = ("period", "number", "change", "label")
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _one_day(value: object) -> str:
    """A publication date is one real day, 2025-07-20: a year, month or period (1984/1988) would
    be printed as the page's date and given as its first day in the page's structured data."""
    if isinstance(value, str) and re.match(DAY_PATTERN, value):
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return value
    written = "is empty" if value is None or value == "" else f"{value!r} is not a date"
    raise PydanticCustomError(
        WHOLE_MESSAGE,
        'date {written}: a story\'s date is the day it was published, written as "2025-07-20"',
        {"written": written},
    )


Day = Annotated[
    str,
    BeforeValidator(_one_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN}),
]


class FrontMatter(BaseModel):
    """The block between the two `---` lines at the top of a narrative."""

    model_config = ConfigDict(extra="forbid", strict=True)

    title: Text = Field(description="the headline")
    summary: Text = Field(description="one or two sentences under the headline and in link lists")
    date: Day = Field(
        description='the day it was published, in quotes, year-month-day: "2025-07-20"'
    )
    slug: Slug = Field(description="the page's address: lower case words joined by hyphens")
    order: int = Field(default=0, description="position in lists of stories: 1 comes first")
    key_facts: list[Key] = Field(
        default_factory=list, description="home page: the facts shown as cards"
    )
    lead_chart: Key | None = Field(
        default=None, description="home page: the chart shown under the lede, by its key"
    )
    total: Key | None = Field(
        default=None,
        description="zones layout: the fact that counts every zone, which the directory's own "
        "count is set against: zones_2024",
    )
    layout: Literal["page", "zones", "provinces", "rankings"] = Field(
        default="page",
        description="pages only: zones adds the directory and map of data/zones.csv, provinces "
        "the provinces compared (and a page for each), rankings the ranks of data/rankings.csv",
    )


class TranslatedFrontMatter(BaseModel):
    """The front matter of a translation, content/zh/…: its own headline and summary; its
    date, slug, order and layout are the English file's, with which it shares its name."""

    model_config = ConfigDict(extra="forbid", strict=True)

    title: Text = Field(description="the headline, in the translation's language")
    summary: Text = Field(description="one or two sentences under the headline, translated")


@dataclass(frozen=True)
class Narrative:
    path: Path
    display_path: str
    meta: FrontMatter
    body: str
    body_line: int  # the file line on which `body` starts
    field_lines: dict[str, int]  # the line of each front-matter field

    @functools.cached_property
    def html(self) -> CompiledBody:
        """The body as HTML, with slots for the facts and charts it cites: compiled once, and
        kept with the narrative while its file does not change."""
        return _compiler().compile(self.body)

    @functools.cached_property
    def cites(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The fact keys its prose cites and the chart keys it places, in order, read from the
        Markdown: a preview need not compile every narrative before the first page."""
        return references.cited(self.body)


def load_narrative(
    path: Path, errors: ErrorCollector, translated: bool = False
) -> Narrative | None:
    """A narrative, or None where it has problems; a translation's front matter has only its
    title and summary, to be joined to its English file's (see translation_of)."""
    try:
        text = read_text(path)
    except YamlProblem as problem:
        errors.add(path, problem.line, problem.message, problem.hint, problem.column)
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        errors.add(
            path,
            1,
            "no front matter",
            "start the file with a --- line, the title, "
            "summary, date and slug, and another --- line",
        )
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        errors.add(path, 1, "the front matter is not closed", "add a --- line after it")
        return None
    try:
        data = parse("".join(lines[1:end]), first_line=2)
    except YamlProblem as problem:
        errors.add(path, problem.line, problem.message, problem.hint, problem.column)
        return None
    model = TranslatedFrontMatter if translated else FrontMatter
    meta = validate(model, data if data is not None else {}, path, errors)
    if meta is None:
        return None
    field_lines = dict(getattr(data, "key_lines", {}))
    body = "".join(lines[end + 1 :])
    return Narrative(path, errors.display(path), meta, body, end + 2, field_lines)  # type: ignore[arg-type]


def translation_of(english: Narrative, translated: Narrative) -> Narrative:
    """The translation with its English file's front matter under its own title and summary."""
    meta = english.meta.model_copy(
        update={"title": translated.meta.title, "summary": translated.meta.summary}
    )
    return dataclasses.replace(translated, meta=meta)


@functools.cache
def _compiler() -> MarkdownCompiler:
    return MarkdownCompiler()


def check_references(
    narrative: Narrative, facts: Declared, charts: Declared, errors: ErrorCollector
) -> None:
    """Report every reference in the text that does not resolve, at its line and column, and
    a chart placed twice: its parts have ids, which a page may hold only once."""
    placed: set[str] = set()
    body = references.outside_code(narrative.body)
    for number, line in enumerate(body.splitlines(), start=narrative.body_line):
        for match, reference in references.find(line):
            problem = _problem(reference, match.group(1).strip(), line, facts, charts)
            if problem is None and reference.kind == "chart":
                problem = _placed_again(reference.key, placed)
            if problem:
                message, hint = problem
                errors.add(narrative.path, number, message, hint, column=match.start() + 1)


def _placed_again(key: str, placed: set[str]) -> tuple[str, str] | None:
    if key in placed:
        return f"chart {key!r} is placed twice on this page", "place each chart once a page"
    placed.add(key)
    return None


def _problem(
    reference: Reference, inner: str, line: str, facts: Declared, charts: Declared
) -> tuple[str, str] | None:
    """What is wrong with `reference`, written [[inner]] on `line`, or None."""
    rest = reference.key
    if reference.kind == "chart":
        if rest not in charts:
            return (
                f"unknown chart {rest!r}",
                did_you_mean(rest, charts, "chart to data/charts.yaml"),
            )
        if not CHART_LINE.match(line):
            return (
                f"chart {rest!r} must stand on a line of its own",
                "put [[chart:...]] alone on its line, with blank lines around it",
            )
        return None
    if reference.kind == "literal":
        return None if rest else ("empty literal", "write the text after literal:")
    key, part = reference.key, reference.part
    if reference.kind == "other" or not references.is_key(key):
        return (
            f"[[{inner}]] is not a reference",
            "write [[fact_key]], [[fact_key.period]], [[chart:key]] or [[literal:text]]",
        )
    if key not in facts:
        return (f"unknown fact {key!r}", did_you_mean(key, facts, "fact under data/facts/"))
    if part is not None and part not in FACT_PARTS:
        return (
            f"[[{inner}]] asks for {part!r} of a fact",
            f"use one of: {', '.join(FACT_PARTS)}; {did_you_mean(part, FACT_PARTS, 'part')}",
        )
    return None
