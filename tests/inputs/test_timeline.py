"""data/timeline.yaml: read in date order, and every problem told at its line with its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from microsite.errors import ErrorCollector
from microsite.inputs.declared import Declared
from microsite.inputs.timeline import EMPTY, Piece, check_timeline, load_timeline

GOOD = """\
events:
  - date: "1984"
    title: The first zone opens, in Dalian
    sources: [official_2025]
    zones: [dalian]

  - date: "1984/1988"
    title: "[[first_year]] brings the first of a batch"
    text: It ends in [[literal:1988]].
    sources: [official_2025, weak_2021]

  - date: "2024-10-27"
    title: Four zones are upgraded
    sources: [repost_2024]
"""
SOURCES = {"official_2025", "repost_2024", "weak_2021"}
FACTS = Declared.of({"first_year", "zones_2024"})


@pytest.fixture
def timeline_file(tmp_path: Path):
    def write(text: str) -> Path:
        path = tmp_path / "data" / "timeline.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


def messages(errors: ErrorCollector) -> list[str]:
    return [str(error) for error in errors.errors]


def test_events_are_read_in_order_with_their_fields(timeline_file, errors):
    timeline = load_timeline(timeline_file(GOOD), errors)
    assert messages(errors) == []
    assert timeline.path == "data/timeline.yaml"
    assert [event.date for event in timeline.events] == ["1984", "1984/1988", "2024-10-27"]
    first, batch, last = timeline.events
    assert first.zones == ("dalian",) and first.text == "" and first.line == 2
    assert batch.sources == ("official_2025", "weak_2021")
    assert batch.date_parts == (("1984", "1984"), ("1988", "1988"))
    assert last.date_text == "27 October 2024"
    assert batch.facts == ("first_year",)
    assert batch.title_pieces == (
        Piece("fact", "first_year"),
        Piece("text", " brings the first of a batch"),
    )
    assert batch.text_pieces == (
        Piece("text", "It ends in "),
        Piece("literal", "1988"),
        Piece("text", "."),
    )


def test_a_missing_file_is_an_empty_timeline(tmp_path, errors):
    assert load_timeline(tmp_path / "timeline.yaml", errors) is EMPTY
    assert messages(errors) == []


def test_a_known_source_fact_and_zone_pass_the_check(timeline_file, errors):
    timeline = load_timeline(timeline_file(GOOD), errors)
    check_timeline(timeline, SOURCES, FACTS, {"dalian"}, errors)
    assert messages(errors) == []


def test_an_unknown_source_is_named_with_the_nearest_key(timeline_file, errors):
    timeline = load_timeline(timeline_file(GOOD.replace("[repost_2024]", "[repost_2042]")), errors)
    check_timeline(timeline, SOURCES, FACTS, [], errors)
    assert messages(errors) == [
        "data/timeline.yaml:14: event on line 12 (27 October 2024): source 'repost_2042' is "
        "not in data/sources.yaml\n  hint: did you mean 'repost_2024'?"
    ]


def test_an_unknown_fact_is_reported_at_its_field(timeline_file, errors):
    timeline = load_timeline(
        timeline_file(GOOD.replace("[[first_year]]", "[[frist_year]]")), errors
    )
    check_timeline(timeline, SOURCES, FACTS, [], errors)
    assert messages(errors) == [
        "data/timeline.yaml:8: event on line 7 (1984–1988): unknown fact 'frist_year'\n"
        "  hint: did you mean 'first_year'?"
    ]


def test_an_unknown_zone_id_is_an_error_where_there_is_a_zone_list(timeline_file, errors):
    timeline = load_timeline(timeline_file(GOOD.replace("[dalian]", "[dalain]")), errors)
    check_timeline(timeline, SOURCES, FACTS, {"dalian"}, errors)
    assert messages(errors) == [
        "data/timeline.yaml:5: event on line 2 (1984): no zone has the id 'dalain'\n"
        "  hint: did you mean 'dalian'? (ids are in the `id` column of data/zones.csv)"
    ]


def test_zone_ids_are_not_checked_without_a_readable_zone_list(timeline_file, errors):
    # No data/zones.csv, or one with problems of its own, reported there instead.
    timeline = load_timeline(timeline_file(GOOD.replace("[dalian]", "[dalain]")), errors)
    check_timeline(timeline, SOURCES, FACTS, set(), errors)
    assert messages(errors) == []


def test_events_out_of_date_order_are_an_error(timeline_file, errors):
    swapped = GOOD.replace('date: "2024-10-27"', 'date: "1983"')
    load_timeline(timeline_file(swapped), errors)
    assert messages(errors) == [
        "data/timeline.yaml:12: event on line 12 (1983) comes before the event above it "
        "(1984–1988, line 7)\n"
        "  hint: list the events earliest first: move it above that one. Events sort by the "
        "last day their date covers: 2024-10-27 before 2024, 1984 before 1984/1988"
    ]


def test_a_year_sorts_after_a_day_of_that_year(timeline_file, errors):
    later = GOOD + '\n  - date: "2024"\n    title: The count for the year\n    sources: [a]\n'
    timeline = load_timeline(timeline_file(later), errors)
    assert messages(errors) == []
    assert [event.date for event in timeline.events][-2:] == ["2024-10-27", "2024"]


def test_a_number_typed_into_the_text_is_an_error(timeline_file, errors):
    load_timeline(timeline_file(GOOD.replace("Four zones", "4 zones")), errors)
    assert messages(errors) == [
        "data/timeline.yaml:13: event on line 12 (27 October 2024): title: number '4' typed "
        "into the text\n  hint: cite a fact with [[fact_key]], or mark it as meant with "
        "[[literal:4]]"
    ]


def test_a_chart_or_a_facts_part_cannot_be_cited(timeline_file, errors):
    load_timeline(timeline_file(GOOD.replace("[[first_year]]", "[[first_year.period]]")), errors)
    assert messages(errors) == [
        "data/timeline.yaml:8: event on line 7 (1984–1988): title: [[first_year.period]] cannot "
        "be used in the timeline\n  hint: cite a fact's value as [[fact_key]], or mark a number "
        "as meant with [[literal:2020]]"
    ]


def test_a_wrong_date_names_the_event_and_the_forms_allowed(timeline_file, errors):
    assert load_timeline(timeline_file(GOOD.replace('"1984"', '"1984-13"')), errors).events
    assert messages(errors) == [
        "data/timeline.yaml:2:5: event on line 2: date: period '1984-13' is not a real date "
        "(found '1984-13')\n  hint: date: when it happened, as precisely as the source says, "
        'quoted: "1984", "2020-01", "2024-10-27", or a span such as "1984/1988"'
    ]


def test_an_event_without_sources_is_told_to_add_them(timeline_file, errors):
    load_timeline(timeline_file(GOOD.replace("    sources: [repost_2024]\n", "")), errors)
    assert messages(errors) == [
        "data/timeline.yaml:12:5: event on line 12: sources: required field is missing\n"
        "  hint: sources: keys of data/sources.yaml the date was read on: [key, key]"
    ]


def test_a_misspelt_field_gets_the_nearest_name(timeline_file, errors):
    load_timeline(timeline_file(GOOD.replace("    zones: [dalian]", "    zone: [dalian]")), errors)
    assert messages(errors) == [
        "data/timeline.yaml:5:5: event on line 2: zone: unknown field\n"
        "  hint: did you mean 'zones'?"
    ]


def test_an_event_that_is_not_fields_is_told_how_to_write_one(timeline_file, errors):
    load_timeline(timeline_file(GOOD + "  - Dalian opens\n"), errors)
    assert messages(errors) == [
        "data/timeline.yaml:15: event on line 15: expected fields (name: value), found "
        "'Dalian opens'\n  hint: write each event as a list item of fields: - date: ... then "
        "title:, sources:"
    ]


def test_bad_yaml_is_reported_at_its_line(timeline_file, errors):
    assert load_timeline(timeline_file("events:\n  - date: [1984\n"), errors) is EMPTY
    assert len(errors.errors) == 1
    assert errors.errors[0].path == "data/timeline.yaml"
    assert errors.errors[0].message.startswith("YAML syntax error")
