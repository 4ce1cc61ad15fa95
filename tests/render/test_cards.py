"""The share images: what a social network fetches must be a 1200x630 PNG, the same bytes for the
same page, with its text inside the margins and no empty boxes for characters the font lacks."""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from microsite.render import cards
from microsite.render.cards import HEIGHT, WIDTH, card_png, drawable, has_glyph
from tests.conftest import REPO

SITE = "Zones in Numbers"
LONG_TITLE = " ".join(
    ["What the national-level zones weigh in China’s economy — output, trade and investment"] * 5
)
TYPOGRAPHY = "“Zones” ‘in’ numbers: 2014–2024 — 99% · −27.1 … 0123456789"


def image(data: bytes) -> Image.Image:
    opened = Image.open(io.BytesIO(data))
    assert opened.format == "PNG"
    return opened.convert("RGB")


def colours(picture: Image.Image, box: tuple[int, int, int, int]) -> set[tuple[int, int, int]]:
    return {colour for _, colour in picture.crop(box).getcolors(WIDTH * HEIGHT)}


def chunks(data: bytes) -> list[bytes]:
    """The chunk types of a PNG file, in order, each checked against its CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) == crc
        found.append(kind)
        at += 12 + length
    return found


def mapped(font_bytes: bytes) -> set[int]:
    """The code points the font's Unicode character map gives a glyph other than .notdef: an
    independent reading of the font file, against which has_glyph() is checked."""
    (tables,) = struct.unpack(">H", font_bytes[4:6])
    for index in range(tables):
        tag, _, offset, _ = struct.unpack(">4sIII", font_bytes[12 + 16 * index : 28 + 16 * index])
        if tag == b"cmap":
            cmap = offset
    (subtables,) = struct.unpack(">H", font_bytes[cmap + 2 : cmap + 4])
    for index in range(subtables):
        platform, encoding, offset = struct.unpack(
            ">HHI", font_bytes[cmap + 4 + 8 * index : cmap + 12 + 8 * index]
        )
        if (platform, encoding) in ((3, 1), (0, 3)):
            table = cmap + offset
    assert struct.unpack(">H", font_bytes[table : table + 2]) == (4,)
    (segments,) = struct.unpack(">H", font_bytes[table + 6 : table + 8])
    segments //= 2

    def array(start: int) -> tuple[int, ...]:
        return struct.unpack(f">{segments}H", font_bytes[start : start + 2 * segments])

    ends = array(table + 14)
    starts = array(table + 16 + 2 * segments)
    deltas = array(table + 16 + 4 * segments)
    range_at = table + 16 + 6 * segments
    ranges = array(range_at)
    found = set()
    for index in range(segments):
        for code in range(starts[index], ends[index] + 1):
            if ranges[index]:
                at = range_at + 2 * index + ranges[index] + 2 * (code - starts[index])
                (glyph,) = struct.unpack(">H", font_bytes[at : at + 2])
                glyph = (glyph + deltas[index]) % 65536 if glyph else 0
            else:
                glyph = (code + deltas[index]) % 65536
            if glyph:
                found.add(code)
    return found


MAPPED = mapped(cards._font(40).font_bytes)


def test_a_card_is_a_1200_by_630_png():
    data = card_png("From Dalian to a nationwide network", "232", "national-level zones", SITE)
    opened = Image.open(io.BytesIO(data))
    assert (opened.format, opened.size) == ("PNG", (1200, 630))
    assert (WIDTH, HEIGHT) == (1200, 630)


def test_the_same_page_gives_the_same_bytes_and_another_title_others():
    first = card_png(LONG_TITLE, "16.9", "trillion yuan of regional GDP, 2024", SITE)
    assert card_png(LONG_TITLE, "16.9", "trillion yuan of regional GDP, 2024", SITE) == first
    assert card_png("Another story", "16.9", "trillion yuan of regional GDP, 2024", SITE) != first
    assert card_png("What the zones weigh", None, None, SITE) != card_png(
        "What the zones weigh.", None, None, SITE
    )


def test_another_process_draws_the_same_bytes():
    # Fresh caches and another hash seed: nothing may depend on the order things were drawn in.
    args = ("The zones’ share — 2014–2024 · 大连", "−27.1%", "change, 2024", SITE)
    script = (
        "import hashlib, sys; from microsite.render.cards import card_png; "
        f"sys.stdout.write(hashlib.sha256(card_png(*{args!r})).hexdigest())"
    )
    other = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert other.stdout == hashlib.sha256(card_png(*args)).hexdigest()


def test_a_card_has_no_text_or_time_chunks():
    data = card_png("From Dalian to a nationwide network", "232", "national-level zones", SITE)
    found = chunks(data)
    assert found[0] == b"IHDR" and found[-1] == b"IEND"
    assert set(found) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}, found


@pytest.mark.parametrize(
    ("title", "figure", "caption", "site"),
    [
        (LONG_TITLE, "16.9", "trillion yuan of regional GDP, 2024 " * 8, SITE),
        (LONG_TITLE, None, None, SITE * 6),
        ("Supercalifragilistic" * 12, "16.9 trillion yuan, give or take a little", "x", SITE),
        ("W" * 300, "8" * 80, "W" * 300, "W" * 100),
    ],
)
def test_text_stays_inside_the_margins(title, figure, caption, site):
    picture = image(card_png(title, figure, caption, site))
    background = {cards.BACKGROUND}
    assert colours(picture, (WIDTH - 48, cards.BAR, WIDTH, HEIGHT)) == background  # right
    assert colours(picture, (0, HEIGHT - 40, WIDTH, HEIGHT)) == background  # bottom
    assert colours(picture, (0, cards.BAR, 48, HEIGHT)) == background  # left
    assert colours(picture, (0, cards.BAR, WIDTH, 48)) == background  # top, below the bar
    assert colours(picture, (0, 0, WIDTH, cards.BAR)) == {cards.ACCENT}


def pieces(*choices: str, most: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(choices), max_size=most).map("".join)


@settings(max_examples=25, deadline=None)
@given(
    title=pieces(*"aWm1 .,(", "—", "–", "大", "é", "\u00a0", "wwwwwwwwww", most=120),
    figure=st.none() | pieces(*"0189.% ", "−", "亿", "trillion", most=12),
    caption=st.none() | pieces(*"ayW ,", "年", "regional", most=60),
)
def test_no_text_overflows(title, figure, caption):
    picture = image(card_png(title, figure, caption, SITE))
    assert picture.size == (WIDTH, HEIGHT)
    assert colours(picture, (WIDTH - 48, cards.BAR, WIDTH, HEIGHT)) == {cards.BACKGROUND}
    assert colours(picture, (0, HEIGHT - 40, WIDTH, HEIGHT)) == {cards.BACKGROUND}


def test_a_figure_is_drawn_large_in_the_accent_colour():
    title = "What the zones weigh in China’s economy"
    without = card_png(title, None, None, SITE)
    with_figure = card_png(title, "16.9", "trillion yuan of regional GDP, 2024", SITE)
    assert with_figure != without
    below_bar = (0, cards.BAR, WIDTH, HEIGHT)
    assert cards.ACCENT not in colours(image(without), below_bar)
    assert cards.ACCENT in colours(image(with_figure), below_bar)
    # A caption without a figure says nothing, and is not drawn.
    assert card_png(title, None, "trillion yuan", SITE) == without


def test_typographic_characters_are_drawn():
    assert drawable(TYPOGRAPHY) == TYPOGRAPHY
    # The font lacks en and em dashes and the minus sign; the card draws them as bars.
    assert not {"–", "—", "−"} & {chr(code) for code in MAPPED}
    spaced = ink(card_png("2014 2024", None, None, SITE))
    drawn = {dash: ink(card_png(f"2014{dash}2024", None, None, SITE)) - spaced for dash in "-–—−"}
    assert all(pixels > 50 for pixels in drawn.values()), drawn
    assert drawn["—"] > drawn["–"] > drawn["-"], drawn


def ink(data: bytes) -> int:
    """How many pixels of the card are not the background."""
    picture = image(data)
    counts = picture.getcolors(WIDTH * HEIGHT)
    return sum(count for count, colour in counts if colour != cards.BACKGROUND)


def test_has_glyph_agrees_with_the_fonts_character_map():
    codes = [*range(0x3000), 0x4E2D, 0x5927, 0xFB01, 0xFB02, 0xFFFD, 0x1F600]
    wrong = [hex(code) for code in codes if has_glyph(chr(code)) != (code in MAPPED)]
    assert not wrong


def test_characters_the_font_lacks_are_never_drawn(monkeypatch):
    drawn: list[str] = []
    glyph_mask = cards._glyph_mask

    def recording(char, size):
        drawn.append(char)
        return glyph_mask(char, size)

    monkeypatch.setattr(cards, "_glyph_mask", recording)
    card_png(
        "From Dalian (大连) to 232 zones: 经济技术开发区 ★ ∑ café ¥16.9tn",
        "16.9 万亿",
        "trillion yuan (万亿元), 2024 ✓",
        "Zones in Numbers 数字",
    )
    assert drawn
    missing = {char for string in drawn for char in string if ord(char) not in MAPPED}
    assert not missing


def test_chinese_characters_leave_no_boxes():
    # Had any of them been drawn as the font's box, these would differ.
    assert card_png("Zones 中国 in 经济 numbers", None, None, SITE) == card_png(
        "Zones in numbers", None, None, SITE
    )
    assert card_png("From Dalian (大连)", "232", "zones 开发区", SITE) == card_png(
        "From Dalian", "232", "zones", SITE
    )
    # A title with nothing drawable gives the card of the site's name.
    assert card_png("国家级经济技术开发区", None, None, SITE) == card_png("", None, None, SITE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ürümqi and Xiamen’s café", "Urumqi and Xiamen’s cafe"),
        ("¥16.9 trillion", "CNY 16.9 trillion"),
        ("Zones (开发区): 232", "Zones: 232"),
        ("深圳（Shenzhen）、上海", "(Shenzhen)"),
        ("16.9\u00a0trillion\u2009yuan\u200b", "16.9 trillion yuan"),
        ("a\u2010b \u2012 c \u2015 d • e", "a-b – c — d · e"),
        ("  spaced\n\tout  ", "spaced out"),
    ],
)
def test_drawable(text, expected):
    assert drawable(text) == expected


def test_every_substitute_can_be_drawn():
    for substitute in cards.SUBSTITUTES.values():
        assert all(char == " " or cards._usable(char) for char in substitute), substitute
