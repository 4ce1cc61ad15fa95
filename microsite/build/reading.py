"""The read stage, made quick: what did not change since the last build is not read again, and
the narratives are read in other processes while this one reads the fact files.

The read stage itself (microsite/inputs/content.py) is plain and serial; this module only
hands it the memo and a way to read narratives on every core.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from microsite.build import pool
from microsite.build.memo import MISSING, Memo
from microsite.errors import SiteError
from microsite.inputs import content
from microsite.inputs.narratives import Narrative
from microsite.inputs.project import Project
from microsite.inputs.yamlfile import fingerprint

T = TypeVar("T")

# The coarsest clock a file system dates changes by (FAT's two seconds), in nanoseconds.
CLOCK_TICK_NS = 2_000_000_000


def read(
    project: Project, memo: Memo, workers: int | None = None, compile_now: bool = True
) -> content.SiteContent:
    """Every input, read and checked as inputs.content.read does. `workers`: processes that
    may read the narratives (None: one per core). `compile_now` turns their Markdown into HTML
    as they are read; otherwise each is compiled when its page is first rendered (the preview's
    first page comes sooner)."""
    narratives = partial(_read_narratives, memo=memo, workers=workers, compile_now=compile_now)
    return content.read(project, memo, narratives)


def _read_narratives(
    root: Path,
    paths: list[Path],
    meanwhile: Callable[[], T],
    memo: Memo,
    workers: int | None,
    compile_now: bool,
) -> tuple[dict[Path, Narrative | None], list[SiteError], T]:
    """Each narrative the last build's where its file is unchanged; the others read in other
    processes while this one runs `meanwhile`. One worker a core although this process is busy
    too: a large site's narratives take longer than its facts, and shared three ways the cores
    finish both sooner (1.0 s against 1.2 s for 1,000 stories and 10,000 facts on two cores)."""
    digests = {path: _fingerprint(path, memo) for path in paths}
    kept = {path: memo.find(("narrative", path), digest) for path, digest in digests.items()}
    changed = [path for path, narrative in kept.items() if narrative is MISSING]
    read, done = pool.fork_map(
        partial(content.read_narrative, root=root, compile_now=compile_now),
        changed,
        pool.worker_count(len(changed), workers),
        pool.Alongside(meanwhile),
    )
    problems: list[SiteError] = []
    for path, (narrative, found) in zip(changed, read, strict=True):
        problems += found
        if not found:
            memo.put(("narrative", path), digests[path], narrative)
        kept[path] = narrative
    return kept, problems, done


def _fingerprint(path: Path, memo: Memo) -> bytes | None:
    """The file's digest (yamlfile.fingerprint), read again only if the file may have changed
    since the last build read it: a stat is a tenth of a read, and a thousand narratives are
    read in 26 ms. As git does, a file is trusted unchanged only if its size and dates are the
    same and it was last changed well before it was read, so that an edit within the same tick
    of a coarse clock is not missed. This counts on the file system dating changes by this
    machine's clock, give or take two seconds, as a local disk does, and on an edit changing
    the file's modification date (on Windows, ctime is the file's creation)."""
    looked_at = time.time_ns()
    try:
        stat = os.stat(path)
    except OSError:
        return None
    seen = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
    last = memo.lookup(("digest", path))
    if last is not None:
        last_seen, digest, last_looked_at = last
        settled = last_looked_at - max(stat.st_mtime_ns, stat.st_ctime_ns) > CLOCK_TICK_NS
        if last_seen == seen and settled:
            memo.keep_all([("digest", path)])  # kept for the next build
            return digest
    digest = fingerprint(path)
    memo.put(("digest", path), None, (seen, digest, looked_at))
    return digest
