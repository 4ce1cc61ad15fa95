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


def append_to(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def correct_the_minimal_gdp(root: Path) -> None:
    """In a copy of the minimal case, a correction of the 2024 GDP its story cites, dated
    2025-09-02: the story's dateModified moves to that day."""
    replace_in(root / "data/facts/economy.yaml", "value: 16.9", "value: 17.0")
    replace_in(
        root / "data/facts/economy.yaml",
        "    sources: [official_2025]\n",
        '    sources: [official_2025]\n    corrections:\n      - date: "2025-09-02"\n'
        "        old_value: 16.9\n        new_value: 17.0\n        reason: A typo.\n",
    )


ATLAS = REPO / "tests" / "cases" / "atlas"
BILINGUAL = REPO / "tests" / "cases" / "bilingual"
GEO = REPO / "tests" / "cases" / "geo"


def make_atlas_project(root: Path) -> Path:
    """The minimal case with the atlas case laid over it: zones, ranks, the atlas's pages and
    the two-province map data."""
    shutil.copytree(MINIMAL, root)
    shutil.copytree(ATLAS, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    shutil.copytree(GEO, root / "data" / "geo", ignore=shutil.ignore_patterns("README.md"))
    return root


@pytest.fixture
def atlas_project(tmp_path: Path) -> Path:
    return make_atlas_project(tmp_path / "project")


def make_bilingual_project(root: Path) -> Path:
    """The minimal case with a Chinese edition laid over it (tests/cases/bilingual/README.md)."""
    shutil.copytree(MINIMAL, root)
    shutil.copytree(BILINGUAL, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    return root


@pytest.fixture
def bilingual_project(tmp_path: Path) -> Path:
    return make_bilingual_project(tmp_path / "project")
