"""Replacing findings with placeholders: in a text, and in a whole workbook."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError

from physioreflect.errors import InvalidWorkbook
from physioreflect.model import Workbook, problems_from_validation_error
from physioreflect.privacy._finding import FieldPath, Finding, placeholder
from physioreflect.privacy._scan import prose_fields

__all__ = ["redact", "redact_workbook", "replace_in_prose"]


def redact(text: str, findings: Iterable[Finding], lang: str) -> str:
    """``text`` with every finding's span replaced by its placeholder in ``lang``.

    A finding whose text is no longer at its place (the text changed since the scan) is
    left out rather than cutting into other words; a scan of the result shows what is left.
    Overlapping findings are replaced together, by the placeholder of the first.
    """
    spans = sorted(
        (finding.start, finding.end, placeholder(finding.kind, lang))
        for finding in findings
        if finding.end > finding.start and text[finding.start : finding.end] == finding.text
    )
    merged: list[tuple[int, int, str]] = []
    for start, end, replacement in spans:
        if merged and start < merged[-1][1]:
            first_start, first_end, first_replacement = merged[-1]
            merged[-1] = (first_start, max(first_end, end), first_replacement)
        else:
            merged.append((start, end, replacement))
    # Right to left, so the offsets of the spans still to replace stay true.
    for start, end, replacement in reversed(merged):
        text = text[:start] + replacement + text[end:]
    return text


def _container(data: Any, path: FieldPath) -> tuple[Any, str | int] | None:
    """The dict or list holding the string at ``path``, and its key there; None if gone."""
    for part in path[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    last = path[-1]
    try:
        value = data[last]
    except (KeyError, IndexError, TypeError):
        return None
    return (data, last) if isinstance(value, str) else None


def _validated(data: dict[str, Any]) -> Workbook:
    try:
        return Workbook.model_validate(data)
    except ValidationError as error:
        raise InvalidWorkbook(problems=problems_from_validation_error(error)) from None


def replace_in_prose(
    workbook: Workbook, pattern: re.Pattern[str], replacement: Callable[[re.Match[str]], str]
) -> Workbook:
    """A new workbook with ``pattern`` replaced in every text a person typed (the texts
    :func:`prose_fields` names); the workbook itself when nothing matched."""
    data: dict[str, Any] | None = None
    for path, text in prose_fields(workbook):
        replaced = pattern.sub(replacement, text)
        if replaced == text:
            continue
        data = workbook.to_json_dict() if data is None else data
        place = _container(data, path)
        if place is not None:
            container, key = place
            container[key] = replaced
    return workbook if data is None else _validated(data)


def redact_workbook(workbook: Workbook, findings: Iterable[Finding]) -> Workbook:
    """A new workbook with every finding replaced by its placeholder in the workbook's
    language; every other text, and the metadata, unchanged.

    Findings come from :func:`scan_workbook` (each names its field). One whose field or
    text has changed since is left out, as in :func:`redact`. Raises
    :class:`~physioreflect.errors.InvalidWorkbook` in the rare case a placeholder longer
    than the text it replaces makes a field too long.
    """
    by_path: defaultdict[FieldPath, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.path is None:
            msg = f"A finding in plain text has no place in a workbook: {finding!r}"
            raise ValueError(msg)
        by_path[finding.path].append(finding)
    lang = workbook.meta.language.value
    data = workbook.to_json_dict()
    for path, group in by_path.items():
        place = _container(data, path)
        if place is not None:
            container, key = place
            container[key] = redact(container[key], group, lang)
    return _validated(data)
