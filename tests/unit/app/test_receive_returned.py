"""A returned workbook comes home: handed in to the shared folder, reviewed there, and then
brought into the student's own workbook — from the folder, or uploaded as a file from a
learning platform — never as a copy, never over what the student wrote since."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from physioreflect.app import ManualScheduler, ReviewSession, SaveStatus, WorkbookController
from physioreflect.errors import ReviewRefused
from physioreflect.model import (
    Decision,
    Section,
    Status,
    Workbook,
    dump_workbook,
    parse_workbook,
    receive_review,
)
from physioreflect.storage import Workspace, submissions_of
from tests.strategies import new_workbook


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "delt" / "innleveringer"


@pytest.fixture
def controller(workspace: Workspace, folder: Path) -> WorkbookController:
    return WorkbookController(
        workspace=workspace, lang="nb", scheduler=ManualScheduler(), submissions=folder
    )


def _handed_in(controller: WorkbookController, folder: Path) -> tuple[Workbook, Path]:
    controller.create(new_workbook("Kasus: skulder"))
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Svømme"))
    assert controller.submit(privacy_confirmed=True)
    workbook = controller.workbook
    [submission] = submissions_of(folder, workbook.meta.id)
    return workbook, submission.path


def _reviewed(folder: Path, copy: Path, decision: Decision = Decision.returned) -> Path:
    session = ReviewSession(folder, copy.relative_to(folder).as_posix(), reviewer="Vera")
    session.add_comment(Section.case, "Hva slags svømming?")
    session.set_text("overall_feedback", "Fint. Se på planen igjen.")
    session.set_decision(decision)
    return session.release()


def test_a_review_in_the_shared_folder_is_listed_and_brought_home(
    controller: WorkbookController, folder: Path, workspace: Workspace
) -> None:
    workbook, copy = _handed_in(controller, folder)
    assert controller.returned_waiting() == []  # handed in, not reviewed yet
    _reviewed(folder, copy)
    [(waiting, submission)] = controller.returned_waiting()
    assert waiting.meta.id == workbook.meta.id
    assert controller.receive_from_folder(submission) == "received"
    home = workspace.open(workbook.meta.id)
    assert home.meta.status is Status.returned
    assert home.review.overall_feedback == "Fint. Se på planen igjen."
    assert home.case.likes_to_do == "Svømme"
    assert not controller.read_only  # returned: the student can work on it again
    assert controller.returned_waiting() == []  # nothing left waiting
    assert len(list(workspace.root.glob("*.json"))) == 1  # no copy was made


def test_an_uploaded_returned_file_updates_the_same_workbook(
    controller: WorkbookController, folder: Path, workspace: Workspace
) -> None:
    workbook, copy = _handed_in(controller, folder)
    returned = _reviewed(folder, copy, Decision.approved)
    before = {p.name for p in workspace.root.glob("*.json")}
    assert controller.import_file(returned.read_bytes(), name="refleksjon (1).json") == "received"
    assert {p.name for p in workspace.root.glob("*.json")} == before
    assert workspace.open(workbook.meta.id).meta.status is Status.approved
    # The same file again changes nothing.
    assert controller.import_file(returned.read_bytes(), name="refleksjon.json") == "same"


def test_a_returned_file_of_a_workbook_not_here_is_added(
    controller: WorkbookController, folder: Path, tmp_path: Path
) -> None:
    _, copy = _handed_in(controller, folder)
    returned = _reviewed(folder, copy)
    elsewhere = Workspace(tmp_path / "annen-maskin")
    other = WorkbookController(workspace=elsewhere, lang="nb", scheduler=ManualScheduler())
    assert other.import_file(returned.read_bytes(), name="fra-canvas.json") == "added"
    assert other.workbook.review.overall_feedback == "Fint. Se på planen igjen."


def test_what_the_student_wrote_since_is_kept(
    controller: WorkbookController, folder: Path, workspace: Workspace
) -> None:
    """Handed in through the platform (a file), then kept writing in the draft here."""
    controller.create(new_workbook("Kasus: kne"))
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Gå tur"))
    controller.save_pending()
    handed = controller.workbook.model_copy(deep=True)
    handed.meta.status = Status.submitted
    controller.edit(Section.case, lambda w: setattr(w.case, "wants_to_achieve", "Gå til butikken"))
    controller.save_pending()
    submissions = folder.parent / "canvas"
    submissions.mkdir(parents=True)
    (submissions / "kari.json").write_bytes(dump_workbook(handed))
    returned = _reviewed(submissions, submissions / "kari.json")
    assert controller.import_file(returned.read_bytes(), name="kari.json") == "received"
    home = workspace.open(handed.meta.id)
    assert home.case.wants_to_achieve == "Gå til butikken"  # written after handing in
    assert home.review.comments[0].text == "Hva slags svømming?"


def test_an_older_return_never_replaces_a_newer_review(folder: Path) -> None:
    current = Workbook.new(title="Kasus", now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    newer = current.model_copy(deep=True)
    newer.meta.status = Status.returned
    newer.meta.reviewed = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    older = newer.model_copy(deep=True)
    older.meta.reviewed = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    with pytest.raises(ReviewRefused) as error:
        receive_review(newer, older)
    assert error.value.params["reason"] == "older_return"
    with pytest.raises(ReviewRefused) as error:
        receive_review(current, current)
    assert error.value.params["reason"] == "not_a_return"
    stranger = Workbook.new(title="Annen").model_copy(
        update={"meta": newer.meta.model_copy(update={"id": Workbook.new(title="x").meta.id})}
    )
    with pytest.raises(ReviewRefused) as error:
        receive_review(current, stranger)
    assert error.value.params["reason"] == "another_workbook"


def test_a_tab_still_writing_loses_nothing_when_the_review_comes_home(
    controller: WorkbookController, folder: Path, workspace: Workspace, tmp_path: Path
) -> None:
    """Another tab has the draft open and types after the review arrived: its words are kept
    (as the usual conflict copy), and the review is in the workbook."""
    controller.create(new_workbook("Kasus: rygg"))
    controller.save_pending()
    handed = controller.workbook.model_copy(deep=True)
    handed.meta.status = Status.submitted
    other_tab = WorkbookController(workspace=workspace, lang="nb", scheduler=ManualScheduler())
    other_tab.open(str(handed.meta.id))
    canvas = tmp_path / "canvas"
    canvas.mkdir()
    (canvas / "ola.json").write_bytes(dump_workbook(handed))
    returned = _reviewed(canvas, canvas / "ola.json")
    assert controller.import_file(returned.read_bytes(), name="ola.json") == "received"
    other_tab.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Sykle"))
    other_tab.save_pending()
    assert other_tab.session.state.status is SaveStatus.conflict
    texts = [parse_workbook(p.read_bytes()) for p in workspace.root.glob("*.json")]
    assert any(w.case.likes_to_do == "Sykle" for w in texts)
    assert workspace.open(handed.meta.id).review.overall_feedback == "Fint. Se på planen igjen."


def test_the_start_step_reads_a_returned_file_once(
    controller: WorkbookController, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Start step asks what is waiting each time it is built; a returned file, which
    never changes once written, is read the first time only."""
    import physioreflect.app._controller as module  # noqa: PLC0415

    _, copy = _handed_in(controller, folder)
    returned = _reviewed(folder, copy)
    reads: list[bytes] = []
    real = module.parse_workbook

    def counted(data: bytes, **kwargs: object) -> Workbook:
        reads.append(data)
        return real(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "parse_workbook", counted)
    for _ in range(3):
        assert len(controller.returned_waiting()) == 1
    assert len(reads) == 1
    # Written again (another round would be another file; a copy put back is read anew).
    returned.write_bytes(returned.read_bytes() + b"\n")
    assert len(controller.returned_waiting()) == 1
    assert len(reads) == 2
