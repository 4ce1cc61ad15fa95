"""The read stage made quick: a file is read again only if it may have changed, and what is
kept of it is made again whenever it changed."""

from __future__ import annotations

import os

from microsite.build import reading
from microsite.build.memo import Memo
from microsite.errors import ErrorCollector
from microsite.inputs.facts import load_facts
from microsite.inputs.sources import load_sources
from microsite.inputs.yamlfile import fingerprint
from tests.inputs.test_facts import GDP, HEAD, SOURCES


def counting_reads(monkeypatch) -> list:
    reads = []

    def read(path):
        reads.append(path)
        return fingerprint(path)

    monkeypatch.setattr(reading, "fingerprint", read)
    return reads


def test_a_file_unchanged_since_well_before_it_was_read_is_not_read_again(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "CLOCK_TICK_NS", 0)  # no coarse clock to allow for
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: A\n---\nText.\n")
    reads = counting_reads(monkeypatch)
    memo = Memo()
    first = reading._fingerprint(path, memo)
    memo.next_build()
    assert reading._fingerprint(path, memo) == first
    assert reads == [path]


def test_an_edit_that_keeps_the_size_and_the_date_is_seen(tmp_path, monkeypatch):
    path = tmp_path / "story.md"
    path.write_text("Text one.\n")
    reads = counting_reads(monkeypatch)
    memo = Memo()
    first = reading._fingerprint(path, memo)
    dated = os.stat(path).st_mtime_ns
    memo.next_build()
    path.write_text("Text two.\n")  # as long, and dated as before: a coarse clock's tick
    os.utime(path, ns=(dated, dated))
    assert reading._fingerprint(path, memo) == fingerprint(path) != first
    assert len(reads) == 2


def test_a_file_changed_just_before_it_was_read_is_read_again(tmp_path, monkeypatch):
    # Changed within a tick of the coarsest clock before it was read, the file could change
    # again within that tick without its date showing it: it is not trusted yet.
    path = tmp_path / "story.md"
    path.write_text("Text.\n")
    reads = counting_reads(monkeypatch)
    memo = Memo()
    reading._fingerprint(path, memo)
    memo.next_build()
    reading._fingerprint(path, memo)
    assert len(reads) == 2


def test_a_file_that_went_has_no_fingerprint(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("Text.\n")
    memo = Memo()
    reading._fingerprint(path, memo)
    path.unlink()
    memo.next_build()
    assert reading._fingerprint(path, memo) is None


def test_an_error_in_a_fact_moves_with_it_when_its_file_is_laid_out_again(tmp_path):
    # The items of a file laid out again compare equal (their lines aside): what is kept of
    # the file must still be made again, or the error would point where the fact was.
    (tmp_path / "sources.yaml").write_text(SOURCES)
    folder = tmp_path / "facts"
    folder.mkdir()
    path = folder / "zones.yaml"
    memo = Memo()

    def problems() -> list[str]:
        errors = ErrorCollector(tmp_path)
        load_facts(folder, load_sources(tmp_path / "sources.yaml", errors), errors, memo)
        memo.next_build()
        return [str(error).splitlines()[0] for error in errors.errors]

    last_fact = GDP.rpartition("sources: [daily]")[0]  # every item then starts where it did
    path.write_text(HEAD + last_fact + "sources: [dialy]\n")
    assert problems() == [
        "facts/zones.yaml:15:15: fact 'national' cites source 'dialy', which does not exist"
    ]
    path.write_text(HEAD + last_fact + "sources:\n      - dialy\n")
    assert problems() == [
        "facts/zones.yaml:16:9: fact 'national' cites source 'dialy', which does not exist"
    ]
