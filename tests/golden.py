"""Golden builds: each case under tests/cases/<name>/input is built and compared with expected/.

After a reviewed change to the output, regenerate the expected files with:

    python -m tests.golden
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from microsite.build import builder

CASES = Path(__file__).parent / "cases"
# The plotly.js bundle comes from the pinned npm package; the tests check its name, not 1 MB of it.
UNCOMPARED = re.compile(r"^static/plotly-basic\.[0-9a-f]{10}\.min\.js$")


def case_names() -> list[str]:
    return sorted(path.name for path in CASES.iterdir() if (path / "input").is_dir())


def build_case(name: str, out: Path) -> dict[str, bytes]:
    builder.build(CASES / name / "input", out)
    return read_tree(out)


def read_tree(folder: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not UNCOMPARED.match(relative) and relative != ".microsite":
            files[relative] = path.read_bytes()
    return files


def differing_files(site: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    """The paths whose bytes differ between two read trees, or that only one has: compared as
    `differing_files(a, b) == []`, a failure names the files instead of printing both sites."""
    return sorted(path for path in site.keys() | other.keys() if site.get(path) != other.get(path))


def update(name: str) -> None:
    expected = CASES / name / "expected"
    out = CASES / name / ".build"
    shutil.rmtree(out, ignore_errors=True)
    files = build_case(name, out)
    shutil.rmtree(out)
    shutil.rmtree(expected, ignore_errors=True)
    for relative, content in files.items():
        target = expected / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    print(f"{name}: wrote {len(files)} expected files")


if __name__ == "__main__":
    for case in sys.argv[1:] or case_names():
        update(case)
