"""Broken and hostile input: each case stops the build with a message naming the file, the line
where there is one, and a fix; exits 1 without a traceback; and leaves the last site as it was.
Unusual but valid input builds."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import build as cli
from tests.conftest import replace_in
from tests.golden import differing_files, read_tree

ECONOMY = "data/facts/economy.yaml"
ZONES = "data/facts/zones.yaml"
STORY = "content/stories/growth.md"


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda root: replace_in(root / relative, old, new)


def append(relative: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        with (root / relative).open("a", encoding="utf-8") as file:
            file.write(text)

    return change


def write_bytes(relative: str, content: bytes) -> Callable[[Path], None]:
    return lambda root: (root / relative).write_bytes(content)


def link(relative: str, target: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / relative)

    return change


def too_big(root: Path) -> None:
    with (root / ECONOMY).open("a", encoding="utf-8") as file:
        file.write("# padding\n" * 1_100_000)


def billion_laughs(root: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    (root / "data/series.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


STORY_FRONT = '---\ntitle: T\nsummary: S.\ndate: "2025-07-17"\nslug: {slug}\n---\nText.\n'

CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    # YAML that cannot be read
    "yaml syntax error": (edit(ECONOMY, "value: 16.9", "value: [16.9"), ECONOMY),
    "yaml bad indentation": (
        edit(ECONOMY, "    unit: yuan_trillion", "  unit: yuan_trillion"),
        ECONOMY,
    ),
    "yaml tab indentation": (
        edit(ECONOMY, "    unit: yuan_trillion", "\tunit: yuan_trillion"),
        ECONOMY,
    ),
    "yaml unclosed quote": (edit(ECONOMY, 'period: "2024"', 'period: "2024'), ECONOMY),
    "duplicate key": (edit(ECONOMY, "    value: 16.9", "    value: 16.9\n    value: 17"), ECONOMY),
    "python tag": (
        edit(ECONOMY, "value: 16.9", "value: !!python/object/apply:os.system [id]"),
        ECONOMY,
    ),
    "unknown tag": (edit(ECONOMY, "value: 16.9", "value: !secret 16.9"), ECONOMY),
    "billion laughs": (billion_laughs, "data/series.yaml"),
    "an alias": (edit(ECONOMY, "value: 16.9", "value: &v 16.9\n    notes: *v"), ECONOMY),
    "not utf-8": (write_bytes(ECONOMY, b"topic: \xff\xfe Economy\norder: 2\nfacts: []\n"), ECONOMY),
    "not utf-8 narrative": (write_bytes(STORY, b"---\ntitle: \xe9t\xe9\n---\n"), STORY),
    "over the size limit": (too_big, ECONOMY),
    "empty fact file": (write_bytes(ECONOMY, b""), ECONOMY),
    "a list instead of a mapping": (write_bytes(ECONOMY, b"- one\n- two\n"), ECONOMY),
    # wrong types and values
    "value is text": (edit(ECONOMY, "value: 16.9", 'value: "16.9"'), ECONOMY),
    "value is a list": (edit(ECONOMY, "value: 16.9", "value: [16.9]"), ECONOMY),
    "value NaN": (edit(ECONOMY, "value: 16.9", "value: .nan"), ECONOMY),
    "value infinite": (edit(ECONOMY, "value: 16.9", "value: .inf"), ECONOMY),
    "value minus infinite": (edit(ECONOMY, "value: 16.9", "value: -.inf"), ECONOMY),
    "negative count": (edit(ZONES, "value: 229", "value: -229"), ZONES),
    # Longer than Python's decimals hold: Babel could not print it
    "value of thirty digits": (edit(ECONOMY, "value: 16.9", "value: " + "9" * 30), ECONOMY),
    "value of 1e300": (edit(ECONOMY, "value: 16.9", "value: 1.0e+300"), ECONOMY),
    "corrected value of thirty digits": (
        edit(ZONES, "old_value: 228", "old_value: " + "2" * 30),
        ZONES,
    ),
    "an integer of 4,000 digits": (edit(ECONOMY, "value: 16.9", "value: " + "9" * 4000), ECONOMY),
    "an integer of 5,000 digits": (edit(ECONOMY, "value: 16.9", "value: " + "9" * 5000), ECONOMY),
    "a corrected value of 4,000 digits": (
        edit(ZONES, "old_value: 228", "old_value: " + "2" * 4000),
        ZONES,
    ),
    "a derived value rounded up to sixteen digits": (
        edit(ECONOMY, "national_gdp_2024 * 100", "gdp_2024 * 999999999999999 + 0.96"),
        ECONOMY,
    ),
    "a number too large in a formula": (
        edit(ECONOMY, "national_gdp_2024 * 100", "national_gdp_2024 * 1e309"),
        ECONOMY,
    ),
    # A fraction is printed in words: a value with no word for it cannot be printed
    "a corrected fraction with no word": (
        edit(
            ECONOMY,
            "    qualifier: nearly\n",
            "    qualifier: nearly\n    corrections:\n"
            '      - {date: "2025-01-02", old_value: 0.3, new_value: 0.25, reason: Misread.}\n',
        ),
        ECONOMY,
    ),
    "a derived fraction with no word": (
        edit(ECONOMY, "    decimals: 1\n    unit: percent", "    decimals: 1\n    unit: fraction"),
        ECONOMY,
    ),
    "derived value of thirty digits": (
        edit(ECONOMY, "national_gdp_2024 * 100", "national_gdp_2024 * 1e30"),
        ECONOMY,
    ),
    "unknown unit": (edit(ECONOMY, "unit: yuan_trillion", "unit: yuan_gazillion"), ECONOMY),
    "impossible date": (edit(ECONOMY, 'period: "2024"', 'period: "2024-02-30"'), ECONOMY),
    "month 13": (edit(ECONOMY, 'period: "2024"', 'period: "2024-13"'), ECONOMY),
    "period backwards": (edit(ECONOMY, 'period: "2024"', 'period: "2024/2020"'), ECONOMY),
    "unknown field": (
        edit(ECONOMY, "    unit: yuan_trillion", "    unit: yuan_trillion\n    colour: red"),
        ECONOMY,
    ),
    # missing
    "missing unit": (
        edit(
            ECONOMY,
            '    unit: yuan_trillion\n    period: "2024"\n    sources: [official_2025]\n  - key: national',
            '    period: "2024"\n    sources: [official_2025]\n  - key: national',
        ),
        ECONOMY,
    ),
    "missing sources": (
        edit(ECONOMY, "    sources: [official_2025]\n  - key: national", "  - key: national"),
        ECONOMY,
    ),
    "empty sources": (edit(ECONOMY, "sources: [official_2025]", "sources: []"), ECONOMY),
    "missing title": (edit(STORY, "title: How the zones grew\n", ""), STORY),
    "no front matter": (write_bytes(STORY, b"Just text.\n"), STORY),
    "front matter not closed": (write_bytes(STORY, b"---\ntitle: T\n"), STORY),
    "a story dated by a period": (
        edit(STORY, 'date: "2025-07-17"', 'date: "1984/1988"'),
        STORY,
    ),
    # references that do not resolve
    "unknown source": (
        edit(ECONOMY, "sources: [official_2025]", "sources: [official_2052]"),
        ECONOMY,
    ),
    "unknown fact in a story": (edit(STORY, "[[first_year]]", "[[first_yaer]]"), STORY),
    "unknown fact part": (edit(STORY, "[[zones_2024.period]]", "[[zones_2024.colour]]"), STORY),
    "unknown chart": (append(STORY, "\n[[chart:no_such_chart]]\n"), STORY),
    "unknown fact in a series": (
        edit("data/series.yaml", "facts: [gdp_2024]", "facts: [gdp_2042]"),
        "data/series.yaml",
    ),
    "unknown fact in a formula": (
        edit(ECONOMY, "gdp_2024 / national", "gdp_2042 / national"),
        ECONOMY,
    ),
    # calculations
    "circular derived facts": (
        append(
            ECONOMY,
            '  - key: loop_a\n    label: A\n    formula: loop_b + 1\n    decimals: 0\n    unit: count\n    period: "2024"\n  - key: loop_b\n    label: B\n    formula: loop_a + 1\n    decimals: 0\n    unit: count\n    period: "2024"\n',
        ),
        ECONOMY,
    ),
    "division by zero": (
        edit(ECONOMY, "national_gdp_2024 * 100", "(national_gdp_2024 - national_gdp_2024)"),
        ECONOMY,
    ),
    "mismatched units in a formula": (
        edit(ECONOMY, "gdp_2024 / national_gdp_2024 * 100", "gdp_2024 + zones_2024"),
        ECONOMY,
    ),
    "code in a formula": (
        edit(ECONOMY, "gdp_2024 / national_gdp_2024 * 100", "__import__('os').system('id')"),
        ECONOMY,
    ),
    # paths and pages
    "slug with dots": (edit(STORY, "slug: how-the-zones-grew", "slug: ../../etc"), STORY),
    "slug with a slash": (edit(STORY, "slug: how-the-zones-grew", "slug: a/b"), STORY),
    "absolute slug": (edit(STORY, "slug: how-the-zones-grew", "slug: /etc/passwd"), STORY),
    "two stories, one slug": (
        write_bytes(
            "content/stories/again.md", STORY_FRONT.format(slug="how-the-zones-grew").encode()
        ),
        "content/stories/",
    ),
    "a page taking the facts page's address": (
        edit("content/pages/methodology.md", "slug: methodology", "slug: facts"),
        "content/pages/methodology.md",
    ),
    "a link outside the project": (
        link("content/stories/passwd.md", "/etc/passwd"),
        "content/stories/passwd.md",
    ),
    "a static link outside the project": (
        link("static/secret.txt", "/etc/hostname"),
        "static/secret.txt",
    ),
    "a broken link in a story": (append(STORY, "\nSee [the list](../no-such-page/).\n"), STORY),
}


@pytest.fixture
def built(project: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    out = tmp_path / "site"
    assert cli.main(["--root", str(project), "--out", str(out)]) == 0
    return project, out, read_tree(out)


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_refused_with_a_message_and_the_site_kept(name, built, capsys):
    project, out, before = built
    change, named_file = CASES[name]
    change(project)
    capsys.readouterr()
    assert cli.main(["--root", str(project), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "Traceback" not in error
    assert named_file in error, error
    assert "hint: " in error, error
    assert "site/ was not changed" in error or f"{out}" in error
    assert differing_files(read_tree(out), before) == []


def test_the_corpus_is_at_least_forty_cases():
    assert len(CASES) >= 40


def test_jinja_and_html_in_a_story_are_printed_not_run(built):
    project, out, _ = built
    append(STORY, "\n{{ 7 * 7 }} and <script>alert(1)</script> and [x](javascript:alert(1))\n")(
        project
    )
    assert cli.main(["--root", str(project), "--out", str(out)]) == 0
    page = (out / "stories/how-the-zones-grew/index.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }}" in page and "49" not in page.split("{{ 7 * 7 }}")[1][:5]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / STORY).write_bytes(b"\xef\xbb\xbf" + (root / STORY).read_bytes()),
        lambda root: (root / ECONOMY).write_bytes(
            (root / ECONOMY).read_bytes().replace(b"\n", b"\r\n")
        ),
        lambda root: (root / STORY).write_bytes(
            (root / STORY).read_bytes().replace(b"\n", b"\r\n")
        ),
        edit(ECONOMY, "label: National GDP", "label: 全国国内生产总值 (National GDP)"),
        edit(ECONOMY, 'period: "2024"', "period: 2024-01-01"),
        edit(STORY, "a number we could not confirm", "a number 大连 could not confirm"),
        edit(
            ECONOMY,
            "    sources: [official_2025]\n  - key: national",
            "    sources: [official_2025]\n    notes:\n  - key: national",
        ),
    ],
    ids=[
        "utf-8 bom",
        "crlf data",
        "crlf story",
        "chinese label",
        "unquoted date",
        "chinese prose",
        "empty notes",
    ],
)
def test_unusual_but_valid_input_builds(change, built):
    project, out, _ = built
    change(project)
    assert cli.main(["--root", str(project), "--out", str(out)]) == 0
