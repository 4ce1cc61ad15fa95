"""The share image of a page (Open Graph and Twitter card), drawn at build time with Pillow.

Longer than 400 lines on purpose: fitting, wrapping, measuring and drawing share one set of
font metrics and glyph fixes (below), which only make sense read together.

No browser and no network. A card is set in one face, chosen by its page's language:

- English (and any other language) in the font Pillow carries inside itself,
  `ImageFont.load_default(size=...)` (Aileron Regular since Pillow 10.1);
- Chinese in Noto Sans SC Regular (SIL Open Font License 1.1), the OpenType file the PyPI
  package `pylopdf-fonts-zh-cn`, pinned in pyproject.toml, installs. It has full-width
  punctuation, and Latin letters and digits of its own for the English words and numbers of a
  Chinese title. The whole file is used, not a subset made with fontTools: FreeType maps the
  file and reads only the glyphs a card asks for. For 80 Chinese cards (250 characters),
  making the subset took 0.6 s of the build's main process, and drawing from it 0.58 s, for the
  same bytes as drawing from the whole file, which took 0.66 s.

Both are drawn with FreeType, which Pillow's wheels include, through Pillow's basic layout, not
Raqm, so a card does not depend on what the machine has installed, and the same arguments give
the same bytes with the same Pillow and the same font file.

Aileron covers little beyond ASCII, so text is made drawable in the card's face before it is
measured:

- a character the font has is kept (typographic quotes, the middle dot, the ellipsis, ° ± © « »,
  and in Noto Sans SC the Chinese characters and their full-width punctuation ，。、《》);
- en dash, em dash and minus sign, which Aileron lacks, are drawn as bars placed and sized from
  the font's own hyphen and plus sign;
- a few others the font lacks are replaced: Unicode spaces by a space, other dashes and hyphens
  by the nearest one above, the bullet by the middle dot, ¥ € £ by CNY EUR GBP, Chinese
  punctuation (on an English card) by its Latin counterpart;
- anything else is decomposed (é becomes e, ½ becomes 1⁄2) and what is still missing (on an
  English card, Chinese characters among them) is dropped, along with brackets and quotes it
  leaves empty; a card never shows the font's empty box. When nothing of a title is left, the
  site's name takes its place.

Whether the font has a character is asked of the font itself: FreeType draws a character missing
from the font's character map as glyph 0, `.notdef`, so a character whose image and advance are
those of U+FFFF (a noncharacter, which no font maps) is missing. Asking the font, rather than
keeping a list of what it covers, stays right if Pillow ever ships a larger font.

Lines break at spaces and, in Chinese, between two Chinese characters, except before closing
punctuation (，。、：；！？）」』》) and after opening punctuation (（「『《), as Chinese is set
(W3C, Requirements for Chinese Text Layout, "Prohibition rules for line start and line end").
A number or a Latin word stays with the Chinese character beside it: "2024年" is not split.

The card is a palette image. Text is drawn as coverage, 0 to 255, into a mask per block (a block
has one colour), and each coverage is mapped to one of 85 shades between the background and that
colour. One byte a pixel instead of three makes the PNG about a third of the size and four times
quicker to compress, with no visible loss.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

from PIL import Image, ImageChops, ImageDraw, ImageFont

from microsite.render.png import palette_png
from microsite.render.sharing import CARD_HEIGHT, CARD_WIDTH

WIDTH, HEIGHT = CARD_WIDTH, CARD_HEIGHT  # the size every page's tags announce

MARGIN = 72
BAR = 10  # the accent bar along the top edge
BACKGROUND = (0xFB, 0xFA, 0xF7)  # the site's --bg
TEXT = (0x1B, 0x1B, 0x1B)  # the site's --text
MUTED = (0x55, 0x55, 0x55)  # the site's --muted
ACCENT = (0x34, 0x67, 0xC9)  # the first colour of the charts' palette

SITE_SIZE = 30
TITLE_SIZES = range(68, 39, -4)  # with a figure, largest first
TITLE_ONLY_SIZES = range(84, 43, -4)  # without one
TITLE_LINES = 3
FIGURE_SIZES = range(168, 63, -8)
CAPTION_SIZES = range(34, 25, -2)
CAPTION_LINES = 2
LEADING = 1.2  # line height, in font sizes

INKS = (TEXT, MUTED, ACCENT)  # the colours text is drawn in, by number
SHADES = 85  # of each ink, so that the background and every shade fit a palette of 256

# The faces cards are set in, by the language of their page; any other language: LATIN.
LATIN = "Aileron"  # Pillow's own
CHINESE = "Noto Sans SC"  # from the pylopdf-fonts-zh-cn package
FACE_OF_LANGUAGE = {"zh": CHINESE}
CHINESE_FONT_PACKAGE = "pylopdf-fonts-zh-cn"
# What the tallest letters of a line reach, the top of which a block is placed from.
CAP_OF_FACE = {LATIN: "H", CHINESE: "国"}

ELLIPSIS = "…"
NOT_IN_ANY_FONT = "\uffff"

# Characters the font lacks that are drawn as a bar: (width, bar start, bar end) in ems, or None
# for the plus sign's own box; the bar sits at the hyphen's height (the minus at the plus's).
SYNTHETIC = {"\u2013": (0.5, 0.0, 0.5), "\u2014": (1.0, 0.0, 1.0), "\u2212": None}
# Characters the font lacks, replaced (a character the font has is kept as it is).
SUBSTITUTES = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "\u2013",  # figure dash
    "\u2015": "\u2014",  # horizontal bar
    "\u2022": "·",  # bullet
    "\u30fb": "·",  # katakana middle dot
    "\u00d7": "x",
    "\u2032": "’",  # prime
    "\u2033": "”",  # double prime
    "\u201a": "‘",
    "\u201e": "“",
    "\u00a5": "CNY ",
    "\uffe5": "CNY ",
    "\u20ac": "EUR ",
    "\u00a3": "GBP ",
    "\u3001": ", ",
    "\u3002": ". ",
    "\u300a": "“",
    "\u300b": "”",
    "\u300c": "“",
    "\u300d": "”",
    "\u300e": "“",
    "\u300f": "”",
    "\u3010": "[",
    "\u3011": "]",
}
# Chinese punctuation that never starts a line, and that never ends one (GB/T 15834, as the
# W3C's clreq gives it). Quotation marks, the ellipsis, dashes and the middle dot, which Unicode
# counts neither wide nor narrow, are never a place to break (_breaks_between): they stay with
# their neighbours, and need no list.
CLOSING = "，。、：；！？）」』》】〕〉％"
OPENING = "（「『《【〔〈"
_SYNTHETIC_RUN = re.compile(f"([{''.join(SYNTHETIC)}])")
_EMPTY_PAIR = re.compile(r"\(\s*\)|\[\s*\]|“\s*”|‘\s*’|\"\s*\"|«\s*»")
# The full-width marks from here on are never on an English card (Aileron lacks them): they tidy
# Chinese text, where an empty pair of brackets leaves no space behind.
_EMPTY_WIDE_PAIR = re.compile(r"（\s*）|《\s*》|「\s*」|『\s*』|【\s*】")
_SPACE_BEFORE = re.compile(r" +(?=[,.;:!?)\]，。、：；！？）」』》】])")
# A separator before other punctuation.
_STRANDED = re.compile(r"[,;:，、；：](?=[,.;:!?，。、：；！？])")
_LEADING_JUNK = re.compile(r"^[\s,.;:·–—，。、：；]+")
_TRAILING_JUNK = re.compile(r"[\s,;:·–—，、：；]+$")
_LAST_BEFORE_ELLIPSIS = " ,;:·–—-，、：；" + OPENING  # what an ellipsis never follows

# Palette index 0 is the background; 1 + SHADES * ink + shade - 1 is `shade` of the ink.
_PALETTE = bytes(
    [*BACKGROUND]
    + [
        round(back + (front - back) * shade / SHADES)
        for ink in INKS
        for shade in range(1, SHADES + 1)
        for back, front in zip(BACKGROUND, ink, strict=True)
    ]
)
_SHADE_OF = [round(coverage * SHADES / 255) for coverage in range(256)]
_INDEX = [
    [0 if not shade else 1 + SHADES * ink + shade - 1 for shade in _SHADE_OF]
    for ink in range(len(INKS))
]

# The face the card being drawn is set in. Every measurement below depends on it; it is the
# context of a drawing rather than an argument of each of the twenty functions that measure,
# and a context variable keeps it right in the preview, which draws cards in several threads.
_FACE: ContextVar[str] = ContextVar("face", default=LATIN)

P = ParamSpec("P")
R = TypeVar("R")


class FontNotInstalled(RuntimeError):
    """The package holding a card's font is not installed."""

    def __init__(self, package: str) -> None:
        super().__init__(f"the font package {package} is not installed")
        self.package = package


@dataclass(frozen=True)
class Card:
    """A page's share image, drawn only when it is written: a site of thousands of pages never
    holds all its images in memory, and an image whose card is unchanged is not drawn again."""

    title: str
    figure: str | None
    figure_caption: str | None
    site_title: str
    language: str = "en"  # the page's: which face the card is set in

    def data(self) -> bytes:
        return card_png(
            self.title, self.figure, self.figure_caption, self.site_title, self.language
        )


def card_png(
    title: str,
    figure: str | None,
    figure_caption: str | None,
    site_title: str,
    language: str = "en",
) -> bytes:
    """The share image of a page: PNG, 1200x630, with the site's name, the page's title and,
    when the page has one, its key figure (e.g. figure="232",
    figure_caption="national-level zones, 2024"), set in the face of the page's `language`."""
    with _set_in(language):
        return _card_png(title, figure, figure_caption, site_title)


def drawable(text: str, language: str = "en") -> str:
    """`text` with every character the card's font cannot draw replaced or dropped."""
    with _set_in(language):
        return _drawable(text)


def has_glyph(char: str, language: str = "en") -> bool:
    """Whether the card's font draws `char` with a glyph of its own, not as `.notdef`."""
    with _set_in(language):
        return _has_glyph(char)


def font_file(language: str) -> Path | None:
    """The font file cards in `language` are set in; None for Pillow's own font. Raises
    FontNotInstalled when its package is missing."""
    return _face_file(FACE_OF_LANGUAGE.get(language, LATIN))


def _face_file(face: str) -> Path | None:
    if face == LATIN:
        return None
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        raise FontNotInstalled(CHINESE_FONT_PACKAGE) from None
    path = pylopdf_fonts_zh_cn.sans_path()
    if not path.is_file():
        raise FontNotInstalled(CHINESE_FONT_PACKAGE)
    return path


@contextlib.contextmanager
def _set_in(language: str) -> Iterator[None]:
    token = _FACE.set(FACE_OF_LANGUAGE.get(language, LATIN))
    try:
        yield
    finally:
        _FACE.reset(token)


def _per_face(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, remembered for each face: what it measures or draws depends on the face."""
    remembered = functools.cache(lambda face, *args, **kwargs: function(*args, **kwargs))

    @functools.wraps(function)
    def in_face(*args: P.args, **kwargs: P.kwargs) -> R:
        return remembered(_FACE.get(), *args, **kwargs)

    return in_face


def _card_png(title: str, figure: str | None, figure_caption: str | None, site_title: str) -> bytes:
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)  # palette indices, 0 the background
    canvas.paste(_INDEX[INKS.index(ACCENT)][255], (0, 0, WIDTH, BAR))
    width = WIDTH - 2 * MARGIN

    heading = _drawable(title)
    site = _fit(_drawable(site_title), [SITE_SIZE], width, HEIGHT, 1)
    baseline = MARGIN + _cap(SITE_SIZE)
    if heading:
        _draw_block(canvas, site, MARGIN, baseline, MUTED)
    else:  # nothing of the title can be drawn: the site's name takes its place
        heading = _drawable(site_title)
    top = baseline + 44  # where the title's capitals begin
    bottom = HEIGHT - MARGIN  # the last baseline, or the lowest descender of a title

    figure = _drawable(figure or "")
    if figure:
        caption = _fit(_drawable(figure_caption or ""), CAPTION_SIZES, width, 200, CAPTION_LINES)
        number = _fit(figure, FIGURE_SIZES, width, HEIGHT, 1)
        if caption.lines:
            _draw_block(canvas, caption, MARGIN, bottom - caption.height, MUTED)
            bottom -= caption.height + _cap(caption.size) + 32
        bottom -= _below(figure, number.size)  # "16.9 trillion yuan" reaches below
        _draw_block(canvas, number, MARGIN, bottom, ACCENT)
        bottom -= _cap(number.size) + 48
        sizes: Sequence[int] = TITLE_SIZES
    else:
        sizes = TITLE_ONLY_SIZES

    text = _fit(heading, sizes, width, bottom - top, TITLE_LINES)
    if text.lines:
        # Below the site's name; without a figure, in the middle of the space left.
        spare = 0 if figure else bottom - top - _cap(text.size) - text.height - _descent(text.size)
        _draw_block(canvas, text, MARGIN, top + _cap(text.size) + spare // 2, TEXT)

    return palette_png(canvas, _PALETTE)


def _drawable(text: str) -> str:
    kept: list[str] = []
    dropped = False
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif _usable(char):
            kept.append(char)
        elif char in SUBSTITUTES:
            kept.append(SUBSTITUTES[char])
        else:
            for part in unicodedata.normalize("NFKD", char):
                part = SUBSTITUTES.get(part, part)
                if part.isspace():
                    kept.append(" ")
                elif _usable(part):
                    kept.append(part)
                elif not unicodedata.category(part).startswith("M"):  # not an accent
                    dropped = True
    result = " ".join("".join(kept).split())
    return _tidy(result) if dropped else result


@_per_face
def _has_glyph(char: str) -> bool:
    return _glyph(char) != _glyph(NOT_IN_ANY_FONT)


@dataclass(frozen=True)
class _Block:
    size: int
    lines: tuple[str, ...]

    @property
    def step(self) -> int:
        return round(self.size * LEADING)

    @property
    def height(self) -> int:
        """From the first baseline to the last."""
        return self.step * (len(self.lines) - 1)


@dataclass(frozen=True)
class _Line:
    joint: str  # what joined it to the line before in the text: a space, or nothing
    text: str


def _fit(text: str, sizes: Sequence[int], width: int, height: int, max_lines: int) -> _Block:
    """`text` at the largest of `sizes` at which it fits `width` in at most `max_lines` lines
    taking at most `height` from the top of the capitals to the bottom of the descenders; at the
    smallest size, cut short with an ellipsis, if it fits at none."""
    if not text:
        return _Block(sizes[-1], ())
    for size in sizes:
        room = min(max_lines, _lines_in(size, height))
        lines = _wrap(text, size, width)
        if len(lines) <= room:
            return _Block(size, tuple(line.text for line in lines))
    size = sizes[-1]
    room = min(max_lines, _lines_in(size, height))
    lines = _wrap(text, size, width)
    rest = lines[room - 1].text + "".join(line.joint + line.text for line in lines[room:])
    last = _ellipsize(rest, size, width)
    return _Block(size, (*(line.text for line in lines[: room - 1]), last))


def _lines_in(size: int, height: int) -> int:
    step = round(size * LEADING)
    return max(1, (height - _cap(size) - _descent(size)) // step + 1)


def _wrap(text: str, size: int, width: int) -> list[_Line]:
    """Lines of `text` no wider than `width`, broken where a line may end (_pieces), and
    inside a piece only where the piece alone is wider."""
    lines: list[_Line] = []
    current, current_length, current_joint = "", 0.0, ""
    for joint, piece in _pieces(text):
        joint_length, piece_length = _length(joint, size), _length(piece, size)
        if current and current_length + joint_length + piece_length <= width:
            current = current + joint + piece
            current_length = current_length + joint_length + piece_length
            continue
        if not current and piece_length <= width:
            current, current_length, current_joint = piece, piece_length, joint
            continue
        if current:
            lines.append(_Line(current_joint, current))
        while _length(piece, size) > width:
            cut = max(1, _longest_prefix(piece, size, width))
            lines.append(_Line(joint, piece[:cut]))
            piece, joint = piece[cut:], ""
        current, current_length, current_joint = piece, _length(piece, size), joint
    if current:
        lines.append(_Line(current_joint, current))
    return lines


def _pieces(text: str) -> list[tuple[str, str]]:
    """The pieces of `text` a line may end after, each with what joins it to the one before:
    the words between spaces, cut further where Chinese may break (_breaks_between)."""
    pieces: list[tuple[str, str]] = []
    for index, word in enumerate(text.split(" ")):
        joint, start = (" " if index else ""), 0
        for at in range(1, len(word)):
            if _breaks_between(word[at - 1], word[at]):
                pieces.append((joint, word[start:at]))
                joint, start = "", at
        pieces.append((joint, word[start:]))
    return pieces


def _breaks_between(before: str, after: str) -> bool:
    """Whether a line may end between two characters with no space between them: between two
    Chinese characters, full-width punctuation among them, except before a closing mark and
    after an opening one. A digit or a Latin letter stays with its neighbour: "2024年"."""
    return _wide(before) and _wide(after) and before not in OPENING and after not in CLOSING


@functools.cache
def _wide(char: str) -> bool:
    """An ideograph, kana or Hangul, or full-width punctuation: as wide as a Chinese character."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _ellipsize(text: str, size: int, width: int) -> str:
    if _length(text, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and _length(" ".join(words) + ELLIPSIS, size) > width:
        words.pop()
    short = " ".join(words)
    while short and _length(short + ELLIPSIS, size) > width:
        short = short[:-1]
    return short.rstrip(_LAST_BEFORE_ELLIPSIS) + ELLIPSIS


def _longest_prefix(text: str, size: int, width: int) -> int:
    """The number of leading characters of `text` that fit `width`."""
    total = 0.0
    for index, char in enumerate(text):
        total += _advance(char, size)
        if total > width:
            return index
    return len(text)


def _length(text: str, size: int) -> float:
    # Basic layout applies only a font's old `kern` table, which neither font has (Noto Sans
    # SC kerns in GPOS, which only Raqm reads), so a line is as wide as the sum of its
    # characters' advances, as _draw_line places them: an ideograph's is a whole em.
    return sum(_advance(char, size) for char in text)


@_per_face
def _advance(char: str, size: int) -> float:
    if _drawn_as_bar(char):
        shape = SYNTHETIC[char]
        return shape[0] * size if shape else _font(size).getlength("+")
    return _font(size).getlength(char)


def _drawn_as_bar(char: str) -> bool:
    """Whether `char` is drawn as a bar: a dash or minus sign the face lacks (Aileron lacks them
    all, Noto Sans SC has them)."""
    return char in SYNTHETIC and not _has_glyph(char)


def _draw_block(
    canvas: Image.Image, block: _Block, x: int, baseline: int, ink: tuple[int, int, int]
) -> None:
    """Draw `block` on `canvas` in `ink`, its first baseline at `baseline`."""
    ascent, descent = _font(block.size).getmetrics()
    top = max(0, baseline - ascent - 2)
    bottom = min(HEIGHT, baseline + block.height + descent + 2)
    mask = Image.new("L", (WIDTH, bottom - top), 0)
    draw = ImageDraw.Draw(mask)
    for index, line in enumerate(block.lines):
        # Each line's ink, not its first advance, starts at `x`: a large "1" is otherwise
        # visibly indented, and so is an opening mark 《 “ drawn at the right of its em.
        bearing = 0.0 if _drawn_as_bar(line[0]) else _ink(line[0])[0] * block.size
        y = baseline - top + index * block.step
        _draw_line(draw, line, x - bearing, y, block.size)
    # Palette indices must never be mixed, as pasting through the coverage would at the edges:
    # the background is index 0 and the blocks' ink never overlaps, so the larger index of the
    # canvas and the block's shades is, pixel by pixel, the one to keep.
    box = (0, top, WIDTH, bottom)
    canvas.paste(ImageChops.lighter(canvas.crop(box), mask.point(_INDEX[INKS.index(ink)])), box)


def _draw_line(draw: ImageDraw.ImageDraw, line: str, x: float, y: int, size: int) -> None:
    """Draw `line` as coverage, its baseline at `y`, starting at `x`."""
    for char in line:
        if _drawn_as_bar(char):
            left, top, right, bottom = _bar(char, size)
            draw.rectangle((round(x + left), y + top, round(x + right) - 1, y + bottom - 1), 255)
        elif char != " ":
            glyph, dx, dy = _glyph_mask(char, size)
            # Laid over what is there, as FreeType's own line is: neighbouring boxes overlap.
            draw.bitmap((round(x) + dx, y + dy), glyph, 255)
        x += _advance(char, size)


def _below(text: str, size: int) -> int:
    """How far the ink of `text` reaches below its baseline."""
    runs = _SYNTHETIC_RUN.split(text)[::2]  # bars, and the dashes they stand for, do not
    return max(_font(size).getbbox(run, anchor="ls")[3] if run else 0 for run in runs)


@_per_face
def _bar(char: str, size: int) -> tuple[float, int, float, int]:
    """Where the bar standing for `char` is drawn, from the left of its advance and from the
    baseline (negative is up), as the font's own hyphen or plus sign sits at `size`."""
    top, bottom = _ink("-")[1::2]
    thickness = max(1, round((bottom - top) * size))
    shape = SYNTHETIC[char]
    if shape is None:  # the minus sign: the plus sign's bar
        left, top, right, bottom = _ink("+")
        middle = (top + bottom) / 2 * size
        start = round(middle - thickness / 2)
        return left * size, start, right * size, start + thickness
    start = round(top * size)
    return shape[1] * size, start, shape[2] * size, start + thickness


@_per_face
def _glyph_mask(char: str, size: int) -> tuple[Image.Image, int, int]:
    """`char` at `size` as coverage, and where its top left sits from the pen on the baseline.
    Each is drawn by FreeType once a build and then only pasted: most of a card's time was
    FreeType drawing the same digits and letters again and again."""
    core, (dx, dy) = _font(size).getmask2(char, anchor="ls")
    return Image.frombytes("L", core.size, bytes(core)), dx, dy


@_per_face
def _ink(char: str) -> tuple[float, float, float, float]:
    """The box of `char`'s ink, in ems from the start of its baseline (negative is up)."""
    probe = 1000
    mask, (dx, dy) = _font(probe).getmask2(char, anchor="ls")
    box = mask.getbbox()
    if not box:
        return 0.0, 0.0, 0.0, 0.0
    left, top, right, bottom = box
    return (dx + left) / probe, (dy + top) / probe, (dx + right) / probe, (dy + bottom) / probe


@_per_face
def _font(size: int) -> ImageFont.FreeTypeFont:
    path = _face_file(_FACE.get())
    if path:
        # The basic layout, as Pillow's own font has: the same bytes whether or not the
        # machine has Raqm.
        return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
    # Pillow's own font, so the build needs no font file and draws the same on every machine.
    font = ImageFont.load_default(size=size)
    if not isinstance(font, ImageFont.FreeTypeFont):
        raise RuntimeError("share images need Pillow with FreeType support")
    return font


@_per_face
def _cap(size: int) -> int:
    """The height of a capital above the baseline; in Chinese, of an ideograph."""
    return round(-_ink(CAP_OF_FACE[_FACE.get()])[1] * size)


@_per_face
def _descent(size: int) -> int:
    return _font(size).getmetrics()[1]


@_per_face
def _glyph(char: str) -> tuple[tuple[int, int], bytes, float]:
    font = _font(48)
    mask = font.getmask(char)
    return mask.size, bytes(mask), font.getlength(char)


def _usable(char: str) -> bool:
    return len(char) == 1 and (char in SYNTHETIC or _has_glyph(char))


def _tidy(text: str) -> str:
    """`text` without what dropping characters left stranded: empty brackets or quotes, spaces
    before punctuation, and separators at either end."""
    text = " ".join(_EMPTY_PAIR.sub(" ", _EMPTY_WIDE_PAIR.sub("", text)).split())
    text = _STRANDED.sub("", _SPACE_BEFORE.sub("", text))
    return _TRAILING_JUNK.sub("", _LEADING_JUNK.sub("", text))
