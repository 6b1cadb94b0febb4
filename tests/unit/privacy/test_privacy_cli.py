"""Does ``physioreflect privacy`` report every finding in one line, in the user's language,
and fail in one clear line on files it cannot check?"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from physioreflect.cli._common import State as _State
from physioreflect.cli._privacy import privacy
from physioreflect.fixtures import sample_paths
from physioreflect.model import MAX_WORKBOOK_BYTES, Status, Workbook, dump_workbook, with_status
from physioreflect.storage import Workspace
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
    assert f"No personal data found in {len(sample_paths())} files." in result.stdout


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
    assert "Fant 3 mulige personopplysninger i 1 av 1 fil." in result.stderr


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
    assert lines[1] == "1 of 1 file could not be checked."


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


# ── --workspace and --redact ──────────────────────────────────────────────────────────────


def _in_workspace(tmp_path: Path, text: str) -> tuple[Workspace, Workbook]:
    workspace = Workspace(tmp_path / "ws")
    first = workspace.create(Workbook.new(title="Kasus"))
    reflection = first.reflection.model_copy(update={"what": text})
    return workspace, workspace.save(first.model_copy(update={"reflection": reflection}))


def test_workspace_scan_includes_history_and_trash(tmp_path: Path) -> None:
    """Does --workspace look in the history and the trash, not only at the workbooks?"""
    workspace, saved = _in_workspace(tmp_path, "Hun heter Kari Nordmann.")
    cleaned = saved.reflection.model_copy(update={"what": "Ingen navn."})
    workspace.save(saved.model_copy(update={"reflection": cleaned}))
    trashed = workspace.create(Workbook.new(title="Søppel"))
    reflection = trashed.reflection.model_copy(update={"what": "Ring 912 34 567."})
    workspace.save(trashed.model_copy(update={"reflection": reflection}))
    workspace.trash(trashed.meta.id)
    code, result = run("--workspace", workspace.root)
    assert code == 1
    lines = result.stdout.splitlines()
    assert any("history" in line and "Kari Nordmann" in line for line in lines)
    assert any("trash" in line and "912 34 567" in line for line in lines)
    assert not any(
        line.startswith(str(workspace.path_of(saved.meta.id))) and "Kari" in line for line in lines
    )


def test_workspace_scan_of_a_plain_folder_fails_in_one_line(tmp_path: Path) -> None:
    code, result = run("--workspace", tmp_path, lang="nb")
    assert code == 2
    assert result.stderr.strip() == (
        f"{tmp_path} er ikke et arbeidsområde for physioreflect (mappa .physioreflect mangler)."
    )


def test_no_files_and_no_workspace_is_an_error() -> None:
    code, result = run()
    assert code == 2
    assert result.stderr.strip() == "Name the files to check, or --workspace DIR."


def test_redact_in_a_workspace_cleans_the_history(tmp_path: Path) -> None:
    workspace, saved = _in_workspace(tmp_path, "Hun heter Kari Nordmann, tlf. 912 34 567.")
    path = workspace.path_of(saved.meta.id)
    code, result = run("--redact", path, lang="nb")
    assert code == 0, result.stderr
    assert result.stdout.startswith(f"{path}: byttet ut 2 mulige personopplysninger")
    assert workspace.open(saved.meta.id).meta.revision == saved.meta.revision + 1
    leaks = [p for p in workspace.root.rglob("*.json") if b"Nordmann" in p.read_bytes()]
    assert leaks == []
    code, result = run("--workspace", workspace.root)
    assert code == 0, result.stdout


def test_redact_a_loose_file_atomically(workbook_file: Path) -> None:
    code, result = run("--redact", workbook_file)
    assert code == 0
    assert result.stdout.strip() == (
        f"{workbook_file}: replaced 3 possible pieces of personal data with placeholders."
    )
    text = workbook_file.read_text(encoding="utf-8")
    assert "Olsen" not in text
    assert "[NAVN]" in text
    assert [p.name for p in workbook_file.parent.iterdir()] == [workbook_file.name]
    assert run(workbook_file)[0] == 0


def test_redact_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notat.txt"
    path.write_text("Jeg spurte Sigrid hva hun liker.\n", encoding="utf-8")
    code, _ = run("--redact", path)
    assert code == 0
    assert path.read_text(encoding="utf-8") == "Jeg spurte [NAME] hva hun liker.\n"


def test_redact_refuses_a_submitted_workbook_unless_forced(tmp_path: Path) -> None:
    workbook = Workbook.new(title="Levert")
    reflection = workbook.reflection.model_copy(update={"what": "Hun heter Kari Nordmann."})
    submitted = with_status(
        workbook.model_copy(update={"reflection": reflection}), Status.submitted
    )
    path = tmp_path / "levert.json"
    path.write_bytes(dump_workbook(submitted))
    before = path.read_bytes()
    code, result = run("--redact", path)
    assert code == 1
    assert result.stderr.strip().startswith(
        f"{path}: the workbook is submitted and was not changed"
    )
    assert path.read_bytes() == before
    code, _ = run("--redact", "--force", path)
    assert code == 0
    assert b"Nordmann" not in path.read_bytes()


def test_redact_never_touches_a_file_it_cannot_parse(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b'{"meta": {"title": "Kari Nordmann"')
    code, result = run("--redact", path)
    assert code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == b'{"meta": {"title": "Kari Nordmann"'


def test_redact_needs_files() -> None:
    code, result = run("--redact", lang="nb")
    assert code == 2
    assert (
        result.stderr.strip()
        == "--redact tar filene som skal renses (ikke --workspace eller --json)."
    )
