from microsite.inputs.zones import load_zones

HEADER = "name_zh,name_en,province,city,approved,source_url,reliability,note\n"
GOOD = (
    "大连经济技术开发区,Dalian ETDZ,辽宁 Liaoning,大连 Dalian,1984-1988,https://example.org/a,V1,\n"
)


def write(tmp_path, text):
    path = tmp_path / "zones.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_rows_and_marks_the_first_batch(tmp_path, errors):
    zones = load_zones(
        write(
            tmp_path,
            HEADER
            + GOOD
            + GOOD.replace("1984-1988", "1992-1993")
            + GOOD.replace("1984-1988", "1986")
            + GOOD.replace("1984-1988", ""),
        ),
        errors,
    )
    assert errors.errors == []
    assert [zone.first_batch for zone in zones] == [True, False, True, False]
    assert [zone.approved_text for zone in zones] == ["1984–1988", "1992–1993", "1986", "not given"]
    assert [zone.batch for zone in zones] == ["First batch", "Second batch", "First batch", ""]
    assert zones[0].source_host == "example.org"


def test_a_bad_row_is_reported_at_its_line(tmp_path, errors):
    bad = GOOD.replace("V1", "V4").replace("https://example.org/a", "example.org")
    load_zones(write(tmp_path, HEADER + GOOD + bad), errors)
    found = [str(error) for error in errors.errors]
    assert found[0].startswith("zones.csv:3: source_url: Input should be a valid URL")
    assert found[1] == "zones.csv:3: reliability 'V4' is not a grade\n  hint: did you mean 'V3'?"


def test_wrong_columns_are_named(tmp_path, errors):
    load_zones(write(tmp_path, "name,province\nx,y\n"), errors)
    assert [str(error) for error in errors.errors] == [
        "zones.csv:1: the columns are ['name', 'province']\n"
        "  hint: the first line must name these columns: "
        "name_zh,name_en,province,city,approved,source_url,reliability,note"
    ]


def test_an_unquoted_comma_is_caught(tmp_path, errors):
    load_zones(write(tmp_path, HEADER + GOOD.replace(",\n", ",a note, with a comma\n")), errors)
    assert [str(error) for error in errors.errors] == [
        "zones.csv:2: this row has more cells than there are columns\n"
        "  hint: quote any cell that contains a comma"
    ]
