#!/usr/bin/env python3
# Writes tests/data/gradient.png: a 48x32 RGB gradient, the image the EPUB tests embed.
import struct, sys, zlib, os

w, h = 48, 32
rows = b"".join(b"\x00" + bytes(v for x in range(w) for v in (x * 5, y * 7, 160)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "gradient.png")
open(out, "wb").write(png)
