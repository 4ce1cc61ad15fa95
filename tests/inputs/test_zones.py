from microsite.inputs.geo import load_geo
from microsite.inputs.rankings import load_rankings
from microsite.inputs.zones import COLUMNS, load_zones
from tests.conftest import ATLAS, GEO

HEADER = ",".join(COLUMNS) + "\n"
GOOD = (
    "tianjin,天津经济技术开发区,Tianjin ETDZ,source,天津,天津(滨海),1984-12,"
    "https://example.org/a,V1,https://example.org/a,V1,confirmed,,,,\n"
)


def write(tmp_path, text, name="zones.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path, errors, text):
    return load_zones(write(tmp_path, text), load_geo(GEO, errors), errors)


def test_reads_the_case_and_places_each_zone_in_its_province(errors):
    zones = load_zones(ATLAS / "data/zones.csv", load_geo(GEO, errors), errors)
    assert errors.errors == []
    assert [zone.id for zone in zones] == ["tianjin", "beijing", "binhai-west", "tianjin-gone"]
    assert [zone.province.name_en for zone in zones] == ["Tianjin", "Beijing", "Tianjin", "Tianjin"]
    assert zones[0].place.name == "滨海新区"
    assert [zone.wave.key for zone in zones] == ["1984-88", "other", "undated", "2009-14"]
    assert [zone.withdrawn for zone in zones] == [False, False, False, True]
    assert zones[0].approved_text == "December 1984" and zones[2].approved_text == "not found"
    assert zones[3].withdrawn_text == "January 2020"
    assert zones[0].other_sources == ("https://example.org/also", "https://example.net/again")
    assert zones[2].weak and not zones[0].weak


def test_a_bad_row_is_reported_at_its_line(tmp_path, errors):
    bad = GOOD.replace("tianjin,", "tianjin-2,").replace(",V1,", ",V4,", 1)
    read(
        tmp_path, errors, HEADER + GOOD + bad.replace("https://example.org/a,V4", "example.org,V4")
    )
    found = [str(error) for error in errors.errors]
    assert found[0].startswith("zones.csv:3: source_url: Input should be a valid URL")
    assert found[1] == (
        "zones.csv:3: level 'V4' is not an allowed level\n  hint: did you mean 'V3'?"
    )


def test_status_and_withdrawal_month_must_agree(tmp_path, errors):
    read(tmp_path, errors, HEADER + GOOD.replace("confirmed,,", "withdrawn,,"))
    assert "status is withdrawn or reported-withdrawn exactly when the withdrawn column" in str(
        errors.errors[0]
    )
    assert str(errors.errors[0]).startswith("zones.csv:2:")


def test_an_unknown_province_or_city_is_named_with_the_fix(tmp_path, errors):
    text = HEADER + GOOD.replace(",天津,天津(滨海)", ",天津市,天津(滨海)")
    text += GOOD.replace("tianjin,", "other,").replace("天津经济", "别的经济")
    text = text.replace(
        "other,别的经济技术开发区,Tianjin ETDZ,source,天津,天津(滨海)",
        "other,别的经济技术开发区,Tianjin ETDZ,source,天津,塘沽",
    )
    read(tmp_path, errors, text)
    assert [str(error) for error in errors.errors] == [
        "zones.csv:2: province '天津市' is not in data/geo/provinces.csv\n"
        "  hint: did you mean '天津'?",
        "zones.csv:3: city '塘沽' in 天津 has no point in data/geo/places.csv\n"
        "  hint: add a row for it there (python tools/geo_places.py finds its coordinates), "
        "or correct the city",
    ]


def test_an_id_or_name_given_twice_is_refused(tmp_path, errors):
    read(tmp_path, errors, HEADER + GOOD + GOOD)
    assert [str(error).split("\n")[0] for error in errors.errors] == [
        "zones.csv:3: id 'tianjin' is already used on line 2",
        "zones.csv:3: name_zh '天津经济技术开发区' is already used on line 2",
    ]


def test_zones_without_map_data_are_refused(tmp_path, errors):
    load_zones(write(tmp_path, HEADER + GOOD), load_geo(tmp_path / "no-geo", errors), errors)
    assert "data/geo/provinces.csv is missing" in str(errors.errors[0])


def test_wrong_columns_are_named(tmp_path, errors):
    read(tmp_path, errors, "name,province\nx,y\n")
    assert str(errors.errors[0]).startswith(
        "zones.csv:1: the columns are ['name', 'province']\n"
        "  hint: the first line must name these columns: id,name_zh,name_en,"
    )


def test_a_zero_byte_is_refused_at_its_line(tmp_path, errors):
    read(tmp_path, errors, HEADER + GOOD + GOOD.replace("Tianjin ETDZ", "Tianjin\x00ETDZ"))
    assert [str(error) for error in errors.errors] == [
        "zones.csv:3: this line holds a NUL character (a zero byte), which a text file never"
        " does\n  hint: delete it, or save the file again as plain UTF-8 text"
    ]


def test_an_unquoted_comma_is_caught(tmp_path, errors):
    read(tmp_path, errors, HEADER + GOOD.replace(",\n", ",a note, with a comma\n"))
    assert [str(error) for error in errors.errors] == [
        "zones.csv:2: this row has more cells than there are columns\n"
        "  hint: quote any cell that contains a comma"
    ]


def test_ranks_join_their_zones_by_chinese_name(tmp_path, errors):
    zones = load_zones(ATLAS / "data/zones.csv", load_geo(GEO, errors), errors)
    ranks = load_rankings(ATLAS / "data/rankings.csv", zones, errors)
    assert errors.errors == []
    assert [(r.row.review_year, r.rank_text, r.zone.id) for r in ranks] == [
        (2018, "1", "tianjin"),
        (2018, "4", "beijing"),
        (2021, "2", "tianjin"),
        (2021, "top 30", "beijing"),
    ]


def test_a_rank_for_an_unknown_zone_or_ranked_twice_is_refused(tmp_path, errors):
    zones = load_zones(ATLAS / "data/zones.csv", load_geo(GEO, errors), errors)
    text = (ATLAS / "data/rankings.csv").read_text(encoding="utf-8")
    text += "2018,2017,219,9,天津经济技术开发去,,https://example.org/r,V1,\n"
    text += "2018,2017,219,3,天津经济技术开发区,,https://example.org/r,V1,\n"
    text += "2019,2018,219,first,北京经济技术开发区,,https://example.org/r,V1,\n"
    text += "2019,2017,230,4,滨海西经济技术开发区,,https://example.org/r,V1,\n"
    load_rankings(write(tmp_path, text, "rankings.csv"), zones, errors)
    found = [str(error) for error in errors.errors]
    # Each row is checked as it is read, then the rows of a year together, then each is
    # joined to its zone.
    assert found[0].startswith(
        "rankings.csv:8: rank is 'first': write the place, 2, "
        "or top30 where the source says only that the zone was in the top 30"
    )
    assert found[1].startswith(
        "rankings.csv:7: the results of 2017 name 天津经济技术开发区 twice\n"
    )
    assert found[2:5] == [
        "rankings.csv:9: review_year is 2019 here but 2018 on line 2, for the same results of "
        "2017\n  hint: one year's results are ranked in one review: give its rows the same value",
        "rankings.csv:9: zones_evaluated is 230 here but 219 on line 2, for the same results of "
        "2017\n  hint: one year's results are ranked in one review: give its rows the same value",
        "rankings.csv:9: the results of 2017 name 4 twice\n  hint: line 3 has it too: keep one row",
    ]
    assert found[5] == (
        "rankings.csv:6: '天津经济技术开发去' is not a zone in data/zones.csv\n"
        "  hint: did you mean '天津经济技术开发区'?"
    )


def test_a_zone_row_with_a_problem_is_reported_once_not_by_each_rank(tmp_path, errors):
    from microsite.errors import BuildFailed
    from microsite.inputs import content
    from microsite.inputs.project import Project
    from tests.conftest import make_atlas_project

    root = make_atlas_project(tmp_path / "project")
    path = root / "data/zones.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",V1,", ",V4,", 1), encoding="utf-8")
    try:
        content.read(Project(root))
    except BuildFailed as failed:
        found = [str(error) for error in failed.errors]
    assert len(found) == 1 and found[0].startswith("data/zones.csv:2: level 'V4'")


def test_impossible_dates_and_short_rows_are_named(tmp_path, errors):
    month = GOOD.replace("1984-12", "1986-13")
    day = (
        GOOD.replace("tianjin,", "t2,")
        .replace("天津经济", "甲经济")
        .replace("1984-12", "1986-02-30")
    )
    short = "t3,乙经济技术开发区,Yi ETDZ,ours,天津\n"
    read(tmp_path, errors, HEADER + month + day + short)
    assert [str(error).split("\n")[0] for error in errors.errors] == [
        "zones.csv:2: approved: not a real date: check the month and the day (found '1986-13')",
        "zones.csv:3: approved: not a real date: check the month and the day (found '1986-02-30')",
        "zones.csv:4: this row has 5 cells, and the first line names 16 columns",
    ]
