"""Static files, renamed with a hash of their content so browsers may cache them forever."""

from __future__ import annotations

import hashlib
from pathlib import Path

from microsite.errors import BuildFailed, SiteError

# The smallest official plotly.js bundle with the bar and scatter traces the charts use, from
# npm, pinned to the plotly.js version that the plotly Python package builds figures for.
PLOTLY_NAME = "plotly-basic.min.js"
PLOTLY_BUNDLE = (
    Path(__file__).resolve().parents[2] / "node_modules" / "plotly.js-basic-dist-min" / PLOTLY_NAME
)
HASHED_SUFFIXES = (".css", ".js")


def collect(static_dir: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    """(name -> site path) for templates, and (site path -> bytes) for the writer."""
    if not PLOTLY_BUNDLE.is_file():
        raise BuildFailed(
            [
                SiteError(
                    "node_modules/plotly.js-basic-dist-min",
                    None,
                    "the plotly.js bundle the charts need is not installed",
                    "run `npm ci` in the project folder (see the README's set-up)",
                )
            ]
        )
    names: dict[str, str] = {}
    files: dict[str, bytes] = {}
    sources = {
        p.relative_to(static_dir).as_posix(): p for p in static_dir.rglob("*") if p.is_file()
    }
    sources[PLOTLY_NAME] = PLOTLY_BUNDLE
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
