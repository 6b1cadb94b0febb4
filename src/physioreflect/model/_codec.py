"""Reading and writing workbook files: bytes ⇄ :class:`Workbook`, with clear problems.

Every entry point that accepts a workbook from outside (open, upload, validate, export)
goes through :func:`parse_workbook`, so the same limits and messages apply everywhere.
"""

from __future__ import annotations

import json
from typing import Any, Final

from pydantic import ValidationError

from physioreflect.errors import InvalidWorkbook, Problem
from physioreflect.model._migrations import migrate
from physioreflect.model._problems import problems_from_validation_error
from physioreflect.model._workbook import Workbook

__all__ = ["MAX_WORKBOOK_BYTES", "dump_workbook", "load_json_object", "parse_workbook"]

MAX_WORKBOOK_BYTES: Final = 16 * 1024 * 1024
"""Far above any real workbook (a full sample is about 30 kB); guards memory and time."""


def load_json_object(data: bytes, *, source: str = "") -> dict[str, Any]:
    """Decode ``data`` as a JSON object, or raise :class:`InvalidWorkbook` saying why not."""

    def fail(key: str, **params: Any) -> InvalidWorkbook:
        return InvalidWorkbook(source=source, problems=[Problem(key, params=params)])

    if len(data) > MAX_WORKBOOK_BYTES:
        raise fail("file.too_large", size_mb=round(len(data) / 1e6, 1), limit_mb=16)
    if not data or data.isspace():
        raise fail("file.empty")
    if b"\x00" in data:
        raise fail("file.binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail("file.not_utf8", position=error.start) from None
    try:
        value = json.loads(text)
    except RecursionError:
        raise fail("file.too_deep") from None
    except json.JSONDecodeError as error:
        raise InvalidWorkbook(
            source=source,
            problems=[
                Problem(
                    "file.not_json",
                    params={"detail": error.msg, "column": error.colno},
                    line=error.lineno,
                )
            ],
        ) from None
    if not isinstance(value, dict):
        raise fail("file.not_object")
    return value


def parse_workbook(data: bytes, *, source: str = "") -> Workbook:
    """Bytes of a workbook file → a validated, current-version :class:`Workbook`."""
    raw = load_json_object(data, source=source)
    upgraded = migrate(raw, source=source)
    try:
        return Workbook.model_validate(upgraded)
    except ValidationError as error:
        raise InvalidWorkbook(
            source=source, problems=problems_from_validation_error(error)
        ) from None
    except RecursionError:
        raise InvalidWorkbook(source=source, problems=[Problem("file.too_deep")]) from None


def dump_workbook(workbook: Workbook) -> bytes:
    """The file form: UTF-8, indented, keys in the format's stable order, newline at the end."""
    text = json.dumps(workbook.to_json_dict(), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
