"""Safe YAML loading that remembers the line of every key and refuses duplicate keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class LocatedDict(dict):
    """A mapping that knows the line it starts on and the line of each key."""

    line: int = 0
    column: int = 0
    key_lines: dict[Any, int]
    key_columns: dict[Any, int]


class LocatedList(list):
    """A sequence that knows the line it starts on and the line of each item."""

    line: int = 0
    column: int = 0
    item_lines: list[int]
    item_columns: list[int]


class DuplicateKey(yaml.MarkedYAMLError):
    """PyYAML would silently keep the last of two equal keys; we refuse them."""


class _Loader(_BaseLoader):
    pass


# Dates stay text, so that a period such as 2024-10 or 2024-10-30 keeps the form the editor wrote.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.column = node.start_mark.column + 1
    result.key_lines = {}
    result.key_columns = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be plain text", key_node.start_mark
            )
        if key in result:
            first = result.key_lines[key]
            raise DuplicateKey(
                None,
                None,
                f"duplicate key {key!r} (first given on line {first})",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
        result.key_columns[key] = key_node.start_mark.column + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.column = node.start_mark.column + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    result.item_columns = [child.start_mark.column + 1 for child in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


class YamlProblem(Exception):
    """A file that is not valid YAML, with the line and column where reading stopped."""

    def __init__(self, line: int | None, message: str, hint: str, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint
        self.column = column


def read_text(path: Path) -> str:
    """A UTF-8 text file (a byte-order mark is dropped); YamlProblem if it is not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise YamlProblem(
            None, f"not UTF-8 text ({error.reason} at byte {error.start})", "save the file as UTF-8"
        ) from None


def load(path: Path) -> Any:
    """Read one YAML file; raise YamlProblem with a line and a hint when it cannot be read."""
    return parse(read_text(path))


def parse(text: str, first_line: int = 1) -> Any:
    """YAML text to data; lines are counted from `first_line`."""
    text = "\n" * (first_line - 1) + text
    try:
        return yaml.load(text, Loader=_Loader)
    except DuplicateKey as error:
        raise YamlProblem(
            _line(error),
            error.problem or "duplicate key",
            "remove or rename one of the two keys",
            _column(error),
        ) from None
    except yaml.MarkedYAMLError as error:
        problem = error.problem or error.context or "not valid YAML"
        raise YamlProblem(
            _line(error),
            f"YAML syntax error: {problem}",
            "check indentation, colons and quotes on this line and the one before",
            _column(error),
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(None, f"YAML error: {error}", "check the file's syntax") from None


def _line(error: yaml.MarkedYAMLError) -> int | None:
    mark = error.problem_mark or error.context_mark
    return mark.line + 1 if mark else None


def _column(error: yaml.MarkedYAMLError) -> int | None:
    mark = error.problem_mark or error.context_mark
    return mark.column + 1 if mark else None


def line_of(data: Any, location: tuple[Any, ...]) -> int | None:
    return position_of(data, location)[0]


def position_of(data: Any, location: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Line and column of the deepest part of `location` (keys and indexes) found in data."""
    line, column = getattr(data, "line", None) or None, getattr(data, "column", None) or None
    node = data
    for step in location:
        if isinstance(node, LocatedDict) and step in node:
            line, column = node.key_lines.get(step, line), node.key_columns.get(step, column)
            node = node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and 0 <= step < len(node):
            line, column = node.item_lines[step], node.item_columns[step]
            node = node[step]
        else:
            break
    return line, column
