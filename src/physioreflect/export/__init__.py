"""The workbook's summary, and the patient's handout, as typeset PDFs (and PNG page
previews), made with Typst.

A short pipeline of single-purpose steps, each usable and testable alone::

    data = summary_data(workbook)       # plain data: labels translated, charts as numbers
    ready = print_ready(data)            # every character printable by the bundled fonts
    pdf = typeset(ready)                 # Typst compiles templates/summary.typ

:func:`export_pdf` and :func:`render_pages_png` run all three; :func:`export_handout_pdf`
and :func:`render_handout_png` do the same for the handout (:func:`handout_data`, and
``templates/handout.typ``). Pure: no widgets, no files
written where a user would see them, no clock or machine settings read.
"""

from __future__ import annotations

from physioreflect.export._pipeline import (
    DEFAULT_PPI,
    export_handout_pdf,
    export_pdf,
    print_ready,
    render_handout_png,
    render_pages_png,
    typeset,
)
from physioreflect.render import handout_data, summary_data

__all__ = [
    "DEFAULT_PPI",
    "export_handout_pdf",
    "export_pdf",
    "handout_data",
    "print_ready",
    "render_handout_png",
    "render_pages_png",
    "summary_data",
    "typeset",
]
