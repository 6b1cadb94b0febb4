"""Does the review dashboard let a supervisor do the whole review with its own controls —
comment beside a section or one entry, score, give feedback, decide, send — with everything
from the files shown as text, and refuse what the roles forbid with a message?"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from physioreflect.app import CohortQuery
from physioreflect.fixtures import hostile_workbook, sample_workbooks
from physioreflect.model import Status, Workbook, dump_workbook, parse_workbook, with_status
from physioreflect.widgets.cohort_view import CohortApp
from physioreflect.widgets.review_view import review_app


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _all(root: widgets.Widget, css: str) -> list[Any]:
    return [w for w in _walk(root) if css in getattr(w, "_dom_classes", ())]


def _one(root: widgets.Widget, css: str) -> Any:
    found = _all(root, css)
    assert len(found) == 1, (css, len(found))
    return found[0]


def _submitted(workbook: Workbook) -> Workbook:
    if workbook.meta.status is Status.submitted:
        return workbook
    draft = workbook.model_copy(
        update={"meta": workbook.meta.model_copy(update={"status": Status.draft})}
    )
    return with_status(draft, Status.submitted)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "innleveringer"
    root.mkdir()
    richest = max(sample_workbooks(), key=lambda w: len(w.barriers))
    (root / "kari.json").write_bytes(dump_workbook(_submitted(richest)))
    (root / "hostile.json").write_bytes(dump_workbook(_submitted(hostile_workbook())))
    return root


def _section(root: widgets.Widget, section: str) -> Any:
    return _one(root, f"pr-review-section-{section}")


def test_a_supervisor_reviews_and_sends_with_the_pages_controls(folder: Path) -> None:
    root = review_app(lang="en", source=str(folder), submission="kari.json")
    _one(root, "pr-review-reviewer").value = "Vera Veileder"
    barriers = _section(root, "barriers")
    anchor = _one(barriers, "pr-review-anchor")
    first_barrier = anchor.options[1]
    anchor.value = first_barrier[1]
    _one(barriers, "pr-review-comment-text").value = "What did the doctor actually say?"
    _one(barriers, "pr-review-comment-add").click()
    record = json.loads((folder / "kari.review.json").read_text())
    (comment,) = [c for c in record["review"]["comments"] if c["author"] == "Vera Veileder"]
    assert comment["anchor"] == first_barrier[1] and comment["section"] == "barriers"
    shown = _one(_section(root, "barriers"), "pr-review-document").value
    assert "What did the doctor actually say?" in shown
    assert first_barrier[0].split(" ")[0] in shown  # "About: <the barrier>"

    scores = _all(root, "pr-review-score")
    scores[0].value = 3
    _one(root, "pr-review-feedback").value = "Good work; look at the pain rule."
    _one(root, "pr-review-release").click()
    assert "pr-error" in _one(root, "pr-review-banner").value  # no decision yet
    _one(root, "pr-review-decision").value = "returned"
    _one(root, "pr-review-release").click()
    _one(root, "pr-review-release-confirm").click()
    returned = parse_workbook((folder / "kari.returned.json").read_bytes())
    assert returned.meta.status is Status.returned
    assert returned.review.overall_feedback == "Good work; look at the pain rule."
    assert "Sent to the student" in _one(root, "pr-review-state").value
    assert _all(root, "pr-review-comment-form") == []  # nothing left to change
    assert _one(root, "pr-review-feedback").disabled


def test_an_own_comment_is_edited_and_deleted_on_the_page(folder: Path) -> None:
    root = review_app(lang="nb", source=str(folder), submission="kari.json")
    _one(root, "pr-review-reviewer").value = "Vera"
    case = _section(root, "case")
    _one(case, "pr-review-comment-text").value = "Første utkast"
    _one(case, "pr-review-comment-add").click()
    case = _section(root, "case")
    _one(case, "pr-review-comment-edit-text").value = "Bedre formulert"
    _one(case, "pr-review-comment-save").click()
    assert "Bedre formulert" in _one(_section(root, "case"), "pr-review-document").value
    _one(_section(root, "case"), "pr-review-comment-delete").click()
    assert _all(_section(root, "case"), "pr-review-own-comment") == []


def test_a_comment_without_a_name_is_refused_with_a_message(folder: Path) -> None:
    root = review_app(lang="en", source=str(folder), submission="kari.json")
    case = _section(root, "case")
    _one(case, "pr-review-comment-text").value = "Hei"
    _one(case, "pr-review-comment-add").click()
    banner = _one(root, "pr-review-banner").value
    assert "type your name as the supervisor first" in banner
    assert not (folder / "kari.review.json").exists()


def test_what_the_student_typed_is_shown_as_text(folder: Path) -> None:
    root = review_app(lang="en", source=str(folder), submission="hostile.json")
    pages = "".join(w.value for w in _all(root, "pr-review-document"))
    assert "<script" not in pages and "<img" not in pages
    assert "&lt;script&gt;" in pages
    for anchor in _all(root, "pr-review-anchor"):
        assert all(isinstance(label, str) for label, _ in anchor.options)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("finnes-ikke.json", "not in the submissions"), ("../kari.json", "points out of")],
)
def test_a_submission_that_cannot_be_opened_is_said(folder: Path, name: str, expected: str) -> None:
    root = review_app(lang="en", source=str(folder), submission=name)
    assert expected in root.value
    assert "Traceback" not in root.value


def test_nothing_chosen_says_how_to_choose(folder: Path) -> None:
    root = review_app(lang="nb", source=str(folder), submission="")
    assert "Ingen innlevering er valgt" in root.value


def test_a_row_of_the_class_opens_its_review_and_comes_back(folder: Path) -> None:
    query = CohortQuery(lang="en")
    app = CohortApp(lang="en", source=str(folder), query=query)
    choice = _one(app.widget, "pr-cohort-open-choice")
    assert len(choice.options) == 2
    kari = next(value for label, value in choice.options if "hostile" not in label.lower())
    choice.value = kari
    _one(app.widget, "pr-cohort-open").click()
    _one(app.widget, "pr-review-reviewer").value = "Vera"
    case = _section(app.widget, "case")
    _one(case, "pr-review-comment-text").value = "Bra"
    _one(case, "pr-review-comment-add").click()
    _one(app.widget, "pr-review-back").click()
    table = _one(app.widget, "pr-cohort-table").value
    assert "Draft" in table  # the row's review state, read again


def test_a_blind_review_hides_the_students_name(folder: Path) -> None:
    query = CohortQuery(lang="en", blind_key=lambda: b"k" * 32)
    app = CohortApp(lang="en", source=str(folder), query=query)
    _one(app.widget, "pr-cohort-blind").value = True
    choice = _one(app.widget, "pr-cohort-open-choice")
    author = parse_workbook((folder / "kari.json").read_bytes()).meta.author
    assert author and all(author not in label for label, _ in choice.options)
    choice.value = choice.options[0][1]
    _one(app.widget, "pr-cohort-open").click()
    pages = "".join(w.value for w in _all(app.widget, "pr-review-document"))
    assert author not in pages


def test_the_privacy_checks_findings_are_listed_where_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "innleveringer"
    folder.mkdir()
    workbook = Workbook.new(title="Kasus", author="Kari")
    workbook.case.likes_to_do = "Ring henne på 912 34 567 om kvelden."
    (folder / "kari.json").write_bytes(dump_workbook(_submitted(workbook)))
    root = review_app(lang="en", source=str(folder), submission="kari.json")
    notes = _one(root, "pr-review-notes").value
    assert "pr-review-privacy" in notes
    assert "What the patient likes to do" in notes and "912 34 567" in notes


def test_a_blind_review_lists_findings_without_their_text(tmp_path: Path) -> None:
    folder = tmp_path / "innleveringer"
    folder.mkdir()
    workbook = Workbook.new(title="Kasus", author="Kari")
    workbook.case.likes_to_do = "Ring henne på 912 34 567 om kvelden."
    (folder / "kari.json").write_bytes(dump_workbook(_submitted(workbook)))
    query = CohortQuery(lang="en", blind_key=lambda: b"k" * 32, scan=lambda w: 0)
    app = CohortApp(lang="en", source=str(folder), query=query)
    _one(app.widget, "pr-cohort-blind").value = True
    _one(app.widget, "pr-cohort-open").click()
    notes = _one(app.widget, "pr-review-notes").value
    assert "pr-review-privacy" in notes and "912 34 567" not in notes
