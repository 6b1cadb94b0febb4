"""Roles as rules of the model: who may change which part of a workbook, and how a review
travels from the supervisor's draft to the student.

- The supervisor's review is kept in its own :class:`ReviewRecord`, beside the submission,
  until it is released; a submitted copy is never modified. :func:`release` makes the
  workbook the student receives: the submission with the review, returned or approved.
- The review never changes the student's text (:func:`check_review_edit`).
- The student never changes the review (:func:`check_student_edit`): once it is returned,
  they may only add their own replies to comments and mark comments resolved.
- A comment is edited or deleted by its author only, and only while the review it belongs to
  is a draft: comments the student has already received are part of the record.

Every function returns a new object and leaves its arguments unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from typing import Annotated, Any, Final, Literal

from pydantic import AwareDatetime, StringConstraints, field_validator

from physioreflect.errors import ReviewRefused
from physioreflect.model._enums import Decision, Section, Status
from physioreflect.model._workbook import (
    Comment,
    Reply,
    Review,
    Workbook,
    _as_utc,
    _Part,
    new_entry_id,
)

__all__ = [
    "REVIEW_RECORD_VERSION",
    "ReviewRecord",
    "add_comment",
    "check_review_edit",
    "check_student_edit",
    "delete_comment",
    "edit_comment",
    "is_returned_file",
    "receive_review",
    "release",
    "reply_as_student",
    "reply_as_supervisor",
    "review_differences",
    "set_resolved",
    "submission_digest",
]

REVIEW_RECORD_VERSION: Final = 1

_Name = Annotated[str, StringConstraints(max_length=120)]


def submission_digest(data: bytes) -> str:
    """The fingerprint of a submitted file as it was handed in (SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()


class ReviewRecord(_Part):
    """A supervisor's review of one submission, kept beside it: a draft until ``released``.

    ``submission`` names the file reviewed and ``submission_sha256`` its bytes, so a record
    is never applied to another file, or to the same file changed since."""

    kind: Literal["physioreflect-review"] = "physioreflect-review"
    record_version: Literal[1] = REVIEW_RECORD_VERSION
    workbook_id: uuid.UUID
    submission: Annotated[str, StringConstraints(min_length=1, max_length=1_000)]
    submission_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    reviewer: _Name = ""
    started: AwareDatetime
    updated: AwareDatetime
    released: AwareDatetime | None = None
    review: Review = Review()

    @field_validator("started", "updated", "released")
    @classmethod
    def _utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else _as_utc(value)

    @classmethod
    def start(
        cls, submission: Workbook, *, name: str, data: bytes, reviewer: str, now: dt.datetime
    ) -> ReviewRecord:
        """A new draft for ``submission`` (the file ``name`` with bytes ``data``). It starts
        from the review the submission carries, so comments the student already received
        stay beside their sections with their threads; the decision is taken anew."""
        return cls(
            workbook_id=submission.meta.id,
            submission=name,
            submission_sha256=submission_digest(data),
            reviewer=reviewer,
            started=now,
            updated=now,
            review=submission.review.model_copy(update={"decision": None}),
        )

    def revised(self, review: Review, *, now: dt.datetime) -> ReviewRecord:
        """This draft with ``review``; a released record is final."""
        if self.released is not None:
            raise ReviewRefused(reason="review_released")
        return self.model_copy(update={"review": review, "updated": max(now, self.updated)})


# ── the supervisor's comments ──────────────────────────────────────────────────────────────
def _find(review: Review, comment_id: str) -> Comment:
    for comment in review.comments:
        if comment.comment_id == comment_id:
            return comment
    raise ReviewRefused(reason="no_such_comment")


def _with_comment(review: Review, changed: Comment) -> Review:
    comments = [changed if c.comment_id == changed.comment_id else c for c in review.comments]
    return review.model_copy(update={"comments": comments})


def _own_draft(comment: Comment, *, author: str, received: Iterable[str]) -> None:
    if comment.comment_id in set(received):
        raise ReviewRefused(reason="review_released")
    if comment.author.strip().casefold() != author.strip().casefold():
        raise ReviewRefused(reason="not_your_comment")


def _needs_name(author: str) -> str:
    if not author.strip():
        raise ReviewRefused(reason="no_reviewer")
    return author.strip()


def add_comment(
    review: Review,
    *,
    author: str,
    section: Section,
    text: str,
    now: dt.datetime,
    anchor: str | None = None,
) -> Review:
    """``review`` with a new comment by ``author`` beside ``section`` (and ``anchor``)."""
    comment = Comment(
        comment_id=new_entry_id(),
        section=section,
        anchor=anchor,
        author=_needs_name(author),
        created=now,
        text=text,
    )
    data = review.model_dump()
    data["comments"].append(comment.model_dump())
    return Review.model_validate(data)  # the review's own limits (500 comments) hold


def edit_comment(
    review: Review,
    comment_id: str,
    *,
    author: str,
    text: str,
    now: dt.datetime,
    received: Iterable[str] = (),
) -> Review:
    """``review`` with the text of its author's own draft comment changed. ``received``:
    the ids of comments the student already has, which nobody changes any more."""
    comment = _find(review, comment_id)
    _own_draft(comment, author=author, received=received)
    if text == comment.text:
        return review
    return _with_comment(review, comment.model_copy(update={"text": text, "edited": now}))


def delete_comment(
    review: Review, comment_id: str, *, author: str, received: Iterable[str] = ()
) -> Review:
    """``review`` without its author's own draft comment."""
    _own_draft(_find(review, comment_id), author=author, received=received)
    comments = [c for c in review.comments if c.comment_id != comment_id]
    return review.model_copy(update={"comments": comments})


def reply_as_supervisor(
    review: Review, comment_id: str, *, author: str, text: str, now: dt.datetime
) -> Review:
    """``review`` with the supervisor's answer in a comment's thread."""
    comment = _find(review, comment_id)
    reply = Reply(author=_needs_name(author), from_supervisor=True, created=now, text=text)
    return _with_comment(review, _with_reply(comment, reply))


def _with_reply(comment: Comment, reply: Reply) -> Comment:
    data = comment.model_dump()
    data["replies"].append(reply.model_dump())
    return Comment.model_validate(data)  # a thread's limit (200 replies) holds


# ── releasing ──────────────────────────────────────────────────────────────────────────────
def release(
    submission: Workbook, record: ReviewRecord, *, now: dt.datetime
) -> tuple[Workbook, ReviewRecord]:
    """The workbook the student receives — the submission with the review, returned (editable
    again) or approved — and the record, now final."""
    if submission.meta.status is not Status.submitted:
        raise ReviewRefused(reason="not_submitted")
    if record.released is not None:
        raise ReviewRefused(reason="review_released")
    reviewer = _needs_name(record.reviewer)
    review = record.review
    if review.decision is None:
        raise ReviewRefused(reason="no_decision")
    status = Status.returned if review.decision is Decision.returned else Status.approved
    meta = submission.meta.model_copy(update={"status": status, "reviewed": now})
    returned = Workbook.model_validate(
        {
            **submission.model_dump(),
            "meta": meta.model_dump(),
            "review": review.model_copy(update={"reviewer": reviewer}).model_dump(),
        }
    )
    check_review_edit(submission, returned)
    final = record.model_copy(update={"released": now, "updated": max(now, record.updated)})
    return returned, final


# ── role separation ────────────────────────────────────────────────────────────────────────
def _students_part(workbook: Workbook) -> dict[str, object]:
    data = workbook.model_dump()
    del data["review"]
    meta = data["meta"]
    for key in ("status", "reviewed"):
        del meta[key]
    return data


def check_review_edit(before: Workbook, after: Workbook) -> None:
    """Refuses (:class:`ReviewRefused`) a change by the review of anything the student wrote:
    only the review, the status and the time of the review may differ."""
    if _students_part(before) != _students_part(after):
        raise ReviewRefused(reason="student_text")


def _supervisors_part(review: Review) -> dict[str, Any]:
    """The review as the supervisor released it: without the student's replies and the
    student's "resolved" marks."""
    data = review.model_dump()
    for comment in data["comments"]:
        del comment["resolved"]
        comment["replies"] = [r for r in comment["replies"] if r["from_supervisor"]]
    return data


def check_student_edit(before: Workbook, after: Workbook) -> None:
    """Refuses (:class:`ReviewRefused`) a change by the student of the review: the student may
    add replies of their own (never change earlier ones) and mark comments resolved, and only
    while the workbook is returned to them. The status and the time of handing in move only
    by submitting (:func:`physioreflect.model.with_status`), never by an edit."""
    if after.meta.reviewed != before.meta.reviewed:
        raise ReviewRefused(reason="review_data")
    if (after.meta.status, after.meta.submitted) != (before.meta.status, before.meta.submitted):
        raise ReviewRefused(reason="status_by_edit")
    if before.review == after.review:
        return
    if _supervisors_part(before.review) != _supervisors_part(after.review):
        raise ReviewRefused(reason="review_data")
    if before.meta.status is not Status.returned:
        raise ReviewRefused(reason="not_returned")
    earlier = {c.comment_id: c.replies for c in before.review.comments}
    for comment in after.review.comments:
        kept = earlier[comment.comment_id]
        if comment.replies[: len(kept)] != kept:
            raise ReviewRefused(reason="review_data")


def reply_as_student(
    workbook: Workbook, comment_id: str, *, text: str, now: dt.datetime
) -> Workbook:
    """``workbook`` with the student's reply to one of its supervisor's comments."""
    if workbook.meta.status is not Status.returned:
        raise ReviewRefused(reason="not_returned")
    comment = _find(workbook.review, comment_id)
    reply = Reply(author=workbook.meta.author, created=now, text=text)
    review = _with_comment(workbook.review, _with_reply(comment, reply))
    return workbook.model_copy(update={"review": review})


def set_resolved(workbook: Workbook, comment_id: str, *, resolved: bool) -> Workbook:
    """``workbook`` with one comment marked resolved (or open again) by the student."""
    if workbook.meta.status is not Status.returned:
        raise ReviewRefused(reason="not_returned")
    comment = _find(workbook.review, comment_id)
    review = _with_comment(workbook.review, comment.model_copy(update={"resolved": resolved}))
    return workbook.model_copy(update={"review": review})


def is_returned_file(workbook: Workbook) -> bool:
    """Is ``workbook`` one a supervisor sent back (returned or approved, with its review)?"""
    return workbook.meta.status in (Status.returned, Status.approved) and (
        workbook.meta.reviewed is not None or workbook.review.decision is not None
    )


def receive_review(current: Workbook, returned: Workbook) -> Workbook:
    """The student's own workbook ``current`` with the review a supervisor sent back in
    ``returned`` (the same workbook, as it was handed in, with the review).

    What the student wrote stays as it is in ``current`` — nothing they wrote since handing in
    is lost; the review, the status and the times of handing in and of the review come from
    ``returned``. Refused (:class:`ReviewRefused`) when ``returned`` is not a returned
    workbook, is another workbook, or is older than the review ``current`` already has (a
    file from an earlier round)."""
    if not is_returned_file(returned):
        raise ReviewRefused(reason="not_a_return")
    if returned.meta.id != current.meta.id:
        raise ReviewRefused(reason="another_workbook")
    had, got = current.meta.reviewed, returned.meta.reviewed
    if had is not None and (got is None or got < had):
        raise ReviewRefused(reason="older_return")
    if got is not None and got == had and current.review == returned.review:
        return current  # the same return again: nothing to do
    meta = current.meta.model_copy(
        update={
            "status": returned.meta.status,
            "reviewed": got,
            "submitted": returned.meta.submitted or current.meta.submitted,
        }
    )
    return current.model_copy(update={"meta": meta, "review": returned.review})


def review_differences(released: Review, received: Review) -> list[str]:
    """Where ``received`` (the review in a file a student handed back) differs from the review
    the supervisor released, the student's own replies and marks aside: the ids of changed,
    removed or added comments, and the names of other parts changed. Empty when untouched."""
    before, after = _supervisors_part(released), _supervisors_part(received)
    differences: list[str] = []
    comments_before = {c["comment_id"]: c for c in before.pop("comments")}
    comments_after = {c["comment_id"]: c for c in after.pop("comments")}
    for comment_id in sorted(comments_before.keys() | comments_after.keys()):
        if comments_before.get(comment_id) != comments_after.get(comment_id):
            differences.append(f"comment:{comment_id}")
    differences.extend(key for key in sorted(before) if before[key] != after.get(key))
    return differences
