"""Static files, renamed with a hash of their content so browsers may cache them forever."""

from __future__ import annotations

import hashlib
from pathlib import Path

import plotly

PLOTLY_BUNDLE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
HASHED_SUFFIXES = (".css", ".js")


def collect(static_dir: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    """(name -> site path) for templates, and (site path -> bytes) for the writer."""
    names: dict[str, str] = {}
    files: dict[str, bytes] = {}
    sources = {
        p.relative_to(static_dir).as_posix(): p for p in static_dir.rglob("*") if p.is_file()
    }
    sources["plotly.min.js"] = PLOTLY_BUNDLE
    for name, path in sorted(sources.items()):
        content = path.read_bytes()
        site_path = "static/" + _hashed(name, content)
        names[name] = site_path
        files[site_path] = content
    return names, files


def _hashed(name: str, content: bytes) -> str:
    if not name.endswith(HASHED_SUFFIXES):
        return name
    stem, dot, suffix = name.partition(".")
    digest = hashlib.sha256(content).hexdigest()[:10]
    return f"{stem}.{digest}{dot}{suffix}"
