"""The dashboard's Submit with a shared submissions folder: is a submitted workbook always
beside its frozen copy, and a failure a draft that says why?"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from physioreflect.app import ManualScheduler, SaveStatus, WorkbookController
from physioreflect.content import describe_error
from physioreflect.errors import SubmissionNotWritten, WorkbookNotSaved
from physioreflect.model import Section, Status, Workbook, parse_workbook, with_status
from physioreflect.storage import Workspace, submissions_of
from tests.strategies import new_workbook


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "shared" / "submissions"


@pytest.fixture
def controller(workspace: Workspace, folder: Path) -> WorkbookController:
    return WorkbookController(
        workspace=workspace, lang="en", scheduler=ManualScheduler(), submissions=folder
    )


def _opened(controller: WorkbookController, title: str = "Kasus: hofte") -> Workbook:
    controller.create(new_workbook(title))
    return controller.workbook


def test_does_submitting_write_the_copy_with_the_last_words_typed(
    controller: WorkbookController, workspace: Workspace, folder: Path
) -> None:
    workbook = _opened(controller)
    # Typed a moment ago: not autosaved yet when Submit is pressed.
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Å danse i stua"))
    assert controller.submit(privacy_confirmed=False)
    [submission] = submissions_of(folder, workbook.meta.id)
    frozen = parse_workbook(submission.path.read_bytes())
    saved = workspace.open(workbook.meta.id)
    assert frozen.case.likes_to_do == saved.case.likes_to_do == "Å danse i stua"
    assert frozen.meta.status is saved.meta.status is Status.submitted
    assert frozen.meta.submitted == saved.meta.submitted == submission.submitted
    assert controller.workbook.meta.submitted == submission.submitted
    assert controller.read_only


def test_is_the_confirmation_of_de_identification_in_the_copy(
    controller: WorkbookController, folder: Path
) -> None:
    workbook = _opened(controller)
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Ring 912 34 567"))
    assert controller.submit(privacy_confirmed=True)
    [submission] = submissions_of(folder, workbook.meta.id)
    assert parse_workbook(submission.path.read_bytes()).meta.privacy_confirmed is True


def test_does_a_copy_that_cannot_be_written_leave_a_draft_that_says_why(
    workspace: Workspace, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "submissions.zip"
    not_a_folder.write_bytes(b"PK\x05\x06" + bytes(18))
    controller = WorkbookController(
        workspace=workspace, lang="en", scheduler=ManualScheduler(), submissions=not_a_folder
    )
    workbook = _opened(controller)
    with pytest.raises(SubmissionNotWritten) as refused:
        controller.submit(privacy_confirmed=False)
    assert "Not submitted" in describe_error(refused.value, "en")
    assert "Ikke levert" in describe_error(refused.value, "nb")
    assert controller.workbook.meta.status is Status.draft
    assert controller.workbook.meta.submitted is None
    assert workspace.open(workbook.meta.id).meta.status is Status.draft
    assert not controller.read_only
    # Once the folder is there, the same workbook is handed in.
    not_a_folder.unlink()
    not_a_folder.mkdir()
    assert controller.submit(privacy_confirmed=False)
    assert len(submissions_of(not_a_folder, workbook.meta.id)) == 1


def test_does_a_failed_save_leave_a_draft_and_no_copy(
    controller: WorkbookController,
    workspace: Workspace,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workbook = _opened(controller)
    save = workspace.save

    def full_when_submitting(candidate: Workbook) -> Workbook:
        if candidate.meta.status is Status.submitted:
            raise WorkbookNotSaved(source=candidate.meta.title, reason="disk_full", detail="")
        return save(candidate)

    monkeypatch.setattr(workspace, "save", full_when_submitting)
    assert not controller.submit(privacy_confirmed=False)
    assert controller.session is not None
    state = controller.session.state
    assert state.status is SaveStatus.failed
    assert isinstance(state.error, WorkbookNotSaved)
    assert controller.workbook.meta.status is Status.draft
    assert controller.workbook.meta.submitted is None
    assert submissions_of(folder, workbook.meta.id) == []
    assert not controller.read_only


def test_does_a_conflict_while_submitting_take_the_copy_back(
    controller: WorkbookController, workspace: Workspace, folder: Path
) -> None:
    workbook = _opened(controller)
    elsewhere = workspace.open(workbook.meta.id)
    workspace.save(elsewhere)  # another tab saved meanwhile
    assert not controller.submit(privacy_confirmed=False)
    assert controller.session is not None
    state = controller.session.state
    assert state.status is SaveStatus.conflict
    assert submissions_of(folder, workbook.meta.id) == []
    assert workspace.open(workbook.meta.id).meta.status is Status.draft
    assert controller.workbook.meta.status is Status.draft
    # "Keep my version" continues in a draft: it was not handed in.
    assert state.error is not None
    controller.keep_copy(str(state.error.params["copy_id"]))
    assert controller.workbook.meta.status is Status.draft
    assert not controller.read_only


def test_does_a_resubmission_after_a_return_add_a_copy(
    controller: WorkbookController, workspace: Workspace, folder: Path
) -> None:
    workbook = _opened(controller)
    assert controller.submit(privacy_confirmed=False)
    [first] = submissions_of(folder, workbook.meta.id)
    first_bytes = first.path.read_bytes()
    # Returned by the supervisor (the returned workbook saved in the workspace).
    workspace.save(with_status(workspace.open(workbook.meta.id), Status.returned))
    controller.open(str(workbook.meta.id))
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Revidert"))
    assert controller.submit(privacy_confirmed=False)
    copies = submissions_of(folder, workbook.meta.id)
    assert len(copies) == 2
    assert copies[0].path == first.path
    assert first.path.read_bytes() == first_bytes
    assert parse_workbook(copies[1].path.read_bytes()).case.likes_to_do == "Revidert"


def test_without_a_folder_is_the_time_of_handing_in_still_kept(workspace: Workspace) -> None:
    controller = WorkbookController(workspace=workspace, lang="nb", scheduler=ManualScheduler())
    workbook = _opened(controller)
    assert controller.submit(privacy_confirmed=False)
    assert workspace.open(workbook.meta.id).meta.submitted is not None


def test_is_a_folder_without_permission_said_so(
    controller: WorkbookController, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _opened(controller)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "link", refuse)
    with pytest.raises(SubmissionNotWritten) as refused:
        controller.submit(privacy_confirmed=False)
    assert "no permission to write to the folder" in describe_error(refused.value, "en")
    assert controller.workbook.meta.status is Status.draft
