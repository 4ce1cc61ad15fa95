"""Tables kept as CSV (the zones, the rankings): each row checked against a model and every
problem reported at the row's line."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from microsite.errors import ErrorCollector
from microsite.inputs.validation import validate
from microsite.inputs.yamlfile import YamlProblem, read_text

Row = TypeVar("Row", bound=BaseModel)


def read_rows(
    path: Path, model: type[Row], columns: tuple[str, ...], errors: ErrorCollector
) -> list[tuple[int, Row]] | None:
    """Each valid row with its line; None when the file is absent; [] when it cannot be read."""
    try:
        text = read_text(path)
    except FileNotFoundError:
        return None
    except YamlProblem as problem:
        errors.add(path, problem.line, problem.message, problem.hint, problem.column)
        return []
    if "\x00" in text:  # no text file holds one: a file saved by something else
        line = text.count("\n", 0, text.index("\x00")) + 1
        errors.add(
            path,
            line,
            "this line holds a NUL character (a zero byte), which a text file never does",
            "delete it, or save the file again as plain UTF-8 text",
        )
        return []
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != columns:
        errors.add(
            path,
            1,
            f"the columns are {reader.fieldnames}",
            f"the first line must name these columns: {','.join(columns)}",
        )
        return []
    rows = []
    for row in reader:
        if None in row:
            errors.add(
                path,
                reader.line_num,
                "this row has more cells than there are columns",
                "quote any cell that contains a comma",
            )
            continue
        if None in row.values():
            cells = sum(value is not None for value in row.values())
            errors.add(
                path,
                reader.line_num,
                f"this row has {cells} cells, and the first line names {len(columns)} columns",
                "add the missing cells, leaving empty ones as nothing between two commas",
            )
            continue
        parsed = validate(model, row, path, AtLine(errors, reader.line_num))
        if parsed:
            rows.append((reader.line_num, parsed))
    return rows


class AtLine(ErrorCollector):
    """Puts every problem of one CSV row at that row's line."""

    def __init__(self, errors: ErrorCollector, line: int) -> None:
        super().__init__(errors.root, errors.errors, errors.warnings)
        self.line = line

    def add(
        self,
        path: Path | str,
        line: int | None,
        message: str,
        hint: str = "",
        column: int | None = None,
    ) -> None:
        super().add(path, self.line, message, hint)
