"""Does the review panel score with a course's own rubric: its levels in each dropdown, the
chosen level's descriptor under its criterion (escaped), and learning outcomes marked?"""

from __future__ import annotations

from pathlib import Path

from physioreflect.app import ReviewSession
from physioreflect.content import parse_rubric
from physioreflect.fixtures import COURSE_RUBRIC
from physioreflect.model import dump_workbook
from physioreflect.widgets.review_view import ReviewApp
from tests.reviewing import submitted


def _app(folder: Path, lang: str = "en") -> ReviewApp:
    (folder / "nora.json").write_bytes(dump_workbook(submitted()))
    rubric = parse_rubric(COURSE_RUBRIC.encode(), source="rubric.yaml")
    return ReviewApp(ReviewSession(folder, "nora.json", reviewer="Vera", rubric=rubric), lang=lang)


def test_the_chosen_levels_descriptor_shows_under_its_criterion(tmp_path: Path) -> None:
    app = _app(tmp_path)
    score = app.scores["fys2100.perspective"]
    assert [label for label, _ in score.options] == [
        "–",
        "1 · Not reached",
        "2 · Reached",
        "3 · Well reached",
    ]
    assert app.descriptors["fys2100.perspective"].value == ""  # nothing chosen yet
    score.value = 3
    shown = app.descriptors["fys2100.perspective"].value
    # The course's words, escaped: markup typed in a rubric file is shown as typed.
    assert "what exercise &lt;b&gt;means&lt;/b&gt; to her" in shown
    assert "<b>" not in shown
    assert app.session.review.rubric["fys2100.perspective"].level == 3
    app.scores["fys2100.lu1"].value = 1
    assert "Missing or only mentioned." in app.descriptors["fys2100.lu1"].value


def test_learning_outcomes_are_marked_and_the_rubric_named(tmp_path: Path) -> None:
    app = _app(tmp_path, "nb")
    rows = [
        child for child in app.rubric_box.children if "pr-review-score-row" in child._dom_classes
    ]
    names = [row.children[0].value for row in rows]
    assert ["pr-review-outcome" in name for name in names] == [False, True, True]
    assert "Læringsutbytte" in names[1]
    assert "FYS2100: refleksjonsskjema" in app.labels["rubric"].value
    # No judgement of learning in this rubric: its controls are hidden, the others are not.
    assert app.learning.layout.display == "none"
    assert app.feedback.layout.display != "none"


def test_a_descriptor_is_kept_when_the_panel_is_drawn_again(tmp_path: Path) -> None:
    app = _app(tmp_path)
    app.scores["fys2100.lu2"].value = 2
    app._show_panel()
    assert app.scores["fys2100.lu2"].value == 2
    assert "Present and supported." in app.descriptors["fys2100.lu2"].value
