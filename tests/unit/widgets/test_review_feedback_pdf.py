"""Does the review dashboard's feedback PDF give the student's work with the review as it
stands, and, in a blind review, name no one — not in the text, the metadata or the file
name a learning platform would keep?"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from physioreflect.app import ReviewSession
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Decision, Section, Status, dump_workbook, with_status
from physioreflect.widgets.review_view import ReviewApp
from tests.unit.export.pdf_tools import pdf_text, reader, squash

Sent = list[tuple[dict[str, Any], list[bytes]]]


@pytest.fixture
def session(tmp_path: Path) -> ReviewSession:
    richest = max(sample_workbooks(), key=lambda w: len(w.barriers))
    meta = richest.meta.model_copy(
        update={"author": "Kari Nordmann", "title": "Karis kasus", "status": Status.draft}
    )
    handed_in = with_status(richest.model_copy(update={"meta": meta}), Status.submitted)
    (tmp_path / "kari-nordmann_1234.json").write_bytes(dump_workbook(handed_in))
    review = ReviewSession(tmp_path, "kari-nordmann_1234.json", reviewer="Vera Veileder")
    review.add_comment(
        Section.barriers, "Whose words are these?", anchor=handed_in.barriers[0].entry_id
    )
    review.set_text("overall_feedback", "Good work.")
    review.set_decision(Decision.returned)
    return review


def _download(app: ReviewApp, monkeypatch: pytest.MonkeyPatch) -> tuple[str, bytes]:
    button = app.feedback_pdf
    assert "pr-review-feedback-pdf" in button.css_class
    sent: Sent = []
    monkeypatch.setattr(
        button, "send", lambda content, buffers=None: sent.append((content, list(buffers or [])))
    )
    button._handle_custom_msg({"type": "request", "request_id": "r"}, [])
    ((content, buffers),) = sent
    assert content["type"] == "file" and content["mime"] == "application/pdf"
    return str(content["filename"]), buffers[0]


def test_the_feedback_pdf_holds_the_work_and_the_review(
    session: ReviewSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReviewApp(session, lang="en")
    assert app.feedback_pdf.label == "Download the feedback as PDF"
    name, pdf = _download(app, monkeypatch)
    assert name == "karis-kasus-feedback.pdf"
    text = squash(pdf_text(pdf))
    expected_texts = (
        "Whose words are these?",
        "Gjelder:",
        "Good work.",
        "Returnert for mer arbeid",
    )
    for expected in expected_texts:
        assert squash(expected) in text, expected
    app.language.value = "nb"
    assert app.feedback_pdf.label == "Last ned tilbakemeldingen som PDF"
    assert app.feedback_pdf.filename == "karis-kasus-tilbakemelding.pdf"


def test_a_blind_feedback_pdf_names_no_one(
    session: ReviewSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReviewApp(session, lang="en", blind_as="S-7KQ2M4XD")
    name, pdf = _download(app, monkeypatch)
    assert name == "s-7kq2m4xd-feedback.pdf"
    document = reader(pdf)
    assert document.metadata is not None and document.metadata.author == "S-7KQ2M4XD"
    xmp = document.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    shown = " ".join(
        [squash(pdf_text(pdf)), str(document.metadata.title), xmp, "Whose words are these?"]
    ).lower()
    assert "whose words are these?" in shown
    for word in ("kari", "nordmann"):
        assert word not in shown
