"""``physioreflect submit``: does it hand in as the dashboard does, leave a file outside the
workspace as it is, and refuse in one clear line in the user's language?"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from physioreflect.model import (
    CURRENT_SCHEMA_VERSION,
    Status,
    Workbook,
    dump_workbook,
    parse_workbook,
    with_status,
)
from physioreflect.storage import SUBMISSIONS_ENV, Workspace, submissions_of
from tests.cli_runner import run
from tests.strategies import new_workbook

PHONE = "Ring meg på 912 34 567"
"""What the privacy check finds: a Norwegian phone number."""


@pytest.fixture(autouse=True)
def _no_folder_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SUBMISSIONS_ENV, raising=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "submissions"


def _with_text(workbook: Workbook, text: str) -> Workbook:
    case = workbook.case.model_copy(update={"likes_to_do": text})
    return workbook.model_copy(update={"case": case})


def _file(tmp_path: Path, workbook: Workbook, name: str = "innlevering.json") -> Path:
    path = tmp_path / "downloads" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(dump_workbook(workbook))
    return path


def _submit(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, *args: str, lang: str = "en"
) -> tuple[int, str, str]:
    return run(capsys, "--lang", lang, "submit", "--workspace", str(workspace.root), *args)


# ── a workbook of the workspace ────────────────────────────────────────────────────────────


def test_is_a_workspace_workbook_submitted_and_copied(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path
) -> None:
    draft = workspace.create(_with_text(new_workbook("Kasus: kne"), "Å gå tur med hunden"))
    code, out, err = _submit(capsys, workspace, str(draft.meta.id), "--submissions", str(folder))
    assert (code, err) == (0, "")
    [copy] = submissions_of(folder, draft.meta.id)
    assert out.splitlines() == [
        f"Submitted “Kasus: kne”. Copy for the supervisor: {copy.path}",
        "The workbook in the workspace is now submitted; you can change it again if your "
        "supervisor returns it.",
    ]
    saved = workspace.open(draft.meta.id)
    frozen = parse_workbook(copy.path.read_bytes())
    assert saved.meta.status is frozen.meta.status is Status.submitted
    assert saved.meta.submitted == frozen.meta.submitted == copy.submitted
    assert frozen.case.likes_to_do == "Å gå tur med hunden"


def test_is_the_message_in_bokmaal(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path
) -> None:
    draft = workspace.create(new_workbook("Kasus: skulder"))
    code, out, _ = _submit(
        capsys, workspace, str(draft.meta.id), "--submissions", str(folder), lang="nb"
    )
    [copy] = submissions_of(folder, draft.meta.id)
    assert code == 0
    assert out.splitlines()[0] == f"Levert «Kasus: skulder». Kopi til veilederen: {copy.path}"
    assert "Arbeidsboka i arbeidsområdet er nå levert" in out


def test_is_a_workbook_named_in_other_ways_the_same_workbook(
    capsys: pytest.CaptureFixture[str],
    workspace: Workspace,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """By its id in capitals, by its file's path, by a path relative to the workspace."""
    names = []
    for title in ("A", "B", "C"):
        names.append(workspace.create(new_workbook(title)))
    monkeypatch.chdir(workspace.root)
    arguments = [
        str(names[0].meta.id).upper(),
        str(workspace.path_of(names[1].meta.id)),
        f"./{names[2].meta.id}.json",
    ]
    for workbook, argument in zip(names, arguments, strict=True):
        code, _, err = _submit(capsys, workspace, argument, "--submissions", str(folder))
        assert (code, err) == (0, ""), argument
        assert workspace.open(workbook.meta.id).meta.status is Status.submitted, argument
        assert len(submissions_of(folder, workbook.meta.id)) == 1


def test_is_the_folder_taken_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    workspace: Workspace,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(SUBMISSIONS_ENV, str(folder))
    draft = workspace.create(new_workbook("Kasus"))
    code, _, _ = _submit(capsys, workspace, str(draft.meta.id))
    assert code == 0
    assert len(submissions_of(folder, draft.meta.id)) == 1


def test_is_no_folder_refused_in_both_languages(
    capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    draft = workspace.create(new_workbook("Kasus"))
    code, out, err = _submit(capsys, workspace, str(draft.meta.id))
    assert (code, out) == (1, "")
    assert err.startswith("Where should the copy go? Give the shared submissions folder with")
    code, _, err = _submit(capsys, workspace, str(draft.meta.id), lang="nb")
    assert code == 1
    assert err.startswith("Hvor skal kopien leveres?")
    assert workspace.open(draft.meta.id).meta.status is Status.draft


def test_is_a_second_submit_refused_until_the_workbook_is_returned(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path
) -> None:
    draft = workspace.create(new_workbook("Kasus"))
    workbook_id = str(draft.meta.id)
    assert _submit(capsys, workspace, workbook_id, "--submissions", str(folder))[0] == 0
    [first] = submissions_of(folder, workbook_id)
    first_bytes = first.path.read_bytes()
    code, out, err = _submit(capsys, workspace, workbook_id, "--submissions", str(folder))
    assert (code, out) == (1, "")
    assert err == "“Kasus” was not submitted: it is submitted already and waits for its review.\n"
    code, _, err = _submit(capsys, workspace, workbook_id, "--submissions", str(folder), lang="nb")
    assert err == "«Kasus» ble ikke levert: den er allerede levert og venter på vurdering.\n"
    assert len(submissions_of(folder, workbook_id)) == 1
    # Returned by the supervisor, revised, handed in again: a new copy, the old one kept.
    returned = with_status(workspace.open(workbook_id), Status.returned)
    workspace.save(_with_text(returned, "Revidert etter veiledning"))
    code, _, _ = _submit(capsys, workspace, workbook_id, "--submissions", str(folder))
    assert code == 0
    old, new = submissions_of(folder, workbook_id)
    assert old.path == first.path and old.path.read_bytes() == first_bytes
    assert parse_workbook(new.path.read_bytes()).case.likes_to_do == "Revidert etter veiledning"


def test_is_an_approved_workbook_refused(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path
) -> None:
    approved = with_status(with_status(new_workbook("Ferdig"), Status.submitted), Status.approved)
    saved = workspace.create(approved)
    code, _, err = _submit(capsys, workspace, str(saved.meta.id), "--submissions", str(folder))
    assert code == 1
    assert err == "“Ferdig” was not submitted: it is approved, and an approved workbook is final.\n"
    assert not folder.exists()


def test_is_a_folder_that_is_a_file_refused_and_the_workbook_left_a_draft(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "submissions.zip"
    not_a_folder.write_bytes(b"PK\x05\x06" + bytes(18))
    draft = workspace.create(new_workbook("Kasus"))
    before = workspace.path_of(draft.meta.id).read_bytes()
    code, out, err = _submit(
        capsys, workspace, str(draft.meta.id), "--submissions", str(not_a_folder)
    )
    assert (code, out) == (1, "")
    assert err == (
        f"Not submitted: the submissions folder {not_a_folder} cannot be used: it is not a "
        "folder. Your workbook is unchanged.\n"
    )
    assert workspace.path_of(draft.meta.id).read_bytes() == before


def test_is_an_unknown_id_said_so(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path
) -> None:
    code, _, err = _submit(
        capsys, workspace, "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", "--submissions", str(folder)
    )
    assert code == 1
    assert err == "No workbook 5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a in the workspace.\n"
    assert not folder.exists()


# ── the privacy check ──────────────────────────────────────────────────────────────────────


def test_are_privacy_findings_refused_unless_confirmed(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path
) -> None:
    draft = workspace.create(_with_text(new_workbook("Kasus"), PHONE))
    workbook_id = str(draft.meta.id)
    code, _, err = _submit(capsys, workspace, workbook_id, "--submissions", str(folder))
    assert code == 1
    assert err.startswith(
        "“Kasus” was not submitted: the privacy check found 1 possible piece of personal data."
    )
    assert f"physioreflect privacy {workspace.path_of(workbook_id)}" in err
    assert "--confirm-deidentified" in err
    code, _, err = _submit(capsys, workspace, workbook_id, "--submissions", str(folder), lang="nb")
    assert err.startswith(
        "«Kasus» ble ikke levert: personvernsjekken fant 1 mulig personopplysning."
    )
    assert not folder.exists()
    assert workspace.open(workbook_id).meta.status is Status.draft

    args = ("--submissions", str(folder), "--confirm-deidentified")
    code, _, _ = _submit(capsys, workspace, workbook_id, *args)
    assert code == 0
    [copy] = submissions_of(folder, workbook_id)
    assert parse_workbook(copy.path.read_bytes()).meta.privacy_confirmed is True
    assert workspace.open(workbook_id).meta.privacy_confirmed is True


def test_does_a_confirmation_already_recorded_count(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path
) -> None:
    workbook = _with_text(new_workbook("Kasus"), PHONE)
    workbook.meta.privacy_confirmed = True  # confirmed in the dashboard before
    draft = workspace.create(workbook)
    code, _, _ = _submit(capsys, workspace, str(draft.meta.id), "--submissions", str(folder))
    assert code == 0


# ── a file outside the workspace ───────────────────────────────────────────────────────────


def test_is_a_file_outside_the_workspace_handed_in_as_a_copy_only(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path, tmp_path: Path
) -> None:
    workbook = new_workbook("Kasus fra e-post")
    path = _file(tmp_path, workbook)
    before = path.read_bytes()
    code, out, _ = _submit(capsys, workspace, str(path), "--submissions", str(folder))
    assert code == 0
    [copy] = submissions_of(folder, workbook.meta.id)
    assert out.splitlines() == [
        f"Submitted “Kasus fra e-post”. Copy for the supervisor: {copy.path}",
        f"{path} is not in the workspace and was left as it is.",
    ]
    assert path.read_bytes() == before
    assert not workspace.exists(workbook.meta.id)
    frozen = parse_workbook(copy.path.read_bytes())
    assert frozen.meta.status is Status.submitted
    assert frozen.meta.submitted == copy.submitted


def test_is_an_older_format_handed_in_as_the_current_one(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path, tmp_path: Path
) -> None:
    """A file as version 3 wrote it (no ``submitted`` yet), with a byte order mark and
    Windows line ends, as an editor on another machine may save it."""
    workbook = new_workbook("Gammel fil")
    data: dict[str, Any] = json.loads(dump_workbook(workbook))
    data["meta"]["schema_version"] = 3
    for key in ("submitted", "reviewed"):
        del data["meta"][key]
    path = tmp_path / "gammel.json"
    text = json.dumps(data, ensure_ascii=False, indent=4).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, _, _ = _submit(capsys, workspace, str(path), "--submissions", str(folder))
    assert code == 0
    [copy] = submissions_of(folder, workbook.meta.id)
    stored = json.loads(copy.path.read_bytes())
    assert stored["meta"]["schema_version"] == CURRENT_SCHEMA_VERSION
    assert stored["meta"]["submitted"] is not None


def test_do_two_submits_in_the_same_second_get_two_files(
    capsys: pytest.CaptureFixture[str],
    workspace: Workspace,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    moment = dt.datetime(2025, 11, 3, 9, 15, 0, tzinfo=dt.UTC)
    monkeypatch.setattr("physioreflect.cli._submit.utc_now", lambda: moment)
    workbook = new_workbook("Kasus")
    path = _file(tmp_path, workbook)
    for _ in range(2):
        assert _submit(capsys, workspace, str(path), "--submissions", str(folder))[0] == 0
    copies = submissions_of(folder, workbook.meta.id)
    assert [c.path.name for c in copies] == ["20251103T091500Z.json", "20251103T091500Z-2.json"]
    assert {c.submitted for c in copies} == {moment}


def _unreadable_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = dump_workbook(new_workbook("x"))
    files = {
        "empty.json": (b"", "The file is empty."),
        "binary.json": (bytes(range(256)), "binary data"),
        "truncated.json": (good[: len(good) // 2], "may be truncated"),
        "list.json": (b"[]", "expected a JSON object"),
        "notes.txt": ("Refleksjon om pasienten på sykehjemmet".encode(), "not valid JSON"),
        "future.json": (
            good.replace(
                f'"schema_version": {CURRENT_SCHEMA_VERSION}'.encode(), b'"schema_version": 99'
            ),
            "newer version of physioreflect",
        ),
    }
    found = {}
    for name, (data, expected) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        found[name] = (path, expected)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: costs no disk
    found["huge.json"] = (huge, "too large")
    found["missing.json"] = (tmp_path / "missing.json", "does not exist")
    found["folder"] = (tmp_path, "a folder, not a file")
    found["no id"] = (Path("kasus"), "does not exist")
    return found


def test_is_a_file_that_cannot_be_read_refused_in_a_line_or_two(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path, tmp_path: Path
) -> None:
    for name, (path, expected) in _unreadable_files(tmp_path).items():
        code, out, err = _submit(capsys, workspace, str(path), "--submissions", str(folder))
        assert (code, out) == (1, ""), name
        assert expected in err, (name, err)
        assert len(err.splitlines()) <= 2, name
    assert not folder.exists()


def test_is_a_title_with_terminal_controls_printed_harmless(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, folder: Path, tmp_path: Path
) -> None:
    workbook = new_workbook("Kasus\x1b]0;pwned\x07\x1b[2J")
    path = _file(tmp_path, workbook)
    code, out, _ = _submit(capsys, workspace, str(path), "--submissions", str(folder))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "Kasus" in out


def test_is_the_command_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "submit" in out
    code, out, _ = run(capsys, "submit", "--help")
    assert "--confirm-deidentified" in out and SUBMISSIONS_ENV in out
    assert "DIR/<workbook id>/<time, UTC>.json" in " ".join(out.split())


# ── serve ──────────────────────────────────────────────────────────────────────────────────


class _Server:
    """Stands in for Voila: keeps the environment the page would get, serves nothing."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.url = "http://127.0.0.1:8866/"

    def start(self) -> None:
        return None

    def wait(self) -> int:
        return 0

    def stop(self) -> int:
        return 0


def test_does_serve_hand_the_folder_to_the_workbook_page(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[_Server] = []

    def server(_notebook: Path, *, env: dict[str, str], **_options: object) -> _Server:
        started.append(_Server(env))
        return started[-1]

    monkeypatch.setattr("physioreflect.cli._serve.voila_server", server)
    monkeypatch.setattr("signal.signal", lambda *_args: None)  # the test process keeps its own
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(
        capsys, "serve", "--no-browser", "--workspace", str(tmp_path / "ws"),
        "--submissions", folder.name,
    )  # fmt: skip
    assert code == 0
    [page] = started
    assert page.env[SUBMISSIONS_ENV] == str(folder)  # absolute: the kernel runs elsewhere
    assert page.env["PHYSIOREFLECT_DASHBOARD"] == "reflection"


def test_does_serve_refuse_a_file_as_the_workbook_s_submissions_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    download = tmp_path / "submissions.zip"
    download.write_bytes(b"PK\x05\x06" + bytes(18))
    args = ("--no-browser", "--workspace", str(tmp_path / "ws"), "--submissions", str(download))
    code, _, err = run(capsys, "--lang", "nb", "serve", *args)
    assert code == 1
    assert err == f"Innleveringsmappa {download} kan ikke brukes: det er ikke en mappe.\n"
    assert not (tmp_path / "ws").exists(), "nothing is started or written when refused"
