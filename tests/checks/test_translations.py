"""The check for English interface text on a translated page reads what the reader sees and
what a tooltip or a screen reader says, not what is English on purpose."""

from microsite.checks import translations
from microsite.errors import ErrorCollector
from microsite.render.languages import editions

CHINESE = editions(("en", "zh"))[1]
MESSAGES = [translations.Message("Weak source: this figure rests on a single source", "x.py", 1)]


def shown(body: str, tmp_path) -> list[str]:
    errors = ErrorCollector(tmp_path)
    page = f"<html><body>{body}</body></html>".encode()
    translations.english_on_pages({"zh/index.html": page}, MESSAGES, CHINESE, errors)
    return [warning.message for warning in errors.warnings]


def test_english_in_a_tooltip_is_named(tmp_path):
    found = shown('<a title="Weak source: this figure rests on a single source">⚠</a>', tmp_path)
    assert found == [
        "the 中文 page shows English interface text: 'this figure rests on a single source'"
    ]


def test_english_in_the_text_is_named_and_english_on_purpose_is_not(tmp_path):
    assert shown("<p>可信度较低。this figure rests on a single source</p>", tmp_path)
    assert shown('<p lang="en">this figure rests on a single source</p>', tmp_path) == []
    assert shown("<p>可信度较低：此数字仅以一个非官方来源为依据</p>", tmp_path) == []
