"""Safe YAML loading that remembers the line of every value, for messages that name it."""

from __future__ import annotations

from typing import Any, Final

import yaml

from physioreflect.errors import ContentError, Problem

__all__ = ["MAX_CONTENT_BYTES", "LineMap", "line_for", "load_yaml_with_lines"]

MAX_CONTENT_BYTES: Final = 2 * 1024 * 1024
_MAX_NODES: Final = 200_000
"""Guards against alias bombs: a small file that expands to billions of values."""

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


def line_for(lines: LineMap, loc: tuple[str | int, ...]) -> int | None:
    """The line of the deepest part of ``loc`` that exists in the file."""
    path = tuple(str(part) if isinstance(part, str) else part for part in loc)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
