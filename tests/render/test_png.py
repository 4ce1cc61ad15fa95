"""A palette PNG written by the engine reads back, in Pillow, as the image it was given."""

import io
import random

import pytest
from PIL import Image

from microsite.render.png import BAND_ROWS, palette_png
from tests.render.test_cards import chunks


def test_a_palette_image_reads_back_pixel_for_pixel():
    rng = random.Random(7)
    # Rows of an odd length, and more than a band of them: every row must start where it did.
    width, height = 37, BAND_ROWS * 2 + 5
    pixels = bytes(rng.randrange(5) for _ in range(width * height))
    palette = bytes(rng.randrange(256) for _ in range(5 * 3))
    data = palette_png(Image.frombytes("L", (width, height), pixels), palette)
    assert chunks(data) == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]  # and every CRC right
    Image.open(io.BytesIO(data)).verify()
    opened = Image.open(io.BytesIO(data))
    assert (opened.format, opened.mode, opened.size) == ("PNG", "P", (width, height))
    assert opened.tobytes() == pixels
    assert opened.getpalette() == list(palette)


def test_the_same_image_gives_the_same_bytes():
    image = Image.frombytes("L", (64, 16), bytes(range(256)) * 4)
    assert palette_png(image, bytes(768)) == palette_png(image.copy(), bytes(768))


@pytest.mark.parametrize(
    ("mode", "palette"),
    [("RGB", bytes(3)), ("L", b""), ("L", bytes(4)), ("L", bytes(771)), ("1", bytes(6))],
)
def test_an_image_or_a_palette_that_does_not_fit_is_refused(mode, palette):
    with pytest.raises(ValueError):
        palette_png(Image.new(mode, (4, 3)), palette)
