"""Does ``physioreflect privacy`` report every finding in one line, in the user's language,
and fail in one clear line on files it cannot check?"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from physioreflect.cli._main import _State
from physioreflect.cli._privacy import privacy
from physioreflect.fixtures import sample_paths
from physioreflect.model import MAX_WORKBOOK_BYTES, Workbook, dump_workbook
from tests.unit.privacy.national_ids import national_id

FNR = national_id(24, 12, 1970, 321, sep=" ")


def run(*args: str | Path, lang: str | None = "en") -> tuple[int, Result]:
    obj = _State(lang) if lang else None
    result = CliRunner().invoke(privacy, [str(arg) for arg in args], obj=obj, standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    assert isinstance(result.return_value, int)
    assert "Traceback" not in result.stdout + result.stderr
    return result.return_value, result


@pytest.fixture
def workbook_file(tmp_path: Path) -> Path:
    workbook = Workbook.new(title="Kasus")
    case = workbook.case.model_copy(
        update={"activity_history": f"Fru Olsen (fnr {FNR}) går tur.\nRing 912 34 567."}
    )
    path = tmp_path / "kasus.json"
    path.write_bytes(dump_workbook(workbook.model_copy(update={"case": case})))
    return path


def test_the_examples_are_clean() -> None:
    code, result = run(*sample_paths())
    assert code == 0
    assert result.stdout.count(": no personal data found") == len(sample_paths())
    assert f"No personal data found in {len(sample_paths())} file(s)." in result.stdout


def test_findings_in_a_workbook(workbook_file: Path) -> None:
    code, result = run(workbook_file, lang="nb")
    assert code == 1
    assert result.stdout.splitlines() == [
        f"{workbook_file}: case.activity_history: navn (sannsynlig) «Olsen» → [NAVN]",
        f"{workbook_file}: case.activity_history: fødselsnummer (sannsynlig) «{FNR}»"
        " → [FØDSELSNUMMER]",
        f"{workbook_file}: case.activity_history: telefonnummer (sannsynlig) «912 34 567»"
        " → [TELEFON]",
    ]
    assert "Fant 3 mulige personopplysninger i 1 av 1 fil(er)." in result.stderr


def test_json_is_one_array_of_findings(workbook_file: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notat.txt"
    notes.write_text("Første linje.\nMr. Hansen, e-post hansen@example.no\n", encoding="utf-8")
    code, result = run(workbook_file, notes, "--json")
    assert code == 1
    rows = json.loads(result.stdout)
    assert [(row["file"], row["kind"], row["text"]) for row in rows] == [
        (str(workbook_file), "name", "Olsen"),
        (str(workbook_file), "fodselsnummer", FNR),
        (str(workbook_file), "phone", "912 34 567"),
        (str(notes), "name", "Hansen"),
        (str(notes), "email", "hansen@example.no"),
    ]
    assert rows[0]["field"] == "case.activity_history"
    assert rows[0]["confidence"] == "high"
    assert rows[3]["field"] is None
    assert rows[3]["line"] == 2
    text = notes.read_text(encoding="utf-8")
    assert all(text[row["start"] : row["end"]] == row["text"] for row in rows[3:])


def test_json_when_clean_is_an_empty_array() -> None:
    code, result = run(sample_paths()[0], "--json")
    assert (code, json.loads(result.stdout)) == (0, [])


def test_text_files_name_the_line(tmp_path: Path) -> None:
    notes = tmp_path / "notat.txt"
    notes.write_text("\ufeffLinje en.\n\nHun er født 03.04.1961.\n", encoding="utf-8")
    code, result = run(notes)
    assert code == 1
    assert result.stdout.splitlines() == [
        f"{notes}: line 3: date of birth (likely) “03.04.1961” → [DATE OF BIRTH]"
    ]


def test_without_a_language_it_speaks_english(tmp_path: Path) -> None:
    notes = tmp_path / "notat.txt"
    notes.write_text("Tlf 912 34 567", encoding="utf-8")
    code, result = run(notes, lang=None)
    assert code == 1
    assert "phone number (likely)" in result.stdout


def test_an_invalid_workbook_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"meta": ', encoding="utf-8")
    code, result = run(bad)
    assert code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{bad}: not a valid workbook: line 1: The file is not valid JSON")
    assert lines[1] == "1 of 1 file(s) could not be checked."


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.txt", None, "The file does not exist."),
        ("binary.txt", bytes(range(256)), "The file is not text (it holds binary data)."),
        ("latin1.txt", "Blåbær".encode("latin-1"), "The file is not UTF-8 text"),
    ],
)
def test_unreadable_files_exit_2(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, result = run(path)
    assert code == 2
    assert result.stderr.startswith(f"{path}: {expected}")


def test_a_folder_exits_2(tmp_path: Path) -> None:
    code, result = run(tmp_path)
    assert code == 2
    assert "This is a folder, not a file." in result.stderr


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_WORKBOOK_BYTES + 1)
    code, result = run(huge)
    assert code == 2
    assert "The file is too large (16.8 MB; the limit is 16 MB)." in result.stderr


def test_an_unreadable_file_does_not_hide_the_others(workbook_file: Path, tmp_path: Path) -> None:
    """Is every file still checked, and the exit 2 (not everything could be checked)?"""
    code, result = run(tmp_path / "missing.txt", workbook_file, *sample_paths()[:1])
    assert code == 2
    assert result.stdout.count("→") == 3
    assert ": no personal data found" in result.stdout
