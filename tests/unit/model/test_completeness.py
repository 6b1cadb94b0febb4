"""Is completeness computed per section, from required items, and lenient with odd data?"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from physioreflect.content import library
from physioreflect.model import (
    Section,
    Workbook,
    completeness,
    dump_workbook,
    overall_completeness,
)
from tests.strategies import workbooks

PROMPTS = ("inside.a", "inside.b")


def test_new_workbook_is_incomplete_everywhere() -> None:
    data = json.loads(dump_workbook(Workbook.new(title="x")))
    sections = completeness(data, required_prompts=PROMPTS)
    assert set(sections) == {
        Section.case,
        Section.perspective,
        Section.barriers,
        Section.facilitators,
        Section.plan,
        Section.reflection,
    }
    assert all(s.fraction == 0 for s in sections.values())
    assert overall_completeness(sections) == 0


def test_required_prompts_decide_perspective_completeness() -> None:
    data: dict[str, Any] = json.loads(dump_workbook(Workbook.new(title="x")))
    data["perspective"]["answers"] = {"inside.a": {"text": "Hun liker å gå", "marker": None}}
    section = completeness(data, required_prompts=PROMPTS)[Section.perspective]
    assert (section.required_done, section.required_total) == (1, 3)
    assert [item.id for item in section.missing] == ["prompt:inside.b", "perspective.conviction"]


def test_blank_text_does_not_count_as_answered() -> None:
    data: dict[str, Any] = json.loads(dump_workbook(Workbook.new(title="x")))
    data["reflection"]["what"] = "   \n"
    assert completeness(data, required_prompts=())[Section.reflection].required_done == 0


def test_samples_that_claim_to_be_finished_are_complete(samples: list[Workbook]) -> None:
    required = library().required_prompt_ids()
    finished = [s for s in samples if s.meta.status.value in ("submitted", "approved")]
    assert finished
    for workbook in finished:
        sections = completeness(workbook.to_json_dict(), required_prompts=required)
        missing = {s.value: [i.id for i in c.missing] for s, c in sections.items() if c.missing}
        assert not missing, f"{workbook.meta.title}: {missing}"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=20,
)


@given(
    st.dictionaries(
        st.sampled_from(
            ["meta", "case", "perspective", "barriers", "plan", "facilitators", "reflection"]
        ),
        json_values,
    )
)
@settings(max_examples=200, deadline=None)
def test_any_json_gives_a_fraction_never_an_error(data: dict[str, Any]) -> None:
    sections = completeness(data, required_prompts=PROMPTS)
    assert all(0 <= s.fraction <= 1 for s in sections.values())


def _plan_missing(pain_rule: dict[str, Any]) -> list[str]:
    data: dict[str, Any] = json.loads(dump_workbook(Workbook.new(title="x")))
    data["plan"]["pain_rule"].update(pain_rule)
    return [item.id for item in completeness(data, required_prompts=())[Section.plan].missing]


def test_graded_activity_counts_when_it_has_a_baseline() -> None:
    """Is a graded-activity rule agreed once its baseline is written, without a pain limit?"""
    assert "plan.pain_rule" in _plan_missing({"model": "graded_activity"})
    assert "plan.pain_rule" in _plan_missing({"model": "graded_activity", "baseline": "  "})
    assert "plan.pain_rule" not in _plan_missing(
        {"model": "graded_activity", "baseline": "10 minutters gange, også på dårlige dager"}
    )


def test_pain_monitoring_model_counts_with_its_limit() -> None:
    assert "plan.pain_rule" not in _plan_missing({"max_pain_during": 5})
    assert "plan.pain_rule" in _plan_missing({"next_morning_rule": True})


def test_a_field_of_the_rule_not_chosen_does_not_count() -> None:
    """Does a pain limit left from the pain-monitoring model not complete graded activity?"""
    assert "plan.pain_rule" in _plan_missing({"model": "graded_activity", "max_pain_during": 5})
    assert "plan.pain_rule" in _plan_missing({"model": "custom", "max_pain_during": 5})
    assert "plan.pain_rule" not in _plan_missing({"model": "custom", "note": "Egen avtale."})


def _both_ways(workbook: Workbook, prompts: tuple[str, ...]) -> None:
    from physioreflect.model import completeness_counts  # noqa: PLC0415

    as_json = json.loads(dump_workbook(workbook))
    assert completeness(workbook, required_prompts=prompts) == completeness(
        as_json, required_prompts=prompts
    )
    assert completeness_counts(workbook, required_prompts=prompts) == completeness_counts(
        as_json, required_prompts=prompts
    )


@settings(max_examples=150, deadline=None)
@given(
    workbook=workbooks(),
    prompts=st.lists(st.sampled_from(["inside.a", "inside.b", "outside.c", "x"]), max_size=3),
)
def test_a_validated_workbook_is_as_complete_as_its_json_form(
    workbook: Workbook, prompts: list[str]
) -> None:
    _both_ways(workbook, tuple(prompts))


def test_samples_and_synthetic_workbooks_are_as_complete_either_way(
    samples: list[Workbook],
) -> None:
    from physioreflect.fixtures import synthetic_workbooks  # noqa: PLC0415

    prompts = tuple(library().required_prompt_ids())
    for workbook in [*samples, *synthetic_workbooks(40, seed=7)]:
        # Answers to prompts the set lacks, and a set that lacks the answered ones.
        _both_ways(workbook, prompts)
        _both_ways(workbook, ())


def _missing_in(section: Section, **entries: list[dict[str, Any]]) -> list[str]:
    data: dict[str, Any] = json.loads(dump_workbook(Workbook.new(title="x")))
    data.update(entries)
    return [item.id for item in completeness(data, required_prompts=())[section].missing]


def _entry(**fields: Any) -> dict[str, Any]:
    return {"entry_id": "e", "label": "x", "theme": "physical", "com_b": "physical_capability"} | (
        fields
    )


def test_every_barrier_must_say_whether_the_patient_told_me_or_i_assumed_it() -> None:
    """Is a barrier whose source is unset (a new one) asked for, until every one has it?"""
    told, unset = _entry(source="patient_reported"), _entry(source=None)
    assumed = _entry(source="therapist_inferred")
    assert "barriers.source" in _missing_in(Section.barriers, barriers=[])
    assert "barriers.source" in _missing_in(Section.barriers, barriers=[told, unset])
    assert "barriers.source" not in _missing_in(Section.barriers, barriers=[told, assumed])
    assert "facilitators.source" in _missing_in(Section.facilitators, facilitators=[unset])
    assert "facilitators.source" not in _missing_in(
        Section.facilitators, facilitators=[assumed, told]
    )


def test_techniques_chosen_from_the_taxonomy_count_as_a_strategy() -> None:
    assert "barriers.strategies" in _missing_in(Section.barriers, barriers=[_entry()])
    assert "barriers.strategies" not in _missing_in(
        Section.barriers, barriers=[_entry(techniques=["1.1"])]
    )


def test_facilitators_need_no_rating_but_barriers_do() -> None:
    rated = _entry(source="patient_reported", impact=3)
    assert "barriers.rated" in _missing_in(Section.barriers, barriers=[rated])
    assert _missing_in(Section.facilitators, facilitators=[rated]) == []
