"""The minimal case builds to exactly its reviewed expected output (python -m tests.golden)."""

import io
import re

import pytest
from PIL import Image

from tests.golden import CASES, build_case, case_names, differing_files, read_tree


@pytest.mark.parametrize("name", case_names())
def test_build_matches_expected(name, tmp_path):
    built = build_case(name, tmp_path / "site")
    expected = read_tree(CASES / name / "expected")
    assert sorted(built) == sorted(expected)
    for path, content in expected.items():
        if path.endswith(".png"):
            # Compressed by the zlib Python was built with: another build of zlib (zlib-ng, say)
            # writes other bytes for the same image. Same-machine builds compare bytes below.
            assert _image(built[path]) == _image(content), f"{path} differs from the expected"
        else:
            assert built[path] == content, f"{path} differs from the expected build"


def _image(data: bytes) -> tuple:
    image = Image.open(io.BytesIO(data))
    return image.format, image.mode, image.size, image.getpalette(), image.tobytes()


def test_plotly_is_served_from_the_site(tmp_path):
    build_case("minimal", tmp_path / "site")
    bundles = list((tmp_path / "site/static").glob("plotly-basic.*.min.js"))
    assert len(bundles) == 1
    page = (tmp_path / "site/index.html").read_text()
    assert f'data-plotly="static/{bundles[0].name}"' in page


def test_two_builds_are_byte_identical(tmp_path):
    first = build_case("minimal", tmp_path / "one")
    second = build_case("minimal", tmp_path / "two")
    assert differing_files(first, second) == []


def test_no_page_loads_anything_from_another_origin(tmp_path):
    files = build_case("minimal", tmp_path / "site")
    for path, content in files.items():
        if path.endswith(".html"):
            for link in re.findall(rb'<a [^>]*href="https?:[^>]*>', content):
                rel = re.search(rb'rel="([^"]*)"', link)
                assert rel and b"noopener" in rel.group(1).split(), (path, link)
            # A canonical link names the page's own address; it loads nothing.
            loading = re.sub(rb'<link rel="canonical" href="[^"]*">', b"", content)
            assert not re.search(rb'<(?:script|link|img)[^>]+(?:src|href)="https?:', loading), path


def test_the_plotly_bundle_matches_the_python_package():
    """Figures are built by plotly.py for the plotly.js it bundles; the site serves that version."""
    import json

    from plotly.offline import get_plotlyjs_version

    from microsite.render.assets import PLOTLY_BUNDLE

    package = json.loads((PLOTLY_BUNDLE.parent / "package.json").read_text())
    assert package["version"] == get_plotlyjs_version()
    assert f"v{package['version']}" in PLOTLY_BUNDLE.read_text()[:300]
