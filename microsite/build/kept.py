"""The fact files as the preview parsed them, kept on disk between its runs, so that its first
page comes sooner.

Parsing the fact files' YAML and checking each entry is half of what the preview's first page
waits for: 0.7 of 1.45 s of reading, for 10,000 facts and 1,000 stories. At the end of its first
build the preview keeps the memo's results for each fact file (the file as read, its items as
parsed and its entries as checked) in a file of their own under the project's
`.cache/microsite/`, named by a digest of the engine, the fact file's path and its bytes. The
next run puts them back into its memo before reading: a fact file whose bytes are the same is
then found as a rebuild finds it, without parsing; one whose bytes changed has a digest that
names no kept file, and is parsed.

Only the preview keeps and restores: a build, such as CI's, reads every file afresh. What is
kept is an optimisation: a kept file that cannot be read or written is passed over. The files
are pickles, which can name code to run when read: the folder is the preview's own, written by
it and never committed (its .gitignore leaves it out), as trusted as the project's code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Hashable
from functools import cache
from pathlib import Path

import pydantic
import yaml

import microsite
from microsite.build.memo import Memo
from microsite.inputs.project import Project

# The memo's keys for a fact file's results start with these, and name the file next
# (inputs/facts.py's _read_entries and _read_file, inputs/yamlfile.py's load_by_item): the file
# as read, and its items as parsed and its entries as checked, for when it is edited.
KINDS = ("fact file", "yaml item", "fact entry")
FOLDER = Path(".cache") / "microsite"
SUFFIX = ".pickle"
# Git leaves the folder out, as it does pytest's and ruff's caches, in any project.
IGNORE_ALL = "# Made by build.py serve: parsed fact files, kept between runs.\n*\n"


def restore(memo: Memo, project: Project) -> None:
    """Put back into `memo` what was kept for each fact file as it now is."""
    folder = project.root / FOLDER
    for path in _fact_files(project):
        try:
            kept = folder / _name(path, path.read_bytes())
            with kept.open("rb") as file:
                entries = pickle.load(file)
        except OSError:  # none kept, or nowhere to keep it
            continue
        except Exception:  # cut short, or written by another engine: the file is parsed
            with contextlib.suppress(OSError):
                kept.unlink()
            continue
        memo.restore(entries)


def keep(memo: Memo, project: Project) -> None:
    """Keep each fact file's results that is not kept yet, named by the bytes the memo read
    (the file may have changed since); forget those of files as they were."""
    folder = project.root / FOLDER
    by_file: dict[Hashable, dict[Hashable, object]] = {}
    for key, entry in memo.export(_kept_kind).items():
        by_file.setdefault(key[1], {})[key] = entry
    names = {}
    for path in _fact_files(project):
        read = by_file.get(path, {}).get(("fact file", path))
        if read is not None and isinstance(read.inputs, bytes):
            names[_name(path, read.inputs)] = path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitignore").write_text(IGNORE_ALL, encoding="utf-8")
        for name, path in names.items():
            if not (folder / name).exists():
                _write(folder / name, by_file[path])
        for old in [*folder.glob(f"*{SUFFIX}"), *folder.glob("*.tmp")]:
            if old.name not in names:  # files as they were; a stopped preview's leftovers
                old.unlink(missing_ok=True)
    except Exception:
        # A read-only disk, a full one, or a value that cannot be pickled: what is not kept
        # is parsed at the next start, and the preview goes on.
        pass


def _fact_files(project: Project) -> list[Path]:
    return sorted((project.data / "facts").glob("*.yaml"))


def _kept_kind(key: Hashable) -> bool:
    return isinstance(key, tuple) and len(key) > 1 and key[0] in KINDS


def _name(path: Path, data: bytes) -> str:
    digest = hashlib.blake2b(_engine(), digest_size=16)
    digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
    digest.update(data)
    return digest.hexdigest() + SUFFIX


@cache
def _engine() -> bytes:
    """What the kept results depend on besides the file: this engine's code and the versions
    of Python and of the libraries whose objects are kept. Any change, and nothing kept fits."""
    digest = hashlib.blake2b(digest_size=16)
    for version in (sys.version, pydantic.VERSION, yaml.__version__):
        digest.update(version.encode() + b"\0")
    package = Path(microsite.__file__).parent
    for module in sorted(package.rglob("*.py")):
        digest.update(str(module.relative_to(package)).encode() + b"\0")
        digest.update(module.read_bytes())
    return digest.digest()


def _write(path: Path, entries: dict[Hashable, object]) -> None:
    """Written whole or not at all: a preview stopped midway leaves no half of a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(entries, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
