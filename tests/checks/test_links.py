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
    from microsite.checks import links

    rows = 2000  # about 500 KB: read in pieces of 64 rows
    assert len(long_table(rows)) > links.LONG_PAGE
    other = page("long/#row-1999", "long/#row-7")
    memo = Memo()
    assert broken_links({"long/index.html": long_table(rows), "index.html": other}, memo) == []
    # The next build, one row changed: only its piece is read again; what it broke is found.
    read = []
    monkeypatch.setattr(links, "_read", lambda text: read.append(text) or _real_read(text))
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
