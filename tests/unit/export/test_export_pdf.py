"""Is the PDF of each example workbook complete, in its language, set with the bundled fonts,
accessible and the same byte for byte on every run?"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from physioreflect.export import _pipeline, export_pdf, render_pages_png, summary_data
from physioreflect.fixtures import sample_paths
from physioreflect.model import Language, Workbook
from tests.unit.export.pdf_tools import alt_texts, body_text, pdf_text, reader, squash

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def pdfs(samples: list[Workbook]) -> list[bytes]:
    return [export_pdf(workbook) for workbook in samples]


def _user_texts(data: dict[str, Any]) -> Iterator[str]:
    """What the author and the supervisor wrote, as the summary sets it in full-width text."""
    for section in data["sections"]:
        for comment in section["comments"]:
            yield from (p["text"] for p in comment["prose"])
            for reply in comment["replies"]:
                yield from (p["text"] for p in reply["prose"])
        yield from _block_texts(section["blocks"])


def _block_texts(blocks: list[dict[str, Any]]) -> Iterator[str]:
    for block in blocks:
        if block["type"] == "group":
            yield from _block_texts(block["blocks"])
        elif block["type"] in ("field", "answer"):
            for key in ("prose", "quotes"):
                yield from (p["text"] for p in block.get(key, []) if not p["rtl"])
            yield from block.get("items", [])
        elif block["type"] == "facts":
            yield from (row["text"] for row in block["rows"] if row["text"])


def test_every_section_and_everything_written_is_in_the_pdf(
    samples: list[Workbook], pdfs: list[bytes]
) -> None:
    for workbook, pdf in zip(samples, pdfs, strict=True):
        data = summary_data(workbook)
        text = squash(body_text(pdf))
        for section in data["sections"]:
            assert squash(section["title"]) in text, section["title"]
        written = list(_user_texts(data))
        assert len(written) > 10
        missing = [w for w in written if squash(w) not in text]
        assert not missing, (workbook.meta.title, missing[:3])
        assert squash(workbook.meta.title) in text


def test_norwegian_letters_survive(samples: list[Workbook], pdfs: list[bytes]) -> None:
    text = pdf_text(pdfs[3])
    for word in (
        "Påvirkbarhet",
        "Fremmende faktorer",
        "Læringspunkter",
        "hageentusiast",
        "Realistiske",
        "Ø",
    ):
        assert word in text


def test_page_count_size_and_footer(samples: list[Workbook], pdfs: list[bytes]) -> None:
    for workbook, pdf in zip(samples, pdfs, strict=True):
        pages = reader(pdf).pages
        assert 3 <= len(pages) <= 20, workbook.meta.title
        for page in pages:
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
                A4, abs=0.01
            )
        word = "Side {} av {}" if workbook.meta.language is Language.nb else "Page {} of {}"
        assert word.format(1, len(pages)) in pages[0].extract_text()
        assert word.format(len(pages), len(pages)) in pages[-1].extract_text()


def test_metadata_names_title_author_language_and_the_workbook_date(
    samples: list[Workbook], pdfs: list[bytes]
) -> None:
    for workbook, pdf in zip(samples, pdfs, strict=True):
        document = reader(pdf)
        assert document.metadata is not None
        assert document.metadata.title == workbook.meta.title
        assert document.metadata.author == workbook.meta.author
        assert document.trailer["/Root"]["/Lang"] == workbook.meta.language.value
        updated = workbook.meta.updated.astimezone(dt.UTC)
        assert document.metadata.creation_date == updated


def test_headings_are_in_the_workbook_language(samples: list[Workbook]) -> None:
    base = samples[3]
    for lang, words in (
        (Language.nb, ("Innhold", "Kilder")),
        (Language.en, ("Contents", "References")),
    ):
        workbook = base.model_copy(update={"meta": base.meta.model_copy(update={"language": lang})})
        text = pdf_text(export_pdf(workbook))
        assert all(word in text for word in words)


def test_charts_have_alt_text_in_the_tagged_pdf(pdfs: list[bytes]) -> None:
    alts = alt_texts(pdfs[3])
    assert any(alt.startswith("Diagram: barrierene") and "1. Smerte" in alt for alt in alts)
    assert any(alt.startswith("Diagram: planlagte minutter") for alt in alts)


def test_the_same_workbook_gives_the_same_bytes(samples: list[Workbook], pdfs: list[bytes]) -> None:
    assert export_pdf(samples[4]) == pdfs[4]


def test_the_same_bytes_in_another_process_time_zone_and_locale(pdfs: list[bytes]) -> None:
    path = sample_paths()[4]
    code = (
        "import hashlib, sys; from physioreflect.export import export_pdf; "
        "from physioreflect.model import parse_workbook; "
        f"w = parse_workbook(open({str(path)!r}, 'rb').read(), source='x'); "
        "sys.stdout.write(hashlib.sha256(export_pdf(w)).hexdigest())"
    )
    env = {**os.environ, "TZ": "Pacific/Auckland", "LANG": "C", "LC_ALL": "C"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout == hashlib.sha256(pdfs[4]).hexdigest()


def test_only_bundled_fonts_are_embedded(pdfs: list[bytes]) -> None:
    names: set[str] = set()
    for page in reader(pdfs[3]).pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            names.add(str(font.get("/BaseFont") or font.get("/Name")).split("+")[-1])
    assert names
    assert all(name.startswith(("/CharisSIL", "Inter", "CharisSIL", "/Inter")) for name in names), (
        names
    )


def test_page_previews_are_one_png_per_page(samples: list[Workbook], pdfs: list[bytes]) -> None:
    pngs = render_pages_png(samples[2], ppi=30)
    assert len(pngs) == len(reader(pdfs[2]).pages)
    for png in pngs:
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width = int.from_bytes(png[16:20], "big")
        assert width == round(A4[0] / 72 * 30)


def test_exports_from_several_threads_each_get_their_own_pdf(
    samples: list[Workbook], pdfs: list[bytes]
) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(export_pdf, samples))
    assert results == pdfs


def test_the_compiler_recovers_when_its_temporary_copies_are_cleaned_away(
    samples: list[Workbook], pdfs: list[bytes]
) -> None:
    export_pdf(samples[2])
    typesetter = _pipeline._typesetters.get("summary")
    assert typesetter is not None
    shutil.rmtree(typesetter.folder)
    assert export_pdf(samples[2]) == pdfs[2]


def test_the_pdf_declares_pdf_a_2a_and_pdf_ua_1(pdfs: list[bytes]) -> None:
    """Typst checks both while writing; the XMP metadata says so to archives and readers."""
    for pdf in pdfs:
        metadata = reader(pdf).xmp_metadata
        assert metadata is not None
        xmp = metadata.stream.get_data().decode()
        assert "<pdfaid:part>2</pdfaid:part>" in xmp
        assert "<pdfaid:conformance>A</pdfaid:conformance>" in xmp
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
