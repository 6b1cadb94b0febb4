"""The student workbook's controller, without a widget or a kernel: steps, language,
opening, validated edits, submitting with the privacy rule, redaction and conflicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from physioreflect.app import (
    ManualScheduler,
    PrivacyNotConfirmed,
    ReadOnlyWorkbook,
    SaveStatus,
    Step,
    WorkbookController,
)
from physioreflect.errors import InvalidWorkbook, UnsafeWorkbookId
from physioreflect.model import (
    ExerciseAttempt,
    Section,
    Status,
    Workbook,
    dump_workbook,
)
from physioreflect.storage import Workspace


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture
def controller(workspace: Workspace, clock: ManualScheduler) -> WorkbookController:
    return WorkbookController(workspace=workspace, lang="nb", scheduler=clock)


def _opened(controller: WorkbookController, title: str = "Kasus: hofte") -> Workbook:
    controller.create(Workbook.new(title=title))
    return controller.workbook


def test_without_a_workbook_only_the_start_step_can_be_shown(
    controller: WorkbookController,
) -> None:
    """Does asking for a step with nothing open stay on the start step?"""
    controller.go(Step.plan)
    assert controller.step is Step.start
    assert controller.read_only


def test_creating_opens_the_case_step_and_tells_the_views(
    controller: WorkbookController,
) -> None:
    """Are the views told that the whole workbook changed when one is opened?"""
    seen: list[Section | None] = []
    controller.on_workbook(seen.append)
    _opened(controller)
    assert controller.step is Step.case
    assert seen == [None]


def test_switching_steps_saves_pending_work_first(
    controller: WorkbookController, workspace: Workspace
) -> None:
    """Is what was typed on one step on disk before the next step is shown?"""
    workbook = _opened(controller)
    controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "Dans"))
    steps: list[Step] = []
    controller.on_step(lambda: steps.append(controller.step))
    controller.go(Step.perspective)
    assert steps == [Step.perspective]
    assert workspace.open(str(workbook.meta.id)).case.likes_to_do == "Dans"


def test_language_switch_keeps_every_edit(controller: WorkbookController) -> None:
    """Does switching language lose nothing and tell the listeners once?"""
    _opened(controller)
    controller.edit(Section.case, lambda w: setattr(w.case, "activity_history", "Gikk mye"))
    calls: list[str] = []
    controller.on_language(lambda: calls.append(controller.lang))
    controller.set_language("en")
    controller.set_language("en")
    controller.set_language("xx")
    assert calls == ["en"]
    assert controller.workbook.case.activity_history == "Gikk mye"
    assert controller.t("app.back") != ""


def test_an_append_beyond_the_limit_is_refused_at_once(controller: WorkbookController) -> None:
    """Is an in-place append that breaks a limit refused by the edit, not by a later save?"""
    _opened(controller)
    for n in range(50):
        controller.edit(
            Section.case,
            lambda w, n=n: w.case.previous_attempts.append(ExerciseAttempt(what=f"#{n}")),
        )
    with pytest.raises(InvalidWorkbook) as caught:
        controller.edit(
            Section.case, lambda w: w.case.previous_attempts.append(ExerciseAttempt(what="51"))
        )
    assert caught.value.problems[0].loc[:2] == ("case", "previous_attempts")
    assert len(controller.workbook.case.previous_attempts) == 50, "the workbook is unchanged"


def test_a_refused_value_leaves_the_workbook_unchanged(controller: WorkbookController) -> None:
    """Does a value pydantic refuses leave the previous one in place?"""
    _opened(controller)
    controller.edit(Section.perspective, lambda w: setattr(w.perspective, "conviction", 7))
    with pytest.raises(InvalidWorkbook):
        controller.edit(Section.perspective, lambda w: setattr(w.perspective, "conviction", 11))
    assert controller.workbook.perspective.conviction == 7


def test_submitting_with_findings_needs_a_recorded_confirmation(
    controller: WorkbookController, workspace: Workspace
) -> None:
    """Is a workbook with personal data left refused until the author confirms, and is the
    confirmation recorded?"""
    workbook = _opened(controller)
    controller.edit(
        Section.case, lambda w: setattr(w.case, "activity_history", "Ring meg på 912 34 567")
    )
    with pytest.raises(PrivacyNotConfirmed):
        controller.submit(privacy_confirmed=False)
    assert controller.workbook.meta.status is Status.draft
    assert controller.submit(privacy_confirmed=True)
    saved = workspace.open(str(workbook.meta.id))
    assert saved.meta.status is Status.submitted
    assert saved.meta.privacy_confirmed is True
    assert controller.read_only
    with pytest.raises(ReadOnlyWorkbook):
        controller.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "x"))


def test_a_clean_workbook_submits_without_confirmation(controller: WorkbookController) -> None:
    _opened(controller)
    assert controller.submit(privacy_confirmed=False)
    assert controller.workbook.meta.privacy_confirmed is False


def test_redaction_replaces_findings_and_saves_at_once(
    controller: WorkbookController, workspace: Workspace
) -> None:
    """Does "replace with placeholders" reach the file right away?"""
    workbook = _opened(controller)
    controller.edit(
        Section.case, lambda w: setattr(w.case, "activity_history", "E-post: kari@example.no")
    )
    controller.save_pending()
    done = controller.redact()
    assert done.replaced == 1
    on_disk = workspace.open(str(workbook.meta.id))
    assert "kari@example.no" not in on_disk.case.activity_history
    assert controller.workbook.meta.revision == on_disk.meta.revision, "continues from disk"
    history = workspace.root / ".physioreflect" / "history" / str(workbook.meta.id)
    left = [p.name for p in history.glob("*.json") if "kari@example.no" in p.read_text("utf-8")]
    assert left == [], "no earlier revision keeps the address"
    assert done.files_cleaned >= 2
    assert controller.redact().replaced == 0


def test_details_that_identify_together_give_a_soft_warning(
    controller: WorkbookController,
) -> None:
    """Do an exact age and a small place together give the warning, and one alone not?"""
    _opened(controller)
    assert controller.indirect_warning() is None
    controller.edit(
        Section.case,
        lambda w: setattr(w.case, "activity_history", "Hun er 47 år og bor på Værøy."),
    )
    warning = controller.indirect_warning()
    assert warning is not None
    assert len(warning.kinds) >= 2


def test_the_page_address_opens_workbook_step_and_language(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    saved = workspace.create(Workbook.new(title="Kasus"))
    controller = WorkbookController(workspace=workspace, scheduler=clock)
    controller.open_from_query(f"?workbook={saved.meta.id}&step=plan&lang=en")
    assert (controller.step, controller.lang) == (Step.plan, "en")
    assert controller.workbook.meta.id == saved.meta.id


def test_a_link_that_is_not_a_workbook_id_is_refused(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    controller = WorkbookController(workspace=workspace, scheduler=clock)
    with pytest.raises(UnsafeWorkbookId):
        controller.open_from_query("workbook=../../etc/passwd")
    assert controller.step is Step.start


def test_a_conflict_keeps_both_versions_and_lets_the_user_choose(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    """Two tabs on one workbook: is the second save kept as a copy, and can either version
    be continued?"""
    saved = workspace.create(Workbook.new(title="Kasus"))
    first = WorkbookController(workspace=workspace, scheduler=clock)
    second = WorkbookController(workspace=workspace, scheduler=clock)
    for tab in (first, second):
        tab.open(str(saved.meta.id))
    first.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "første"))
    first.save_pending()
    second.edit(Section.case, lambda w: setattr(w.case, "likes_to_do", "andre"))
    second.save_pending()
    assert second.session is not None
    state = second.session.state
    assert state.status is SaveStatus.conflict
    assert second.read_only
    copy_id = str(state.error.params["copy_id"]) if state.error else ""
    second.keep_copy(copy_id)
    assert second.workbook.case.likes_to_do == "andre"
    assert str(second.workbook.meta.id) == copy_id
    assert not second.read_only
    first.reload_theirs()
    assert first.workbook.case.likes_to_do == "første"


def test_importing_a_file_checks_it_before_saving(
    controller: WorkbookController, workspace: Workspace, tmp_path: Path
) -> None:
    """Is a broken upload refused with nothing written, and a good one opened?"""
    with pytest.raises(InvalidWorkbook):
        controller.import_file(b'{"meta": {"schema_version": 2}}', name="broken.json")
    assert workspace.list_workbooks() == []
    good = json.loads(dump_workbook(Workbook.new(title="Fra en annen maskin")))
    controller.import_file(json.dumps(good).encode(), name="good.json")
    assert controller.workbook.meta.title == "Fra en annen maskin"
    assert controller.step is Step.case
