"""The fact files' schema: what an editor may write in data/facts/*.yaml, and the checks each
fact passes on its own (the checks between facts are in facts.py)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from microsite import units
from microsite.inputs import formula
from microsite.inputs.chinese import CorrectionZh, FactZh, TopicZh, zh_field
from microsite.inputs.fields import Key, Number, Period, Text


class CorrectionEntry(BaseModel):
    """A change to a published value, kept for readers on the Corrections page."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    date: Period = Field(description="the day the correction was made, quoted: 2026-03-12")
    old_value: Number = Field(description="the value as it was published before")
    new_value: Number = Field(description="the value after the correction: the fact's value")
    reason: Text = Field(description="what was wrong, in a sentence for readers")
    zh: CorrectionZh | None = zh_field()

    @model_validator(mode="after")
    def _printable(self) -> Self:
        for value in (self.old_value, self.new_value):
            _check_printable(value, "a corrected value")
        return self


class FactEntry(BaseModel):
    """One fact as an editor writes it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    key: Key = Field(description="unique name used to cite it, in snake_case: zones_gdp_2024")
    label: Text = Field(description="what the number counts, as a short noun phrase")
    short_label: Text | None = Field(
        default=None, description="a few words for chart categories and cards: High-tech zones"
    )
    value: Number | None = Field(
        default=None, description="the number, in the unit's scale (16.9 for 16.9 trillion yuan)"
    )
    formula: Text | None = Field(
        default=None,
        description="for a derived fact instead of value: arithmetic over fact keys (a / b * 100)",
    )
    unit: units.UnitName = Field(description="one of: " + ", ".join(units.UNITS))
    period: Period = Field(description="what it holds for, quoted: 2024, 2024-10, 1984/1988")
    qualifier: units.Qualifier | None = Field(
        default=None, description="the source's hedge: about, nearly, more than or over"
    )
    sources: list[Key] = Field(
        default_factory=list, description="keys from data/sources.yaml, best source first"
    )
    decimals: int | None = Field(
        default=None, ge=0, le=6, description="for a derived fact: decimals to round it to"
    )
    notes: Text | None = Field(default=None, description="a caveat or definition for readers")
    covers: Key | None = Field(
        default=None,
        description="the key of a count fact saying how many zones this figure covers: "
        "zones_evaluated_2019",
    )
    review_by: Period | None = Field(
        default=None, description="a date to check the figure again by, quoted: 2026-06-30"
    )
    corrections: list[CorrectionEntry] = Field(
        default_factory=list, description="every change to the published value, oldest first"
    )
    zh: FactZh | None = zh_field()

    # How to fix what a check across fields finds, by the start of its message.
    FIXES: ClassVar[dict[str, str]] = {
        "give either value": "write value: 16.9 and sources: [source_key] for a figure a "
        "source gives, or formula: a / b * 100 and decimals: 1 for one we calculate",
        "a count cannot": "write the figure as the source gives it, without a minus sign",
        "a year cannot": "write the year as four digits: 1984",
        "a fact needs at least one source": "add sources: [source_key], with the key of its "
        "source in data/sources.yaml",
        "decimals is for derived": "remove decimals and write the value with the digits the "
        "source gives",
        "the last correction's new_value": "make the last correction's new_value the value "
        "the fact now has",
        "a derived fact follows": "remove corrections here and correct the facts the formula uses",
        "a derived fact takes its sources": "remove sources: a calculated figure is credited "
        "to the sources of the facts it uses",
        "a derived fact needs decimals": "add decimals: 1, the digits to round the result to",
        "a formula must use": "write value: and sources: instead, or use fact keys in formula",
    }

    @model_validator(mode="after")
    def _value_or_formula(self) -> Self:
        if (self.value is None) == (self.formula is None):
            raise ValueError("give either value (a sourced figure) or formula (a derived one)")
        if self.value is not None:
            self._check_sourced_value()
        else:
            self._check_derivation()
        return self

    def _check_sourced_value(self) -> None:
        _check_printable(self.value, "value")
        if self.unit in ("count", "year") and self.value < 0:
            raise ValueError(f"a {self.unit} cannot be negative (found {self.value})")
        if not self.sources:
            raise ValueError("a fact needs at least one source: no source, no fact")
        if self.decimals is not None:
            raise ValueError("decimals is for derived facts; write the value as the source does")
        if self.unit == "fraction":
            for value in (self.value, *(c.old_value for c in self.corrections)):
                units.check_fraction(as_decimal(value))
        if self.corrections and self.corrections[-1].new_value != self.value:
            raise ValueError(
                f"the last correction's new_value ({self.corrections[-1].new_value}) "
                f"must equal the fact's value ({self.value})"
            )

    def _check_derivation(self) -> None:
        if self.corrections:
            raise ValueError("a derived fact follows its inputs: correct the inputs instead")
        if self.sources:
            raise ValueError("a derived fact takes its sources from its inputs: remove sources")
        if self.decimals is None:
            raise ValueError("a derived fact needs decimals: how many to round the result to")
        if not formula.names(self.formula or ""):
            raise ValueError("a formula must use at least one fact key; write a constant as value")


class FactFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    topic: Text = Field(description="the heading these facts appear under on the Facts page")
    order: int = Field(description="where the topic stands on the Facts page: 1 comes first")
    facts: list[FactEntry] = Field(description="the facts on this topic")
    zh: TopicZh | None = zh_field()


def _check_printable(value: float | int, name: str) -> None:
    """A value as written that can be printed: finite, and short enough for Babel."""
    if isinstance(value, float) and not math.isfinite(value):  # an int is always finite
        raise ValueError(f"{name} must be a finite number, not {value}")
    units.check_size(as_decimal(value))


def as_decimal(value: float | int | None) -> Decimal:
    return Decimal(repr(value))
