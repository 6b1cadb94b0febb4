"""The review a student received, in the student's controller: shown in short, answered and
resolved through the same checked, autosaved edits as everything else — and never changed."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from physioreflect.app import ManualScheduler, Outcome, SaveStatus, WorkbookController
from physioreflect.content import describe_error
from physioreflect.errors import InvalidWorkbook, ReviewRefused
from physioreflect.model import (
    Comment,
    Section,
    Status,
    Workbook,
    utc_now,
    with_status,
)
from physioreflect.storage import Workspace

RETURNED_ID = "a8d41f07-2c9e-4b35-8f6a-1e7c3b9d5a20"
APPROVED_ID = "e71b3d58-9f20-4a6c-8d14-3b6f0c2e9a75"


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture
def controller(workspace: Workspace, clock: ManualScheduler) -> WorkbookController:
    return WorkbookController(workspace=workspace, lang="nb", scheduler=clock)


def _sample(samples: list[Workbook], workbook_id: str) -> Workbook:
    return next(s for s in samples if str(s.meta.id) == workbook_id)


def _open(controller: WorkbookController, workbook: Workbook) -> Workbook:
    saved = controller.workspace.import_workbook(workbook)
    controller.open(str(saved.meta.id))
    return controller.workbook


def _on_disk(controller: WorkbookController) -> Workbook:
    return controller.workspace.open(str(controller.workbook.meta.id))


@pytest.fixture
def returned(controller: WorkbookController, samples: list[Workbook]) -> Workbook:
    return _open(controller, _sample(samples, RETURNED_ID))


REVIEW_CHANGES: dict[str, Callable[[Workbook], object]] = {
    "overall feedback": lambda w: setattr(w.review, "overall_feedback", "Godkjent!"),
    "decision": lambda w: setattr(w.review, "decision", "approved"),
    "a comment's text": lambda w: setattr(w.review.comments[0], "text", "Bra."),
    "a comment removed": lambda w: w.review.comments.pop(0),
    "a rubric level": lambda w: setattr(w.review.rubric["reflect.analysis"], "level", 4),
    "the reviewer": lambda w: setattr(w.review, "reviewer", "Meg selv"),
    "the time of review": lambda w: setattr(w.meta, "reviewed", utc_now()),
    "the status": lambda w: setattr(w.meta, "status", Status.approved),
}


@pytest.mark.parametrize("change", REVIEW_CHANGES, ids=list(REVIEW_CHANGES))
def test_an_edit_of_review_data_is_refused_and_changes_nothing(
    controller: WorkbookController, returned: Workbook, clock: ManualScheduler, change: str
) -> None:
    """Is an edit that touches the supervisor's part refused, with nothing kept or saved?"""
    seen: list[Section | None] = []
    controller.on_workbook(seen.append)
    with pytest.raises(ReviewRefused) as caught:
        controller.edit(Section.perspective, REVIEW_CHANGES[change])
    assert controller.workbook == returned
    assert controller.session is not None and not controller.session.dirty
    clock.advance(10)
    assert _on_disk(controller).meta.revision == returned.meta.revision
    assert seen == []
    said = describe_error(caught.value, "en")
    assert said.startswith("The change was not made:")
    assert "{" not in said


def test_the_student_still_revises_their_own_text(
    controller: WorkbookController, returned: Workbook, clock: ManualScheduler
) -> None:
    """Does a returned workbook take the student's own edits and save them?"""
    controller.edit(Section.reflection, lambda w: setattr(w.reflection, "so_what", "Jeg kjente"))
    clock.advance(10)
    assert _on_disk(controller).reflection.so_what == "Jeg kjente"
    assert _on_disk(controller).review == returned.review


def test_a_comment_added_by_the_student_is_refused_even_in_a_draft(
    controller: WorkbookController,
) -> None:
    """Can a student write a supervisor's comment into their own draft? (No.)"""
    controller.create(Workbook.new(title="Kasus: hofte"))
    comment = Comment(
        comment_id="c-own",
        section=Section.case,
        author="Veileder",
        created=utc_now(),
        text="Godkjent",
    )
    with pytest.raises(ReviewRefused):
        controller.edit(Section.case, lambda w: w.review.comments.append(comment))
    assert controller.workbook.review.comments == []


def test_a_reply_is_added_autosaved_and_told_to_its_section(
    controller: WorkbookController, returned: Workbook, clock: ManualScheduler
) -> None:
    """Does a reply join the comment's thread as the student's, reach the disk, and tell the
    views of the comment's section?"""
    seen: list[Section | None] = []
    controller.on_workbook(seen.append)
    text = "Jeg trodde hun ikke ville tåle mer – og sa det nesten høyt."
    controller.reply("c1", text)
    thread = controller.workbook.review.comments[0].replies
    assert [r.text for r in thread] == [text]
    assert thread[0].author == returned.meta.author
    assert not thread[0].from_supervisor
    assert seen == [Section.perspective]
    assert controller.session is not None
    assert controller.session.state.status is SaveStatus.pending
    clock.advance(10)
    assert controller.session.state.status is SaveStatus.saved
    saved = _on_disk(controller)
    assert saved.review.comments[0].replies == thread
    assert saved.meta.status is Status.returned


def test_a_second_reply_keeps_the_first(controller: WorkbookController, returned: Workbook) -> None:
    """Is an earlier reply (here, one already in the file) kept when another is added?"""
    before = returned.review.comments[1].replies
    controller.reply("c2", "Og legen bekreftet det.")
    after = controller.workbook.review.comments[1].replies
    assert after[:-1] == before
    assert after[-1].text == "Og legen bekreftet det."


def test_resolving_and_opening_again_is_saved(
    controller: WorkbookController, returned: Workbook, clock: ManualScheduler
) -> None:
    """Does "mark resolved" reach the file, and can it be undone?"""
    controller.set_resolved("c3", True)
    clock.advance(10)
    assert _on_disk(controller).review.comments[2].resolved
    controller.set_resolved("c3", False)
    clock.advance(10)
    assert not _on_disk(controller).review.comments[2].resolved
    assert _on_disk(controller).review == returned.review


def test_a_blank_or_overlong_reply_is_refused(
    controller: WorkbookController, returned: Workbook
) -> None:
    """Is a reply with nothing in it, or more than a reply may hold, refused with a reason?"""
    with pytest.raises(ReviewRefused) as blank:
        controller.reply("c1", "  \n ")
    assert "skriv noe i svaret" in describe_error(blank.value, "nb")
    with pytest.raises(InvalidWorkbook):
        controller.reply("c1", "x" * 20_001)
    with pytest.raises(ReviewRefused) as unknown:
        controller.reply("c-none", "Hei")
    assert unknown.value.params["reason"] == "no_such_comment"
    assert controller.workbook == returned


@pytest.mark.parametrize("status", [Status.draft, Status.submitted, Status.approved])
def test_replying_and_resolving_are_refused_unless_returned(
    controller: WorkbookController, samples: list[Workbook], status: Status
) -> None:
    """Can the student answer a review only while the workbook is returned to them?"""
    sample = _sample(samples, RETURNED_ID)
    if status is Status.submitted:
        sample = with_status(sample, Status.submitted)
    elif status is not Status.returned:
        sample = sample.model_copy(
            update={"meta": sample.meta.model_copy(update={"status": status})}
        )
    shown = _open(controller, sample)
    assert not controller.can_reply
    for attempt in (
        lambda: controller.reply("c1", "Takk"),
        lambda: controller.set_resolved("c1", True),
    ):
        with pytest.raises(ReviewRefused) as caught:
            attempt()
        assert caught.value.params["reason"] == "not_returned"
    assert controller.workbook == shown


def test_a_returned_workbook_may_be_answered(
    controller: WorkbookController, returned: Workbook
) -> None:
    assert controller.can_reply
    controller.close()
    assert not controller.can_reply


def test_the_review_received_in_short(controller: WorkbookController, returned: Workbook) -> None:
    """Does the banner's summary say returned, by whom, the feedback as written, the rubric
    in the rubric's order, the learning judgement and how many comments are open?"""
    received = controller.received_review()
    assert received is not None
    assert received.outcome is Outcome.returned
    assert received.reviewer == "Praksisveileder"
    assert received.reviewed is None, "the example does not say when it was reviewed"
    assert received.feedback == returned.review.overall_feedback
    rubric = controller.library.rubric
    in_order = [c.id for c in rubric.criteria if c.id in returned.review.rubric]
    assert [line.criterion for line in received.rubric] == [
        rubric.criterion_label(c, "nb") for c in in_order
    ], "labels, in the rubric's order"
    assert [line.level for line in received.rubric] == [
        returned.review.rubric[c].level for c in in_order
    ]
    assert received.rubric[0].level_label == rubric.level_label(received.rubric[0].level, "nb")
    assert received.top_level == 4
    assert received.learning is not None and "transform" in received.learning.lower()
    assert (received.comments, received.open_comments) == (4, 3)
    controller.set_resolved("c1", True)
    assert controller.received_review() is not None
    assert controller.received_review().open_comments == 2  # type: ignore[union-attr]
    controller.set_language("en")
    english = controller.received_review()
    assert english is not None and english.decision == "Returned for more work"


def test_the_date_of_a_review_is_written_in_the_page_language(
    controller: WorkbookController, samples: list[Workbook]
) -> None:
    sample = _sample(samples, APPROVED_ID)
    data = json.loads(sample.model_dump_json())
    data["meta"]["reviewed"] = "2026-03-14T10:00:00Z"
    _open(controller, Workbook.model_validate(data))
    received = controller.received_review()
    assert received is not None and received.outcome is Outcome.approved
    assert received.reviewed == "14. mars 2026"
    controller.set_language("en")
    assert controller.received_review().reviewed == "14 March 2026"  # type: ignore[union-attr]


def test_a_draft_has_no_review_to_show(controller: WorkbookController) -> None:
    assert controller.received_review() is None
    controller.create(Workbook.new(title="Kasus: hofte"))
    assert controller.received_review() is None
