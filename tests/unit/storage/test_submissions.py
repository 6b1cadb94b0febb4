"""Does handing in leave a frozen copy that is never replaced, and is the folder read safely?"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from physioreflect.content import describe_error
from physioreflect.errors import (
    SubmissionNotWritten,
    SubmissionRefused,
    SubmissionsFolderUnusable,
    UnsafeWorkbookId,
    WorkbookConflict,
    WorkbookNotSaved,
)
from physioreflect.model import Status, Workbook, dump_workbook, parse_workbook, with_status
from physioreflect.storage import (
    RETURNED_SUFFIX,
    REVIEW_SUFFIX,
    Workspace,
    as_submitted,
    hand_in,
    returned_to_student,
    submissions_of,
    submit_copy,
)
from tests.strategies import new_workbook

NOON = dt.datetime(2025, 3, 14, 12, 0, 5, 987_654, tzinfo=dt.UTC)
"""A time with microseconds, which a name cannot hold: the copy says the same second."""


def _submitted(title: str = "Kasus: kneartrose", *, now: dt.datetime = NOON) -> Workbook:
    return as_submitted(new_workbook(title), now=now)


def _files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by its relative name, hidden ones included."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


# ── writing a copy ─────────────────────────────────────────────────────────────────────────


def test_is_the_copy_where_the_layout_says_with_the_time_it_was_handed_in(tmp_path: Path) -> None:
    workbook = _submitted()
    folder = tmp_path / "course" / "submissions"  # not there yet: made on the way
    copy = submit_copy(workbook, folder, now=NOON)
    assert copy == folder / str(workbook.meta.id) / "20250314T120005Z.json"
    stored = parse_workbook(copy.read_bytes())
    assert stored.meta.submitted == NOON.replace(microsecond=0)
    assert stored.meta.status is Status.submitted
    # Nothing but the time of handing in differs from what was given.
    expected = workbook.model_copy(
        update={"meta": workbook.meta.model_copy(update={"submitted": stored.meta.submitted})}
    )
    assert stored == expected
    assert copy.read_bytes() == dump_workbook(expected)
    [listed] = submissions_of(folder, workbook.meta.id)
    assert listed.path == copy
    assert listed.submitted == stored.meta.submitted
    assert (listed.review, listed.returned, listed.sequence) == (None, None, 1)


def test_is_a_time_in_another_zone_named_in_utc(tmp_path: Path) -> None:
    oslo = dt.timezone(dt.timedelta(hours=2))
    local = dt.datetime(2025, 6, 1, 0, 30, tzinfo=oslo)  # still 31 May in UTC
    copy = submit_copy(_submitted(now=local), tmp_path, now=local)
    assert copy.name == "20250531T223000Z.json"
    assert parse_workbook(copy.read_bytes()).meta.submitted == local


def test_does_a_time_without_a_zone_fail_loudly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="time zone"):
        submit_copy(_submitted(), tmp_path, now=dt.datetime(2025, 3, 14, 12, 0))
    assert not list(tmp_path.iterdir())


def test_two_submits_in_the_same_second_get_two_files(tmp_path: Path) -> None:
    workbook = _submitted()
    first = submit_copy(workbook, tmp_path, now=NOON)
    second = submit_copy(workbook, tmp_path, now=NOON.replace(microsecond=1))
    third = submit_copy(workbook, tmp_path, now=NOON)
    assert [first.name, second.name, third.name] == [
        "20250314T120005Z.json",
        "20250314T120005Z-2.json",
        "20250314T120005Z-3.json",
    ]
    listed = submissions_of(tmp_path, workbook.meta.id)
    assert [s.path for s in listed] == [first, second, third]
    assert [s.sequence for s in listed] == [1, 2, 3]


def test_does_an_existing_file_stay_as_it_was(tmp_path: Path) -> None:
    """A file already at the name (someone else's, or a folder) is never replaced."""
    workbook = _submitted()
    target = tmp_path / str(workbook.meta.id)
    target.mkdir()
    (target / "20250314T120005Z.json").write_bytes(b"handed in earlier, by hand")
    (target / "20250314T120005Z-2.json").mkdir()
    copy = submit_copy(workbook, tmp_path, now=NOON)
    assert copy.name == "20250314T120005Z-3.json"
    assert (target / "20250314T120005Z.json").read_bytes() == b"handed in earlier, by hand"
    assert (target / "20250314T120005Z-2.json").is_dir()


def test_is_a_name_taken_after_it_was_looked_at_still_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer may take the name between the look and the write: the link refuses."""
    workbook = _submitted()
    target = tmp_path / str(workbook.meta.id)
    target.mkdir()
    (target / "20250314T120005Z.json").write_bytes(b"the other writer's copy")
    monkeypatch.setattr(os.path, "lexists", lambda _path: False)
    copy = submit_copy(workbook, tmp_path, now=NOON)
    assert copy.name == "20250314T120005Z-2.json"
    assert (target / "20250314T120005Z.json").read_bytes() == b"the other writer's copy"
    assert sorted(p.name for p in target.iterdir()) == [
        "20250314T120005Z-2.json",
        "20250314T120005Z.json",
    ], "no temp file is left behind"


def test_do_writers_at_the_same_moment_each_get_a_file_of_their_own(tmp_path: Path) -> None:
    workbooks = [_submitted(f"Kasus {n}") for n in range(3)]
    same_id = [
        w.model_copy(update={"meta": w.meta.model_copy(update={"id": workbooks[0].meta.id})})
        for w in workbooks
    ]
    start = threading.Barrier(len(same_id))
    written: list[Path] = []
    lock = threading.Lock()

    def hand_in_now(workbook: Workbook) -> None:
        start.wait()
        path = submit_copy(workbook, tmp_path, now=NOON)
        with lock:
            written.append(path)

    threads = [threading.Thread(target=hand_in_now, args=(w,)) for w in same_id]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(written)) == 3
    titles = {parse_workbook(p.read_bytes()).meta.title for p in written}
    assert titles == {"Kasus 0", "Kasus 1", "Kasus 2"}
    assert not [p for p in (tmp_path / str(workbooks[0].meta.id)).iterdir() if p.name[0] == "."]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moment=st.datetimes(
        min_value=dt.datetime(1, 1, 1),
        max_value=dt.datetime(9999, 12, 30),
        timezones=st.just(dt.UTC),
    ),
    taken=st.sets(st.integers(1, 12), max_size=6),
    foreign=st.lists(
        st.text(
            st.characters(codec="utf-8", exclude_characters="/\\\x00"), min_size=1, max_size=30
        ).filter(lambda n: n not in {".", ".."}),
        max_size=5,
    ),
)
def test_is_nothing_there_ever_changed_and_the_new_copy_always_found(
    tmp_path_factory: pytest.TempPathFactory,
    moment: dt.datetime,
    taken: set[int],
    foreign: list[str],
) -> None:
    folder = tmp_path_factory.mktemp("submissions")
    workbook = _submitted(now=moment)
    target = folder / str(workbook.meta.id)
    target.mkdir()
    stamp = (
        f"{moment.year:04d}{moment.month:02d}{moment.day:02d}"
        f"T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"
    )
    for sequence in taken:
        name = f"{stamp}.json" if sequence == 1 else f"{stamp}-{sequence}.json"
        (target / name).write_bytes(f"taken {sequence}".encode())
    for name in foreign:
        path = target / name
        if not path.exists():
            path.write_bytes(b"not a submission")
    before = _files(folder)
    copy = submit_copy(workbook, folder, now=moment)
    after = _files(folder)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) == {str(copy.relative_to(folder))}
    free = min(set(range(1, 20)) - taken)
    assert copy.name == (f"{stamp}.json" if free == 1 else f"{stamp}-{free}.json")
    found = {s.path: s for s in submissions_of(folder, workbook.meta.id)}
    assert found[copy].submitted == moment.replace(microsecond=0)
    assert found[copy].sequence == free


def test_is_a_workbook_that_is_not_submitted_refused(tmp_path: Path) -> None:
    draft = new_workbook("Utkast")
    with pytest.raises(SubmissionRefused) as refused:
        submit_copy(draft, tmp_path / "out", now=NOON)
    assert not (tmp_path / "out").exists()
    assert describe_error(refused.value, "en") == (
        "“Utkast” was not submitted: its status is “draft”, not submitted."
    )
    assert describe_error(refused.value, "nb") == (
        "«Utkast» ble ikke levert: statusen er «draft», ikke levert."
    )


# ── what can be handed in ──────────────────────────────────────────────────────────────────


def test_can_a_draft_and_a_returned_workbook_be_handed_in_but_not_twice() -> None:
    draft = new_workbook("Kasus")
    submitted = as_submitted(draft, now=NOON)
    assert submitted.meta.status is Status.submitted
    assert submitted.meta.submitted == NOON.replace(microsecond=0)
    assert draft.meta.status is Status.draft  # the argument is left as it was
    assert draft.meta.submitted is None
    returned = with_status(submitted, Status.returned)
    later = NOON + dt.timedelta(days=3)
    again = as_submitted(returned, now=later)
    assert again.meta.submitted == later.replace(microsecond=0)
    with pytest.raises(SubmissionRefused) as twice:
        as_submitted(submitted, now=later)
    assert twice.value.params["reason"] == "submit_already_submitted"
    assert "waits for its review" in describe_error(twice.value, "en")
    assert "venter på vurdering" in describe_error(twice.value, "nb")
    approved = with_status(submitted, Status.approved)
    with pytest.raises(SubmissionRefused) as final:
        as_submitted(approved, now=later)
    assert "approved" in describe_error(final.value, "en")
    assert "godkjent" in describe_error(final.value, "nb")


def test_does_a_resubmission_after_a_return_keep_the_old_copy(tmp_path: Path) -> None:
    first = _submitted()
    first_copy = submit_copy(first, tmp_path, now=NOON)
    first_bytes = first_copy.read_bytes()
    # The supervisor's side: a record and the returned workbook beside the copy.
    returned = with_status(parse_workbook(first_bytes), Status.returned)
    stem = first_copy.name.removesuffix(".json")
    (first_copy.parent / (stem + REVIEW_SUFFIX)).write_text("{}", encoding="utf-8")
    returned_path = first_copy.parent / (stem + RETURNED_SUFFIX)
    returned_path.write_bytes(dump_workbook(returned))

    revised = returned.model_copy(
        update={"reflection": returned.reflection.model_copy(update={"what": "Revidert"})}
    )
    later = NOON + dt.timedelta(days=2)
    second_copy = submit_copy(as_submitted(revised, now=later), tmp_path, now=later)
    assert first_copy.read_bytes() == first_bytes
    assert parse_workbook(second_copy.read_bytes()).reflection.what == "Revidert"
    older, newer = submissions_of(tmp_path, first.meta.id)
    assert (older.path, newer.path) == (first_copy, second_copy)
    assert older.review == older.review_path == first_copy.parent / (stem + REVIEW_SUFFIX)
    assert older.returned == returned_path
    assert newer.review is None and newer.returned is None
    assert newer.returned_path.name == second_copy.name.replace(".json", RETURNED_SUFFIX)
    assert returned_to_student(tmp_path, first.meta.id) == [older]


# ── reading the folder ─────────────────────────────────────────────────────────────────────


def test_is_garbage_in_the_folder_passed_over(tmp_path: Path) -> None:
    workbook = _submitted()
    copy = submit_copy(workbook, tmp_path, now=NOON)
    target = copy.parent
    garbage_files = [
        "notes.txt",
        ".DS_Store",
        ".20250314T120006Z.json.3f2a.tmp",
        "20251341T120000Z.json",  # month 13, day 41
        "20250230T120000Z.json",  # 30 February
        "2025-03-14T12:00:05Z.json",
        "20250314T120005Z-1.json",  # the first of a second has no number
        "20250314T120005Z-02.json",
        "20250314T120005Z-.json",
        "20250314T120005.json",
        "20250314T120005Z.JSON",
        "20250314T120005Z.json.bak",
        "٢٠٢٥٠٣١٤T120005Z.json",  # digits, but not ASCII ones
        "20250314T120005Z-3" + RETURNED_SUFFIX,  # beside a copy that is not there
        "kopi av 20250314T120005Z.json",
    ]
    for name in garbage_files:
        (target / name).write_bytes(b"{}")
    (target / "20250315T000000Z.json").mkdir()  # a folder with a copy's name
    (target / "20250316T000000Z.json").symlink_to(copy)  # a link with a copy's name
    (target / "20250314T120005Z.returned.json").mkdir()  # a folder where a file belongs
    # Folders beside the workbook's: not workbook ids, or another workbook.
    (tmp_path / "not-a-workbook").mkdir()
    (tmp_path / "README.txt").write_text("hand-ins", encoding="utf-8")
    other = tmp_path / str(uuid.uuid4())
    other.mkdir()
    (other / "20250101T000000Z.json").write_bytes(b"{}")
    [only] = submissions_of(tmp_path, workbook.meta.id)
    assert only.path == copy
    assert only.returned is None  # a folder named like the returned file is not one
    assert submissions_of(tmp_path, str(workbook.meta.id).upper()) == [only]
    assert submissions_of(tmp_path, uuid.uuid4()) == []
    assert submissions_of(tmp_path / "never made", workbook.meta.id) == []


@pytest.mark.parametrize("bad_id", ["../etc", "not-a-workbook", "", "ab/../cd", "\x00"])
def test_is_an_id_that_is_no_id_refused(tmp_path: Path, bad_id: str) -> None:
    with pytest.raises(UnsafeWorkbookId):
        submissions_of(tmp_path, bad_id)


def test_is_a_workbook_folder_that_is_a_file_or_a_link_refused(tmp_path: Path) -> None:
    workbook = _submitted()
    as_file = tmp_path / "a"
    as_file.mkdir()
    (as_file / str(workbook.meta.id)).write_bytes(b"{}")
    as_link = tmp_path / "b"
    as_link.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (as_link / str(workbook.meta.id)).symlink_to(elsewhere)
    for folder in (as_file, as_link):
        with pytest.raises(SubmissionsFolderUnusable) as reading:
            submissions_of(folder, workbook.meta.id)
        assert not isinstance(reading.value, SubmissionNotWritten)
        with pytest.raises(SubmissionNotWritten) as writing:
            submit_copy(workbook, folder, now=NOON)
        assert writing.value.params["reason"] == "submissions_not_a_folder"
    assert not list(elsewhere.iterdir())


def test_may_the_submissions_folder_itself_be_a_link_to_a_folder(tmp_path: Path) -> None:
    real = tmp_path / "share"
    real.mkdir()
    (tmp_path / "submissions").symlink_to(real)
    copy = submit_copy(_submitted(), tmp_path / "submissions", now=NOON)
    assert (real / copy.parent.name / copy.name).is_file()


# ── a folder that cannot be used ───────────────────────────────────────────────────────────


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "submissions.zip"
    path.write_bytes(b"PK\x05\x06" + bytes(18))
    return path


def test_is_a_file_given_as_the_folder_refused_in_both_languages(a_file: Path) -> None:
    before = a_file.read_bytes()
    with pytest.raises(SubmissionNotWritten) as refused:
        submit_copy(_submitted(), a_file, now=NOON)
    assert a_file.read_bytes() == before
    assert describe_error(refused.value, "en") == (
        f"Not submitted: the submissions folder {a_file} cannot be used: it is not a folder. "
        "Your workbook is unchanged."
    )
    assert describe_error(refused.value, "nb") == (
        f"Ikke levert: innleveringsmappa {a_file} kan ikke brukes: det er ikke en mappe. "
        "Arbeidsboka di er ikke endret."
    )
    with pytest.raises(SubmissionsFolderUnusable) as reading:
        submissions_of(a_file, uuid.uuid4())
    assert describe_error(reading.value, "en") == (
        f"The submissions folder {a_file} cannot be used: it is not a folder."
    )
    assert describe_error(reading.value, "nb") == (
        f"Innleveringsmappa {a_file} kan ikke brukes: det er ikke en mappe."
    )


def test_is_a_folder_below_a_file_refused(a_file: Path) -> None:
    with pytest.raises(SubmissionNotWritten) as refused:
        submit_copy(_submitted(), a_file / "inside", now=NOON)
    assert refused.value.params["reason"] == "submissions_not_a_folder"
    with pytest.raises(SubmissionsFolderUnusable):
        submissions_of(a_file / "inside", uuid.uuid4())


@pytest.mark.parametrize(
    ("code", "english", "norwegian"),
    [
        (errno.EACCES, "no permission to write to the folder", "mangler tilgang til mappen"),
        (errno.ENOSPC, "the disk is full", "disken er full"),
        (errno.EROFS, "the folder is read-only", "mappen er skrivebeskyttet"),
        (errno.EIO, "writing failed (", "skriving feilet ("),
    ],
)
def test_does_a_failed_write_say_why_and_leave_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, english: str, norwegian: str
) -> None:
    """Tests run as root here, where permissions do not stop a write: the system's answer
    is given instead, at the moment the copy would take its name."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", refuse)
    with pytest.raises(SubmissionNotWritten) as refused:
        submit_copy(_submitted(), tmp_path, now=NOON)
    assert english in describe_error(refused.value, "en")
    assert norwegian in describe_error(refused.value, "nb")
    assert _files(tmp_path) == {}


def test_is_a_folder_that_cannot_be_read_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = _submitted()
    submit_copy(workbook, tmp_path, now=NOON)

    def refuse(_path: object) -> Iterator[os.DirEntry[str]]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "scandir", refuse)
    with pytest.raises(SubmissionsFolderUnusable) as refused:
        submissions_of(tmp_path, workbook.meta.id)
    assert describe_error(refused.value, "en").endswith("you have no permission to read it.")
    assert describe_error(refused.value, "nb").endswith("du mangler tilgang til å lese den.")


def test_without_hard_links_is_the_copy_still_written_and_never_over_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    workbook = _submitted()
    first = submit_copy(workbook, tmp_path, now=NOON)
    second = submit_copy(workbook, tmp_path, now=NOON)
    assert (first.name, second.name) == ("20250314T120005Z.json", "20250314T120005Z-2.json")
    assert first.read_bytes() == second.read_bytes()
    assert parse_workbook(first.read_bytes()).meta.submitted == NOON.replace(microsecond=0)
    assert not [p for p in first.parent.iterdir() if p.name.startswith(".")]


def test_can_the_supervisor_read_the_copy(tmp_path: Path) -> None:
    """Not private to the student as a temp file is: readable as the umask allows."""
    previous = os.umask(0o022)
    try:
        copy = submit_copy(_submitted(), tmp_path, now=NOON)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o644


# ── handing in from a workspace ────────────────────────────────────────────────────────────


def test_is_a_handed_in_workbook_saved_as_submitted_beside_its_copy(
    workspace: Workspace, tmp_path: Path
) -> None:
    draft = workspace.create(new_workbook("Kasus"))
    saved, copy = hand_in(workspace, draft, tmp_path / "sub", now=NOON)
    assert copy is not None
    on_disk = workspace.open(draft.meta.id)
    assert on_disk == saved
    assert on_disk.meta.status is Status.submitted
    assert on_disk.meta.submitted == NOON.replace(microsecond=0)
    assert on_disk.meta.revision == 2
    frozen = parse_workbook(copy.read_bytes())
    assert frozen.meta.submitted == on_disk.meta.submitted
    assert frozen.model_dump(exclude={"meta"}) == on_disk.model_dump(exclude={"meta"})


def test_does_a_failed_save_take_the_copy_back(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = workspace.create(new_workbook("Kasus"))
    before = workspace.path_of(draft.meta.id).read_bytes()

    def full(_workbook: Workbook) -> Workbook:
        raise WorkbookNotSaved(source="Kasus", reason="disk_full", detail="")

    monkeypatch.setattr(workspace, "save", full)
    with pytest.raises(WorkbookNotSaved):
        hand_in(workspace, draft, tmp_path / "sub", now=NOON)
    assert submissions_of(tmp_path / "sub", draft.meta.id) == []
    assert workspace.path_of(draft.meta.id).read_bytes() == before


@pytest.mark.parametrize("status", [Status.draft, Status.returned])
def test_does_a_conflict_take_the_copy_back_and_leave_no_submitted_workbook(
    workspace: Workspace, tmp_path: Path, status: Status
) -> None:
    """The refused version is kept as a conflict copy, with the status it had: it was not
    handed in, so it must not read as submitted."""
    workbook = new_workbook("Kasus")
    if status is Status.returned:
        workbook = with_status(as_submitted(workbook, now=NOON), Status.returned)
    draft = workspace.create(workbook)
    workspace.save(draft)  # another tab saved meanwhile: revision 2 on disk
    later = NOON + dt.timedelta(hours=1)
    with pytest.raises(WorkbookConflict) as conflict:
        hand_in(workspace, draft, tmp_path / "sub", now=later)
    assert submissions_of(tmp_path / "sub", draft.meta.id) == []
    assert workspace.open(draft.meta.id).meta.status is status
    kept = workspace.open(str(conflict.value.params["copy_id"]))
    assert kept.meta.status is status
    assert kept.meta.submitted == draft.meta.submitted
    assert kept.meta.copied_from == draft.meta.id


def test_without_a_folder_is_the_workbook_saved_as_submitted(workspace: Workspace) -> None:
    draft = workspace.create(new_workbook("Kasus"))
    saved, copy = hand_in(workspace, draft, None, now=NOON)
    assert copy is None
    assert workspace.open(draft.meta.id) == saved
    assert saved.meta.status is Status.submitted
    assert saved.meta.submitted == NOON.replace(microsecond=0)


def test_is_a_workbook_handed_in_already_refused_before_anything_is_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    submitted = workspace.create(as_submitted(new_workbook("Kasus"), now=NOON))
    before = workspace.path_of(submitted.meta.id).read_bytes()
    with pytest.raises(SubmissionRefused):
        hand_in(workspace, submitted, tmp_path / "sub", now=NOON)
    assert not (tmp_path / "sub").exists()
    assert workspace.path_of(submitted.meta.id).read_bytes() == before


def test_does_a_copy_that_cannot_be_written_leave_the_workspace_alone(
    workspace: Workspace, a_file: Path
) -> None:
    draft = workspace.create(new_workbook("Kasus"))
    before = workspace.path_of(draft.meta.id).read_bytes()
    with pytest.raises(SubmissionNotWritten):
        hand_in(workspace, draft, a_file, now=NOON)
    assert workspace.path_of(draft.meta.id).read_bytes() == before
