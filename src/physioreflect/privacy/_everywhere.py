"""Replacing personal data everywhere a workspace keeps it: the workbook, its revisions, its
trash copy, its conflict and upload copies, and the listing cache.

Replacing findings in the newest revision alone leaves the original text in the history,
where a later scan (or anyone who opens the folder) still finds it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from physioreflect.model import Workbook
from physioreflect.privacy._finding import Finding, Kind, placeholder
from physioreflect.privacy._redact import redact_workbook, replace_in_prose

if TYPE_CHECKING:
    # Only a type here: the workspace is passed in, and importing the privacy package stays
    # free of the storage layer.
    from physioreflect.storage import Workspace

__all__ = ["RedactionReport", "redact_everywhere", "replacing_everywhere"]


@dataclass(frozen=True)
class RedactionReport:
    """What :func:`redact_everywhere` did, for the message to the user."""

    workbook: Workbook | None
    """The workbook as now saved, or None if nothing in it changed."""
    cleaned: tuple[Path, ...]
    """Every file rewritten: the workbook, revisions, trash and other copies, the cache."""
    unreadable: tuple[Path, ...]
    """Files of the workbook's family that could not be read, so were not touched."""
    refused: tuple[Path, ...]
    """Submitted copies left as they were (the course decides about those)."""

    @property
    def files_cleaned(self) -> int:
        return len(self.cleaned)


def replacing_everywhere(
    findings: Iterable[Finding], *, workbook_id: str, revision: int
) -> Callable[[Workbook], Workbook]:
    """The change to make to each copy of a workbook: in the revision the findings were
    made in, each finding at its place; in every other copy (an older revision, a conflict
    copy), every occurrence of a finding's text, as a whole word, in any typed text."""
    chosen = list(findings)
    texts: dict[str, Kind] = {}
    for finding in chosen:
        if finding.path is None:
            msg = f"A finding in plain text has no place in a workbook: {finding!r}"
            raise ValueError(msg)
        if finding.text.strip():
            texts.setdefault(finding.text, finding.kind)
    # Longest first, so that "Kari Nordmann" goes before "Kari".
    ordered = sorted(texts, key=len, reverse=True)
    pattern = (
        re.compile("|".join(r"(?<!\w)" + re.escape(text) + r"(?!\w)" for text in ordered))
        if ordered
        else None
    )

    def transform(workbook: Workbook) -> Workbook:
        is_scanned = str(workbook.meta.id) == workbook_id and workbook.meta.revision == revision
        if is_scanned:
            return redact_workbook(workbook, chosen)
        if pattern is None:
            return workbook
        lang = workbook.meta.language.value
        return replace_in_prose(workbook, pattern, lambda match: placeholder(texts[match[0]], lang))

    return transform


def redact_everywhere(
    workspace: Workspace,
    workbook_id: str | uuid.UUID,
    findings: Iterable[Finding],
    *,
    force: bool = False,
) -> RedactionReport:
    """Replace ``findings`` (from :func:`scan_workbook` of the saved workbook) with their
    placeholders in the workbook, as a new revision, and the same text with the same
    placeholders in every revision, trash copy and copy the workspace keeps of it.

    Raises :class:`~physioreflect.errors.WorkbookSubmitted` for a submitted workbook unless
    ``force``; :class:`~physioreflect.errors.WorkbookNotFound` if there is no such workbook.
    """
    current = workspace.open(workbook_id)
    transform = replacing_everywhere(
        findings, workbook_id=str(current.meta.id), revision=current.meta.revision
    )
    report = workspace.rewrite_everywhere(workbook_id, transform, force=force)
    return RedactionReport(report.workbook, report.rewritten, report.unreadable, report.refused)
