import os

import pytest

from microsite.writer import MARKER, OutputRefused, write_site


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
