"""Are invalid workbooks refused with a clear, field-level message in both languages?"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from physioreflect.content import describe_problem, message, ui_catalog
from physioreflect.errors import InvalidWorkbook, Problem
from physioreflect.model import LearningJudgement, Workbook, dump_workbook, parse_workbook
from physioreflect.model._problems import KNOWN_ERROR_TYPES, OWN_VALIDATOR_KEYS


def _base() -> dict[str, Any]:
    workbook = Workbook.new(title="Hofteartrose")
    data: dict[str, Any] = json.loads(dump_workbook(workbook))
    return data


def _problems(data: dict[str, Any]) -> list[Problem]:
    with pytest.raises(InvalidWorkbook) as caught:
        parse_workbook(json.dumps(data).encode(), source="case.json")
    assert caught.value.source == "case.json"
    return caught.value.problems


def _mutated(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    data = _base()
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "key", "nb_fragment", "en_fragment"),
    [
        (
            ("meta", "title"),
            "x" * 201,
            "validation.string_too_long",
            "høyst 200 tegn",
            "at most 200 characters",
        ),
        (
            ("meta", "title"),
            "   ",
            "validation.title_blank",
            "Tittelen kan ikke være tom",
            "cannot be blank",
        ),
        (
            ("meta", "status"),
            "finished",
            "validation.enum",
            "er ikke et av valgene",
            "is not one of the choices",
        ),
        (
            ("meta", "created"),
            "2026-03-01T10:00:00",
            "validation.timezone_aware",
            "tidssone",
            "time zone",
        ),
        (("meta", "id"), "../../etc/passwd", "validation.uuid_parsing", "gyldig id", "valid id"),
        (("meta", "revision"), -1, "validation.greater_than_equal", "minst 0", "at least 0"),
        (("case", "age_band"), "47", "validation.enum", "«47»", "“47”"),
        (
            ("case", "condition"),
            "other",
            "validation.condition_other_missing",
            "Beskriv tilstanden",
            "Describe the condition",
        ),
        (("perspective", "conviction"), 11, "validation.less_than_equal", "høyst 10", "at most 10"),
        (
            ("plan", "goals"),
            [{"entry_id": "g1", "activity": "Gå trapper", "baseline": 6, "target": 3}],
            "validation.target_below_baseline",
            "lavere enn utgangspunktet",
            "lower than the",
        ),
        (
            ("plan", "follow_up"),
            "next tuesday",
            "validation.date_from_datetime_parsing",
            "ÅÅÅÅ-MM-DD",
            "YYYY-MM-DD",
        ),
        (
            ("review", "rubric"),
            {"reflect.learning": {"level": 4, "note": "Ny praksis"}},
            "validation.learning_is_a_judgement",
            "transformerende eller bekreftende",
            "transformative or confirmatory",
        ),
        (
            ("plan", "pain_rule", "model"),
            "pacing",
            "validation.enum",
            "er ikke et av valgene",
            "is not one of the choices",
        ),
        (
            ("case", "unexpected"),
            "kept",
            "validation.extra_forbidden",
            "Ukjent felt",
            "Unknown field",
        ),
    ],
)
def test_field_level_message_in_both_languages(
    path: tuple[str, ...], value: Any, key: str, nb_fragment: str, en_fragment: str
) -> None:
    problems = _problems(_mutated(path, value))
    assert [p.key for p in problems] == [key]
    nb = describe_problem(problems[0], "nb")
    en = describe_problem(problems[0], "en")
    assert nb_fragment in nb
    assert en_fragment in en
    assert nb != en


def test_learning_judgement_beside_the_rubric_is_valid() -> None:
    """Is learning judged on its own accepted, next to criteria scored 1–4?"""
    data = _base()
    data["review"]["rubric"] = {"reflect.presence": {"level": 3, "note": ""}}
    data["review"]["learning"] = "confirmatory"
    data["review"]["learning_note"] = "Bekrefter det du visste om dosering."
    workbook = parse_workbook(json.dumps(data).encode())
    assert workbook.review.learning is LearningJudgement.confirmatory
    assert list(workbook.review.rubric) == ["reflect.presence"]


def test_location_is_named_in_words() -> None:
    """Does the message say where, in the user's language, counting entries from 1?"""
    data = _base()
    data["plan"]["goals"] = [
        {"entry_id": "g1", "activity": "Gå tur", "baseline": 2, "target": 6},
        {"entry_id": "g2", "activity": "Bære handleposer", "baseline": 3, "target": 12},
    ]
    problem = _problems(data)[0]
    assert describe_problem(problem, "en").startswith("Plan › Goals (PSFS) › no. 2 › Target:")
    assert describe_problem(problem, "nb").startswith("Plan › Mål (PSFS) › nr. 2 › Mål:")


def test_every_violation_is_reported_not_just_the_first() -> None:
    data = _base()
    data["meta"]["status"] = "nope"
    data["case"]["duration"] = "forever"
    data["perspective"]["conviction"] = -3
    assert len(_problems(data)) == 3


def test_unknown_key_is_reported_and_not_dropped() -> None:
    data = _base()
    data["meta"]["supervisor_note"] = "important"
    problems = _problems(copy.deepcopy(data))
    assert problems[0].loc == ("meta", "supervisor_note")


def test_every_message_key_the_model_can_produce_exists_in_both_languages() -> None:
    catalog = ui_catalog()
    keys = {f"validation.{t}" for t in KNOWN_ERROR_TYPES | OWN_VALIDATOR_KEYS}
    keys |= {"validation.invalid", "validation.schema_version_missing"}
    for key in keys:
        assert key in catalog, key
        assert message(key, "nb") != message(key, "en") or key == "validation.invalid"


def test_exact_ages_and_birth_dates_have_no_place_to_go() -> None:
    """The case section only takes an age band; an exact age is refused."""
    problems = _problems(_mutated(("case", "age"), 47))
    assert problems[0].key == "validation.extra_forbidden"


def _with_entry(kind: str, **fields: Any) -> dict[str, Any]:
    data = _base()
    data[kind] = [
        {"entry_id": "e1", "label": "Egen", "theme": "physical", "com_b": "physical_capability"}
        | fields
    ]
    return data


def test_a_technique_is_a_bct_number_chosen_once() -> None:
    """Is a barrier's technique refused when it is no BCT number or chosen twice, saying why
    on the field?"""
    parse_workbook(json.dumps(_with_entry("barriers", techniques=["1.1", "16.3"])).encode())
    (wrong,) = _problems(_with_entry("barriers", techniques=["1.1", "17.1"]))
    assert (wrong.key, wrong.loc) == (
        "validation.string_pattern_mismatch",
        ("barriers", 0, "techniques", 1),
    )
    (twice,) = _problems(_with_entry("barriers", techniques=["8.7", "8.7"]))
    assert (twice.key, twice.loc) == (
        "validation.duplicate_technique",
        ("barriers", 0, "techniques"),
    )
    assert "to ganger" in describe_problem(twice, "nb")
    assert "twice" in describe_problem(twice, "en")


def test_each_kind_has_its_own_scale() -> None:
    """A facilitator is rated for how much we can build on it, a barrier for how easy it is
    to change; neither takes the other's scale."""
    parse_workbook(json.dumps(_with_entry("facilitators", build_on=5)).encode())
    parse_workbook(json.dumps(_with_entry("barriers", modifiability=5)).encode())
    for kind, scale in (("facilitators", "modifiability"), ("barriers", "build_on")):
        (problem,) = _problems(_with_entry(kind, **{scale: 3}))
        assert (problem.key, problem.loc) == ("validation.extra_forbidden", (kind, 0, scale))
    (problem,) = _problems(_with_entry("facilitators", techniques=["1.1"]))
    assert problem.loc == ("facilitators", 0, "techniques")
