"""The fonts the PDF is set in, and which characters they can show.

Every font is bundled (``fonts/``, each family with its OFL licence) and the compiler is told
to ignore the system's fonts and Typst's own, so a workbook gives the same PDF on every
machine. Knowing exactly which fonts exist also lets us know which characters have a glyph:
:func:`font_coverage` reads the character maps of the bundled files, and text outside them is
replaced visibly before typesetting instead of becoming an empty box.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

if TYPE_CHECKING:
    import typst

__all__ = ["FONT_FOLDER", "font_coverage", "font_files", "typst_fonts"]

FONT_FOLDER: Final = Path(__file__).resolve().parent / "fonts"
_FONT_SUFFIXES: Final = (".ttf", ".otf")

# Character-map subtables that map Unicode: (platform, encoding). Platform 0 is Unicode,
# platform 3 encoding 1 is Windows BMP and encoding 10 Windows full repertoire.
_UNICODE_SUBTABLES: Final = {(0, 3), (0, 4), (0, 6), (3, 1), (3, 10)}


def font_files() -> list[Path]:
    """The bundled font files, in a stable order."""
    return sorted(p for p in FONT_FOLDER.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES)


@functools.cache
def typst_fonts() -> typst.Fonts:
    """The bundled fonts as Typst sees them: no system fonts, no fonts built into Typst."""
    import typst  # noqa: PLC0415 - with the first export, see _pipeline

    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(FONT_FOLDER)],
    )


@functools.cache
def font_coverage() -> frozenset[int]:
    """Every code point some bundled font has a glyph for."""
    covered: set[int] = set()
    for path in font_files():
        with path.open("rb") as handle:
            covered.update(_mapped_code_points(handle))
    return frozenset(covered)


def _read(handle: BinaryIO, offset: int, size: int) -> bytes:
    handle.seek(offset)
    data = handle.read(size)
    if len(data) != size:
        msg = f"font file {handle.name!r} is truncated"
        raise ValueError(msg)
    return data


def _mapped_code_points(handle: BinaryIO) -> Iterable[int]:
    """The code points of a font's Unicode character maps (OpenType ``cmap``, formats 4 and
    12, which every modern font carries; the others add nothing for Unicode text)."""
    _version, table_count = struct.unpack(">IH", _read(handle, 0, 6))
    records = _read(handle, 12, 16 * table_count)
    cmap_offset = None
    for index in range(table_count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", records, 16 * index)
        if tag == b"cmap":
            cmap_offset = offset
    if cmap_offset is None:
        return
    _cmap_version, subtable_count = struct.unpack(">HH", _read(handle, cmap_offset, 4))
    encodings = _read(handle, cmap_offset + 4, 8 * subtable_count)
    subtables: dict[int, int] = {}
    for index in range(subtable_count):
        platform, encoding, offset = struct.unpack_from(">HHI", encodings, 8 * index)
        if (platform, encoding) in _UNICODE_SUBTABLES:
            start = cmap_offset + offset
            (subtable_format,) = struct.unpack(">H", _read(handle, start, 2))
            subtables.setdefault(subtable_format, start)
    # Format 12 holds everything format 4 does and more, so one of them is enough.
    if 12 in subtables:
        yield from _format_12(handle, subtables[12])
    elif 4 in subtables:
        yield from _format_4(handle, subtables[4])


def _format_4(handle: BinaryIO, start: int) -> Iterable[int]:
    """Segment mapping to delta values (the Basic Multilingual Plane)."""
    _format, length = struct.unpack(">HH", _read(handle, start, 4))
    table = _read(handle, start, length)
    segments = struct.unpack_from(">H", table, 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, 14)
    starts = struct.unpack_from(f">{segments}H", table, 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", table, 16 + 4 * segments)
    range_offsets_at = 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", table, range_offsets_at)
    for segment in range(segments):
        first, last = starts[segment], min(ends[segment], 0xFFFE)
        delta, range_offset = deltas[segment], range_offsets[segment]
        if range_offset == 0:
            # Every code maps to code + delta; only the one landing on glyph 0 is missing.
            missing = -delta & 0xFFFF
            yield from (code for code in range(first, last + 1) if code != missing)
            continue
        for code in range(first, last + 1):
            # The offset is relative to where it is stored, as the format defines.
            at = range_offsets_at + 2 * segment + range_offset + 2 * (code - first)
            if at + 2 <= len(table) and struct.unpack_from(">H", table, at)[0]:
                yield code


def _format_12(handle: BinaryIO, start: int) -> Iterable[int]:
    """Segmented coverage (all planes, emoji included)."""
    (group_count,) = struct.unpack(">I", _read(handle, start + 12, 4))
    groups = _read(handle, start + 16, 12 * group_count)
    for index in range(group_count):
        first, last, first_glyph = struct.unpack_from(">III", groups, 12 * index)
        # A group starting at glyph 0 maps its first character to "missing glyph".
        yield from range(first + (first_glyph == 0), last + 1)
