"""What the published site lets a browser do: run only its own scripts, hand nothing to other
sites, and carry nothing of the machine that built it."""

from __future__ import annotations

import getpass
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from microsite.build.builder import build
from microsite.inputs.markup import MarkdownCompiler
from tests.conftest import MINIMAL, REPO


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("secure") / "site"
    build(MINIMAL, out)
    return {
        path.relative_to(out).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(out.rglob("*.html"))
    }


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def test_every_page_allows_only_the_sites_own_scripts(pages):
    assert len(pages) >= 10
    for path, html in pages.items():
        [policy] = [
            attrs["content"] or ""
            for tag, attrs in tags(html)
            if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"
        ]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'", path
        assert directives["default-src"] == "'self'", path
        assert "unsafe-eval" not in policy, path
        assert "object-src" in directives and "base-uri" in directives, path


def test_no_inline_script_or_event_handler_on_any_page(pages):
    for path, html in pages.items():
        for tag, attrs in tags(html):
            handlers = [name for name in attrs if name.startswith("on")]
            assert not handlers, f"{path}: <{tag}> has {handlers}"
            # JSON-LD is data, never run: the only script a page may carry inline.
            if tag == "script" and attrs.get("type") != "application/ld+json":
                assert attrs.get("src"), f"{path}: an inline <script>"
            for name in ("href", "src"):
                assert not (attrs.get(name) or "").lower().startswith("javascript:"), path


def test_every_page_sets_a_referrer_policy(pages):
    for path, html in pages.items():
        assert any(
            tag == "meta" and attrs.get("name") == "referrer" for tag, attrs in tags(html)
        ), path


def test_links_to_other_sites_open_without_handing_them_the_page(pages):
    external = 0
    for path, html in pages.items():
        for tag, attrs in tags(html):
            href = attrs.get("href") or ""
            if tag == "a" and re.match(r"^(https?:)?//", href):
                external += 1
                assert "noopener" in (attrs.get("rel") or "").split(), f"{path}: {href}"
    assert external > 10  # the Sources page links every source


def test_nothing_of_the_build_machine_is_published(pages, tmp_path_factory):
    secrets = {str(REPO), str(Path.home()), getpass.getuser(), str(tmp_path_factory.getbasetemp())}
    secrets |= {value for name, value in os.environ.items() if len(value) >= 8 and "/" in value}
    secrets = {secret for secret in secrets if len(secret) >= 4}
    for path, html in pages.items():
        for secret in secrets:
            assert secret not in html, f"{path} contains {secret!r}"


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "<img"),
        ("[click](javascript:alert(1))", "href"),
        ("[click](JaVaScRiPt:alert(1))", "href"),
        ("![pixel](javascript:alert(1))", "<img"),
        ('<a href="https://example.org" onclick="steal()">x</a>', "<a "),
        ("<iframe src=https://example.org></iframe>", "<iframe"),
    ],
)
def test_html_and_script_in_a_narrative_are_printed_as_text(markdown, forbidden):
    html = MarkdownCompiler().compile(markdown).fill(lambda slot: "")
    assert forbidden not in html


def test_a_narratives_link_to_another_site_gets_noopener():
    html = MarkdownCompiler().compile("[a](https://example.org/) and [b](../facts/)").fill(str)
    assert '<a href="https://example.org/" rel="noopener noreferrer external">a</a>' in html
    assert '<a href="../facts/">b</a>' in html
