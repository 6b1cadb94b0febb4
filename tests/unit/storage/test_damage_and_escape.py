"""Is a damaged file reported, left alone and kept from stopping the rest of the workspace?
Can an id or a file name ever reach outside the workspace folder?"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from physioreflect.content import describe_error, describe_problem
from physioreflect.errors import (
    InvalidWorkbook,
    UnsafeWorkbookId,
    WorkbookConflict,
    WorkbookNotFound,
)
from physioreflect.model import dump_workbook
from physioreflect.storage import Workspace
from tests.strategies import new_workbook

DAMAGE = {
    "empty": b"",
    "truncated": None,  # filled from a real workbook below
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00",
    "not json": b"title: my workbook\n",
    "a list": b"[1, 2, 3]",
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "latin-1": '{"meta": "bl\u00e5b\u00e6r"}'.encode("latin-1"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damaged_file_is_listed_with_its_problem_and_never_overwritten(
    workspace: Workspace, kind: str
) -> None:
    good = workspace.create(new_workbook("Intakt"))
    victim = workspace.create(new_workbook("Skadet"))
    path = workspace.path_of(victim.meta.id)
    damage = DAMAGE[kind]
    if damage is None:
        damage = path.read_bytes()[:-40]
    path.write_bytes(damage)

    summaries = workspace.list_workbooks()
    assert [s.title for s in summaries if s.ok] == ["Intakt"]
    broken = [s for s in summaries if not s.ok]
    assert [b.file_name for b in broken] == [path.name]
    assert broken[0].problem is not None
    assert describe_problem(broken[0].problem, "en")

    with pytest.raises(InvalidWorkbook) as caught:
        workspace.open(victim.meta.id)
    assert caught.value.source == path.name
    assert path.name in describe_error(caught.value, "en")

    # A save from a tab that still holds the old content must not replace the damaged file:
    # it might be recoverable by hand.
    with pytest.raises(WorkbookConflict):
        workspace.save(victim)
    assert path.read_bytes() == damage
    assert workspace.open(good.meta.id).meta.title == "Intakt"


def test_invalid_but_parseable_file_opens_with_field_level_problems(workspace: Workspace) -> None:
    saved = workspace.create(new_workbook())
    path = workspace.path_of(saved.meta.id)
    data = json.loads(path.read_bytes())
    data["perspective"]["conviction"] = 42
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidWorkbook) as caught:
        workspace.open(saved.meta.id)
    assert caught.value.problems[0].loc == ("perspective", "conviction")


@pytest.mark.parametrize(
    "bad_id",
    [
        "../outside",
        "/etc/passwd",
        "..",
        "",
        "a/b",
        "x" * 5000,
        "00000000-0000-0000-0000-00000000000\0",
        "..\\..\\windows",
        "{12345678-1234-5678-1234-567812345678}",
        "urn:uuid:12345678-1234-5678-1234-567812345678",
    ],
)
def test_ids_that_are_not_uuids_never_reach_the_file_system(
    workspace: Workspace, bad_id: str
) -> None:
    for operation in (
        workspace.open,
        workspace.trash,
        workspace.restore,
        workspace.history,
        workspace.duplicate,
        workspace.path_of,
    ):
        with pytest.raises(UnsafeWorkbookId):
            operation(bad_id)


def test_a_workbook_whose_id_differs_from_its_file_name_is_refused(workspace: Workspace) -> None:
    """Could a crafted file make a save land on another workbook's file?"""
    first = workspace.create(new_workbook("First"))
    other_id = uuid.uuid4()
    workspace.path_of(other_id).write_bytes(dump_workbook(first))
    with pytest.raises(InvalidWorkbook):
        workspace.open(other_id)
    assert not [s for s in workspace.list_workbooks() if s.id == str(other_id) and s.ok]


def test_symlink_out_of_the_workspace_is_not_followed(workspace: Workspace, tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_bytes(dump_workbook(new_workbook("Not yours")))
    link_id = uuid.uuid4()
    workspace.path_of(link_id).symlink_to(secret)
    with pytest.raises(InvalidWorkbook) as caught:
        workspace.open(link_id)
    assert caught.value.problems[0].key == "file.is_symlink"
    listed = {s.id: s for s in workspace.list_workbooks()}
    assert listed[str(link_id)].problem is not None


def test_stray_files_are_reported_not_opened(workspace: Workspace) -> None:
    (workspace.root / "notes.json").write_text("{}", encoding="utf-8")
    (workspace.root / "readme.txt").write_text("hello", encoding="utf-8")
    summaries = workspace.list_workbooks()
    assert [(s.file_name, s.ok) for s in summaries] == [("notes.json", False)]


def test_missing_workbook_is_not_found(workspace: Workspace) -> None:
    with pytest.raises(WorkbookNotFound):
        workspace.open(uuid.uuid4())
