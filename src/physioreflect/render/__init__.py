"""The workbook as a document, one source for every reader: the Summary screen, the
supervisor's review and the PDF all show the same blocks.

    data = summary_data(workbook, lang="en")   # blocks: labels translated, charts as numbers
    markup = document_html(data)                # the same blocks for a screen
    pdf = export_pdf(workbook)                  # physioreflect.export typesets them

Pure: no widgets, no files, no clock. Each part is imported when one of its names is first
asked for: the workbook's Start step needs a date and a comment, not the review's changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from physioreflect._lazy import lazy_attributes

if TYPE_CHECKING:
    from physioreflect.render._changes import workbook_changes
    from physioreflect.render._dates import written_date
    from physioreflect.render._document import anchor_options, summary_data
    from physioreflect.render._handout import (
        HANDOUT_BLANK,
        handout_data,
        handout_findings,
        printed_field,
    )
    from physioreflect.render._html import (
        changes_html,
        comment_html,
        document_html,
        section_html,
        title_html,
    )
    from physioreflect.render._text import Paragraph, is_right_to_left, normalise, paragraphs

__all__ = [
    "HANDOUT_BLANK",
    "Paragraph",
    "anchor_options",
    "changes_html",
    "comment_html",
    "document_html",
    "handout_data",
    "handout_findings",
    "is_right_to_left",
    "normalise",
    "paragraphs",
    "printed_field",
    "section_html",
    "summary_data",
    "title_html",
    "workbook_changes",
    "written_date",
]

_HOMES: dict[str, tuple[str, ...]] = {
    "physioreflect.render._changes": ("workbook_changes",),
    "physioreflect.render._dates": ("written_date",),
    "physioreflect.render._document": ("anchor_options", "summary_data"),
    "physioreflect.render._handout": (
        "HANDOUT_BLANK",
        "handout_data",
        "handout_findings",
        "printed_field",
    ),
    "physioreflect.render._html": (
        "changes_html",
        "comment_html",
        "document_html",
        "section_html",
        "title_html",
    ),
    "physioreflect.render._text": ("Paragraph", "is_right_to_left", "normalise", "paragraphs"),
}
_HOME_OF = {name: home for home, names in _HOMES.items() for name in names}


__getattr__ = lazy_attributes(__name__, _HOME_OF)
