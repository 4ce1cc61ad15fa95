"""Narrative Markdown to HTML, once per text: references stay open slots that each page fills.

The Markdown of a narrative does not depend on any fact, so its HTML is computed once per
distinct text (and kept with the narrative, which the build reuses while its file is
unchanged); a fact's value, and the relative links that
depend on where a page lives, are put into the slots when the page is rendered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.footnote import footnote_plugin

from microsite.inputs.references import CHART_LINE, REFERENCE, read

EXTERNAL_LINK = re.compile(r"^(https?:)?//", re.IGNORECASE)
# A link an editor writes to a page of the site: from its root, or to a narrative's file.
SITE_LINK = re.compile(r"^(/(?!/)|[^:?#]*\.md(#|$))")
SLOT_MARK = "\x00"  # Markdown input never holds NUL (the parser replaces it), so this is ours


@dataclass(frozen=True)
class Slot:
    """A place in a narrative's HTML that depends on the page: a fact or a chart."""

    kind: str  # "fact", "chart", or "link" (key: the address as written)
    key: str
    part: str = ""  # for facts: "", "period", "number", "change" or "label"
    level: int = 3  # for charts: the level of its title, one below the heading it stands under


@dataclass(frozen=True)
class CompiledBody:
    """A narrative's HTML cut at its slots: text, slot, text, slot, ..., text."""

    texts: tuple[str, ...]
    slots: tuple[Slot, ...]

    def fill(self, slot_html: Callable[[Slot], str]) -> str:
        pieces = [self.texts[0]]
        for slot, text in zip(self.slots, self.texts[1:], strict=True):
            pieces += [slot_html(slot), text]
        return "".join(pieces)


class MarkdownCompiler:
    """One reused parser: CommonMark with tables, footnotes, typographic quotes and heading ids.
    Raw HTML in a narrative is shown as text, never passed through."""

    def __init__(self) -> None:
        self.md = (
            MarkdownIt("commonmark", {"typographer": True, "html": False})
            .enable(["table", "replacements", "smartquotes"])
            .use(footnote_plugin)
            .use(anchors_plugin, min_level=1, max_level=6, slug_func=heading_id)
            # {#reliability} on the line above a heading gives it that anchor: a translated
            # page keeps the English page's anchors, to which links are written.
            .use(attrs_block_plugin, allowed=["id"])
        )
        self.md.inline.ruler.before("link", "reference", _reference_rule)
        self.md.block.ruler.before("paragraph", "chart", _chart_rule, {"alt": ["paragraph"]})
        self.md.add_render_rule("reference", _render_reference)
        self.md.add_render_rule("chart", _render_chart)
        self.md.add_render_rule("link_open", _render_link_open)

    def compile(self, text: str) -> CompiledBody:
        env: dict[str, list[Slot]] = {"slots": []}
        html = self.md.render(text, env).removesuffix("\n")
        pieces = html.split(SLOT_MARK)
        return CompiledBody(tuple(pieces[0::2]), tuple(env["slots"][int(i)] for i in pieces[1::2]))


def heading_id(title: str) -> str:
    """A heading's anchor: 'What the plan asks' -> what-the-plan-asks; a Chinese heading keeps
    its characters, 来源可靠性, as Chinese sites' anchors do. Accents and other letters go."""
    kept = "".join(
        char
        for char in unicodedata.normalize("NFKD", title)
        if char.isascii() or unicodedata.east_asian_width(char) == "W"
    )
    words = re.sub(r"[^\w\s-]", "", kept).strip().lower()
    return re.sub(r"[-\s]+", "-", words)


def _reference_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = REFERENCE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("reference", "", 0)
        token.meta = {"reference": read(match.group(1))}
    state.pos = match.end()
    return True


def _chart_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    match = CHART_LINE.match(line)
    if match is None or state.sCount[start] - state.blkIndent >= 4:
        return False
    if not silent:
        token = state.push("chart", "div", 0)
        token.meta = {"key": match.group(1)}
        token.map = [start, start + 1]
    state.line = start + 1
    return True


def _slot(env: dict[str, list[Slot]], slot: Slot) -> str:
    env["slots"].append(slot)
    return f"{SLOT_MARK}{len(env['slots']) - 1}{SLOT_MARK}"


def _render_reference(
    self: RendererHTML, tokens: list[Token], index: int, options: object, env: dict
) -> str:
    reference = tokens[index].meta["reference"]
    if reference.kind == "literal":
        return f'<span class="literal">{escape(reference.key, quote=False)}</span>'
    return _slot(env, Slot("fact", reference.key, reference.part or ""))


def _render_link_open(
    self: RendererHTML, tokens: list[Token], index: int, options: object, env: dict
) -> str:
    """A link to another site opens it without handing it this page (rel=noopener). A link
    to a page of this site, written from the site's root (/methodology/) or as the page's
    Markdown file (../pages/methodology.md), is a slot: each page fills in its relative path."""
    token = tokens[index]
    href = str(token.attrGet("href") or "")
    if EXTERNAL_LINK.match(href):
        token.attrSet("rel", "noopener noreferrer external")
    elif SITE_LINK.match(href):
        token.attrSet("href", _slot(env, Slot("link", href)))
    return self.renderToken(tokens, index, options, env)


def _render_chart(
    self: RendererHTML, tokens: list[Token], index: int, options: object, env: dict
) -> str:
    return (
        _slot(env, Slot("chart", tokens[index].meta["key"], level=_level_under(tokens, index)))
        + "\n"
    )


def _level_under(tokens: list[Token], index: int) -> int:
    """The heading level for what stands at `index`: one below the last heading before it, or
    2 before any (the page's title is the h1), so that no level is skipped."""
    for token in reversed(tokens[:index]):
        if token.type == "heading_open":
            return min(int(token.tag[1]) + 1, 6)
    return 2
