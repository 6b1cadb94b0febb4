"""Domain errors. Each carries a message key and its parameters; the edges (CLI, dashboard)
translate them into the user's language with :func:`physioreflect.content.ui.message`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ContentError",
    "HandoutRefused",
    "InvalidSubmissions",
    "InvalidTransition",
    "InvalidWorkbook",
    "OutputExists",
    "PhysioreflectError",
    "Problem",
    "ReviewRefused",
    "RevisionNotFound",
    "SchemaTooNew",
    "SchemaTooOld",
    "SubmissionNotWritten",
    "SubmissionRefused",
    "SubmissionsFolderUnusable",
    "UnsafeWorkbookId",
    "WorkbookConflict",
    "WorkbookExists",
    "WorkbookNotDeleted",
    "WorkbookNotFound",
    "WorkbookNotSaved",
    "WorkbookSubmitted",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (a path of keys and indexes, or a line) and what."""

    key: str
    """Message key in the UI catalog, e.g. ``validation.string_too_long``."""
    loc: tuple[str | int, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    line: int | None = None


class PhysioreflectError(Exception):
    """Base of every error the user may be told about."""

    key: str = "error.unexpected"

    def __init__(self, *, source: str = "", **params: Any) -> None:
        self.source = source
        self.params = params
        super().__init__(f"{self.key} {source} {params}".strip())


class InvalidWorkbook(PhysioreflectError):
    """The file is not a valid workbook: not JSON, wrong shape, or values out of range."""

    key = "error.invalid_workbook"

    def __init__(self, *, source: str = "", problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(source=source, count=len(problems))


class SchemaTooNew(PhysioreflectError):
    """Written by a newer physioreflect; opening it here could lose what it added."""

    key = "error.schema_too_new"


class SchemaTooOld(PhysioreflectError):
    """Older than the oldest format this version can upgrade."""

    key = "error.schema_too_old"


class WorkbookNotFound(PhysioreflectError):
    key = "error.not_found"


class WorkbookExists(PhysioreflectError):
    key = "error.exists"


class RevisionNotFound(WorkbookNotFound):
    """A revision the workbook's history does not keep (any more)."""

    key = "error.revision_not_found"


class WorkbookNotDeleted(PhysioreflectError):
    """Deleting a workbook from the trash failed; it is still there."""

    key = "error.not_deleted"


class UnsafeWorkbookId(PhysioreflectError):
    """An id or file name that is not a workbook id, or would leave the workspace folder."""

    key = "error.unsafe_id"


class WorkbookConflict(PhysioreflectError):
    """The file on disk moved on since this copy was opened; the save was refused.

    ``conflict_copy`` is the id of the new workbook holding the refused version.
    """

    key = "error.conflict"


class WorkbookNotSaved(PhysioreflectError):
    """Writing failed (disk full, read-only folder, …); the file on disk is unchanged."""

    key = "error.not_saved"


class InvalidTransition(PhysioreflectError):
    key = "error.invalid_transition"


class WorkbookSubmitted(PhysioreflectError):
    """A submitted (or approved) workbook belongs to the course now: changing it needs an
    explicit ``force``."""

    key = "error.submitted"


class InvalidSubmissions(PhysioreflectError):
    """A submissions download that cannot be read as a whole: missing, neither a folder nor a
    zip, a damaged zip, or one with more entries than a class hands in. ``reason`` says which
    (``error.submissions.<reason>`` in the UI catalog)."""

    key = "error.submissions"


class SubmissionsFolderUnusable(PhysioreflectError):
    """The shared submissions folder cannot be used: it is not a folder, or it cannot be
    read or written. ``reason`` says which (``error.reason.<reason>`` in the UI catalog)."""

    key = "error.submissions_folder"


class SubmissionNotWritten(SubmissionsFolderUnusable):
    """Handing in stopped because its frozen copy could not be written; nothing changed."""

    key = "error.submission_not_written"


class SubmissionRefused(PhysioreflectError):
    """A workbook that cannot be handed in as it is: already submitted and waiting for its
    review, or approved (final). ``reason`` says which (``error.reason.<reason>``)."""

    key = "error.submission_refused"


class ReviewRefused(PhysioreflectError):
    """A change the role asking for it may not make: the review touching the student's text,
    the student touching the review, a comment changed by someone else or after release.
    ``reason`` says which (``error.reason.<reason>`` in the UI catalog)."""

    key = "error.review"


class OutputExists(PhysioreflectError):
    """A file to be written exists already; it is replaced only when asked to (``--force``)."""

    key = "error.output_exists"


class ContentError(PhysioreflectError):
    """A content or course prompt file that does not load; problems carry line numbers."""

    key = "error.invalid_content"

    def __init__(self, *, source: str = "", problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(source=source, count=len(problems))


class HandoutRefused(PhysioreflectError):
    """The patient's handout is not made: the plan has no activity to print, or the privacy
    check finds personal data in what it would print. ``reason`` says which
    (``error.reason.<reason>``); ``findings`` are the privacy check's findings, shown to the
    user as for submitting: nothing printed is ever left out silently."""

    key = "error.handout_refused"

    def __init__(self, *, source: str = "", reason: str, findings: list[Any] | None = None) -> None:
        self.findings = findings or []
        super().__init__(source=source, reason=reason, count=len(self.findings))
