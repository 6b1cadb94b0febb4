"""Trash and restore, revision history, duplicates, listing and seeding."""

from __future__ import annotations

import json
import os

import pytest

from physioreflect.errors import WorkbookExists, WorkbookNotFound
from physioreflect.model import Status, Workbook, with_status
from physioreflect.storage import RetentionPolicy, Workspace, default_workspace_path
from tests.strategies import new_workbook


def _edited(workbook: Workbook, text: str) -> Workbook:
    reflection = workbook.reflection.model_copy(update={"what": text})
    return workbook.model_copy(update={"reflection": reflection})


def test_trash_and_restore(workspace: Workspace) -> None:
    saved = workspace.create(new_workbook("Til papirkurven"))
    workspace.trash(saved.meta.id)
    assert workspace.list_workbooks() == []
    assert [s.title for s in workspace.trashed()] == ["Til papirkurven"]
    with pytest.raises(WorkbookNotFound):
        workspace.open(saved.meta.id)
    workspace.restore(saved.meta.id)
    assert workspace.open(saved.meta.id) == saved
    assert workspace.trashed() == []
    assert [r.revision for r in workspace.history(saved.meta.id)] == [1]


def test_restore_never_overwrites(workspace: Workspace) -> None:
    saved = workspace.create(new_workbook())
    workspace.trash(saved.meta.id)
    (workspace.path_of(saved.meta.id)).write_text("{}", encoding="utf-8")
    with pytest.raises(WorkbookExists):
        workspace.restore(saved.meta.id)
    with pytest.raises(WorkbookNotFound):
        workspace.trash(new_workbook().meta.id)


def test_history_keeps_the_last_n_revisions(tmp_path: os.PathLike[str]) -> None:
    only_the_last_3 = RetentionPolicy(keep_last=3, tiers=())
    workspace = Workspace(tmp_path / "ws", retention=only_the_last_3)  # type: ignore[operator]
    workbook = workspace.create(new_workbook())
    for index in range(6):
        workbook = workspace.save(_edited(workbook, f"utkast {index}"))
    assert [r.revision for r in workspace.history(workbook.meta.id)] == [5, 6, 7]
    assert workspace.open_revision(workbook.meta.id, 6).reflection.what == "utkast 4"
    with pytest.raises(WorkbookNotFound):
        workspace.open_revision(workbook.meta.id, 2)


def test_restoring_an_earlier_revision_adds_a_new_one(workspace: Workspace) -> None:
    first = workspace.create(new_workbook())
    second = workspace.save(_edited(first, "good version"))
    third = workspace.save(_edited(second, "accidentally deleted everything"))
    restored = workspace.restore_revision(first.meta.id, 2, current_revision=third.meta.revision)
    assert restored.meta.revision == 4
    assert restored.reflection.what == "good version"
    assert [r.revision for r in workspace.history(first.meta.id)] == [1, 2, 3, 4]


def test_duplicate_is_a_fresh_draft(workspace: Workspace) -> None:
    original = workspace.create(new_workbook("Skulder"))
    original = workspace.save(with_status(_edited(original, "tekst"), Status.submitted))
    copy = workspace.duplicate(original.meta.id)
    assert copy.meta.id != original.meta.id
    assert copy.meta.status is Status.draft
    assert copy.meta.title == "Skulder (kopi)"
    assert copy.meta.copied_from == original.meta.id
    assert copy.reflection.what == "tekst"
    assert copy.meta.revision == 1


def test_listing_shows_title_status_updated_completeness_newest_first(
    workspace: Workspace, samples: list[Workbook]
) -> None:
    for sample in samples:
        workspace.import_workbook(sample)
    summaries = workspace.list_workbooks()
    assert {s.title for s in summaries} == {s.meta.title for s in samples}
    stamps = [s.updated_at for s in summaries]
    assert stamps == sorted(stamps, reverse=True)  # type: ignore[type-var]
    assert all(0 <= s.completeness <= 1 for s in summaries)
    assert {s.status for s in summaries} >= {"draft", "submitted"}


def test_listing_notices_changes_made_outside(workspace: Workspace) -> None:
    """Is the listing cache invalidated when a file changes behind its back?"""
    saved = workspace.create(new_workbook("Før"))
    assert workspace.list_workbooks()[0].title == "Før"
    path = workspace.path_of(saved.meta.id)
    data = json.loads(path.read_bytes())
    data["meta"]["title"] = "Etter, og lengre"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert workspace.list_workbooks()[0].title == "Etter, og lengre"
    path.unlink()
    assert workspace.list_workbooks() == []


def test_listing_survives_a_damaged_cache(workspace: Workspace) -> None:
    workspace.create(new_workbook("A"))
    workspace.list_workbooks()
    (workspace.root / ".physioreflect" / "index.json").write_bytes(b"\x00garbage")
    assert [s.title for s in workspace.list_workbooks()] == ["A"]


def test_empty_workspace_is_seeded_once_with_marked_examples(
    workspace: Workspace, samples: list[Workbook]
) -> None:
    seeded = workspace.seed_examples(samples)
    assert len(seeded) == len(samples)
    assert all(s.is_example for s in workspace.list_workbooks())
    for summary in workspace.list_workbooks():
        workspace.trash(summary.id)
    assert workspace.seed_examples(samples) == [], "deleting the examples is respected"


def test_seeding_leaves_a_workspace_with_work_alone(
    workspace: Workspace, samples: list[Workbook]
) -> None:
    workspace.create(new_workbook("Mitt eget"))
    assert workspace.seed_examples(samples) == []


def test_default_location_order(
    monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]
) -> None:
    monkeypatch.setenv("PHYSIOREFLECT_WORKSPACE", str(tmp_path))
    assert str(default_workspace_path("/explicit")) == "/explicit"
    assert str(default_workspace_path()) == str(tmp_path)
    monkeypatch.delenv("PHYSIOREFLECT_WORKSPACE")
    assert default_workspace_path().parts[-2:] == ("physioreflect", "workspace")


def test_pending_marks_let_a_new_session_wait_for_the_last_edits(workspace: Workspace) -> None:
    """Does a session opening a workbook wait while another still has edits to save?"""
    saved = workspace.create(new_workbook())
    assert workspace.wait_for_pending(saved.meta.id, timeout=0) is True
    workspace.mark_pending(saved.meta.id)
    assert workspace.wait_for_pending(saved.meta.id, timeout=0.1) is False
    workspace.clear_pending(saved.meta.id)
    assert workspace.wait_for_pending(saved.meta.id, timeout=0) is True
    marker = workspace.root / ".physioreflect" / "pending" / str(saved.meta.id)
    workspace.mark_pending(saved.meta.id)
    os.utime(marker, (0, 0))  # a mark left by a session that is long gone
    assert workspace.wait_for_pending(saved.meta.id, timeout=0) is True
