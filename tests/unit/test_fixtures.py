"""Are the bundled examples realistic and varied, and the synthetic cohort reproducible?"""

from __future__ import annotations

import json

from physioreflect.content import library
from physioreflect.fixtures import sample_paths, sample_workbooks, synthetic_workbooks
from physioreflect.model import (
    CURRENT_SCHEMA_VERSION,
    LEARNING_CRITERION,
    Language,
    Status,
    Workbook,
    dump_workbook,
    parse_workbook,
)


def test_examples_cover_languages_statuses_and_review(samples: list[Workbook]) -> None:
    assert len(samples) >= 4
    assert {s.meta.language for s in samples} == {Language.nb, Language.en}
    assert len({s.meta.status for s in samples}) >= 3
    assert any(s.review.comments for s in samples)
    assert len({s.case.condition for s in samples}) >= 4


def test_examples_are_deidentified(samples: list[Workbook]) -> None:
    for workbook in samples:
        assert workbook.case.case_label
        assert workbook.case.age_band is not None


def test_synthetic_is_deterministic_and_varied() -> None:
    first = [dump_workbook(w) for w in synthetic_workbooks(40, seed=3)]
    assert first == [dump_workbook(w) for w in synthetic_workbooks(40, seed=3)]
    assert first != [dump_workbook(w) for w in synthetic_workbooks(40, seed=4)]
    statuses = {w.meta.status for w in synthetic_workbooks(200, seed=3)}
    assert statuses == set(Status)


def test_sample_workbooks_are_parsed_fresh_each_time() -> None:
    assert sample_workbooks() == sample_workbooks()


def test_examples_are_marked_as_examples_so_their_pdfs_say_so(samples: list[Workbook]) -> None:
    from physioreflect.export import summary_data  # noqa: PLC0415 - only this test needs it

    for workbook in samples:
        assert workbook.meta.is_example, workbook.meta.title
    assert summary_data(samples[0])["title_block"]["example_note"] == (
        "Eksempel: et oppdiktet kasus, ikke en virkelig pasient."
    )


def test_examples_hold_up_clinically(samples: list[Workbook]) -> None:
    """The slips an educator would stop at: red flags, older adults, numbers that add up."""
    by_condition = {w.case.condition.value: w for w in samples if w.case.condition}
    back = by_condition["low_back_pain_chronic"].plan.flare_up_plan
    for words in ("seteregionen", "urin eller avføring", "legevakt", "samme dag"):
        assert words in back, words
    gardener = by_condition["osteoarthritis_knee"].plan
    assert any("balanse" in (a.type_note + a.name).lower() for a in gardener.activities)
    assert "trimsykkel" not in gardener.flare_up_plan.lower()
    walk = gardener.activities[0]
    per_walk = [m // (walk.frequency_per_week or 1) for m in walk.weekly_minutes]
    assert (per_walk[0], per_walk[3], per_walk[7]) == (15, 20, 25)
    assert "uke 4" in walk.progression_note and "uke 8" in walk.progression_note
    for workbook in samples:
        for activity in workbook.plan.activities:
            if (
                activity.frequency_per_week
                and activity.minutes_per_session
                and (
                    "each way" in activity.progression_note
                    or "hver vei" in activity.progression_note
                )
            ):
                first = activity.weekly_minutes[0]
                assert first == 2 * activity.frequency_per_week * activity.minutes_per_session


def test_examples_are_stored_in_the_current_format() -> None:
    """Are the bundled files written as the current version writes them, not upgraded on
    every read?"""
    for path in sample_paths():
        raw = path.read_bytes()
        assert json.loads(raw)["meta"]["schema_version"] == CURRENT_SCHEMA_VERSION, path.name
        assert dump_workbook(parse_workbook(raw)) == raw, path.name


def test_reviewed_examples_judge_learning_apart_from_the_rubric(samples: list[Workbook]) -> None:
    """Does every example with rubric scores judge learning as transformative/confirmatory?"""
    scored = [w for w in samples if w.review.rubric]
    assert scored
    for workbook in scored:
        assert LEARNING_CRITERION not in workbook.review.rubric
        assert workbook.review.learning is not None, workbook.meta.title
        assert workbook.review.learning_note.strip(), workbook.meta.title


def test_synthetic_pain_rules_follow_the_condition() -> None:
    defaults = library().plan.pain_rule_defaults
    for workbook in synthetic_workbooks(60, seed=1):
        if workbook.case.condition is not None:
            assert workbook.plan.pain_rule.model is defaults[workbook.case.condition]
