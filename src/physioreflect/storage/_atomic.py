"""Durable, atomic file writes and the per-workbook lock."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from physioreflect.errors import WorkbookNotSaved

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: saves are still atomic, just not locked
    fcntl = None  # type: ignore[assignment]

__all__ = ["TEMP_SUFFIX", "atomic_write", "fsync_folder", "not_saved", "workbook_lock"]

TEMP_SUFFIX = ".tmp"


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def not_saved(error: OSError, source: str) -> WorkbookNotSaved:
    reason = {
        errno.ENOSPC: "disk_full",
        errno.EDQUOT: "disk_full",
        errno.EROFS: "read_only",
        errno.EACCES: "permission",
        errno.EPERM: "permission",
    }.get(error.errno or 0, "other")
    return WorkbookNotSaved(source=source, reason=reason, detail=error.strerror or str(error))


def atomic_write(path: Path, data: bytes, *, source: str = "") -> None:
    """Replace ``path`` with ``data`` so that a reader, or a crash, only ever sees the old or
    the new file: temp file in the same folder, fsync, ``os.replace``, fsync the folder."""
    folder = path.parent
    temp_name = ""
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
        temp_name = ""
        fsync_folder(folder)
    except OSError as error:
        raise not_saved(error, source or path.name) from error
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def write_new(path: Path, data: bytes, *, source: str = "") -> None:
    """Write ``data`` as the new file ``path``, whole or not at all, and never over an existing
    file (:class:`FileExistsError`, also when another process wrote it a moment earlier): temp
    file, fsync, ``os.link`` (which refuses an existing name), fsync the folder."""
    folder = path.parent
    temp_name = ""
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temp_name, path)
        fsync_folder(folder)
    except FileExistsError:
        raise
    except OSError as error:
        raise not_saved(error, source or path.name) from error
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


@contextlib.contextmanager
def workbook_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock while a save checks the revision on disk and replaces the file,
    so two processes cannot both pass the check."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise not_saved(error, lock_path.stem) from error
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
