"""A rebuild that reuses the last build's work writes exactly what a first build writes."""

from __future__ import annotations

import datetime
import gc
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from microsite.build.builder import Builder, Options
from microsite.build.rendering import ReusingRenderer
from microsite.errors import BuildFailed
from tests.conftest import REPO, correct_the_minimal_gdp, replace_in
from tests.golden import differing_files, read_tree

OPTIONS = Options(workers=1, today=datetime.date(2026, 1, 1))


@pytest.fixture
def site(project: Path) -> Path:
    """The minimal case with its own templates and static files, so those can change too."""
    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copytree(REPO / "static", project / "static")
    return project


def change_a_fact(root: Path) -> str:
    replace_in(root / "data/facts/economy.yaml", "value: 16.9", "value: 17.2")
    return "17.2 trillion yuan"


def change_a_source(root: Path) -> str:
    replace_in(root / "data/sources.yaml", "publisher: Ministry of Commerce", "publisher: MOFCOM")
    return "MOFCOM"


def change_the_settings(root: Path) -> str:
    path = root / "data/site.yaml"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, "title: A renamed site", 1), encoding="utf-8")
    return "A renamed site"


def change_a_narrative(root: Path) -> str:
    replace_in(root / "content/stories/growth.md", "a number we could not confirm", "a new line")
    return "a new line"


def change_a_template(root: Path) -> str:
    replace_in(root / "templates/base.html", '<main id="main">', '<main id="main" data-x="y">')
    return 'data-x="y"'


def change_a_chart(root: Path) -> str:
    path = root / "data/charts.yaml"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    path.write_text(text.replace(title, "    title: A retitled chart", 1), encoding="utf-8")
    return "A retitled chart"


def move_a_source(root: Path) -> str:
    # A source no chart shows: only the Sources page, the downloads and the Data page's
    # JSON-LD name its address.
    replace_in(root / "data/sources.yaml", "https://example.com/weak", "https://example.com/moved")
    return "https://example.com/moved"


def change_a_period(root: Path) -> str:
    # The Data page's JSON-LD says which years the data cover.
    replace_in(root / "data/facts/zones.yaml", 'period: "1984-09-25"', 'period: "1970-09-25"')
    return '"temporalCoverage": "1970/2024"'


def correct_a_figure_a_story_shows(root: Path) -> str:
    correct_the_minimal_gdp(root)
    return '"dateModified": "2025-09-02T00:00:00Z"'


def delete_a_story(root: Path) -> str:
    (root / "content/stories/growth.md").unlink()
    return ""


def rename_a_story(root: Path) -> str:
    story = root / "content/stories/growth.md"
    text = story.read_text(encoding="utf-8")
    slug = next(line for line in text.splitlines() if line.startswith("slug:"))
    story.unlink()
    (root / "content/stories/renamed.md").write_text(
        text.replace(slug, "slug: a-renamed-story", 1), encoding="utf-8"
    )
    return "a-renamed-story"


CHANGES: list[Callable[[Path], str]] = [
    change_a_fact,
    change_a_source,
    change_the_settings,
    change_a_narrative,
    change_a_template,
    change_a_chart,
    move_a_source,
    change_a_period,
    correct_a_figure_a_story_shows,
    delete_a_story,
    rename_a_story,
]


def regrade_a_rank(root: Path) -> str:
    replace_in(root / "data/rankings.csv", "review-2018,V1,", "review-2018,V3,")
    return "review-2018,V3,"


def rename_a_zone(root: Path) -> str:
    replace_in(root / "data/zones.csv", "Beijing ETDZ", "Beijing Economic-Technological Area")
    return "Beijing Economic-Technological Area"


def withdraw_a_zone(root: Path) -> str:
    replace_in(root / "data/zones.csv", "V3,confirmed,,,", "V3,withdrawn,2023-05,,")
    return "Withdrawn May 2023"


def move_a_place(root: Path) -> str:
    replace_in(root / "data/geo/places.csv", "116.4,39.9", "116.5,39.8")
    return "116.5"


ATLAS_CHANGES: list[Callable[[Path], str]] = [
    regrade_a_rank,
    rename_a_zone,
    withdraw_a_zone,
    move_a_place,
]


def rebuilt(project: Path, tmp_path: Path, change: Callable[[Path], str]) -> tuple[dict, str]:
    """Build, make the change, build again with what the first build kept: the second build's
    files, once checked against a first build of the changed project and against the files
    before the change; and what the change says the site now shows."""
    builder = Builder(project, OPTIONS)
    builder.build(tmp_path / "kept")
    before = read_tree(tmp_path / "kept")

    shown = change(project)
    builder.build(tmp_path / "kept")
    Builder(project, OPTIONS).build(tmp_path / "fresh")

    after = read_tree(tmp_path / "kept")
    assert differing_files(after, read_tree(tmp_path / "fresh")) == []
    assert differing_files(after, before)
    return after, shown


@pytest.mark.parametrize("change", ATLAS_CHANGES, ids=lambda change: change.__name__)
def test_a_rebuild_of_the_atlas_after_a_change_equals_a_first_build(
    atlas_project, tmp_path, change
):
    after, shown = rebuilt(atlas_project, tmp_path, change)
    assert any(shown.encode() in content for content in after.values())


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_a_rebuild_after_a_change_equals_a_first_build(site, tmp_path, change):
    after, shown = rebuilt(site, tmp_path, change)
    if shown and change is not rename_a_story:
        assert any(shown.encode() in content for content in after.values())
    if change is rename_a_story:
        assert "stories/a-renamed-story/index.html" in after
        assert "stories/how-the-zones-grew/index.html" not in after
    if change is delete_a_story:
        assert not (tmp_path / "kept/stories/how-the-zones-grew").exists()


def put_chinese_first(root: Path) -> str:
    replace_in(root / "data/site.yaml", "languages: [en, zh]", "languages: [zh, en]")
    change_a_fact(root)
    return ""


def test_a_bilingual_rebuild_after_the_editions_change_places_equals_a_first_build(
    bilingual_project, tmp_path
):
    """The first language listed is published at the root: a page kept from the last build
    moves with its edition."""
    after, _ = rebuilt(bilingual_project, tmp_path, put_chinese_first)
    assert "en/facts/index.html" in after
    assert "zh/facts/index.html" not in after


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The paths of the pages the builds draw, from the moment it is asked for."""
    drawn: list[str] = []
    original = ReusingRenderer.render_page

    def counting(self, page):
        drawn.append(page.path)
        return original(self, page)

    monkeypatch.setattr(ReusingRenderer, "render_page", counting)
    return drawn


def test_an_unchanged_rebuild_renders_nothing_again(site, tmp_path, request):
    builder = Builder(site, OPTIONS)
    builder.build(tmp_path / "kept")
    rendered = request.getfixturevalue("rendered")  # the first build drew every page
    builder.build(tmp_path / "kept")
    assert rendered == []
    change_a_narrative(site)
    builder.build(tmp_path / "kept")
    # The story, and the two pages that list the stories with their titles and summaries.
    assert sorted(rendered) == [
        "index.html",
        "stories/how-the-zones-grew/index.html",
        "stories/index.html",
    ]


def test_a_changed_fact_draws_again_only_its_rows_even_after_the_page_was_kept(site, tmp_path):
    builder = Builder(site, OPTIONS)
    builder.build(tmp_path / "kept")
    first = builder.memo.lookup(("page parts", "facts/index.html"))
    for _ in range(2):  # the Facts page kept whole: its rows must still be there to reuse
        builder.build(tmp_path / "kept")
    change_a_fact(site)
    builder.build(tmp_path / "kept")
    after = builder.memo.lookup(("page parts", "facts/index.html"))
    redrawn = sorted(key for key, part in after.items() if first.get(key) is not part)
    # The fact's row, the row whose formula uses it, their block of rows (named by its first
    # fact) and the topic's table around it.
    assert redrawn == [
        ("fact_row", "gdp_2024"),
        ("fact_row", "gdp_share_2024_calc"),
        ("fact_rows", "gdp_2024"),
        ("topic_section", "economy"),
    ]
    assert len(after) > len(redrawn) + 3


def test_a_broken_edit_then_its_fix_gives_a_first_builds_output(site, tmp_path):
    builder = Builder(site, OPTIONS)
    builder.build(tmp_path / "kept")
    replace_in(site / "data/facts/economy.yaml", "value: 16.9", "value: [16.9")
    with pytest.raises(BuildFailed):
        builder.build(tmp_path / "kept")
    replace_in(site / "data/facts/economy.yaml", "value: [16.9", "value: 16.8")
    builder.build(tmp_path / "kept")
    Builder(site, OPTIONS).build(tmp_path / "fresh")
    assert differing_files(read_tree(tmp_path / "kept"), read_tree(tmp_path / "fresh")) == []


def test_a_site_changed_by_hand_is_written_whole_again(site, tmp_path):
    builder = Builder(site, OPTIONS)
    builder.build(tmp_path / "kept")
    (tmp_path / "kept/index.html").write_text("edited by hand")
    builder.build(tmp_path / "kept")
    Builder(site, OPTIONS).build(tmp_path / "fresh")
    assert differing_files(read_tree(tmp_path / "kept"), read_tree(tmp_path / "fresh")) == []


def test_a_rebuild_finds_a_link_broken_by_a_change_to_another_page(site, tmp_path):
    builder = Builder(site, OPTIONS)
    builder.build(tmp_path / "kept")
    replace_in(site / "content/pages/methodology.md", "## Reliability", "## Grades")
    with pytest.raises(BuildFailed) as caught:
        builder.build(tmp_path / "kept")
    assert any("no element with id 'reliability'" in e.message for e in caught.value.errors)


def test_a_rebuild_leaves_nothing_in_a_reference_cycle(site, tmp_path, monkeypatch):
    """A build keeps the collector off and then freezes what is left, so that a preview does not
    scan the memo again on every save: anything a build left in a cycle would be kept for as
    long as the preview runs (the renderer and every file it made, 28 MB a rebuild)."""
    builder = Builder(site, OPTIONS)
    builder.build(tmp_path / "kept")
    enable = gc.enable
    monkeypatch.setattr(gc, "freeze", lambda: None)  # left where the collector sees it
    monkeypatch.setattr(gc, "enable", lambda: None)  # and no collection meanwhile
    gc.collect()
    gc.disable()
    try:
        change_a_fact(site)
        builder.build(tmp_path / "kept")
        assert gc.collect() == 0
    finally:
        enable()


def test_the_preview_collects_a_builds_garbage_once_the_editor_pauses(site, tmp_path):
    """The preview's builds leave the collector off, their garbage for tidy() to collect when
    the editor pauses: a save shows sooner. Until then nothing is frozen, and so nothing lost."""
    builder = Builder(site, replace(OPTIONS, tidy_later=True))
    builder.build(tmp_path / "kept")
    builder.tidy()
    frozen = gc.get_freeze_count()
    try:
        change_a_fact(site)
        builder.build(tmp_path / "kept")
        assert builder.untidy and not gc.isenabled()
        assert gc.get_freeze_count() <= frozen  # nothing it made is frozen yet
        builder.tidy()
        assert not builder.untidy and gc.isenabled()
        assert gc.collect() == 0  # tidy() collected it
    finally:
        gc.enable()


def test_a_preview_whose_write_failed_writes_the_next_build_whole(site, tmp_path, monkeypatch):
    """The preview rewrites files in place: a write that failed midway (a full disk) leaves a
    folder that is neither the last build nor this one, which the next build must not trust."""
    from microsite.build import writer

    builder = Builder(site, replace(OPTIONS, own_output=True))
    out = tmp_path / "kept"
    builder.build(out)
    facts = site / "data/facts/economy.yaml"
    before = facts.read_text(encoding="utf-8")
    change_a_fact(site)
    written, write_file = [], writer._write_file

    def disk_full_after_one(target: Path, content: object) -> None:
        if written:
            raise OSError(28, "No space left on device")
        written.append(target)
        write_file(target, content)

    monkeypatch.setattr(writer, "_write_file", disk_full_after_one)
    with pytest.raises(OSError):
        builder.build(out)
    assert written  # one file has the change
    monkeypatch.undo()
    facts.write_text(before, encoding="utf-8")  # the editor undoes the change
    builder.build(out)
    Builder(site, OPTIONS).build(tmp_path / "fresh")
    assert differing_files(read_tree(out), read_tree(tmp_path / "fresh")) == []


def test_an_editor_who_never_pauses_still_has_the_garbage_collected(site, tmp_path, monkeypatch):
    from microsite.build import builder as building

    monkeypatch.setattr(building, "UNTIDY_BUILDS_AT_MOST", 3)
    preview = Builder(site, replace(OPTIONS, tidy_later=True))
    try:
        for build, value in enumerate(["16.9", "17.0", "17.1"], start=1):
            replace_in(site / "data/facts/economy.yaml", "value: 16.9", f"value: {value}")
            preview.build(tmp_path / "kept")
            replace_in(site / "data/facts/economy.yaml", f"value: {value}", "value: 16.9")
            assert preview.untidy == build % 3  # the third build tidies after itself
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_changed_value_leaves_the_sources_page_as_it_was(site, tmp_path, request):
    """The Sources page names each fact by its label and period, not its value: a changed value
    does not draw it again."""
    builder = Builder(site, OPTIONS)
    builder.build(tmp_path / "kept")
    rendered = request.getfixturevalue("rendered")  # the first build drew every page
    change_a_fact(site)
    builder.build(tmp_path / "kept")
    assert "facts/index.html" in rendered
    assert "sources/index.html" not in rendered
    replace_in(site / "data/facts/economy.yaml", "label: Regional GDP of the zones", "label: GDP")
    builder.build(tmp_path / "kept")
    assert "sources/index.html" in rendered  # a label it shows
