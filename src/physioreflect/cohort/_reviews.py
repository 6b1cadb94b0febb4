"""Review records and returned workbooks, kept beside the submissions they belong to.

For the submission ``kari/refleksjon.json`` of a folder, the supervisor's record is
``kari/refleksjon.review.json`` and the workbook returned to the student, once the review is
released, ``kari/refleksjon.returned.json``, in the same folder: what a supervisor uploads back
to the learning platform lies next to what was handed in. A zip is never written to; its
records go in the folder ``<name>.zip.reviews`` beside it, in the same layout.

The submission itself is never written to. A record is replaced atomically; a returned file
is written once and never replaced.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from physioreflect.errors import InvalidWorkbook, OutputExists, PhysioreflectError, Problem
from physioreflect.model import (
    ReviewRecord,
    Workbook,
    dump_workbook,
    load_json_object,
    problems_from_validation_error,
)
from physioreflect.storage import RETURNED_SUFFIX, REVIEW_SUFFIX, atomic_write, exclusive_write
from physioreflect.storage._atomic import not_saved

__all__ = ["RECORD_SUFFIX", "RETURNED_SUFFIX", "ReviewDesk"]

RECORD_SUFFIX: Final = REVIEW_SUFFIX
_DRIVE: Final = re.compile(r"^[A-Za-z]:")
_DATED: Final = re.compile(r"\.\d{8}T\d{6}Z(?:-\d+)?" + re.escape(RETURNED_SUFFIX))


class ReviewDesk:
    """Where the reviews of one submissions folder or zip (``source``) are kept."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.root = source if source.is_dir() else source.with_name(source.name + ".reviews")
        self._root = str(self.root)

    def _path(self, name: str, suffix: str) -> Path:
        """Where the file of ``suffix`` for the submission ``name`` is kept. Judged by the
        name alone (no ``..``, not absolute): the class table asks this for every file, and
        resolving links twice a file was a fifth of reading a class. What is written is
        checked against links too (:meth:`_writable`)."""
        return Path(self._path_text(name, suffix))

    def _path_text(self, name: str, suffix: str) -> str:
        """:meth:`_path` as text: the class table looks for a record beside every file, and
        a ``Path`` per look-up cost more than the look-up itself."""
        parts = name.replace("\\", "/").split("/")
        if not name or name.startswith("/") or _DRIVE.match(name) or ".." in parts:
            raise InvalidWorkbook(source=name, problems=[Problem("cohort.unsafe_name")])
        stem = name[: -len(".json")] if name.lower().endswith(".json") else name
        return os.path.join(self._root, *f"{stem}{suffix}".split("/"))

    def _writable(self, path: Path) -> Path:
        """``path``, refused if a link would take a write out of the reviews' folder."""
        if not path.parent.resolve().is_relative_to(self.root.resolve()):
            raise InvalidWorkbook(source=path.name, problems=[Problem("cohort.link_outside")])
        return path

    def record_path(self, name: str) -> Path:
        return self._path(name, RECORD_SUFFIX)

    def returned_path(self, name: str) -> Path:
        return self._path(name, RETURNED_SUFFIX)

    def record(self, name: str) -> ReviewRecord | None:
        """The record of the submission ``name``; ``None`` when it has none yet. A damaged
        record raises :class:`InvalidWorkbook` with its problems: it is never replaced by a
        new, empty one."""
        path = self._path_text(name, RECORD_SUFFIX)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return None
        except OSError as error:
            detail = error.strerror or str(error)
            raise InvalidWorkbook(
                source=os.path.basename(path),
                problems=[Problem("file.unreadable", params={"detail": detail})],
            ) from None
        source = os.path.basename(path)
        raw = load_json_object(data, source=source)
        try:
            return ReviewRecord.model_validate(raw)
        except ValidationError as error:
            raise InvalidWorkbook(
                source=source, problems=problems_from_validation_error(error)
            ) from None

    def keep_aside(self, name: str, record: ReviewRecord) -> Path:
        """Keep an earlier ``record`` of ``name`` under a dated name beside it (before a new
        review of a changed file takes its place): ``refleksjon.20261120T100000Z.review.json``;
        the workbook returned for it goes along (``….20261120T100000Z.returned.json``), so the
        new round can be released and the earlier one still compared with."""
        stamp = (record.released or record.updated).strftime("%Y%m%dT%H%M%SZ")
        stem = name[: -len(".json")] if name.lower().endswith(".json") else name
        text = json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        returned = self.returned_path(name)
        for attempt in range(1, 1000):
            dated = f".{stamp}{'' if attempt == 1 else f'-{attempt}'}"
            path = self._path(stem + ".json", dated + RECORD_SUFFIX)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._writable(path)
            try:
                exclusive_write(path, text.encode(), source=path.name)
            except FileExistsError:
                continue
            if returned.exists():
                aside = self._path(stem + ".json", dated + RETURNED_SUFFIX)
                try:
                    os.link(returned, aside)  # never over an existing file
                    os.unlink(returned)
                except OSError as error:
                    raise not_saved(error, returned.name) from error
            return path
        raise OutputExists(source=str(self.record_path(name)))

    def returned_rounds(self, name: str) -> list[Path]:
        """Every workbook returned for ``name``: this round's (if released) and the earlier
        rounds' kept aside under dated names."""
        current = self.returned_path(name)
        stem = current.name[: -len(RETURNED_SUFFIX)]
        try:
            found = [
                p
                for p in current.parent.iterdir()
                if p.name.endswith(RETURNED_SUFFIX)
                and (p.name == current.name or _DATED.fullmatch(p.name[len(stem) :]))
                and p.name.startswith(stem)
            ]
        except OSError:
            return []
        return sorted(found)

    def latest_release(
        self, name: str, workbook_id: uuid.UUID, *, exclude: str = ""
    ) -> ReviewRecord | None:
        """The newest released record of the workbook ``workbook_id`` beside ``name`` (in the
        same folder), other than one made for the bytes ``exclude``: the previous round's
        review, to compare a resubmission's review with."""
        folder = self.record_path(name).parent
        found: list[ReviewRecord] = []
        try:
            paths = [p for p in folder.iterdir() if p.name.endswith(RECORD_SUFFIX)]
        except OSError:
            return None
        for path in paths:
            try:
                record = ReviewRecord.model_validate(
                    load_json_object(path.read_bytes(), source=path.name)
                )
            except (OSError, ValidationError, PhysioreflectError):
                continue  # a damaged record is shown where it is opened, not here
            if (
                record.workbook_id == workbook_id
                and record.released is not None
                and record.submission_sha256 != exclude
            ):
                found.append(record)
        return max(found, key=lambda r: r.released or r.updated, default=None)

    def save(self, record: ReviewRecord) -> Path:
        path = self.record_path(record.submission)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writable(path)
        text = json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2)
        atomic_write(path, (text + "\n").encode(), source=path.name)
        return path

    def write_returned(self, name: str, workbook: Workbook) -> Path:
        """Write the returned workbook once; an existing file is never replaced
        (:class:`OutputExists`)."""
        path = self.returned_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writable(path)
        try:
            exclusive_write(path, dump_workbook(workbook), source=path.name)
        except FileExistsError:
            raise OutputExists(source=str(path)) from None
        return path
