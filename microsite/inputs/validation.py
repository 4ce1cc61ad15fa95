"""Checks raw YAML data against a pydantic model and reports each problem at its line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from microsite.errors import ErrorCollector
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
            problem = {**problem, "loc": within + location}
            line, column = position_of(data, location)
            errors.add(
                path,
                line,
                _message(problem),
                _hint(model, {**problem, "loc": location}),
                column,
            )
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


def _message(problem: dict[str, Any]) -> str:
    where = _dotted(problem["loc"])
    if problem["type"] == "model_type":
        found = problem.get("input")
        shown = "nothing" if found is None else f"{type(found).__name__} {found!r}"[:80]
        return f"{where or 'the file'}: expected fields (name: value), found {shown}"
    if problem["type"] == WHOLE_MESSAGE:
        return problem["msg"]
    text = problem["msg"].removeprefix("Value error, ")
    if problem["type"] == "missing":
        return f"{where}: required field is missing"
    if problem["type"] == "extra_forbidden":
        return f"{where}: unknown field"
    found = problem.get("input")
    prefix = f"{where}: " if where else ""
    if isinstance(found, dict | list):
        return f"{prefix}{text}"
    return f"{prefix}{text} (found {found!r})"


def _dotted(location: tuple[Any, ...]) -> str:
    text = ""
    for step in location:
        if isinstance(step, int):
            text += f"[{step}]"
        elif not str(step).startswith(("function-", "tagged-union")):
            text += f".{step}" if text else str(step)
    return text


def _hint(model: type[BaseModel], problem: dict[str, Any]) -> str:
    if problem["type"] == "model_type":
        expected = _model_at(model, problem["loc"])
        fields = ", ".join(expected.model_fields) if expected else ""
        return f"write each field on its own line as name: value; the fields are: {fields}"
    if problem["type"] == "string_type" and isinstance(problem.get("input"), dict):
        return "YAML read this text as a mapping because it contains ': '; put it in quotes"
    field_model = _model_at(model, problem["loc"][:-1])
    name = problem["loc"][-1] if problem["loc"] else None
    if problem["type"] == "value_error" and not isinstance(name, str):
        # A rule across fields: its message says what is wrong; say where the rules are.
        return "correct the entry as the message says; docs/editing.md describes every field"
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
