#!/usr/bin/env python3
"""Counts the pixels of given colours in a PNG screenshot, with the standard library only.

Usage: colours.py SHOT.png RRGGBB[:MIN] ...
Prints each colour with its pixel count, and exits 1 when a colour has fewer than MIN pixels
(default 1). The browser test uses it to see that an edit mark was painted in its colour, which
the DOM alone cannot tell. Reads 8-bit RGB or RGBA PNGs without interlacing, as Chromium writes
its screenshots.
"""
import struct
import sys
import zlib


def chunks(data):
    """The (type, body) chunks of a PNG file."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    at = 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        yield kind, data[at + 8 : at + 8 + length]
        at += 12 + length


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def rows(path):
    """The image's rows as bytes, one pixel every `step` bytes, and `step`."""
    with open(path, "rb") as f:
        data = f.read()
    idat = b""
    for kind, body in chunks(data):
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    step = {2: 3, 6: 4}.get(colour)
    if depth != 8 or step is None or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(idat)
    stride = width * step
    prev = bytearray(stride)
    out = []
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(step, stride):
                line[i] = (line[i] + line[i - step]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - step] if i >= step else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                left = line[i - step] if i >= step else 0
                upleft = prev[i - step] if i >= step else 0
                line[i] = (line[i] + paeth(left, prev[i], upleft)) & 255
        out.append(bytes(line))
        prev = line
    return out, step


def count(path, wanted):
    """Pixels of each wanted (r, g, b) colour."""
    lines, step = rows(path)
    counts = {c: 0 for c in wanted}
    for line in lines:
        for i in range(0, len(line), step):
            rgb = (line[i], line[i + 1], line[i + 2])
            if rgb in counts:
                counts[rgb] += 1
    return counts


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    wanted = {}
    for arg in argv[2:]:
        hexa, _, least = arg.partition(":")
        rgb = tuple(int(hexa[i : i + 2], 16) for i in (0, 2, 4))
        wanted[rgb] = (hexa, int(least or 1))
    counts = count(argv[1], wanted)
    failed = False
    for rgb, (hexa, least) in wanted.items():
        print(f"#{hexa}: {counts[rgb]} pixels")
        failed |= counts[rgb] < least
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
