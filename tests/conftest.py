from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from microsite.errors import ErrorCollector

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "cases" / "minimal" / "input"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the minimal case, for tests that break it on purpose."""
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


@pytest.fixture
def errors(tmp_path: Path) -> ErrorCollector:
    return ErrorCollector(tmp_path)


def run_build(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """build.py as an editor runs it, from the project folder."""
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args, "--root", str(cwd)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
