"""build.py serve: rebuilds on a save, keeps the last good site on a broken one, reports both."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from microsite.build.rendering import ReusingRenderer
from tests.conftest import REPO, replace_in
from tests.generated import project_with_many_stories


def start_preview(project, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--port", "0", "--root", str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )


@pytest.fixture
def preview(project):
    process = start_preview(project)
    try:
        address = _address(process)
        yield address, project
    finally:
        process.terminate()
        process.wait(timeout=10)


def _address(process) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        found = re.search(r"Serving on (http://127\.0\.0\.1:\d+/)", line)
        if found:
            return found.group(1)
    raise AssertionError("the preview server did not start")


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def status(address: str) -> dict:
    return json.loads(get(address + "__preview/status"))


def wait_for_version(address: str, version: int) -> dict:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        current = status(address)
        if current["version"] >= version:
            return current
        time.sleep(0.1)
    raise AssertionError(f"no rebuild {version} within 20 s")


def test_serves_pages_with_the_reload_script(preview):
    address, _ = preview
    assert status(address) == {"version": 1, "errors": "", "warnings": ""}
    page = get(address)
    assert '<script src="/__preview/preview.js" defer></script></body>' in page
    assert "Zones in existence" in get(address + "facts/")
    assert "window.location.reload" in get(address + "__preview/preview.js")


def test_a_broken_edit_keeps_the_last_good_site_and_a_fix_clears_it(preview):
    address, project = preview
    story = project / "content/stories/growth.md"
    replace_in(story, "[[gdp_2024]]", "[[gdp_2042]]")
    broken = wait_for_version(address, 2)
    assert broken["errors"].startswith("content/stories/growth.md:9:1: unknown fact 'gdp_2042'")
    assert "16.9 trillion yuan" in get(address + "stories/how-the-zones-grew/")
    replace_in(story, "[[gdp_2042]]", "[[gdp_2024]] (revised)")
    fixed = wait_for_version(address, 3)
    assert fixed["errors"] == ""
    assert "(revised)" in get(address + "stories/how-the-zones-grew/")


def test_a_warning_shows_in_the_preview_too(preview):
    """Warnings do not stop the preview, but CI refuses them: the page says so, not only the
    terminal."""
    address, project = preview
    replace_in(
        project / "content/stories/growth.md", "A forum once counted", "In 2019 a forum counted"
    )
    warned = wait_for_version(address, 2)
    assert warned["errors"] == ""
    assert warned["warnings"].startswith(
        "content/stories/growth.md:12:4: warning: number '2019' typed into the text"
    )
    script = get(address + "__preview/preview.js")
    assert "check --strict (and CI) will refuse it" in script


def test_pages_answered_before_the_first_build_is_written_are_the_built_pages(project, tmp_path):
    from microsite.build.builder import build
    from microsite.build.serve import Early
    from microsite.inputs import content
    from microsite.inputs.project import Project
    from tests.golden import read_tree

    build(project, tmp_path / "site")
    built = read_tree(tmp_path / "site")
    early = Early(ReusingRenderer(content.read(Project(project)), Project(project)))
    pages = [path for path in built if path.endswith(".html")]
    assert pages
    for path in pages:
        assert early.file(path) == built[path], path
    stylesheet = next(path for path in built if path.startswith("static/site."))
    assert early.file(stylesheet) == built[stylesheet]
    assert early.file("no/such/page/index.html") is None
    # Once the build has rendered, a share image is drawn when asked for, as the build draws it.
    early.renderer.render(workers=1)
    assert early.file("share.png") == built["share.png"]


def test_the_preview_has_the_downloads_before_it_renders_a_page(project, monkeypatch):
    # Rendering in one process, as the preview does: a chart on the first page asked for draws
    # from its figure file, which the early preview serves from what the renderer has made.
    from microsite.inputs import content
    from microsite.inputs.project import Project

    renderer = ReusingRenderer(content.read(Project(project)), Project(project))
    render_page = renderer.render_page
    ready = []

    def render_after_the_downloads(page):
        made = renderer.files.keys()
        ready.append({"charts/gdp/figure.json", "data/facts.csv", "feed.xml"} <= made)
        return render_page(page)

    monkeypatch.setattr(renderer, "render_page", render_after_the_downloads)
    renderer.render(workers=1)
    assert ready and all(ready)


@pytest.mark.parametrize("stopping", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_preview_stopped_while_serving_removes_its_temporary_folder(project, tmp_path, stopping):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = start_preview(project, env={**os.environ, "TMPDIR": str(temporary)})
    try:
        _address(process)
        assert len(list(temporary.glob("zones-preview-*"))) == 1
        process.send_signal(stopping)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()
    assert list(temporary.iterdir()) == []
    output = process.stdout.read()
    assert "Traceback" not in output


def test_a_preview_stopped_during_its_first_build_leaves_nothing_behind(tmp_path):
    project = project_with_many_stories(tmp_path / "generated", 250, 200)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = start_preview(project, env={**os.environ, "TMPDIR": str(temporary)})
    try:
        # Stopped while the first build's workers read the 250 narratives.
        deadline = time.monotonic() + 60
        while not (workers := _children(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert workers
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
        process.wait()
    output = process.stdout.read()
    # It stops the build under way at its next page or file, and serves nothing.
    assert "Serving on" not in output
    assert "Traceback" not in output
    assert list(temporary.iterdir()) == []
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers), "workers left running"


def _children(pid: int) -> list[int]:
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except FileNotFoundError:
        return []


def test_a_preview_started_to_ignore_hangups_keeps_serving_after_one(project, tmp_path):
    def like_nohup() -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    process = start_preview(project, preexec_fn=like_nohup)
    try:
        address = _address(process)
        process.send_signal(signal.SIGHUP)
        time.sleep(1)  # the watcher looks at its stop flag every 0.3 s
        assert process.poll() is None
        assert "<html" in get(address)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()


def test_files_are_served_whole_and_follow_a_rebuild(preview):
    """A rebuild rewrites the preview's changed files in place, while the server waits to read
    them: a download shows the new value once the rebuild is done."""
    address, project = preview
    with urllib.request.urlopen(address + "data/facts.csv", timeout=5) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        assert ",16.9," in response.read().decode()
    replace_in(project / "data/facts/economy.yaml", "value: 16.9", "value: 17.2")
    wait_for_version(address, 2)
    table = get(address + "data/facts.csv")
    assert ",17.2," in table and ",16.9," not in table
    with urllib.request.urlopen(address + "facts", timeout=5) as response:
        assert response.url == address + "facts/"  # a folder's address is sent on to it
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(address + "data/nothing.csv")
    assert missing.value.code == 404
