"""The review a student received, on the student's dashboard in-process: the banner above
every step, each comment at the top of its section's step, replies and "resolved" marks that
reach the model and the file — and nothing of it for a workbook without a review."""

from __future__ import annotations

import html
import json
from typing import Any

import ipywidgets as widgets
import pytest

from physioreflect.app import STEP_SECTIONS, ManualScheduler, Step
from physioreflect.errors import ReviewRefused
from physioreflect.model import Section, Workbook
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp
from tests.strategies import new_workbook
from tests.unit.widgets.test_app import find, one, text_of, walk

RETURNED_ID = "a8d41f07-2c9e-4b35-8f6a-1e7c3b9d5a20"
APPROVED_ID = "e71b3d58-9f20-4a6c-8d14-3b6f0c2e9a75"
STEP_COMMENTS = {
    Step.start: [],
    Step.case: [],
    Step.perspective: ["c1"],
    Step.barriers: ["c2"],
    Step.plan: ["c3"],
    Step.reflection: ["c4"],
}


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


def _sample(samples: list[Workbook], workbook_id: str) -> Workbook:
    return next(s for s in samples if str(s.meta.id) == workbook_id)


def _app(
    workspace: Workspace,
    clock: ManualScheduler,
    workbook: Workbook,
    *,
    step: Step = Step.perspective,
    lang: str = "nb",
) -> ReflectionApp:
    saved = workspace.import_workbook(workbook)
    return ReflectionApp(
        workspace=workspace,
        lang=lang,
        scheduler=clock,
        query=f"workbook={saved.meta.id}&step={step.value}",
    )


@pytest.fixture
def returned(
    workspace: Workspace, clock: ManualScheduler, samples: list[Workbook]
) -> ReflectionApp:
    return _app(workspace, clock, _sample(samples, RETURNED_ID))


def on_screen(app: ReflectionApp, css: str) -> list[Any]:
    """Widgets with class ``css`` in the step on screen (hidden steps hold their own)."""
    return [w for w in walk(app.current_view.widget) if css in getattr(w, "_dom_classes", ())]


def banner(app: ReflectionApp) -> widgets.HTML:
    found: widgets.HTML = one(app, "pr-review-banner")
    return found


def threads_shown(app: ReflectionApp) -> list[str]:
    """The ids of the comments drawn in the step on screen, in order."""
    ids = []
    for thread in on_screen(app, "pr-comment-thread"):
        markup = thread.children[0].value
        ids.append(markup.split("data-comment='", 1)[1].split("'", 1)[0])
    return ids


def test_the_banner_says_returned_by_whom_what_and_how_much_is_open(
    returned: ReflectionApp,
) -> None:
    shown = banner(returned)
    assert shown.layout.display != "none"
    markup = shown.value
    assert "pr-review-returned" in markup
    assert "Returnert for mer arbeid" in markup
    assert "Vurdert av Praksisveileder" in markup
    assert "Åpne kommentarer: 3 av 4" in markup
    assert html.escape(returned.workbook.review.overall_feedback[:60], quote=True) in markup
    rubric = returned.library.rubric
    assert f"{rubric.criterion_label('reflect.description', 'nb')} 3/4" in markup
    assert f"title='{rubric.level_label(3, 'nb')}'" in markup, "the level's name"
    assert "Transformerende læring" in markup


def test_the_banner_is_above_every_step(returned: ReflectionApp) -> None:
    for step in Step:
        returned.go(step)
        assert banner(returned).layout.display != "none", step
    returned.set_language("en")
    assert "Returned for revision" in banner(returned).value
    assert "Open comments: 3 of 4" in banner(returned).value


def test_each_comment_is_at_the_top_of_its_sections_step(returned: ReflectionApp) -> None:
    for step, expected in STEP_COMMENTS.items():
        returned.go(step)
        assert threads_shown(returned) == expected, step
        if expected:
            view = returned.current_view.widget
            comments = next(c for c in view.children if "pr-comments" in c._dom_classes)
            assert list(view.children).index(comments) == 1, "right under the step's title"
    returned.go(Step.barriers)
    thread = on_screen(returned, "pr-comment-thread")[0]
    markup = thread.children[0].value
    assert "Praksisveileder, 12. mars 2026" in markup
    assert "Svar fra studenten, 14. mars 2026" in markup, "its thread"
    assert "Løst" in markup


def test_a_reply_typed_and_sent_joins_the_thread_and_is_saved(
    returned: ReflectionApp, clock: ManualScheduler
) -> None:
    text = "Jeg trodde hun ikke ville tåle mer, og det styrte det jeg sa. <b>ærlig</b>"
    one(returned, "pr-comment-reply-text").value = text
    one(returned, "pr-comment-reply-send").click()
    comment = returned.workbook.review.comments[0]
    assert [r.text for r in comment.replies] == [text]
    shown = on_screen(returned, "pr-comment-thread")[0].children[0].value
    assert html.escape(text, quote=True) in shown, "shown as typed, never as markup"
    assert "<b>ærlig</b>" not in shown
    assert one(returned, "pr-comment-reply-text").value == "", "the box is empty again"
    clock.advance(10)
    path = returned.workspace.path_of(returned.workbook.meta.id)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["review"]["comments"][0]["replies"][0]["text"] == text
    # The Summary shows the same thread.
    returned.go(Step.summary)
    assert html.escape(text, quote=True) in one(returned, "pr-summary").value


def test_marking_resolved_is_saved_and_counted_in_the_banner(
    returned: ReflectionApp, clock: ManualScheduler
) -> None:
    toggle = one(returned, "pr-comment-resolve")
    assert toggle.value is False
    toggle.value = True
    assert returned.workbook.review.comments[0].resolved
    assert "Åpne kommentarer: 2 av 4" in banner(returned).value
    assert "Løst" in on_screen(returned, "pr-comment-thread")[0].children[0].value
    clock.advance(10)
    path = returned.workspace.path_of(returned.workbook.meta.id)
    assert json.loads(path.read_text(encoding="utf-8"))["review"]["comments"][0]["resolved"]


def test_a_blank_reply_is_explained_and_changes_nothing(returned: ReflectionApp) -> None:
    before = returned.workbook
    one(returned, "pr-comment-reply-text").value = "   "
    one(returned, "pr-comment-reply-send").click()
    errors = [w.value for w in on_screen(returned, "pr-field-error") if w.value]
    assert any("skriv noe i svaret først" in e for e in errors)
    assert returned.workbook == before


def test_a_reply_being_typed_survives_a_language_switch(returned: ReflectionApp) -> None:
    one(returned, "pr-comment-reply-text").value = "Halvferdig svar"
    returned.set_language("en")
    assert on_screen(returned, "pr-comment-reply-text")[0].value == "Halvferdig svar"
    assert on_screen(returned, "pr-comment-reply-send")[0].description == "Reply"
    assert on_screen(returned, "pr-comment-resolve")[0].description == "Mark resolved"


def test_an_edit_of_the_review_is_refused_in_the_users_language(
    returned: ReflectionApp,
) -> None:
    """Through the same path as every edit: the refusal comes back as a sentence."""
    before = returned.workbook
    said = returned.edit(Section.case, lambda w: setattr(w.review, "overall_feedback", "Fint"))
    assert said is not None and said.startswith("Endringen ble ikke gjort")
    assert "bare svare på kommentarer" in said
    assert returned.workbook == before


def test_an_approved_workbook_shows_its_review_read_only(
    workspace: Workspace, clock: ManualScheduler, samples: list[Workbook]
) -> None:
    sample = _sample(samples, APPROVED_ID)
    section = sample.review.comments[0].section
    step = next(step for step, parts in STEP_SECTIONS.items() if section in parts)
    app = _app(workspace, clock, sample, step=step, lang="en")
    assert "pr-review-approved" in banner(app).value
    assert "Approved" in banner(app).value
    assert on_screen(app, "pr-comment-thread")
    assert not find(app, "pr-comment-reply-text")
    assert not find(app, "pr-comment-resolve")


def test_typed_review_text_is_shown_literally(
    workspace: Workspace, clock: ManualScheduler, samples: list[Workbook]
) -> None:
    data = json.loads(_sample(samples, RETURNED_ID).model_dump_json())
    data["review"]["overall_feedback"] = "<script>alert('x')</script> & mer"
    data["review"]["reviewer"] = "<i>Veileder</i>"
    data["review"]["comments"][0]["text"] = "<img src=x onerror=alert(1)>"
    app = _app(workspace, clock, Workbook.model_validate(data))
    markup = banner(app).value
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "<i>" not in markup and "&lt;i&gt;Veileder" in markup
    thread = on_screen(app, "pr-comment-thread")[0].children[0].value
    assert "<img" not in thread and "&lt;img src=x" in thread


def test_a_draft_has_no_banner_and_no_comments(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    app = _app(workspace, clock, new_workbook("Kasus: skulder"), step=Step.start)
    for step in Step:
        app.go(step)
        assert banner(app).layout.display == "none"
        assert banner(app).value == ""
        assert not on_screen(app, "pr-comment-thread")
    assert "Returnert" not in text_of(app)


def test_a_comment_says_what_it_is_about_and_one_on_the_whole_workbook_is_on_start(
    workspace: Workspace, clock: ManualScheduler, samples: list[Workbook]
) -> None:
    sample = _sample(samples, RETURNED_ID)
    barrier = sample.barriers[0]
    data = json.loads(sample.model_dump_json())
    data["review"]["comments"][1]["anchor"] = barrier.entry_id
    data["review"]["comments"][0]["section"] = "meta"
    app = _app(workspace, clock, Workbook.model_validate(data), step=Step.barriers)
    label = app.library.factor_label(barrier, "nb")
    assert f"Gjelder: {html.escape(label, quote=True)}" in threads_markup(app)
    app.go(Step.start)
    assert threads_shown(app) == ["c1"]
    one_visible_reply = on_screen(app, "pr-comment-reply-text")
    assert one_visible_reply, "answerable from the start step too"
    app.go(Step.perspective)
    assert threads_shown(app) == []


def threads_markup(app: ReflectionApp) -> str:
    return "".join(t.children[0].value for t in on_screen(app, "pr-comment-thread"))


def test_after_submitting_again_the_review_is_read_only_and_said_to_be_the_last(
    returned: ReflectionApp,
) -> None:
    assert returned.controller.submit(privacy_confirmed=True)
    assert "pr-review-earlier" in banner(returned).value
    assert "Tilbakemelding fra forrige vurdering" in banner(returned).value
    assert "Returnert for mer arbeid" in banner(returned).value, "the decision then"
    returned.go(Step.perspective)
    assert threads_shown(returned) == ["c1"]
    assert not find(returned, "pr-comment-reply-text")


def test_a_refused_resolved_mark_puts_the_switch_back(
    returned: ReflectionApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(comment_id: str, resolved: bool) -> None:
        raise ReviewRefused(reason="not_returned")

    monkeypatch.setattr(returned.controller, "set_resolved", refuse)
    toggle = one(returned, "pr-comment-resolve")
    toggle.value = True
    assert toggle.value is False
    errors = [w.value for w in on_screen(returned, "pr-field-error") if w.value]
    assert any("når arbeidsboka er levert tilbake til deg" in e for e in errors)
    assert not returned.workbook.review.comments[0].resolved
