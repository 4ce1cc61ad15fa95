"""Downloads: every fact and chart as CSV and JSON, described by a data package that the
Frictionless validator accepts, and that rejects data breaking its own schema. On the minimal
case; tests/test_content.py validates the real site's package."""

import csv
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import validate

from microsite.build import builder
from microsite.inputs import content
from microsite.inputs.project import Project
from tests.built_site import package_problems
from tests.conftest import MINIMAL, replace_in


@pytest.fixture(scope="module")
def minimal(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("open-minimal") / "site"
    builder.build(MINIMAL, out)
    return out


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_data_package_validates(minimal):
    assert package_problems(minimal) == []
    package = json.loads((minimal / "data/datapackage.json").read_text())
    assert {resource["path"] for resource in package["resources"]} == {
        "facts.csv",
        "sources.csv",
        "units.csv",
        "charts/gdp.csv",
        "charts/zones_count.csv",
    }


def test_the_package_names_units_sources_and_licence(minimal):
    package = json.loads((minimal / "data/datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    assert facts["licenses"] == package["licenses"]
    assert {"unit", "sources", "reliability"} <= {f["name"] for f in facts["schema"]["fields"]}
    assert facts["schema"]["foreignKeys"][0]["reference"]["resource"] == "units"
    cited = {s["path"] for s in facts["sources"]}
    assert cited == {
        "https://example.org/zones-2025",
        "https://example.net/repost",
        "https://example.com/weak",
    }
    units = {row["code"]: row for row in rows(minimal / "data/units.csv")}
    assert units["yuan_trillion"]["label"] == "trillion yuan"


def test_a_package_whose_data_breaks_its_schema_is_refused(minimal, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(minimal, broken)
    facts = broken / "data/facts.csv"
    facts.write_text(facts.read_text().replace(",count,", ",head_count,", 1))
    report = validate(broken / "data/datapackage.json")
    assert not report.valid
    assert any("foreign" in problem.lower() for problem in package_problems(broken))
    assert any(e.type == "foreign-key" for task in report.tasks for e in task.errors)


def test_facts_csv_and_json_hold_every_fact_as_in_the_data(minimal):
    site = content.read(Project(MINIMAL))
    table = {row["key"]: row for row in rows(minimal / "data/facts.csv")}
    records = json.loads((minimal / "data/facts.json").read_text())["facts"]
    assert set(table) == set(site.facts) == {record["key"] for record in records}
    gdp = site.facts["gdp_2024"]
    assert Decimal(table["gdp_2024"]["value"]) == gdp.value == Decimal("16.9")
    assert table["gdp_2024"]["unit"] == "yuan_trillion"
    assert table["gdp_2024"]["period"] == "2024"
    assert table["gdp_2024"]["sources"].split("; ") == ["official_2025"]
    assert table["gdp_2024"]["url"] == "https://test.example/zones/facts/#gdp_2024"
    record = next(r for r in records if r["key"] == "gdp_2024")
    assert record["value"] == 16.9 and record["as_written"] == "16.9 trillion yuan"
    assert record["sources"][0]["url"].startswith("http")
    derived = table["gdp_share_2024_calc"]
    assert derived["calculated_by_site"] == "yes"
    assert derived["formula"] == "gdp_2024 / national_gdp_2024 * 100"
    assert derived["value"] == "12.5"  # 16.9 / 134.9 * 100 = 12.53, to one decimal
    assert table["gdp_2024"]["calculated_by_site"] == "no"


def test_each_charts_csv_and_json_hold_the_points_it_plots(minimal):
    site = content.read(Project(MINIMAL))
    assert set(site.charts) == {"gdp", "zones_count"}
    for key, chart in site.charts.items():
        table = rows(minimal / f"data/charts/{key}.csv")
        data = json.loads((minimal / f"data/charts/{key}.json").read_text())
        plotted = [(t.name, p.key) for t in chart.traces for p in t.series.points]
        assert [(row["series"], row["fact"]) for row in table] == plotted
        assert [
            (series["name"], point["key"])
            for series in data["series"]
            for point in series["points"]
        ] == plotted
        assert all(row["sources"] for row in table), key


def test_the_minimal_corrections_travel_with_the_fact(minimal):
    records = json.loads((minimal / "data/facts.json").read_text())["facts"]
    corrected = next(r for r in records if r["key"] == "zones_2023")
    assert corrected["value"] == 229
    assert corrected["corrections"] == [
        {"date": "2025-08-01", "old_value": 228, "reason": "The ministry's release was misread."}
    ]


def test_the_zones_a_figure_covers_travel_with_it(project, tmp_path):
    replace_in(
        project / "data/facts/economy.yaml",
        "    short_label: Zone GDP\n",
        "    short_label: Zone GDP\n    covers: zones_2024\n",
    )
    out = tmp_path / "site"
    builder.build(project, out)
    [gdp] = [row for row in rows(out / "data/facts.csv") if row["key"] == "gdp_2024"]
    assert gdp["covers"] == "zones_2024"
    [point] = rows(out / "data/charts/gdp.csv")
    assert (point["fact"], point["zones_covered"]) == ("gdp_2024", "232")
    records = json.loads((out / "data/facts.json").read_text())["facts"]
    assert next(r for r in records if r["key"] == "gdp_2024")["covers"] == "zones_2024"
    assert validate(out / "data/datapackage.json").valid


def test_every_download_is_one_click_from_the_data_page(minimal):
    page = (minimal / "data/index.html").read_text()
    links = set(re.findall(r'href="([^"]+)" download', page))
    published = {
        p.relative_to(minimal / "data").as_posix()
        for p in (minimal / "data").rglob("*")
        if p.suffix in {".csv", ".json"}
    }
    assert links == published
