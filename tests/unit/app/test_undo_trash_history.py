"""The way back, in the controller without a widget: "Angre" after "Fjern" (an edit of its
own, working after the removal was saved), the trash, and restoring an earlier revision."""

from __future__ import annotations

import pytest

from physioreflect.app import (
    UNDO_SECONDS,
    EntryList,
    ManualScheduler,
    ReadOnlyWorkbook,
    RestoreRefused,
    SaveStatus,
    WorkbookController,
    new_activity,
    new_factor,
)
from physioreflect.app._undo import entries_of
from physioreflect.content import message
from physioreflect.errors import InvalidWorkbook, WorkbookNotFound
from physioreflect.model import (
    MAX_PSFS_GOALS,
    ExerciseAttempt,
    PsfsGoal,
    Section,
    Workbook,
    new_entry_id,
)
from physioreflect.storage import Workspace

SAVED = 1.0
"""Seconds after which an edit is autosaved (the debounce is 0.8 s)."""


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture
def controller(workspace: Workspace, clock: ManualScheduler) -> WorkbookController:
    return WorkbookController(workspace=workspace, lang="nb", scheduler=clock)


def _three_of_each(controller: WorkbookController) -> Workbook:
    """A workbook open in ``controller`` with three entries in every list with "Fjern"."""
    library = controller.library
    workbook = Workbook.new(title="Kasus: tre av hvert")
    for n in range(3):
        barrier = new_factor(library, "barriers", None, lang="nb")
        barrier.label = f"Barriere {n + 1}"
        workbook.barriers.append(barrier)
        facilitator = new_factor(library, "facilitators", None, lang="nb")
        facilitator.label = f"Fremmer {n + 1}"
        workbook.facilitators.append(facilitator)
        activity = new_activity(library, None, lang="nb")
        activity.name = f"Aktivitet {n + 1}"
        workbook.plan.activities.append(activity)
        workbook.plan.goals.append(PsfsGoal(entry_id=new_entry_id(), activity=f"Mål {n + 1}"))
        workbook.case.previous_attempts.append(ExerciseAttempt(what=f"Forsøk {n + 1}"))
        workbook.case.patient_quotes.append(f"Sitat {n + 1}")
        workbook.reflection.learning_points.append(f"Punkt {n + 1}")
    controller.create(workbook)
    return controller.workbook


def _key(controller: WorkbookController, kind: EntryList, index: int) -> str | int:
    entry = entries_of(controller.workbook, kind)[index]
    return getattr(entry, "entry_id", index)


def _on_disk(controller: WorkbookController) -> Workbook:
    return controller.workspace.open(controller.workbook.meta.id)


@pytest.mark.parametrize("kind", list(EntryList))
def test_an_entry_removed_and_saved_comes_back_where_it_was(
    controller: WorkbookController, clock: ManualScheduler, kind: EntryList
) -> None:
    """Does "Angre" put the entry back in its place after the removal was autosaved, as an
    edit of its own (a new revision)?"""
    before = _three_of_each(controller)
    assert controller.remove(kind, _key(controller, kind, 1), shown=3)
    clock.advance(SAVED)
    removed = _on_disk(controller)
    assert len(entries_of(removed, kind)) == 2
    notice = controller.undo_notice()
    assert notice is not None and notice.can_undo
    assert "2" in notice.text and notice.text.startswith("Fjernet")
    assert controller.undo()
    clock.advance(SAVED)
    back = _on_disk(controller)
    assert entries_of(back, kind) == entries_of(before, kind)
    assert back.meta.revision == removed.meta.revision + 1
    assert [r.revision for r in controller.workspace.history(back.meta.id)][-3:] == [1, 2, 3]
    notice = controller.undo_notice()
    assert notice is not None and not notice.can_undo and notice.text.startswith("Angret")
    assert not controller.undo(), "an undo is undone once"


def test_the_message_names_what_was_removed_in_the_page_language(
    controller: WorkbookController,
) -> None:
    _three_of_each(controller)
    controller.remove(EntryList.barrier, _key(controller, EntryList.barrier, 0))
    assert controller.undo_notice().text == "Fjernet barrieren «Barriere 1»."  # type: ignore[union-attr]
    controller.set_language("en")
    assert controller.undo_notice().text == "Removed the barrier “Barriere 1”."  # type: ignore[union-attr]
    controller.undo()
    assert controller.undo_notice().text == "Undone: the barrier “Barriere 1” is back."  # type: ignore[union-attr]


def test_an_entry_without_a_name_is_named_by_its_place(controller: WorkbookController) -> None:
    _three_of_each(controller)
    controller.edit(Section.case, lambda w: setattr(w.case.previous_attempts[2], "what", " "))
    controller.remove(EntryList.attempt, 2, shown=3)
    assert controller.undo_notice().text == "Fjernet forsøket nr. 3."  # type: ignore[union-attr]


def test_undo_is_offered_for_at_least_ten_seconds_then_goes(
    controller: WorkbookController, clock: ManualScheduler
) -> None:
    _three_of_each(controller)
    seen: list[bool] = []
    controller.on_undo(lambda: seen.append(controller.undo_notice() is not None))
    controller.remove(EntryList.goal, _key(controller, EntryList.goal, 0))
    clock.advance(10.0)
    assert controller.undo_notice() is not None
    clock.advance(UNDO_SECONDS - 10.0)
    assert controller.undo_notice() is None
    assert not controller.undo()
    assert seen == [True, False], "the view is told when it appears and when it goes"
    assert len(_on_disk(controller).plan.goals) == 2


def test_the_next_removal_takes_the_place_of_the_last(controller: WorkbookController) -> None:
    _three_of_each(controller)
    controller.remove(EntryList.activity, _key(controller, EntryList.activity, 0))
    controller.remove(EntryList.activity, _key(controller, EntryList.activity, 0))
    controller.undo()
    names = [a.name for a in controller.workbook.plan.activities]
    assert names == ["Aktivitet 2", "Aktivitet 3"]


def test_a_second_click_on_the_same_button_removes_nothing_more(
    controller: WorkbookController,
) -> None:
    """A "Fjern" clicked twice before the list was shown again: the first click removes,
    the second (naming the place in a list of three) does nothing."""
    _three_of_each(controller)
    assert controller.remove(EntryList.quote, 0, shown=3)
    assert not controller.remove(EntryList.quote, 0, shown=3)
    barrier = _key(controller, EntryList.barrier, 0)
    assert controller.remove(EntryList.barrier, barrier)
    assert not controller.remove(EntryList.barrier, barrier)
    assert controller.workbook.case.patient_quotes == ["Sitat 2", "Sitat 3"]
    assert len(controller.workbook.barriers) == 2


def test_opening_another_workbook_ends_the_offer(
    controller: WorkbookController, workspace: Workspace
) -> None:
    first = _three_of_each(controller)
    controller.remove(EntryList.barrier, _key(controller, EntryList.barrier, 0))
    controller.create(Workbook.new(title="En annen"))
    assert controller.undo_notice() is None
    assert not controller.undo()
    controller.open(str(first.meta.id))
    assert len(controller.workbook.barriers) == 2


def test_an_undo_that_no_longer_fits_says_why_and_changes_nothing(
    controller: WorkbookController,
) -> None:
    """Five goals again before "Angre": the sixth is refused with the model's message."""
    _three_of_each(controller)
    controller.remove(EntryList.goal, _key(controller, EntryList.goal, 0))
    for n in range(MAX_PSFS_GOALS - 2):
        goal = PsfsGoal(entry_id=new_entry_id(), activity=f"Nytt mål {n}")
        controller.edit(
            Section.plan, lambda w, g=goal: setattr(w.plan, "goals", [*w.plan.goals, g])
        )
    before = controller.workbook
    with pytest.raises(InvalidWorkbook):
        controller.undo()
    assert controller.workbook == before
    assert controller.undo_notice() is None


def test_nothing_is_removed_from_a_workbook_that_cannot_be_changed(
    controller: WorkbookController,
) -> None:
    _three_of_each(controller)
    controller.submit(privacy_confirmed=True)
    with pytest.raises(ReadOnlyWorkbook):
        controller.remove(EntryList.barrier, _key(controller, EntryList.barrier, 0))
    assert controller.undo_notice() is None


# ── the trash ─────────────────────────────────────────────────────────────────────────────
def test_the_open_workbook_moved_to_the_trash_is_closed_saved_and_can_come_back(
    controller: WorkbookController, workspace: Workspace, clock: ManualScheduler
) -> None:
    workbook = _three_of_each(controller)
    told: list[str] = []
    controller.on_workspace(lambda: told.append("workspace"))
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Dans"))
    controller.trash(str(workbook.meta.id))
    assert not controller.has_workbook
    assert [s.title for s in controller.trashed()] == ["Kasus: tre av hvert"]
    assert controller.undo_notice().text == "«Kasus: tre av hvert» er lagt i papirkurven."  # type: ignore[union-attr]
    assert controller.undo()
    assert workspace.open(workbook.meta.id).case.likes_to_do == "Dans"
    assert controller.trashed() == []
    assert told == ["workspace", "workspace"]
    clock.advance(UNDO_SECONDS)
    assert controller.undo_notice() is None


def test_deleting_for_good_and_emptying_the_trash(
    controller: WorkbookController, workspace: Workspace
) -> None:
    ids = [str(workspace.create(Workbook.new(title=f"Kast {n}")).meta.id) for n in range(3)]
    for workbook_id in ids:
        controller.trash(workbook_id)
    controller.delete_for_good(ids[0])
    assert controller.undo_notice() is None, "nothing to bring back from the trash any more"
    assert sorted(s.id for s in controller.trashed()) == sorted(ids[1:])
    assert controller.empty_trash() == 2
    assert controller.trashed() == []
    with pytest.raises(WorkbookNotFound):
        controller.restore_from_trash(ids[1])


def test_a_second_click_on_the_same_button_does_nothing(
    controller: WorkbookController, workspace: Workspace
) -> None:
    """Moved, restored or deleted already: the same action again says nothing is found
    only for a workbook that is nowhere."""
    workbook_id = str(workspace.create(Workbook.new(title="Dobbeltklikk")).meta.id)
    controller.trash(workbook_id)
    controller.trash(workbook_id)
    controller.restore_from_trash(workbook_id)
    controller.restore_from_trash(workbook_id)
    assert workspace.exists(workbook_id) and not workspace.in_trash(workbook_id)
    controller.trash(workbook_id)
    controller.delete_for_good(workbook_id)
    controller.delete_for_good(workbook_id)
    with pytest.raises(WorkbookNotFound):
        controller.trash(workbook_id)


# ── history ───────────────────────────────────────────────────────────────────────────────
def test_history_lists_when_and_how_complete_newest_first(
    controller: WorkbookController,
) -> None:
    workbook = _three_of_each(controller)
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Dans"))
    controller.save_pending()
    rows = controller.history(str(workbook.meta.id))
    assert [row.revision for row in rows] == [2, 1]
    assert [row.current for row in rows] == [True, False]
    assert rows[0].text.startswith("Versjon 2 · ") and rows[0].text.endswith("% utfylt")
    assert " kl. " in rows[0].text
    controller.set_language("en")
    assert controller.history(str(workbook.meta.id))[1].text.endswith("% complete")


def test_an_earlier_revision_is_shown_read_only_as_the_summary_shows_it(
    controller: WorkbookController,
) -> None:
    workbook = _three_of_each(controller)
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Dans <i>i</i> stua"))
    controller.save_pending()
    earlier = controller.revision_html(str(workbook.meta.id), 1)
    now = controller.revision_html(str(workbook.meta.id), 2)
    assert "Barriere 1" in earlier and "Dans" not in earlier
    assert "Dans &lt;i&gt;i&lt;/i&gt; stua" in now, "what was typed is text, never markup"


def test_restoring_a_revision_of_the_open_workbook_is_a_new_revision(
    controller: WorkbookController,
) -> None:
    workbook = _three_of_each(controller)
    seen: list[Section | None] = []
    controller.on_workbook(seen.append)
    controller.edit(Section.barriers, lambda w: setattr(w, "barriers", []))
    controller.save_pending()
    assert controller.restore_revision(str(workbook.meta.id), 1) == 3
    assert [b.label for b in controller.workbook.barriers] == [
        "Barriere 1",
        "Barriere 2",
        "Barriere 3",
    ]
    assert _on_disk(controller) == controller.workbook
    assert controller.session is not None and controller.session.state.status is SaveStatus.saved
    assert seen[-1] is None, "every view shows the restored workbook"
    assert [r.revision for r in controller.workspace.history(workbook.meta.id)] == [1, 2, 3]
    assert controller.workspace.open_revision(workbook.meta.id, 2).barriers == []


def test_restoring_a_revision_of_a_workbook_not_open_here(
    controller: WorkbookController, workspace: Workspace
) -> None:
    other = workspace.create(Workbook.new(title="Ikke åpen"))
    changed = other.model_copy(deep=True)
    changed.reflection.what = "skrevet senere"
    workspace.save(changed)
    told: list[bool] = []
    controller.on_workspace(lambda: told.append(True))
    assert controller.restore_revision(str(other.meta.id), 1) == 3
    assert workspace.open(other.meta.id).reflection.what == ""
    assert told == [True]


def test_a_submitted_workbook_keeps_its_version(
    controller: WorkbookController, workspace: Workspace
) -> None:
    workbook = _three_of_each(controller)
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Dans"))
    controller.submit(privacy_confirmed=True)
    with pytest.raises(RestoreRefused) as refused:
        controller.restore_revision(str(workbook.meta.id), 1)
    assert message(refused.value.key, "nb", source="x").startswith("«x» er levert")
    controller.close()
    with pytest.raises(RestoreRefused):
        controller.restore_revision(str(workbook.meta.id), 1)
    assert workspace.open(workbook.meta.id).meta.status.value == "submitted"
