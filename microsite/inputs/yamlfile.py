"""Safe YAML loading that remembers the line of every key and refuses duplicate keys."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from microsite.reuse import PLAIN, Reuse

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


class Refused(Exception):
    """Valid YAML that a data file may not use."""

    def __init__(self, message: str, hint: str, mark: Any) -> None:
        super().__init__(message)
        self.message, self.hint, self.mark = message, hint, mark


# Bigger than any real data file or story by far; a file this big is a mistake or an attack.
MAX_FILE_BYTES = 10_000_000


class _Loader(_BaseLoader):
    pass


# Dates stay text, so that a period such as 2024-10 or 2024-10-30 keeps the form the editor wrote.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Builder:
    """Data from a composed YAML document, keeping positions. Faster than PyYAML's generic
    constructor, which tracks state a safe document does not need."""

    def __init__(self, loader: _Loader, first_line: int) -> None:
        self.loader = loader
        self.first_line = first_line  # the line the parsed text starts on, in its file
        self.seen: set[int] = set()  # a node met twice was reached through an alias

    def build(self, node: yaml.Node) -> Any:
        if id(node) in self.seen:
            # Aliases repeat a block without writing it out: a few lines can stand for billions
            # of values ("billion laughs"), and data files have no need of them.
            raise Refused(
                "anchors and aliases (&name, *name) are not allowed in data files",
                "write the value out in full where it is needed",
                node.start_mark,
            )
        self.seen.add(id(node))
        if node.tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if node.tag == _MAP and isinstance(node, yaml.MappingNode):
            return self._located(self._mapping, node)
        if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return self._located(self._sequence, node)
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:  # Python refuses to read an integer of more than 4,300 digits
            raise Refused(
                "this value is too long to read",
                "a number this long is a typing slip: check it",
                node.start_mark,
            ) from None

    def _located(self, build: Any, node: yaml.Node) -> Any:
        result = build(node)
        result.line = node.start_mark.line + self.first_line
        result.column = node.start_mark.column + 1
        return result

    def _mapping(self, node: yaml.MappingNode) -> LocatedDict:
        self.loader.flatten_mapping(node)
        result = LocatedDict()
        result.key_lines = key_lines = {}
        result.key_columns = key_columns = {}
        for key_node, value_node in node.value:
            key = self.build(key_node)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be plain text", key_node.start_mark
                )
            if key in result:
                raise DuplicateKey(
                    None,
                    None,
                    f"duplicate key {key!r} (first given on line {key_lines[key]})",
                    key_node.start_mark,
                )
            result[key] = self.build(value_node)
            mark = key_node.start_mark
            key_lines[key] = mark.line + self.first_line
            key_columns[key] = mark.column + 1
        return result

    def _sequence(self, node: yaml.SequenceNode) -> LocatedList:
        result = LocatedList([self.build(child) for child in node.value])
        result.item_lines = [child.start_mark.line + self.first_line for child in node.value]
        result.item_columns = [child.start_mark.column + 1 for child in node.value]
        return result


class YamlProblem(Exception):
    """A file that is not valid YAML, with the line and column where reading stopped."""

    def __init__(self, line: int | None, message: str, hint: str, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint
        self.column = column


def read_text(path: Path) -> str:
    """A UTF-8 text file (a byte-order mark is dropped); YamlProblem if it is not UTF-8 or
    is over MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            None,
            f"the file is {size / 1e6:.1f} MB; a data or narrative file may be at most "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB",
            "split it into several files",
        )
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise YamlProblem(
            None, f"not UTF-8 text ({error.reason} at byte {error.start})", "save the file as UTF-8"
        ) from None


def contents(path: Path) -> bytes | None:
    """A file's bytes, or None if it cannot be read: what a memo compares to see a change."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def fingerprint(path: Path) -> bytes | None:
    """A digest of a file's bytes, or None if it cannot be read: what a memo compares to see
    a change when keeping the file itself would cost memory (thousands of narratives)."""
    text = contents(path)
    return None if text is None else hashlib.blake2b(text, digest_size=16).digest()


def load_by_item(path: Path, key: str, reuse: Reuse = PLAIN) -> LocatedDict | None:
    """The file at `path`, read as `load` reads it, but parsing each item of its list `key`
    apart and only the items whose text or line changed since the last build; None where the
    file cannot be cut so (see split_items) or does not parse, for `load` to read whole and
    report."""
    try:
        split = split_items(read_text(path), key)
    except (OSError, YamlProblem):
        return None
    if split is None:
        return None
    head, items = split
    try:
        data = parse(head)
        parsed = {
            item: reuse.get(("yaml item", path, key, item), None, lambda item=item: parse(*item))
            for item in items
        }
    except YamlProblem:
        return None
    if not isinstance(data, LocatedDict) or key not in data or data[key] is not None:
        return None
    lists = list(parsed.values())
    if not all(isinstance(one, LocatedList) and len(one) == 1 for one in lists):
        return None
    whole = LocatedList(one[0] for one in lists)
    whole.line, whole.column = lists[0].line, lists[0].column
    whole.item_lines = [one.item_lines[0] for one in lists]
    whole.item_columns = [one.item_columns[0] for one in lists]
    data[key] = whole
    return data


def split_items(text: str, key: str) -> tuple[str, list[tuple[str, int]]] | None:
    """A file whose last top-level field, `key`, holds a block list, cut into its head (up to
    and with the `key:` line) and each item's text with the line it starts on; None for a file
    laid out any other way. Each piece parses alone to what it is within the whole file."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _is_key_line(line, key)), None)
    if start is None:
        return None
    items: list[tuple[str, int]] = []
    indent = None
    for number, line in enumerate(lines[start + 1 :], start=start + 2):
        content = line.lstrip(" ")
        if not content.strip() or content.startswith("#"):  # a blank line or a comment
            if items:
                items[-1] = (items[-1][0] + line, items[-1][1])
            continue
        depth = len(line) - len(content)
        if indent is None and content.startswith("- "):
            indent = depth
        if depth == indent and content.startswith("- "):
            items.append((line, number))
        elif indent is not None and depth > indent and items and not content.startswith("\t"):
            items[-1] = (items[-1][0] + line, items[-1][1])
        else:
            return None  # anything else (a tab, a field after the list) is read whole
    if not items:
        return None
    head = "".join(lines[: start + 1 + _leading(lines[start + 1 :])])
    return head, items


def _is_key_line(line: str, key: str) -> bool:
    rest = line.removeprefix(f"{key}:")
    return rest != line and (not rest.strip() or rest.strip().startswith("#"))


def _leading(lines: list[str]) -> int:
    """How many of `lines` are blank or comments before the first item."""
    count = 0
    for line in lines:
        if line.strip() and not line.lstrip(" ").startswith("#"):
            break
        count += 1
    return count


def load(path: Path) -> Any:
    """Read one YAML file; raise YamlProblem with a line and a hint when it cannot be read."""
    return parse(read_text(path))


def parse(text: str, first_line: int = 1) -> Any:
    """YAML text to data; lines are counted from `first_line`."""
    # Lines are counted on rather than the text padded with empty ones: the parser would read
    # every padding line again for each of a thousand items in a fact file.
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            return None if node is None else _Builder(loader, first_line).build(node)
        finally:
            loader.dispose()
    except Refused as error:
        raise YamlProblem(
            error.mark.line + first_line, error.message, error.hint, error.mark.column + 1
        ) from None
    except DuplicateKey as error:
        raise YamlProblem(
            _line(error, first_line),
            error.problem or "duplicate key",
            "remove or rename one of the two keys",
            _column(error),
        ) from None
    except yaml.MarkedYAMLError as error:
        problem = error.problem or error.context or "not valid YAML"
        raise YamlProblem(
            _line(error, first_line),
            f"YAML syntax error: {problem}",
            "check indentation, colons and quotes on this line and the one before",
            _column(error),
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(None, f"YAML error: {error}", "check the file's syntax") from None


def _line(error: yaml.MarkedYAMLError, first_line: int) -> int | None:
    mark = error.problem_mark or error.context_mark
    return mark.line + first_line if mark else None


def _column(error: yaml.MarkedYAMLError) -> int | None:
    mark = error.problem_mark or error.context_mark
    return mark.column + 1 if mark else None


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
