"""Data derived from files physioreflect ships, kept between runs.

The UI catalog (YAML), the name finder's word lists and the privacy scanner's regular
expressions take tens of milliseconds each to read or compile, and every command and every
dashboard kernel used to pay that again. Each is built once per installation and Python and
kept in a cache folder; a run reads it back in about a millisecond.

- Only what we ship goes there: texts, word lists, compiled expressions. Never a workbook or
  anything a user typed.
- An entry is found by a digest of everything it is built from: the files' bytes, the
  source of the code that builds it, the Python version and the machine. A changed file,
  an update, an edited checkout or another Python makes a new entry and never reads a stale
  one. The entry holds that digest again, and a digest of its own contents, both checked.
- An entry is read only if it is a regular file of the user's own that no one else may
  write; the folder is made readable by the user alone. A folder shared with others (set
  on purpose) is then only a folder of entries each user builds for themself.
- Anything wrong with the cache (missing, unreadable, damaged, another user's, a read-only
  folder) means the data is built as it always was. Safe to delete at any time.
- Written atomically (a temporary file, then a rename), so processes that start together
  (a class opening its workbooks) never read a half-written entry.

The folder is ``$PHYSIOREFLECT_CACHE_DIR`` when set (empty: no cache), else
``$XDG_CACHE_HOME/physioreflect``, else ``%LOCALAPPDATA%\\physioreflect\\cache`` on Windows,
else ``~/.cache/physioreflect``.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final, TypeVar

__all__ = ["cache_folder", "derived", "digest", "forget"]

_FORMAT: Final = 2
"""Bumped when an entry's layout changes."""
_ENV: Final = "PHYSIOREFLECT_CACHE_DIR"
_ENTRIES_PER_NAME: Final = 4
"""Older entries of one name beyond this many are removed (another Python, an older
install); the largest entry is about a megabyte."""
_STALE_TEMPORARY: Final = 3600.0
"""A temporary file this many seconds old was left by a run that was stopped mid-write."""
_SUFFIX: Final = ".marshal"

T = TypeVar("T")


def cache_folder() -> Path | None:
    """Where entries are kept, or None when the cache is switched off."""
    chosen = os.environ.get(_ENV)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg:
        return Path(xdg) / "physioreflect"
    local = os.environ.get("LOCALAPPDATA", "").strip() if sys.platform == "win32" else ""
    if local:
        return Path(local) / "physioreflect" / "cache"
    try:
        return Path.home() / ".cache" / "physioreflect"
    except RuntimeError:  # no home folder known
        return None


def _machine() -> str:
    uname = getattr(os, "uname", None)
    machine = uname().machine if uname is not None else os.environ.get("PROCESSOR_ARCHITECTURE")
    return f"{sys.platform} {machine} {sys.byteorder}"


def digest(parts: Iterable[bytes | str]) -> str:
    """A digest of ``parts`` (in order, each delimited), with this Python, this machine and
    the format."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in (f"{_FORMAT}", sys.version, _machine(), f"{marshal.version}", *parts):
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


_PACKAGE: Final = Path(__file__).resolve().parent


def _code_of(modules: Iterable[str]) -> list[bytes] | None:
    """The source of the modules that build an entry (this one included), found without
    importing them; None if one cannot be read: a change to the code could then not be told
    from none."""
    sources: list[bytes] = []
    for module in (__name__, *modules):
        package, _, rest = module.partition(".")
        if package != "physioreflect" or not rest:
            return None
        try:
            sources.append(_PACKAGE.joinpath(*rest.split(".")).with_suffix(".py").read_bytes())
        except OSError:
            return None
    return sources


def _entry_path(name: str, parts: Iterable[bytes | str], code: Iterable[str]) -> Path | None:
    folder = cache_folder()
    sources = _code_of(code)
    if folder is None or sources is None:
        return None
    return folder / f"{name}-{digest([*sources, *parts])}{_SUFFIX}"


def derived(
    name: str,
    parts: Iterable[bytes | str],
    build: Callable[[], T],
    *,
    check: Callable[[object], T | None] | None = None,
    code: Iterable[str] = (),
) -> T:
    """The value ``build()`` gives from ``parts``, read from the cache when it holds one.

    ``code`` names the modules whose source builds the value (this module's is always
    part of the key). ``build()`` must return plain data (``marshal`` can write it: dicts,
    lists, tuples, sets, strings, numbers, bytes, None). ``check`` turns what the cache held
    back into the value, or None when it does not have the expected shape (the value is
    then built). A ``build()`` that raises is not cached: the error reaches the caller.
    """
    path = _entry_path(name, parts, code)
    if path is not None:
        held = _read(path)
        if held is not None:
            value = held[0] if check is None else check(held[0])
            if value is not None:
                return value  # type: ignore[return-value]
    value = build()
    if path is not None:
        _write(path, value)
    return value


def forget(name: str, parts: Iterable[bytes | str], *, code: Iterable[str] = ()) -> None:
    """Removes the entry for ``parts``: what it held turned out wrong, build it anew."""
    path = _entry_path(name, parts, code)
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _own_regular_file(info: os.stat_result) -> bool:
    """A regular file of this user's that no one else may write."""
    if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _read(path: Path) -> tuple[object] | None:
    key = path.name[: -len(_SUFFIX)].rsplit("-", 1)[-1]
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        with open(handle, "rb", closefd=True) as stream:
            if not _own_regular_file(os.fstat(stream.fileno())):
                return None
            data = stream.read()
        stored = marshal.loads(data)  # noqa: S302 - the user's own file, checked below
        if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == key):
            return None
        _, contents_digest, contents = stored
        if not isinstance(contents, bytes) or contents_digest != _contents_digest(contents):
            return None
        return (marshal.loads(contents),)  # noqa: S302
    except Exception:  # whatever is wrong with an entry, the data is built instead
        return None


def _contents_digest(contents: bytes) -> str:
    return hashlib.blake2b(contents, digest_size=16).hexdigest()


def _write(path: Path, value: Any) -> None:
    try:
        contents = marshal.dumps(value)
    except ValueError:  # not plain data: nothing to keep
        return
    key = path.name[: -len(_SUFFIX)].rsplit("-", 1)[-1]
    data = marshal.dumps((key, _contents_digest(contents), contents))
    import tempfile  # noqa: PLC0415 - only when an entry is written

    temp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Its own temporary file (created exclusively, readable by the user alone).
        descriptor, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with open(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
        temp = None
    except OSError:
        return
    finally:
        if temp is not None:  # failed or interrupted before the rename
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _prune(path)


def _prune(kept: Path) -> None:
    """Removes the oldest entries of the same name beyond ``_ENTRIES_PER_NAME``, and
    temporary files left by runs stopped mid-write."""
    prefix = kept.name[: -len(_SUFFIX)].rsplit("-", 1)[0] + "-"
    now = time.time()
    try:
        entries: list[tuple[int, Path]] = []
        for entry in kept.parent.iterdir():
            name = entry.name
            if name.endswith(".tmp") and name.startswith("."):
                if now - entry.stat().st_mtime > _STALE_TEMPORARY:
                    entry.unlink(missing_ok=True)
            elif (
                name.startswith(prefix)
                and name.endswith(_SUFFIX)
                and len(name) == len(kept.name)
                and entry != kept
            ):
                entries.append((entry.stat().st_mtime_ns, entry))
        entries.sort(reverse=True)
        for _, entry in entries[_ENTRIES_PER_NAME - 1 :]:
            entry.unlink(missing_ok=True)
    except OSError:
        pass
