"""How fast an editor's save shows: rebuilds in the preview, and the preview's first page.

The preview (`build.py serve`) keeps one Builder for as long as it runs; these figures are
that Builder's rebuilds, measured in one process as the preview makes them, each compared
byte for byte with a first build of the same inputs.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

from microsite.build import kept, serve
from microsite.build.builder import Builder, Options
from tests.golden import read_tree

REPO = Path(__file__).resolve().parent.parent


def with_chinese_edition(project: Path, copy: Path) -> Path:
    """A copy of `project` published in both editions. Nothing in it is translated: the Chinese
    edition shows the English and warns of each record, the most a second edition can cost."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy)
    with (copy / "data" / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("languages: [en, zh]\n")
    return copy


def rebuilds(project: Path, scratch: Path, runs: int) -> dict[str, tuple[float, bool]]:
    """Median seconds of each kind of rebuild, and whether its output equalled a first build's."""
    root = scratch / "project"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(project, root)
    out, fresh = scratch / "site", scratch / "fresh"
    builder = Builder(root, serve.later_builds(Options()))  # as the preview builds
    builder.build(out)
    builder.tidy()
    fact_file = sorted((root / "data" / "facts").glob("*.yaml"))[0]
    story = sorted((root / "content" / "stories").glob("*.md"))[0]
    edits = {
        "unchanged": lambda run: None,
        "one fact changed": lambda run: _set_first_value(fact_file, 1000 + run),
        "one narrative changed": lambda run: _append(story, f"\nOne more sentence, {run}.\n"),
    }
    results = {}
    for name, edit in edits.items():
        times = []
        for run in range(runs):
            edit(run)
            start = time.perf_counter()
            builder.build(out)
            times.append(time.perf_counter() - start)
            builder.tidy()  # as the preview does once the editor pauses
        # The first build to compare with runs as an editor would run it, in its own process.
        subprocess.run(
            [sys.executable, str(REPO / "build.py"), "--root", str(root), "--out", str(fresh)],
            check=True,
            capture_output=True,
        )
        identical = read_tree(out) == read_tree(fresh)
        results[name] = (statistics.median(times), identical)
    return results


class FirstPage(NamedTuple):
    """Seconds from starting `build.py serve` to the home page's last byte."""

    fresh: float  # at a first start: nothing kept on disk by an earlier run
    later: float  # the median of later starts, the fact files parsed by the first kept


def first_page(project: Path, runs: int, port: int = 8791) -> FirstPage:
    """The preview's first page at a first start, then at `runs` later starts. The first run
    is left to finish its first build, as an editor's preview does, so that it keeps what it
    parsed; the later ones are stopped at their first page."""
    shutil.rmtree(project / kept.FOLDER, ignore_errors=True)
    fresh = _first_page(project, port, until_built=True)
    later = [_first_page(project, port) for _ in range(runs)]
    return FirstPage(fresh, statistics.median(later))


def _first_page(project: Path, port: int, until_built: bool = False) -> float:
    start = time.perf_counter()
    command = [sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--root", str(project)],
        stdout=subprocess.PIPE if until_built else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        _get(f"http://127.0.0.1:{port}/")
        seconds = time.perf_counter() - start
        if until_built:
            assert process.stdout is not None
            # The address is announced once the first build has ended.
            for line in process.stdout:
                if line.startswith("Serving on"):
                    break
        return seconds
    finally:
        process.terminate()
        process.wait(timeout=30)


def _get(address: str) -> bytes:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(address, timeout=60) as response:
                return response.read()
        except (ConnectionError, urllib.error.URLError):
            time.sleep(0.01)  # not listening yet
    raise SystemExit(f"the preview did not answer {address}")


def _set_first_value(path: Path, value: int) -> None:
    """Give the file's first fact another value: a different one each run."""
    text = path.read_text(encoding="utf-8")
    first = re.sub(r"^(\s*)value: \S+", rf"\g<1>value: {value}", text, count=1, flags=re.M)
    path.write_text(first, encoding="utf-8")


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)
