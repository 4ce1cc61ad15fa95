import pytest

from microsite.errors import BuildFailed
from microsite.inputs import content
from microsite.inputs.project import Project
from tests.conftest import replace_in


def failure(project) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        content.read(Project(project))
    return [str(error) for error in caught.value.errors]


def test_front_matter_is_read(project):
    site = content.read(Project(project))
    story = site.stories[0]
    assert story.meta.slug == "how-the-zones-grew"
    assert story.body_line == 8


def test_unknown_fact_is_reported_at_its_line_and_column(project):
    replace_in(project / "content/stories/growth.md", "[[gdp_2024]]", "[[gdp_2042]]")
    assert failure(project) == [
        "content/stories/growth.md:9:1: unknown fact 'gdp_2042'\n  hint: did you mean 'gdp_2024'?"
    ]


def test_unknown_part_and_malformed_reference(project):
    replace_in(project / "content/stories/growth.md", "[[first_year]]", "[[first_year.perod]]")
    replace_in(project / "content/stories/growth.md", "A forum", "A [[Forum!]]")
    found = failure(project)
    assert found[0].startswith(
        "content/stories/growth.md:8:26: [[first_year.perod]] asks for 'perod'"
    )
    assert "did you mean 'period'?" in found[0]
    assert found[1] == (
        "content/stories/growth.md:12:3: [[Forum!]] is not a reference\n"
        "  hint: write [[fact_key]], [[fact_key.period]], [[chart:key]] or [[literal:text]]"
    )


def test_chart_must_stand_alone(project):
    replace_in(
        project / "content/stories/growth.md", "[[chart:zones_count]]", "See [[chart:zones_count]]"
    )
    assert failure(project) == [
        "content/stories/growth.md:14:5: chart 'zones_count' must stand on a line of its own\n"
        "  hint: put [[chart:...]] alone on its line, with blank lines around it"
    ]


def test_unknown_chart(project):
    replace_in(project / "content/stories/growth.md", "[[chart:gdp]]", "[[chart:gpd]]")
    assert failure(project) == [
        "content/stories/growth.md:19:1: unknown chart 'gpd'\n  hint: did you mean 'gdp'?"
    ]


def test_missing_front_matter_field(project):
    replace_in(project / "content/stories/growth.md", "slug: how-the-zones-grew\n", "")
    assert failure(project) == [
        "content/stories/growth.md:2:1: slug: required field is missing\n"
        "  hint: slug: the page's address: lower case words joined by hyphens"
    ]


def test_a_date_that_is_not_a_day_is_refused_in_the_editors_words(project):
    replace_in(project / "content/stories/growth.md", 'date: "2025-07-17"', 'date: "1984/1988"')
    assert failure(project) == [
        "content/stories/growth.md:4:1: date '1984/1988' is not a date: a story's date is the day "
        'it was published, written as "2025-07-20"\n'
        '  hint: date: the day it was published, in quotes, year-month-day: "2025-07-20"'
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('"2025"', "'2025'"),
        ("2025", "2025"),
        ('"2025-07"', "'2025-07'"),
        ('"2025-07-17/2025-07-18"', "'2025-07-17/2025-07-18'"),
        ('"2025-02-30"', "'2025-02-30'"),
        ('"17 July 2025"', "'17 July 2025'"),
        ('"2025-7-17"', "'2025-7-17'"),
    ],
)
def test_a_story_date_is_one_real_day(project, written, shown):
    replace_in(project / "content/stories/growth.md", 'date: "2025-07-17"', f"date: {written}")
    assert failure(project)[0].startswith(
        f"content/stories/growth.md:4:1: date {shown} is not a date: a story's date is the day"
    )


@pytest.mark.parametrize("written", ["", '""'])
def test_an_empty_story_date_is_called_empty(project, written):
    replace_in(project / "content/stories/growth.md", 'date: "2025-07-17"', f"date: {written}")
    assert failure(project)[0].startswith(
        "content/stories/growth.md:4:1: date is empty: a story's date is the day it was published"
    )


def test_an_unquoted_day_is_read_as_written(project):
    replace_in(project / "content/stories/growth.md", 'date: "2025-07-17"', "date: 2025-07-17")
    assert content.read(Project(project)).stories[0].meta.date == "2025-07-17"


def test_no_front_matter(project):
    (project / "content/stories/growth.md").write_text("Just text.\n")
    assert failure(project)[0].startswith("content/stories/growth.md:1: no front matter")


def test_two_pages_with_one_slug(project):
    replace_in(
        project / "content/pages/methodology.md", "slug: methodology", "slug: how-the-zones-grew"
    )
    (project / "content/stories/growth.md").rename(project / "content/pages/growth.md")
    assert failure(project) == [
        "content/pages/methodology.md:5: slug 'how-the-zones-grew' is already used\n"
        "  hint: content/pages/growth.md has it too: give each page its own slug"
    ]


def test_jinja_in_a_narrative_is_printed_never_run(project, tmp_path):
    from microsite.build.builder import build

    build(project, tmp_path / "site")
    page = (tmp_path / "site/stories/how-the-zones-grew/index.html").read_text()
    assert "{{ “ab” ~ “cd” }} and {% if true %}stay as typed{% endif %}" in page
    assert "abcd" not in page
