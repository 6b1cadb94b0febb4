"""Scoring with a course's own rubric: does the review use its criteria, levels and
descriptors, keep its names from the first score, and never mix it with another rubric?"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from physioreflect.app import ReviewSession, received_review
from physioreflect.content import Rubric, library, message, parse_rubric
from physioreflect.errors import ReviewRefused
from physioreflect.fixtures import COURSE_RUBRIC
from physioreflect.model import (
    Decision,
    LearningJudgement,
    RubricScore,
    Workbook,
    dump_workbook,
    parse_workbook,
)
from physioreflect.render import summary_data
from physioreflect.widgets.feedback_banner import feedback_html
from tests.reviewing import submitted, ticking


@pytest.fixture
def rubric() -> Rubric:
    return parse_rubric(COURSE_RUBRIC.encode(), source="rubric.yaml")


def _session(folder: Path, rubric: Rubric | None) -> ReviewSession:
    if not (folder / "nora.json").exists():
        (folder / "nora.json").write_bytes(dump_workbook(submitted()))
    clock = ticking()
    return ReviewSession(
        folder, "nora.json", reviewer="Vera", clock=lambda: next(clock), rubric=rubric
    )


def test_the_course_rubric_gives_the_criteria_levels_and_descriptors(
    tmp_path: Path, rubric: Rubric
) -> None:
    session = _session(tmp_path, rubric)
    assert [c for c, _ in session.criteria("en")] == [
        "fys2100.perspective",
        "fys2100.lu1",
        "fys2100.lu2",
    ]
    assert session.levels("nb") == [(1, "Ikke nådd"), (2, "Nådd"), (3, "Godt nådd")]
    assert [session.is_outcome(c) for c, _ in session.criteria("en")] == [False, True, True]
    assert session.descriptor("fys2100.perspective", 2, "en") == (
        "Asks what the patient likes and wants."
    )
    assert session.descriptor("fys2100.lu1", 3, "nb") == "Til stede, underbygd og drøftet."
    assert session.descriptor("fys2100.lu1", None, "nb") == ""
    assert session.learning_kinds("en") == []  # this course asks for no judgement of learning


def test_reflect_stays_the_default_without_descriptors(tmp_path: Path) -> None:
    session = _session(tmp_path, None)
    assert session.levels("en")[-1] == (4, "Critical reflection")
    assert session.descriptor("reflect.presence", 4, "en") == ""
    session.score("reflect.presence", 4)
    assert session.review.course_rubric is None


def test_the_first_score_keeps_the_rubrics_names_and_the_last_one_taken_away_drops_them(
    tmp_path: Path, rubric: Rubric
) -> None:
    session = _session(tmp_path, rubric)
    session.score("fys2100.lu1", 3)
    kept = session.review.course_rubric
    assert kept is not None
    assert kept.id == "fys2100-reflection"
    assert kept.title.en == "FYS2100: reflection rubric"
    assert kept.level_label(3, "nb") == "Godt nådd"
    assert [c.outcome for c in kept.criteria] == [False, True, True]
    # Saved beside the submission, and read back the same.
    again = _session(tmp_path, rubric)
    assert again.review.course_rubric == kept
    assert again.review.rubric["fys2100.lu1"].level == 3
    again.score("fys2100.lu1", None)
    assert again.review.rubric == {}
    assert again.review.course_rubric is None


def test_a_level_the_rubric_lacks_is_refused(tmp_path: Path, rubric: Rubric) -> None:
    session = _session(tmp_path, rubric)
    with pytest.raises(ValueError, match="not a level"):
        session.score("fys2100.lu1", 4)
    assert session.review.rubric == {}


def test_two_rubrics_are_never_mixed_in_one_review(tmp_path: Path, rubric: Rubric) -> None:
    session = _session(tmp_path, rubric)
    session.score("fys2100.lu2", 2)
    with_reflect = _session(tmp_path, None)
    assert with_reflect.scored_with_another_rubric() == "fys2100-reflection"
    # The course's criteria still show, by the names the review kept.
    assert ("fys2100.lu2", "LO2: can reflect on one's own preconceptions") in (
        with_reflect.criteria("en")
    )
    with pytest.raises(ReviewRefused) as refused:
        with_reflect.score("reflect.presence", 2)
    assert refused.value.params["reason"] == "other_rubric"
    # And the other way round: scored with REFLECT, the course's rubric does not add to it.
    (tmp_path / "other").mkdir()
    reflect_first = _session(tmp_path / "other", None)
    reflect_first.score("reflect.presence", 2)
    assert _session(tmp_path / "other", rubric).scored_with_another_rubric() == "reflect"


def test_the_returned_workbook_carries_the_names(tmp_path: Path, rubric: Rubric) -> None:
    session = _session(tmp_path, rubric)
    session.score("fys2100.perspective", 3)
    session.set_decision(Decision.approved)
    returned = parse_workbook(session.release().read_bytes())
    assert returned.review.rubric["fys2100.perspective"].level == 3
    assert returned.review.course_rubric is not None
    assert returned.review.course_rubric.criterion_label("fys2100.perspective", "nb") == (
        "Pasientens perspektiv"
    )


def _blocks(value: object) -> list[dict[str, Any]]:
    """Every block in the summary's data, however deeply grouped."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        if "type" in value:
            found.append(value)
        for child in value.values():
            found += _blocks(child)
    elif isinstance(value, list):
        for child in value:
            found += _blocks(child)
    return found


def _returned(tmp_path: Path, rubric: Rubric) -> Workbook:
    session = _session(tmp_path, rubric)
    session.score("fys2100.lu2", 2)
    session.score("fys2100.perspective", 3)
    session.set_decision(Decision.returned)
    return parse_workbook(session.release().read_bytes())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_pdf_prints_the_course_rubric_without_its_file(
    tmp_path: Path, rubric: Rubric, lang: str
) -> None:
    data = summary_data(_returned(tmp_path, rubric), lang=lang)
    [table] = [b for b in _blocks(data) if b["type"] == "rubric_table"]
    assert table["levels"] == 3
    rows = [(r["criterion"], r["level"], r["level_label"]) for r in table["rows"]]
    if lang == "en":
        assert rows == [
            ("The patient's perspective", 3, "Well reached"),
            ("LO2: can reflect on one's own preconceptions", 2, "Reached"),
        ]
        assert "FYS2100: reflection rubric" in table["caption"]
        assert "levels 1–3" in table["caption"]
    else:
        assert rows[0] == ("Pasientens perspektiv", 3, "Godt nådd")
        assert "nivå 1–3" in table["caption"]


def test_the_students_banner_reads_n_of_the_rubrics_own_top(tmp_path: Path, rubric: Rubric) -> None:
    received = received_review(_returned(tmp_path, rubric), library=library(), lang="nb")
    assert received is not None
    assert received.top_level == 3
    assert [(line.criterion, line.level, line.level_label) for line in received.rubric] == [
        ("Pasientens perspektiv", 3, "Godt nådd"),
        ("LU2: kan reflektere over egen forforståelse", 2, "Nådd"),
    ]
    banner = feedback_html(received, lambda key, **params: message(key, "nb", **params))
    assert "Pasientens perspektiv 3/3" in banner
    assert "2/3" in banner


def test_an_unknown_criterion_still_prints_under_its_id(tmp_path: Path, rubric: Rubric) -> None:
    workbook = _returned(tmp_path, rubric)
    scores = dict(workbook.review.rubric)
    scores["fys2100.lu9"] = RubricScore(level=1)
    workbook.review = workbook.review.model_copy(update={"rubric": scores})
    [table] = [b for b in _blocks(summary_data(workbook, lang="en")) if b["type"] == "rubric_table"]
    assert ("fys2100.lu9", "Not reached") in [
        (r["criterion"], r["level_label"]) for r in table["rows"]
    ]
    received = received_review(workbook, library=library(), lang="en")
    assert received is not None
    assert "fys2100.lu9" in [line.criterion for line in received.rubric]


def test_a_judgement_already_given_stays_offered_with_a_rubric_without_one(
    tmp_path: Path, rubric: Rubric
) -> None:
    _session(tmp_path, None).set_learning(LearningJudgement.confirmatory)
    session = _session(tmp_path, rubric)
    assert session.learning_kinds("en") == [("Confirmatory learning", "confirmatory")]
