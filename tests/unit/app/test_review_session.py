"""The review dashboard's controller: does a supervisor's review reach the file beside the
submission and the student's returned workbook, without ever touching what was handed in?"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from physioreflect.app import ReviewSession
from physioreflect.errors import InvalidWorkbook, ReviewRefused
from physioreflect.model import (
    Decision,
    LearningJudgement,
    Section,
    Status,
    Workbook,
    dump_workbook,
    parse_workbook,
    reply_as_student,
    with_status,
)
from tests.reviewing import START, submitted, ticking


@pytest.fixture
def clock() -> Iterator[dt.datetime]:
    return ticking()


def _submission(**case: str) -> Workbook:
    return submitted("Kasus: hofte", **case)


def _folder(tmp_path: Path, workbook: Workbook, name: str = "nora/refleksjon.json") -> Path:
    path = tmp_path / "innleveringer" / name
    path.parent.mkdir(parents=True)
    path.write_bytes(dump_workbook(workbook))
    return tmp_path / "innleveringer"


def _session(
    source: Path,
    clock: Iterator[dt.datetime],
    name: str = "nora/refleksjon.json",
    reviewer: str = "Vera Veileder",
) -> ReviewSession:
    return ReviewSession(source, name, reviewer=reviewer, clock=lambda: next(clock))


def test_a_comment_is_kept_beside_the_submission_and_the_submission_is_untouched(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    source = _folder(tmp_path, _submission(likes_to_do="Danse"))
    handed_in = (source / "nora/refleksjon.json").read_bytes()
    session = _session(source, clock)
    assert not session.saved  # opening alone writes nothing
    assert not (source / "nora/refleksjon.review.json").exists()
    session.add_comment(Section.case, "Godt at du spurte hva hun liker.", anchor=None)
    record = json.loads((source / "nora/refleksjon.review.json").read_text())
    assert record["review"]["comments"][0]["text"] == "Godt at du spurte hva hun liker."
    assert record["reviewer"] == "Vera Veileder"
    assert (source / "nora/refleksjon.json").read_bytes() == handed_in
    again = _session(source, clock, reviewer="")
    assert [c.text for c in again.review.comments] == ["Godt at du spurte hva hun liker."]
    assert again.reviewer == "Vera Veileder"


def test_release_writes_the_returned_workbook_and_ends_the_draft(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    source = _folder(tmp_path, _submission())
    session = _session(source, clock)
    session.add_comment(Section.plan, "Hvor kommer 5/10 fra?")
    session.score("reflect.description", 3)
    session.set_learning(LearningJudgement.transformative)
    session.set_text("overall_feedback", "Godt arbeid. Se på smerteregelen.")
    with pytest.raises(ReviewRefused) as error:
        session.release()
    assert error.value.params["reason"] == "no_decision"
    session.set_decision(Decision.returned)
    path = session.release()
    assert path == source / "nora/refleksjon.returned.json"
    returned = parse_workbook(path.read_bytes())
    assert returned.meta.status is Status.returned
    assert returned.review.overall_feedback == "Godt arbeid. Se på smerteregelen."
    assert returned.review.rubric["reflect.description"].level == 3
    assert returned.meta.reviewed is not None
    assert session.read_only
    with pytest.raises(ReviewRefused):
        session.add_comment(Section.case, "For sent")
    reopened = _session(source, clock)
    assert reopened.released and reopened.read_only
    assert reopened.returned_path() == path


def test_an_unscored_criterion_can_be_cleared(tmp_path: Path, clock: Iterator[dt.datetime]) -> None:
    session = _session(_folder(tmp_path, _submission()), clock)
    session.score("reflect.description", 2)
    session.score("reflect.description", None)
    assert session.review.rubric == {}


def test_comments_need_the_supervisors_name(tmp_path: Path, clock: Iterator[dt.datetime]) -> None:
    session = _session(_folder(tmp_path, _submission()), clock, reviewer="")
    with pytest.raises(ReviewRefused) as error:
        session.add_comment(Section.case, "Hei")
    assert error.value.params["reason"] == "no_reviewer"
    session.set_reviewer("  Vera  ")
    session.add_comment(Section.case, "Hei")
    assert session.review.comments[0].author == "Vera"


def test_another_supervisor_cannot_change_a_comment(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    source = _folder(tmp_path, _submission())
    first = _session(source, clock)
    first.add_comment(Section.case, "Min kommentar")
    other = _session(source, clock, reviewer="")
    other.set_reviewer("Ola Sensor")
    comment_id = other.review.comments[0].comment_id
    with pytest.raises(ReviewRefused) as error:
        other.edit_comment(comment_id, "Overskrevet")
    assert error.value.params["reason"] == "not_your_comment"
    other.add_comment(Section.case, "Enig.")
    assert [c.author for c in other.review.comments] == ["Vera Veileder", "Ola Sensor"]


def test_a_draft_workbook_in_the_folder_is_shown_but_not_reviewed(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    draft = Workbook.new(title="Ikke levert", now=START)
    session = _session(_folder(tmp_path, draft), clock)
    assert session.read_only and not session.reviewable
    with pytest.raises(ReviewRefused) as error:
        session.add_comment(Section.case, "x")
    assert error.value.params["reason"] == "not_submitted"


def test_a_damaged_record_is_reported_never_replaced(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    source = _folder(tmp_path, _submission())
    damaged = source / "nora/refleksjon.review.json"
    damaged.write_text('{"kind": "physioreflect-review", "review": ')
    with pytest.raises(InvalidWorkbook):
        _session(source, clock)
    assert damaged.read_text() == '{"kind": "physioreflect-review", "review": '


def test_a_resubmission_under_the_same_name_starts_a_new_review_and_keeps_the_old(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    source = _folder(tmp_path, _submission())
    session = _session(source, clock)
    session.add_comment(Section.case, "Spør hva hun liker.")
    session.set_decision(Decision.returned)
    returned = parse_workbook(session.release().read_bytes())
    comment_id = returned.review.comments[0].comment_id
    # The student replies, revises and hands in again; the new download replaces the file.
    revised = reply_as_student(returned, comment_id, text="Hun liker å danse.", now=START)
    revised.case.likes_to_do = "Danse"
    (source / "nora/refleksjon.json").write_bytes(
        dump_workbook(with_status(revised, Status.submitted))
    )
    second = _session(source, clock)
    assert not second.released
    assert second.changed_by_hand() == []
    assert [c.comment_id for c in second.review.comments] == [comment_id]  # the thread goes on
    assert second.review.decision is None
    with pytest.raises(ReviewRefused):  # the student has it: part of the record
        second.edit_comment(comment_id, "Endret etterpå")
    second.add_comment(Section.case, "Bra!")
    kept = sorted(p.name for p in (source / "nora").glob("refleksjon.*.review.json"))
    assert len(kept) == 1
    assert json.loads((source / "nora" / kept[0]).read_text())["released"] is not None


def test_a_review_changed_by_hand_in_the_resubmission_is_found(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    source = _folder(tmp_path, _submission())
    session = _session(source, clock)
    session.add_comment(Section.plan, "Planen mangler progresjon.")
    session.set_decision(Decision.returned)
    returned = parse_workbook(session.release().read_bytes())
    forged = returned.model_copy(deep=True)
    forged.review.comments[0].text = "Planen er perfekt."
    forged.review.decision = Decision.approved
    (source / "nora/refleksjon.json").write_bytes(
        dump_workbook(with_status(forged, Status.submitted))
    )
    second = _session(source, clock)
    assert second.changed_by_hand() == [
        f"comment:{returned.review.comments[0].comment_id}",
        "decision",
    ]


def test_a_zip_is_never_written_to(tmp_path: Path, clock: Iterator[dt.datetime]) -> None:
    archive = tmp_path / "oppgave.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("Nora_123/refleksjon.json", dump_workbook(_submission()))
    before = archive.read_bytes()
    session = _session(archive, clock, name="Nora_123/refleksjon.json")
    session.add_comment(Section.case, "Hei")
    session.set_decision(Decision.approved)
    path = session.release()
    assert path == tmp_path / "oppgave.zip.reviews/Nora_123/refleksjon.returned.json"
    assert archive.read_bytes() == before
    assert parse_workbook(path.read_bytes()).meta.status is Status.approved


@pytest.mark.parametrize("name", ["../utenfor.json", "nora/finnes-ikke.json", "/etc/passwd"])
def test_a_name_that_is_not_a_submission_is_a_clear_problem(
    tmp_path: Path, clock: Iterator[dt.datetime], name: str
) -> None:
    source = _folder(tmp_path, _submission())
    with pytest.raises(InvalidWorkbook) as error:
        _session(source, clock, name=name)
    assert error.value.problems[0].key in ("cohort.unsafe_name", "cohort.member_missing")


def test_a_second_round_under_the_same_name_is_released_too(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    """A learning platform's download: the student's second hand-in replaces the file."""
    source = _folder(tmp_path, _submission())
    first = _session(source, clock)
    first.add_comment(Section.case, "Spør hva hun liker.")
    first.set_decision(Decision.returned)
    returned = parse_workbook(first.release().read_bytes())
    revised = returned.model_copy(deep=True)
    revised.case.likes_to_do = "Danse"
    (source / "nora/refleksjon.json").write_bytes(
        dump_workbook(with_status(revised, Status.submitted))
    )
    second = _session(source, clock)
    earlier = second.earlier_round()
    assert earlier is not None and earlier.workbook.case.likes_to_do == ""
    second.add_comment(Section.case, "Bra!")
    second.set_decision(Decision.approved)
    path = second.release()
    assert parse_workbook(path.read_bytes()).meta.status is Status.approved
    kept = sorted(p.name for p in (source / "nora").iterdir())
    assert len([n for n in kept if n.endswith(".returned.json")]) == 2
    assert len([n for n in kept if n.endswith(".review.json")]) == 2
    reopened = _session(source, clock)
    earlier = reopened.earlier_round()
    assert earlier is not None and earlier.workbook.meta.status is Status.returned
