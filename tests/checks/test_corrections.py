import subprocess

from microsite.checks.corrections import check_since
from microsite.errors import ErrorCollector
from microsite.inputs import content
from microsite.inputs.corrections import all_corrections
from microsite.inputs.project import Project
from tests.conftest import replace_in


def git(project, *args):
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)


def committed(project):
    git(project, "init", "-q")
    git(
        project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "x", "--allow-empty"
    )
    git(project, "add", ".")
    git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "facts")
    return project


def since(project, revision="HEAD") -> list[str]:
    errors = ErrorCollector(project)
    check_since(project, revision, content.read(Project(project)).facts, errors)
    return [str(error) for error in errors.errors]


def test_an_unchanged_project_passes(project):
    assert since(committed(project)) == []


def test_a_changed_value_without_a_correction_fails(project):
    committed(project)
    replace_in(project / "data/facts/economy.yaml", "value: 16.9", "value: 17.1")
    assert since(project) == [
        "data/facts/economy.yaml:4: the value of 'gdp_2024' changed from 16.9 to 17.1 since HEAD "
        "without a correction entry\n"
        '  hint: add to the fact: corrections: [{date: "YYYY-MM-DD", old_value: 16.9, '
        'new_value: 17.1, reason: "what was wrong"}]'
    ]


def test_a_changed_value_with_its_correction_passes(project):
    committed(project)
    replace_in(
        project / "data/facts/economy.yaml",
        "    value: 16.9\n",
        '    value: 17.1\n    corrections:\n      - date: "2026-03-12"\n'
        "        old_value: 16.9\n        new_value: 17.1\n        reason: Misread.\n",
    )
    assert since(project) == []


def test_an_unknown_revision_is_a_clear_error(project):
    committed(project)
    found = since(project, "no-such-branch")
    assert found[0].startswith("--since: git could not read the facts at 'no-such-branch'")


def test_corrections_are_listed_newest_first(project):
    facts = content.read(Project(project)).facts
    corrections = all_corrections(facts)
    assert [(c.fact.key, c.old_text, c.new_text, c.date_text) for c in corrections] == [
        ("zones_2023", "228", "229", "1 August 2025")
    ]
