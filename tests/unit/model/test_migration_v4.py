"""Version 3 → 4: does a supervisor's comment keep the student's reply as the first message of
its thread, and does every goal get an id that stays the same wherever the file is upgraded?"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings

from physioreflect.model import Workbook, dump_workbook, migrate, parse_workbook
from physioreflect.model._migration_v4 import review_threads_and_goal_ids
from tests.strategies import workbooks


def _as_v3(workbook: Workbook) -> dict[str, Any]:
    """The workbook as version 3 wrote it: none of version 4's keys."""
    data: dict[str, Any] = json.loads(dump_workbook(workbook))
    data["meta"]["schema_version"] = 3
    for key in ("submitted", "reviewed"):
        del data["meta"][key]
    for goal in data["plan"]["goals"]:
        del goal["entry_id"]
    if data["review"].pop("course_rubric") is not None:
        data["review"]["rubric"] = {}  # version 3 scored with REFLECT only
    for comment in data["review"]["comments"]:
        replies = comment.pop("replies")
        del comment["anchor"], comment["edited"]
        comment["reply"] = replies[0]["text"] if replies else ""
        comment["replied"] = replies[0]["created"] if replies else None
    return data


def _v3_with_comment(**comment: Any) -> dict[str, Any]:
    data = _as_v3(Workbook.new(title="Kasus", author="Studentnavn"))
    data["review"]["comments"] = [
        {
            "comment_id": "c1",
            "section": "barriers",
            "author": "Veileder",
            "created": "2026-03-12T09:00:00Z",
            "text": "Hva sa legen egentlig?",
            "resolved": False,
            "reply": "",
            "replied": None,
        }
        | comment
    ]
    return data


def _read(data: dict[str, Any]) -> Workbook:
    return parse_workbook(json.dumps(data).encode())


def test_a_reply_becomes_the_first_message_of_the_thread() -> None:
    data = _v3_with_comment(reply="Jeg spurte henne.", replied="2026-03-14T18:32:00Z")
    comment = _read(data).review.comments[0]
    assert [(r.author, r.from_supervisor, r.text) for r in comment.replies] == [
        ("Studentnavn", False, "Jeg spurte henne.")
    ]
    assert comment.replies[0].created.isoformat() == "2026-03-14T18:32:00+00:00"
    assert (comment.anchor, comment.edited) == (None, None)


def test_a_reply_without_its_time_takes_the_comments_time() -> None:
    """It cannot be older than what it answers, and it is not dropped for lacking a time."""
    comment = _read(_v3_with_comment(reply="Svar.")).review.comments[0]
    assert comment.replies[0].created == comment.created


def test_no_reply_is_an_empty_thread() -> None:
    assert _read(_v3_with_comment(reply="   ")).review.comments[0].replies == []


def test_a_damaged_reply_is_reported_not_dropped() -> None:
    data = _v3_with_comment(reply=["not", "text"])
    upgraded = migrate(data)
    assert upgraded["review"]["comments"][0]["reply"] == ["not", "text"]


def test_goals_get_the_same_ids_wherever_the_file_is_upgraded() -> None:
    """The copy handed in and the student's own copy, upgraded apart, can be compared."""
    data = _as_v3(Workbook.new(title="Kasus"))
    data["plan"]["goals"] = [{"activity": "Gå til butikken"}, {"activity": "Bære barnebarn"}]
    first, second = _read(data), _read(json.loads(json.dumps(data)))
    ids = [goal.entry_id for goal in first.plan.goals]
    assert ids == [goal.entry_id for goal in second.plan.goals]
    assert len(set(ids)) == 2
    other = _as_v3(Workbook.new(title="Kasus"))
    other["plan"]["goals"] = data["plan"]["goals"]
    assert [goal.entry_id for goal in _read(other).plan.goals] != ids


def test_times_not_recorded_before_stay_unknown() -> None:
    meta = _read(_v3_with_comment()).meta
    assert (meta.submitted, meta.reviewed) == (None, None)


def test_a_version_3_review_was_scored_with_reflect() -> None:
    data = _v3_with_comment()
    data["review"]["rubric"] = {"reflect.presence": {"level": 4, "note": ""}}
    review = _read(data).review
    assert review.course_rubric is None
    assert review.rubric["reflect.presence"].level == 4


def test_the_input_is_not_changed() -> None:
    data = _v3_with_comment(reply="Svar.")
    before = json.dumps(data, sort_keys=True)
    migrate(data)
    review_threads_and_goal_ids(json.loads(before))
    assert json.dumps(data, sort_keys=True) == before


@settings(max_examples=60, deadline=None)
@given(workbooks())
def test_every_version_3_workbook_upgrades_without_loss(workbook: Workbook) -> None:
    """Everything but the goals' ids and the later replies comes back as it was."""
    upgraded = _read(_as_v3(workbook))
    for before, after in zip(workbook.review.comments, upgraded.review.comments, strict=True):
        assert after.text == before.text
        assert [r.text for r in after.replies] == [r.text for r in before.replies[:1]]
    assert [g.activity for g in upgraded.plan.goals] == [g.activity for g in workbook.plan.goals]
    assert upgraded.case == workbook.case
    assert upgraded.barriers == workbook.barriers
