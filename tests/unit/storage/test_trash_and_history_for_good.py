"""The trash emptied and a workbook deleted for good; history that reaches back a month; a
revision restored without undoing a review or a hand-in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import physioreflect.storage._workspace as workspace_module
from physioreflect.errors import (
    ReviewRefused,
    RevisionNotFound,
    WorkbookConflict,
    WorkbookExists,
    WorkbookNotDeleted,
    WorkbookNotFound,
    WorkbookSubmitted,
)
from physioreflect.model import (
    Decision,
    Review,
    Status,
    Workbook,
    restored_revision,
    with_status,
)
from physioreflect.storage import DEFAULT_RETENTION, Workspace
from tests.strategies import new_workbook


def _edited(workbook: Workbook, text: str) -> Workbook:
    reflection = workbook.reflection.model_copy(update={"what": text})
    return workbook.model_copy(update={"reflection": reflection})


class Clock:
    """The time the workspace saves at, moved by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(workspace_module, "utc_now", clock)
    return clock


def test_deleting_for_good_takes_the_workbook_and_its_history(workspace: Workspace) -> None:
    saved = workspace.save(_edited(workspace.create(new_workbook("Bort")), "tekst"))
    history = workspace.root / ".physioreflect" / "history" / str(saved.meta.id)
    assert history.is_dir()
    with pytest.raises(WorkbookNotFound):
        workspace.delete_for_good(saved.meta.id)  # only what is in the trash
    workspace.trash(saved.meta.id)
    assert workspace.in_trash(saved.meta.id)
    workspace.delete_for_good(saved.meta.id)
    assert workspace.trashed() == [] and workspace.list_workbooks() == []
    assert not history.exists()
    with pytest.raises(WorkbookNotFound):
        workspace.restore(saved.meta.id)


def test_deleting_a_trash_copy_keeps_the_history_of_a_workbook_of_the_same_id(
    workspace: Workspace,
) -> None:
    """Is the history left alone when the folder holds a workbook of that id again?"""
    saved = workspace.create(new_workbook())
    workspace.trash(saved.meta.id)
    trash_copy = workspace.root / ".physioreflect" / "trash" / f"{saved.meta.id}.json"
    workspace.path_of(saved.meta.id).write_bytes(trash_copy.read_bytes())
    workspace.delete_for_good(saved.meta.id)
    assert workspace.open(saved.meta.id) == saved
    assert [r.revision for r in workspace.history(saved.meta.id)] == [1]


def test_emptying_the_trash_deletes_every_workbook_in_it_and_nothing_else(
    workspace: Workspace,
) -> None:
    kept = workspace.create(new_workbook("Beholdes"))
    gone = [workspace.create(new_workbook(f"Kastes {n}")) for n in range(3)]
    for workbook in gone:
        workspace.trash(workbook.meta.id)
    stray = workspace.root / ".physioreflect" / "trash" / "notes.json"
    stray.write_text("{}", encoding="utf-8")
    deleted = workspace.empty_trash()
    assert sorted(deleted) == sorted(str(w.meta.id) for w in gone)
    assert [s.title for s in workspace.list_workbooks()] == ["Beholdes"]
    assert [s.file_name for s in workspace.trashed()] == ["notes.json"], "not ours: left alone"
    assert workspace.history(kept.meta.id)
    assert workspace.empty_trash() == []


def test_a_trash_copy_that_cannot_be_deleted_says_so(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = workspace.create(new_workbook())
    workspace.trash(saved.meta.id)

    def refuse(self: Path, missing_ok: bool = False) -> None:
        del self, missing_ok
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)
    with pytest.raises(WorkbookNotDeleted):
        workspace.delete_for_good(saved.meta.id)
    monkeypatch.undo()
    assert workspace.in_trash(saved.meta.id)


def test_history_says_when_and_how_complete(workspace: Workspace, samples: list[Workbook]) -> None:
    full = next(s for s in samples if s.meta.status is Status.draft)
    first = workspace.create(new_workbook("Tom"))
    body = full.model_dump(exclude={"meta", "review"})
    second = workspace.save(Workbook.model_validate({**first.model_dump(), **body}))
    infos = workspace.history(first.meta.id)
    assert [i.revision for i in infos] == [1, 2]
    assert infos[0].completeness < infos[1].completeness
    assert infos[1].updated_at == second.meta.updated
    assert infos[1].title == "Tom" and infos[1].status == "draft"


def test_a_revision_no_longer_kept_is_named_as_such(workspace: Workspace) -> None:
    saved = workspace.create(new_workbook())
    with pytest.raises(RevisionNotFound) as error:
        workspace.open_revision(saved.meta.id, 7)
    assert error.value.params["revision"] == 7


def test_history_reaches_back_a_month_of_autosaves(tmp_path: Path, clock: Clock) -> None:
    """Saved every 5 minutes for an hour and a half a day through 35 days: the newest 20 and
    one a day for the last 30 days are kept."""
    workspace = Workspace(tmp_path / "ws")
    start = clock.now
    workbook = workspace.create(new_workbook())
    for day in range(35):
        for step in range(0, 90 * 60, 300):
            clock.now = start + dt.timedelta(days=day, seconds=step)
            workbook = workspace.save(_edited(workbook, f"dag {day}, {step} s"))
    infos = workspace.history(workbook.meta.id)
    stamps = [info.updated_at for info in infos]
    assert all(stamp is not None for stamp in stamps)
    assert len(infos) <= DEFAULT_RETENTION.max_kept
    assert infos[-1].revision == workbook.meta.revision, "the current version is kept"
    assert clock.now - stamps[0] >= dt.timedelta(days=29)  # type: ignore[operator]
    assert len({stamp.date() for stamp in stamps}) >= 30  # type: ignore[union-attr]
    revisions = [info.revision for info in infos]
    assert revisions[-20:] == list(range(workbook.meta.revision - 19, workbook.meta.revision + 1))
    oldest = workspace.open_revision(workbook.meta.id, infos[0].revision)
    assert oldest.reflection.what.startswith("dag 5,")


def test_restoring_keeps_the_review_and_the_status(workspace: Workspace) -> None:
    """Does restoring a draft revision of a returned workbook keep the review it received?"""
    draft = workspace.save(_edited(workspace.create(new_workbook("Skulder")), "før levering"))
    submitted = workspace.save(with_status(_edited(draft, "levert tekst"), Status.submitted))
    review = Review(overall_feedback="Godt arbeid, men se på målene.", decision=Decision.returned)
    returned = with_status(submitted, Status.returned).model_copy(update={"review": review})
    returned = workspace.save(returned)
    restored = workspace.restore_revision(returned.meta.id, draft.meta.revision)
    assert restored.reflection.what == "før levering"
    assert restored.meta.status is Status.returned
    assert restored.review == review
    assert restored.meta.revision == returned.meta.revision + 1
    assert workspace.open_revision(returned.meta.id, returned.meta.revision) == returned


def test_a_submitted_workbook_is_not_restored(workspace: Workspace) -> None:
    draft = workspace.save(_edited(workspace.create(new_workbook()), "utkast"))
    workspace.save(with_status(draft, Status.submitted))
    with pytest.raises(WorkbookSubmitted):
        workspace.restore_revision(draft.meta.id, 1)


def test_restoring_over_a_newer_save_keeps_both(workspace: Workspace) -> None:
    first = workspace.create(new_workbook())
    second = workspace.save(_edited(first, "andre"))
    workspace.save(_edited(second, "tredje, fra en annen fane"))
    with pytest.raises(WorkbookConflict):
        workspace.restore_revision(first.meta.id, 1, current_revision=second.meta.revision)
    assert workspace.open(first.meta.id).reflection.what == "tredje, fra en annen fane"
    assert len(workspace.list_workbooks()) == 2, "the restored version is kept as a copy"


def test_a_workbook_in_the_trash_is_taken_out_before_a_revision_is_restored(
    workspace: Workspace,
) -> None:
    saved = workspace.save(_edited(workspace.create(new_workbook()), "to"))
    workspace.trash(saved.meta.id)
    with pytest.raises(WorkbookNotFound):
        workspace.restore_revision(saved.meta.id, 1)
    assert workspace.list_workbooks() == [], "no conflict copy made of a trashed workbook"
    workspace.restore(saved.meta.id)
    assert workspace.restore_revision(saved.meta.id, 1).reflection.what == ""


def test_a_revision_of_another_workbook_is_refused() -> None:
    one, other = new_workbook("En"), new_workbook("En annen")
    with pytest.raises(ReviewRefused) as error:
        restored_revision(one, other)
    assert error.value.params["reason"] == "another_workbook"


def test_the_trash_refuses_what_would_overwrite(workspace: Workspace) -> None:
    saved = workspace.create(new_workbook())
    workspace.trash(saved.meta.id)
    copy = workspace.root / ".physioreflect" / "trash" / f"{saved.meta.id}.json"
    workspace.path_of(saved.meta.id).write_bytes(copy.read_bytes())
    with pytest.raises(WorkbookExists):
        workspace.trash(saved.meta.id)
