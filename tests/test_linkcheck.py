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
