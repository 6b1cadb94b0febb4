"""The workspace: a folder of workbook files with atomic saves, revisions (kept by a retention
policy), conflicts and trash; and the shared submissions folder, where each hand-in leaves a
frozen copy."""

from __future__ import annotations

from physioreflect.storage._atomic import atomic_write, exclusive_write
from physioreflect.storage._location import ENV_VAR, default_workspace_path
from physioreflect.storage._retention import (
    DEFAULT_RETENTION,
    RetentionPolicy,
    Tier,
    revisions_to_keep,
)
from physioreflect.storage._submissions import (
    RETURNED_SUFFIX,
    REVIEW_SUFFIX,
    SUBMISSIONS_ENV,
    Submission,
    as_submitted,
    hand_in,
    returned_to_student,
    submissions_of,
    submit_copy,
)
from physioreflect.storage._summary import WorkbookSummary
from physioreflect.storage._workspace import (
    DEFAULT_KEEP_REVISIONS,
    RevisionInfo,
    RewriteReport,
    Workspace,
    workbook_file_name,
)

__all__ = [
    "DEFAULT_KEEP_REVISIONS",
    "DEFAULT_RETENTION",
    "ENV_VAR",
    "RETURNED_SUFFIX",
    "REVIEW_SUFFIX",
    "SUBMISSIONS_ENV",
    "RetentionPolicy",
    "RevisionInfo",
    "RewriteReport",
    "Submission",
    "Tier",
    "WorkbookSummary",
    "Workspace",
    "as_submitted",
    "atomic_write",
    "default_workspace_path",
    "exclusive_write",
    "hand_in",
    "returned_to_student",
    "revisions_to_keep",
    "submissions_of",
    "submit_copy",
    "workbook_file_name",
]
