"""Pages rendered across the machine's cores: forked workers share the site already read."""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import TYPE_CHECKING

from microsite.errors import BuildFailed, SiteError

if TYPE_CHECKING:
    from microsite.pages import Page, SiteRenderer

# Below this many pages a second process costs more than it saves.
MIN_PAGES_PER_WORKER = 100

# What the forked workers render from: set in the parent just before the fork, inherited as is.
_renderer: SiteRenderer | None = None
_pages: list[Page] = []


def render_pages(
    renderer: SiteRenderer, pages: list[Page], workers: int | None
) -> list[tuple[str, str]]:
    """(path, html) for every page, in the pages' order."""
    count = _worker_count(len(pages), workers)
    if count == 1:
        return [(page.path, renderer.render_page(page)) for page in pages]
    global _renderer, _pages
    _renderer, _pages = renderer, pages
    # Frozen objects are left alone by the collector, so the workers do not copy every page of
    # memory the site was read into just by scanning it.
    gc.freeze()
    try:
        # fork: the workers inherit the site as read, instead of having it pickled to them.
        with multiprocessing.get_context("fork").Pool(count) as pool:
            chunks = pool.map(_render_chunk, [range(i, len(pages), count) for i in range(count)])
    finally:
        _renderer, _pages = None, []
        gc.unfreeze()
    return _merge(chunks, pages)


def _worker_count(pages: int, asked: int | None) -> int:
    cores = asked or len(os.sched_getaffinity(0))
    return max(1, min(cores, pages // MIN_PAGES_PER_WORKER))


def _render_chunk(indexes: range) -> list[tuple[int, str]] | list[SiteError]:
    assert _renderer is not None
    try:
        return [(index, _renderer.render_page(_pages[index])) for index in indexes]
    except BuildFailed as failure:
        return list(failure.errors)  # SiteErrors travel back between processes; tracebacks do not


def _merge(chunks: list, pages: list[Page]) -> list[tuple[str, str]]:
    errors = [item for chunk in chunks for item in chunk if isinstance(item, SiteError)]
    if errors:
        raise BuildFailed(errors)
    html = dict(item for chunk in chunks for item in chunk)
    return [(page.path, html[index]) for index, page in enumerate(pages)]
