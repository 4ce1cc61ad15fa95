"""A palette PNG written by the engine reads back, in Pillow, as the image it was given."""

import io
import random

import pytest
from PIL import Image

from microsite.png import palette_png
from tests.test_cards import chunks


def test_a_palette_image_reads_back_pixel_for_pixel():
    rng = random.Random(7)
    width, height = 37, 11  # rows of an odd length: the row boundaries must fall right
    pixels = bytes(rng.randrange(5) for _ in range(width * height))
    palette = bytes(rng.randrange(256) for _ in range(5 * 3))
    data = palette_png(pixels, width, height, palette)
    assert chunks(data) == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]  # and every CRC right
    Image.open(io.BytesIO(data)).verify()
    opened = Image.open(io.BytesIO(data))
    assert (opened.format, opened.mode, opened.size) == ("PNG", "P", (width, height))
    assert opened.tobytes() == pixels
    assert opened.getpalette() == list(palette)


def test_the_same_image_gives_the_same_bytes():
    pixels = bytes(range(256)) * 4
    assert palette_png(pixels, 64, 16, bytes(768)) == palette_png(pixels, 64, 16, bytes(768))


@pytest.mark.parametrize(
    ("pixels", "palette"),
    [(bytes(10), bytes(3)), (bytes(12), b""), (bytes(12), bytes(4)), (bytes(12), bytes(771))],
)
def test_pixels_or_a_palette_that_do_not_fit_are_refused(pixels, palette):
    with pytest.raises(ValueError):
        palette_png(pixels, 4, 3, palette)
