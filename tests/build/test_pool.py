"""Pages rendered in several processes are the same bytes as pages rendered in one."""

import os
import pickle

import pytest

from microsite.build import builder, pool
from microsite.build.builder import Options, build
from microsite.errors import BuildFailed, SiteError
from tests.conftest import REPO, replace_in
from tests.golden import differing_files, read_tree


@pytest.fixture
def every_page_in_parallel(monkeypatch):
    """Work split between processes however little there is; yields how many processes each
    step of the build asked for, in order."""
    monkeypatch.setattr(pool, "MIN_PAGES_PER_WORKER", 1)
    monkeypatch.setattr(builder, "FILES_PER_WRITER", 1)  # the files split between two writers
    asked = []
    fork_map = pool.fork_map

    def counted(task, items, processes, alongside=None):
        asked.append(processes)
        return fork_map(task, items, processes, alongside)

    monkeypatch.setattr(pool, "fork_map", counted)
    return asked


def test_two_workers_write_what_one_writes(project, tmp_path, every_page_in_parallel):
    build(project, tmp_path / "one", Options(workers=1))
    assert every_page_in_parallel == [1, 1, 1]
    build(project, tmp_path / "two", Options(workers=2))
    assert every_page_in_parallel[3:] == [2, 2, 2]  # reading, rendering and writing
    assert differing_files(read_tree(tmp_path / "one"), read_tree(tmp_path / "two")) == []


def test_an_error_in_a_worker_comes_back_whole(project, every_page_in_parallel):
    import shutil

    shutil.copytree(REPO / "templates", project / "templates")
    replace_in(project / "templates/story.html", "{{ narrative.meta.title }}", "{{ nothing.here }}")
    with pytest.raises(BuildFailed) as caught:
        build(project, project / "site", Options(workers=2))
    assert every_page_in_parallel == [2, 2]  # read, then rendered in two processes
    [error] = caught.value.errors
    assert (error.path, error.line) == ("templates/story.html", 5)
    assert "'nothing' is undefined" in error.message


def test_narratives_read_by_workers_report_with_the_data(project, every_page_in_parallel):
    replace_in(project / "content/stories/growth.md", 'date: "2025-07-17"', "date: soon")
    replace_in(project / "content/pages/methodology.md", "---", "--")
    replace_in(project / "data/facts/economy.yaml", "value: 134.9", "value: lots")
    with pytest.raises(BuildFailed) as caught:
        build(project, project / "site", Options(workers=2))
    assert every_page_in_parallel == [2]  # the narratives read in two processes
    assert sorted((error.path, error.line) for error in caught.value.errors) == [
        ("content/pages/methodology.md", 1),
        ("content/stories/growth.md", 4),
        ("data/facts/economy.yaml", 13),  # the value (the formula that uses it is not blamed)
    ]


def test_a_site_error_survives_pickling():
    error = SiteError("data/x.yaml", 3, "bad", "fix it", 7, warning=True)
    assert pickle.loads(pickle.dumps(error)) == error


def test_work_alongside_runs_here_while_workers_map():
    from microsite.build.pool import Alongside, fork_map

    here = os.getpid()
    results, alongside = fork_map(
        lambda n: (n * n, os.getpid()), range(6), 2, Alongside(lambda: os.getpid())
    )
    assert [square for square, _ in results] == [0, 1, 4, 9, 16, 25]
    assert all(pid != here for _, pid in results)
    assert alongside == here


def test_a_worker_ends_at_once_when_its_pool_stops_it():
    """The preview handles SIGTERM in Python, and its workers inherit the handler: a signal
    arriving just before a worker waits for its next task was noted and never acted on, and
    the pool, which stops its workers with SIGTERM, waited for it for ever. A worker leaves
    stop signals to the system."""
    import signal

    from microsite.build.pool import fork_map

    previous = signal.signal(signal.SIGTERM, lambda number, frame: None)
    try:
        results, _ = fork_map(lambda n: signal.getsignal(signal.SIGTERM), range(4), 2)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert results == [signal.SIG_DFL] * 4
