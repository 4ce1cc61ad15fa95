"""The source registry: who published each figure, where it was read, and how far to trust it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, PrivateAttr

from microsite import periods
from microsite.errors import ErrorCollector
from microsite.inputs.chinese import SourceZh, zh_field
from microsite.inputs.declared import given_before
from microsite.inputs.fields import Key, Period, Text
from microsite.inputs.validation import load_validated

Reliability = Literal["V1", "V2", "V3"]


class Source(BaseModel):
    """One page a figure was read on."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    key: Key = Field(
        description="unique name used to cite it, in snake_case: china_daily_2025_05_27"
    )
    publisher: Text = Field(description="the original publisher, even when read on a repost")
    title: Text = Field(description="the headline as shown on the page read")
    title_is_description: bool = Field(
        default=False, description="true when the headline was not recorded and title describes it"
    )
    url: HttpUrl = Field(description="the address of the page the figure was read on")
    date: Period | None = Field(
        default=None, description="publication date, quoted: 2025-05-27 (omit when undated)"
    )
    reliability: Reliability = Field(description="V1 official outlet, V2 repost of one, V3 weak")
    read_on: Text | None = Field(
        default=None, description="the site whose page was read, when it reposts the publisher"
    )
    zh: SourceZh | None = zh_field()

    # The edition it is shown in (render/edition.py sets it): its date follows the language.
    _language: str = PrivateAttr(default="en")
    # What an undated source's date says, in each edition.
    UNDATED: ClassVar[dict[str, str]] = {"en": "undated", "zh": "无日期"}

    def in_language(self, language: str) -> Source:
        """The source as an edition in `language` shows it."""
        shown = self.model_copy()
        shown._language = language
        return shown

    @property
    def date_text(self) -> str:
        if not self.date:
            return self.UNDATED[self._language]
        return periods.display(self.date, language=self._language)

    @property
    def address(self) -> str:
        return str(self.url)


class SourceFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    sources: list[Source] = Field(description="every source the facts cite")


def load_sources(path: Path, errors: ErrorCollector) -> dict[str, Source]:
    """The registry by key; problems go to `errors`."""
    loaded = load_validated(
        SourceFile,
        path,
        errors,
        missing=("the source registry is missing", "create data/sources.yaml"),
    )
    parsed, data = loaded.model, loaded.data
    if parsed is None:
        return {}
    registry: dict[str, Source] = {}
    first_lines: dict[str, int] = {}
    for index, source in enumerate(parsed.sources):
        line = data["sources"].item_lines[index]
        first = given_before(first_lines, source.key, line)
        if first is not None:
            errors.add(
                path,
                line,
                f"source key {source.key!r} is used twice: first on line {first}",
                "if it is the same page, keep one entry and delete this one; "
                "if it is another page, give it its own key",
            )
            continue
        registry[source.key] = source
    return registry
