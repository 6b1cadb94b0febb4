"""Does the command line do what it says, and fail in one clear line on bad input?"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from physioreflect.fixtures import sample_paths
from physioreflect.model import CURRENT_SCHEMA_VERSION, Workbook, dump_workbook, parse_workbook
from tests.cli_runner import run


def test_new_then_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    code, out, _ = run(
        capsys,
        "--lang",
        "nb",
        "new",
        "--workspace",
        ws,
        "--title",
        "Kasus: kneartrose",
        "--condition",
        "osteoarthritis_knee",
    )
    assert code == 0
    assert out.startswith("Opprettet «Kasus: kneartrose»")
    code, out, _ = run(capsys, "--lang", "en", "list", "--workspace", ws)
    assert code == 0
    assert "Kasus: kneartrose" in out and "Draft" in out and "1 workbook\n" in out
    code, out, _ = run(capsys, "list", "--workspace", ws, "--json")
    rows = json.loads(out)
    assert rows[0]["title"] == "Kasus: kneartrose"
    assert rows[0]["status"] == "draft"
    assert 0 < rows[0]["completeness"] < 1


def test_list_reports_damaged_files_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ws = tmp_path / "ws"
    run(capsys, "new", "--workspace", str(ws), "--title", "Fine")
    (ws / "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a.json").write_bytes(b'{"meta": ')
    code, out, _ = run(capsys, "--lang", "en", "list", "--workspace", str(ws))
    assert code == 0
    assert "Fine" in out
    broken = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a.json  Cannot be opened: line 1: The file is"
    assert broken + " not valid JSON" in out
    assert "1 file cannot be opened" in out


def test_validate_good_files(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in sample_paths()]
    code, out, _ = run(capsys, "--lang", "en", "validate", *paths)
    assert code == 0
    assert out.count(": valid") == len(paths)


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    good = dump_workbook(Workbook.new(title="x"))
    files = {
        "empty.json": b"",
        "binary.json": bytes(range(256)),
        "truncated.json": good[: len(good) // 2],
        "nested.json": b"[" * 200_000 + b"]" * 200_000,
        "list.json": b"[]",
        "wrong.json": good.replace(b'"status": "draft"', b'"status": "done"'),
        "future.json": good.replace(
            f'"schema_version": {CURRENT_SCHEMA_VERSION}'.encode(), b'"schema_version": 99'
        ),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: costs no disk
    paths["huge.json"] = huge
    paths["missing.json"] = tmp_path / "missing.json"
    paths["folder"] = tmp_path
    return paths


def test_validate_bad_files_one_line_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    paths = _bad_files(tmp_path)
    good = tmp_path / "good.json"
    good.write_bytes(dump_workbook(Workbook.new(title="ok")))
    code, out, err = run(capsys, "--lang", "en", "validate", str(good), *map(str, paths.values()))
    assert code == 1
    lines = out.splitlines()
    expected = {
        "empty.json": "The file is empty.",
        "binary.json": "binary data",
        "truncated.json": "may be truncated",
        "nested.json": "nested too deeply",
        "list.json": "expected a JSON object",
        "wrong.json": "About the workbook › Status: “done” is not one of the choices",
        "future.json": "newer version of physioreflect",
        "huge.json": "too large (314.6 MB; the limit is 16 MB)",
        "missing.json": "does not exist",
        "folder": "a folder, not a file",
    }
    for name, fragment in expected.items():
        matching = [line for line in lines if str(paths[name]) + ":" in line]
        assert len(matching) == 1, (name, lines)
        assert fragment in matching[0], (name, matching[0])
    assert f"{good}: valid" in out
    assert f"{len(paths)} of {len(paths) + 1} files have problems." in err


def test_validate_json_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    paths = _bad_files(tmp_path)
    code, out, _ = run(
        capsys,
        "--lang",
        "nb",
        "validate",
        "--json",
        str(paths["wrong.json"]),
        str(sample_paths()[0]),
    )
    assert code == 1
    report = json.loads(out)
    assert [entry["valid"] for entry in report] == [False, True]
    problem = report[0]["problems"][0]
    assert problem["key"] == "validation.enum"
    assert problem["location"] == ["meta", "status"]
    assert "er ikke et av valgene" in problem["message"]


def test_sample_writes_examples_and_never_overwrites(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "examples"
    code, _, _ = run(capsys, "--lang", "en", "sample", "--out", str(out_dir))
    assert code == 0
    written = sorted(out_dir.glob("*.json"))
    assert len(written) == len(sample_paths()) >= 4
    code, _, err = run(capsys, "--lang", "en", "sample", "--out", str(out_dir))
    assert code == 1
    assert "nothing was overwritten" in err


def test_sample_synthetic_is_deterministic(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("a", "b"):
        code, _, _ = run(
            capsys, "sample", "--out", str(tmp_path / name), "--synthetic", "25", "--seed", "7"
        )
        assert code == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert first == second
    assert len(first) == 25
    for data in first.values():
        parse_workbook(data)


def test_validate_prompts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "course.yaml"
    bad.write_text("id: x\ntitle: {nb: a, en: b}\nprompts: []\n", encoding="utf-8")
    code, _, err = run(capsys, "--lang", "en", "validate-prompts", str(bad))
    assert code == 1
    assert "line 3" in err and "Too few entries" in err


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate")
    assert code == 2
    assert "Missing argument" in err


def test_installed_entry_point_and_messages_follow_lang(tmp_path: Path) -> None:
    """Does the real `physioreflect` command exit 1 with one line, no traceback?"""
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "physioreflect.cli", "--lang", "nb", "validate", str(empty)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"{empty}: Fila er tom." in result.stdout
    assert "Traceback" not in result.stderr
