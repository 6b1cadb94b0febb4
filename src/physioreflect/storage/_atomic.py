"""Durable, atomic file writes and the per-workbook lock."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

from physioreflect.errors import WorkbookNotSaved

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: saves are still atomic, just not locked
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "TEMP_SUFFIX",
    "atomic_write",
    "exclusive_write",
    "fsync_folder",
    "not_saved",
    "workbook_lock",
]

TEMP_SUFFIX = ".tmp"
# link(2) fails with these where the file system has no hard links (FAT, some network shares).
_NO_HARD_LINKS = frozenset(
    {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK}
)


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
        _write_durably(fd, data)
        os.replace(temp_name, path)
        temp_name = ""
        fsync_folder(folder)
    except OSError as error:
        raise not_saved(error, source or path.name) from error
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def _write_durably(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _create_new(path: Path) -> int:
    """A file descriptor of ``path``, created now; :class:`FileExistsError` if it was there.

    Mode 0o666 before the umask, as any new file: a file for others to read (a submission in a
    shared folder) must not be private to its writer, as ``mkstemp``'s files are."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)


def exclusive_write(path: Path, data: bytes, *, source: str = "") -> None:
    """Create ``path`` holding ``data``, never over an existing file, so that a reader only
    ever sees no file or the whole file: temp file, fsync, ``os.link`` (which refuses an
    existing target, unlike ``os.replace``), fsync the folder.

    Raises :class:`FileExistsError` when ``path`` exists (nothing is written), and
    :class:`WorkbookNotSaved` when writing fails. Where the file system has no hard links the
    file is created exclusively in place instead; a reader may then see it while it is being
    written, but it is still never replaced."""
    folder = path.parent
    temp = folder / f".{path.name}.{secrets.token_hex(8)}{TEMP_SUFFIX}"
    try:
        fd = _create_new(temp)
    except OSError as error:  # a clash of 64 random bits is not "the target exists"
        raise not_saved(error, source or path.name) from error
    try:
        _write_durably(fd, data)
        try:
            os.link(temp, path)
        except FileExistsError:
            raise
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            _write_in_place(path, data)
        fsync_folder(folder)
    except FileExistsError:
        raise
    except OSError as error:
        raise not_saved(error, source or path.name) from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _write_in_place(path: Path, data: bytes) -> None:
    fd = _create_new(path)
    try:
        _write_durably(fd, data)
    except OSError:
        # Ours and incomplete: a half-written file must not stand for the whole.
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


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
