"""Does any text the handout must never hold reach its PDF — the text on the pages, the
document's metadata or its bytes? A unique marker stands in every field of every example and
of a few hundred synthetic workbooks."""

from __future__ import annotations

import re
import zlib

from hypothesis import HealthCheck, given, settings

from physioreflect.export import export_handout_pdf
from physioreflect.fixtures import synthetic_workbooks
from physioreflect.model import Workbook
from tests.strategies import workbooks
from tests.unit.export.pdf_tools import pdf_text, reader, squash
from tests.unit.render.handout_markers import with_markers

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)


def _everything_in(pdf: bytes) -> list[bytes]:
    """The page text, the metadata (document information and XMP), the file's bytes and every
    stream in it inflated (the structure tree and object streams too): wherever a marker
    could hide, in UTF-8 as in UTF-16."""
    document = reader(pdf)
    parts = [pdf_text(pdf).encode(), str(document.metadata or {}).encode(), pdf]
    xmp = document.xmp_metadata
    if xmp is not None:
        parts.append(xmp.stream.get_data())
    for stream in _STREAM.findall(pdf):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return parts


_MARKER = re.compile(rb"zqx[a-z]{4}")
_MARKER_UTF16 = re.compile(rb"\x00z\x00q\x00x(?:\x00[a-z]){4}")


def _markers_in(parts: list[bytes]) -> set[str]:
    found = set()
    for part in parts:
        found.update(m.decode() for m in _MARKER.findall(part))
        found.update(m.decode("utf-16-be") for m in _MARKER_UTF16.findall(part))
    return found


def _check(workbook: Workbook) -> None:
    marked = with_markers(workbook)
    pdf = export_handout_pdf(marked.workbook)
    everything = _markers_in(_everything_in(pdf))
    leaked = {m: field for m, field in marked.excluded.items() if m in everything}
    assert not leaked, leaked
    text = squash(pdf_text(pdf))
    missing = {m: field for m, field in marked.printed.items() if m not in text}
    assert not missing, missing


def test_no_excluded_text_of_any_example_reaches_the_pdf(samples: list[Workbook]) -> None:
    for workbook in samples:
        _check(workbook)


def test_no_excluded_text_of_a_synthetic_class_reaches_the_pdf() -> None:
    for workbook in synthetic_workbooks(100, seed=14):
        _check(workbook)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_no_excluded_text_of_any_workbook_reaches_the_pdf(workbook: Workbook) -> None:
    _check(workbook)
