"""Roles as rules of the model: can a review touch what the student wrote, can the student
touch the review, and does a released review stay as it was released?"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from physioreflect.errors import ReviewRefused
from physioreflect.model import (
    Decision,
    ReviewRecord,
    Section,
    Status,
    Workbook,
    add_comment,
    check_review_edit,
    check_student_edit,
    delete_comment,
    dump_workbook,
    edit_comment,
    release,
    reply_as_student,
    reply_as_supervisor,
    review_differences,
    set_resolved,
    with_status,
)
from tests.strategies import nonblank, reviews, workbooks

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=2)


def _submitted(**update: object) -> Workbook:
    workbook = Workbook.new(title="Kasus: kne", author="Kari Student", now=NOW)
    workbook.case.likes_to_do = "Gå tur med hunden"
    return with_status(workbook, Status.submitted).model_copy(update=update)


def _record(submission: Workbook, reviewer: str = "Veileder Vera") -> ReviewRecord:
    return ReviewRecord.start(
        submission, name="kari.json", data=dump_workbook(submission), reviewer=reviewer, now=NOW
    )


def _reason(error: pytest.ExceptionInfo[ReviewRefused]) -> object:
    return error.value.params["reason"]


def test_a_comment_is_written_by_its_author_beside_its_section_and_entry() -> None:
    record = _record(_submitted())
    review = add_comment(
        record.review,
        author="Veileder Vera",
        section=Section.case,
        anchor="likes",
        text="Godt spurt!",
        now=NOW,
    )
    (comment,) = review.comments
    assert (comment.author, comment.section, comment.anchor, comment.text) == (
        "Veileder Vera",
        Section.case,
        "likes",
        "Godt spurt!",
    )
    assert record.review.comments == []  # the draft it came from is left as it was


def test_only_its_author_edits_or_deletes_a_draft_comment() -> None:
    review = add_comment(
        _record(_submitted()).review, author="Vera", section=Section.plan, text="Ok", now=NOW
    )
    comment_id = review.comments[0].comment_id
    edited = edit_comment(review, comment_id, author="vera ", text="Bedre", now=LATER)
    assert (edited.comments[0].text, edited.comments[0].edited) == ("Bedre", LATER)
    with pytest.raises(ReviewRefused) as error:
        edit_comment(review, comment_id, author="Ola", text="Mitt", now=LATER)
    assert _reason(error) == "not_your_comment"
    with pytest.raises(ReviewRefused):
        delete_comment(review, comment_id, author="Ola")
    assert delete_comment(review, comment_id, author="Vera").comments == []


def test_a_comment_the_student_received_is_never_changed_again() -> None:
    review = add_comment(
        _record(_submitted()).review, author="Vera", section=Section.plan, text="Ok", now=NOW
    )
    received = [review.comments[0].comment_id]
    for change in (
        lambda: edit_comment(
            review, received[0], author="Vera", text="x", now=NOW, received=received
        ),
        lambda: delete_comment(review, received[0], author="Vera", received=received),
    ):
        with pytest.raises(ReviewRefused) as error:
            change()
        assert _reason(error) == "review_released"


def test_a_comment_needs_the_supervisors_name() -> None:
    with pytest.raises(ReviewRefused) as error:
        add_comment(
            _record(_submitted()).review, author="  ", section=Section.case, text="x", now=NOW
        )
    assert _reason(error) == "no_reviewer"


def test_release_returns_the_submission_with_the_review_and_nothing_else_changed() -> None:
    submission = _submitted()
    record = _record(submission)
    review = add_comment(record.review, author="Vera", section=Section.case, text="Ok", now=NOW)
    review = review.model_copy(update={"decision": Decision.returned, "overall_feedback": "Bra"})
    returned, final = release(submission, record.revised(review, now=NOW), now=LATER)
    assert returned.meta.status is Status.returned
    assert returned.meta.reviewed == LATER
    assert returned.review.reviewer == "Veileder Vera"
    assert returned.case == submission.case
    assert final.released == LATER
    with pytest.raises(ReviewRefused) as error:
        final.revised(review, now=LATER)
    assert _reason(error) == "review_released"


def test_approving_makes_the_workbook_approved() -> None:
    submission = _submitted()
    record = _record(submission)
    review = record.review.model_copy(update={"decision": Decision.approved})
    returned, _ = release(submission, record.revised(review, now=NOW), now=LATER)
    assert returned.meta.status is Status.approved


@pytest.mark.parametrize(
    ("status", "decision", "reviewer", "reason"),
    [
        (Status.draft, Decision.returned, "Vera", "not_submitted"),
        (Status.submitted, None, "Vera", "no_decision"),
        (Status.submitted, Decision.approved, " ", "no_reviewer"),
    ],
)
def test_release_refuses_what_cannot_be_released(
    status: Status, decision: Decision | None, reviewer: str, reason: str
) -> None:
    submission = _submitted()
    record = _record(submission, reviewer=reviewer)
    record = record.revised(record.review.model_copy(update={"decision": decision}), now=NOW)
    target = submission.model_copy(
        update={"meta": submission.meta.model_copy(update={"status": status})}
    )
    with pytest.raises(ReviewRefused) as error:
        release(target, record, now=LATER)
    assert _reason(error) == reason


def test_a_review_that_touches_the_students_text_is_refused() -> None:
    submission = _submitted()
    changed = submission.model_copy(deep=True)
    changed.case.likes_to_do = "Sykle"
    with pytest.raises(ReviewRefused) as error:
        check_review_edit(submission, changed)
    assert _reason(error) == "student_text"


def _returned_with_comment() -> Workbook:
    submission = _submitted()
    record = _record(submission)
    review = add_comment(record.review, author="Vera", section=Section.case, text="Ok", now=NOW)
    review = review.model_copy(update={"decision": Decision.returned})
    return release(submission, record.revised(review, now=NOW), now=LATER)[0]


def test_the_student_may_reply_and_resolve_once_returned() -> None:
    returned = _returned_with_comment()
    comment_id = returned.review.comments[0].comment_id
    replied = reply_as_student(returned, comment_id, text="Takk, jeg spør henne.", now=LATER)
    resolved = set_resolved(replied, comment_id, resolved=True)
    check_student_edit(returned, resolved)
    (reply,) = resolved.review.comments[0].replies
    assert (reply.author, reply.from_supervisor) == ("Kari Student", False)
    assert resolved.review.comments[0].resolved


def test_replies_wait_until_the_workbook_is_returned() -> None:
    submission = _submitted()
    with pytest.raises(ReviewRefused) as error:
        reply_as_student(submission, "x", text="Hei", now=NOW)
    assert _reason(error) == "not_returned"


@pytest.mark.parametrize(
    "change",
    [
        lambda w: setattr(w.review.comments[0], "text", "Endret av studenten"),
        lambda w: setattr(w.review, "overall_feedback", "Strålende!"),
        lambda w: setattr(w.review, "decision", Decision.approved),
        lambda w: w.review.comments.clear(),
        lambda w: setattr(w.meta, "reviewed", NOW),
    ],
)
def test_the_student_cannot_change_the_review(change: object) -> None:
    returned = _returned_with_comment()
    changed = returned.model_copy(deep=True)
    change(changed)  # type: ignore[operator]
    with pytest.raises(ReviewRefused) as error:
        check_student_edit(returned, changed)
    assert _reason(error) == "review_data"


def test_the_student_cannot_rewrite_an_earlier_reply() -> None:
    returned = _returned_with_comment()
    comment_id = returned.review.comments[0].comment_id
    first = reply_as_student(returned, comment_id, text="Første svar", now=LATER)
    rewritten = first.model_copy(deep=True)
    rewritten.review.comments[0].replies[0].text = "Et annet svar"
    with pytest.raises(ReviewRefused):
        check_student_edit(first, rewritten)


@settings(max_examples=60, deadline=None)
@given(workbooks(), reviews())
def test_no_other_review_passes_as_the_students_edit(workbook: Workbook, other: object) -> None:
    """Whatever the review becomes, the student's edit is refused unless the supervisor's
    part of it is exactly as before."""
    changed = workbook.model_copy(update={"review": other})
    same = json.dumps(workbook.review.model_dump(mode="json"), sort_keys=True) == json.dumps(
        changed.review.model_dump(mode="json"), sort_keys=True
    )
    if same:
        check_student_edit(workbook, changed)
    else:
        with pytest.raises(ReviewRefused):
            check_student_edit(workbook, changed)


@settings(max_examples=60, deadline=None)
@given(workbooks(), st.sampled_from(["case", "perspective", "plan", "reflection", "meta"]))
def test_every_change_outside_the_review_is_the_students(workbook: Workbook, part: str) -> None:
    changed = workbook.model_copy(deep=True)
    if part == "meta":
        changed.meta.title = workbook.meta.title + " (ny)"
    elif part == "case":
        changed.case.likes_to_do += "!"
    elif part == "perspective":
        changed.perspective.conviction_note += "!"
    elif part == "plan":
        changed.plan.flare_up_plan += "!"
    else:
        changed.reflection.what += "!"
    with pytest.raises(ReviewRefused):
        check_review_edit(workbook, changed)


@given(st.lists(nonblank, min_size=1, max_size=3))
def test_a_review_changed_by_hand_is_found(texts: list[str]) -> None:
    returned = _returned_with_comment()
    comment_id = returned.review.comments[0].comment_id
    replied = returned
    for text in texts:
        replied = reply_as_student(replied, comment_id, text=text, now=LATER)
    replied = set_resolved(replied, comment_id, resolved=True)
    assert review_differences(returned.review, replied.review) == []
    forged = replied.model_copy(deep=True)
    forged.review.comments[0].text = "Godkjent, flott!"
    forged.review.decision = Decision.approved
    assert review_differences(returned.review, forged.review) == [
        f"comment:{comment_id}",
        "decision",
    ]


def test_a_supervisor_answers_in_the_thread() -> None:
    returned = _returned_with_comment()
    comment_id = returned.review.comments[0].comment_id
    review = reply_as_supervisor(
        returned.review, comment_id, author="Vera", text="Bra svar.", now=LATER
    )
    assert [(r.author, r.from_supervisor) for r in review.comments[0].replies] == [("Vera", True)]


@pytest.mark.parametrize(
    "change",
    [
        lambda w: setattr(w.meta, "status", Status.approved),
        lambda w: setattr(w.meta, "submitted", NOW),
    ],
)
def test_the_status_and_time_of_handing_in_never_move_by_an_edit(change: object) -> None:
    returned = _returned_with_comment()
    changed = returned.model_copy(deep=True)
    change(changed)  # type: ignore[operator]
    with pytest.raises(ReviewRefused) as error:
        check_student_edit(returned, changed)
    assert _reason(error) == "status_by_edit"
