"""The review a student has received, in short: what the banner above every step says.

Plain data in the interface language, built from the workbook alone, so the student's
dashboard and its tests read the same thing: the outcome, who reviewed it and when, the
overall feedback (as typed), the rubric levels and the learning judgement, and how many
comments are still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from physioreflect.content import ContentLibrary, Rubric, message
from physioreflect.model import CourseRubric, Status, Workbook
from physioreflect.render import written_date

__all__ = ["Outcome", "ReceivedReview", "RubricLine", "received_review"]


class Outcome(StrEnum):
    returned = "returned"
    """Returned for revision: the student may revise, reply and resolve."""
    approved = "approved"
    earlier = "earlier"
    """A review from before: the workbook was revised and submitted (or copied) since."""


@dataclass(frozen=True)
class RubricLine:
    criterion: str
    level: int
    level_label: str


@dataclass(frozen=True)
class ReceivedReview:
    outcome: Outcome
    decision: str
    """The supervisor's decision, in words ("Returned for more work", "Approved")."""
    reviewer: str
    reviewed: str | None
    """The date of the review written out, or ``None`` when the file does not say."""
    feedback: str
    rubric: tuple[RubricLine, ...]
    top_level: int
    learning: str | None
    comments: int
    open_comments: int


def received_review(
    workbook: Workbook, *, library: ContentLibrary, lang: str
) -> ReceivedReview | None:
    """The released review ``workbook`` carries, or ``None`` when it carries none (a review is
    released when it has a decision or a time of review)."""
    review, meta = workbook.review, workbook.meta
    if review.decision is None and meta.reviewed is None:
        return None
    if meta.status is Status.returned:
        outcome = Outcome.returned
    elif meta.status is Status.approved:
        outcome = Outcome.approved
    else:
        outcome = Outcome.earlier
    decision = review.decision.value if review.decision is not None else meta.status.value
    key = f"decision.{decision}" if review.decision is not None else f"status.{decision}"
    # A course's rubric by the names the review kept: the student has no course file.
    rubric: Rubric | CourseRubric = review.course_rubric or library.rubric
    order = {criterion: index for index, criterion in enumerate(rubric.criterion_ids())}
    lines = tuple(
        RubricLine(
            criterion=rubric.criterion_label(criterion, lang) or criterion,
            level=score.level,
            level_label=rubric.level_label(score.level, lang) or str(score.level),
        )
        for criterion, score in sorted(
            review.rubric.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
        )
    )
    kinds = {kind.id: kind.label.get(lang) for kind in library.rubric.learning}
    learning = None
    if review.learning is not None:
        learning = kinds.get(review.learning.value, review.learning.value)
    return ReceivedReview(
        outcome=outcome,
        decision=message(key, lang),
        reviewer=review.reviewer.strip(),
        reviewed=None if meta.reviewed is None else written_date(meta.reviewed, lang),
        feedback=review.overall_feedback,
        rubric=lines,
        top_level=rubric.top_level,
        learning=learning,
        comments=len(review.comments),
        open_comments=sum(not comment.resolved for comment in review.comments),
    )
