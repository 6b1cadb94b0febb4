"""Safe YAML loading that remembers the line of every value, for messages that name it.

A plain document (mappings with scalar keys, sequences and scalars: every file we ship, and
nearly every course file) is read from the parser's events one at a time, never holding the
document's whole node tree; anything else is composed first and then read, as it always was.
Both give the same values, lines and problems: the UI catalog alone is 0.7 MB less in every
dashboard kernel for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

import yaml
from yaml.events import (
    CollectionEndEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from physioreflect.errors import ContentError, Problem

__all__ = ["MAX_CONTENT_BYTES", "LineMap", "line_for", "load_yaml_with_lines"]

MAX_CONTENT_BYTES: Final = 2 * 1024 * 1024
_MAX_NODES: Final = 200_000
"""Guards against alias bombs: a small file that expands to billions of values."""
_PLAIN_DEPTH: Final = 64
"""Deeper documents are composed and read as before (which refuses the deepest)."""

LineMap = dict[tuple[str | int, ...], int]

# The C loader is much faster when PyYAML was built with libyaml.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _fail(source: str, key: str, line: int | None = None, **params: Any) -> ContentError:
    return ContentError(source=source, problems=[Problem(key, params=params, line=line)])


def load_yaml_with_lines(data: bytes, *, source: str) -> tuple[Any, LineMap]:
    """Parse YAML ``data`` into plain Python values and a map from key path to line (1-based)."""
    if len(data) > MAX_CONTENT_BYTES:
        raise _fail(source, "file.too_large", size_mb=round(len(data) / 1e6, 1), limit_mb=2)
    if b"\x00" in data:
        raise _fail(source, "file.binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _fail(source, "file.not_utf8", position=error.start) from None
    if not text.strip():
        raise _fail(source, "file.empty")
    try:
        return _read_plain(text)
    except _NotPlain:
        return _read_composed(text, source)  # the same result, or the same problem


def _read_composed(text: str, source: str) -> tuple[Any, LineMap]:
    """``text`` composed into nodes, then read: any document, and every problem said."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise _fail(
            source,
            "file.not_yaml",
            line=None if mark is None else mark.line + 1,
            detail=str(error.problem or error),
        ) from None
    except (yaml.YAMLError, RecursionError):
        raise _fail(source, "file.not_yaml", detail="") from None
    constructor = yaml.constructor.SafeConstructor()
    lines: LineMap = {}
    budget = [_MAX_NODES]

    def convert(node: yaml.Node, path: tuple[str | int, ...]) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise _fail(source, "file.too_complex")
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = convert(key_node, (*path, "\0key"))
                if not isinstance(key, str | int | float | bool) or key is None:
                    raise _fail(source, "file.bad_key", line=key_node.start_mark.line + 1)
                if key in result:
                    raise _fail(
                        source, "file.duplicate_key", line=key_node.start_mark.line + 1, name=key
                    )
                result[key] = convert(value_node, (*path, str(key)))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, (*path, index)) for index, item in enumerate(node.value)]
        return constructor.construct_object(node, deep=True)

    try:
        value = convert(root, ()) if root is not None else None
    except RecursionError:
        raise _fail(source, "file.too_deep") from None
    except yaml.YAMLError as error:
        raise _fail(source, "file.not_yaml", detail=str(error)) from None
    return value, lines


class _NotPlain(Exception):
    """The document is not plain, or has a problem: it is composed and read as before."""


_NO_KEY: Final = object()


@dataclass
class _Open:
    """A mapping or sequence being read, where its next value goes."""

    value: dict[Any, Any] | list[Any]
    path: tuple[str | int, ...]
    key: Any = field(default=_NO_KEY)
    """A mapping's key waiting for its value (``_NO_KEY``: the next node is a key)."""

    def next_path(self) -> tuple[str | int, ...]:
        if isinstance(self.value, list):
            return (*self.path, len(self.value))
        if self.key is _NO_KEY:
            return (*self.path, "\0key")
        return (*self.path, str(self.key))

    def add(self, value: Any) -> None:
        if isinstance(self.value, list):
            self.value.append(value)
        elif self.key is not _NO_KEY:
            self.value[self.key] = value
            self.key = _NO_KEY
        elif isinstance(value, str | int | float | bool) and value not in self.value:
            self.key = value
        else:
            raise _NotPlain  # a key that is refused, or repeated


def _read_plain(text: str) -> tuple[Any, LineMap]:
    """The values and lines that composing ``text`` and reading its nodes gives, read from
    the parser's events as they come. Raises :class:`_NotPlain` for an anchor, an alias, more
    than one document, a key that is not a scalar or is repeated, nesting deeper than
    ``_PLAIN_DEPTH``, more than ``_MAX_NODES`` values, or any error."""
    loader = _Loader(text)
    reader = _PlainReader(loader)
    try:
        if loader.yaml_path_resolvers:
            raise _NotPlain  # tags that depend on where a value is: composed
        while loader.check_event():
            reader.take(loader.get_event())
    except _NotPlain:
        raise
    except Exception:  # a YAML error, or a value the constructor refuses: said as before
        raise _NotPlain from None
    finally:
        loader.dispose()
    return reader.root, reader.lines


class _PlainReader:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.constructor = yaml.constructor.SafeConstructor()
        self.lines: LineMap = {}
        self.open: list[_Open] = []
        self.root: Any = None
        self.documents = 0
        self.nodes = 0

    def take(self, event: yaml.Event) -> None:
        if isinstance(event, StreamStartEvent | StreamEndEvent | DocumentEndEvent):
            return
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _NotPlain
            return
        if isinstance(event, CollectionEndEvent):
            self.open.pop()
            return
        if not isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
            raise _NotPlain  # an alias
        self.nodes += 1
        if event.anchor is not None or self.nodes > _MAX_NODES or event.start_mark is None:
            raise _NotPlain
        path = self.open[-1].next_path() if self.open else ()
        self.lines[path] = event.start_mark.line + 1
        value: Any = (
            self._scalar(event)
            if isinstance(event, ScalarEvent)
            else {}
            if isinstance(event, MappingStartEvent)
            else []
        )
        if self.open:
            self.open[-1].add(value)
        else:
            self.root = value
        if not isinstance(event, ScalarEvent):
            if len(self.open) >= _PLAIN_DEPTH:
                raise _NotPlain
            self.open.append(_Open(value, path))

    def _scalar(self, event: ScalarEvent) -> Any:
        """The scalar's value, with its tag resolved as the composer resolves it."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        node = yaml.ScalarNode(tag, event.value, style=event.style)  # marks: only for errors
        value = self.constructor.construct_object(node, deep=True)
        self.constructor.constructed_objects.pop(node, None)  # no node is kept
        return value


def line_for(lines: LineMap, loc: tuple[str | int, ...]) -> int | None:
    """The line of the deepest part of ``loc`` that exists in the file."""
    path = tuple(str(part) if isinstance(part, str) else part for part in loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
