"""The W3C Nu HTML Checker (npm `vnu-jar`, run by Java) over every page of the real site.

It lives beside the browser tests to share their build of the site. The checker runs once, in one
Java process, over every page: starting Java costs more than checking a page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Errors only (warnings are advice), in JSON on stdout; no guessing of each page's language.
VNU_OPTIONS = ["--errors-only", "--no-langdetect", "--format", "json", "--stdout"]
# The JVM's quick compiler alone halves the checker's start-up; it needs a deeper stack than the
# default to walk the HTML schema.
JAVA_OPTIONS = ["-Xss16m", "-XX:TieredStopAtLevel=1"]
# A page the checker must reject, checked in the same run: proof that errors are read, not lost.
INVALID = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Invalid</title></head>
<body><table><tr><td><span aria-label="no figure">—</span></td></tr></table></body></html>
"""


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int | None
    message: str


def validate(paths: list[Path]) -> list[Finding]:
    """Every error the checker finds in these HTML files."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        missing = "java" if java is None else str(VNU.relative_to(REPO))
        pytest.fail(
            f"The HTML checker needs {missing}: run `bash scripts/test`, which installs it.",
            pytrace=False,
        )
    result = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(VNU), *VNU_OPTIONS, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The HTML checker did not report (exit {result.returncode}):\n{result.stderr}")
    return [
        Finding(_path(message.get("url", "")), message.get("lastLine"), message["message"])
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]


def _path(url: str) -> Path:
    # The checker names a file by its address, file:/tmp/x.
    return Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path))


def test_every_page_is_valid_html(site, tmp_path):
    site = site.resolve()
    pages = sorted(site.rglob("*.html"))
    assert any(page.parent.name == "embed" for page in pages)
    invalid = (tmp_path / "invalid.html").resolve()
    invalid.write_text(INVALID, encoding="utf-8")

    findings = validate([*pages, invalid])

    assert [finding.line for finding in findings if finding.path == invalid] == [3]
    on_site = [finding for finding in findings if finding.path != invalid]
    if on_site:
        report = "\n".join(
            f"{_shown(finding.path, site)}:{finding.line or '?'}: {finding.message}"
            for finding in on_site
        )
        pytest.fail(f"The HTML checker found {len(on_site)} errors:\n{report}", pytrace=False)


def _shown(path: Path, site: Path) -> Path:
    return path.relative_to(site) if path.is_relative_to(site) else path
