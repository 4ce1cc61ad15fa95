"""Page families: each says which pages of its kind exist; adding a page type is one family and
one template, as docs/architecture.md works through, and that example is run here."""

from __future__ import annotations

import re
import shutil
import types

from microsite.build import rendering
from microsite.build.builder import build
from microsite.render.families import FAMILIES
from tests.conftest import MINIMAL, REPO

ZONES_CSV = """name_zh,name_en,province,city,approved,source_url,reliability,note
大连经济技术开发区,Dalian ETDZ,辽宁 Liaoning,大连 Dalian,1984,https://example.org/a,V1,
营口经济技术开发区,Yingkou ETDZ,辽宁 Liaoning,营口 Yingkou,1992,https://example.org/b,V1,
昆山经济技术开发区,Kunshan ETDZ,江苏 Jiangsu,苏州 Suzhou,1992,https://example.org/c,V2,
"""


# A zone list needs its page (the Data page links to it).
ZONES_PAGE = """---
title: The zones, listed
summary: A partial list of the zones.
date: "2025-07-16"
slug: zones
layout: zones
---
We list a few of the [[zones_2024]].
"""


def _worked_example() -> tuple[str, str]:
    """The family module and template of docs/architecture.md's worked example."""
    guide = (REPO / "docs/architecture.md").read_text(encoding="utf-8")
    example = guide[guide.index("### Worked through") :]
    module = re.search(r"```python\n(.*?)```", example, re.S).group(1)
    template = re.search(r"```jinja\n(.*?)```", example, re.S).group(1)
    return module, template


def test_the_worked_example_adds_a_page_type(tmp_path, monkeypatch):
    module_text, template = _worked_example()
    provinces = types.ModuleType("microsite.render.families.provinces")
    exec(compile(module_text, "docs/architecture.md", "exec"), provinces.__dict__)
    monkeypatch.setattr(rendering, "FAMILIES", (*FAMILIES, provinces))
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    shutil.copytree(REPO / "templates", project / "templates")
    (project / "templates/province.html").write_text(template, encoding="utf-8")
    (project / "data/zones.csv").write_text(ZONES_CSV, encoding="utf-8")
    (project / "content/pages/zones.md").write_text(ZONES_PAGE, encoding="utf-8")

    build(project, tmp_path / "site")

    site = tmp_path / "site"
    liaoning = (site / "provinces/liaoning/index.html").read_text(encoding="utf-8")
    assert "<h1>辽宁 Liaoning</h1>" in liaoning
    assert "Dalian ETDZ (大连经济技术开发区), 1984" in liaoning
    assert "Yingkou ETDZ" in liaoning and "Kunshan" not in liaoning
    assert (site / "provinces/jiangsu/index.html").is_file()
    # What every page gets without further code: a share image and a place in the sitemap.
    assert (site / "provinces/liaoning/share.png").is_file()
    assert "provinces/liaoning/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
