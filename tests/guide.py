"""Replays docs/editing.md: every example in the editor's guide is run, so it cannot drift.

The guide marks its examples with HTML comments, invisible when rendered, each followed by a
fenced block:

    <!-- guide: append data/facts/economy.yaml -->   the block is added to the file
    <!-- guide: write content/stories/x.md -->        the block becomes the file
    <!-- guide: replace data/facts/economy.yaml -->   the block replaces the last one given for it
    <!-- guide: run check; exit 1 -->                 build.py check runs; the block is its output
    <!-- guide: commit -->                            (no block) the project is committed to git

The steps run in order on a copy of tests/cases/minimal/input. `python -m tests.guide` prints
what each run step really prints, to paste into the guide after a reviewed change.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "editing.md"
PROJECT = REPO / "tests" / "cases" / "minimal" / "input"
STEP = re.compile(r"<!-- guide: (?P<action>.+?) -->\n(?:\n?```\w*\n(?P<block>.*?)\n```)?", re.S)


@dataclass(frozen=True)
class Step:
    action: str
    argument: str
    block: str | None
    line: int


@dataclass(frozen=True)
class Outcome:
    step: Step
    exit_code: int
    output: str
    expected_exit: int


def steps(text: str) -> list[Step]:
    found = []
    for match in STEP.finditer(text):
        action, _, argument = match.group("action").partition(" ")
        line = text.count("\n", 0, match.start()) + 1
        found.append(Step(action, argument.strip(), match.group("block"), line))
    return found


def replay(project: Path, guide: Path = GUIDE, as_an_editor: bool = False) -> list[Outcome]:
    """Run every step; return what each `run` printed beside what the guide says.

    `as_an_editor`: do what the guide tells an editor to do in a project of their own, where
    a source may be there already: look for it first, and add it only if it is not."""
    last_block: dict[str, str] = {}
    outcomes = []
    for step in steps(guide.read_text(encoding="utf-8")):
        if as_an_editor and _already_there(project, step):
            continue
        if step.action in ("append", "write", "replace"):
            _edit(project, step, last_block)
        elif step.action == "commit":
            _commit(project)
        elif step.action == "run":
            outcomes.append(_run(project, step))
        else:
            raise ValueError(f"docs/editing.md:{step.line}: unknown guide step {step.action!r}")
    return outcomes


def _already_there(project: Path, step: Step) -> bool:
    """A source the project already has, by its address."""
    if (step.action, step.argument) != ("append", "data/sources.yaml") or not step.block:
        return False
    address = re.search(r"url: (\S+)", step.block)
    registry = (project / step.argument).read_text(encoding="utf-8")
    return address is not None and f"url: {address.group(1)}\n" in registry


def _edit(project: Path, step: Step, last_block: dict[str, str]) -> None:
    path = project / step.argument
    block = (step.block or "") + "\n"
    if step.action == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block, encoding="utf-8")
    elif step.action == "append":
        path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        previous = last_block[step.argument]
        if previous not in text:
            raise ValueError(f"docs/editing.md:{step.line}: nothing to replace in {step.argument}")
        path.write_text(text.replace(previous, block, 1), encoding="utf-8")
    last_block[step.argument] = block


def _commit(project: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            [
                "git",
                "-C",
                str(project),
                "-c",
                "user.name=Editor",
                "-c",
                "user.email=editor@example.org",
                *args,
            ],
            check=True,
            capture_output=True,
        )

    if not (project / ".git").exists():
        git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "guide step")


def _run(project: Path, step: Step) -> Outcome:
    command, _, exit_part = step.argument.partition(";")
    expected_exit = int(exit_part.replace("exit", "").strip() or 0)
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), *shlex.split(command), "--root", str(project)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    return Outcome(step, result.returncode, result.stdout + result.stderr, expected_exit)


def fresh_project(folder: Path) -> Path:
    project = folder / "project"
    shutil.copytree(PROJECT, project)
    return project


def real_project(folder: Path) -> Path:
    """A copy of the site's own data and content, as an editor's clone has them."""
    project = folder / "real"
    for part in ("data", "content"):
        shutil.copytree(REPO / part, project / part)
    return project


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        for outcome in replay(fresh_project(Path(scratch))):
            print(
                f"--- line {outcome.step.line}: build.py {outcome.step.argument} "
                f"(exit {outcome.exit_code})\n{outcome.output}"
            )
