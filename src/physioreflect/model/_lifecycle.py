"""The workbook's status: draft → submitted → returned / approved (returned → submitted)."""

from __future__ import annotations

from typing import Final

from physioreflect.errors import InvalidTransition
from physioreflect.model._enums import Status
from physioreflect.model._workbook import Workbook

__all__ = ["ALLOWED_TRANSITIONS", "is_editable_by_author", "with_status"]

ALLOWED_TRANSITIONS: Final[dict[Status, frozenset[Status]]] = {
    Status.draft: frozenset({Status.submitted}),
    Status.submitted: frozenset({Status.returned, Status.approved}),
    Status.returned: frozenset({Status.submitted}),
    Status.approved: frozenset(),
}


def with_status(workbook: Workbook, status: Status) -> Workbook:
    """A copy of ``workbook`` moved to ``status``, or :class:`InvalidTransition`."""
    current = workbook.meta.status
    if status not in ALLOWED_TRANSITIONS[current]:
        raise InvalidTransition(
            source=workbook.meta.title, current=current.value, requested=status.value
        )
    meta = workbook.meta.model_copy(update={"status": status})
    return workbook.model_copy(update={"meta": meta})


def is_editable_by_author(workbook: Workbook) -> bool:
    """A submitted or approved workbook is read-only for its author until it is returned."""
    return workbook.meta.status in (Status.draft, Status.returned)
