"""Reading what the export produced: text from a PDF, and where a page has ink."""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader

# Line ends may hyphenate a word and long runs carry invisible break opportunities: text is
# compared without whitespace, hyphens, zero-width spaces and soft hyphens.
_SQUASH = re.compile(r"[\s\u200b\u00ad\-‐‑]+")


def squash(text: str) -> str:
    return _SQUASH.sub("", text)


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(pdf).pages)


# The running header sits above and the footer below these heights (PDF points from the
# bottom of an A4 page); between them is the body, which flows across pages.
_BODY = (60.0, 780.0)


def body_text(pdf: bytes) -> str:
    """The text of every page without its running header and footer, so a paragraph broken
    across pages reads as one."""
    parts: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], *_args: object) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if _BODY[0] < y < _BODY[1]:
            parts.append(text)

    for page in reader(pdf).pages:
        page.extract_text(visitor_text=visit)
        parts.append("\n")
    return "".join(parts)


def alt_texts(pdf: bytes) -> list[str]:
    """The ``/Alt`` descriptions in the tagged PDF's structure tree."""
    root = reader(pdf).trailer["/Root"]
    found: list[str] = []

    def walk(node: Any, depth: int = 0) -> None:
        node = node.get_object()
        if depth > 200:
            return
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                walk(kids, depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(root["/StructTreeRoot"])
    return found


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def png_rows(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered rows of an 8-bit RGB(A) PNG (what Typst writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, data = 8, b""
    width = height = channels = 0
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, body = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            data += body
        at += 12 + length
    raw = zlib.decompress(data)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            line[x] = (
                line[x] + (0, left, up, (left + up) // 2, _paeth(left, up, corner))[kind]
            ) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def inked_columns(png: bytes) -> Iterator[int]:
    """The x of every pixel that is not (nearly) white."""
    width, _height, rows = png_rows(png)
    channels = len(rows[0]) // width
    for row in rows:
        for x in range(width):
            pixel = row[x * channels : x * channels + 3]
            if min(pixel) < 235:
                yield x
