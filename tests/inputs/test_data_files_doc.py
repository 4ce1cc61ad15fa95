"""docs/data-files.md is made from the models, and the committed page is the one they make."""

from typing import Literal

from pydantic import BaseModel, Field

from microsite.inputs import data_files_doc, json_schemas
from microsite.inputs.data_files_doc import DataFile
from microsite.inputs.fields import Key, Text
from tests.conftest import REPO, run_build


def test_the_committed_page_matches_the_models():
    committed = (REPO / "docs" / "data-files.md").read_text(encoding="utf-8")
    assert committed == data_files_doc.render(), (
        "docs/data-files.md differs from the models: run `python build.py schemas`"
    )


def test_every_file_with_a_schema_is_on_the_page():
    documented = {data_file.schema: data_file.model for data_file in data_files_doc.DATA_FILES}
    for name, model in json_schemas.SCHEMAS.items():
        assert documented.get(name) is model, f"{name} is not in data_files_doc.DATA_FILES"


class Step(BaseModel):
    """One step of a walk."""

    place: Key = Field(description="where the step lands")
    paces: int | None = Field(default=None, ge=1, le=9, description="how far | in paces")


class Walk(BaseModel):
    name: Text = Field(description="the walk's name")
    pace: Literal["slow", "brisk"] = Field(default="slow", description="how fast")
    steps: list[Step] = Field(min_length=1, description="the steps,\n in order")
    muddy: bool = Field(default=False, description="whether boots are needed")


def test_a_model_becomes_a_section_with_a_table_per_model():
    walks = DataFile("Walks", "`data/walks.yaml`", "Every walk.", Walk, None)
    section = data_files_doc.render((walks,)).split("## Walks\n", 1)[1]
    assert section == (
        "\n"
        "Where: `data/walks.yaml`.\n"
        "\n"
        "Every walk.\n"
        "\n"
        "| field | type | required | what it means |\n"
        "|---|---|---|---|\n"
        "| `name` | text | yes | The walk's name |\n"
        "| `pace` | one of `slow`, `brisk` | no (default `slow`) | How fast |\n"
        "| `steps` | list of Step (below), at least 1 | yes | The steps, in order |\n"
        "| `muddy` | `true` or `false` | no (default `false`) | Whether boots are needed |\n"
        "\n"
        "### Step: each item of `steps`\n"
        "\n"
        "One step of a walk.\n"
        "\n"
        "| field | type | required | what it means |\n"
        "|---|---|---|---|\n"
        "| `place` | key | yes | Where the step lands |\n"
        "| `paces` | whole number, 1 to 9 | no | How far \\| in paces |\n"
    )


def test_a_file_with_a_schema_links_to_it():
    facts = DataFile(
        "Facts", "`data/facts/*.yaml`", "Facts.", json_schemas.SCHEMAS["facts"], "facts"
    )
    page = data_files_doc.render((facts,))
    assert "Schema: [`schemas/facts.schema.json`](../schemas/facts.schema.json)." in page


def test_the_schemas_command_writes_the_page(tmp_path):
    result = run_build("schemas", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Wrote 8 schemas into schemas/ and docs/data-files.md\n"
    page = (tmp_path / "docs" / "data-files.md").read_text(encoding="utf-8")
    assert page == data_files_doc.render()
