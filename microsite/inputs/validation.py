"""Checks raw YAML data against a pydantic model and reports each problem at its line."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from microsite.errors import ErrorCollector
from microsite.inputs.declared import intended_key
from microsite.inputs.yamlfile import YamlProblem, load, position_of

Model = TypeVar("Model", bound=BaseModel)
# The error type of a validator that words the whole message itself, field and value included:
# raise PydanticCustomError(WHOLE_MESSAGE, "...").
WHOLE_MESSAGE = "whole_message"


def validate(
    model: type[Model],
    data: Any,
    path: Path,
    errors: ErrorCollector,
    within: tuple[Any, ...] = (),
) -> Model | None:
    """The validated model, or None after adding one error per problem to `errors`.

    `within` is where `data` sits in its file (("facts", 3)), so messages name the whole path.
    """
    try:
        return model.model_validate(data)
    except ValidationError as failure:
        for problem in failure.errors():
            location = tuple(problem["loc"])
            line, column = position_of(data, location)
            where = _where(data, within, location)
            errors.add(path, line, _message(problem, where), _hint(model, problem), column)
        return None


@dataclass(frozen=True)
class Loaded(Generic[Model]):
    """A data file read and validated: the model (None if it failed), and the data as read."""

    model: Model | None
    data: Any = None
    exists: bool = True

    @property
    def unreadable(self) -> bool:
        """The file is there but could not be used: its problems are already reported."""
        return self.exists and self.model is None


def load_validated(
    model: type[Model],
    path: Path,
    errors: ErrorCollector,
    missing: tuple[str, str] | None = None,
) -> Loaded[Model]:
    """Read a YAML file and validate it; a missing file is an error only if `missing` gives the
    message and hint to report."""
    try:
        data = load(path)
    except FileNotFoundError:
        if missing:
            errors.add(path, None, *missing)
        return Loaded(None, exists=False)
    except YamlProblem as problem:
        errors.add(path, problem.line, problem.message, problem.hint, problem.column)
        return Loaded(None)
    return Loaded(validate(model, data, path, errors), data)


# What one item of each list in the data files is called in a message.
ITEM_NAMES = {
    "facts": "fact",
    "sources": "source",
    "series": "series",
    "charts": "chart",
    "traces": "trace",
    "annotations": "annotation",
    "gaps": "gap",
    "corrections": "correction",
    "notes": "note",
    "nav": "menu item",
}


# What a field with a fixed set of values holds, for "unit 'trillion_yuan' is not a unit".
CHOICES = {
    "unit": "a unit",
    "reliability": "a grade",
    "kind": "a kind of chart",
    "layout": "a layout",
    "qualifier": "a hedge",
}


def _message(problem: dict[str, Any], where: str) -> str:
    if problem["type"] == "model_type":
        found = problem.get("input")
        shown = "nothing" if found is None else f"{type(found).__name__} {found!r}"[:80]
        return f"{where or 'the file'}: expected fields (name: value), found {shown}"
    if problem["type"] == WHOLE_MESSAGE:  # names its field itself: say only whose it is
        entity = where.rpartition(": ")[0]
        return f"{entity}: {problem['msg']}" if entity else problem["msg"]
    prefix = f"{where}: " if where else ""
    if problem["type"] == "missing":
        return f"{prefix}required field is missing"
    if problem["type"] == "extra_forbidden":
        return f"{prefix}unknown field"
    found = problem.get("input")
    if problem["type"] == "literal_error" and where:
        field = _field(problem["loc"])
        return f"{where} {found!r} is not {CHOICES.get(field, 'an allowed ' + field)}"
    if problem["type"] == "string_pattern_mismatch" and problem["loc"][-1:] == ("key",):
        return f"{where} {found!r} may hold only lower-case letters, digits and underscores"
    if problem["type"] == "list_type" and where:
        return f"{where} must be a list, not {found!r}"[:200]
    text = problem["msg"].removeprefix("Value error, ")
    if isinstance(found, dict | list):
        return f"{prefix}{text}"
    return f"{prefix}{text} (found {found!r})"


def _where(data: Any, within: tuple[Any, ...], location: tuple[Any, ...]) -> str:
    """Where a problem is, in the editor's words: "fact 'gdp_2024': unit" rather than
    "facts[0].unit", "chart 'gdp', trace 2: series" rather than "charts[1].traces[1].series".
    `data` is the item at `within` in its file, or the whole file when `within` is empty."""
    parts: list[str] = []
    if len(within) >= 2 and isinstance(within[-1], int):
        parts.append(_item(str(within[-2]), within[-1], data))
    node, list_name = data, None
    for step in location:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
            parts.append(_item(str(list_name), step, node))
            list_name = None
        elif not str(step).startswith(("function-", "tagged-union")):
            if list_name is not None:
                parts.append(str(list_name))
            list_name = step
            node = node.get(step) if isinstance(node, dict) else None
    items = ", ".join(parts)
    if list_name is None:
        return items
    return f"{items}: {list_name}" if items else str(list_name)


def _item(list_name: str, index: int, item: Any) -> str:
    """'fact 'gdp_2024'' for an item with a key, else 'trace 2' (counting from 1)."""
    name = ITEM_NAMES.get(list_name, list_name)
    key = item.get("key") if isinstance(item, dict) else None
    return f"{name} {key!r}" if isinstance(key, str) and key else f"{name} {index + 1}"


def _field(location: tuple[Any, ...]) -> str:
    named = [step for step in location if isinstance(step, str)]
    return named[-1] if named else "value"


def _hint(model: type[BaseModel], problem: dict[str, Any]) -> str:
    if problem["type"] == "model_type":
        expected = _model_at(model, problem["loc"])
        fields = ", ".join(expected.model_fields) if expected else ""
        return f"write each field on its own line as name: value; the fields are: {fields}"
    if problem["type"] == "string_type" and isinstance(problem.get("input"), dict):
        return "YAML read this text as a mapping because it contains ': '; put it in quotes"
    if problem["type"] == "literal_error":
        return _did_you_mean_allowed(problem)
    if problem["type"] == "string_pattern_mismatch" and problem["loc"][-1:] == ("key",):
        meant = intended_key(str(problem.get("input")))
        return f"write it as {meant!r}, starting with a letter"
    if problem["type"] == "list_type" and problem["loc"]:
        found = problem.get("input")
        shown = found if isinstance(found, str) else "..."
        return f"write it as a list in brackets: {problem['loc'][-1]}: [{shown}]"
    field_model = _model_at(model, problem["loc"][:-1])
    name = problem["loc"][-1] if problem["loc"] else None
    if problem["type"] == "value_error" and not isinstance(name, str):
        # A rule across fields: the model knows how to fix each of its own.
        return _fix(_model_at(model, problem["loc"]), problem["msg"].removeprefix("Value error, "))
    if field_model is None or not isinstance(name, str):
        return ""
    fields = field_model.model_fields
    if problem["type"] == "extra_forbidden":
        close = difflib.get_close_matches(name, list(fields), n=1)
        allowed = ", ".join(fields)
        return f"did you mean {close[0]!r}?" if close else f"the fields are: {allowed}"
    info = fields.get(name)
    if info is not None and info.description:
        return f"{name}: {info.description}"
    return ""


def _fix(model: type[BaseModel] | None, message: str) -> str:
    fixes: dict[str, str] = getattr(model, "FIXES", {})
    found = [fix for start, fix in fixes.items() if message.startswith(start)]
    return found[0] if found else "docs/data-files.md describes every field of the file"


def _did_you_mean_allowed(problem: dict[str, Any]) -> str:
    allowed = re.findall(r"'([^']*)'", str(problem.get("ctx", {}).get("expected", "")))
    found = str(problem.get("input"))
    # trillion_yuan for yuan_trillion: the same words in another order, before near spellings.
    close = [word for word in allowed if sorted(word.split("_")) == sorted(found.split("_"))]
    close = close or difflib.get_close_matches(found, allowed, n=1, cutoff=0.5)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"write one of: {', '.join(allowed)}"


def _model_at(model: type[BaseModel], location: tuple[Any, ...]) -> type[BaseModel] | None:
    """The nested model that a location points into, following fields and list items."""
    current: Any = model
    for step in location:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(step)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None
