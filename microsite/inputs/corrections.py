"""Corrections: a published value that changes must say so, and `check --since REV` enforces it."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from microsite import periods, units
from microsite.errors import ErrorCollector
from microsite.inputs.facts import CorrectionEntry, Fact


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
        return units.with_unit(_decimal(self.entry.old_value), self.fact.unit, exact=True)

    @property
    def new_text(self) -> str:
        return units.with_unit(_decimal(self.entry.new_value), self.fact.unit, exact=True)


def all_corrections(facts: dict[str, Fact]) -> list[Correction]:
    """Every correction, newest first."""
    found = [
        Correction(fact, entry, anchor=entry is fact.corrections[-1])
        for fact in facts.values()
        for entry in fact.corrections
    ]
    return sorted(found, key=lambda c: (periods.end_date(c.entry.date), c.fact.key), reverse=True)


def check_since(root: Path, revision: str, facts: dict[str, Fact], errors: ErrorCollector) -> None:
    """An error for each fact whose value differs from `revision` without a correction for it."""
    try:
        before = _values_at(root, revision)
    except (OSError, subprocess.CalledProcessError) as failure:
        detail = getattr(failure, "stderr", "") or str(failure)
        errors.add(
            "--since",
            None,
            f"git could not read the facts at {revision!r}: {detail.strip()}",
            "name a commit, branch or tag of this repository",
        )
        return
    for fact in facts.values():
        old = before.get(fact.key)
        if fact.derived or old is None or _decimal(old) == fact.value:
            continue
        if not any(
            _decimal(c.old_value) == _decimal(old) and _decimal(c.new_value) == fact.value
            for c in fact.corrections
        ):
            errors.add(
                fact.path,
                fact.line,
                f"the value of {fact.key!r} changed from {old} to {fact.value} since {revision} "
                "without a correction entry",
                f'add to the fact: corrections: [{{date: "YYYY-MM-DD", old_value: {old}, '
                f'new_value: {fact.value}, reason: "what was wrong"}}]',
            )


def _values_at(root: Path, revision: str) -> dict[str, object]:
    # Paths are relative to the project folder, which need not be the repository's top.
    listed = _git(root, "ls-tree", "-r", "--name-only", revision, "--", "data/facts")
    values: dict[str, object] = {}
    for name in listed.splitlines():
        if name.endswith(".yaml"):
            values |= _file_values(_git(root, "show", f"{revision}:./{name}"))
    return values


def _file_values(text: str) -> dict[str, object]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}  # an old file that did not parse published nothing
    facts = data.get("facts") if isinstance(data, dict) else None
    return {
        item["key"]: item["value"]
        for item in facts or []
        if isinstance(item, dict)
        and isinstance(item.get("value"), int | float)
        and not isinstance(item.get("value"), bool)
    }


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout


def _decimal(value: object) -> Decimal:
    return Decimal(repr(value))
