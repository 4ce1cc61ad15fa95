"""Corrections: each change to a published value, with its date and reason, newest first.

`check --since REV` makes sure a changed value carries one (checks/corrections.py)."""

from __future__ import annotations

from dataclasses import dataclass

from microsite import periods, units
from microsite.inputs.fact_file import CorrectionEntry, as_decimal
from microsite.inputs.facts import Fact


@dataclass(frozen=True)
class Correction:
    fact: Fact
    entry: CorrectionEntry
    anchor: bool = False  # the newest correction of its fact carries the fact's anchor

    @property
    def date_text(self) -> str:
        return periods.display(self.entry.date)

    @property
    def old_text(self) -> str:
        return units.with_unit(
            as_decimal(self.entry.old_value), self.fact.unit, exact=True, **self.fact.in_language
        )

    @property
    def new_text(self) -> str:
        return units.with_unit(
            as_decimal(self.entry.new_value), self.fact.unit, exact=True, **self.fact.in_language
        )


def all_corrections(facts: dict[str, Fact]) -> list[Correction]:
    """Every correction, newest first."""
    found = [
        Correction(fact, entry, anchor=entry is fact.corrections[-1])
        for fact in facts.values()
        for entry in fact.corrections
    ]
    return sorted(found, key=lambda c: (periods.end_date(c.entry.date), c.fact.key), reverse=True)
