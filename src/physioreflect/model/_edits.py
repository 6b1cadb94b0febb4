"""Edits of a workbook as small functions, and the one way to apply them: :func:`apply_edit`.

An edit changes a workbook in place (a plain function of the workbook, easy to test); it is
never applied to the workbook a screen shows. :func:`apply_edit` applies it to a fresh copy
and validates the whole result, so an edit that pydantic's assignment checks cannot see — an
``append`` to a list, a change deep inside an entry — is refused at once, on the field that
made it, and the shown workbook is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from pydantic import ValidationError

from physioreflect.errors import InvalidWorkbook
from physioreflect.model._problems import problems_from_validation_error
from physioreflect.model._workbook import (
    MINUTES_PER_WEEK,
    WEEKS,
    Factor,
    PlannedActivity,
    Workbook,
)

__all__ = [
    "Edit",
    "apply_edit",
    "progression",
    "rename_activity",
    "rename_factor",
    "toggled",
]

Edit = Callable[[Workbook], object]
T = TypeVar("T")


def apply_edit(workbook: Workbook, edit: Edit) -> Workbook:
    """``workbook`` with ``edit`` applied, as a new validated workbook; ``workbook`` itself is
    never changed. Raises :class:`InvalidWorkbook` with field-level problems when the result
    is not a valid workbook."""
    source = workbook.meta.title
    try:
        candidate = Workbook.model_validate(workbook.model_dump())
        edit(candidate)
        return Workbook.model_validate(candidate.model_dump())
    except ValidationError as error:
        raise InvalidWorkbook(
            source=source, problems=problems_from_validation_error(error)
        ) from None


def rename_factor(entry: Factor, label: str) -> None:
    """The user's own label for a barrier or facilitator: from now on it is shown as typed,
    in every language, instead of the catalogue's."""
    entry.label = label
    entry.label_edited = entry.catalogue_id is not None


def rename_activity(activity: PlannedActivity, name: str) -> None:
    """As :func:`rename_factor`, for an activity added from the catalogue of ideas."""
    activity.name = name
    activity.name_edited = activity.idea_id is not None


def toggled(items: Sequence[T], item: T, *, on: bool) -> list[T]:
    """``items`` with ``item`` present once (``on``) or absent, in the order chosen."""
    kept = [existing for existing in items if existing != item]
    return [*kept, item] if on else kept


def progression(per_week: int, *, weekly_step: float, weeks: int = WEEKS) -> list[int]:
    """Weekly minutes that start at ``per_week`` and grow by ``weekly_step`` of it each week
    (0.1: a tenth more every week), never more than there are minutes in a week."""
    return [min(MINUTES_PER_WEEK, round(per_week * (1 + weekly_step * w))) for w in range(weeks)]
