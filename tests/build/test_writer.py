import contextlib
import os
from dataclasses import dataclass

import pytest

from microsite.build.writer import MARKER, OutputRefused, write_site


def test_writes_every_file_and_a_marker(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": b"<p>hi</p>", "a/b.css": b"x"}, out)
    assert (out / "index.html").read_bytes() == b"<p>hi</p>"
    assert (out / "a/b.css").read_bytes() == b"x"
    assert (out / MARKER).is_file()
    assert os.stat(out / "index.html").st_mtime == 0


def test_replaces_the_previous_site_whole(tmp_path):
    out = tmp_path / "site"
    write_site({"old.html": b"old"}, out)
    write_site({"new.html": b"new"}, out)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_write_leaves_the_previous_site(tmp_path):
    out = tmp_path / "site"
    write_site({"index.html": b"good"}, out)
    with pytest.raises(OSError):
        # A file and a folder cannot share one path: the write fails half way.
        write_site({"index.html": b"bad", "index.html/x": b"y"}, out)
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    with pytest.raises(OutputRefused):
        write_site({"index.html": b"x"}, precious)
    assert (precious / "thesis.txt").read_text() == "years of work"


@dataclass(frozen=True)
class Drawing:
    """A deferred file that counts how often it is made."""

    text: str
    made: list

    def data(self) -> bytes:
        self.made.append(self.text)
        return self.text.encode()


def test_a_deferred_file_is_made_when_written_and_only_when_it_changed(tmp_path):
    out, made = tmp_path / "site", []
    first = write_site({"a.png": Drawing("a", made), "b.png": Drawing("b", made)}, out)
    assert (out / "a.png").read_bytes() == b"a" and (out / "b.png").read_bytes() == b"b"
    assert made == ["a", "b"]
    write_site({"a.png": Drawing("a", made), "b.png": Drawing("B", made)}, out, first)
    assert made == ["a", "b", "B"]  # "a" is as it was: not made again
    assert (out / "b.png").read_bytes() == b"B"


@pytest.mark.parametrize("in_place", [False, True])
def test_a_rebuild_writes_what_changed_as_a_whole_build_would(tmp_path, in_place):
    out = tmp_path / "site"
    first = {"index.html": b"a long first version", "same.css": b"x", "gone.html": b"g"}
    written = write_site(first, out)
    replaced = os.stat(out / "index.html").st_ino
    second = {"index.html": b"shorter", "same.css": b"x", "new/page.html": b"n"}
    write_site(second, out, written, in_place=contextlib.nullcontext() if in_place else None)
    assert {
        str(path.relative_to(out)): path.read_bytes() for path in out.rglob("*") if path.is_file()
    } == {**second, MARKER: (out / MARKER).read_bytes()}
    assert all(os.stat(out / path).st_mtime == 0 for path in second)
    # In place, the file is the same file, cut to its new length; otherwise a new one.
    assert (os.stat(out / "index.html").st_ino == replaced) is in_place
