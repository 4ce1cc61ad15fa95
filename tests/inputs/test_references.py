"""One reading of `[[…]]`: spaces inside the brackets change nothing, anywhere."""

from __future__ import annotations

import re
import shutil

import pytest

from microsite.build.builder import build
from microsite.checks import lint
from microsite.inputs import content
from microsite.inputs.project import Project
from microsite.inputs.references import Reference, cited, read
from tests.conftest import MINIMAL, correct_the_minimal_gdp
from tests.golden import differing_files, read_tree


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("zones_2024", Reference("fact", "zones_2024")),
        (" zones_2024 ", Reference("fact", "zones_2024")),
        ("zones_2024.period", Reference("fact", "zones_2024", "period")),
        (" zones_2024 . period ", Reference("fact", "zones_2024", "period")),
        ("zones_2024.", Reference("fact", "zones_2024", "")),  # a part left out: an error
        (" chart : gdp ", Reference("chart", "gdp")),
        ("literal: V1 ", Reference("literal", "V1")),
        ("chat:gdp", Reference("other", "chat:gdp")),
    ],
)
def test_a_reference_reads_the_same_with_or_without_spaces(written, meant):
    assert read(written) == meant


def test_cited_lists_facts_and_charts_once_in_order():
    text = "[[b]] and [[ a.period ]], [[b]]\n\n[[ chart:c ]]\n\n[[literal:2018]]"
    assert cited(text) == (("b", "a"), ("c",))


def _spaced(text: str) -> str:
    return re.sub(r"\[\[([^\[\]\n]*)\]\]", r"[[ \1 ]]", text)


def test_a_spaced_reference_behaves_exactly_as_a_plain_one(tmp_path):
    plain, spaced = tmp_path / "plain", tmp_path / "spaced"
    for root in (plain, spaced):
        shutil.copytree(MINIMAL, root)
        correct_the_minimal_gdp(root)  # moves the story's dateModified
    for story in (spaced / "content").rglob("*.md"):
        story.write_text(_spaced(story.read_text(encoding="utf-8")), encoding="utf-8")
    assert "[[ chart:" in (spaced / "content/stories/growth.md").read_text()

    build(plain, tmp_path / "plain-site")
    build(spaced, tmp_path / "spaced-site")
    plain_site, spaced_site = (
        read_tree(tmp_path / "plain-site"),
        read_tree(tmp_path / "spaced-site"),
    )
    story = plain_site["stories/how-the-zones-grew/index.html"].decode()
    assert '"dateModified": "2025-09-02T00:00:00Z"' in story  # the correction reached the story
    assert differing_files(plain_site, spaced_site) == []


def test_lint_counts_a_spaced_reference_as_a_use(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    story = root / "content/stories/growth.md"
    story.write_text(_spaced(story.read_text(encoding="utf-8")), encoding="utf-8")
    site = content.read(Project(root))
    assert "gdp_2024" in lint.used_facts(site)


CODE_SAMPLES = (
    "A `[[zones_2024]]` in code, [[gdp_2024]] outside it.",
    "``a [[first_year]] ` b`` then [[trade_share_2024]].",
    "Before.\n\n```\n[[zones_2024]]\n```\n\n[[gdp_2024]] after.",
    "~~~~\n[[zones_2024]]\n~~~\n```\n~~~~\n\nAfter the fence: [[first_year]].",
    "No code at all: [[zones_2024]], [[ gdp_2024 ]] and [[zones_2024.period]].",
    "Escaped backticks are no code: \\`[[zones_2024]]\\` and `[[gdp_2024]]`.",
)


@pytest.mark.parametrize("text", CODE_SAMPLES)
def test_what_a_page_cites_is_what_the_compiler_makes_a_slot_of(text):
    """A reference in code is printed as typed: it is neither cited nor checked."""
    from microsite.inputs.markup import MarkdownCompiler
    from microsite.inputs.references import cited

    slots = MarkdownCompiler().compile(text).slots
    compiled = tuple(dict.fromkeys(slot.key for slot in slots if slot.kind == "fact"))
    assert cited(text)[0] == compiled
    assert compiled  # every sample cites something outside its code


def test_an_unknown_key_in_a_code_sample_is_not_an_error(project):
    story = project / "content/stories/growth.md"
    story.write_text(story.read_text() + "\nWrite `[[zones_204]]` to cite a fact.\n")
    assert content.read(Project(project)).stories
