"""``physioreflect cohort``: a readable summary in the user's language, problem rows with
their reasons, exports that never overwrite silently, and never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from physioreflect.fixtures import sample_paths, synthetic_workbooks
from physioreflect.model import Workbook, dump_workbook
from tests.cli_runner import run

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def download(tmp_path: Path) -> Path:
    """A learning platform's zip: per-student folders, a broken file, a nested zip."""
    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for index, path in enumerate(sample_paths()):
            zipped.writestr(f"Nordmann Kari {index}/{path.name}", path.read_bytes())
        zipped.writestr("Hansen Per/kasus.json", b'{"meta": ')
        zipped.writestr("Hansen Per/old.zip", b"PK\x03\x04")
        zipped.writestr("../escape.json", b"{}")
    return archive


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the blind key goes: never the real home folder."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def test_summary_in_english(capsys: pytest.CaptureFixture[str], download: Path) -> None:
    code, out, err = run(capsys, "--lang", "en", "cohort", str(download))
    assert code == 0, err
    assert f"Read 8 files from {download}: 5 workbooks, 3 with problems." in out
    assert "By status:" in out and "Draft 2" in out
    assert "Files that could not be read:" in out
    assert "Hansen Per/kasus.json: " in out and "not valid JSON" in out
    assert "Hansen Per/old.zip: An archive inside the submissions" in out
    assert "../escape.json: The name points out of the zip file" in out
    assert "Kasus: fibromyalgi" in out, "the table lists the workbooks"


def test_summary_in_bokmal(capsys: pytest.CaptureFixture[str], download: Path) -> None:
    code, out, _ = run(capsys, "--lang", "nb", "cohort", str(download))
    assert code == 0
    assert "Leste 8 filer" in out and "Filer som ikke kunne leses:" in out
    assert "Utkast 2" in out and "ikke gyldig JSON" in out


def test_exports_and_refusal_to_overwrite(
    capsys: pytest.CaptureFixture[str], download: Path, tmp_path: Path
) -> None:
    out_csv, out_xlsx = tmp_path / "class.csv", tmp_path / "class.xlsx"
    code, out, _ = run(
        capsys,
        "--lang",
        "en",
        "cohort",
        str(download),
        "--csv",
        str(out_csv),
        "--xlsx",
        str(out_xlsx),
    )
    assert code == 0
    assert f"Wrote {out_csv}" in out and f"Wrote {out_xlsx}" in out
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 8
    assert {row["Status"] for row in rows} >= {"Draft", "Submitted", "Approved"}
    sheet = openpyxl.load_workbook(out_xlsx).active
    assert sheet is not None and sheet.max_row == 9

    before = out_csv.read_bytes()
    code, _, err = run(capsys, "--lang", "en", "cohort", str(download), "--csv", str(out_csv))
    assert code == 1
    assert (
        err.strip()
        == f"{out_csv} already exists; nothing was overwritten (use --force to replace it)."
    )
    assert out_csv.read_bytes() == before
    code, _, _ = run(
        capsys, "--lang", "en", "cohort", str(download), "--csv", str(out_csv), "--force"
    )
    assert code == 0


def test_blind_hides_names_on_screen_and_in_files(
    capsys: pytest.CaptureFixture[str], download: Path, tmp_path: Path, config_home: Path
) -> None:
    out_csv = tmp_path / "blind.csv"
    code, out, _ = run(
        capsys, "--lang", "en", "cohort", str(download), "--blind", "--csv", str(out_csv)
    )
    assert code == 0
    written = out_csv.read_text(encoding="utf-8-sig")
    for name in ("Nordmann", "Kari", "Hansen", "Per/"):
        assert name not in out
        assert name not in written
    assert "Blind: students are shown as codes" in out
    key = config_home / "physioreflect" / "blind-key"
    assert key.stat().st_mode & 0o777 == 0o600
    # The same key next time: the same codes.
    code, again, _ = run(capsys, "--lang", "en", "cohort", str(download), "--blind")
    assert [line for line in again.splitlines() if "S-" in line] == [
        line for line in out.splitlines() if "S-" in line
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["missing.zip"], "The submissions in missing.zip cannot be read: the folder or zip"),
        (["notes.txt"], "neither a folder nor a zip file"),
        (["broken.zip"], "the zip file is damaged or truncated"),
        (["folder", "--prompts", "course.yaml"], "course.yaml"),
    ],
)
def test_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("hei", encoding="utf-8")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 cut")
    (tmp_path / "folder").mkdir()
    (tmp_path / "course.yaml").write_text("id: [", encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "cohort", *args)
    assert code == 1
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert out == ""


def test_an_empty_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--lang", "en", "cohort", str(tmp_path))
    assert code == 0
    assert out.strip() == "No files to read."


def test_typed_text_cannot_drive_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = json.loads(sample_paths()[0].read_bytes())
    data["meta"]["title"] = "Kasus \x1b]0;owned\x07 \x1b[2J"
    (tmp_path / "a.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "--lang", "en", "cohort", str(tmp_path))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out


def test_the_installed_command_end_to_end(tmp_path: Path) -> None:
    """As a person runs it: a new process, a folder of synthetic submissions, an Excel file."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    for workbook in synthetic_workbooks(20, seed=4):
        (folder / f"{workbook.meta.id}.json").write_bytes(dump_workbook(workbook))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "PHYSIOREFLECT_LANG": "nb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "physioreflect.cli",
            "cohort",
            str(folder),
            "--blind",
            "--xlsx",
            str(tmp_path / "klasse.xlsx"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Leste 20 filer" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "klasse.xlsx").active
    assert sheet is not None and sheet.max_row == 21
    assert "student-" not in result.stdout, "synthetic authors are hidden"


def test_without_the_privacy_scan_the_column_is_empty_not_zero(
    capsys: pytest.CaptureFixture[str], download: Path, tmp_path: Path
) -> None:
    out_csv = tmp_path / "class.csv"
    code, _, _ = run(
        capsys, "--lang", "en", "cohort", str(download), "--no-privacy", "--csv", str(out_csv)
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert {row["Privacy findings"] for row in rows} == {""}
    run(capsys, "--lang", "en", "cohort", str(download), "--csv", str(out_csv), "--force")
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert {row["Privacy findings"] for row in rows if not row["Problem"]} == {"0"}


def test_a_course_rubric_names_the_rubric_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from physioreflect.fixtures import COURSE_RUBRIC  # noqa: PLC0415
    from physioreflect.model import RubricScore, Status, Workbook, with_status  # noqa: PLC0415

    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(COURSE_RUBRIC, encoding="utf-8")
    folder = tmp_path / "class"
    folder.mkdir()
    # Returned with its review: a submitted file's review would be an earlier round's.
    submitted = with_status(Workbook.new(title="Kasus", author="Kari"), Status.submitted)
    workbook = with_status(submitted, Status.returned)
    workbook.review.rubric = {"fys2100.lu1": RubricScore(level=3)}
    (folder / "kari.json").write_bytes(dump_workbook(workbook))
    table = tmp_path / "class.csv"
    code, _, _ = run(
        capsys,
        "--lang",
        "en",
        "cohort",
        str(folder),
        "--rubric",
        str(rubric),
        "--csv",
        str(table),
        "--no-privacy",
    )
    assert code == 0
    header, row = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))[:2]
    column = next(i for i, name in enumerate(header) if "LO1" in name)
    assert row[column] == "3"
    assert any("The patient's perspective" in name for name in header)


def _scored_with_the_course_rubric(folder: Path) -> None:
    """A returned workbook scored with the course's rubric: its review keeps the names."""
    from physioreflect.content import parse_rubric  # noqa: PLC0415
    from physioreflect.fixtures import COURSE_RUBRIC  # noqa: PLC0415
    from physioreflect.model import RubricScore, Status, Workbook, with_status  # noqa: PLC0415

    rubric = parse_rubric(COURSE_RUBRIC.encode(), source="rubric.yaml")
    submitted = with_status(Workbook.new(title="Kasus", author="Kari"), Status.submitted)
    workbook = with_status(submitted, Status.returned)
    workbook.review.course_rubric = rubric.names()
    workbook.review.rubric = {"fys2100.lu1": RubricScore(level=3)}
    folder.mkdir()
    (folder / "kari.json").write_bytes(dump_workbook(workbook))
    # Not yet reviewed: the course's columns are still the class's.
    (folder / "ola.json").write_bytes(dump_workbook(Workbook.new(title="Kasus", author="Ola")))


@pytest.mark.parametrize(
    ("lang", "outcome", "perspective"),
    [
        ("en", "LO1: can explore", "The patient's perspective"),
        ("nb", "LU1: kan utforske", "Pasientens perspektiv"),
    ],
)
def test_without_the_course_file_the_reviews_name_the_rubric_columns(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    lang: str,
    outcome: str,
    perspective: str,
) -> None:
    folder = tmp_path / "class"
    _scored_with_the_course_rubric(folder)
    table = tmp_path / "class.csv"
    code, _, _ = run(
        capsys, "--lang", lang, "cohort", str(folder), "--csv", str(table), "--no-privacy"
    )
    assert code == 0
    header, *rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    column = next(i for i, name in enumerate(header) if outcome in name)
    assert sorted(row[column] for row in rows) == ["", "3"]
    # Every criterion of the course's rubric, the unscored ones too; none of REFLECT's.
    assert any(perspective in name for name in header)
    assert any("LO2" in name or "LU2" in name for name in header)
    assert not any("fys2100." in name or "reflect." in name for name in header)
    assert not any("Attending" in name or "Oppmerksomhet" in name for name in header)


def test_a_class_scored_with_reflect_keeps_reflects_columns(tmp_path: Path) -> None:
    from physioreflect.cohort import read_cohort  # noqa: PLC0415
    from physioreflect.content import library  # noqa: PLC0415

    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ola.json").write_bytes(dump_workbook(Workbook.new(title="Kasus", author="Ola")))
    cohort = read_cohort(folder, required_prompts=())
    assert cohort.course_rubric is None
    columns = [c for c in cohort.table.columns if c.startswith("rubric.")]
    assert columns == [f"rubric.{c}" for c in library().rubric.criterion_ids()]


def test_a_broken_course_rubric_is_said_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("id: x\ntitle: {nb: A, en: A}\ncriteria: []\nlevels: oops\n")
    folder = tmp_path / "class"
    folder.mkdir()
    code, _, err = run(capsys, "--lang", "en", "cohort", str(folder), "--rubric", str(rubric))
    assert code != 0
    assert "line" in err
