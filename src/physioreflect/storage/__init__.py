"""The workspace: a folder of workbook files with atomic saves, revisions, conflicts and trash."""

from __future__ import annotations

from physioreflect.storage._atomic import atomic_write, write_new
from physioreflect.storage._location import ENV_VAR, default_workspace_path
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
    "ENV_VAR",
    "RevisionInfo",
    "RewriteReport",
    "WorkbookSummary",
    "Workspace",
    "atomic_write",
    "default_workspace_path",
    "workbook_file_name",
    "write_new",
]
