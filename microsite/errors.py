"""One error type for wrong input, and a collector that gathers them before aborting once."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class SiteError(Exception):
    """Something in the project's input is wrong: where, what, and how to fix it."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    column: int | None = None
    warning: bool = False  # worth a look, but the site can still be built (unless --strict)

    def __reduce__(self) -> tuple[type[SiteError], tuple[object, ...]]:
        # Pages render in other processes: their errors must travel back whole.
        fields = (self.path, self.line, self.message, self.hint, self.column, self.warning)
        return (SiteError, fields)

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        text = f"{where}: {'warning: ' if self.warning else ''}{self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class BuildFailed(Exception):
    """Raised once, after reading everything, with every problem found."""

    def __init__(self, errors: list[SiteError]) -> None:
        self.errors = sorted_problems(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


def counted(count: int, noun: str) -> str:
    """'1 problem', '2 problems': how the command line and the preview count."""
    return f"1 {noun}" if count == 1 else f"{count} {noun}s"


@functools.cache
def _relative_to(path: str, root: str) -> str:
    """Resolving a path asks the file system: ask it once per file, not once per fact."""
    location = Path(path)
    if not location.is_absolute():
        return location.as_posix()
    try:
        return location.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return location.as_posix()


def sorted_problems(problems: list[SiteError]) -> list[SiteError]:
    """Each problem once, in file order."""
    return sorted(set(problems), key=_sort_key)


def _sort_key(error: SiteError) -> tuple[str, int, int, str]:
    return (error.path, error.line or 0, error.column or 0, error.message)


@dataclass
class ErrorCollector:
    """Gathers SiteErrors so that one run reports them all; warnings are kept apart."""

    root: Path
    errors: list[SiteError] = field(default_factory=list)
    warnings: list[SiteError] = field(default_factory=list)

    def add(
        self,
        path: Path | str,
        line: int | None,
        message: str,
        hint: str = "",
        column: int | None = None,
    ) -> None:
        self.errors.append(SiteError(self.display(path), line, message, hint, column))

    def warn(
        self,
        path: Path | str,
        line: int | None,
        message: str,
        hint: str = "",
        column: int | None = None,
    ) -> None:
        self.warnings.append(
            SiteError(self.display(path), line, message, hint, column, warning=True)
        )

    def display(self, path: Path | str) -> str:
        """A path as the editor knows it: relative to the project, with forward slashes."""
        return _relative_to(str(path), str(self.root))

    def raise_if_any(self) -> None:
        if self.errors:
            raise BuildFailed(self.errors)
