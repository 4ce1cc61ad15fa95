"""A build that dies or cannot write leaves the last good site as it was."""

from __future__ import annotations

import errno
import random
import signal
import subprocess
import sys
import time

import pytest

import build as cli
from microsite.build import writer
from tests.conftest import REPO, replace_in, run_build
from tests.generated import FACTS_FILE, FIRST_LABEL, project_with_many_stories
from tests.golden import differing_files, read_tree

NEW_LABEL = "label: A renamed figure\n"


@pytest.fixture(scope="module")
def sizeable(tmp_path_factory):
    """A project big enough that a build spends a while writing: 300 stories, 1,000 facts."""
    return project_with_many_stories(tmp_path_factory.mktemp("sizeable") / "ours", 300, 1000)


def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_new(sizeable, tmp_path):
    out = tmp_path / "site"
    assert run_build("--out", str(out), cwd=sizeable).returncode == 0
    old = read_tree(out)
    replace_in(sizeable / FACTS_FILE, FIRST_LABEL, NEW_LABEL)
    assert run_build("--out", str(tmp_path / "new"), cwd=sizeable).returncode == 0
    new = read_tree(tmp_path / "new")
    assert differing_files(new, old)
    rng = random.Random(7)
    outcomes = set()
    for _ in range(8):
        command = [sys.executable, str(REPO / "build.py"), "--root", str(sizeable)]
        process = subprocess.Popen([*command, "--out", str(out)], stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = read_tree(out)
        assert now in (old, new), _differences(now, {"old": old, "new": new})
        outcomes.add("new" if now == new else "old")
        if now == new:  # start each round from the old site again
            replace_in(sizeable / FACTS_FILE, NEW_LABEL, FIRST_LABEL)
            assert run_build("--out", str(out), cwd=sizeable).returncode == 0
            replace_in(sizeable / FACTS_FILE, FIRST_LABEL, NEW_LABEL)
    assert run_build("--out", str(out), cwd=sizeable).returncode == 0
    assert differing_files(read_tree(out), new) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "site"]  # no leftovers
    assert "old" in outcomes


def _differences(site: dict[str, bytes], others: dict[str, dict[str, bytes]]) -> str:
    """Which files of `site` differ from each of `others`, for a failure worth reading."""
    lines = []
    for name, other in others.items():
        differing = differing_files(site, other)
        lines.append(f"{len(differing)} files differ from the {name} site: {differing[:10]}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")],
    ids=["disk full", "read-only"],
)
def test_a_write_error_is_reported_and_the_site_left_as_it_was(
    project, tmp_path, monkeypatch, capsys, code, words
):
    # Faked: the tests run as root, which a read-only folder would not stop.
    out = tmp_path / "site"
    assert cli.main(["--root", str(project), "--out", str(out)]) == 0
    before = read_tree(out)

    def failing(target, content):
        raise OSError(code, words, str(target))

    monkeypatch.setattr(writer, "_write_file", failing)
    replace_in(
        project / "content/stories/growth.md", "a number we could not", "a figure we could not"
    )
    assert cli.main(["--root", str(project), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert f"cannot write the site: [Errno {code}] {words}" in error
    assert "Traceback" not in error
    assert differing_files(read_tree(out), before) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


@pytest.mark.parametrize("asked_after", [5, 30])  # 12 pages are rendered, then 46 files written
def test_a_build_asked_to_stop_ends_soon_and_leaves_the_last_site(project, tmp_path, asked_after):
    from microsite.build.builder import Builder, BuildStopped, Options

    out = tmp_path / "site"
    assert run_build("--out", str(out), cwd=project).returncode == 0
    before = read_tree(out)
    replace_in(project / "data/facts/economy.yaml", "value: 16.9", "value: 17.2")
    builder = Builder(project, Options(workers=1))
    asked = []
    builder.stop_requested = lambda: asked.append(1) or len(asked) > asked_after
    with pytest.raises(BuildStopped):
        builder.build(out)
    assert len(asked) == asked_after + 1  # it stopped at the first check after the request
    assert read_tree(out) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]  # no staging
