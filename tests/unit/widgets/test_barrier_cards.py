"""The cards of the Barriers step in-process: a source nobody chose yet, the facilitators' own
scale, and techniques chosen from the taxonomy for a barrier in the patient's own words. No
browser, no kernel."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
import pytest

from physioreflect.app import ManualScheduler, Step
from physioreflect.content import library, message
from physioreflect.model import (
    Barrier,
    ComB,
    Source,
    Status,
    Theme,
    Workbook,
    completeness,
    new_entry_id,
    with_status,
)
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp
from physioreflect.widgets.sections.summary import field_of
from physioreflect.widgets.technique_picker import TechniquePicker
from tests.strategies import new_workbook


def walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def find(root: widgets.Widget, css: str) -> list[Any]:
    return [w for w in walk(root) if css in getattr(w, "_dom_classes", ())]


def one(root: widgets.Widget, css: str) -> Any:
    found = find(root, css)
    assert found, f"no widget with class {css}"
    return found[0]


def boxes(root: widgets.Widget) -> dict[str, widgets.Checkbox]:
    """The technique checkboxes shown now, by their label."""
    return {box.description: box for box in find(one(root, "pr-technique-list"), "pr-technique")}


def said(root: widgets.Widget, css: str) -> str:
    return html.unescape(" ".join(w.value for w in find(root, css)))


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


def _app(
    workspace: Workspace, clock: ManualScheduler, workbook: Workbook, lang: str = "nb"
) -> ReflectionApp:
    saved = workspace.create(workbook)
    return ReflectionApp(
        workspace=workspace,
        lang=lang,
        scheduler=clock,
        query=f"workbook={saved.meta.id}&step=barriers",
    )


@pytest.fixture
def opened(workspace: Workspace, clock: ManualScheduler) -> ReflectionApp:
    return _app(workspace, clock, new_workbook("Kasus: rygg"))


def on_disk(app: ReflectionApp) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(app.workspace.path_of(app.workbook.meta.id).read_bytes())
    return data


def _add_from_catalogue(app: ReflectionApp, kind: str) -> None:
    picker = one(app.widget, f"pr-{kind}-picker")
    catalogue = one(picker, "pr-catalogue")
    catalogue.value = catalogue.options[0][1]
    one(picker, f"pr-add-{kind}-catalogue").click()


@pytest.mark.parametrize("kind", ["barriers", "facilitators"])
@pytest.mark.parametrize("own", [True, False])
def test_a_new_entry_starts_with_its_source_unset_and_no_button_pressed(
    opened: ReflectionApp, clock: ManualScheduler, kind: str, *, own: bool
) -> None:
    if own:
        one(opened.widget, f"pr-add-{kind}-own").click()
    else:
        _add_from_catalogue(opened, kind)
    entry = getattr(opened.workbook, kind)[0]
    assert entry.source is None
    card = one(opened.widget, f"pr-{kind[:-1]}")
    source = one(card, "pr-entry-source")
    assert source.value is None
    assert [label for label, _ in source.options] == [
        message("marker.patient_said", "nb"),
        message("marker.my_assumption", "nb"),
    ]
    source.value = Source.therapist_inferred
    clock.advance(1)
    assert on_disk(opened)[kind][0]["source"] == "therapist_inferred"


def test_the_checklist_asks_for_every_barriers_source_and_lands_on_it(
    opened: ReflectionApp,
) -> None:
    one(opened.widget, "pr-add-barriers-own").click()
    sections = completeness(opened.workbook, required_prompts=())
    missing = [item.id for section in sections.values() for item in section.missing]
    assert "barriers.source" in missing
    # The link lands on the first source not chosen yet.
    assert field_of("barriers.source") == "pr-barrier-source-unset"
    assert find(opened.widget, "pr-barrier-source-unset") == find(opened.widget, "pr-entry-source")
    one(opened.widget, "pr-entry-source").value = Source.patient_reported
    assert not find(opened.widget, "pr-barrier-source-unset")
    sections = completeness(opened.workbook, required_prompts=())
    assert "barriers.source" not in [item.id for s in sections.values() for item in s.missing]


def test_a_facilitator_is_rated_on_its_own_scale(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    one(opened.widget, "pr-add-facilitators-own").click()
    card = one(opened.widget, "pr-facilitator")
    assert not find(card, "pr-entry-modifiability")
    scale = one(card, "pr-entry-build-on")
    assert scale.description == "Hvor mye vi kan bygge på det (1 = lite, 5 = mye)"
    scale.value = 4
    clock.advance(1)
    assert on_disk(opened)["facilitators"][0]["build_on"] == 4
    assert "modifiability" not in on_disk(opened)["facilitators"][0]
    one(opened.widget, "pr-add-barriers-own").click()
    barrier = one(opened.widget, "pr-barrier")
    assert one(barrier, "pr-entry-modifiability").description.startswith("Påvirkbarhet")
    assert not find(barrier, "pr-entry-build-on")


def test_only_a_barrier_in_the_patients_own_words_chooses_techniques(
    opened: ReflectionApp,
) -> None:
    _add_from_catalogue(opened, "barriers")
    assert not find(one(opened.widget, "pr-barrier"), "pr-techniques")
    assert find(one(opened.widget, "pr-barrier"), "pr-strategy")
    one(opened.widget, "pr-add-barriers-own").click()
    own = find(opened.widget, "pr-barrier")[1]
    assert find(own, "pr-techniques")
    one(opened.widget, "pr-add-facilitators-own").click()
    assert not find(one(opened.widget, "pr-facilitator"), "pr-techniques")


def test_techniques_are_chosen_saved_named_and_taken_off_again(
    opened: ReflectionApp, clock: ManualScheduler
) -> None:
    one(opened.widget, "pr-add-barriers-own").click()
    card = one(opened.widget, "pr-barrier")
    assert len(boxes(card)) == len(library().techniques)
    assert "Ingen teknikk er valgt ennå." in said(card, "pr-techniques-chosen")
    boxes(card)["BCT 8.7 Graderte oppgaver"].value = True
    boxes(card)["BCT 1.1 Målsetting (atferd)"].value = True
    assert opened.workbook.barriers[0].techniques == ["8.7", "1.1"]
    clock.advance(1)
    assert on_disk(opened)["barriers"][0]["techniques"] == ["8.7", "1.1"]
    assert "Valgt: BCT 8.7 Graderte oppgaver; BCT 1.1 Målsetting (atferd)" in said(
        card, "pr-techniques-chosen"
    )
    boxes(card)["BCT 8.7 Graderte oppgaver"].value = False
    assert opened.workbook.barriers[0].techniques == ["1.1"]
    sections = completeness(opened.workbook, required_prompts=())
    assert "barriers.strategies" not in [item.id for s in sections.values() for item in s.missing]


def test_the_search_finds_by_number_or_word_and_says_when_nothing_matches(
    opened: ReflectionApp,
) -> None:
    one(opened.widget, "pr-add-barriers-own").click()
    card = one(opened.widget, "pr-barrier")
    search = one(card, "pr-technique-search")
    search.value = "8.7"
    assert list(boxes(card)) == ["BCT 8.7 Graderte oppgaver"]
    search.value = "8"
    assert all(label.startswith("BCT 8.") for label in boxes(card))
    search.value = "sosial støtte"
    assert boxes(card) and all("Sosial støtte" in label for label in boxes(card))
    search.value = "goal"  # the taxonomy's own language finds it on a bokmål page too
    assert "BCT 1.1 Målsetting (atferd)" in boxes(card)
    search.value = "tryllestav"
    assert not boxes(card)
    assert "Ingen teknikk passer til «tryllestav»" in said(card, "pr-technique-none")
    search.value = ""
    assert len(boxes(card)) == len(library().techniques)
    assert said(card, "pr-technique-none").strip() == ""


def test_a_choice_the_model_refuses_is_explained_and_taken_back(opened: ReflectionApp) -> None:
    one(opened.widget, "pr-add-barriers-own").click()
    card = one(opened.widget, "pr-barrier")
    shown = list(boxes(card).values())
    for box in shown[:30]:
        box.value = True
    shown[30].value = True  # a barrier holds at most 30
    assert shown[30].value is False
    assert len(opened.workbook.barriers[0].techniques) == 30
    assert "høyst 30" in said(card, "pr-field-error")
    shown[0].value = False
    assert said(card, "pr-field-error").strip() == ""


def test_techniques_already_chosen_show_on_a_catalogue_barrier_and_in_english(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    """A file may hold techniques on a catalogue barrier, or a number the catalogue lost:
    both are shown checked, so they can be seen and taken off."""
    workbook = new_workbook("Case: back")
    catalogue = library().barriers[0]
    workbook.barriers.append(
        Barrier(
            entry_id=new_entry_id(),
            catalogue_id=catalogue.id,
            label=catalogue.label.en,
            theme=catalogue.theme,
            com_b=catalogue.com_b,
            techniques=["1.2", "16.9"],
        )
    )
    app = _app(workspace, clock, workbook, lang="en")
    card = one(app.widget, "pr-barrier")
    checked = [label for label, box in boxes(card).items() if box.value]
    assert checked == ["BCT 1.2 Problem solving", "BCT 16.9"]
    assert one(card, "pr-technique-search").description == "Search the techniques"


def test_a_submitted_workbook_names_its_techniques_and_offers_no_others(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    workbook = new_workbook("Kasus: levert")
    workbook.barriers.append(
        Barrier(
            entry_id=new_entry_id(),
            label="Egen",
            theme=Theme.physical,
            com_b=ComB.physical_capability,
            techniques=["1.1"],
        )
    )
    app = _app(workspace, clock, with_status(workbook, Status.submitted))
    assert app.step is Step.barriers
    card = one(app.widget, "pr-barrier")
    assert not find(card, "pr-technique") and not find(card, "pr-technique-search")
    assert "Valgt: BCT 1.1 Målsetting (atferd)" in said(card, "pr-techniques-chosen")


def test_the_picker_alone_reports_each_choice() -> None:
    """The picker as a component: the numbers chosen go to ``on_change`` in the order they
    were chosen; the search shows what ``search`` found."""
    changes: list[list[str]] = []

    def record(numbers: list[str]) -> str | None:
        changes.append(numbers)
        return None

    picker = TechniquePicker(
        techniques=[("1.1", "BCT 1.1 Goal"), ("1.2", "BCT 1.2 Problem"), ("2.3", "BCT 2.3 Log")],
        value=["2.3"],
        search=lambda words: ["1.2"] if words == "problem" else [],
        t=lambda key, **params: f"{key}:{params}" if params else key,
        on_change=record,
    )
    assert [box.value for box in picker.boxes.values()] == [False, False, True]
    picker.boxes["1.1"].value = True
    assert changes == [["2.3", "1.1"]]
    assert picker.value == ["2.3", "1.1"]
    picker.search.value = "problem"
    assert [box.description for box in picker.list.children] == ["BCT 1.2 Problem"]
