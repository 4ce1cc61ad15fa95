"""The share image of a page (Open Graph and Twitter card), drawn at build time with Pillow.

Longer than 400 lines on purpose: fitting, wrapping, measuring and drawing share one set of
font metrics and glyph fixes (below), which only make sense read together.

No browser, no network and no font file: text is set in the font Pillow carries inside itself,
`ImageFont.load_default(size=...)` (Aileron Regular since Pillow 10.1, drawn with FreeType,
which Pillow's wheels include). It is loaded with Pillow's basic layout, not Raqm, so a card does
not depend on what the machine has installed, and the same arguments give the same bytes with the
same Pillow.

That font covers little beyond ASCII, so text is made drawable before it is measured:

- a character the font has is kept (typographic quotes, the middle dot, the ellipsis, ° ± © « »);
- en dash, em dash and minus sign, which it lacks, are drawn as bars placed and sized from the
  font's own hyphen and plus sign;
- a few others are replaced: Unicode spaces by a space, other dashes and hyphens by the nearest
  one above, the bullet by the middle dot, ¥ € £ by CNY EUR GBP, Chinese punctuation by its
  Latin counterpart;
- anything else is decomposed (é becomes e, ½ becomes 1⁄2) and what is still missing, Chinese
  characters among them, is dropped, along with brackets and quotes it leaves empty; a card never
  shows the font's empty box. When nothing of a title is left, the site's name takes its place.

Whether the font has a character is asked of the font itself: FreeType draws a character missing
from the font's character map as glyph 0, `.notdef`, so a character whose image and advance are
those of U+FFFF (a noncharacter, which no font maps) is missing. Asking the font, rather than
keeping a list of what it covers, stays right if Pillow ever ships a larger font.

The card is a palette image. Text is drawn as coverage, 0 to 255, into a mask per block (a block
has one colour), and each coverage is mapped to one of 85 shades between the background and that
colour. One byte a pixel instead of three makes the PNG about a third of the size and four times
quicker to compress, with no visible loss.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

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

ELLIPSIS = "…"
NOT_IN_ANY_FONT = "\uffff"

# Characters the font lacks that are drawn as a bar: (width, bar start, bar end) in ems, or None
# for the plus sign's own box; the bar sits at the hyphen's height (the minus at the plus's).
SYNTHETIC = {"\u2013": (0.5, 0.0, 0.5), "\u2014": (1.0, 0.0, 1.0), "\u2212": None}
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
_SYNTHETIC_RUN = re.compile(f"([{''.join(SYNTHETIC)}])")
_EMPTY_PAIR = re.compile(r"\(\s*\)|\[\s*\]|“\s*”|‘\s*’|\"\s*\"|«\s*»")
_SPACE_BEFORE = re.compile(r" +(?=[,.;:!?)\]])")
_STRANDED = re.compile(r"[,;:](?=[,.;:!?])")  # a separator before other punctuation
_LEADING_JUNK = re.compile(r"^[\s,.;:·–—]+")
_TRAILING_JUNK = re.compile(r"[\s,;:·–—]+$")

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


@dataclass(frozen=True)
class Card:
    """A page's share image, drawn only when it is written: a site of thousands of pages never
    holds all its images in memory, and an image whose card is unchanged is not drawn again."""

    title: str
    figure: str | None
    figure_caption: str | None
    site_title: str

    def data(self) -> bytes:
        return card_png(self.title, self.figure, self.figure_caption, self.site_title)


def card_png(title: str, figure: str | None, figure_caption: str | None, site_title: str) -> bytes:
    """The share image of a page: PNG, 1200x630, with the site's name, the page's title and,
    when the page has one, its key figure (e.g. figure="232",
    figure_caption="national-level zones, 2024")."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)  # palette indices, 0 the background
    canvas.paste(_INDEX[INKS.index(ACCENT)][255], (0, 0, WIDTH, BAR))
    width = WIDTH - 2 * MARGIN

    heading = drawable(title)
    site = _fit(drawable(site_title), [SITE_SIZE], width, HEIGHT, 1)
    baseline = MARGIN + _cap(SITE_SIZE)
    if heading:
        _draw_block(canvas, site, MARGIN, baseline, MUTED)
    else:  # nothing of the title can be drawn: the site's name takes its place
        heading = drawable(site_title)
    top = baseline + 44  # where the title's capitals begin
    bottom = HEIGHT - MARGIN  # the last baseline, or the lowest descender of a title

    figure = drawable(figure or "")
    if figure:
        caption = _fit(drawable(figure_caption or ""), CAPTION_SIZES, width, 200, CAPTION_LINES)
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


def drawable(text: str) -> str:
    """`text` with every character the card's font cannot draw replaced or dropped."""
    kept: list[str] = []
    dropped = False
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif char in SUBSTITUTES:
            kept.append(SUBSTITUTES[char])
        elif _usable(char):
            kept.append(char)
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


@functools.cache
def has_glyph(char: str) -> bool:
    """Whether the card's font draws `char` with a glyph of its own, not as `.notdef`."""
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
            return _Block(size, tuple(lines))
    size = sizes[-1]
    room = min(max_lines, _lines_in(size, height))
    lines = _wrap(text, size, width)
    last = _ellipsize(" ".join(lines[room - 1 :]), size, width)
    return _Block(size, (*lines[: room - 1], last))


def _lines_in(size: int, height: int) -> int:
    step = round(size * LEADING)
    return max(1, (height - _cap(size) - _descent(size)) // step + 1)


def _wrap(text: str, size: int, width: int) -> list[str]:
    """Lines of `text` no wider than `width`, broken between words, and inside a word only
    where the word alone is wider."""
    lines: list[str] = []
    current, current_length = "", 0.0
    space = _advance(" ", size)
    for word in text.split(" "):
        word_length = _length(word, size)
        if current and current_length + space + word_length <= width:
            current, current_length = f"{current} {word}", current_length + space + word_length
            continue
        if not current and word_length <= width:
            current, current_length = word, word_length
            continue
        if current:
            lines.append(current)
        while _length(word, size) > width:
            cut = max(1, _longest_prefix(word, size, width))
            lines.append(word[:cut])
            word = word[cut:]
        current, current_length = word, _length(word, size)
    if current:
        lines.append(current)
    return lines


def _ellipsize(text: str, size: int, width: int) -> str:
    if _length(text, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and _length(" ".join(words) + ELLIPSIS, size) > width:
        words.pop()
    short = " ".join(words)
    while short and _length(short + ELLIPSIS, size) > width:
        short = short[:-1]
    return short.rstrip(" ,;:·–—-") + ELLIPSIS


def _longest_prefix(text: str, size: int, width: int) -> int:
    """The number of leading characters of `text` that fit `width`."""
    total = 0.0
    for index, char in enumerate(text):
        total += _advance(char, size)
        if total > width:
            return index
    return len(text)


def _length(text: str, size: int) -> float:
    # The bundled font has no kerning table for the basic layout to apply, so a line is as
    # wide as the sum of its characters' advances, as _draw_line places them.
    return sum(_advance(char, size) for char in text)


@functools.cache
def _advance(char: str, size: int) -> float:
    if char in SYNTHETIC:
        shape = SYNTHETIC[char]
        return shape[0] * size if shape else _font(size).getlength("+")
    return _font(size).getlength(char)


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
        # visibly indented.
        bearing = 0.0 if line[0] in SYNTHETIC else _ink(line[0])[0] * block.size
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
        if char in SYNTHETIC:
            left, top, right, bottom = _bar(char, size)
            draw.rectangle((round(x + left), y + top, round(x + right) - 1, y + bottom - 1), 255)
        elif char != " ":
            glyph, dx, dy = _glyph_mask(char, size)
            # Laid over what is there, as FreeType's own line is: neighbouring boxes overlap.
            draw.bitmap((round(x) + dx, y + dy), glyph, 255)
        x += _advance(char, size)


def _below(text: str, size: int) -> int:
    """How far the ink of `text` reaches below its baseline."""
    runs = _SYNTHETIC_RUN.split(text)[::2]  # bars do not reach below
    return max(_font(size).getbbox(run, anchor="ls")[3] if run else 0 for run in runs)


@functools.cache
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


@functools.cache
def _glyph_mask(char: str, size: int) -> tuple[Image.Image, int, int]:
    """`char` at `size` as coverage, and where its top left sits from the pen on the baseline.
    Each is drawn by FreeType once a build and then only pasted: most of a card's time was
    FreeType drawing the same digits and letters again and again."""
    core, (dx, dy) = _font(size).getmask2(char, anchor="ls")
    return Image.frombytes("L", core.size, bytes(core)), dx, dy


@functools.cache
def _ink(char: str) -> tuple[float, float, float, float]:
    """The box of `char`'s ink, in ems from the start of its baseline (negative is up)."""
    probe = 1000
    mask, (dx, dy) = _font(probe).getmask2(char, anchor="ls")
    box = mask.getbbox()
    if not box:
        return 0.0, 0.0, 0.0, 0.0
    left, top, right, bottom = box
    return (dx + left) / probe, (dy + top) / probe, (dx + right) / probe, (dy + bottom) / probe


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's own font, so the build needs no font file and draws the same on every machine.
    font = ImageFont.load_default(size=size)
    if not isinstance(font, ImageFont.FreeTypeFont):
        raise RuntimeError("share images need Pillow with FreeType support")
    return font


@functools.cache
def _cap(size: int) -> int:
    """The height of a capital above the baseline."""
    return round(-_ink("H")[1] * size)


@functools.cache
def _descent(size: int) -> int:
    return _font(size).getmetrics()[1]


@functools.cache
def _glyph(char: str) -> tuple[tuple[int, int], bytes, float]:
    font = _font(48)
    mask = font.getmask(char)
    return mask.size, bytes(mask), font.getlength(char)


def _usable(char: str) -> bool:
    return len(char) == 1 and (char in SYNTHETIC or has_glyph(char))


def _tidy(text: str) -> str:
    """`text` without what dropping characters left stranded: empty brackets or quotes, spaces
    before punctuation, and separators at either end."""
    text = " ".join(_EMPTY_PAIR.sub(" ", text).split())
    text = _STRANDED.sub("", _SPACE_BEFORE.sub("", text))
    return _TRAILING_JUNK.sub("", _LEADING_JUNK.sub("", text))
