"""Page families: each says which pages of its kind exist; adding a page type is one family and
one template, as docs/architecture.md works through, and that example is run here."""

from __future__ import annotations

import re
import shutil
import types

from microsite.build import rendering
from microsite.build.builder import build
from microsite.render.families import FAMILIES
from tests.conftest import REPO


def _worked_example() -> tuple[str, str]:
    """The family module and template of docs/architecture.md's worked example."""
    guide = (REPO / "docs/architecture.md").read_text(encoding="utf-8")
    example = guide[guide.index("### Worked through") :]
    module = re.search(r"```python\n(.*?)```", example, re.S).group(1)
    template = re.search(r"```jinja\n(.*?)```", example, re.S).group(1)
    return module, template


def test_the_worked_example_adds_a_page_type(atlas_project, tmp_path, monkeypatch):
    module_text, template = _worked_example()
    waves = types.ModuleType("microsite.render.families.waves")
    exec(compile(module_text, "docs/architecture.md", "exec"), waves.__dict__)
    monkeypatch.setattr(rendering, "FAMILIES", (*FAMILIES, waves))
    shutil.copytree(REPO / "templates", atlas_project / "templates")
    (atlas_project / "templates/wave.html").write_text(template, encoding="utf-8")

    build(atlas_project, tmp_path / "site")

    site = tmp_path / "site"
    first = (site / "waves/1984-88/index.html").read_text(encoding="utf-8")
    assert "<h1>Zones approved in 1984–88</h1>" in first
    assert "Tianjin ETDZ</a> (天津经济技术开发区), December 1984" in first
    assert "Beijing" not in first
    assert (site / "waves/2009-14/index.html").is_file()
    assert not (site / "waves/2021").exists()  # no zone of the case was approved then
    # What every page gets without further code: a share image and a place in the sitemap.
    assert (site / "waves/1984-88/share.png").is_file()
    assert "waves/1984-88/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
