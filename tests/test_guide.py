"""The editor's guide is run, step by step, and each command prints what the guide says."""

import pytest

from tests.guide import GUIDE, fresh_project, replay, steps


def test_the_guide_has_examples_of_every_kind():
    kinds = {step.action for step in steps(GUIDE.read_text())}
    assert kinds == {"append", "write", "replace", "run", "commit"}


def test_every_example_in_the_guide_runs_as_written(tmp_path):
    outcomes = replay(fresh_project(tmp_path))
    assert len(outcomes) >= 6
    for outcome in outcomes:
        where = f"docs/editing.md:{outcome.step.line}: build.py {outcome.step.argument}"
        assert outcome.exit_code == outcome.expected_exit, f"{where}\n{outcome.output}"
        assert outcome.output == outcome.step.block + "\n", f"{where} printed:\n{outcome.output}"


def test_a_wrong_example_would_fail(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("<!-- guide: run check -->\n```text\nAll bad.\n```\n")
    [outcome] = replay(fresh_project(tmp_path), guide)
    assert outcome.output != outcome.step.block + "\n"


def test_an_unknown_step_is_refused(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("<!-- guide: dance -->\n")
    with pytest.raises(ValueError, match="unknown guide step 'dance'"):
        replay(fresh_project(tmp_path), guide)


def test_the_guide_works_in_the_real_project(tmp_path):
    """Followed in the site's own project, every step ends as the guide says (the example
    source is found there already, as the guide tells an editor to look for it first), and
    the strict check CI runs passes at the end."""
    from tests.guide import _run, real_project

    project = real_project(tmp_path)
    outcomes = replay(project, as_an_editor=True)
    assert len(outcomes) >= 6
    for outcome in outcomes:
        where = f"docs/editing.md:{outcome.step.line}: build.py {outcome.step.argument}"
        assert outcome.exit_code == outcome.expected_exit, f"{where}\n{outcome.output}"
    strict = _run(project, steps("<!-- guide: run check --strict -->\n")[0])
    assert strict.exit_code == 0, strict.output
