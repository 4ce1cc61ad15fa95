"""`check --since REV`: a published value that changed since git revision REV must carry a
correction saying so."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from microsite.errors import ErrorCollector
from microsite.inputs.fact_file import as_decimal
from microsite.inputs.facts import Fact


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
        if fact.derived or old is None or as_decimal(old) == fact.value:
            continue
        if not any(
            as_decimal(c.old_value) == as_decimal(old) and as_decimal(c.new_value) == fact.value
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
