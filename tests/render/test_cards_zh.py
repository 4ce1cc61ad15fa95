"""The share images of Chinese pages: set in Noto Sans SC from a pinned package, the same bytes for
the same page, every character drawn from a glyph of its own, and lines broken where Chinese
breaks them."""

from __future__ import annotations

import hashlib
import importlib.metadata
import subprocess
import sys

import pytest
from PIL import ImageFont

from microsite.errors import BuildFailed
from microsite.render import cards
from microsite.render.cards import card_png, drawable, font_file, has_glyph
from microsite.render.page import KeyFigure, Page
from microsite.render.site_files import share_images
from tests.conftest import REPO
from tests.render.test_cards import colours, image, mapped

SITE = "数说国家级经开区"
GDP = ("国家级经开区的地区生产总值", "16.9万亿元", "国家级经开区地区生产总值，2024年", SITE)
# The file pylopdf-fonts-zh-cn 0.1.1 installs, as its README gives the hash of the upstream
# file (notofonts/noto-cjk, Sans/SubsetOTF/SC): a new release of the package must be looked at
# (its licence, its glyphs, the cards it draws) before the pin moves.
FONT_SHA256 = "faa6c9df652116dde789d351359f3d7e5d2285a2b2a1f04a2d7244df706d5ea9"
FONT = font_file("zh")
MAPPED = mapped(FONT.read_bytes())


def drawn_lines(monkeypatch: pytest.MonkeyPatch, *args: str | None) -> list[list[str]]:
    """The lines of each block of a Chinese card, as they are drawn: site, caption, figure,
    title."""
    blocks: list[list[str]] = []
    draw_block = cards._draw_block

    def recording(canvas, block, x, baseline, ink):
        blocks.append(list(block.lines))
        return draw_block(canvas, block, x, baseline, ink)

    monkeypatch.setattr(cards, "_draw_block", recording)
    card_png(*args, language="zh")
    return blocks


def test_the_font_is_the_pinned_noto_sans_sc_under_the_ofl():
    assert hashlib.sha256(FONT.read_bytes()).hexdigest() == FONT_SHA256
    assert ImageFont.truetype(str(FONT), 20).getname() == ("Noto Sans SC", "Regular")
    package = importlib.metadata.distribution("pylopdf-fonts-zh-cn")
    assert package.version == "0.1.1"
    licences = [file for file in package.files or () if file.name == "LICENSE"]
    assert licences, "the package ships no licence file"
    assert "SIL OPEN FONT LICENSE Version 1.1" in licences[0].read_text()


def test_a_chinese_card_is_the_same_bytes_each_time_and_in_another_process():
    first = card_png(*GDP, language="zh")
    assert card_png(*GDP, language="zh") == first
    script = (
        "import hashlib, sys; from microsite.render.cards import card_png; "
        f"sys.stdout.write(hashlib.sha256(card_png(*{GDP!r}, language='zh')).hexdigest())"
    )
    other = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert other.stdout == hashlib.sha256(first).hexdigest()
    assert card_png("经开区的分量", *GDP[1:], language="zh") != first


def test_a_chinese_page_draws_its_chinese_and_an_english_page_drops_it():
    # On an English page (Pillow's own font) the title has nothing drawable, and the card is
    # the site's name alone; in Chinese, it is the title.
    english = card_png("国家级经济技术开发区", None, None, "Zones in Numbers")
    assert english == card_png("", None, None, "Zones in Numbers")
    chinese = card_png("国家级经济技术开发区", None, None, "Zones in Numbers", language="zh")
    assert chinese != english
    assert chinese != card_png("", None, None, "Zones in Numbers", language="zh")


def test_every_character_is_drawn_from_a_glyph_of_its_own(monkeypatch):
    text = "".join(GDP) + "超过8.5万家“开发区”《工作方案》、；：！？（）——…·18%以上"
    missing = sorted({char for char in text if ord(char) not in MAPPED})
    assert not missing  # the font's own character map, read without FreeType
    assert all(has_glyph(char, "zh") for char in text)
    assert not has_glyph("\U0001f600", "zh")  # and has_glyph can say no
    drawn: list[str] = []
    glyph_mask = cards._glyph_mask

    def recording(char, size):
        drawn.append(char)
        return glyph_mask(char, size)

    monkeypatch.setattr(cards, "_glyph_mask", recording)
    card_png(text, "超过8.5万家", "经开区内的高新技术企业，2024年", SITE, language="zh")
    assert set(text.replace(" ", "")) <= set(drawn)
    assert all(ord(char) in MAPPED for char in drawn)


def test_full_width_punctuation_is_kept():
    text = "经开区，2024年：“开发区大有希望。”《工作方案》、（试行）！？"
    assert drawable(text, "zh") == text
    assert drawable(text) != text  # the English face replaces or drops them
    # What the font lacks is dropped, and nothing it leaves stranded stays: no empty brackets.
    assert drawable("大连（\U0001f600）开发区，\U0001f600", "zh") == "大连开发区"


def wrapped(title: str, size: int = 68) -> list[str]:
    """`title`'s lines on a Chinese card at `size`: 15 ideographs fill a line at 68 px."""
    with cards._set_in("zh"):
        return [line.text for line in cards._wrap(title, size, cards.WIDTH - 2 * cards.MARGIN)]


def test_a_line_holds_as_many_ideographs_as_fit():
    assert wrapped("经" * 40) == ["经" * 15, "经" * 15, "经" * 10]


@pytest.mark.parametrize("mark", ["，", "。", "、", "：", "；", "！", "？", "）", "」", "』", "》"])
def test_no_line_starts_with_closing_punctuation(mark):
    # Where the mark would start the second line, the character before it goes with it.
    assert wrapped("经" * 15 + mark + "开发区") == ["经" * 14, "经" + mark + "开发区"]
    assert wrapped("经" * 14 + mark + "开发区") == ["经" * 14 + mark, "开发区"]


@pytest.mark.parametrize("mark", ["（", "「", "『", "《"])
def test_no_line_ends_with_opening_punctuation(mark):
    # Where the mark would end the first line, it starts the second.
    assert wrapped("经" * 14 + mark + "开发区" + "》") == ["经" * 14, mark + "开发区》"]


def test_a_break_never_separates_marks_that_go_together():
    # Two closing marks, or a closing and an opening: the line ends after both, or before.
    assert wrapped("经" * 14 + "。”" + "开发区") == ["经" * 13, "经。”开发区"]
    assert wrapped("经" * 14 + "——" + "开发区") == ["经" * 13, "经——开发区"]


def test_a_chinese_title_wraps_between_characters_and_keeps_numbers_whole(monkeypatch):
    title = "国家级经开区的地区生产总值在2019年至2024年间逐年上升，占全国的十分之一以上"
    site, *_, lines = drawn_lines(monkeypatch, title, *GDP[1:])
    assert site == [SITE]
    assert len(lines) > 1 and "".join(lines) == title
    assert all(any(year in line for line in lines) for year in ("2019年", "2024年"))


def test_a_mixed_chinese_and_latin_title(monkeypatch):
    title = "苏州工业园区（Suzhou Industrial Park）连续9年排名第一：GDP与FDI的故事"
    assert drawable(title, "zh") == title
    *_, lines = drawn_lines(monkeypatch, title, "9", "连续排名第一的次数，2023年", SITE)
    assert len(lines) > 1
    # Broken at a space or between Chinese characters: nothing lost, no word or number cut.
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    for whole in ("Suzhou", "Industrial", "Park", "9年", "GDP", "FDI"):
        assert any(whole in line for line in lines), (whole, lines)


def test_an_ideograph_is_a_whole_em_wide():
    with cards._set_in("zh"):
        assert cards._advance("国", 68) == 68
        assert cards._advance("，", 68) == 68
        assert cards._length("国家级经开区，", 40) == 7 * 40
        assert 0 < cards._advance("8", 68) < 68  # digits are proportional


def test_a_title_too_long_is_cut_short_with_an_ellipsis(monkeypatch):
    title = "国家级经开区" * 30
    *_, lines = drawn_lines(monkeypatch, title, *GDP[1:])
    assert len(lines) <= cards.TITLE_LINES
    assert lines[-1].endswith(cards.ELLIPSIS)
    assert title.startswith("".join(lines)[:-1])


def test_chinese_text_stays_inside_the_margins():
    picture = image(
        card_png("经开区" * 80, "16.9万亿元" * 5, "地区生产总值，" * 20, SITE * 9, "zh")
    )
    background = {cards.BACKGROUND}
    assert colours(picture, (cards.WIDTH - 48, cards.BAR, cards.WIDTH, cards.HEIGHT)) == background
    assert colours(picture, (0, cards.HEIGHT - 40, cards.WIDTH, cards.HEIGHT)) == background
    assert colours(picture, (0, cards.BAR, 48, cards.HEIGHT)) == background
    assert colours(picture, (0, cards.BAR, cards.WIDTH, 48)) == background


def page(path: str, title: str, language: str, figure: KeyFigure | None = None) -> Page:
    return Page(path, "page.html", title, "", figure=figure, language=language)


def test_each_page_gets_a_card_in_its_language_with_the_sites_name_in_it():
    pages = [
        page("index.html", "Zones in Numbers", "en", KeyFigure("232", "national-level zones")),
        page("zh/index.html", "数说国家级经开区", "zh", KeyFigure("232家", "国家级经开区，2024年")),
        page("zh/search/index.html", "搜索", "zh"),
    ]
    images = share_images(pages, "Zones in Numbers", {"zh": SITE})
    assert images == {
        "share.png": cards.Card(
            "Zones in Numbers", "232", "national-level zones", "Zones in Numbers"
        ),
        "zh/share.png": cards.Card("数说国家级经开区", "232家", "国家级经开区，2024年", SITE, "zh"),
        "zh/search/share.png": cards.Card("搜索", None, None, SITE, "zh"),
    }
    assert share_images(pages[2:], "Zones in Numbers")["zh/search/share.png"].site_title == (
        "Zones in Numbers"
    )


def test_a_missing_font_package_is_a_clear_build_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pylopdf_fonts_zh_cn", None)  # import fails
    english = [page("index.html", "Zones in Numbers", "en")]
    assert share_images(english, "Zones in Numbers")  # English needs no package
    with pytest.raises(BuildFailed) as failed:
        share_images([*english, page("zh/index.html", "数说", "zh")], "Zones in Numbers")
    (error,) = failed.value.errors
    assert (error.path, error.line) == ("pyproject.toml", None)
    assert (
        error.message
        == "the font of the Chinese share images (pylopdf-fonts-zh-cn) is not installed"
    )
    assert "pip install -e ." in error.hint
