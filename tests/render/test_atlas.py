"""The atlas on its engine case (tests/cases/atlas over the minimal case): the directory, the
map, the provinces, the rankings and their downloads agree with data/zones.csv and each other."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from microsite.build.builder import build
from microsite.inputs import content as site_content
from microsite.inputs.geo import contains
from microsite.inputs.project import Project
from tests.conftest import make_atlas_project, replace_in, run_build


@pytest.fixture(scope="module")
def atlas(tmp_path_factory) -> Path:
    root = make_atlas_project(tmp_path_factory.mktemp("atlas") / "project")
    build(root, root / "site")
    return root


def page(atlas: Path, path: str) -> str:
    return (atlas / "site" / path).read_text(encoding="utf-8")


def rows(html: str, table_class: str) -> list[str]:
    body = html.split(f'<table class="{table_class}')[1].split("</tbody>")[0]
    return re.findall(r"<tr[ >].*?</tr>", body.split("<tbody>")[1], re.S)


def test_the_directory_has_a_row_and_an_anchor_for_every_zone_withdrawn_included(atlas):
    directory = page(atlas, "zones/index.html")
    ids = re.findall(r'<tr id="([a-z0-9-]+)"', directory)
    assert sorted(ids) == ["beijing", "binhai-west", "tianjin", "tianjin-gone"]
    # Oldest approval first, the undated last.
    assert ids == ["tianjin", "beijing", "tianjin-gone", "binhai-west"]
    assert "3</span> zones listed of the" in directory and "plus 1 withdrawn" in directory


def test_the_directory_shows_every_grade_and_cautions_each_weak_row(atlas):
    directory = rows(page(atlas, "zones/index.html"), "zones")
    weak = next(row for row in directory if 'id="binhai-west"' in row)
    assert '<span class="caution-text">weak source</span>' in weak
    assert "Named only in an older list" in weak and "English name ours" in weak
    strong = next(row for row in directory if 'id="tianjin"' in row)
    assert "caution-text" not in strong and "English name ours" not in strong
    # Named by a V1 page, dated by a V3 one, ranked by a V1 and a V3 page: the date's grade
    # shows beside the date and beside its source, so V1 twice and V3 three times.
    beijing = next(row for row in directory if 'id="beijing"' in row)
    assert beijing.count(">V1</span>") == 2 and beijing.count(">V3</span>") == 3


def test_the_map_has_one_mark_per_zone_in_existence_and_none_for_the_withdrawn(atlas):
    directory = page(atlas, "zones/index.html")
    svg = directory.split("<svg")[1].split("</svg>")[0]
    assert svg.count("<circle") == 3
    for name in ("Tianjin ETDZ", "Beijing ETDZ", "Binhai West ETDZ"):
        assert svg.count(f"<title>{name} (") == 1
    assert "Tianjin Gone" not in svg
    assert 'href="#tianjin"' in svg  # a mark leads to its row


def test_every_mark_lies_inside_its_provinces_outline(atlas):
    content = site_content.read(Project(atlas))
    for zone in content.zones:
        outline = content.geo.outlines[zone.province.adcode]
        assert contains(outline, zone.place.lon, zone.place.lat), zone.id


def test_each_province_page_lists_its_zones_and_the_counts_agree(atlas):
    tianjin = rows(page(atlas, "provinces/tianjin/index.html"), "zones")
    beijing = rows(page(atlas, "provinces/beijing/index.html"), "zones")
    assert len(tianjin) == 3 and len(beijing) == 1
    assert "We list 2 national-level zones in Tianjin, and 1 withdrawn" in page(
        atlas, "provinces/tianjin/index.html"
    )
    index = page(atlas, "provinces/index.html")
    # The withdrawn zone is never counted among those in existence.
    assert re.findall(r'<span class="bar-value">at least (\d+)</span>', index) == ["2", "1"]
    assert "and 1 withdrawn" in index
    # The province map marks only the zones in existence.
    tianjin_map = page(atlas, "provinces/tianjin/index.html").split('class="province-map"')[1]
    assert tianjin_map.split("</svg>")[0].count("<circle") == 2


def test_a_zones_ranks_show_on_its_row_and_each_review_has_its_section(atlas):
    directory = rows(page(atlas, "zones/index.html"), "zones")
    tianjin = next(row for row in directory if 'id="tianjin"' in row)
    # A ranking is named by the year of the results it judged.
    assert "2017: 1</a>" in tianjin and "2020: 2</a>" in tianjin
    rankings = page(atlas, "rankings/index.html")
    assert 'id="results-2020"' in rankings and 'id="results-2017"' in rankings
    assert rankings.index('id="results-2020"') < rankings.index('id="results-2017"')
    assert "We found places 1 and 4." in rankings
    assert "We found place 2, and one zone only as in the top 30, unordered." in rankings
    # Placed in the top ten twice, Tianjin leads the chart; Beijing's "top 30" is not a place.
    assert (
        "Tianjin ETDZ was in the top ten of 2 of the 2 rankings we found "
        "(one of them known only from a weak source)"
    ) in rankings
    weak = rankings.split('id="results-2020"')[1].split("</section>")[0]
    assert "Caution:" in weak
    assert "Caution:" not in rankings.split('id="results-2017"')[1]


def test_the_zones_and_ranks_download_as_csv_and_json_in_the_data_package(atlas):
    data = atlas / "site" / "data"
    zones = list(csv.DictReader(io.StringIO((data / "zones.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in zones] == ["tianjin", "beijing", "binhai-west", "tianjin-gone"]
    gone = zones[-1]
    assert gone["status"] == "withdrawn" and gone["withdrawn"] == "2020-01"
    assert zones[0]["province_en"] == "Tianjin" and zones[0]["wave"] == "1984-88"
    assert zones[0]["longitude"] == "117.7" and zones[2]["level"] == "V3"
    assert json.loads((data / "zones.json").read_text(encoding="utf-8"))[1]["name_en"] == (
        "Beijing ETDZ"
    )
    ranks = list(csv.DictReader(io.StringIO((data / "rankings.csv").read_text(encoding="utf-8"))))
    assert [(r["review_year"], r["rank"], r["zone_id"]) for r in ranks] == [
        ("2018", "1", "tianjin"),
        ("2018", "4", "beijing"),
        ("2021", "2", "tianjin"),
        ("2021", "top30", "beijing"),
    ]
    listed = page(atlas, "data/index.html")
    for name in ("zones.csv", "zones.json", "rankings.csv", "rankings.json"):
        assert f'href="{name}" download>{name}</a>' in listed, name
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    names = [resource["name"] for resource in package["resources"]]
    assert "zones" in names and "rankings" in names


def test_a_province_with_one_zone_says_zone_and_one_with_none_left_says_so(
    atlas, atlas_project, tmp_path
):
    beijing = page(atlas, "provinces/beijing/index.html")
    assert "We list 1 national-level zone in Beijing." in beijing
    assert '<meta name="description" content="The 1 national-level zone we list in' in beijing
    assert "The 1 national-level zone we list in Beijing</title>" in beijing
    # Beijing's one zone withdrawn: its page says so and draws no empty map.
    replace_in(atlas_project / "data/zones.csv", "V3,confirmed,,,", "V3,withdrawn,2023-05,,")
    build(atlas_project, tmp_path / "site")
    emptied = (tmp_path / "site/provinces/beijing/index.html").read_text(encoding="utf-8")
    assert "We list no national-level zone in Beijing today: the one below was withdrawn." in (
        emptied
    )
    assert 'class="province-map"' not in emptied and "within China</title>" in emptied
    index = (tmp_path / "site/provinces/index.html").read_text(encoding="utf-8")
    assert 'Zones we list only as withdrawn: <a href="beijing/">Beijing</a>.' in index


def test_the_atlas_pages_must_live_where_its_links_lead(atlas_project):
    replace_in(atlas_project / "content/pages/zones.md", "slug: zones", "slug: directory")
    (atlas_project / "content/pages/rankings.md").unlink()
    result = run_build("check", cwd=atlas_project)
    assert result.returncode == 1
    assert (
        "content/pages/zones.md:5: a page with layout: zones lives at /zones/, not /directory/\n"
        "  hint: write slug: zones: the map, the province pages and search link there"
    ) in result.stdout + result.stderr
    assert (
        "data/rankings.csv: data/rankings.csv has no page to show it\n"
        "  hint: add content/pages/rankings.md with layout: rankings and slug: rankings"
    ) in result.stdout + result.stderr
