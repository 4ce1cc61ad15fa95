"""Whatever the input, the only exceptions that leave the engine are its own: a YamlProblem
from the YAML reader, and BuildFailed (a list of SiteErrors) from a build."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microsite.errors import BuildFailed
from microsite.inputs import content
from microsite.inputs.markup import MarkdownCompiler
from microsite.inputs.project import Project
from microsite.inputs.yamlfile import YamlProblem, parse
from tests.conftest import MINIMAL

# Text that looks like YAML more often than random text does, so that the reader gets deep.
YAML_ALPHABET = st.sampled_from(
    [*"abcxyz019 -:,.[]{}&*!|>'\"#%@`\n\t\\", "\u00e9", "\u5927", "\x00", "\ufeff"]
)
YAML_TEXT = st.text(YAML_ALPHABET, max_size=200)
FACT_LINES = st.lists(
    st.sampled_from(
        [
            "  - key: zones_2024",
            "  - key: gdp_2024",
            "    label: Zones",
            "    value: 232",
            "    value: -1",
            "    value: .nan",
            "    value: [1]",
            "    unit: count",
            "    unit: percent",
            "    unit: nonsense",
            '    period: "2024"',
            '    period: "2024-02-30"',
            "    sources: [official_2025]",
            "    sources: [nowhere]",
            "    formula: gdp_2024 / zones_2024",
            "    formula: gdp_2024 / 0",
            "    formula: zones_2024 + gdp_2024",
            "    decimals: 1",
            "    qualifier: about",
            "    notes:",
            "  -",
            "facts:",
            "    : x",
        ]
    ),
    max_size=25,
)
REFERENCE = st.sampled_from(
    ["[[zones_2024]]", "[[chart:gdp]]", "[[literal:12]]", "[[x.y.z]]", "[[", "]]", "[[ ]]"]
)
MARKDOWN = st.lists(
    st.one_of(
        st.text(max_size=30),
        REFERENCE,
        st.sampled_from(["\n", "\n\n", "# ", "- ", "| a | b |\n|---|---|\n", "```\n", "[^1]"]),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(YAML_TEXT)
def test_the_yaml_reader_raises_only_yaml_problems(text):
    try:
        parse(text)
    except YamlProblem as problem:
        assert problem.message and problem.hint


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(FACT_LINES)
def test_reading_any_fact_file_fails_only_with_site_errors(tmp_path, lines):
    root = tmp_path / "project"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(MINIMAL, root)
    (root / "data/facts/economy.yaml").write_text(
        "topic: Economy\norder: 2\nfacts:\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    try:
        content.read(Project(root))
    except BuildFailed as failure:
        assert failure.errors
        assert all(error.path and error.message for error in failure.errors)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
def test_any_narrative_text_compiles_and_fills(text):
    compiled = MarkdownCompiler().compile(text)
    html = compiled.fill(lambda slot: f"<{slot.kind}:{slot.key}>")
    assert isinstance(html, str)
    assert "<script" not in html


def test_the_minimal_project_still_reads(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    assert content.read(Project(Path(root))).facts
