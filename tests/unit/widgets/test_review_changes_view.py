"""Does the review dashboard show what changed since the last review in a fold-out that
reads without colour, say so when there is no earlier round, and show typed text literally?"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from physioreflect.app import ReviewSession
from physioreflect.fixtures import hostile_workbook
from physioreflect.model import (
    Decision,
    Section,
    Status,
    Workbook,
    dump_workbook,
    parse_workbook,
    with_status,
)
from physioreflect.widgets.review_view import ReviewApp

START = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def _diff(app: ReviewApp) -> str:
    assert "pr-review-diff" in app.changes._dom_classes
    value: str = app.changes.value
    return value


def _returned_and_resubmitted(folder: Path, new_text: str) -> None:
    """Round one reviewed and returned; the student's revision replaces the file."""
    workbook = with_status(Workbook.new(title="Kasus", author="Nora", now=START), Status.submitted)
    workbook.case.likes_to_do = "Strikke."
    (folder / "nora.json").write_bytes(dump_workbook(workbook))
    first = ReviewSession(folder, "nora.json", reviewer="Vera")
    first.add_comment(Section.case, "Hva mer?")
    first.set_decision(Decision.returned)
    returned = parse_workbook(first.release().read_bytes())
    revised = returned.model_copy(deep=True)
    revised.case.likes_to_do = new_text
    revised = with_status(revised, Status.submitted)
    meta = revised.meta.model_copy(update={"submitted": START + dt.timedelta(days=2)})
    (folder / "nora.json").write_bytes(dump_workbook(revised.model_copy(update={"meta": meta})))


def test_a_first_hand_in_says_there_is_no_earlier_round(tmp_path: Path) -> None:
    workbook = with_status(Workbook.new(title="Kasus", now=START), Status.submitted)
    (tmp_path / "a.json").write_bytes(dump_workbook(workbook))
    app = ReviewApp(ReviewSession(tmp_path, "a.json"), lang="en")
    shown = _diff(app)
    assert "What changed since the last review" in shown
    assert "no earlier round found" in shown
    assert "<details" not in shown  # nothing to fold out


def test_a_resubmission_shows_its_changes_marked_without_colour(tmp_path: Path) -> None:
    _returned_and_resubmitted(tmp_path, "Strikke og danse.")
    app = ReviewApp(ReviewSession(tmp_path, "nora.json", reviewer="Vera"), lang="nb")
    shown = _diff(app)
    assert "<details class='pr-review-diff-fold'>" in shown
    assert "Hva er endret siden forrige vurdering" in shown
    assert "sendt tilbake" in shown
    assert "aria-hidden='true'>+</span>" in shown and "aria-hidden='true'>\u2212</span>" in shown
    assert "<ins>" in shown and "danse" in shown
    assert "Strikke" in shown  # the unchanged word of the edited line is shown, plain
    # Switching the language says it again in the other one.
    app.language.value = "en"
    assert "What changed since the last review" in _diff(app)


def test_typed_text_in_the_changes_is_shown_literally(tmp_path: Path) -> None:
    hostile = hostile_workbook()
    _returned_and_resubmitted(tmp_path, hostile.case.likes_to_do)
    app = ReviewApp(ReviewSession(tmp_path, "nora.json", reviewer="Vera"), lang="en")
    shown: Any = _diff(app)
    assert "<script" not in shown and "<img" not in shown
    assert "&lt;" in shown
