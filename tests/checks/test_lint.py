import datetime

from microsite.checks import lint
from microsite.errors import ErrorCollector
from microsite.inputs import content
from microsite.inputs.project import Project
from tests.conftest import replace_in


def warnings(project, today=datetime.date(2026, 1, 1)) -> list[str]:
    errors = ErrorCollector(project)
    lint.lint(content.read(Project(project)), errors, today)
    return [str(warning) for warning in errors.warnings]


def test_the_minimal_case_has_no_warnings(project):
    assert warnings(project) == []


def test_typed_numbers_outside_references_code_and_links(project):
    story = project / "content/stories/growth.md"
    replace_in(
        story,
        "A forum once counted",
        "In 2019 a forum, [see](https://x.org/2019), `code 5`, V1, G20 and <!-- 2020 --> "
        "once counted",
    )
    found = [w.split("\n")[0] for w in warnings(project)]
    assert found == ["content/stories/growth.md:12:4: warning: number '2019' typed into the text"]


def test_a_fenced_code_block_is_not_prose(project):
    story = project / "content/stories/growth.md"
    story.write_text(story.read_text() + "\n```\nvalue: 16.9\n```\n")
    assert not any("16.9" in w for w in warnings(project))


def test_unused_fact(project):
    replace_in(project / "content/stories/growth.md", "[[rumoured_2021]]", "a number")
    assert warnings(project)[0] == (
        "data/facts/zones.yaml:28: warning: fact 'rumoured_2021' is not used on any page\n"
        "  hint: cite it with [[rumoured_2021]], draw it in a chart, or remove it"
    )


def test_inputs_of_a_used_derived_fact_count_as_used(project):
    site = content.read(Project(project))
    assert "national_gdp_2024" in lint.used_facts(site)


def test_a_fact_past_its_review_date(project):
    replace_in(
        project / "data/facts/economy.yaml",
        "    sources: [official_2025]\n",
        '    sources: [official_2025]\n    review_by: "2025-12-31"\n',
    )
    assert (
        "data/facts/economy.yaml:4: warning: fact 'gdp_2024' was due for review by "
        "31 December 2025\n  hint: check the figure against its source, then move review_by on"
    ) in warnings(project, today=datetime.date(2026, 1, 1))
    assert not any(
        "due for review" in w for w in warnings(project, today=datetime.date(2025, 12, 31))
    )


def test_two_stories_with_the_same_order_get_a_warning(project):
    story = (project / "content/stories/growth.md").read_text()
    second = story.replace("slug: how-the-zones-grew", "slug: a-second-story")
    (project / "content/stories/second.md").write_text(second)
    assert warnings(project) == [
        "content/stories/second.md:6: warning: order: 1 is also the order of "
        "content/stories/growth.md\n"
        "  hint: give each story its own order: 1 comes first in the list of stories"
    ]
    # A story that gives no order takes no place of its own.
    (project / "content/stories/second.md").write_text(second.replace("order: 1\n", ""))
    assert warnings(project) == []


def test_a_change_of_a_year_is_named_where_it_is_written(project):
    replace_in(
        project / "content/stories/growth.md", "in [[first_year]]", "in [[first_year.change]]"
    )
    assert (
        "content/stories/growth.md:8:26: warning: [[first_year.change]] asks for a change, but"
        " 'first_year' is a year\n  hint: write [[first_year]] for the year; .change suits a"
        " figure that rises or falls"
    ) in warnings(project)
