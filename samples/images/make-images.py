#!/usr/bin/env python3
"""Writes the sample images (small PNGs) with zlib only, so they can be rebuilt anywhere:
   python3 samples/images/make-images.py"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def png(path, width, height, pixel):
    """pixel(x, y) -> (r, g, b); writes an 8-bit RGB PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    data = (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)


def bar_chart(x, y):
    """Four bars of rising height on a light background: input, model, layout, output."""
    width, height, bars = 240, 120, 4
    slot = width // bars
    bar = x // slot
    inside = 12 <= x % slot <= slot - 12
    top = height - 20 - (bar + 1) * 22
    colours = [(66, 103, 178), (46, 139, 87), (218, 165, 32), (178, 34, 34)]
    if inside and top <= y < height - 10:
        return colours[bar]
    if y == height - 10:
        return (60, 60, 60)
    return (246, 244, 238)


def tricolour(x, y):
    """A small stylised flag for the French sample."""
    return [(0, 85, 164), (255, 255, 255), (239, 65, 53)][min(x // 40, 2)]


if __name__ == "__main__":
    png(os.path.join(HERE, "pipeline-chart.png"), 240, 120, bar_chart)
    png(os.path.join(HERE, "drapeau.png"), 120, 80, tricolour)
