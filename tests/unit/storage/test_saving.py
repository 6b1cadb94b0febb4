"""Are saves atomic, revisioned and refused when the file moved on?"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from physioreflect.errors import WorkbookConflict, WorkbookExists, WorkbookNotSaved
from physioreflect.model import Workbook, parse_workbook
from physioreflect.storage import Workspace
from tests.strategies import new_workbook


def _edited(workbook: Workbook, text: str) -> Workbook:
    reflection = workbook.reflection.model_copy(update={"what": text})
    return workbook.model_copy(update={"reflection": reflection})


def test_create_then_save_increments_revision(workspace: Workspace) -> None:
    saved = workspace.create(new_workbook())
    assert saved.meta.revision == 1
    again = workspace.save(_edited(saved, "Første utkast"))
    assert again.meta.revision == 2
    assert again.meta.updated >= saved.meta.updated
    assert workspace.open(saved.meta.id) == again


def test_file_is_human_readable_utf8(workspace: Workspace) -> None:
    saved = workspace.create(new_workbook("Skulder – «vondt om natta»"))
    text = workspace.path_of(saved.meta.id).read_text(encoding="utf-8")
    assert "«vondt om natta»" in text
    assert text.startswith('{\n  "meta": {\n    "id": ')


def test_second_tab_save_is_refused_and_kept_as_a_conflict_copy(workspace: Workspace) -> None:
    """Two tabs open revision 1; the first saves; the second must not overwrite it."""
    original = workspace.create(new_workbook("Kasus: fibromyalgi"))
    tab_a = _edited(original, "written in tab A")
    tab_b = _edited(original, "written in tab B")
    workspace.save(tab_a)
    with pytest.raises(WorkbookConflict) as caught:
        workspace.save(tab_b)
    assert workspace.open(original.meta.id).reflection.what == "written in tab A"
    copy_id = caught.value.params["copy_id"]
    copy = workspace.open(copy_id)
    assert copy.reflection.what == "written in tab B"
    assert copy.meta.copied_from == original.meta.id
    assert "konfliktkopi" in copy.meta.title
    assert caught.value.params["disk_revision"] == 2
    assert caught.value.params["expected_revision"] == 1


def test_conflict_between_processes(workspace: Workspace, tmp_path: Path) -> None:
    """Does a save in another process (a second Workspace object) count as moving on?"""
    original = workspace.create(new_workbook())
    Workspace(workspace.root).save(_edited(original, "other process"))
    with pytest.raises(WorkbookConflict):
        workspace.save(_edited(original, "this process"))


def test_new_workbook_cannot_overwrite_an_existing_file(workspace: Workspace) -> None:
    saved = workspace.create(new_workbook())
    stale = saved.model_copy(update={"meta": saved.meta.model_copy(update={"revision": 0})})
    with pytest.raises(WorkbookExists):
        workspace.create(stale)
    with pytest.raises(WorkbookConflict):
        workspace.save(stale)


def test_import_under_a_used_id_becomes_a_copy(workspace: Workspace) -> None:
    saved = workspace.create(new_workbook("Opplastet"))
    imported = workspace.import_workbook(_edited(saved, "from a file"))
    assert imported.meta.id != saved.meta.id
    assert workspace.open(saved.meta.id).reflection.what == ""


def test_failed_write_leaves_the_file_and_no_temp_files(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = workspace.create(new_workbook())
    before = workspace.path_of(saved.meta.id).read_bytes()

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(WorkbookNotSaved) as caught:
        workspace.save(_edited(saved, "lost?"))
    monkeypatch.undo()
    assert caught.value.params["reason"] == "disk_full"
    assert workspace.path_of(saved.meta.id).read_bytes() == before
    assert not [p for p in workspace.root.iterdir() if p.name.endswith(".tmp")]
    # The work is still in memory: once there is space, the same save goes through.
    assert workspace.save(_edited(saved, "lost?")).meta.revision == 2


def test_saved_bytes_parse_back(workspace: Workspace, samples: list[Workbook]) -> None:
    for sample in samples:
        fresh = sample.model_copy(update={"meta": sample.meta.model_copy(update={"revision": 0})})
        saved = workspace.create(fresh)
        path = workspace.path_of(saved.meta.id)
        assert parse_workbook(path.read_bytes()) == saved
        assert json.loads(path.read_bytes())["meta"]["revision"] == 1
