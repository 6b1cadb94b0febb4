"""Steps 2 and 3 of the export, and the pipelines that run all three.

1. :func:`~physioreflect.export.summary_data` (or :func:`~physioreflect.export.handout_data`
   for the patient's handout): the workbook as plain data for its template.
2. :func:`print_ready`: every string made printable by the bundled fonts.
3. :func:`typeset`: the template compiled by Typst, with the data as its only input.

The data reaches Typst as a JSON file that the template decodes and sets as plain text; no
Typst source is ever built from user text, so nothing a user types can act as markup.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import threading
import weakref
from collections.abc import Set
from pathlib import Path
from typing import Any, Final, Literal, overload

from physioreflect.content import PromptSet
from physioreflect.export._fonts import font_coverage, typst_fonts
from physioreflect.export._text import printable
from physioreflect.model import Workbook
from physioreflect.render import handout_data, summary_data

__all__ = [
    "DEFAULT_PPI",
    "PDF_STANDARDS",
    "TEMPLATE",
    "TEMPLATES",
    "Document",
    "export_handout_pdf",
    "export_pdf",
    "print_ready",
    "render_handout_png",
    "render_pages_png",
    "typeset",
]

Document = Literal["summary", "handout"]
"""Which document a template sets: the workbook's summary, or the patient's handout."""
TEMPLATES: Final[dict[Document, Path]] = {
    document: Path(__file__).resolve().parent / "templates" / f"{document}.typ"
    for document in ("summary", "handout")
}
TEMPLATE: Final = TEMPLATES["summary"]
"""Each template reads its data from ``<document>.json``, named by ``sys.inputs.<document>``."""
DEFAULT_PPI: Final = 96.0
"""Page previews at screen resolution: an A4 page is 794 × 1123 pixels."""
PDF_STANDARDS: Final = ("a-2a", "ua-1")
"""PDF/A-2a, so the summary can be archived with case notes, and PDF/UA-1, so screen
readers get its structure and the charts' descriptions. Typst refuses to write a PDF that
breaks either, so every export is checked against both."""


class _Typesetter:
    """The process's Typst compiler, and the private folder it compiles in.

    The data goes in a file beside a copy of the template rather than in ``sys.inputs``:
    Typst rebuilds its standard library whenever ``sys.inputs`` change, which throws away
    everything it memoised, so every export would lay out every page afresh (about 90 ms for
    the longest example). A changed file only invalidates what read it, so an edit costs a
    fraction of that. ``sys.inputs`` stays the same for the compiler's whole life.
    """

    def __init__(self, document: Document) -> None:
        # Imported with the first export: Typst adds 7 MB to a process that never prints
        # (every dashboard kernel imports this module for the Summary step).
        import typst  # noqa: PLC0415

        self.folder = Path(tempfile.mkdtemp(prefix="physioreflect-pdf-"))
        weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)
        template = TEMPLATES[document]
        self.templates = sorted(template.parent.glob("*.typ"))
        self.data_file = f"{document}.json"
        self._copy_templates()
        self.compiler = typst.Compiler(
            str(self.folder / template.name),
            root=str(self.folder),
            font_paths=typst_fonts(),
            ignore_system_fonts=True,
            sys_inputs={document: "/" + self.data_file},
        )

    def _copy_templates(self) -> None:
        for template in self.templates:
            shutil.copyfile(template, self.folder / template.name)

    def compile(
        self, data: dict[str, Any], output: Literal["pdf", "png"], ppi: float
    ) -> bytes | list[bytes] | None:
        # A cleaner of temporary files may have removed the copies in a long-lived process.
        if not all((self.folder / t.name).is_file() for t in self.templates):
            self.folder.mkdir(parents=True, exist_ok=True)
            self._copy_templates()
        (self.folder / self.data_file).write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        return self.compiler.compile(
            format=output,
            ppi=ppi if output == "png" else None,
            pdf_standards=list(PDF_STANDARDS) if output == "pdf" else [],
            timestamp=_timestamp(data),
        )


# Created on first use, one per document; Typst's compilers and their data files are not
# re-entrant, hence the lock.
_lock = threading.Lock()
_typesetters: dict[Document, _Typesetter] = {}


def _walk(value: Any, coverage: Set[int], replaced: list[int]) -> Any:
    if isinstance(value, str):
        text, count = printable(value, coverage)
        replaced[0] += count
        return text
    if isinstance(value, dict):
        return {key: _walk(item, coverage, replaced) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, coverage, replaced) for item in value]
    return value


def print_ready(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every string printable (see :func:`~physioreflect.export._text.printable`)
    and ``unprintable`` set when a character had to be replaced, so the PDF can say why."""
    replaced = [0]
    ready: dict[str, Any] = _walk(data, font_coverage(), replaced)
    ready["unprintable"] = replaced[0] > 0
    return ready


def _timestamp(data: dict[str, Any]) -> dt.datetime:
    """The document's own date (the workbook's last change), never the clock: the same
    workbook gives the same bytes."""
    return dt.datetime(**data["document"]["date"], tzinfo=dt.UTC)


@overload
def typeset(
    data: dict[str, Any], *, output: Literal["pdf"] = "pdf", document: Document = "summary"
) -> bytes: ...
@overload
def typeset(
    data: dict[str, Any],
    *,
    output: Literal["png"],
    ppi: float = DEFAULT_PPI,
    document: Document = "summary",
) -> list[bytes]: ...
def typeset(
    data: dict[str, Any],
    *,
    output: Literal["pdf", "png"] = "pdf",
    ppi: float = DEFAULT_PPI,
    document: Document = "summary",
) -> bytes | list[bytes]:
    """Compile the ``document``'s template with ``data`` (from :func:`print_ready`): PDF
    bytes, or one PNG per page."""
    with _lock:
        typesetter = _typesetters.get(document)
        if typesetter is None:
            typesetter = _typesetters[document] = _Typesetter(document)
        result = typesetter.compile(data, output, ppi)
    if output == "pdf":
        assert isinstance(result, bytes)
        return result
    # Typst returns a single page as bytes and several as a list.
    return [result] if isinstance(result, bytes) else list(result or [])


def export_pdf(workbook: Workbook, *, prompt_set: PromptSet | None = None) -> bytes:
    """The workbook's summary as a PDF: A4, in the workbook's language, same bytes for the
    same workbook on every machine."""
    return typeset(print_ready(summary_data(workbook, prompt_set=prompt_set)))


def render_pages_png(
    workbook: Workbook, *, prompt_set: PromptSet | None = None, ppi: float = DEFAULT_PPI
) -> list[bytes]:
    """The same summary as PNG images, one per page (previews for the dashboard)."""
    data = print_ready(summary_data(workbook, prompt_set=prompt_set))
    return typeset(data, output="png", ppi=ppi)


def export_handout_pdf(workbook: Workbook, *, lang: str | None = None) -> bytes:
    """The patient's handout as a PDF: A4, its fixed text in ``lang`` (the workbook's language
    by default), titled "Min aktivitetsplan" / "My activity plan", with no author. Raises
    :class:`~physioreflect.errors.HandoutRefused` for a plan without activities or with
    personal data in what it prints."""
    return typeset(print_ready(handout_data(workbook, lang=lang)), document="handout")


def render_handout_png(
    workbook: Workbook, *, lang: str | None = None, ppi: float = DEFAULT_PPI
) -> list[bytes]:
    """The same handout as PNG images, one per page (the preview)."""
    data = print_ready(handout_data(workbook, lang=lang))
    return typeset(data, output="png", ppi=ppi, document="handout")
