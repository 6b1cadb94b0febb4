"""The way back in the widgets, in-process: "Angre" after "Fjern" on every step that has one,
the trash and a workbook's history on the start step. No browser, no kernel."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ipywidgets as widgets
import pytest

from physioreflect.app import UNDO_SECONDS, ManualScheduler, Step
from physioreflect.model import ExerciseAttempt, PsfsGoal, Workbook, new_entry_id
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp
from tests.strategies import new_workbook


def walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def shown(app: ReflectionApp, css: str) -> list[Any]:
    """Widgets with the class ``css`` in what the page shows now (the current view)."""
    found = []
    for root in (app.current_view.widget, app.undo.widget, app.banner):
        found += [w for w in walk(root) if css in getattr(w, "_dom_classes", ())]
    return found


def one(app: ReflectionApp, css: str) -> Any:
    found = shown(app, css)
    assert found, f"no widget with class {css}"
    return found[0]


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture
def filled(workspace: Workspace) -> Workbook:
    workbook = Workbook.new(title="Kasus: hofte")
    workbook.plan.goals = [PsfsGoal(entry_id=new_entry_id(), activity=f"Mål {n}") for n in (1, 2)]
    workbook.case.previous_attempts = [ExerciseAttempt(what=f"Forsøk {n}") for n in (1, 2)]
    workbook.reflection.learning_points = ["Lytt først", "Spør mer"]
    return workspace.create(workbook)


def _app(workspace: Workspace, clock: ManualScheduler, query: str = "") -> ReflectionApp:
    return ReflectionApp(workspace=workspace, lang="nb", scheduler=clock, query=query)


@pytest.mark.parametrize(
    ("step", "remove_css", "entries", "message"),
    [
        (
            Step.plan,
            "pr-remove-goal",
            lambda w: [g.activity for g in w.plan.goals],
            "målet «Mål 1»",
        ),
        (
            Step.case,
            "pr-remove-attempt",
            lambda w: [a.what for a in w.case.previous_attempts],
            "forsøket «Forsøk 1»",
        ),
        (
            Step.reflection,
            "pr-remove-point",
            lambda w: list(w.reflection.learning_points),
            "læringspunktet «Lytt først»",
        ),
    ],
)
def test_remove_then_undo_on_each_step(
    workspace: Workspace,
    clock: ManualScheduler,
    filled: Workbook,
    step: Step,
    remove_css: str,
    entries: Any,
    message: str,
) -> None:
    """Does "Fjern" show "Angre" at the bottom, and does "Angre" put the entry back on the
    page and in the file after it was saved?"""
    app = _app(workspace, clock, f"workbook={filled.meta.id}&step={step.value}")
    before = entries(app.workbook)
    bar = app.undo.widget
    assert "pr-undo-shown" not in bar._dom_classes
    one(app, remove_css).click()
    clock.advance(1.0)
    assert entries(workspace.open(filled.meta.id)) == before[1:]
    assert len(shown(app, remove_css)) == len(before) - 1, "the list on the page follows"
    assert "pr-undo-shown" in bar._dom_classes
    assert message in app.undo.text.value
    assert app.undo.button.layout.display == ""
    app.undo.button.click()
    clock.advance(1.0)
    assert entries(workspace.open(filled.meta.id)) == before
    assert len(shown(app, remove_css)) == len(before)
    assert "Angret" in app.undo.text.value
    assert app.undo.button.layout.display == "none"
    clock.advance(UNDO_SECONDS)
    assert "pr-undo-shown" not in bar._dom_classes


def test_undo_from_another_step_puts_the_entry_back_where_it_was(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    """Removed on Barriers, undone on Plan: the barrier is back when Barriers is shown."""
    saved = workspace.create(new_workbook())
    app = _app(workspace, clock, f"workbook={saved.meta.id}&step=barriers")
    one(app, "pr-add-barriers-own").click()
    one(app, "pr-remove-entry").click()
    assert not shown(app, "pr-barrier")
    app.go(Step.plan)
    app.undo.button.click()
    app.go(Step.barriers)
    assert len(shown(app, "pr-barrier")) == 1


def test_the_undo_line_follows_the_language(
    workspace: Workspace, clock: ManualScheduler, filled: Workbook
) -> None:
    app = _app(workspace, clock, f"workbook={filled.meta.id}&step=plan")
    one(app, "pr-remove-goal").click()
    app.set_language("en")
    assert "Removed the goal “Mål 1”." in app.undo.text.value
    assert app.undo.button.description == "Undo"


# ── the trash ─────────────────────────────────────────────────────────────────────────────
def test_to_the_trash_and_back_from_the_start_step(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    for title in ("Beholdes", "Kastes"):
        workspace.create(new_workbook(title))
    app = _app(workspace, clock)
    assert one(app, "pr-trash-toggle").layout.display == "none", "an empty trash: nothing to show"
    row = next(r for r in shown(app, "pr-workbook-row") if "Kastes" in str(walk_text(r)))
    next(w for w in walk(row) if "pr-trash-move" in w._dom_classes).click()
    assert "Kastes" not in walk_text(app.current_view.widget).split("Papirkurven")[0]
    assert "«Kastes» er lagt i papirkurven." in app.undo.text.value
    toggle = one(app, "pr-trash-toggle")
    assert toggle.description == "Vis papirkurven (1)"
    toggle.click()
    assert len(shown(app, "pr-trash-row")) == 1
    one(app, "pr-trash-restore").click()
    assert sorted(s.title for s in workspace.list_workbooks()) == ["Beholdes", "Kastes"]
    assert workspace.trashed() == []
    assert "er hentet tilbake fra papirkurven" in walk_text(app.banner)


def test_deleting_for_good_asks_first_and_can_be_cancelled(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    ids = [workspace.create(new_workbook(f"Kast {n}")).meta.id for n in range(2)]
    for workbook_id in ids:
        workspace.trash(workbook_id)
    app = _app(workspace, clock)
    one(app, "pr-trash-toggle").click()
    shown(app, "pr-trash-delete")[0].click()
    assert "Det kan ikke angres" in walk_text(one(app, "pr-trash-question"))
    one(app, "pr-trash-delete-cancel").click()
    assert len(workspace.trashed()) == 2 and not shown(app, "pr-trash-question")
    shown(app, "pr-trash-delete")[0].click()
    one(app, "pr-trash-delete-confirm").click()
    assert len(workspace.trashed()) == 1
    one(app, "pr-trash-empty").click()
    assert "Slette arbeidsboka i papirkurven for godt" in walk_text(one(app, "pr-trash-question"))
    one(app, "pr-trash-empty-confirm").click()
    assert workspace.trashed() == []
    assert "Papirkurven er tom." in walk_text(app.current_view.widget)


def test_the_open_workbook_moved_to_the_trash_is_closed(
    workspace: Workspace, clock: ManualScheduler, filled: Workbook
) -> None:
    app = _app(workspace, clock, f"workbook={filled.meta.id}&step=start")
    row = shown(app, "pr-workbook-row")[0]
    next(w for w in walk(row) if "pr-trash-move" in w._dom_classes).click()
    assert not app.controller.has_workbook
    assert app.step is Step.start
    app.undo.button.click()
    assert [s.title for s in workspace.list_workbooks()] == ["Kasus: hofte"]


# ── history ───────────────────────────────────────────────────────────────────────────────
def test_history_shows_a_version_read_only_and_restores_it(
    workspace: Workspace, clock: ManualScheduler, filled: Workbook
) -> None:
    changed = filled.model_copy(deep=True)
    changed.reflection.learning_points = []
    workspace.save(changed)
    app = _app(workspace, clock)
    one(app, "pr-history-open").click()
    versions = one(app, "pr-history-versions")
    assert [value for _, value in versions.options] == [2, 1]
    assert versions.options[0][0].endswith("· nåværende")
    assert one(app, "pr-history-restore").disabled, "the current version is not restored"
    versions.value = 1
    assert "Lytt først" in one(app, "pr-history-preview").value
    inputs = [
        w for w in walk(one(app, "pr-history")) if isinstance(w, widgets.Text | widgets.Textarea)
    ]
    assert not inputs, "a version is looked at, never edited"
    one(app, "pr-history-restore").click()
    assert workspace.open(filled.meta.id).reflection.learning_points == ["Lytt først", "Spør mer"]
    assert "Versjon 1 er gjenopprettet som versjon 3." in walk_text(app.banner)
    assert [value for _, value in one(app, "pr-history-versions").options] == [3, 2, 1]
    one(app, "pr-history-back").click()
    assert shown(app, "pr-workbook-row")


def test_history_of_the_open_workbook_restores_into_it(
    workspace: Workspace, clock: ManualScheduler, filled: Workbook
) -> None:
    app = _app(workspace, clock, f"workbook={filled.meta.id}&step=reflection")
    one(app, "pr-remove-point").click()
    app.go(Step.start)
    one(app, "pr-history-open").click()
    one(app, "pr-history-versions").value = 1
    one(app, "pr-history-restore").click()
    assert app.workbook.reflection.learning_points == ["Lytt først", "Spør mer"]
    assert app.undo.text.value == "<div role='status'></div>", "the undo of the removal ends"
    assert one(app, "pr-history-versions").options[0][1] == 3, "the panel stays open"
    app.go(Step.reflection)
    assert len(shown(app, "pr-remove-point")) == 2


def walk_text(widget: widgets.Widget) -> str:
    parts = []
    for w in walk(widget):
        if isinstance(w, widgets.HTML):
            parts.append(w.value)
        elif isinstance(w, widgets.Button):
            parts.append(w.description)
    return "\n".join(parts)
