"""Work spread across the machine's cores: forked workers share the site already read."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from microsite.errors import BuildFailed, SiteError

T = TypeVar("T")
R = TypeVar("R")

# Below this many pages a second process costs more than it saves.
MIN_PAGES_PER_WORKER = 100
CHUNKS_PER_WORKER = 8

# What the forked workers work on: set in the parent just before the fork, inherited as is.
_task: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()


@dataclass(frozen=True)
class Alongside:
    """Work for this process while the workers work. It is light beside theirs (the downloads,
    the checks, the fact files): the workers take every core meanwhile."""

    work: Callable[[], Any]


def fork_map(
    task: Callable[[T], R],
    items: Sequence[T],
    processes: int,
    alongside: Alongside | None = None,
) -> tuple[list[R], Any]:
    """`task` applied to every item, in order, across `processes` processes; and what
    `alongside` returns: it runs in this process meanwhile, so that what it remembers stays
    here. A BuildFailed in a worker is raised here with all its errors."""
    alongside = alongside or Alongside(lambda: None)
    if processes <= 1 or not items:
        # Alone, the work alongside comes first: it is what a preview serves before any page
        # (the downloads), or it stops the build before anything is written (the checks).
        here = alongside.work()
        return [task(item) for item in items], here
    global _task, _items
    _task, _items = task, items
    # Frozen objects are left alone by the collector, so the workers do not copy every page of
    # memory the site was read into just by scanning it.
    gc.freeze()
    try:
        # fork: the workers inherit the site as read, instead of having it pickled to them.
        context = multiprocessing.get_context("fork")
        with context.Pool(processes, initializer=_stopped_as_the_system_would_stop) as pool:
            # Several chunks a worker, taken in turn: the results come back in pieces rather
            # than one message the size of a worker's share, and a worker that finishes early
            # takes the next chunk.
            count = min(len(items), processes * CHUNKS_PER_WORKER)
            chunks = pool.map_async(
                _run_chunk, [range(i, len(items), count) for i in range(count)], chunksize=1
            )
            here = alongside.work()
            return _merge(chunks.get(), len(items)), here
    finally:
        _task, _items = None, ()
        gc.unfreeze()


def worker_count(items: int, asked: int | None, per_worker: int | None = None) -> int:
    """How many processes `items` pieces of work are worth (at least `per_worker` each, by
    default MIN_PAGES_PER_WORKER as it is when called): one per core, at most."""
    cores = asked or len(os.sched_getaffinity(0))
    return max(1, min(cores, items // (per_worker or MIN_PAGES_PER_WORKER)))


def _stopped_as_the_system_would_stop() -> None:
    """In a worker: a stop signal ends it at once. The pool stops its workers with SIGTERM
    once their work is done; left to the Python handler a worker inherits (the preview's), a
    signal arriving just before the worker waits for its next task was noted and never acted
    on, and the pool waited for that worker for ever."""
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, signal.SIG_DFL)


def _run_chunk(indexes: range) -> list[tuple[int, Any]] | list[SiteError]:
    assert _task is not None
    try:
        return [(index, _task(_items[index])) for index in indexes]
    except BuildFailed as failure:
        return list(failure.errors)  # SiteErrors travel back between processes; tracebacks do not


def _merge(chunks: list, count: int) -> list[Any]:
    errors = [item for chunk in chunks for item in chunk if isinstance(item, SiteError)]
    if errors:
        raise BuildFailed(errors)
    results = dict(item for chunk in chunks for item in chunk)
    return [results[index] for index in range(count)]
