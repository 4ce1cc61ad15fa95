"""JSON Schemas of the data files, exported from the models, for editors' completion and checks."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from microsite.inputs.charts import ChartFile
from microsite.inputs.fact_file import FactFile
from microsite.inputs.narratives import FrontMatter, TranslatedFrontMatter
from microsite.inputs.project import Settings
from microsite.inputs.series import SeriesFile
from microsite.inputs.sources import SourceFile
from microsite.inputs.timeline import TimelineFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "facts": FactFile,
    "sources": SourceFile,
    "series": SeriesFile,
    "charts": ChartFile,
    "site": Settings,
    "front-matter": FrontMatter,
    "translated-front-matter": TranslatedFrontMatter,
    "timeline": TimelineFile,
}


def file_name(name: str) -> str:
    """The file in schemas/ that holds the schema of SCHEMAS[name]."""
    return f"{name}.schema.json"


def documents() -> dict[str, str]:
    """File name -> JSON text of each schema, stable from run to run."""
    return {
        file_name(name): json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        for name, model in SCHEMAS.items()
    }


def export(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in documents().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
