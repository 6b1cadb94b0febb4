"""Does the command line move workbooks to the trash and back, delete them for good only when
asked and confirmed, and list, show and restore a workbook's versions?"""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

import pytest

from physioreflect.model import Status, Workbook, parse_workbook, with_status
from physioreflect.storage import Workspace
from tests.cli_runner import run


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "ws")


def _add(ws: Workspace, title: str, *texts: str) -> Workbook:
    workbook = ws.create(Workbook.new(title=title))
    for text in texts:
        changed = workbook.model_copy(deep=True)
        changed.reflection.what = text
        workbook = ws.save(changed)
    return workbook


def _answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_move_list_and_restore(capsys: pytest.CaptureFixture[str], ws: Workspace) -> None:
    kept = _add(ws, "Beholdes")
    gone = _add(ws, "Kastes")
    code, out, _ = run(
        capsys, "--lang", "nb", "trash", "move", str(gone.meta.id), "--workspace", str(ws.root)
    )
    assert code == 0
    assert out == f"Lagt i papirkurven: «Kastes» ({gone.meta.id})\n"
    assert [s.title for s in ws.list_workbooks()] == ["Beholdes"]
    code, out, _ = run(capsys, "--lang", "en", "trash", "list", "--workspace", str(ws.root))
    assert code == 0 and "Kastes" in out and "Beholdes" not in out
    code, out, _ = run(capsys, "trash", "list", "--json", "--workspace", str(ws.root))
    assert [row["title"] for row in json.loads(out)] == ["Kastes"]
    prefix = str(gone.meta.id)[:8]
    code, out, _ = run(
        capsys, "--lang", "en", "trash", "restore", prefix, "--workspace", str(ws.root)
    )
    assert code == 0
    assert out == f"Restored from the trash: “Kastes” ({gone.meta.id})\n"
    assert sorted(s.title for s in ws.list_workbooks()) == ["Beholdes", "Kastes"]
    assert ws.open(kept.meta.id) == kept


def test_a_workbook_is_named_by_its_file_too(
    capsys: pytest.CaptureFixture[str], ws: Workspace
) -> None:
    saved = _add(ws, "Fil")
    path = str(ws.path_of(saved.meta.id))
    code, _, _ = run(capsys, "trash", "move", path, "--workspace", str(ws.root))
    assert code == 0 and ws.in_trash(saved.meta.id)


def test_unknown_ids_are_one_line(capsys: pytest.CaptureFixture[str], ws: Workspace) -> None:
    ids = [str(_add(ws, f"Kasus {n}").meta.id) for n in range(3)]
    code, _, err = run(capsys, "--lang", "en", "trash", "move", "0000", "--workspace", str(ws.root))
    assert code == 1 and err.strip() == "No workbook 0000 in the workspace."
    code, _, err = run(capsys, "trash", "move", ids[0][:3], "--workspace", str(ws.root))
    assert code == 1, "three characters are too few to name a workbook"
    code, _, err = run(
        capsys, "--lang", "en", "trash", "restore", ids[1], "--workspace", str(ws.root)
    )
    assert code == 1 and err.strip() == f"No workbook {ids[1]} in the trash."
    assert len(ws.list_workbooks()) == 3, "nothing moved"


def test_an_ambiguous_start_of_an_id_names_the_candidates(
    capsys: pytest.CaptureFixture[str], ws: Workspace
) -> None:
    one = Workbook.new(title="En")
    two = Workbook.new(title="To")
    one.meta.id = uuid.UUID("abcd0000-0000-4000-8000-000000000001")
    two.meta.id = uuid.UUID("abcd0000-0000-4000-8000-000000000002")
    ws.create(one)
    ws.create(two)
    code, _, err = run(capsys, "--lang", "nb", "trash", "move", "abcd", "--workspace", str(ws.root))
    assert code == 1
    assert err.startswith("«abcd» passer til mer enn én arbeidsbok (abcd0000-")
    assert len(ws.list_workbooks()) == 2


def test_delete_for_good_asks_first(
    capsys: pytest.CaptureFixture[str], ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _add(ws, "Slettes", "tekst")
    ws.trash(saved.meta.id)
    _answer(monkeypatch, "nei\n")
    code, out, _ = run(
        capsys, "--lang", "nb", "trash", "delete", str(saved.meta.id), "--workspace", str(ws.root)
    )
    assert code == 1
    assert "Slette «Slettes»" in out and "[j/N]" in out and "Ingenting er slettet." in out
    assert ws.in_trash(saved.meta.id)
    _answer(monkeypatch, "ja\n")
    code, out, _ = run(
        capsys, "--lang", "nb", "trash", "delete", str(saved.meta.id), "--workspace", str(ws.root)
    )
    assert code == 0 and f"Slettet for godt: «Slettes» ({saved.meta.id})" in out
    assert not ws.in_trash(saved.meta.id) and ws.history(saved.meta.id) == []


def test_nothing_is_deleted_when_no_one_answers(
    capsys: pytest.CaptureFixture[str], ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _add(ws, "Blir")
    ws.trash(saved.meta.id)
    _answer(monkeypatch, "")
    code, _, _ = run(capsys, "trash", "empty", "--workspace", str(ws.root))
    assert code != 0
    assert ws.in_trash(saved.meta.id)


def test_empty_the_trash(capsys: pytest.CaptureFixture[str], ws: Workspace) -> None:
    for n in range(3):
        ws.trash(_add(ws, f"Kast {n}").meta.id)
    code, out, _ = run(
        capsys, "--lang", "en", "trash", "empty", "--yes", "--workspace", str(ws.root)
    )
    assert code == 0 and out == "The trash is empty: 3 deleted for good.\n"
    assert ws.trashed() == []
    code, out, _ = run(capsys, "--lang", "en", "trash", "empty", "--workspace", str(ws.root))
    assert code == 0 and out == "The trash is empty.\n"


def test_history_list_show_and_restore(
    capsys: pytest.CaptureFixture[str], ws: Workspace, tmp_path: Path
) -> None:
    saved = _add(ws, "Historie", "første utkast", "slettet alt")
    workbook_id = str(saved.meta.id)
    code, out, _ = run(
        capsys, "--lang", "nb", "history", "list", workbook_id, "--workspace", str(ws.root)
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Historikk for «Historie» ({workbook_id}), nyeste først:"
    assert [line.split()[0] for line in lines[1:]] == ["3", "2", "1"]
    assert lines[1].endswith("Utkast  (nåværende)")
    code, out, _ = run(
        capsys, "history", "list", workbook_id, "--json", "--workspace", str(ws.root)
    )
    rows = json.loads(out)
    assert [r["revision"] for r in rows] == [3, 2, 1] and rows[0]["current"] is True
    code, out, _ = run(capsys, "history", "show", workbook_id, "2", "--workspace", str(ws.root))
    assert code == 0 and parse_workbook(out.encode()).reflection.what == "første utkast"
    target = tmp_path / "versjon-2.json"
    code, out, _ = run(
        capsys, "history", "show", workbook_id, "2", "-o", str(target), "--workspace", str(ws.root)
    )
    assert code == 0 and parse_workbook(target.read_bytes()).reflection.what == "første utkast"
    code, _, err = run(
        capsys, "history", "show", workbook_id, "2", "-o", str(target), "--workspace", str(ws.root)
    )
    assert code == 1 and "already exists" in err, "nothing is silently overwritten"
    code, _, err = run(
        capsys,
        "history",
        "show",
        workbook_id,
        "2",
        "-o",
        str(tmp_path / "x.txt"),
        "--workspace",
        str(ws.root),
    )
    assert code == 1 and ".json or .pdf" in err
    code, out, _ = run(
        capsys,
        "--lang",
        "en",
        "history",
        "restore",
        workbook_id[:6],
        "2",
        "--workspace",
        str(ws.root),
    )
    assert code == 0
    assert out.strip() == (
        "Version 2 was restored as version 4. The version it replaced is kept in the history."
    )
    assert ws.open(workbook_id).reflection.what == "første utkast"
    assert ws.open_revision(workbook_id, 3).reflection.what == "slettet alt"


def test_history_says_what_is_missing_or_refused(
    capsys: pytest.CaptureFixture[str], ws: Workspace
) -> None:
    saved = _add(ws, "Levert", "tekst")
    workbook_id = str(saved.meta.id)
    code, _, err = run(
        capsys, "--lang", "en", "history", "show", workbook_id, "9", "--workspace", str(ws.root)
    )
    assert code == 1 and err.strip() == "Revision 9 of the workbook is no longer in the history."
    code, _, err = run(capsys, "history", "show", workbook_id, "zero", "--workspace", str(ws.root))
    assert code == 2, "a version is a number"
    ws.save(with_status(ws.open(workbook_id), Status.submitted))
    code, _, err = run(
        capsys, "--lang", "nb", "history", "restore", workbook_id, "1", "--workspace", str(ws.root)
    )
    assert code == 1
    assert err.strip().startswith("«Levert» er levert: en tidligere versjon kan gjenopprettes")
    assert ws.open(workbook_id).meta.status is Status.submitted
