"""A palette image as PNG bytes, compressed with the standard library's zlib at level 1.

Pillow draws the share images, but with its PNG encoder (at level 2) a card took 4.3 ms; with
the PNG written here, four fixed chunks around rows compressed at level 1, it takes 3.3 ms, for
files a tenth larger (24 KB a card). The rows are left unfiltered, as a palette image should
be (PNG specification, 12.8).

zlib's output depends only on the data, the level and the zlib Python was built with (here
Debian's 1.2.13): the same card is the same bytes in every process and every build on one
machine. ISA-L, tried for speed (0.3 ms a card instead of 1.8), now and then gave a card other
bytes (7 of 12,753; the same pixels) on a later build in the same process: one test run in ten
on a busy machine. A site must not change when nothing in it has."""

from __future__ import annotations

import struct
import zlib

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEVEL = 1  # 3 is a tenth slower and smaller; 4 and above twice as slow, a quarter smaller
NO_FILTER = b"\x00"
BAND_ROWS = 48  # 58 KB of a card: below the size malloc takes straight from the system


def palette_png(image: Image.Image, palette: bytes) -> bytes:
    """`image` (8 bits a pixel, each a palette index) as a PNG with `palette` (RGB triples).
    No text, time or size chunks: equal images give equal bytes."""
    if image.mode not in ("L", "P") or not 0 < len(palette) <= 3 * 256 or len(palette) % 3:
        raise ValueError("an image of palette indices and at most 256 colours is needed")
    width, height = image.size
    compressor = zlib.compressobj(LEVEL)
    compressed = []
    # A band of rows at a time: the whole image as one block of bytes (750 KB for a card) is
    # handed back to the system when freed, and taking it again cost more than compressing.
    for top in range(0, height, BAND_ROWS):
        band = image.crop((0, top, width, min(top + BAND_ROWS, height))).tobytes()
        rows = NO_FILTER.join(band[start : start + width] for start in range(0, len(band), width))
        compressed.append(compressor.compress(NO_FILTER + rows))
    compressed.append(compressor.flush())
    bit_depth, palette_colour = 8, 3
    header = struct.pack(">IIBBBBB", width, height, bit_depth, palette_colour, 0, 0, 0)
    return b"".join(
        (
            SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", palette),
            _chunk(b"IDAT", b"".join(compressed)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
