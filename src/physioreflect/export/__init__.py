"""The workbook's summary as a typeset PDF (and PNG page previews), made with Typst.

A short pipeline of single-purpose steps, each usable and testable alone::

    data = summary_data(workbook)       # plain data: labels translated, charts as numbers
    ready = print_ready(data)            # every character printable by the bundled fonts
    pdf = typeset(ready)                 # Typst compiles templates/summary.typ

:func:`export_pdf` and :func:`render_pages_png` run all three. Pure: no widgets, no files
written where a user would see them, no clock or machine settings read.
"""

from __future__ import annotations

from physioreflect.export._pipeline import (
    DEFAULT_PPI,
    export_pdf,
    print_ready,
    render_pages_png,
    typeset,
)
from physioreflect.render import summary_data

__all__ = [
    "DEFAULT_PPI",
    "export_pdf",
    "print_ready",
    "render_pages_png",
    "summary_data",
    "typeset",
]
