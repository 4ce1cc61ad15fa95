"""Writes a whole site beside the output folder, then swaps it in: never a half-written site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

MARKER = ".microsite"  # names a folder this engine wrote, so that it may replace it


class OutputRefused(Exception):
    """The output folder exists and is not one this engine wrote."""


def write_site(files: dict[str, bytes], out: Path) -> None:
    out = out.absolute()
    if out.exists() and not _ours(out):
        raise OutputRefused(
            f"{out} exists and was not written by this build; "
            "choose an empty or new folder with --out, or remove it yourself"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.new-{os.getpid()}")
    retired = out.with_name(f".{out.name}.old-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        _write_all(files, staging)
        if out.exists():
            out.rename(retired)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)


def _ours(folder: Path) -> bool:
    return folder.is_dir() and ((folder / MARKER).is_file() or not any(folder.iterdir()))


def _write_all(files: dict[str, bytes], staging: Path) -> None:
    staging.mkdir(parents=True)
    (staging / MARKER).write_text("written by build.py; replaced whole on every build\n")
    for path, content in files.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        # Fixed modification times keep two builds of the same inputs identical, file dates too.
        os.utime(target, (0, 0))
