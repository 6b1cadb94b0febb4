"""The files of a submissions download: a folder, or the ``.zip`` a learning platform makes.

Both give the same thing, one :class:`Member` at a time (one file's bytes in memory at once):
its name inside the download, and either its bytes or the problem that kept them from being
read. A zip is never extracted to disk: members are read in memory, so no name in it can
write anywhere; names that would leave the folder if extracted are still refused, since other
tools would extract them.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from physioreflect.errors import InvalidSubmissions, Problem
from physioreflect.model import MAX_WORKBOOK_BYTES
from physioreflect.storage import RETURNED_SUFFIX, REVIEW_SUFFIX

__all__ = [
    "ARCHIVE_SUFFIXES",
    "MAX_ENTRIES",
    "MAX_MEMBER_BYTES",
    "MAX_TOTAL_BYTES",
    "REVIEW_SUFFIXES",
    "Member",
    "is_ignored",
    "members",
    "read_member",
]

MAX_MEMBER_BYTES: Final = MAX_WORKBOOK_BYTES
"""A workbook file larger than this is refused wherever it is opened; a zip member too."""
MAX_TOTAL_BYTES: Final = 2 * 1024**3
"""Uncompressed bytes read from one zip: 10,000 workbooks of a generous 100 kB each is 1 GB."""
MAX_ENTRIES: Final = 50_000
"""Entries in one zip (files and folders): far above a class, far below a zip bomb's."""

ARCHIVE_SUFFIXES: Final = frozenset(
    {".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".jar"}
)
# The first bytes of the archive formats a download could hold (zip, gzip, 7z, rar, bzip2,
# xz, zstd): a nested archive renamed to .json is refused too.
_ARCHIVE_MAGIC: Final = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"BZh",
    b"\xfd7zXZ",
    b"\x28\xb5\x2f\xfd",
)
_CHUNK: Final = 1024 * 1024
_DRIVE: Final = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Member:
    """One file of the download: ``name`` is its path inside it, with ``/`` between parts."""

    name: str
    data: bytes | None = None
    problem: Problem | None = None


REVIEW_SUFFIXES: Final = (REVIEW_SUFFIX, RETURNED_SUFFIX)
"""A supervisor's review record and the workbook returned to the student, kept beside the
submission they belong to: not submissions themselves."""


def is_ignored(name: str) -> bool:
    """What no one handed in: folders' clutter (macOS resource forks, hidden files) and the
    review files kept beside the submissions."""
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if parts and parts[-1].lower().endswith(REVIEW_SUFFIXES):
        return True
    return any(part == "__MACOSX" or (part.startswith(".") and part != "..") for part in parts)


def _too_large(size: int) -> Problem:
    return Problem(
        "file.too_large",
        params={"size_mb": round(size / 1e6, 1), "limit_mb": round(MAX_MEMBER_BYTES / 1e6)},
    )


def _is_archive(name: str, data: bytes | None = None) -> bool:
    suffix = os.path.splitext(name.lower())[1]
    if suffix in ARCHIVE_SUFFIXES:
        return True
    return data is not None and data.startswith(_ARCHIVE_MAGIC)


_NESTED: Final = Problem("cohort.nested_archive")


def members(source: Path) -> Iterator[Member]:
    """Every file of the folder or zip ``source``, in a stable order (sorted by name).

    Raises :class:`InvalidSubmissions` when ``source`` as a whole cannot be read (missing,
    not a folder or zip, a damaged zip, too many entries); a file inside that cannot be read
    is a member with a problem instead.
    """
    try:
        info = source.stat()
    except OSError:
        raise InvalidSubmissions(source=str(source), reason="submissions_not_found") from None
    if stat.S_ISDIR(info.st_mode):
        return _folder_members(source)
    # A truncated download is still a zip to the person who has it: "damaged", not "not a zip".
    if source.suffix.lower() == ".zip" or zipfile.is_zipfile(source):
        return _zip_members(source)
    raise InvalidSubmissions(source=str(source), reason="submissions_not_folder_or_zip")


# ── a folder ───────────────────────────────────────────────────────────────────────────────


def _folder_members(root: Path) -> Iterator[Member]:
    # Sorted by the whole name, as a zip's members are: a folder and its zip list alike.
    found = sorted(_walk(root, ""), key=lambda item: item[0])
    resolved_root = root.resolve()
    for name, entry in found:
        if isinstance(entry, Problem):
            yield Member(name, problem=entry)
        else:
            yield _folder_member(entry, name, resolved_root)


def _walk(folder: Path, prefix: str) -> Iterator[tuple[str, os.DirEntry[str] | Problem]]:
    """Every file below ``folder``, by its name there. ``os.scandir``'s entries answer
    "folder? link? how large?" from the listing itself where the system allows: a class's
    download is thousands of files, and a ``stat`` each is a measurable share of reading."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as error:
        detail = error.strerror or str(error)
        yield prefix.rstrip("/") or ".", Problem("file.unreadable", params={"detail": detail})
        return
    for entry in entries:
        name = prefix + entry.name
        if is_ignored(name):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), name + "/")
        else:
            yield name, entry


def _content_problem(name: str, data: bytes) -> Problem | None:
    """Why bytes that were read are not a workbook to open: too many, or an archive."""
    if len(data) > MAX_MEMBER_BYTES:
        return _too_large(len(data))
    if _is_archive(name, data):
        return _NESTED
    return None


def _folder_problem(entry: os.DirEntry[str], name: str, resolved_root: Path) -> Problem | None:
    """Why the file is not read at all, judged before reading it."""
    if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(resolved_root):
        return Problem("cohort.link_outside")
    if _is_archive(name):
        return _NESTED
    if not entry.is_file():
        return Problem("cohort.not_a_file")
    size = entry.stat().st_size
    # Said without reading a huge file into memory.
    return _too_large(size) if size > MAX_MEMBER_BYTES else None


def _folder_member(entry: os.DirEntry[str], name: str, resolved_root: Path) -> Member:
    try:
        problem = _folder_problem(entry, name, resolved_root)
        if problem is not None:
            return Member(name, problem=problem)
        size = entry.stat().st_size
        with open(entry.path, "rb") as handle:
            # Asked for the size it has: ``read(n)`` sets aside n bytes first, and 16 MB for
            # every 10 kB file was most of the memory a folder took. One byte more tells
            # that it grew since; then it is read on, up to just past the limit.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(MAX_MEMBER_BYTES + 1 - len(data))
    except OSError as error:
        detail = error.strerror or str(error)
        return Member(name, problem=Problem("file.unreadable", params={"detail": detail}))
    problem = _content_problem(name, data)
    return Member(name, data=data) if problem is None else Member(name, problem=problem)


# ── a zip ──────────────────────────────────────────────────────────────────────────────────


def _unsafe(name: str) -> bool:
    """Would extracting ``name`` write outside the target folder (zip slip)?"""
    return (
        name.startswith("/")
        or bool(_DRIVE.match(name))
        or any(part == ".." for part in name.split("/"))
    )


def _open_zip(source: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise InvalidSubmissions(source=str(source), reason="submissions_damaged_zip") from None


def _zip_members(source: Path) -> Iterator[Member]:
    archive = _open_zip(source)
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise InvalidSubmissions(
                source=str(source),
                reason="submissions_too_many_entries",
                count=len(entries),
                limit=MAX_ENTRIES,
            )
        budget = MAX_TOTAL_BYTES
        for entry in sorted(entries, key=lambda e: e.filename):
            # Windows tools write "\" between folders; a name is compared in one form.
            name = entry.filename.replace("\\", "/")
            if _unsafe(name):
                yield Member(name, problem=Problem("cohort.unsafe_name"))
                continue
            name = "/".join(part for part in name.split("/") if part not in ("", "."))
            if entry.is_dir() or not name or is_ignored(name):
                continue
            if budget <= 0:
                yield Member(name, problem=Problem("cohort.archive_too_large", params=_limit()))
                continue
            member, used = _zip_member(archive, entry, name, budget)
            budget -= used
            yield member


def _limit() -> dict[str, object]:
    return {"limit_gb": round(MAX_TOTAL_BYTES / 1e9, 1)}


def _unpack(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limit: int
) -> tuple[bytes, Problem | None]:
    """The member's bytes, read up to one chunk past ``limit``, or what was read and why
    reading stopped."""
    chunks: list[bytes] = []
    read = 0
    try:
        with archive.open(entry) as handle:
            while read <= limit:
                chunk = handle.read(min(_CHUNK, limit + 1 - read))
                if not chunk:
                    break
                chunks.append(chunk)
                read += len(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        detail = str(error) or type(error).__name__
        return b"".join(chunks), Problem("cohort.member_damaged", params={"detail": detail})
    except RuntimeError:  # zipfile's word for a member that needs a password
        return b"".join(chunks), Problem("cohort.member_encrypted")
    return b"".join(chunks), None


def _zip_member(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str, budget: int
) -> tuple[Member, int]:
    """The member and the uncompressed bytes it took from the archive's ``budget``."""
    if _is_archive(name):
        return Member(name, problem=_NESTED), 0
    if entry.file_size > MAX_MEMBER_BYTES:
        return Member(name, problem=_too_large(entry.file_size)), 0
    # The header's sizes may lie (a zip bomb says it is small): the bytes actually
    # decompressed are counted, and reading stops one chunk past either limit.
    limit = min(MAX_MEMBER_BYTES, budget)
    data, problem = _unpack(archive, entry, limit)
    if problem is None:
        problem = _content_problem(name, data)
    if problem is None and len(data) > limit:
        problem = Problem("cohort.archive_too_large", params=_limit())
    member = Member(name, data=data) if problem is None else Member(name, problem=problem)
    return member, len(data)


# ── one file, by its name ──────────────────────────────────────────────────────────────────


def read_member(source: Path, name: str, *, reviews: bool = False) -> Member:
    """The one file ``name`` of the folder or zip ``source`` (as :func:`members` names it),
    read with the same limits; without reading the others. A name that is not there, or
    that would lead out of ``source``, is a member with a problem. ``reviews``: the file may
    be one of the review files kept beside a submission (a returned workbook)."""
    review_file = name.lower().endswith(REVIEW_SUFFIXES)
    if _unsafe(name) or not name or (is_ignored(name) and not (reviews and review_file)):
        return Member(name, problem=Problem("cohort.unsafe_name"))
    try:
        info = source.stat()
    except OSError:
        raise InvalidSubmissions(source=str(source), reason="submissions_not_found") from None
    if stat.S_ISDIR(info.st_mode):
        return _read_folder_file(source, name)
    archive = _open_zip(source)
    with archive:
        for entry in archive.infolist():
            cleaned = "/".join(
                part
                for part in entry.filename.replace("\\", "/").split("/")
                if part not in ("", ".")
            )
            if cleaned == name and not entry.is_dir():
                return _zip_member(archive, entry, name, MAX_TOTAL_BYTES)[0]
    return Member(name, problem=Problem("cohort.member_missing"))


def _read_folder_file(root: Path, name: str) -> Member:
    resolved_root = root.resolve()
    parent = root.joinpath(*name.split("/")[:-1])
    if not parent.resolve().is_relative_to(resolved_root):
        return Member(name, problem=Problem("cohort.link_outside"))
    try:
        with os.scandir(parent) as listing:
            for entry in listing:
                if entry.name == name.rsplit("/", maxsplit=1)[-1]:
                    return _folder_member(entry, name, resolved_root)
    except OSError:
        pass
    return Member(name, problem=Problem("cohort.member_missing"))
