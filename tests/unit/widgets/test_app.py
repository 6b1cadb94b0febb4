"""The workbook's widgets in-process: set a value as the browser would, then check the model,
the autosaved file and what the page shows. No browser, no kernel."""

from __future__ import annotations

import errno
import html
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from physioreflect.app import ManualScheduler, SaveStatus, Step
from physioreflect.content import message
from physioreflect.model import (
    Condition,
    PainRuleModel,
    Status,
    Workbook,
    completeness,
    dump_workbook,
    with_status,
)
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp
from physioreflect.widgets.download import DownloadButton
from physioreflect.widgets.sections.start import StartView
from physioreflect.widgets.sections.summary import SECTION_STEP, field_of
from tests.strategies import new_workbook


def walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def find(app: ReflectionApp, css: str) -> list[Any]:
    return [w for w in walk(app.widget) if css in getattr(w, "_dom_classes", ())]


def one(app: ReflectionApp, css: str) -> Any:
    found = find(app, css)
    assert found, f"no widget with class {css}"
    return found[0]


def text_of(app: ReflectionApp) -> str:
    parts = []
    for w in walk(app.widget):
        if isinstance(w, widgets.HTML):
            parts.append(w.value)
        elif isinstance(w, widgets.Button):
            parts.append(w.description)
    return "\n".join(parts)


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture
def opened(workspace: Workspace, clock: ManualScheduler) -> ReflectionApp:
    saved = workspace.create(new_workbook("Kasus: skulder"))
    return ReflectionApp(
        workspace=workspace, lang="nb", scheduler=clock, query=f"workbook={saved.meta.id}&step=case"
    )


def on_disk(app: ReflectionApp) -> dict[str, Any]:
    path = app.workspace.path_of(app.workbook.meta.id)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_typing_updates_the_model_and_autosaves_within_a_second(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    field = one(opened, "pr-likes")
    field.value = "Å danse i stua"
    assert opened.workbook.case.likes_to_do == "Å danse i stua"
    assert opened.session is not None
    assert opened.session.state.status is SaveStatus.pending
    assert "Lagrer" in opened.status.value
    clock.advance(0.5)
    assert on_disk(opened)["case"]["likes_to_do"] == ""
    clock.advance(0.5)
    assert on_disk(opened)["case"]["likes_to_do"] == "Å danse i stua"
    assert opened.session.state.status is SaveStatus.saved
    assert "Lagret" in opened.status.value


def test_continuous_typing_still_saves_every_few_seconds(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    field = one(opened, "pr-activity-history")
    for index in range(30):
        field.value = "x" * (index + 1)
        clock.advance(0.3)
    assert len(on_disk(opened)["case"]["activity_history"]) >= 20


def test_a_refused_value_is_explained_and_not_saved(opened: ReflectionApp) -> None:
    field = one(opened, "pr-case-label")
    field.value = "x" * 300
    errors = [w.value for w in find(opened, "pr-field-error") if w.value]
    assert any("høyst 200 tegn" in e for e in errors)
    assert opened.workbook.case.case_label == ""


def test_every_step_renders_for_every_example(
    workspace: Workspace, samples: list[Workbook], clock: ManualScheduler
) -> None:
    for sample in samples:
        saved = workspace.import_workbook(sample)
        app = ReflectionApp(
            workspace=workspace, lang="en", scheduler=clock, query=f"workbook={saved.meta.id}"
        )
        for step in Step:
            app.go(step)
            assert one(app, f"pr-step-{step.value}")
        assert saved.meta.title in text_of(app)


def test_language_switch_keeps_everything_typed(opened: ReflectionApp) -> None:
    one(opened, "pr-wants").value = "Bære barnebarnet"
    opened.set_language("en")
    assert one(opened, "pr-wants").value == "Bære barnebarnet"
    assert "Case" in text_of(opened)
    assert opened.url.query.endswith("lang=en&step=case")


def test_deep_link_opens_workbook_and_step(opened: ReflectionApp) -> None:
    assert opened.step is Step.case
    assert opened.url.query == f"workbook={opened.workbook.meta.id}&lang=nb&step=case"
    opened.go(Step.plan)
    assert "step=plan" in opened.url.query


def test_bad_deep_link_gives_a_message(workspace: Workspace, clock: ManualScheduler) -> None:
    app = ReflectionApp(
        workspace=workspace, lang="en", scheduler=clock, query="workbook=../../etc/passwd&step=plan"
    )
    assert app.step is Step.start
    assert "does not point to a workbook" in text_of(app)


def test_rating_a_barrier_moves_its_point(opened: ReflectionApp, clock: ManualScheduler) -> None:
    opened.go(Step.barriers)
    view = opened.current_view
    assert view is not None
    one(opened, "pr-add-barriers-own").click()
    one(opened, "pr-entry-impact").value = 5
    one(opened, "pr-entry-modifiability").value = 2
    chart = one(opened, "pr-barrier-chart")
    assert chart is not None
    figure = view.chart.last_figure  # type: ignore[attr-defined]
    points = [
        (x, y) for trace in figure["data"] for x, y in zip(trace["x"], trace["y"], strict=True)
    ]
    assert points == [(2, 5)]
    one(opened, "pr-entry-modifiability").value = 4
    figure = view.chart.last_figure  # type: ignore[attr-defined]
    points = [
        (x, y) for trace in figure["data"] for x, y in zip(trace["x"], trace["y"], strict=True)
    ]
    assert points == [(4, 5)]
    clock.advance(1)
    assert on_disk(opened)["barriers"][0]["impact"] == 5


def test_every_checklist_link_lands_on_its_field(opened: ReflectionApp) -> None:
    """Each item the Summary lists as missing names the field where it is filled in, and that
    field is on the item's step (a barrier rated needs a barrier: one is added first, and a
    facilitator)."""
    opened.go(Step.barriers)
    one(opened, "pr-add-barriers-own").click()
    one(opened, "pr-add-facilitators-own").click()
    opened.go(Step.plan)
    one(opened, "pr-add-activity").click()
    sections = completeness(
        {**opened.workbook.to_json_dict(), "barriers": []},
        required_prompts=opened.controller.required_prompts,
    )
    items = [(section, item) for section, result in sections.items() for item in result.items]
    assert any(item.id.startswith("prompt:") for _, item in items)
    for section, item in items:
        field = field_of(item.id)
        assert field, f"{item.id} names no field"
        opened.go(SECTION_STEP[section])
        assert find(opened, field), f"{item.id}: no {field} on the {opened.step.value} step"


def test_a_checklist_link_says_where_to_land(opened: ReflectionApp) -> None:
    opened.go(Step.summary)
    wanted = message("completeness.case.likes_to_do", opened.lang)
    link = next(w for w in find(opened, "pr-missing-link") if w.description == wanted)
    link.click()
    assert opened.step is Step.case
    assert opened.url.focus == "pr-likes"
    opened.go(Step.plan)  # an ordinary step change lands on the heading again
    assert opened.url.focus == ""


def test_the_plan_says_how_each_intensity_counts(opened: ReflectionApp) -> None:
    for lang in ("nb", "en"):
        opened.set_language(lang)
        opened.go(Step.plan)
        note = one_visible(opened, "pr-intensity-counts")
        assert message("plan.intensity_counts", lang) in html.unescape(note.value)


def test_plan_chart_follows_the_week_table(opened: ReflectionApp) -> None:
    opened.go(Step.plan)
    one(opened, "pr-add-activity").click()
    one(opened, "pr-week-1").value = 105
    one(opened, "pr-week-2").value = 120
    figure = opened.current_view.chart.last_figure  # type: ignore[union-attr]
    bars = [trace for trace in figure["data"] if trace["type"] == "bar"]
    assert list(bars[0]["y"][:3]) == [105, 120, 0]


def _shown(app: ReflectionApp, css: str) -> bool:
    return bool(one(app, css).layout.display != "none")


def test_choosing_graded_activity_shows_its_fields_and_saves_them(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    """Does the pain rule show only the chosen rule's fields, and save what is typed there?"""
    one(opened, "pr-condition").value = Condition.fibromyalgia
    opened.go(Step.plan)
    suggested = one(opened, "pr-pain-rule-suggested")
    assert "Gradert aktivitet fra et utgangsnivå" in suggested.value
    assert _shown(opened, "pr-pain-monitoring")
    assert not _shown(opened, "pr-graded-activity")
    one(opened, "pr-max-pain").value = 5
    one(opened, "pr-pain-rule-model").value = PainRuleModel.graded_activity
    assert not _shown(opened, "pr-pain-monitoring")
    assert _shown(opened, "pr-graded-activity")
    assert not _shown(opened, "pr-own-rule")
    one(opened, "pr-graded-baseline").value = "10 minutters gange"
    one(opened, "pr-increase-step").value = "+2 minutter per uke"
    clock.advance(1)
    rule = on_disk(opened)["plan"]["pain_rule"]
    assert rule["model"] == "graded_activity"
    assert rule["baseline"] == "10 minutters gange"
    assert rule["increase_step"] == "+2 minutter per uke"
    assert rule["max_pain_during"] == 5, "a field of the other rule is kept, not wiped"
    one(opened, "pr-pain-rule-model").value = PainRuleModel.pain_monitoring_model
    one(opened, "pr-week-to-week").value = True
    clock.advance(1)
    assert on_disk(opened)["plan"]["pain_rule"]["week_to_week_rule"] is True
    assert _shown(opened, "pr-pain-monitoring")


def test_the_suggested_rule_follows_the_condition(opened: ReflectionApp) -> None:
    opened.go(Step.plan)
    assert one(opened, "pr-pain-rule-suggested").value == "", "no condition, no suggestion"
    opened.go(Step.case)
    one(opened, "pr-condition").value = Condition.osteoarthritis_knee
    opened.go(Step.plan)
    assert "Smertemonitoreringsmodellen" in one(opened, "pr-pain-rule-suggested").value


def test_submitted_workbook_is_read_only(workspace: Workspace, clock: ManualScheduler) -> None:
    saved = workspace.create(with_status(new_workbook("Levert"), Status.submitted))
    app = ReflectionApp(
        workspace=workspace, lang="en", scheduler=clock, query=f"workbook={saved.meta.id}&step=case"
    )
    assert one(app, "pr-likes").disabled
    assert "read-only" in text_of(app)


def test_submit_from_the_summary(opened: ReflectionApp, clock: ManualScheduler) -> None:
    opened.go(Step.summary)
    one(opened, "pr-submit").click()
    one(opened, "pr-submit-confirm").click()
    assert opened.workbook.meta.status is Status.submitted
    assert on_disk(opened)["meta"]["status"] == "submitted"
    assert one(opened, "pr-likes" if opened.step is Step.case else "pr-summary-view")


def test_the_submit_question_can_be_answered_no(opened: ReflectionApp) -> None:
    opened.go(Step.summary)
    one(opened, "pr-submit").click()
    confirm, cancel = one(opened, "pr-submit-confirm"), one(opened, "pr-submit-cancel")
    assert confirm.layout.display == cancel.layout.display == ""
    assert "Submit now?" in text_of(opened) or "Vil du levere?" in text_of(opened)
    cancel.click()
    assert confirm.layout.display == cancel.layout.display == "none"
    assert "Vil du levere?" not in text_of(opened)
    assert opened.workbook.meta.status is Status.draft
    one(opened, "pr-submit").click()  # and can be asked again
    assert confirm.layout.display == ""


def test_two_tabs_conflict_offers_a_choice_and_loses_nothing(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    saved = workspace.create(new_workbook("Delt"))
    query = f"workbook={saved.meta.id}&step=case"
    first = ReflectionApp(workspace=workspace, lang="en", scheduler=clock, query=query)
    second = ReflectionApp(workspace=workspace, lang="en", scheduler=clock, query=query)
    one(first, "pr-likes").value = "from the first tab"
    clock.advance(1)
    one(second, "pr-likes").value = "from the second tab"
    clock.advance(1)
    assert second.session is not None
    assert second.session.state.status is SaveStatus.conflict
    assert one(second, "pr-conflict-keep")
    assert workspace.open(saved.meta.id).case.likes_to_do == "from the first tab"
    one(second, "pr-conflict-keep").click()
    assert second.workbook.meta.id != saved.meta.id
    assert second.workbook.case.likes_to_do == "from the second tab"
    one(second, "pr-likes").value = "and more"
    clock.advance(1)
    assert workspace.open(second.workbook.meta.id).case.likes_to_do == "and more"


def test_invalid_upload_writes_nothing(workspace: Workspace, clock: ManualScheduler) -> None:
    app = ReflectionApp(workspace=workspace, lang="en", scheduler=clock)
    view = app.current_view
    assert isinstance(view, StartView)
    before = sorted(p.name for p in workspace.root.iterdir())
    view._uploaded("evil.json", b'{"meta": {"schema_version": 1}}')
    assert "could not be opened as a workbook" in view.upload_result.value
    view._too_large("huge.json", 50_000_000)
    assert "too large" in view.upload_result.value
    assert sorted(p.name for p in workspace.root.iterdir()) == before


def test_valid_upload_opens_it(
    workspace: Workspace, clock: ManualScheduler, samples: list[Workbook], tmp_path: Path
) -> None:
    app = ReflectionApp(workspace=workspace, lang="en", scheduler=clock)
    view = app.current_view
    assert isinstance(view, StartView)
    view._uploaded("sample.json", dump_workbook(samples[0]))
    assert app.step is Step.case
    assert app.workbook.meta.title == samples[0].meta.title


def test_new_workbook_from_start(workspace: Workspace, clock: ManualScheduler) -> None:
    app = ReflectionApp(workspace=workspace, lang="nb", scheduler=clock)
    one(app, "pr-create").click()
    assert "Tittelen kan ikke være tom" in text_of(app)
    one(app, "pr-new-title").value = "Kasus: nakke"
    one(app, "pr-create").click()
    assert app.step is Step.case
    assert [s.title for s in workspace.list_workbooks()] == ["Kasus: nakke"]
    assert workspace.last_opened() == str(app.workbook.meta.id)


def test_a_failing_handler_shows_a_message_not_a_traceback(opened: ReflectionApp) -> None:
    def broken(_change: object) -> None:
        raise RuntimeError("boom")

    guarded = opened.guard(broken)
    guarded(None)
    assert "Something went wrong" in text_of(opened) or "Noe gikk galt" in text_of(opened)
    assert "boom" not in text_of(opened)


def test_a_full_disk_says_not_saved_and_keeps_the_work(
    opened: ReflectionApp, clock: ManualScheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    one(opened, "pr-likes").value = "Svømming med barnebarna"
    clock.advance(1)
    assert "Ikke lagret: disken er full" in opened.status.value
    assert "disken er full" in text_of(opened)
    assert opened.workbook.case.likes_to_do == "Svømming med barnebarna"
    opened.go(Step.summary)
    download = next(
        w
        for w in walk(opened.widget)
        if isinstance(w, DownloadButton) and w.css_class == "pr-download-json"
    )
    assert "Svømming med barnebarna".encode() in download._produce()
    monkeypatch.undo()
    opened.go(Step.case)
    one(opened, "pr-likes").value = "Svømming med barnebarna!"
    clock.advance(1)
    assert on_disk(opened)["case"]["likes_to_do"] == "Svømming med barnebarna!"


def test_personal_data_is_flagged_replaced_and_confirmed(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    one(opened, "pr-activity-history").value = "Pasienten heter Kari, tlf. 912 34 567."
    warnings = [w.value for w in find(opened, "pr-privacy-warning") if w.value]
    assert any("telefonnummer «912 34 567»" in w for w in warnings)
    opened.go(Step.summary)
    assert "mulige personopplysninger" in text_of(opened)
    one(opened, "pr-submit").click()
    assert "bekreft" in text_of(opened)
    assert opened.workbook.meta.status is Status.draft
    one(opened, "pr-privacy-replace").click()
    assert "[TELEFON]" in opened.workbook.case.activity_history
    assert "912 34 567" not in on_disk(opened)["case"]["activity_history"]
    assert "Ingen personopplysninger funnet" in text_of(opened)


def test_submitting_with_findings_records_the_confirmation(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    one(opened, "pr-likes").value = "Ring meg på 912 34 567"
    opened.go(Step.summary)
    one(opened, "pr-privacy-confirm").value = True
    one(opened, "pr-submit").click()
    one(opened, "pr-submit-confirm").click()
    assert opened.workbook.meta.status is Status.submitted
    assert on_disk(opened)["meta"]["privacy_confirmed"] is True


def test_unsaved_edits_are_marked_until_saved(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    workspace = opened.workspace
    workbook_id = opened.workbook.meta.id
    one(opened, "pr-likes").value = "Yoga"
    assert workspace.wait_for_pending(workbook_id, timeout=0) is False
    clock.advance(1)
    assert workspace.wait_for_pending(workbook_id, timeout=0) is True


def test_a_read_only_workbook_offers_nothing_to_add(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    saved = workspace.create(with_status(new_workbook("Levert"), Status.submitted))
    app = ReflectionApp(
        workspace=workspace,
        lang="en",
        scheduler=clock,
        query=f"workbook={saved.meta.id}&step=barriers",
    )
    assert not find(app, "pr-add-barriers-catalogue")
    assert not find(app, "pr-catalogue")


def test_a_language_switch_keeps_a_new_workbooks_title(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    """Is a title typed on Start, not yet a workbook, still there after switching language?"""
    app = ReflectionApp(workspace=workspace, lang="nb", scheduler=clock)
    one(app, "pr-new-title").value = "Kasus: halvveis skrevet"
    one(app, "pr-search").value = "kne"
    app.set_language("en")
    assert one(app, "pr-new-title").value == "Kasus: halvveis skrevet"
    assert one(app, "pr-search").value == "kne"
    assert one(app, "pr-new-title").description != "", "labelled in the new language"


def test_a_renamed_barrier_card_takes_its_new_title_at_once(opened: ReflectionApp) -> None:
    opened.go(Step.barriers)
    one(opened, "pr-add-barriers-own").click()
    one(opened, "pr-entry-label").value = "Redd for å falle på isen"
    titles = [
        w.value
        for w in find(opened, "pr-barrier")
        for w in walk(w)
        if isinstance(w, widgets.HTML) and "pr-card-title" in w.value
    ]
    assert any("1. Redd for å falle på isen" in title for title in titles)
    assert opened.workbook.barriers[0].label == "Redd for å falle på isen"


def test_a_link_to_the_start_step_with_a_workbook_stays_there(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    saved = workspace.create(new_workbook("Kasus: lenke"))
    app = ReflectionApp(
        workspace=workspace,
        lang="nb",
        scheduler=clock,
        query=f"workbook={saved.meta.id}&step=start",
    )
    assert app.step is Step.start
    assert app.session is not None


def test_replacing_says_how_many_files_were_cleaned_and_indirect_details_get_a_note(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    """Does the Summary say that earlier versions were cleaned too, and note details that
    could identify the patient together (never replacing them)?"""
    one(opened, "pr-activity-history").value = "Tlf. 912 34 567. Hun er 47 år og bor på Værøy."
    clock.advance(1)
    one(opened, "pr-activity-history").value = "Tlf. 912 34 567. Hun er 47 år og bor på Værøy!"
    clock.advance(1)
    opened.go(Step.summary)
    notes = [w.value for w in find(opened, "pr-privacy-indirect")]
    assert notes and "helsepersonelloven § 21" in notes[0]
    one(opened, "pr-privacy-replace").click()
    assert "Tidligere versjoner og kopier er renset" in text_of(opened)
    assert "Værøy" in opened.workbook.case.activity_history, "indirect details are not replaced"
    history = opened.workspace.root / ".physioreflect" / "history" / str(opened.workbook.meta.id)
    assert all("912 34 567" not in p.read_text("utf-8") for p in history.glob("*.json"))


def test_adding_a_barrier_keeps_the_cards_already_built(opened: ReflectionApp) -> None:
    """Is a new barrier one new card, and does removing one renumber the rest in place?"""
    opened.go(Step.barriers)
    one(opened, "pr-add-barriers-own").click()
    one(opened, "pr-add-barriers-own").click()
    first, second = find(opened, "pr-barrier")
    one(opened, "pr-add-barriers-own").click()
    cards = find(opened, "pr-barrier")
    assert cards[:2] == [first, second], "the first two cards are the same widgets"
    remove = [w for w in walk(first) if "pr-remove-entry" in getattr(w, "_dom_classes", ())]
    remove[0].click()
    cards = find(opened, "pr-barrier")
    assert cards[0] is second
    assert "pr-entry-1" in second._dom_classes
    assert "pr-entry-2" not in second._dom_classes
    assert len(opened.workbook.barriers) == 2


def test_switching_language_changes_the_texts_of_the_widgets_in_the_page(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    """Does a language switch keep the page's widgets (the browser's models) and change only
    what differs, with the view's handlers working on in the new language?"""
    opened.go(Step.case)
    bokmal = opened.current_view
    models = [w.model_id for w in walk(bokmal.widget)]
    opened.set_language("en")
    english = opened.current_view
    assert english is not bokmal, "a view of its own, in English"
    assert [w.model_id for w in walk(english.widget)] == models, "the same models in the page"
    assert bokmal.widget.comm is None, "the old view's widgets gave their comms away"
    one_visible(opened, "pr-likes").value = "Dancing in the kitchen"
    assert opened.workbook.case.likes_to_do == "Dancing in the kitchen", "its handlers are live"
    opened.set_language("nb")
    assert [w.model_id for w in walk(opened.current_view.widget)] == models
    assert one_visible(opened, "pr-likes").value == "Dancing in the kitchen"
    clock.advance(10)
    assert all(w.comm is not None for w in walk(opened.current_view.widget)), "nothing closed"


def one_visible(app: ReflectionApp, css: str) -> Any:
    """The widget with class ``css`` in the view on screen (hidden views hold one too)."""
    found = [w for w in walk(app.current_view.widget) if css in getattr(w, "_dom_classes", ())]
    assert found, f"no widget with class {css} on screen"
    return found[0]


def test_a_date_is_typed_day_first_in_the_interface_language(
    opened: ReflectionApp,
) -> None:
    import datetime as dt  # noqa: PLC0415

    opened.controller.go(Step.plan)
    field = one(opened, "pr-follow-up")
    assert field.placeholder == "dd.mm.åååå" and field.value == ""
    field.value = "15.3.27"
    assert opened.workbook.plan.follow_up == dt.date(2027, 3, 15)
    assert field.value == "15.03.2027"
    assert "15. mars 2027" in text_of(opened)
    # A day the month does not have is explained, and the date kept.
    field.value = "31.02.2027"
    assert opened.workbook.plan.follow_up == dt.date(2027, 3, 15)
    assert message("date.invalid", "nb", placeholder="dd.mm.åååå", example="15.03.2027") in (
        html.unescape(text_of(opened))
    )
    field.value = ""
    assert opened.workbook.plan.follow_up is None
    # In English, the English form.
    opened.set_language("en")
    opened.controller.go(Step.plan)
    english = one(opened, "pr-follow-up")
    assert english.placeholder == "dd/mm/yyyy"
    english.value = "2027-03-15"
    assert english.value == "15/03/2027"
