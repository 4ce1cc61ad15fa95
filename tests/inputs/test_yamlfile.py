from pathlib import Path

import pytest

from microsite.inputs.yamlfile import YamlProblem, load, position_of


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "file.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_keeps_the_line_of_every_key_and_item(tmp_path):
    data = load(write(tmp_path, "title: x\nfacts:\n  - key: a\n    value: 1\n  - key: b\n"))
    assert position_of(data, ("title",))[0] == 1
    assert position_of(data, ("facts", 0, "value"))[0] == 4
    assert position_of(data, ("facts", 1))[0] == 5


def test_a_missing_key_points_at_its_parent(tmp_path):
    data = load(write(tmp_path, "facts:\n  - key: a\n  - key: b\n"))
    assert position_of(data, ("facts", 1, "value"))[0] == 3


def test_dates_stay_text_as_written(tmp_path):
    data = load(write(tmp_path, "a: 2024-10-30\nb: 2024-10\n"))
    assert data == {"a": "2024-10-30", "b": "2024-10"}


def test_duplicate_key_is_refused_at_its_second_line(tmp_path):
    with pytest.raises(YamlProblem) as caught:
        load(write(tmp_path, "key: a\nvalue: 1\nkey: b\n"))
    assert caught.value.line == 3
    assert caught.value.message == "duplicate key 'key' (first given on line 1)"


def test_syntax_error_names_its_line(tmp_path):
    with pytest.raises(YamlProblem) as caught:
        load(write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n"))
    assert caught.value.line == 3
    assert caught.value.message.startswith("YAML syntax error")


def test_python_tags_are_not_constructed(tmp_path):
    with pytest.raises(YamlProblem) as caught:
        load(write(tmp_path, "a: !!python/object/apply:os.system ['true']\n"))
    assert "could not determine a constructor" in caught.value.message


def test_bytes_that_are_not_utf8_are_refused(tmp_path):
    with pytest.raises(YamlProblem) as caught:
        load(write(tmp_path, b"a: \xff\xfe\n"))
    assert caught.value.message.startswith("not UTF-8 text")
    assert caught.value.hint == "save the file as UTF-8"


def test_a_byte_order_mark_is_accepted(tmp_path):
    assert load(write(tmp_path, "\ufeffa: 1\n")) == {"a": 1}


def same_with_positions(read: object, expected: object, where: str = "") -> None:
    """Equal data, and every mapping and list at the same line and column, key by key."""
    from microsite.inputs.yamlfile import LocatedDict, LocatedList

    assert type(read) is type(expected), where
    if isinstance(expected, LocatedDict | LocatedList):
        assert (read.line, read.column) == (expected.line, expected.column), where
    if isinstance(expected, LocatedDict):
        assert list(read) == list(expected), where
        assert (read.key_lines, read.key_columns) == (expected.key_lines, expected.key_columns)
        for key in expected:
            same_with_positions(read[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, LocatedList):
        assert (read.item_lines, read.item_columns) == (expected.item_lines, expected.item_columns)
        assert len(read) == len(expected), where
        for index, item in enumerate(expected):
            same_with_positions(read[index], item, f"{where}[{index}]")
    else:
        assert read == expected, where


FACT_FILE = """\
# Economy
topic: Economy
order: 1
facts:
  # the first
  - key: gdp
    label: "Regional GDP"
    value: 16.9
    notes: |
      Two lines,

      and a blank one.
    sources: [a, b]

  - key: zones
    value: 232
    period: '2024'
# a comment at the edge
  -   key: share
      value: 18
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_read_by_item_is_read_whole(tmp_path, newline):
    from microsite.build.memo import Memo
    from microsite.inputs.yamlfile import load_by_item

    path = write(tmp_path, FACT_FILE.replace("\n", newline).encode())
    memo = Memo()
    same_with_positions(load_by_item(path, "facts", memo), load(path))
    memo.next_build()
    same_with_positions(load_by_item(path, "facts", memo), load(path))


def test_only_the_items_that_changed_are_parsed_again(tmp_path, monkeypatch):
    from microsite.build.memo import Memo
    from microsite.inputs import yamlfile

    path = write(tmp_path, FACT_FILE)
    memo = Memo()
    yamlfile.load_by_item(path, "facts", memo)
    memo.next_build()
    parsed = []
    parse = yamlfile.parse
    monkeypatch.setattr(
        yamlfile, "parse", lambda text, *line: parsed.append(text) or parse(text, *line)
    )
    write(tmp_path, FACT_FILE.replace("value: 232", "value: 233"))
    data = yamlfile.load_by_item(path, "facts", memo)
    assert data["facts"][1]["value"] == 233
    assert len(parsed) == 2  # the head and the one item
    same_with_positions(data, load(path))


@pytest.mark.parametrize(
    "text",
    [
        "facts:\n  - key: a\ntopic: after the list\n",  # a field after the list
        "facts: [{key: a}, {key: b}]\n",  # a flow list
        "facts:\n  - key: a\n\t  value: 1\n",  # a tab
        "facts:\n  - key: &x a\n  - key: *x\n",  # an alias across items
        "facts:\n  - key: a\n  - key: [b\n",  # a mistake
        "facts:\n  key: a\n",  # not a list
    ],
)
def test_other_layouts_and_mistakes_are_left_to_the_whole_reading(tmp_path, text):
    from microsite.build.memo import Memo
    from microsite.inputs.yamlfile import load_by_item

    assert load_by_item(write(tmp_path, text), "facts", Memo()) is None
