"""Version 2 → 3: does a pain rule keep its model, and does a learning score become a note
for the supervisor's judgement instead of being lost or guessed?"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from physioreflect.model import (
    CURRENT_SCHEMA_VERSION,
    LEARNING_CRITERION,
    PainRuleModel,
    Workbook,
    dump_workbook,
    migrate,
    parse_workbook,
)
from physioreflect.model._migration_v3 import LEARNING_SCORE_NOTE
from tests.strategies import texts, workbooks

_NEW_PAIN_RULE_KEYS = ("week_to_week_rule", "baseline", "increase_step")
_NEW_REVIEW_KEYS = ("learning", "learning_note")


def _as_v2(workbook: Workbook) -> dict[str, Any]:
    """The workbook as version 2 wrote it: none of version 3's keys."""
    data: dict[str, Any] = json.loads(dump_workbook(workbook))
    data["meta"]["schema_version"] = 2
    for key in _NEW_PAIN_RULE_KEYS:
        del data["plan"]["pain_rule"][key]
    for key in _NEW_REVIEW_KEYS:
        del data["review"][key]
    return data


def _v2(language: str = "nb", **review: Any) -> dict[str, Any]:
    data = _as_v2(Workbook.new(title="Kasus"))
    data["meta"]["language"] = language
    data["review"].update(review)
    return data


def _read(data: dict[str, Any]) -> Workbook:
    return parse_workbook(json.dumps(data).encode())


@pytest.mark.parametrize("model", ["pain_monitoring_model", "custom"])
def test_a_version_2_pain_rule_keeps_its_model(model: str) -> None:
    """Is the rule as it was, with the week-to-week rule not claimed as agreed?"""
    data = _v2()
    data["plan"]["pain_rule"].update(
        model=model, max_pain_during=5, next_morning_rule=True, note="Tilbake til forrige uke."
    )
    rule = _read(data).plan.pain_rule
    assert rule.model is PainRuleModel(model)
    assert (rule.max_pain_during, rule.next_morning_rule) == (5, True)
    assert rule.note == "Tilbake til forrige uke."
    assert (rule.week_to_week_rule, rule.baseline, rule.increase_step) == (False, "", "")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_learning_score_becomes_a_note_in_the_workbooks_language(language: str) -> None:
    """Does the level and the supervisor's note survive, without guessing a judgement?"""
    data = _v2(
        language,
        rubric={
            LEARNING_CRITERION: {"level": 3, "note": "Du har endret syn på hva som er trening."},
            "reflect.presence": {"level": 2, "note": "Skriv mer om deg selv."},
        },
    )
    review = _read(data).review
    assert review.learning is None, "a level 1–4 says nothing about transformative/confirmatory"
    assert list(review.rubric) == ["reflect.presence"]
    assert review.rubric["reflect.presence"].note == "Skriv mer om deg selv."
    assert review.learning_note == (
        LEARNING_SCORE_NOTE[language].format(level=3)
        + "\n\nDu har endret syn på hva som er trening."
    )
    assert ("nivå 3 av 4" if language == "nb" else "level 3 of 4") in review.learning_note


def test_a_learning_score_without_a_note_still_keeps_its_level() -> None:
    review = _read(_v2("en", rubric={LEARNING_CRITERION: {"level": 2}})).review
    assert review.learning_note == LEARNING_SCORE_NOTE["en"].format(level=2)


def test_a_review_without_a_learning_score_is_left_as_it_was() -> None:
    review = _read(_v2(rubric={"reflect.analysis": {"level": 4, "note": ""}})).review
    assert (review.learning, review.learning_note) == (None, "")
    assert list(review.rubric) == ["reflect.analysis"]


def test_a_damaged_learning_score_is_reported_not_dropped() -> None:
    """Is a score the migration cannot read left for validation to name?"""
    data = _v2(rubric={LEARNING_CRITERION: {"level": "high", "note": "?"}})
    upgraded = migrate(data)
    assert upgraded["review"]["rubric"][LEARNING_CRITERION] == {"level": "high", "note": "?"}
    assert "learning_note" not in upgraded["review"]


def test_a_version_1_file_is_upgraded_through_every_step() -> None:
    """Does a version-1 file with a learning score and a catalogue barrier reach the current
    version?"""
    data = _v2(
        "en",
        rubric={LEARNING_CRITERION: {"level": 4, "note": "Transformative: new practice."}},
    )
    data["meta"]["schema_version"] = 1
    data["barriers"] = [
        {
            "entry_id": "b1",
            "catalogue_id": "pain",
            "label": "Smerte",
            "theme": "physical",
            "com_b": "physical_capability",
        }
    ]
    workbook = _read(data)
    assert workbook.meta.schema_version == CURRENT_SCHEMA_VERSION
    assert workbook.barriers[0].label_edited is False
    assert workbook.review.rubric == {}
    assert workbook.review.learning_note.endswith("\n\nTransformative: new practice.")
    assert workbook.plan.pain_rule.model is PainRuleModel.pain_monitoring_model


def test_the_input_is_not_changed() -> None:
    data = _v2(rubric={LEARNING_CRITERION: {"level": 1, "note": ""}})
    before = json.dumps(data, sort_keys=True)
    migrate(data)
    assert json.dumps(data, sort_keys=True) == before


@given(workbooks(), st.none() | st.tuples(st.integers(1, 4), texts))
@settings(max_examples=80, deadline=None)
def test_every_version_2_workbook_upgrades_without_loss(
    workbook: Workbook, learning_score: tuple[int, str] | None
) -> None:
    """Is any version-2 workbook the same after the upgrade, apart from its learning score?"""
    rule = workbook.plan.pain_rule
    # What version 2 could hold: no graded activity, none of the new fields.
    workbook.plan.pain_rule = rule.model_copy(
        update={
            "model": PainRuleModel.custom
            if rule.model is PainRuleModel.graded_activity
            else rule.model,
            "week_to_week_rule": False,
            "baseline": "",
            "increase_step": "",
        }
    )
    workbook.review.learning = None
    workbook.review.learning_note = ""
    data = _as_v2(workbook)
    if learning_score is not None:
        level, note = learning_score
        data["review"]["rubric"][LEARNING_CRITERION] = {"level": level, "note": note}
    upgraded = _read(data)
    if learning_score is None:
        assert upgraded == workbook
        return
    level, note = learning_score
    said = LEARNING_SCORE_NOTE[workbook.meta.language.value].format(level=level)
    assert upgraded.review.learning is None
    assert upgraded.review.learning_note.startswith(said)
    assert note.strip() in upgraded.review.learning_note
    upgraded.review.learning_note = ""
    assert upgraded == workbook
