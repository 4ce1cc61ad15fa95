"""The Timeline page, drawn from a small timeline over the minimal case's sources and facts:
each event with its date, its sources linked and graded, its zones linked, and a caution on a
weak one."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from microsite.errors import ErrorCollector
from microsite.inputs import content
from microsite.inputs.project import Project
from microsite.inputs.timeline import Timeline, check_timeline, load_timeline
from microsite.render import assets
from microsite.render.environment import environment
from microsite.render.families import FAMILIES, timeline
from microsite.render.renderer import PageRenderer
from tests.conftest import MINIMAL, REPO

TIMELINE = """\
events:
  - date: "1984"
    title: The first zone opens in [[first_year]], in Dalian
    sources: [official_2025]
    zones: [dalian]

  - date: "2021-06"
    title: A rumour counts [[rumoured_2021]] zones
    text: Only a weak page says so.
    sources: [weak_2021]

  - date: "2024"
    title: The count reaches [[zones_2024]]
    sources: [official_2025, repost_2024]
    zones: [dalian, kunshan]
"""


@dataclasses.dataclass(frozen=True)
class WithTimeline(content.SiteContent):
    """The minimal case's content with a timeline, as inputs/content.py will give it."""

    timeline: Timeline


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> WithTimeline:
    folder = tmp_path_factory.mktemp("timeline")
    path = folder / "timeline.yaml"
    path.write_text(TIMELINE, encoding="utf-8")
    errors = ErrorCollector(folder)
    read = content.read(Project(MINIMAL))
    events = load_timeline(path, errors)
    dalian = SimpleNamespace(id="dalian", name_en="Dalian ETDZ", row=SimpleNamespace())
    zones = (dalian,)  # Kunshan has no row: its id links nowhere
    check_timeline(events, read.sources, read.facts, {"dalian", "kunshan"}, errors)
    assert errors.errors == []
    fields = {field.name: getattr(read, field.name) for field in dataclasses.fields(read)}
    return WithTimeline(**(fields | {"zones": zones, "timeline": events}))


@pytest.fixture(scope="module")
def html(site: WithTimeline) -> str:
    (page,) = timeline.pages(site)
    asset_paths, _ = assets.collect(REPO / "static")
    renderer = PageRenderer(site, environment(REPO / "templates"), asset_paths, (REPO,))
    return renderer.render(page).html.decode()


def events(html: str) -> list[str]:
    return re.findall(r'<li class="timeline-event.*?</li>', html, re.S)


def test_the_family_is_listed_and_makes_one_page(site):
    assert timeline in FAMILIES
    (page,) = timeline.pages(site)
    assert page.path == "timeline/index.html"
    assert page.template == "timeline.html"
    assert page.title == "The zones' key dates, 1984–2024"


def test_a_site_without_a_timeline_has_no_page(site):
    assert timeline.pages(dataclasses.replace(site, timeline=Timeline("", ()))) == []


def test_the_page_loads_its_stylesheet(html):
    assert re.search(r'<link rel="stylesheet" href="\.\./static/timeline\.[0-9a-f]+\.css">', html)


def test_each_event_is_an_item_of_one_ordered_list_in_date_order(html):
    assert html.count('<ol class="timeline">') == 1
    dates = [
        re.search(r'<p class="timeline-date">(.*?)</p>', item).group(1) for item in events(html)
    ]
    assert dates == [
        '<time datetime="1984">1984</time>',
        '<time datetime="2021-06">June 2021</time>',
        '<time datetime="2024">2024</time>',
    ]


def test_each_event_links_its_sources_and_shows_its_grade(html):
    first, weak, count = events(html)
    assert (
        '<span class="grade grade-v1" title="Best grade among its sources">V1</span> Source:'
        in first
    )
    assert '<a href="../sources/#official_2025">' in first
    assert (
        '<span class="grade grade-v3" title="Best grade among its sources">V3</span> Source:'
        in weak
    )
    assert '<a href="../sources/#weak_2021">' in weak
    # Two sources: the best grade leads, and the weaker source shows its own.
    assert (
        '<span class="grade grade-v1" title="Best grade among its sources">V1</span> Sources:'
        in count
    )
    assert '<a href="../sources/#official_2025">' in count
    assert re.search(
        r'<a href="\.\./sources/#repost_2024">[^<]*</a> <span class="grade grade-v2">V2</span>',
        count,
    )


def test_only_a_weak_event_carries_the_caution(html):
    first, weak, count = events(html)
    assert "timeline-cautioned" in weak and "Weak source:" in weak
    assert '<a href="../methodology/#reliability">' in weak
    assert "Weak source:" not in first + count
    assert "timeline-cautioned" not in first + count


def test_a_cited_fact_is_a_figure_linked_to_its_entry(html):
    first, weak, count = events(html)
    assert re.search(r'<a class="fact" href="\.\./facts/#zones_2024"[^>]*>232</a>', count)
    assert '<span class="fact-date" data-fact="first_year">1984</span>' in first
    assert '<a class="fact-mark caution" href="../methodology/#reliability"' in weak  # V3 fact


def test_a_zone_links_to_its_row_in_the_directory(html):
    first, weak, count = events(html)
    assert '<a href="../zones/#dalian">Dalian ETDZ</a>' in first
    assert "In the directory" not in weak
    assert '<a href="../zones/#dalian">Dalian ETDZ</a>' in count
    assert "kunshan" not in count  # an id with no row in the directory is not a link


def test_dates_appear_as_the_editor_gave_them(tmp_path):
    """A day keeps its day: 27 October 2024, with a machine-readable datetime."""
    path: Path = tmp_path / "timeline.yaml"
    path.write_text(
        'events:\n  - date: "2024-10-27"\n    title: Four zones\n    sources: [a]\n',
        encoding="utf-8",
    )
    (event,) = load_timeline(path, ErrorCollector(tmp_path)).events
    assert event.date_parts == (("2024-10-27", "27 October 2024"),)
