"""Regular expressions compiled once per installation, not once per process.

Python compiles a pattern in pure Python (``re._parser`` and ``re._compiler``): the
privacy scanner's hundred-odd long patterns took 36 ms of every ``physioreflect privacy``
run and of every kernel's first privacy check. What the compiler makes is a list of
integers for the matching engine (``_sre``, written in C); that list is kept in the cache of
derived data (``physioreflect._derived``) and handed to the engine the next time, exactly as
``re.compile`` hands it over.

- Kept only after the pattern made from it has compared equal to ``re.compile``'s (equal
  patterns have the same code, flags and groups), on the Python that made it.
- Found by the patterns' own text, the Python version, the engine's version
  (``_sre.MAGIC``) and this module's source, so another Python never reads it; the cache
  checks that the entry is the user's own and undamaged, and the engine that the code is
  well formed.
- Anywhere this does not hold (another Python implementation, a compiler whose internals
  differ, an engine that refuses the code), the patterns are compiled by ``re.compile``,
  as without a cache, and a refused entry is removed.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from physioreflect._derived import derived, forget

__all__ = ["Pattern", "RegexBook", "compile_all"]

Pattern = re.Pattern[str]


def _engine() -> tuple[str | None, Any, Any, Any]:
    """The engine's version and CPython's compiler and engine modules, or None where the
    compiler's output cannot be kept (another Python implementation or layout)."""
    try:
        sre = importlib.import_module("_sre")
        compiler = importlib.import_module("re._compiler")
        parser = importlib.import_module("re._parser")
    except ImportError:  # pragma: no cover - another Python
        return None, None, None, None
    usable = (
        sys.implementation.name == "cpython"
        and callable(getattr(compiler, "_code", None))
        and callable(getattr(parser, "parse", None))
        and callable(getattr(sre, "compile", None))
    )
    version = f"{sys.implementation.name} {getattr(sre, 'MAGIC', '?')}" if usable else None
    return version, sre, compiler, parser


_ENGINE, _sre, _compiler, _parser = _engine()

_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""Flags, code, groups, group index, index to group: ``_sre.compile``'s arguments after
the pattern."""


def compile_all(name: str, sources: Sequence[str]) -> list[Pattern]:
    """``[re.compile(source) for source in sources]``, from the cache when it holds them."""
    if _ENGINE is None:
        return [re.compile(source) for source in sources]
    parts = [_ENGINE, *sources]
    try:
        entries = derived(
            f"regex-{name}",
            parts,
            lambda: _checked_entries(sources),
            check=lambda held: _held(held, len(sources)),
            code=[__name__],
        )
        return [_from_entry(source, entry) for source, entry in zip(sources, entries, strict=True)]
    except _NotKept:
        pass
    except Exception:  # the engine refused kept code: compile, and keep it anew next time
        forget(f"regex-{name}", parts, code=[__name__])
    return [re.compile(source) for source in sources]


class _NotKept(Exception):
    """This Python's compiler made code that does not give ``re.compile``'s pattern."""


def _checked_entries(sources: Sequence[str]) -> list[_Entry]:
    """Each source's code, kept only if the pattern made from it is ``re.compile``'s
    (patterns compare equal when their code, flags and groups do)."""
    try:
        entries = [_entry(source) for source in sources]
        same = all(
            _from_entry(source, entry) == re.compile(source)
            for source, entry in zip(sources, entries, strict=True)
        )
    except Exception as error:  # a compiler whose internals are not what we read
        raise _NotKept from error
    if not same:
        raise _NotKept
    return entries


def _entry(source: str) -> _Entry:
    """What ``re._compiler.compile`` hands the engine for ``source``, as plain data."""
    parsed = _parser.parse(source, 0)
    code = [int(op) for op in _compiler._code(parsed, 0)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group, index in groupindex.items():
        indexgroup[index] = group
    return (int(parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _from_entry(source: str, entry: _Entry) -> Pattern:
    flags, code, groups, groupindex, indexgroup = entry
    pattern: Pattern = _sre.compile(source, flags, code, groups, groupindex, indexgroup)
    return pattern


def _held(value: object, count: int) -> list[_Entry] | None:
    if not isinstance(value, list) or len(value) != count:
        return None
    for entry in value:
        if not (
            isinstance(entry, tuple)
            and len(entry) == 5
            and isinstance(entry[0], int)
            and isinstance(entry[1], list)
            and isinstance(entry[2], int)
            and isinstance(entry[3], dict)
            and isinstance(entry[4], tuple)
        ):
            return None
    return value


class RegexBook:
    """A module's patterns, compiled together on the first use of any of them.

    ``book.pattern(source)`` returns a callable that gives the compiled pattern; importing
    the module compiles nothing, and the first call compiles (or reads back) them all.
    """

    def __init__(self, name: str, *, prepare: Callable[[str], str] | None = None) -> None:
        """``prepare`` rewrites each source just before compiling (it may cost what an
        import should not, such as building a character class)."""
        self._name = name
        self._prepare = prepare
        self._sources: list[str] = []
        self._compiled: list[Pattern] | None = None

    def pattern(self, source: str) -> LazyPattern:
        if self._compiled is not None:
            msg = f"{self._name}: a pattern added after the book was compiled"
            raise RuntimeError(msg)
        self._sources.append(source)
        return LazyPattern(self, len(self._sources) - 1)

    def compiled(self) -> list[Pattern]:
        if self._compiled is None:
            prepare = self._prepare
            sources = self._sources if prepare is None else [prepare(s) for s in self._sources]
            self._compiled = compile_all(self._name, sources)
        return self._compiled

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(self._sources)


class LazyPattern:
    """One pattern of a ``RegexBook``: call it for the compiled pattern."""

    __slots__ = ("_book", "_compiled", "_index")

    def __init__(self, book: RegexBook, index: int) -> None:
        self._book = book
        self._index = index
        self._compiled: Pattern | None = None

    def __call__(self) -> Pattern:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._book.compiled()[self._index]
        return compiled

    def __repr__(self) -> str:
        return f"LazyPattern({self._book.sources[self._index]!r})"
