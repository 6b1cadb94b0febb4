"""Does the patient's handout hold the plan agreed, in plain words, and nothing else?"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from physioreflect.content import describe_error, library
from physioreflect.errors import HandoutRefused
from physioreflect.fixtures import synthetic_workbooks
from physioreflect.model import (
    Condition,
    ForPatient,
    Intensity,
    PainRule,
    PainRuleModel,
    PlannedActivity,
    Workbook,
)
from physioreflect.render import HANDOUT_BLANK, handout_data
from tests.strategies import workbooks
from tests.unit.render.handout_markers import with_markers


def _plan(**changes: Any) -> Workbook:
    workbook = Workbook.new(title="Kasus", condition=Condition.osteoarthritis_knee)
    workbook.plan.activities = [
        PlannedActivity(
            entry_id="a1",
            idea_id="walking",
            name="Rask gange",
            frequency_per_week=5,
            minutes_per_session=15,
            intensity=Intensity.moderate,
            weekly_minutes=[75, 75, 0, 90],
        )
    ]
    for name, value in changes.items():
        setattr(workbook.plan, name, value)
    return workbook


def _all_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


# ── what it holds, and what it never holds ────────────────────────────────────────────────────
def _check_markers(workbook: Workbook) -> None:
    marked = with_markers(workbook)
    text = _all_text(handout_data(marked.workbook))
    leaked = {marker: field for marker, field in marked.excluded.items() if marker in text}
    assert not leaked, leaked
    missing = {marker: field for marker, field in marked.printed.items() if marker not in text}
    assert not missing, missing


def test_no_excluded_text_of_any_example_reaches_the_handout(samples: list[Workbook]) -> None:
    """A marker in every field of every example: only the goals, the activities' names, the
    texts for the patient (and the graded steps, when that rule is chosen) come through."""
    for workbook in samples:
        _check_markers(workbook)


def test_no_excluded_text_of_synthetic_workbooks_reaches_the_handout() -> None:
    for workbook in synthetic_workbooks(120, seed=14):
        _check_markers(workbook)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_no_excluded_text_of_any_workbook_reaches_the_handout(workbook: Workbook) -> None:
    _check_markers(workbook)


def test_the_markers_cover_every_excluded_kind_of_text(samples: list[Workbook]) -> None:
    """Is the check above looking where it should: notes, reflections, quotes, barriers,
    review, title, author?"""
    fields = set(with_markers(samples[3]).excluded.values())
    for expected in (
        "meta.title",
        "meta.author",
        "case.case_label",
        "case.patient_quotes.0",
        "barriers.0.label",
        "barriers.0.patient_words",
        "plan.flare_up_plan",
        "plan.expectations",
        "plan.pain_rule.note",
        "plan.activities.0.progression_note",
        "plan.activities.0.intensity_note",
        "reflection.what",
        "review.overall_feedback",
        "review.comments.0.text",
        "review.reviewer",
    ):
        assert expected in fields, expected


def test_the_document_has_the_plain_title_and_no_author(samples: list[Workbook]) -> None:
    assert handout_data(samples[0])["document"]["title"] == "Min aktivitetsplan"
    assert handout_data(samples[0], lang="en")["document"]["title"] == "My activity plan"
    assert "author" not in handout_data(samples[0])["document"]


# ── refused ─────────────────────────────────────────────────────────────────────────────────
def test_a_plan_without_activities_is_refused_with_the_reason() -> None:
    with pytest.raises(HandoutRefused) as refused:
        handout_data(Workbook.new(title="Kasus"))
    assert refused.value.params["reason"] == "handout_no_activities"
    assert "no activities" in describe_error(refused.value, "en")
    assert "ingen aktiviteter" in describe_error(refused.value, "nb")


def test_personal_data_in_a_printed_field_blocks_the_handout_with_its_findings() -> None:
    workbook = _plan(for_patient=ForPatient(note="Ring meg på 912 34 567 om noe skjer."))
    with pytest.raises(HandoutRefused) as refused:
        handout_data(workbook)
    assert refused.value.params["reason"] == "handout_personal_data"
    assert [(f.text, f.field) for f in refused.value.findings] == [
        ("912 34 567", "plan.for_patient.note")
    ]
    assert "1 possible piece of personal data" in describe_error(refused.value, "en")


def test_personal_data_the_handout_does_not_print_does_not_block_it() -> None:
    workbook = _plan(flare_up_plan="Hun heter Kari, tlf. 912 34 567.")
    workbook.reflection.what = "Kari Nordmann (52) kom til første time."
    assert handout_data(workbook)["title"] == "Min aktivitetsplan"


# ── the parts ────────────────────────────────────────────────────────────────────────────────
def test_fixed_text_follows_the_chosen_language_and_the_clinicians_text_stays() -> None:
    workbook = _plan(for_patient=ForPatient(flare_up="Gå kortere turer."))
    english = handout_data(workbook, lang="en")
    assert english["lang"] == "en"
    assert english["activities"]["title"] == "What I will do"
    assert english["texts"][0]["paragraphs"][0]["text"] == "Gå kortere turer."
    # A catalogue idea not renamed is named in the handout's language.
    assert english["activities"]["items"][0]["name"] == "Brisk walking"
    assert handout_data(workbook)["activities"]["items"][0]["name"] == "Rask gange"


def test_an_activity_says_how_often_how_long_and_how_hard_in_everyday_words() -> None:
    workbook = _plan()
    workbook.plan.activities.append(
        PlannedActivity(
            entry_id="a2",
            idea_id="resistance_bands",
            name="Strikk",
            name_edited=True,
            frequency_per_week=1,
            intensity=Intensity.moderate,
        )
    )
    walk, bands = handout_data(workbook, lang="en")["activities"]["items"]
    assert [row["text"] for row in walk["rows"]] == [
        "5 times a week",
        "15 minutes each time",
        "You can talk, but not sing.",
    ]
    assert [row["text"] for row in bands["rows"]] == [
        "Once a week",
        None,
        "The last repetitions feel heavy.",
    ]
    assert bands["name"] == "Strikk"


def test_weeks_without_minutes_are_left_to_fill_in() -> None:
    weeks = handout_data(_plan())["weeks"]
    assert weeks["week_labels"][0] == "Uke 1"
    assert weeks["week_labels"][-1] == "Uke 12"
    assert weeks["rows"][0]["minutes"] == [75, 75, None, 90, *[None] * 8]
    assert weeks["start_label"] == "Startdato"


@pytest.mark.parametrize(
    ("ceiling", "zones"),
    [
        (5, [("green", "0 to 2"), ("yellow", "3 to 5"), ("red", "6 to 10")]),
        (3, [("green", "0 to 2"), ("yellow", "3"), ("red", "4 to 10")]),
        (2, [("green", "0 to 2"), ("red", "3 to 10")]),
        (9, [("green", "0 to 2"), ("yellow", "3 to 9"), ("red", "10")]),
        (10, [("green", "0 to 2"), ("yellow", "3 to 10")]),
        (
            None,
            [
                ("green", "0 to 2"),
                ("yellow", f"3 to {HANDOUT_BLANK}"),
                ("red", f"{HANDOUT_BLANK} to 10"),
            ],
        ),
    ],
)
def test_the_traffic_light_turns_red_above_the_workbooks_own_ceiling(
    ceiling: int | None, zones: list[tuple[str, str]]
) -> None:
    rule = PainRule(max_pain_during=ceiling, next_morning_rule=True)
    pain = handout_data(_plan(pain_rule=rule), lang="en")["pain"]
    assert pain["kind"] == "zones"
    assert [(zone["key"], zone["range"]) for zone in pain["zones"]] == zones
    assert all(zone["word"] and zone["text"] for zone in pain["zones"])
    assert pain["lines"] == [
        "The pain should settle by the next morning.",
        "Is it worse the next morning? Go back to what you did the week before. Don't stop.",
    ]
    assert pain["hurt"] == "Hurt does not mean harm."


def test_the_week_to_week_rule_is_printed_only_when_agreed() -> None:
    agreed = PainRule(max_pain_during=5, week_to_week_rule=True)
    assert handout_data(_plan(pain_rule=agreed))["pain"]["lines"] == [
        "Smerten skal ikke øke fra uke til uke."
    ]


def test_graded_activity_has_its_own_layout() -> None:
    rule = PainRule(
        model=PainRuleModel.graded_activity,
        baseline="10 minutter gange",
        increase_step="",
        max_pain_during=5,
        note="Diskutere med veileder.",
    )
    pain = handout_data(_plan(pain_rule=rule))["pain"]
    assert pain["kind"] == "steps"
    assert pain["zones"] == []
    assert pain["steps"] == [
        {"label": "Start med", "text": "10 minutter gange"},
        {"label": "Øk med", "text": None},
    ]
    assert "Følg planen, ikke dagsformen." in pain["lines"]
    assert "Diskutere" not in _all_text(pain)


def test_a_rule_of_ones_own_leaves_lines_to_write_it_on() -> None:
    rule = PainRule(model=PainRuleModel.custom, note="Han får kjenne etter selv.")
    pain = handout_data(_plan(pain_rule=rule), lang="en")["pain"]
    assert (pain["kind"], pain["lines"], pain["blank_lines"]) == (
        "own",
        ["This is what we agreed:"],
        3,
    )
    assert "kjenne" not in _all_text(pain)


def test_the_next_appointment_is_prefilled_with_the_follow_up_date() -> None:
    workbook = _plan(follow_up=dt.date(2026, 3, 24))
    rows = {row["label"]: row["text"] for row in handout_data(workbook)["write_in"]}
    assert rows == {
        "Navn": None,
        "Fysioterapeut": None,
        "Telefon": None,
        "Neste time": "24. mars 2026",
    }
    english = {row["label"]: row["text"] for row in handout_data(workbook, lang="en")["write_in"]}
    assert english["Next appointment"] == "24 March 2026"


def test_texts_for_the_patient_and_the_side_benefits_in_plain_words() -> None:
    workbook = _plan(
        for_patient=ForPatient(what_to_expect="Litt bedre.", note="Lykke til!"),
        side_benefits=["sleep", "lifestyle_disease"],
    )
    data = handout_data(workbook)
    flare_up, expect = data["texts"]
    assert flare_up["paragraphs"] == [] and flare_up["blank_lines"] == 3
    assert expect["items"] == ["bedre søvn", "mindre fare for sykdom som diabetes og hjertesykdom"]
    assert data["note"] == {
        "title": "Til deg",
        "paragraphs": [{"text": "Lykke til!", "rtl": False}],
    }
    assert handout_data(_plan())["note"] is None
    assert [part["id"] for part in handout_data(_plan())["texts"]] == ["flare_up"]


# ── when to get help, by condition ───────────────────────────────────────────────────────────
def _help(condition: Condition | None) -> dict[str, list[str]]:
    workbook = _plan()
    other = "Hælsmerter" if condition is Condition.other else ""
    workbook.case = workbook.case.model_copy(
        update={"condition": condition, "condition_other": other}
    )
    return {g["id"]: g["items"] for g in handout_data(workbook, lang="en")["help"]["groups"]}


def test_call_113_and_the_physiotherapist_are_on_every_handout() -> None:
    for condition in [*Condition, None]:
        groups = _help(condition)
        assert groups["emergency"] == ["get chest pain", "faint", "find it very hard to breathe"]
        assert groups["physiotherapist"] == [
            "the pain gets worse from week to week",
            "a flare-up lasts more than one or two weeks",
        ]
        assert "get a swollen and sore calf" in groups["same_day"]


@pytest.mark.parametrize(
    "condition", [Condition.low_back_pain_acute, Condition.low_back_pain_chronic]
)
def test_low_back_pain_names_the_signs_of_a_pressed_nerve_root(condition: Condition) -> None:
    same_day = _help(condition)["same_day"]
    assert "go numb around your bottom or between your legs" in same_day
    assert "notice changes in your bladder or bowels" in same_day
    assert "get new weakness in your legs" in same_day
    assert "get a hot, swollen joint and a fever" not in same_day


@pytest.mark.parametrize(
    "condition",
    [Condition.osteoarthritis_hip, Condition.osteoarthritis_knee, Condition.shoulder_pain],
)
def test_joint_conditions_name_a_hot_swollen_joint(condition: Condition) -> None:
    same_day = _help(condition)["same_day"]
    assert "get a hot, swollen joint and a fever" in same_day
    assert "get new weakness in your legs" not in same_day


def test_without_a_known_condition_every_sign_is_printed() -> None:
    every = sum(len(group.items) for group in library().handout.help)
    for condition in (None, Condition.other):
        assert sum(map(len, _help(condition).values())) == every


def test_the_signs_are_cited() -> None:
    data = handout_data(_plan(), lang="en")
    sources = " ".join(data["sources"])
    for cited in (
        "American College of Sports Medicine (2021)",
        "Helsenorge",
        "Mathews et al. (2010)",
    ):
        assert cited in sources
    assert "Finucane" not in sources  # the back-pain signs are not printed for a knee
    workbook = _plan()
    workbook.case.condition = Condition.low_back_pain_chronic
    assert any("Finucane mfl. (2020)" in s for s in handout_data(workbook)["sources"])
