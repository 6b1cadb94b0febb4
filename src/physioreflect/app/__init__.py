"""The dashboards' logic without widgets: the student's (the open workbook, autosave, steps,
page address, the review received), the cohort overview's (which download, which rows, charts,
exports) and the supervisor's review of one submission (:class:`ReviewSession`, imported when
first used: it reads submissions with the cohort's readers, which bring pandas). The cohort
overview's names too are imported when first asked for: a student's workbook needs none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from physioreflect._lazy import lazy_attributes
from physioreflect.app._controller import (
    HistoryRow,
    PrivacyNotConfirmed,
    RestoreRefused,
    WorkbookController,
)
from physioreflect.app._entries import new_activity, new_factor, new_goal
from physioreflect.app._received import Outcome, ReceivedReview, RubricLine, received_review
from physioreflect.app._scheduler import (
    AsyncioScheduler,
    Cancellable,
    ManualScheduler,
    Scheduler,
)
from physioreflect.app._session import ReadOnlyWorkbook, SaveState, SaveStatus, Session
from physioreflect.app._steps import (
    STEP_SECTIONS,
    STEPS,
    Query,
    Step,
    parse_query,
    query_from_voila,
    step_progress,
)
from physioreflect.app._undo import DONE_SECONDS, UNDO_SECONDS, EntryList, UndoNotice

if TYPE_CHECKING:
    from physioreflect.app._cohort import SORTABLE, ClassCharts, CohortQuery
    from physioreflect.app._review import ReviewSession

__all__ = [
    "DONE_SECONDS",
    "SORTABLE",
    "STEPS",
    "STEP_SECTIONS",
    "UNDO_SECONDS",
    "AsyncioScheduler",
    "Cancellable",
    "ClassCharts",
    "CohortQuery",
    "EntryList",
    "HistoryRow",
    "ManualScheduler",
    "Outcome",
    "PrivacyNotConfirmed",
    "Query",
    "ReadOnlyWorkbook",
    "ReceivedReview",
    "RestoreRefused",
    "ReviewSession",
    "RubricLine",
    "SaveState",
    "SaveStatus",
    "Scheduler",
    "Session",
    "Step",
    "UndoNotice",
    "WorkbookController",
    "new_activity",
    "new_factor",
    "new_goal",
    "parse_query",
    "query_from_voila",
    "received_review",
    "step_progress",
]


_LATER = {
    "ReviewSession": "physioreflect.app._review",
    "SORTABLE": "physioreflect.app._cohort",
    "ClassCharts": "physioreflect.app._cohort",
    "CohortQuery": "physioreflect.app._cohort",
}


__getattr__ = lazy_attributes(__name__, _LATER)
