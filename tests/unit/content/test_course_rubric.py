"""Is a course's own rubric validated on load, with every problem naming its line, in both
languages, whatever number of levels it has?"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from physioreflect.content import describe_problem, library, load_rubric, parse_rubric
from physioreflect.errors import ContentError
from physioreflect.model import CourseRubric, Review, RubricScore

THREE_LEVELS = """\
id: fys2100-reflection
title: {nb: "FYS2100: refleksjon", en: "FYS2100: reflection"}
sources: [wald2012]
criteria:
  - id: perspective
    label: {nb: Pasientens perspektiv, en: The patient's perspective}
    descriptors:
      1: {nb: Nevner pasienten., en: Mentions the patient.}
      3: {nb: "Ser pasienten innenfra, med egne ord.", en: "Sees the patient from the inside."}
  - id: bias
    label: {nb: Egen forforståelse, en: One's own preconceptions}
levels:
  - level: 1
    label: {nb: Ikke bestått, en: Not yet}
    descriptor: {nb: Mangler det meste., en: Most of it is missing.}
  - level: 2
    label: {nb: Bestått, en: Pass}
  - level: 3
    label: {nb: Utmerket, en: Excellent}
"""

SIX_LEVELS = """\
id: fys3000
title: {nb: Karakterskala A–F, en: Grades A–F}
criteria:
  - id: whole
    label: {nb: Helhet, en: Overall}
levels:
""" + "".join(
    f"  - level: {n}\n    label: {{nb: '{grade}', en: '{grade}'}}\n"
    for n, grade in enumerate("FEDCBA", start=1)
)

OUTCOMES = """\
id: fys2100-outcomes
title: {nb: Læringsutbytte FYS2100, en: Learning outcomes FYS2100}
references:
  - id: fys2100-plan
    citation: "FYS2100 emneplan, høst (Universitetet, emnebeskrivelse)."
sources: [fys2100-plan]
criteria:
  - id: lu1
    outcome: true
    label:
      nb: Kan utforske pasientens erfaring med trening
      en: Can explore the patient's experience of exercise
  - id: lu2
    outcome: true
    label:
      nb: Kan reflektere over egen rolle
      en: Can reflect on one's own role
levels:
  - level: 1
    label: {nb: Ikke nådd, en: Not reached}
  - level: 2
    label: {nb: Nådd, en: Reached}
learning:
  - id: transformative
    label: {nb: Ny forståelse, en: New understanding}
"""


def _problems(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_rubric(text.encode(), source="rubric.yaml")
    return [describe_problem(p, lang) for p in caught.value.problems]


def test_a_three_level_rubric_with_descriptors_loads(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(THREE_LEVELS, encoding="utf-8")
    rubric = load_rubric(path)
    assert rubric.top_level == 3
    assert rubric.learning == []
    # Its own descriptor first, then the level's general one, else nothing.
    assert rubric.descriptor("perspective", 3, "en") == "Sees the patient from the inside."
    assert rubric.descriptor("perspective", 1, "nb") == "Nevner pasienten."
    assert rubric.descriptor("bias", 1, "en") == "Most of it is missing."
    assert rubric.descriptor("bias", 2, "en") == ""
    assert rubric.descriptor("unknown", 1, "en") == "Most of it is missing."


def test_a_six_level_grade_scale_loads() -> None:
    rubric = parse_rubric(SIX_LEVELS.encode(), source="grades.yaml")
    assert [rubric.level_label(n, "en") for n in range(1, 7)] == list("FEDCBA")
    assert rubric.sources == []


def test_learning_outcomes_as_criteria_with_the_courses_own_source() -> None:
    rubric = parse_rubric(OUTCOMES.encode(), source="outcomes.yaml")
    assert [c.outcome for c in rubric.criteria] == [True, True]
    assert rubric.criterion_label("lu2", "nb") == "Kan reflektere over egen rolle"
    assert [k.id for k in rubric.learning] == ["transformative"]


def test_the_names_a_review_keeps_and_the_levels_they_allow() -> None:
    names = parse_rubric(SIX_LEVELS.encode(), source="grades.yaml").names()
    assert isinstance(names, CourseRubric)
    assert names.top_level == 6
    assert names.level_label(6, "nb") == "A"
    assert names.criterion_label("whole", "en") == "Overall"
    review = Review(rubric={"whole": RubricScore(level=6)}, course_rubric=names)
    assert Review.model_validate(review.model_dump(mode="json")) == review
    # Without the course's rubric, a 6 is above REFLECT's top level.
    with pytest.raises(ValueError, match="level_above_rubric"):
        Review(rubric={"whole": RubricScore(level=6)})


EVERY_MISTAKE = """\
id: reflect
title: {nb: Skjema}
sources: [my-blog]
criteria:
  - id: a
    label: {nb: A, en: A}
    descriptors:
      5: {nb: Fem, en: Five}
  - id: a
    label: {nb: B, en: B}
  - id: reflect.learning
    label: {nb: Læring, en: Learning}
levels:
  - level: 1
    label: {nb: Lav, en: Low}
  - level: 3
    label: {nb: Høy, en: High}
learning:
  - id: deep
    label: {nb: Dyp, en: Deep}
"""


def test_every_kind_of_mistake_is_told_at_once_with_its_line() -> None:
    assert _problems(EVERY_MISTAKE) == [
        "line 1, Id: “reflect” is the id of the built-in REFLECT rubric; give the course's "
        "rubric its own id.",
        "line 2, Title › English: Missing.",
        "line 3, Sources › no. 1: “my-blog” is not in the catalogue.",
        "line 8, Criteria › no. 1 › Level descriptors › 5: The rubric has no level 5 "
        "(its levels are 1–2).",
        "line 9, Criteria › no. 2 › Id: Two entries have the same id.",
        "line 11, Criteria › no. 3 › Id: REFLECT does not score learning 1–4; it is judged "
        "separately as transformative or confirmatory.",
        "line 16, Levels › no. 2 › Level: The levels are numbered 1 to 2 in order: this one "
        "should be 2 (is 3).",
        "line 19, Learning › no. 1 › Id: “deep” is not one of the choices "
        "(transformative, confirmatory).",
    ]


def test_the_same_mistakes_in_bokmal() -> None:
    problems = _problems(EVERY_MISTAKE, "nb")
    assert problems[1] == "linje 2, Tittel › engelsk: Mangler."
    assert problems[3] == (
        "linje 8, Kriterier › nr. 1 › Nivåbeskrivelser › 5: Skjemaet har ikke noe nivå 5 "
        "(nivåene er 1–2)."
    )
    assert problems[6].startswith("linje 16, Nivåer › nr. 2 › Nivå: Nivåene nummereres 1 til 2")


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        # One level is not a scale.
        (lambda t: t[: t.index("  - level: 2")], "line 13, Levels: Too few entries (at least 2)"),
        (
            lambda t: t.replace("en: Not yet}", "en: Not yet}\n    colour: red"),
            "line 15, Levels › no. 1 › colour: Unknown field",
        ),
        (lambda t: t.replace("      1: {nb: Nevner", "      x: {nb: Nevner"), "line 8"),
    ],
)
def test_other_mistakes_of_shape(change: Callable[[str], str], fragment: str) -> None:
    problems = _problems(change(THREE_LEVELS))
    assert any(p.startswith(fragment) for p in problems), problems


def test_eleven_levels_are_too_many() -> None:
    levels = "".join(f"  - level: {n}\n    label: {{nb: N{n}, en: L{n}}}\n" for n in range(1, 12))
    text = SIX_LEVELS[: SIX_LEVELS.index("levels:\n") + len("levels:\n")] + levels
    assert any("Too many entries (at most 10)" in p for p in _problems(text))


def test_the_built_in_rubric_keeps_loading_by_the_same_rules() -> None:
    rubric = library().rubric
    assert rubric.id == "reflect"
    assert rubric.sources == ["wald2012"]
    assert rubric.top_level == 4


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_rubric(tmp_path / "missing.yaml")
    assert "cannot be read" in describe_problem(caught.value.problems[0], "en")
