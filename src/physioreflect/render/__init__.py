"""The workbook as a document, one source for every reader: the Summary screen, the
supervisor's review and the PDF all show the same blocks.

    data = summary_data(workbook, lang="en")   # blocks: labels translated, charts as numbers
    markup = document_html(data)                # the same blocks for a screen
    pdf = export_pdf(workbook)                  # physioreflect.export typesets them

Pure: no widgets, no files, no clock.
"""

from __future__ import annotations

from physioreflect.render._changes import workbook_changes
from physioreflect.render._document import anchor_options, summary_data, written_date
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
