"""Restoring an earlier revision: what the author wrote comes back, the review does not go.

A revision in the history is the whole workbook as it was saved, review and status
included. Restoring one as its author must not undo what happened since outside the author's
hands — a supervisor's review received, a hand-in — so only the author's part is taken from
the revision, under the same rule every edit of the author's obeys
(:func:`physioreflect.model.check_student_edit`).
"""

from __future__ import annotations

from physioreflect.errors import ReviewRefused
from physioreflect.model._review import check_student_edit
from physioreflect.model._workbook import Workbook

__all__ = ["restored_revision"]

_KEPT_META = (
    "id",
    "schema_version",
    "revision",
    "created",
    "updated",
    "status",
    "submitted",
    "reviewed",
    "is_example",
    "copied_from",
)
"""What stays as it is now: who the workbook is, where it stands, and when that happened.
Everything else of ``meta`` (title, author, role, course, language, the privacy confirmation
of that text) is the author's and comes from the revision."""


def restored_revision(current: Workbook, earlier: Workbook) -> Workbook:
    """``current`` with what its author wrote in ``earlier``, a revision of the same workbook:
    the texts, entries and plan of ``earlier``; the review (with the author's replies), the
    status and the times of ``current``. Refused (:class:`ReviewRefused`) for a revision of
    another workbook."""
    if earlier.meta.id != current.meta.id:
        raise ReviewRefused(source=current.meta.title, reason="another_workbook")
    meta = earlier.meta.model_copy(
        update={name: getattr(current.meta, name) for name in _KEPT_META}
    )
    restored = Workbook.model_validate(
        {**earlier.model_dump(), "meta": meta.model_dump(), "review": current.review.model_dump()}
    )
    check_student_edit(current, restored)
    return restored
