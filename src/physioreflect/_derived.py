"""Data derived from files physioreflect ships, kept between runs.

The UI catalog (YAML), the name finder's word lists and the privacy scanner's regular
expressions take tens of milliseconds each to read or compile, and every command and every
dashboard kernel used to pay that again. Each is built once per installation and Python and
kept in a cache folder; a run reads it back in about a millisecond.

- Only what we ship goes there: texts, word lists, compiled expressions. Never a workbook or
  anything a user typed.
- An entry is found by a digest of everything it is built from (the files' bytes, the
  expressions' text, the Python version), so a changed file or another Python makes a new
  entry and never reads a stale one. The entry holds that digest again and is checked.
- Anything wrong with the cache (missing, unreadable, damaged, from another version, a
  read-only folder) means the data is built as it always was. A cache can only make a run
  faster, never different: it is safe to delete at any time.
- Written atomically (a temporary file, then a rename), so processes that start together
  (a class opening its workbooks) never read a half-written entry.

The folder is ``$PHYSIOREFLECT_CACHE_DIR`` when set (empty: no cache), else
``$XDG_CACHE_HOME/physioreflect``, else ``~/.cache/physioreflect``.
"""

from __future__ import annotations

import _thread
import contextlib
import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final, TypeVar

__all__ = ["cache_folder", "derived", "digest"]

_FORMAT: Final = 1
"""Bumped when an entry's layout changes."""
_ENV: Final = "PHYSIOREFLECT_CACHE_DIR"
_ENTRIES_PER_NAME: Final = 4
"""Older entries of one name beyond this many are removed (another Python, an older
install); each is a few hundred kilobytes at most."""

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


def digest(parts: Iterable[bytes | str]) -> str:
    """A digest of ``parts`` (in order, each delimited), with this Python and the format."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in (f"{_FORMAT}", sys.version, f"{marshal.version}", *parts):
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def derived(
    name: str,
    parts: Iterable[bytes | str],
    build: Callable[[], T],
    *,
    check: Callable[[object], T | None] | None = None,
) -> T:
    """The value ``build()`` gives from ``parts``, read from the cache when it holds one.

    ``build()`` must return plain data (``marshal`` can write it: dicts, lists, tuples,
    sets, strings, numbers, bytes, None). ``check`` turns what the cache held back into the
    value, or None when it does not have the expected shape (the value is then built). A
    ``build()`` that raises is not cached: the error reaches the caller as before.
    """
    key = digest(parts)
    folder = cache_folder()
    path = None if folder is None else folder / f"{name}-{key}.marshal"
    if path is not None:
        held = _read(path, key)
        if held is not None:
            value = held[0] if check is None else check(held[0])
            if value is not None:
                return value  # type: ignore[return-value]
    value = build()
    if path is not None:
        _write(path, key, value)
    return value


def _read(path: Path, key: str) -> tuple[object] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        stored = marshal.loads(data)  # noqa: S302 - our own file, in the user's own folder
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key):
        return None
    return (stored[1],)


def _write(path: Path, key: str, value: Any) -> None:
    try:
        data = marshal.dumps((key, value))
    except ValueError:  # not plain data: nothing to keep
        return
    # Its own temporary file per process and thread: writers never share one.
    temp = path.with_name(f".{path.name}.{os.getpid()}.{_thread.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        return
    _prune(path)


def _prune(kept: Path) -> None:
    """Removes the oldest entries of the same name beyond ``_ENTRIES_PER_NAME``."""
    prefix = kept.name.rsplit("-", 1)[0] + "-"
    try:
        entries = [
            entry
            for entry in kept.parent.iterdir()
            if entry.name.startswith(prefix)
            and entry.name.endswith(".marshal")
            and len(entry.name) == len(kept.name)
        ]
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for entry in entries[_ENTRIES_PER_NAME:]:
            if entry != kept:
                entry.unlink(missing_ok=True)
    except OSError:
        pass
