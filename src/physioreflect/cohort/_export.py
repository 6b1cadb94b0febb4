"""The cohort table as a spreadsheet: CSV and Excel, headers and values in the reader's language.

What students typed (titles, course codes, file names) goes into cells, and a spreadsheet
reads a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula — one that can fetch
a web address or run a command when the file is opened (CSV/formula injection, OWASP). Every
text cell starting so gets a leading apostrophe, which makes it plain text. Files are written
atomically and never replace an existing file unless asked to.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any, Final

import pandas as pd

from physioreflect.cohort._table import COMPLETENESS_SECTIONS, TEXT_COLUMNS
from physioreflect.content import Rubric, message
from physioreflect.errors import OutputExists
from physioreflect.model import CourseRubric
from physioreflect.storage import atomic_write

__all__ = [
    "FORMULA_STARTS",
    "csv_bytes",
    "neutralise",
    "presentable",
    "write_csv",
    "write_xlsx",
    "xlsx_bytes",
]

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may take as the start of a formula (OWASP's list)."""

# Characters an .xlsx file (XML 1.0) cannot hold; openpyxl refuses them.
_NOT_IN_XML: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Values that are codes in the table and words in a spreadsheet: column → catalog prefix.
_VALUE_LABELS: Final = {
    "status": "status",
    "condition": "condition",
    "top_com_b": "com_b",
    "decision": "decision",
    "review": "review_state",
}
_PERCENT_COLUMNS: Final = ("complete", *(f"complete.{s.value}" for s in COMPLETENESS_SECTIONS))
_DATE_COLUMNS: Final = ("updated", "submitted", "reviewed")


def neutralise(value: str) -> str:
    """``value`` made safe to open in a spreadsheet: a leading apostrophe where it would
    start a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


RubricNames = Rubric | CourseRubric
"""What names a table's rubric columns: a course's rubric file, or the names a review kept
of it (:attr:`physioreflect.model.Review.course_rubric`)."""


def _rubric(rubric: RubricNames | None) -> RubricNames:
    if rubric is not None:
        return rubric
    from physioreflect.content import library  # noqa: PLC0415 - only with a rubric column

    return library().rubric


def _learning_labels(rubric: RubricNames | None, lang: str) -> dict[str, str]:
    """The judgements of learning by id: a course rubric's own words for them, else
    REFLECT's (the names a review keeps hold no judgement: it is REFLECT's own)."""
    from physioreflect.content import library  # noqa: PLC0415 - only with a judgement

    kinds = rubric.learning if isinstance(rubric, Rubric) and rubric.learning else []
    return {kind.id: kind.label.get(lang) for kind in kinds or library().rubric.learning}


def _header(column: str, lang: str, rubric: RubricNames | None) -> str:
    if column.startswith("complete."):
        section = message(f"section.{column.removeprefix('complete.')}", lang)
        return message("cohort.column.complete_section", lang, section=section)
    if column.startswith("rubric."):
        criterion = column.removeprefix("rubric.")
        label = _rubric(rubric).criterion_label(criterion, lang) or criterion
        return message("cohort.column.rubric", lang, criterion=label)
    return message(f"cohort.column.{column}", lang)


def _label(prefix: str, value: str, lang: str) -> str:
    if not value:
        return ""
    text = message(f"{prefix}.{value}", lang)
    return value if text == f"{prefix}.{value}" else text


def presentable(table: pd.DataFrame, lang: str, rubric: RubricNames | None = None) -> pd.DataFrame:
    """The table (or some of its columns) as a person reads it: headers and coded values in
    ``lang``, completeness in whole percent, times in UTC to the minute, no time zone
    (spreadsheets have none). Rubric columns are named by ``rubric`` (the course's own;
    ``None``: REFLECT)."""
    shown = table.copy()
    for column, prefix in _VALUE_LABELS.items():
        if column in shown.columns:
            shown[column] = [_label(prefix, value, lang) for value in shown[column]]
    if "learning" in shown.columns and shown["learning"].astype(bool).any():
        kinds = _learning_labels(rubric, lang)
        shown["learning"] = [kinds.get(value, value) for value in shown["learning"]]
    for column in _PERCENT_COLUMNS:
        if column in shown.columns:
            shown[column] = (shown[column] * 100).round().astype("Int64")
    for column in _DATE_COLUMNS:
        if column in shown.columns:
            dates = shown[column].dt.tz_convert("UTC").dt.tz_localize(None)
            shown[column] = dates.dt.floor("min")
    shown.columns = pd.Index([_header(str(c), lang, rubric) for c in shown.columns])
    return shown


def _cells(
    table: pd.DataFrame, lang: str, rubric: RubricNames | None
) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows of :func:`presentable` as plain Python values, every text
    neutralised; a missing value is ``None``."""
    text_positions = {i for i, c in enumerate(table.columns) if c in TEXT_COLUMNS}
    shown = presentable(table, lang, rubric)
    headers = [neutralise(str(c)) for c in shown.columns]
    rows: list[list[Any]] = []
    for record in shown.itertuples(index=False, name=None):
        row: list[Any] = []
        for index, value in enumerate(record):
            if pd.isna(value):
                row.append(None)
            elif isinstance(value, str) or index in text_positions:
                row.append(neutralise(str(value)))
            elif isinstance(value, pd.Timestamp):
                row.append(value.to_pydatetime())
            else:
                row.append(value.item() if hasattr(value, "item") else value)
        rows.append(row)
    return headers, rows


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def csv_bytes(table: pd.DataFrame, lang: str, rubric: RubricNames | None = None) -> bytes:
    """CSV with a header row; UTF-8 with a byte-order mark, which Excel needs to read æøå."""
    headers, rows = _cells(table, lang, rubric)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_csv_value(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(table: pd.DataFrame, lang: str, rubric: RubricNames | None = None) -> bytes:
    """An Excel workbook with one sheet: bold, frozen header row, filters on every column."""
    from openpyxl import Workbook as Spreadsheet  # noqa: PLC0415 - only for an Excel export
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    headers, rows = _cells(table, lang, rubric)
    book = Spreadsheet()
    sheet = book.active
    assert sheet is not None  # a new openpyxl workbook always has its one sheet
    sheet.title = message("cohort.sheet_title", lang)[:31]
    sheet.append([_NOT_IN_XML.sub("\ufffd", h) for h in headers])
    for row in rows:
        sheet.append([_NOT_IN_XML.sub("\ufffd", v) if isinstance(v, str) else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, header in enumerate(headers, start=1):
        width = max(10, min(40, len(header) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, str):
                # Belt and braces: a text cell is text, whatever it starts with.
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write(path: Path, data: bytes, *, force: bool) -> None:
    if path.exists() and not force:
        raise OutputExists(source=str(path))
    atomic_write(path, data, source=str(path))


def write_csv(
    table: pd.DataFrame,
    path: Path,
    *,
    lang: str,
    force: bool = False,
    rubric: RubricNames | None = None,
) -> None:
    """Write :func:`csv_bytes` to ``path``; an existing file is replaced only with ``force``."""
    _write(path, csv_bytes(table, lang, rubric), force=force)


def write_xlsx(
    table: pd.DataFrame,
    path: Path,
    *,
    lang: str,
    force: bool = False,
    rubric: RubricNames | None = None,
) -> None:
    """Write :func:`xlsx_bytes` to ``path``; an existing file is replaced only with ``force``."""
    _write(path, xlsx_bytes(table, lang, rubric), force=force)
