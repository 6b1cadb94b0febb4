"""A workspace: a folder of workbook files, kept safe.

Layout::

    <root>/<id>.json                       one workbook per file, human-readable
    <root>/.physioreflect/history/<id>/    its revisions, <revision>.json, as the retention
                                           policy keeps them (see ``_retention``)
    <root>/.physioreflect/trash/<id>.json  workbooks moved to the trash
    <root>/.physioreflect/locks/<id>.lock  held while a save checks and replaces
    <root>/.physioreflect/index.json       cached list entries, keyed by file size and mtime

Nothing here overwrites what it did not read: a save names the revision it started from and
is refused when the file moved on (the refused version is kept as a conflict copy); a corrupt
file is reported and left alone; ids are UUIDs, so a file name never leaves the folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from physioreflect.content import library, message
from physioreflect.errors import (
    InvalidWorkbook,
    PhysioreflectError,
    Problem,
    RevisionNotFound,
    UnsafeWorkbookId,
    WorkbookConflict,
    WorkbookExists,
    WorkbookNotDeleted,
    WorkbookNotFound,
    WorkbookNotSaved,
    WorkbookSubmitted,
)
from physioreflect.model import (
    Review,
    Status,
    Workbook,
    completeness_counts,
    dump_workbook,
    is_editable_by_author,
    load_json_object,
    parse_workbook,
    restored_revision,
    utc_now,
)
from physioreflect.storage._atomic import (
    TEMP_SUFFIX,
    atomic_write,
    fsync_folder,
    not_saved,
    workbook_lock,
)
from physioreflect.storage._retention import (
    DEFAULT_RETENTION,
    RetentionPolicy,
    revisions_to_keep,
)
from physioreflect.storage._summary import WorkbookSummary, summarise

__all__ = [
    "DEFAULT_KEEP_REVISIONS",
    "RevisionInfo",
    "RewriteReport",
    "Workspace",
    "workbook_file_name",
]

DEFAULT_KEEP_REVISIONS: Final = DEFAULT_RETENTION.keep_last
INTERNAL: Final = ".physioreflect"
_INDEX_VERSION: Final = 2
"""Raised when what a list entry holds changes: the entries cached before are read again.
2: completeness asks whether each barrier and facilitator is told or assumed."""
_STALE_TEMP_SECONDS: Final = 3600
_PENDING_STALE_SECONDS: Final = 60


def _canonical_id(workbook_id: str | uuid.UUID) -> str:
    """The canonical text of a workbook id, or :class:`UnsafeWorkbookId`.

    Only UUIDs are ids, so ``../x``, absolute paths, NUL bytes and other tricks never reach
    the file system."""
    if isinstance(workbook_id, uuid.UUID):
        return str(workbook_id)
    text = str(workbook_id)
    try:
        parsed = uuid.UUID(text)
    except (ValueError, AttributeError, TypeError):
        raise UnsafeWorkbookId(source=text[:80], id=text[:80]) from None
    if str(parsed) != text.lower():
        raise UnsafeWorkbookId(source=text[:80], id=text[:80])
    return str(parsed)


def workbook_file_name(workbook_id: str | uuid.UUID) -> str:
    return f"{_canonical_id(workbook_id)}.json"


@dataclass(frozen=True)
class RevisionInfo:
    """One kept revision of a workbook, as a history list shows it."""

    revision: int
    updated: str
    """When it was saved: ISO 8601, as in the file."""
    size: int
    completeness: float = 0.0
    """The share of what is required that was filled in (0–1)."""
    title: str = ""
    status: str = ""

    @property
    def updated_at(self) -> dt.datetime | None:
        try:
            stamp = dt.datetime.fromisoformat(self.updated)
        except ValueError:
            return None
        return stamp if stamp.tzinfo is not None else None


@dataclass(frozen=True)
class RewriteReport:
    """What :meth:`Workspace.rewrite_everywhere` did."""

    workbook: Workbook | None
    """The workbook as now saved (a new revision), or None if it was not in the folder or
    nothing in it changed."""
    rewritten: tuple[Path, ...]
    """Every file whose content changed: the workbook, its revisions, its trash copy, its
    copies and their revisions, and the listing cache."""
    unreadable: tuple[Path, ...]
    """Files of the family that could not be read as workbooks: left exactly as they were."""
    refused: tuple[Path, ...]
    """Submitted copies left alone (without ``force``)."""


@dataclass(frozen=True)
class _Member:
    workbook_id: str
    path: Path
    in_trash: bool


class Workspace:
    """A folder of workbooks. Create it with :meth:`open` (or the constructor for an existing
    folder); all methods are safe to call from several processes at once."""

    def __init__(
        self,
        root: Path,
        *,
        retention: RetentionPolicy = DEFAULT_RETENTION,
        required_prompts: Collection[str] | None = None,
    ) -> None:
        self.root = Path(root).absolute()
        self.retention = retention
        """Which revisions the history keeps (applied after every save)."""
        # When each history file was saved, by path, keyed on size, mtime and inode: pruning
        # after a save then reads only files it has not seen.
        self._saved_times: dict[str, tuple[tuple[int, int, int], dt.datetime]] = {}
        self.required_prompts: tuple[str, ...] = tuple(
            library().required_prompt_ids() if required_prompts is None else required_prompts
        )
        self._internal = self.root / INTERNAL
        try:
            for folder in (self.root, self._history_root, self._trash, self._locks):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WorkbookNotSaved(
                source=str(self.root),
                reason="other",
                detail=error.strerror or str(error),
            ) from error
        self._remove_stale_temp_files()

    # ── paths ─────────────────────────────────────────────────────────────────────────────
    @property
    def _history_root(self) -> Path:
        return self._internal / "history"

    @property
    def _trash(self) -> Path:
        return self._internal / "trash"

    @property
    def _locks(self) -> Path:
        return self._internal / "locks"

    @property
    def _index_path(self) -> Path:
        return self._internal / "index.json"

    def path_of(self, workbook_id: str | uuid.UUID) -> Path:
        """The file of a workbook; always directly inside the workspace folder."""
        return self.root / workbook_file_name(workbook_id)

    def _history_of(self, workbook_id: str) -> Path:
        return self._history_root / workbook_id

    def _lock(self, workbook_id: str) -> contextlib.AbstractContextManager[None]:
        return workbook_lock(self._locks / f"{workbook_id}.lock")

    def _remove_stale_temp_files(self) -> None:
        """Temp files are left only by a process killed mid-write; the real file is intact."""
        cutoff = time.time() - _STALE_TEMP_SECONDS
        for folder in (self.root, self._internal):
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
                        with contextlib.suppress(OSError):
                            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                                os.unlink(entry.path)

    # ── reading ───────────────────────────────────────────────────────────────────────────
    def _read_bytes(self, path: Path, source: str) -> bytes:
        if path.is_symlink():
            raise InvalidWorkbook(source=source, problems=[Problem("file.is_symlink")])
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise WorkbookNotFound(source=source, id=path.stem) from None
        except OSError as error:
            raise InvalidWorkbook(
                source=source,
                problems=[Problem("file.unreadable", params={"detail": error.strerror})],
            ) from None

    def open(self, workbook_id: str | uuid.UUID) -> Workbook:
        """The workbook, validated; :class:`InvalidWorkbook` names the file and the problems."""
        path = self.path_of(workbook_id)
        workbook = parse_workbook(self._read_bytes(path, path.name), source=path.name)
        if str(workbook.meta.id) != path.stem:
            raise InvalidWorkbook(
                source=path.name,
                problems=[
                    Problem("validation.invalid", ("meta", "id"), {"value": str(workbook.meta.id)})
                ],
            )
        return workbook

    def exists(self, workbook_id: str | uuid.UUID) -> bool:
        return self.path_of(workbook_id).exists()

    def _disk_revision(self, path: Path) -> int | None:
        """The revision of the file on disk (``None`` when there is no file).

        A file whose revision cannot be read counts as having moved on: saving over a file we
        cannot understand would destroy it."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return -1
        try:
            meta = load_json_object(data, source=path.name).get("meta")
        except InvalidWorkbook:
            return -1
        revision = meta.get("revision") if isinstance(meta, dict) else None
        return revision if isinstance(revision, int) and not isinstance(revision, bool) else -1

    # ── writing ───────────────────────────────────────────────────────────────────────────
    def save(self, workbook: Workbook) -> Workbook:
        """Save ``workbook`` as the next revision and return the saved copy.

        ``workbook.meta.revision`` must be the revision it was opened at (0 for a new one).
        If the file moved on meanwhile, nothing is overwritten: the given version is saved as
        a new workbook (a conflict copy) and :class:`WorkbookConflict` names it."""
        workbook_id = str(workbook.meta.id)
        path = self.path_of(workbook_id)
        expected = workbook.meta.revision
        with self._lock(workbook_id):
            on_disk = self._disk_revision(path)
            if on_disk != (None if expected == 0 else expected):
                copy = self._save_conflict_copy(workbook)
                raise WorkbookConflict(
                    source=workbook.meta.title,
                    id=workbook_id,
                    disk_revision="?" if on_disk is None or on_disk < 0 else on_disk,
                    expected_revision=expected,
                    copy_id=str(copy.meta.id),
                    copy_title=copy.meta.title,
                )
            return self._write_revision(workbook, expected + 1)

    def _write_revision(self, workbook: Workbook, revision: int) -> Workbook:
        now = utc_now()
        meta = workbook.meta.model_copy(
            update={"revision": revision, "updated": max(now, workbook.meta.created)}
        )
        saved = workbook.model_copy(update={"meta": meta})
        data = dump_workbook(saved)
        workbook_id = str(meta.id)
        atomic_write(self.path_of(workbook_id), data, source=meta.title)
        self._record_history(workbook_id, revision, data, meta.updated)
        return saved

    def _record_history(
        self, workbook_id: str, revision: int, data: bytes, saved_at: dt.datetime
    ) -> None:
        """Keep this revision and prune the others as the retention policy says.

        The workbook itself is already saved; failing to keep history must not undo that."""
        folder = self._history_of(workbook_id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{revision:08d}.json"
            atomic_write(path, data)
            self._remember_saved_at(path, saved_at)
            self._prune_history(workbook_id, now=utc_now())
        except (OSError, WorkbookNotSaved):
            return

    def _prune_history(self, workbook_id: str, *, now: dt.datetime) -> None:
        files = self._revision_files(workbook_id)
        if len(files) <= self.retention.keep_last:
            return
        revisions = [(int(path.stem), self._saved_at(path)) for path in files]
        keep = revisions_to_keep(revisions, now=now, policy=self.retention)
        for path in files:
            if int(path.stem) not in keep:
                path.unlink(missing_ok=True)
                self._saved_times.pop(str(path), None)

    @staticmethod
    def _stat_key(path: Path) -> tuple[int, int, int]:
        stat = path.stat()
        return (stat.st_size, stat.st_mtime_ns, stat.st_ino)

    def _remember_saved_at(self, path: Path, saved_at: dt.datetime) -> None:
        with contextlib.suppress(OSError):
            self._saved_times[str(path)] = (self._stat_key(path), saved_at)

    def _saved_at(self, path: Path) -> dt.datetime:
        """When a history file was saved: its ``meta.updated``, or, for a file that does not
        say, its modification time."""
        key = self._stat_key(path)
        cached = self._saved_times.get(str(path))
        if cached is not None and cached[0] == key:
            return cached[1]
        saved_at = dt.datetime.fromtimestamp(key[1] / 1e9, tz=dt.UTC)
        try:
            meta = load_json_object(path.read_bytes(), source=path.name).get("meta")
        except (OSError, InvalidWorkbook):
            meta = None
        updated = meta.get("updated") if isinstance(meta, dict) else None
        with contextlib.suppress(TypeError, ValueError):
            stamp = dt.datetime.fromisoformat(updated)  # type: ignore[arg-type]
            if stamp.tzinfo is not None:
                saved_at = stamp
        self._saved_times[str(path)] = (key, saved_at)
        return saved_at

    def _save_conflict_copy(self, workbook: Workbook) -> Workbook:
        stamp = utc_now()
        suffix = message(
            "workspace.conflict_suffix",
            workbook.meta.language.value,
            stamp=stamp.strftime("%Y-%m-%d %H:%M"),
        )
        copy = self._as_new(workbook, title_suffix=suffix, keep_review=True)
        return self._write_revision(copy, 1)

    @staticmethod
    def _as_new(workbook: Workbook, *, title_suffix: str, keep_review: bool) -> Workbook:
        now = utc_now()
        title = f"{workbook.meta.title} {title_suffix}"[:200]
        meta = workbook.meta.model_copy(
            update={
                "id": uuid.uuid4(),
                "title": title,
                "revision": 0,
                "created": now,
                "updated": now,
                "copied_from": workbook.meta.id,
                "is_example": False,
            }
        )
        if not keep_review:
            meta = meta.model_copy(update={"status": Status.draft, "privacy_confirmed": False})
        review = workbook.review if keep_review else Review()
        return workbook.model_copy(update={"meta": meta, "review": review})

    def create(self, workbook: Workbook) -> Workbook:
        """Save a new workbook (revision 0 in memory); refuses an id that is already used."""
        if workbook.meta.revision != 0:
            msg = "create() takes a workbook that was never saved (revision 0)"
            raise ValueError(msg)
        workbook_id = str(workbook.meta.id)
        with self._lock(workbook_id):
            if self.path_of(workbook_id).exists() or (self._trash / f"{workbook_id}.json").exists():
                raise WorkbookExists(source=workbook.meta.title, id=workbook_id)
            return self._write_revision(workbook, 1)

    def import_workbook(self, workbook: Workbook) -> Workbook:
        """Add a workbook that came from elsewhere (an upload, a file): under its own id when
        that is free, otherwise as a copy with a new id. Never overwrites."""
        fresh = workbook.model_copy(
            update={"meta": workbook.meta.model_copy(update={"revision": 0})}
        )
        try:
            return self.create(fresh)
        except WorkbookExists:
            lang = workbook.meta.language.value
            suffix = message("workspace.duplicate_suffix", lang)
            return self.create(self._as_new(fresh, title_suffix=suffix, keep_review=True))

    def duplicate(self, workbook_id: str | uuid.UUID) -> Workbook:
        """A new draft with the same content (review and status not carried over)."""
        original = self.open(workbook_id)
        suffix = message("workspace.duplicate_suffix", original.meta.language.value)
        return self.create(self._as_new(original, title_suffix=suffix, keep_review=False))

    # ── trash ─────────────────────────────────────────────────────────────────────────────
    def trash(self, workbook_id: str | uuid.UUID) -> None:
        """Move a workbook to the trash (its history stays, so a restore is complete)."""
        canonical = _canonical_id(workbook_id)
        path = self.path_of(canonical)
        target = self._trash / path.name
        with self._lock(canonical):
            if not path.exists():
                raise WorkbookNotFound(source=path.name, id=canonical)
            if target.exists():
                raise WorkbookExists(source=target.name, id=canonical)
            self._move(path, target)

    def restore(self, workbook_id: str | uuid.UUID) -> None:
        """Bring a workbook back from the trash; refuses if the id is in use again."""
        canonical = _canonical_id(workbook_id)
        path = self.path_of(canonical)
        source = self._trash / path.name
        with self._lock(canonical):
            if not source.exists():
                raise WorkbookNotFound(source=source.name, id=canonical)
            if path.exists():
                raise WorkbookExists(source=path.name, id=canonical)
            self._move(source, path)

    def _move(self, source: Path, target: Path) -> None:
        try:
            os.replace(source, target)
            fsync_folder(source.parent)
            fsync_folder(target.parent)
        except OSError as error:
            raise not_saved(error, source.name) from error

    def trashed(self) -> list[WorkbookSummary]:
        """The workbooks in the trash, newest first (files with problems listed too)."""
        return self._summaries(self._trash, use_index=False)

    def in_trash(self, workbook_id: str | uuid.UUID) -> bool:
        return (self._trash / workbook_file_name(workbook_id)).exists()

    def delete_for_good(self, workbook_id: str | uuid.UUID) -> None:
        """Delete a workbook in the trash, and its history, for good.

        Only from the trash: a workbook in the folder is moved there first, so that nothing
        is deleted in one step. Should a workbook of the same id be in the folder again,
        only the trash copy is deleted and the history, which is that workbook's too, stays.
        """
        canonical = _canonical_id(workbook_id)
        path = self._trash / workbook_file_name(canonical)
        with self._lock(canonical):
            if not path.is_file() or path.is_symlink():
                raise WorkbookNotFound(source=path.name, id=canonical)
            try:
                path.unlink()
                fsync_folder(self._trash)
            except OSError as error:
                raise WorkbookNotDeleted(
                    source=path.name, detail=error.strerror or str(error)
                ) from error
            if not self.path_of(canonical).exists():
                # The workbook is gone already: history that cannot be removed now is only
                # space, and never shown for a workbook that does not exist.
                shutil.rmtree(self._history_of(canonical), ignore_errors=True)
                self.clear_pending(canonical)
        self._saved_times = {
            key: value for key, value in self._saved_times.items() if canonical not in key
        }

    def empty_trash(self) -> list[str]:
        """Delete every workbook in the trash for good; the ids deleted. Files in the trash
        that are no workbook of ours (not named by an id) are left alone."""
        deleted = []
        for summary in self.trashed():
            try:
                canonical = _canonical_id(summary.id)
            except UnsafeWorkbookId:
                continue
            with contextlib.suppress(WorkbookNotFound):  # deleted meanwhile, elsewhere
                self.delete_for_good(canonical)
                deleted.append(canonical)
        return deleted

    # ── history ───────────────────────────────────────────────────────────────────────────
    def _revision_files(self, workbook_id: str) -> list[Path]:
        folder = self._history_of(workbook_id)
        if not folder.is_dir():
            return []
        files = [p for p in folder.iterdir() if p.suffix == ".json" and p.stem.isdigit()]
        return sorted(files, key=lambda p: int(p.stem))

    def history(self, workbook_id: str | uuid.UUID) -> list[RevisionInfo]:
        """The kept revisions, oldest first: when each was saved and how complete it was.
        Files of the history that cannot be read are left out."""
        canonical = _canonical_id(workbook_id)
        infos = []
        for path in self._revision_files(canonical):
            try:
                data = path.read_bytes()
                parsed = load_json_object(data, source=path.name)
            except (OSError, InvalidWorkbook):
                continue
            meta = parsed.get("meta")
            meta = meta if isinstance(meta, dict) else {}
            counts = completeness_counts(parsed, required_prompts=self.required_prompts)
            done = sum(d for d, _ in counts.values())
            total = sum(t for _, t in counts.values())
            infos.append(
                RevisionInfo(
                    revision=int(path.stem),
                    updated=_text(meta.get("updated")),
                    size=len(data),
                    completeness=round(done / total, 4) if total else 1.0,
                    title=_text(meta.get("title")),
                    status=_text(meta.get("status")),
                )
            )
        return infos

    def open_revision(self, workbook_id: str | uuid.UUID, revision: int) -> Workbook:
        canonical = _canonical_id(workbook_id)
        path = self._history_of(canonical) / f"{int(revision):08d}.json"
        if not path.exists():
            raise RevisionNotFound(source=path.name, id=canonical, revision=revision)
        return parse_workbook(self._read_bytes(path, path.name), source=path.name)

    def restore_revision(
        self,
        workbook_id: str | uuid.UUID,
        revision: int,
        *,
        current_revision: int | None = None,
    ) -> Workbook:
        """Make an earlier revision the current version again, as a new revision: the
        version it replaces stays in the history, so nothing is lost.

        What the author wrote comes from the revision; the review, the status and the times
        of handing in and of the review stay as they are now (see
        :func:`physioreflect.model.restored_revision`). ``current_revision`` is the revision
        the caller last saw: if the workbook moved on since, nothing is overwritten (a
        conflict copy, as with :meth:`save`). A workbook in the trash must be taken out of it
        first (:class:`WorkbookNotFound`); a submitted or approved one is refused
        (:class:`WorkbookSubmitted`)."""
        canonical = _canonical_id(workbook_id)
        earlier = self.open_revision(canonical, revision)
        current = self.open(canonical)
        if not is_editable_by_author(current):
            raise WorkbookSubmitted(source=current.meta.title, id=canonical)
        restored = restored_revision(current, earlier)
        if current_revision is not None:
            meta = restored.meta.model_copy(update={"revision": current_revision})
            restored = restored.model_copy(update={"meta": meta})
        return self.save(restored)

    # ── rewriting every copy ──────────────────────────────────────────────────────────────
    def rewrite_everywhere(
        self,
        workbook_id: str | uuid.UUID,
        transform: Callable[[Workbook], Workbook],
        *,
        force: bool = False,
    ) -> RewriteReport:
        """Apply ``transform`` to a workbook and to every copy of it the workspace keeps.

        The workbook and the copies in the folder get a new revision (an open session then
        sees a conflict instead of saving the old text over the new); every kept revision,
        the trash copy and the revisions of the copies are rewritten in place, each file
        atomically, so that revisions stay restorable; the listing cache is rebuilt. The
        family is the workbook and every workbook linked to it by ``meta.copied_from``
        (conflict copies, upload copies, duplicates), in the folder or the trash.

        A submitted or approved workbook raises :class:`WorkbookSubmitted` unless ``force``;
        a submitted copy is left alone and named in ``refused``. A file that cannot be read
        as a workbook is never written and is named in ``unreadable``.
        """
        canonical = _canonical_id(workbook_id)
        members = self._family(canonical)
        if not members:
            raise WorkbookNotFound(source=self.path_of(canonical).name, id=canonical)
        rewritten: list[Path] = []
        unreadable: list[Path] = []
        refused: list[Path] = []
        saved: Workbook | None = None
        for member in sorted(members, key=lambda m: m.workbook_id != canonical):
            try:
                current = parse_workbook(
                    self._read_bytes(member.path, member.path.name), source=member.path.name
                )
            except PhysioreflectError:
                unreadable.append(member.path)
                continue
            if not (force or is_editable_by_author(current)):
                if member.workbook_id == canonical:
                    raise WorkbookSubmitted(source=current.meta.title, id=canonical)
                refused.append(member.path)
                continue
            changed = transform(current)
            if changed != current:
                if member.in_trash:
                    self._rewrite_in_place(member.workbook_id, member.path, changed)
                else:
                    result = self.save(changed)
                    saved = result if member.workbook_id == canonical else saved
                rewritten.append(member.path)
            history = self._rewrite_history(member.workbook_id, transform)
            rewritten += history[0]
            unreadable += history[1]
        if self._refresh_index():
            rewritten.append(self._index_path)
        return RewriteReport(saved, tuple(rewritten), tuple(unreadable), tuple(refused))

    def _family(self, workbook_id: str) -> list[_Member]:
        """The workbook and every workbook linked to it by ``copied_from``, both ways."""
        members: dict[str, _Member] = {}
        links: list[tuple[str, str]] = []
        for folder, in_trash in ((self.root, False), (self._trash, True)):
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                stem = entry.name.removesuffix(".json")
                if not entry.name.endswith(".json") or entry.is_symlink():
                    continue
                try:
                    canonical = _canonical_id(stem)
                except UnsafeWorkbookId:
                    continue
                members.setdefault(canonical, _Member(canonical, Path(entry.path), in_trash))
                origin = self._copied_from(Path(entry.path))
                if origin is not None:
                    links.append((canonical, origin))
        family = {workbook_id}
        grown = True
        while grown:
            grown = False
            for copy, origin in links:
                if (copy in family) != (origin in family):
                    family |= {copy, origin}
                    grown = True
        return [members[member] for member in sorted(family) if member in members]

    @staticmethod
    def _copied_from(path: Path) -> str | None:
        try:
            meta = load_json_object(path.read_bytes(), source=path.name).get("meta")
        except (OSError, InvalidWorkbook):
            return None
        origin = meta.get("copied_from") if isinstance(meta, dict) else None
        try:
            return _canonical_id(str(origin)) if origin else None
        except UnsafeWorkbookId:
            return None

    def _rewrite_in_place(self, workbook_id: str, path: Path, workbook: Workbook) -> None:
        """Replace a kept file (a revision, a trash copy) without making a new revision."""
        with self._lock(workbook_id):
            atomic_write(path, dump_workbook(workbook), source=path.name)

    def _rewrite_history(
        self, workbook_id: str, transform: Callable[[Workbook], Workbook]
    ) -> tuple[list[Path], list[Path]]:
        rewritten: list[Path] = []
        unreadable: list[Path] = []
        for path in self._revision_files(workbook_id):
            try:
                revision = parse_workbook(self._read_bytes(path, path.name), source=path.name)
            except PhysioreflectError:
                unreadable.append(path)
                continue
            changed = transform(revision)
            if changed != revision:
                self._rewrite_in_place(workbook_id, path, changed)
                rewritten.append(path)
        return rewritten, unreadable

    def _refresh_index(self) -> bool:
        """Rebuild the listing cache from the files; True if its content changed."""
        try:
            before = self._index_path.read_bytes()
        except OSError:
            before = b""
        # Emptied first: an entry whose file did not change would otherwise be kept as is.
        self._save_index({})
        self.list_workbooks()
        try:
            return bool(before) and self._index_path.read_bytes() != before
        except OSError:
            return False

    # ── listing ───────────────────────────────────────────────────────────────────────────
    def list_workbooks(self) -> list[WorkbookSummary]:
        """Every workbook file with title, status, last saved and completeness; newest first.

        Files that cannot be read are listed with their problem, never skipped. Entries are
        cached by file size and modification time, so listing a large workspace again reads
        only what changed."""
        return self._summaries(self.root, use_index=True)

    def _prompts_fingerprint(self) -> str:
        return hashlib.sha256("\n".join(self.required_prompts).encode()).hexdigest()[:16]

    def _load_index(self) -> dict[str, Any]:
        try:
            index = json.loads(self._index_path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return {}
        if (
            not isinstance(index, dict)
            or index.get("version") != _INDEX_VERSION
            or index.get("prompts") != self._prompts_fingerprint()
            or not isinstance(index.get("entries"), dict)
        ):
            return {}
        entries: dict[str, Any] = index["entries"]
        return entries

    def _save_index(self, entries: dict[str, Any]) -> None:
        data = json.dumps(
            {"version": _INDEX_VERSION, "prompts": self._prompts_fingerprint(), "entries": entries},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        # The index is only a cache: on a read-only or full disk, listing still works.
        with contextlib.suppress(WorkbookNotSaved):
            atomic_write(self._index_path, data)

    def _summaries(self, folder: Path, *, use_index: bool) -> list[WorkbookSummary]:
        cached = self._load_index() if use_index else {}
        fresh: dict[str, Any] = {}
        summaries: list[WorkbookSummary] = []
        changed = False
        try:
            entries = list(os.scandir(folder))
        except OSError:
            entries = []
        for entry in entries:
            name = entry.name
            if not name.endswith(".json") or name.startswith("."):
                continue
            summary, key = self._summary_of(entry, cached.get(name))
            summaries.append(summary)
            if key is not None:
                fresh[name] = {"key": key, "summary": summary.to_json()}
                changed = changed or cached.get(name, {}).get("key") != key
        if use_index and (changed or set(fresh) != set(cached)):
            self._save_index(fresh)
        return _newest_first(summaries)

    def _summary_of(
        self, entry: os.DirEntry[str], cached: Any
    ) -> tuple[WorkbookSummary, list[int] | None]:
        name = entry.name
        workbook_id = name.removesuffix(".json")
        if entry.is_symlink():
            return WorkbookSummary(workbook_id, name, problem=Problem("file.is_symlink")), None
        try:
            _canonical_id(workbook_id)
        except UnsafeWorkbookId:
            problem = Problem("error.unsafe_id", params={"id": workbook_id})
            return WorkbookSummary(workbook_id, name, problem=problem), None
        try:
            stat = entry.stat()
        except OSError as error:
            problem = Problem("file.unreadable", params={"detail": error.strerror})
            return WorkbookSummary(workbook_id, name, problem=problem), None
        key = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        if isinstance(cached, dict) and cached.get("key") == key:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                return WorkbookSummary.from_json(cached["summary"]), key
        return self._read_summary(entry.path, name), key

    def _read_summary(self, path: str, name: str) -> WorkbookSummary:
        workbook_id = name.removesuffix(".json")
        try:
            with open(path, "rb") as handle:
                data = load_json_object(handle.read(), source=name)
        except OSError as error:
            problem = Problem("file.unreadable", params={"detail": error.strerror})
            return WorkbookSummary(workbook_id, name, problem=problem)
        except InvalidWorkbook as error:
            return WorkbookSummary(workbook_id, name, problem=error.problems[0])
        return summarise(name, data, required_prompts=self.required_prompts)

    # ── seeding ───────────────────────────────────────────────────────────────────────────
    def seed_examples(self, examples: Iterable[Workbook]) -> list[Workbook]:
        """Fill an empty workspace with example workbooks, once.

        A marker remembers that it happened, so deleting the examples is respected."""
        marker = self._internal / "seeded"
        if marker.exists() or any(self.list_workbooks()) or any(self.trashed()):
            return []
        seeded = []
        for example in examples:
            meta = example.meta.model_copy(update={"is_example": True, "revision": 0})
            with contextlib.suppress(WorkbookExists):
                seeded.append(self.create(example.model_copy(update={"meta": meta})))
        atomic_write(marker, b"")
        return seeded

    # ── edits not yet saved, in another kernel ─────────────────────────────────────────────
    # Reloading the page starts a new kernel while the old one may still hold the last
    # second of typing in its autosave delay. The old session marks the workbook while it
    # has changes pending; a new session opening it waits briefly for the mark to go.
    @property
    def _pending(self) -> Path:
        return self._internal / "pending"

    def mark_pending(self, workbook_id: str | uuid.UUID) -> None:
        """Note that a session holds changes to this workbook not yet saved."""
        with contextlib.suppress(OSError):
            self._pending.mkdir(exist_ok=True)
            (self._pending / _canonical_id(workbook_id)).touch()

    def clear_pending(self, workbook_id: str | uuid.UUID) -> None:
        with contextlib.suppress(OSError):
            (self._pending / _canonical_id(workbook_id)).unlink(missing_ok=True)

    def wait_for_pending(self, workbook_id: str | uuid.UUID, *, timeout: float = 3.0) -> bool:
        """Wait (at most ``timeout`` seconds) while another session has unsaved changes to
        this workbook; ``True`` when there are none (any more). A mark older than a minute
        belongs to a session that is gone and is ignored."""
        marker = self._pending / _canonical_id(workbook_id)
        deadline = time.monotonic() + timeout
        while True:
            try:
                age = time.time() - marker.stat().st_mtime
            except OSError:
                return True
            if age > _PENDING_STALE_SECONDS or time.monotonic() >= deadline:
                return age > _PENDING_STALE_SECONDS
            time.sleep(0.05)

    # ── where the user left off ────────────────────────────────────────────────────────────
    def remember_last_opened(self, workbook_id: str | uuid.UUID) -> None:
        """Remember the workbook last worked on, so the start page can offer to continue."""
        data = json.dumps({"last_opened": _canonical_id(workbook_id)}).encode()
        # Only a convenience: a full or read-only disk must not stop the user from working.
        with contextlib.suppress(WorkbookNotSaved):
            atomic_write(self._internal / "state.json", data)

    def last_opened(self) -> str | None:
        """The workbook last worked on, if it still exists."""
        try:
            value = json.loads((self._internal / "state.json").read_bytes()).get("last_opened")
            canonical = _canonical_id(str(value))
        except (OSError, ValueError, AttributeError, UnsafeWorkbookId):
            return None
        return canonical if self.path_of(canonical).exists() else None

    def problems(self) -> Sequence[WorkbookSummary]:
        return [s for s in self.list_workbooks() if not s.ok]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _newest_first(summaries: list[WorkbookSummary]) -> list[WorkbookSummary]:
    """Readable workbooks newest first, then the ones with problems by file name."""
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)

    def when(summary: WorkbookSummary) -> dt.datetime:
        stamp = summary.updated_at
        return oldest if stamp is None or stamp.tzinfo is None else stamp

    readable = sorted((s for s in summaries if s.ok), key=when, reverse=True)
    broken = sorted((s for s in summaries if not s.ok), key=lambda s: s.file_name)
    return readable + broken
