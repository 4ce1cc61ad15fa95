"""Every field an editor can write is documented, and the committed JSON Schemas are current."""

import pytest
from pydantic import BaseModel

from microsite.inputs import json_schemas
from tests.conftest import REPO


def models(model: type[BaseModel], seen: set | None = None) -> set[type[BaseModel]]:
    """A model and every model nested in its fields."""
    seen = set() if seen is None else seen
    seen.add(model)
    for info in model.model_fields.values():
        for inner in _nested(info.annotation):
            if inner not in seen:
                models(inner, seen)
    return seen


def _nested(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _nested(arg)]


ALL_MODELS = sorted(
    {m for root in json_schemas.SCHEMAS.values() for m in models(root)}, key=lambda m: m.__name__
)


def test_the_schemas_cover_nested_models():
    assert {m.__name__ for m in ALL_MODELS} >= {
        "FactEntry",
        "Source",
        "ChartEntry",
        "TraceEntry",
        "GapEntry",
        "SeriesEntry",
        "FrontMatter",
    }


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_description(model):
    undocumented = [name for name, info in model.model_fields.items() if not info.description]
    assert undocumented == []


def test_committed_schemas_match_the_models():
    folder = REPO / "schemas"
    for name, text in json_schemas.documents().items():
        assert (folder / name).read_text() == text, f"run: python build.py schemas ({name})"


def test_every_data_file_names_its_schema():
    checked = 0
    for path in sorted((REPO / "data").rglob("*.yaml")):
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), f"{path} names {target}, which does not exist"
        checked += 1
    assert checked > 0
