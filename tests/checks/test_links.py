from microsite.checks.links import _read as _real_read
from microsite.checks.links import broken_links


def page(*links: str, ids: str = "") -> bytes:
    anchors = "".join(f'<a href="{link}">x</a>' for link in links)
    return f'<html><body><p id="{ids}">{anchors}</p></body></html>'.encode()


def test_links_between_pages_files_and_anchors():
    files = {
        "index.html": page(
            "facts/#zones", "facts/", "static/site.css", "https://example.org/", "#top", ids="top"
        ),
        "facts/index.html": page("../", "./#zones", ids="zones"),
        "static/site.css": b"",
    }
    assert broken_links(files) == []


def test_a_missing_page_and_a_missing_anchor_are_reported():
    files = {
        "index.html": page("factz/", "facts/#zone"),
        "facts/index.html": page(ids="zones"),
    }
    assert broken_links(files) == [
        ("index.html", "factz/", "no such page or file"),
        ("index.html", "facts/#zone", "no element with id 'zone' on facts/index.html"),
    ]


def test_a_link_out_of_the_site_is_broken():
    assert broken_links({"index.html": page("../../etc/passwd")}) == [
        ("index.html", "../../etc/passwd", "no such page or file")
    ]


def long_table(rows: int, broken_row: int | None = None, dropped_id: int | None = None) -> bytes:
    """A page long enough to be read in pieces: a table of rows, each with an id and a link."""
    cells = []
    for row in range(rows):
        target = "missing/" if row == broken_row else f"#row-{row}"
        row_id = f"other-{row}" if row == dropped_id else f"row-{row}"
        cells.append(f'<tr id="{row_id}"><td><a href="{target}">{"x" * 200}</a></td></tr>\n')
    return f"<html><body><table>{''.join(cells)}</table></body></html>".encode()


def test_a_long_page_read_in_pieces_keeps_every_link_and_id(monkeypatch):
    from microsite.build.memo import Memo
    from microsite.checks import links, pieces

    rows = 2000  # about 500 KB: read in pieces of 64 rows
    assert len(long_table(rows)) > pieces.LONG_PAGE
    other = page("long/#row-1999", "long/#row-7")
    memo = Memo()
    assert broken_links({"long/index.html": long_table(rows), "index.html": other}, memo) == []
    # The next build, one row changed: only its piece is read again; what it broke is found.
    read = []
    monkeypatch.setattr(
        links, "_read", lambda text, path: read.append(text) or _real_read(text, path)
    )
    memo.next_build()
    files = {
        "long/index.html": long_table(rows, broken_row=1000, dropped_id=7),
        "index.html": other,
    }
    assert sorted(broken_links(files, memo)) == [
        ("index.html", "long/#row-7", "no element with id 'row-7' on long/index.html"),
        ("long/index.html", "#row-7", "no element with id 'row-7' on long/index.html"),
        ("long/index.html", "missing/", "no such page or file"),
    ]
    assert len(read) == 2  # the two pieces that changed, of 32
    assert sorted(broken_links(files)) == sorted(broken_links(files, memo))  # as a first build


def test_a_long_page_changed_in_a_row_is_cut_where_it_was_cut_last_time():
    from microsite.checks import pieces

    last = pieces.pieces(long_table(2000))
    changed = long_table(2000, broken_row=1000, dropped_id=1999)  # a middle row and the last
    cut = pieces.pieces(changed, last)
    assert b"".join(cut) == changed
    assert len(cut) == len(last)
    assert [index for index, piece in enumerate(cut) if piece is not last[index]] == [15, 31]
    # Changed throughout (a longer page, every row), the page is cut again by its rows.
    other = long_table(2100).replace(b"x", b"y")
    assert pieces.pieces(other, last) == pieces.pieces(other)


LINKS = """
See [the method](/methodology/), [its file](../pages/methodology.md) and [a figure](/facts/#gdp_2024).
"""
BROKEN = """
See [the methods](/methodlogy/) and [the grades](../pages/methodology.md#grades) and [back](../methodology/).
"""


def test_an_editor_links_to_a_page_by_its_address_or_its_file(project, tmp_path):
    from microsite.build.builder import build
    from tests.conftest import append_to

    append_to(project / "content/stories/growth.md", LINKS)
    build(project, tmp_path / "site")
    page = (tmp_path / "site/stories/how-the-zones-grew/index.html").read_text()
    assert '<a href="../../methodology/">the method</a>' in page
    assert '<a href="../../methodology/">its file</a>' in page
    assert '<a href="../../facts/#gdp_2024">a figure</a>' in page


def test_a_broken_link_is_reported_where_the_editor_wrote_it(project):
    import pytest

    from microsite.build.builder import check
    from microsite.errors import BuildFailed
    from tests.conftest import append_to

    append_to(project / "content/stories/growth.md", BROKEN)
    with pytest.raises(BuildFailed) as caught:
        check(project)
    forms = "link to a page by its address, /methodology/, or by its file, ../pages/methodology.md"
    assert [str(error) for error in caught.value.errors] == [
        "content/stories/growth.md:21:19: the link to '/methodlogy/' leads to no page of the "
        f"site\n  hint: did you mean '/methodology/'? ({forms})",
        "content/stories/growth.md:21:50: the link to '../pages/methodology.md#grades' leads to "
        "no heading 'grades' there\n"
        "  hint: link to a heading by the id its page shows after # in the address bar",
        "content/stories/growth.md:21:93: the link to '../methodology/' leads to no page of the "
        f"site\n  hint: did you mean '/methodology/'? ({forms})",
    ]


def test_a_link_by_file_follows_the_page_when_its_slug_changes(project, tmp_path):
    """The preview's rebuild writes what a first build writes: the methodology page links to the
    story's new address, though only the story's file changed."""
    from microsite.build.builder import Builder, build
    from tests.conftest import append_to, replace_in
    from tests.golden import differing_files, read_tree

    append_to(
        project / "content/pages/methodology.md", "\nRead [the story](../stories/growth.md).\n"
    )
    preview = Builder(project)
    preview.build(tmp_path / "kept")
    replace_in(project / "content/stories/growth.md", "slug: how-the-zones-grew", "slug: growth")
    preview.build(tmp_path / "kept")
    build(project, tmp_path / "fresh")
    assert differing_files(read_tree(tmp_path / "kept"), read_tree(tmp_path / "fresh")) == []
    page = (tmp_path / "kept/methodology/index.html").read_text()
    assert '<a href="../stories/growth/">the story</a>' in page


def test_rebuilds_keep_what_unchanged_pages_broke_and_find_what_changes_broke():
    from microsite.build.memo import Memo

    memo = Memo()
    files = {
        "a.html": page("b.html#x", "gone.html"),
        "b.html": page(ids="x"),
        "c.html": page("a.html", ids="y"),
    }
    missing_page = ("a.html", "gone.html", "no such page or file")
    assert broken_links(files, memo) == [missing_page]

    builds = [
        # Another page changed: what an unchanged page broke is still reported.
        ({**files, "c.html": page("a.html", ids="z")}, [missing_page]),
        # The page an unchanged page links to lost the anchor it links to.
        (
            {**files, "b.html": page(ids="w")},
            [("a.html", "b.html#x", "no element with id 'x' on b.html"), missing_page],
        ),
        # The missing page appeared: the unchanged page that linked to it is whole again.
        ({**files, "gone.html": b""}, []),
        # A page went: the one that linked to it is broken.
        (
            {"a.html": files["a.html"], "c.html": files["c.html"]},
            [
                ("a.html", "b.html#x", "no such page or file"),
                missing_page,
            ],
        ),
    ]
    for changed, broken in builds:
        memo.next_build()
        assert broken_links(changed, memo) == broken
        assert broken_links(changed) == broken  # as a first build finds
