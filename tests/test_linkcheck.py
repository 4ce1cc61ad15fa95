from microsite.linkcheck import broken_links


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


def long_table(rows: int, broken_row: int | None = None) -> bytes:
    cells = "".join(
        f'<tr id="r{i}"><td><a href="#{"gone" if i == broken_row else f"r{i}"}">x</a></td></tr>\n'
        for i in range(rows)
    )
    return f"<html><body><table>{cells}</table></body></html>".encode()


def test_a_long_page_read_row_by_row_finds_what_a_whole_reading_finds(monkeypatch):
    from microsite import linkcheck
    from microsite.memo import Memo

    files = {"facts/index.html": long_table(30_000)}
    assert len(files["facts/index.html"]) > linkcheck.LONG_PAGE
    memo = Memo()
    assert broken_links(files, memo) == []
    memo.next_build()
    files = {"facts/index.html": long_table(30_000, broken_row=12_345)}
    found = broken_links(files, memo)
    assert found == [("facts/index.html", "#gone", "no element with id 'gone' on facts/index.html")]
    monkeypatch.setattr(linkcheck, "LONG_PAGE", 10**9)
    assert broken_links(files) == found
