"""Writes the site. A first build is written whole beside the output folder and swapped in:
never a half-written site. A rebuild into the same folder rewrites only the files that changed,
each replaced in one step."""

from __future__ import annotations

import ctypes
import functools
import os
import shutil
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from microsite.render.page import SiteFile

MARKER = ".microsite"  # names a folder this engine wrote, so that it may replace it


class OutputRefused(Exception):
    """The output folder exists and is not one this engine wrote."""


@dataclass(frozen=True)
class Written:
    """What a build left in its output folder."""

    out: Path
    files: dict[str, SiteFile]


def write_site(
    files: dict[str, SiteFile],
    out: Path,
    last: Written | None = None,
    checked: bool = False,
    in_place: AbstractContextManager[Any] | None = None,
) -> Written:
    """Write the site into `out`: only what changed since `last` if the folder still holds
    what it wrote (`checked`: the caller has just made sure of it with can_update). A changed
    file is replaced in one step, or rewritten where it is while the lock `in_place` is held: for
    a folder whose readers take that lock (the preview's). Replacing a large file is slow on some
    file systems (ext4 writes it out first: 7 ms for the 9 MB Facts page)."""
    out = out.absolute()
    if checked or can_update(last, out):
        assert last is not None
        try:
            _write_changes(files, last, in_place)
            return Written(out, files)
        except OSError:  # say, a file where a folder is now wanted: start afresh
            pass
    swap_in(stage(files, out), out)
    return Written(out, files)


def can_update(last: Written | None, out: Path, trusted: bool = False) -> bool:
    """Whether a rebuild may rewrite only what changed: the folder still holds what the last
    build wrote there. A `trusted` folder (one nothing else writes) is taken to, if it is still
    there: looking at each of 4,000 files is a tenth of a rebuild after one fact changed."""
    if last is None or last.out != out.absolute():
        return False
    return (last.out / MARKER).is_file() if trusted else _intact(last)


def stage(files: dict[str, SiteFile], out: Path, staging: Path | None = None) -> Path:
    """The whole site written into a new folder beside `out` (`staging`, or one named for
    this process), to be swapped in or discarded."""
    staging = start_staging(out, staging)
    try:
        for path in files:
            write_file(files, staging, path)
    except BaseException:
        discard(staging)
        raise
    return staging


def start_staging(out: Path, staging: Path | None = None) -> Path:
    """A new, empty folder beside `out` to write the site into: `staging`, or one named for
    this process. Refuses an `out` this engine did not write."""
    out = out.absolute()
    staging = staging or staging_for(out)
    if out.exists() and not _ours(out):
        raise OutputRefused(
            f"{out} exists and was not written by this build; "
            "choose an empty or new folder with --out, or remove it yourself"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(out)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / MARKER).write_text("written by build.py, which may replace this folder\n")
    return staging


def write_file(files: dict[str, SiteFile], folder: Path, path: str) -> None:
    """Write the file at `path` into `folder` (several processes may share one folder)."""
    _write_file(folder / path, files[path])


def staging_for(out: Path) -> Path:
    """The folder a build stages `out` in: one per build process, beside `out`."""
    return out.absolute().with_name(f".{out.name}.new-{os.getpid()}")


def swap_in(staging: Path, out: Path) -> None:
    """Put the staged site in `out`'s place. Where the system can swap two folders in one step,
    a reader (or a killed build) sees the old site or the new one, never neither."""
    out = out.absolute()
    retired = out.with_name(f".{out.name}.old-{os.getpid()}")
    try:
        if out.exists() and _exchange(staging, out):
            return  # staging now holds the old site, discarded below
        if out.exists():
            out.rename(retired)
        staging.rename(out)
    finally:
        discard(staging)
        discard(retired)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    rename = getattr(_libc(), "renameat2", None)
    if rename is None:
        return False
    at_cwd, exchange = -100, 2
    done = rename(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange)
    return done == 0


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _clear_leftovers(out: Path) -> None:
    """Remove what a build killed midway left beside `out`: its staging or retired folder."""
    leftovers = [*out.parent.glob(f".{out.name}.new-*"), *out.parent.glob(f".{out.name}.old-*")]
    for leftover in leftovers:
        pid = leftover.name.rpartition("-")[2]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            discard(leftover)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def _write_changes(
    files: dict[str, SiteFile], last: Written, in_place: AbstractContextManager[Any] | None
) -> None:
    """Each file that changed since `last` replaced in one step, or rewritten where it is while
    `in_place` is held (a share image drawn before)."""
    for path, content in files.items():
        if last.files.get(path) != content:
            target = last.out / path
            if in_place is not None:
                data = content if isinstance(content, bytes) else content.data()
                with in_place:
                    _write_file(target, data)
                continue
            scratch = target.with_name(f".{target.name}.new-{os.getpid()}")
            _write_file(scratch, content)
            scratch.replace(target)
    for path in last.files.keys() - files.keys():
        (last.out / path).unlink()
        _remove_empty_parents(last.out / path, last.out)


def _intact(last: Written) -> bool:
    """Whether the folder still holds exactly what the last build wrote there, as far as sizes
    and the fixed dates tell: if someone changed it, the next build is written whole."""
    if not (last.out / MARKER).is_file():
        return False
    root = f"{last.out}{os.sep}"  # a string, not a Path a file: thousands of stats a rebuild
    for path, content in last.files.items():
        try:
            stat = os.stat(root + path)
        except OSError:
            return False
        if stat.st_mtime != 0:
            return False
        # A deferred file's size is known only to the process that wrote it: its date tells.
        if isinstance(content, bytes) and stat.st_size != len(content):
            return False
    return True


def _ours(folder: Path) -> bool:
    return folder.is_dir() and ((folder / MARKER).is_file() or not any(folder.iterdir()))


def _write_file(target: Path, content: SiteFile) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content if isinstance(content, bytes) else content.data()
    # Cut to its new length after writing, not emptied first: ext4 writes out a file emptied
    # and written again when it is closed, as it does one replaced.
    with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT, 0o666), "wb") as file:
        file.write(data)
        file.truncate()
    # Fixed modification times keep two builds of the same inputs identical, file dates too.
    os.utime(target, (0, 0))


def _remove_empty_parents(path: Path, root: Path) -> None:
    folder = path.parent
    while folder != root and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
