"""The cards of the Barriers step in-process: a source nobody chose yet and the facilitators'
own scale. No browser, no kernel."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
import pytest

from physioreflect.app import ManualScheduler
from physioreflect.content import message
from physioreflect.model import (
    Source,
    Workbook,
    completeness,
)
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp
from physioreflect.widgets.sections.summary import field_of
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
