"""The render stage made quick: the build's renderer lists the same pages as the plain stage,
and keeps a family's page objects while its inputs are unchanged."""

from __future__ import annotations

from microsite.build import rendering
from microsite.build.memo import Memo
from microsite.inputs import content
from microsite.inputs.project import Project
from microsite.render.families import FAMILIES


def test_the_plain_page_list_is_the_builds(project):
    """Listed family by family without a memo, the pages are those the build renders."""
    site = content.read(Project(project))
    plain = [page.path for family in FAMILIES for page in family.pages(site)]
    renderer = rendering.ReusingRenderer(site, Project(project), Memo())
    assert plain == [page.path for page in renderer.pages()]
    assert len(plain) == len(set(plain))
    assert {"index.html", "facts/index.html", "stories/index.html"} <= set(plain)


def test_a_family_unchanged_gives_the_same_page_objects(project):
    """While its inputs compare equal, a family's pages are the last build's, so comparing a
    page with the last build's is an identity check."""
    memo = Memo()
    site = content.read(Project(project))
    first = rendering.ReusingRenderer(site, Project(project), memo).pages()
    memo.next_build()
    again = rendering.ReusingRenderer(site, Project(project), memo).pages()
    assert all(a is b for a, b in zip(first, again, strict=True))


def test_a_partial_takes_its_place_in_the_page_as_its_bytes_nested_or_empty():
    partials = rendering._Partials()
    drawn: list[bytes] = []
    row = partials._place("<td>16.9万亿元</td>".encode(), drawn)
    table = partials.placed(f"<tr>{row}</tr>".encode(), drawn)
    empty = partials._place(b"", drawn)
    assert empty == ""  # a template that tests a partial's output finds it empty
    page = f"<table>{partials._place(table, drawn)}{empty}</table>".encode()
    assert partials.placed(page, drawn) == "<table><tr><td>16.9万亿元</td></tr></table>".encode()


def test_no_text_of_the_inputs_passes_for_a_partial():
    # YAML writes a NUL as "\0": a label could hold any placeholder with a word it guessed.
    partials = rendering._Partials()
    drawn: list[bytes] = []
    partials._place(b"<td>row</td>", drawn)
    forged = b"<p>\x000000000000000000 0\x00 \x00partial 0\x00</p>"
    assert partials.placed(forged, drawn) == forged
    assert rendering._Partials()._placeholder != partials._placeholder  # a word a build
