from pathlib import Path

import pytest

from microsite.yamlfile import YamlProblem, line_of, load


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "file.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_keeps_the_line_of_every_key_and_item(tmp_path):
    data = load(write(tmp_path, "title: x\nfacts:\n  - key: a\n    value: 1\n  - key: b\n"))
    assert line_of(data, ("title",)) == 1
    assert line_of(data, ("facts", 0, "value")) == 4
    assert line_of(data, ("facts", 1)) == 5


def test_a_missing_key_points_at_its_parent(tmp_path):
    data = load(write(tmp_path, "facts:\n  - key: a\n  - key: b\n"))
    assert line_of(data, ("facts", 1, "value")) == 3


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
