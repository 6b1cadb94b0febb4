"""Replacing personal data everywhere the workspace keeps a workbook: revisions, trash,
conflict and upload copies, the listing cache."""

from __future__ import annotations

import pytest

from physioreflect.errors import WorkbookConflict, WorkbookSubmitted
from physioreflect.model import Status, Workbook, with_status
from physioreflect.privacy import Kind, redact_everywhere, scan_workbook
from physioreflect.storage import Workspace
from tests.strategies import new_workbook

PERSONAL = "Hun heter Kari Nordmann og har tlf. 912 34 567."


def _with_text(workbook: Workbook, text: str, title: str | None = None) -> Workbook:
    reflection = workbook.reflection.model_copy(update={"what": text})
    meta = workbook.meta if title is None else workbook.meta.model_copy(update={"title": title})
    return workbook.model_copy(update={"reflection": reflection, "meta": meta})


def _all_bytes(workspace: Workspace) -> list[tuple[str, bytes]]:
    return [
        (str(path.relative_to(workspace.root)), path.read_bytes())
        for path in sorted(workspace.root.rglob("*.json"))
    ]


def _leaks(workspace: Workspace, *texts: str) -> list[str]:
    return [
        name for name, data in _all_bytes(workspace) if any(text.encode() in data for text in texts)
    ]


def _three_revisions(workspace: Workspace) -> Workbook:
    first = workspace.create(_with_text(new_workbook(), "Ingen navn ennå."))
    second = workspace.save(_with_text(first, PERSONAL, title="Kari Nordmann, kne"))
    return workspace.save(_with_text(second, PERSONAL + " Hun liker å gå tur."))


def test_every_revision_is_cleaned_and_stays_restorable(workspace: Workspace) -> None:
    """Does a redaction leave no trace of the name or phone in the history, and can every
    revision still be opened and restored?"""
    saved = _three_revisions(workspace)
    workspace.list_workbooks()  # the listing cache now holds the title with the name
    findings = scan_workbook(saved)
    assert {f.kind for f in findings} >= {Kind.name, Kind.phone}
    report = redact_everywhere(workspace, saved.meta.id, findings)
    assert report.workbook is not None
    assert report.workbook.meta.revision == saved.meta.revision + 1
    assert "[NAVN]" in report.workbook.reflection.what
    assert _leaks(workspace, "Nordmann", "912 34 567") == []
    # Revisions 2 and 3 held the text, and the cache the title; revision 4 is new.
    names = {path.name for path in report.cleaned}
    assert {"00000002.json", "00000003.json", "index.json"} <= names
    assert report.files_cleaned == len(report.cleaned)
    for info in workspace.history(saved.meta.id):
        workspace.open_revision(saved.meta.id, info.revision)
    current = workspace.open(saved.meta.id)
    restored = workspace.restore_revision(saved.meta.id, 2, current_revision=current.meta.revision)
    assert "Kari" not in restored.reflection.what
    assert "Kari" not in restored.meta.title


def test_trash_and_conflict_copies_are_cleaned(workspace: Workspace) -> None:
    """Are a conflict copy (in the folder) and a copy in the trash cleaned too?"""
    saved = _three_revisions(workspace)
    copy = workspace.duplicate(saved.meta.id)
    workspace.trash(copy.meta.id)
    stale = _with_text(
        saved.model_copy(update={"meta": saved.meta.model_copy(update={"revision": 1})}),
        PERSONAL + " (tatt vare på)",
    )
    with pytest.raises(WorkbookConflict):
        workspace.save(stale)
    current = workspace.open(saved.meta.id)
    assert len(workspace.list_workbooks()) == 2  # the workbook and its conflict copy
    report = redact_everywhere(workspace, saved.meta.id, scan_workbook(current))
    assert _leaks(workspace, "Nordmann", "912 34 567") == []
    assert any(".physioreflect/trash" in str(path) for path in report.cleaned)


def test_other_workbooks_are_left_alone(workspace: Workspace) -> None:
    """Is a workbook that is not a copy untouched, even with the same name in it?"""
    saved = _three_revisions(workspace)
    other = workspace.create(_with_text(new_workbook("Annen"), PERSONAL))
    before = workspace.path_of(other.meta.id).read_bytes()
    redact_everywhere(workspace, saved.meta.id, scan_workbook(saved))
    assert workspace.path_of(other.meta.id).read_bytes() == before


def test_a_submitted_workbook_is_refused_unless_forced(workspace: Workspace) -> None:
    saved = _three_revisions(workspace)
    submitted = workspace.save(with_status(saved, Status.submitted))
    before = _all_bytes(workspace)
    with pytest.raises(WorkbookSubmitted):
        redact_everywhere(workspace, saved.meta.id, scan_workbook(submitted))
    assert _all_bytes(workspace) == before
    report = redact_everywhere(workspace, saved.meta.id, scan_workbook(submitted), force=True)
    assert report.workbook is not None
    assert _leaks(workspace, "Nordmann") == []


def test_an_unreadable_revision_is_never_touched(workspace: Workspace) -> None:
    saved = _three_revisions(workspace)
    broken = workspace.root / ".physioreflect" / "history" / str(saved.meta.id) / "00000002.json"
    broken.write_bytes(b'{"meta": "Kari Nordmann, not a workbook"')
    report = redact_everywhere(workspace, saved.meta.id, scan_workbook(saved))
    assert broken in report.unreadable
    assert broken.read_bytes() == b'{"meta": "Kari Nordmann, not a workbook"'


def test_nothing_found_changes_nothing(workspace: Workspace) -> None:
    saved = workspace.create(_with_text(new_workbook(), "Ingen personopplysninger her."))
    workspace.list_workbooks()
    before = _all_bytes(workspace)
    report = redact_everywhere(workspace, saved.meta.id, scan_workbook(saved))
    assert report.workbook is None
    assert report.files_cleaned == 0
    assert _all_bytes(workspace) == before
