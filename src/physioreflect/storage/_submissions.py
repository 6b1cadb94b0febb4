"""The shared submissions folder: every hand-in leaves a frozen, time-stamped copy.

The layout, which the review and cohort sides read too::

    DIR/<workbook-id>/<YYYYMMDDTHHMMSSZ>.json            the submitted copy, never modified
    DIR/<workbook-id>/<YYYYMMDDTHHMMSSZ>.review.json     the supervisor's record beside it
    DIR/<workbook-id>/<YYYYMMDDTHHMMSSZ>.returned.json   the workbook returned to the student

The time is when the workbook was handed in (UTC, to the second), and the copy's
``meta.submitted`` says the same. A second hand-in within the same second is
``<stamp>-2.json`` (then ``-3`` …), with its siblings named after it
(``<stamp>-2.review.json``). A copy is created, never replaced: the name is claimed with an
exclusive link, so two writers in one second, on one machine or two, get two files.
Resubmitting after a return adds a copy and keeps the earlier ones.

Anything else in the folder (a note, a hidden file, a half-written temp file, a name that only
looks like a time) is not a submission and is passed over.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from physioreflect.errors import (
    PhysioreflectError,
    SubmissionNotWritten,
    SubmissionRefused,
    SubmissionsFolderUnusable,
    WorkbookConflict,
    WorkbookNotSaved,
)
from physioreflect.model import Status, Workbook, dump_workbook, with_status
from physioreflect.storage._atomic import exclusive_write, fsync_folder, not_saved
from physioreflect.storage._workspace import Workspace, _canonical_id

__all__ = [
    "MAX_COPIES_PER_SECOND",
    "RETURNED_SUFFIX",
    "REVIEW_SUFFIX",
    "SUBMISSIONS_ENV",
    "Submission",
    "as_submitted",
    "hand_in",
    "returned_to_student",
    "submissions_of",
    "submit_copy",
]

log = logging.getLogger("physioreflect.storage")

SUBMISSIONS_ENV: Final = "PHYSIOREFLECT_SUBMISSIONS"
"""The submissions folder when ``--submissions`` is not given."""
REVIEW_SUFFIX: Final = ".review.json"
RETURNED_SUFFIX: Final = ".returned.json"
MAX_COPIES_PER_SECOND: Final = 1000
"""Far above what a person's clicks make; it keeps the search for a free name finite."""

# ASCII digits only: ``\d`` would take "٢٠٢٥" for a year.
_COPY_NAME: Final = re.compile(
    r"\A(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})"
    r"T(?P<hour>[0-9]{2})(?P<minute>[0-9]{2})(?P<second>[0-9]{2})Z"
    r"(?:-(?P<sequence>[2-9]|[1-9][0-9]{1,5}))?\.json\Z"
)


@dataclass(frozen=True)
class Submission:
    """One frozen copy in the submissions folder, and what lies beside it."""

    path: Path
    submitted: dt.datetime
    """When it was handed in (UTC), as its name says."""
    sequence: int = 1
    """1 for the first copy of that second, 2 for ``-2`` …"""
    review: Path | None = None
    """The supervisor's record (``.review.json``), if there is one."""
    returned: Path | None = None
    """The workbook returned to the student (``.returned.json``), if there is one."""

    @property
    def stem(self) -> str:
        """The name without ``.json``; the siblings are this plus their suffix."""
        return self.path.name.removesuffix(".json")

    @property
    def review_path(self) -> Path:
        """Where the supervisor's record of this copy is (or will be) kept."""
        return self.path.with_name(self.stem + REVIEW_SUFFIX)

    @property
    def returned_path(self) -> Path:
        """Where the workbook returned for this copy is (or will be) kept."""
        return self.path.with_name(self.stem + RETURNED_SUFFIX)


# ── names ──────────────────────────────────────────────────────────────────────────────────


def _moment(now: dt.datetime) -> dt.datetime:
    """``now`` in UTC to the second: the precision of the name, so the name and the copy's
    ``meta.submitted`` say the same time."""
    if now.tzinfo is None or now.utcoffset() is None:
        msg = "the time of a submission must carry its time zone"
        raise ValueError(msg)
    return now.astimezone(dt.UTC).replace(microsecond=0)


def _copy_name(moment: dt.datetime, sequence: int) -> str:
    # Formatted by hand: strftime's %Y does not pad years before 1000 on every platform.
    stamp = (
        f"{moment.year:04d}{moment.month:02d}{moment.day:02d}"
        f"T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"
    )
    return f"{stamp}.json" if sequence == 1 else f"{stamp}-{sequence}.json"


def _parse_name(name: str) -> tuple[dt.datetime, int] | None:
    """The time and sequence a copy's name holds; ``None`` for any other name."""
    match = _COPY_NAME.match(name)
    if match is None:
        return None
    parts = {key: int(value) for key, value in match.groupdict(default="1").items()}
    try:
        moment = dt.datetime(
            parts["year"],
            parts["month"],
            parts["day"],
            parts["hour"],
            parts["minute"],
            parts["second"],
            tzinfo=dt.UTC,
        )
    except ValueError:  # 20251341T…: digits in the right places, but no such time
        return None
    return moment, parts["sequence"]


# ── the folder ─────────────────────────────────────────────────────────────────────────────


def _unusable(
    folder: Path, reason: str, *, writing: bool, detail: str = "", **params: object
) -> SubmissionsFolderUnusable:
    kind = SubmissionNotWritten if writing else SubmissionsFolderUnusable
    return kind(source=str(folder), reason=reason, detail=detail, **params)


def _os_reason(error: OSError, *, writing: bool) -> str:
    """The reason in words the catalog has: a failed write's (disk full, read-only …), or
    why a folder cannot be read."""
    if isinstance(error, NotADirectoryError):  # a file where a folder on the way should be
        return "submissions_not_a_folder"
    if writing:
        return str(not_saved(error, "").params["reason"])
    if isinstance(error, PermissionError):
        return "submissions_no_access"
    return "submissions_unreadable"


def _workbook_folder(folder: Path, workbook_id: str | uuid.UUID, *, create: bool) -> Path | None:
    """``DIR/<workbook-id>``, made when ``create``; ``None`` when it is not there to read.

    Raises :class:`SubmissionsFolderUnusable` (:class:`SubmissionNotWritten` when
    ``create``) when ``folder`` or the workbook's folder is a file, a link, or cannot be
    used."""
    target = folder / _canonical_id(workbook_id)
    for path in (folder, target):
        try:
            info = path.lstat()
        except FileNotFoundError:
            if not create:
                return None
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                reason = (
                    "submissions_not_a_folder"
                    if isinstance(error, FileExistsError)
                    else _os_reason(error, writing=True)
                )
                raise _unusable(
                    path, reason, writing=True, detail=error.strerror or str(error)
                ) from None
            continue
        except OSError as error:
            raise _unusable(
                path,
                _os_reason(error, writing=create),
                writing=create,
                detail=error.strerror or str(error),
            ) from None
        # The workbook's own folder is never followed out through a link: in a folder many
        # people write to, a link could send one student's copy into another's.
        followed = path is folder and stat.S_ISLNK(info.st_mode) and path.is_dir()
        if not (stat.S_ISDIR(info.st_mode) or followed):
            raise _unusable(path, "submissions_not_a_folder", writing=create)
    return target


# ── writing ────────────────────────────────────────────────────────────────────────────────


def as_submitted(workbook: Workbook, *, now: dt.datetime) -> Workbook:
    """``workbook`` moved to submitted, handed in at ``now``; a draft or a returned workbook
    can be. Raises :class:`SubmissionRefused` for one that is submitted already (it waits for
    its review) or approved (final)."""
    status = workbook.meta.status
    if status is Status.submitted:
        raise SubmissionRefused(source=workbook.meta.title, reason="submit_already_submitted")
    if status is Status.approved:
        raise SubmissionRefused(source=workbook.meta.title, reason="submit_approved")
    return _stamped(with_status(workbook, Status.submitted), _moment(now))


def _stamped(workbook: Workbook, moment: dt.datetime) -> Workbook:
    meta = workbook.meta.model_copy(update={"submitted": moment})
    return workbook.model_copy(update={"meta": meta})


def submit_copy(workbook: Workbook, folder: Path, *, now: dt.datetime) -> Path:
    """Write the frozen copy of ``workbook`` (status submitted) into ``folder`` and return
    where it went: ``folder/<id>/<stamp of now>.json``, with ``meta.submitted`` set to ``now``
    (to the second) and nothing else changed. Folders are made as needed; an existing file is
    never replaced (the next free ``-2``, ``-3`` … name is taken instead).

    Raises :class:`SubmissionRefused` for a workbook that is not submitted, and
    :class:`SubmissionNotWritten` when the copy cannot be written (nothing is left behind)."""
    if workbook.meta.status is not Status.submitted:
        raise SubmissionRefused(
            source=workbook.meta.title,
            reason="submit_not_marked",
            status=workbook.meta.status.value,
        )
    moment = _moment(now)
    target = _workbook_folder(folder, workbook.meta.id, create=True)
    assert target is not None  # made above, or refused
    data = dump_workbook(_stamped(workbook, moment))
    for sequence in range(1, MAX_COPIES_PER_SECOND + 1):
        path = target / _copy_name(moment, sequence)
        # A name seen taken is passed over without writing a temp file for it (each is
        # fsynced); the link below still decides when two writers race for a name.
        if os.path.lexists(path):
            continue
        try:
            exclusive_write(path, data, source=str(path))
        except FileExistsError:
            continue
        except WorkbookNotSaved as failure:
            raise _unusable(
                target,
                str(failure.params.get("reason", "other")),
                writing=True,
                detail=str(failure.params.get("detail", "")),
            ) from None
        return path
    raise _unusable(target, "submissions_too_many", writing=True, limit=MAX_COPIES_PER_SECOND)


def hand_in(
    workspace: Workspace, workbook: Workbook, folder: Path | None, *, now: dt.datetime
) -> tuple[Workbook, Path | None]:
    """Hand in the workspace's ``workbook`` (a draft, or returned): its frozen copy goes to
    ``folder`` first (none without a folder), then the workbook is saved as submitted at
    ``now``. Returns the saved workbook and the copy's path.

    In this order a failure never leaves a submitted workbook without its copy: a copy that
    cannot be written stops everything (:class:`SubmissionNotWritten`, the workspace
    untouched); a save that fails (a conflict, a full disk) takes the copy just written back
    out and raises as :meth:`Workspace.save` does, so what remains is the workbook as it
    was. Raises :class:`SubmissionRefused` for a workbook submitted already or approved."""
    moment = _moment(now)
    submitted = as_submitted(workbook, now=moment)
    if folder is None:
        return workspace.save(submitted), None
    copy = submit_copy(submitted, folder, now=moment)
    try:
        saved = workspace.save(submitted)
    except WorkbookConflict as conflict:
        _take_back(copy)
        _not_submitted_in_conflict_copy(workspace, conflict, workbook)
        raise
    except BaseException:
        _take_back(copy)
        raise
    return saved, copy


def _not_submitted_in_conflict_copy(
    workspace: Workspace, conflict: WorkbookConflict, before: Workbook
) -> None:
    """The conflict copy keeps the version that was refused, which was marked submitted; it
    was not handed in (its copy was taken back), so it keeps the status it had before."""
    copy_id = str(conflict.params.get("copy_id", ""))
    try:
        kept = workspace.open(copy_id)
        meta = kept.meta.model_copy(
            update={"status": before.meta.status, "submitted": before.meta.submitted}
        )
        workspace.save(kept.model_copy(update={"meta": meta}))
    except (PhysioreflectError, OSError):
        log.exception("the conflict copy %s is left marked submitted", copy_id)


def _take_back(copy: Path) -> None:
    """Remove a copy written moments ago by a hand-in that did not happen."""
    try:
        copy.unlink()
        fsync_folder(copy.parent)
    except OSError:
        log.exception("a copy of a hand-in that failed is left in %s", copy)


# ── reading ────────────────────────────────────────────────────────────────────────────────


def _regular_files(folder: Path) -> set[str]:
    """The names of the regular files directly in ``folder`` (not links, not folders)."""
    try:
        with os.scandir(folder) as listing:
            return {entry.name for entry in listing if entry.is_file(follow_symlinks=False)}
    except OSError as error:
        raise _unusable(
            folder,
            _os_reason(error, writing=False),
            writing=False,
            detail=error.strerror or str(error),
        ) from None


def submissions_of(folder: Path, workbook_id: str | uuid.UUID) -> list[Submission]:
    """Every frozen copy of the workbook ``workbook_id`` in ``folder``, oldest first, with the
    review and returned files beside each. None yet (no such folder) is an empty list.

    Raises :class:`SubmissionsFolderUnusable` when ``folder`` is not a folder or cannot be
    read, and :class:`UnsafeWorkbookId` for an id that is not one."""
    target = _workbook_folder(folder, workbook_id, create=False)
    if target is None:
        return []
    names = _regular_files(target)
    found: list[Submission] = []
    for name in names:
        parsed = _parse_name(name)
        if parsed is None:
            continue
        stem = name.removesuffix(".json")
        review, returned = stem + REVIEW_SUFFIX, stem + RETURNED_SUFFIX
        found.append(
            Submission(
                path=target / name,
                submitted=parsed[0],
                sequence=parsed[1],
                review=target / review if review in names else None,
                returned=target / returned if returned in names else None,
            )
        )
    return sorted(found, key=lambda s: (s.submitted, s.sequence))


def returned_to_student(folder: Path, workbook_id: str | uuid.UUID) -> list[Submission]:
    """The submissions of ``workbook_id`` whose workbook was returned, oldest first."""
    return [s for s in submissions_of(folder, workbook_id) if s.returned is not None]
