"""The preview keeps the fact files as it parsed them between its runs (build/kept.py): a later
start reads them without parsing, and writes the same site."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from microsite.build import kept
from microsite.build.builder import Builder, Options
from microsite.errors import BuildFailed
from microsite.inputs import facts
from tests.conftest import replace_in
from tests.golden import read_tree

PREVIEW = Options(workers=1, today=datetime.date(2026, 1, 1), keep_parsed=True)


@pytest.fixture
def fact_files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the fact files the builds read from their text."""
    read: list[str] = []
    read_file = facts._read_file

    def counted(path: Path, *args: object) -> object:
        read.append(path.name)
        return read_file(path, *args)

    monkeypatch.setattr(facts, "_read_file", counted)
    return read


def start(project: Path, out: Path, options: Options = PREVIEW) -> dict[str, bytes]:
    Builder(project, options).build(out)
    return read_tree(out)


def kept_files(project: Path) -> list[Path]:
    return sorted((project / kept.FOLDER).glob("*.pickle"))


def test_a_later_start_reads_no_fact_file_and_builds_the_same_site(
    project: Path, tmp_path: Path, fact_files_read: list[str]
) -> None:
    first = start(project, tmp_path / "first")
    assert fact_files_read == ["economy.yaml", "zones.yaml"]
    assert len(kept_files(project)) == 2
    assert (project / kept.FOLDER / ".gitignore").read_text(encoding="utf-8").endswith("*\n")

    fact_files_read.clear()
    assert start(project, tmp_path / "later") == first
    assert fact_files_read == []


def test_a_fact_file_edited_between_starts_is_read_and_kept_anew(
    project: Path, tmp_path: Path, fact_files_read: list[str]
) -> None:
    start(project, tmp_path / "first")
    before = kept_files(project)
    replace_in(project / "data/facts/economy.yaml", "value: 16.9", "value: 17.2")

    fact_files_read.clear()
    later = start(project, tmp_path / "later")
    assert fact_files_read == ["economy.yaml"]
    assert later == start(project, tmp_path / "fresh", Options(workers=1, today=PREVIEW.today))
    assert b"17.2" in later["index.html"]
    # The file as it was is forgotten: one kept file for each fact file.
    after = kept_files(project)
    assert len(after) == 2 and len(set(after) & set(before)) == 1


def test_a_damaged_kept_file_is_passed_over(
    project: Path, tmp_path: Path, fact_files_read: list[str]
) -> None:
    first = start(project, tmp_path / "first")
    damaged = kept_files(project)[0]
    damaged.write_bytes(damaged.read_bytes()[:100])  # a preview stopped while writing it

    fact_files_read.clear()
    assert start(project, tmp_path / "later") == first
    assert len(fact_files_read) == 1  # the file whose kept results were damaged
    fact_files_read.clear()
    start(project, tmp_path / "again")  # kept whole this time
    assert fact_files_read == []


def test_another_engine_finds_nothing_kept(
    project: Path, tmp_path: Path, fact_files_read: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    start(project, tmp_path / "first")
    monkeypatch.setattr(kept, "_engine", lambda: b"an engine whose code has changed")
    fact_files_read.clear()
    start(project, tmp_path / "later")
    assert fact_files_read == ["economy.yaml", "zones.yaml"]


def test_a_build_keeps_nothing(project: Path, tmp_path: Path) -> None:
    start(project, tmp_path / "site", Options(workers=1, today=PREVIEW.today))
    assert not (project / ".cache").exists()


def test_a_preview_that_cannot_keep_still_builds(project: Path, tmp_path: Path) -> None:
    (project / ".cache").write_text("a file where the folder would go", encoding="utf-8")
    assert start(project, tmp_path / "first") == start(
        project, tmp_path / "fresh", Options(workers=1, today=PREVIEW.today)
    )


def test_a_preview_whose_first_build_failed_keeps_after_its_first_good_one(
    project: Path, tmp_path: Path
) -> None:
    replace_in(project / "data/facts/economy.yaml", "sources: [", "sources: [no_such_source, ")
    builder = Builder(project, PREVIEW)
    with pytest.raises(BuildFailed):
        builder.build(tmp_path / "site")
    assert kept_files(project) == []
    replace_in(project / "data/facts/economy.yaml", "sources: [no_such_source, ", "sources: [")
    builder.build(tmp_path / "site")
    assert len(kept_files(project)) == 2


def test_a_fact_file_edited_during_the_first_build_is_kept_as_it_was_read(
    project: Path, tmp_path: Path, fact_files_read: list[str]
) -> None:
    facts_file = project / "data/facts/economy.yaml"

    def edit(renderer: object) -> None:
        replace_in(facts_file, "value: 16.9", "value: 17.2")

    Builder(project, PREVIEW).build(tmp_path / "first", edit)
    fact_files_read.clear()
    start(project, tmp_path / "second")  # the file is not as it was read: read, and kept
    assert fact_files_read == ["economy.yaml"]
    fact_files_read.clear()
    start(project, tmp_path / "third")
    assert fact_files_read == []


def test_what_cannot_be_kept_is_passed_over(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise TypeError("cannot pickle this object")

    monkeypatch.setattr(kept.pickle, "dump", refuse)
    assert start(project, tmp_path / "first") == start(
        project, tmp_path / "fresh", Options(workers=1, today=PREVIEW.today)
    )
    assert kept_files(project) == []
