"""Steps not shown yet are built while the page is quiet, so that a first visit only shows what
is already in the page. Nothing is built on the Start step without a workbook, and a user who
clicks or types keeps the kernel to themselves."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

from physioreflect.app import STEPS, ManualScheduler, Step
from physioreflect.model import Section, Workbook
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp
from physioreflect.widgets import app as app_module
from physioreflect.widgets.app import (
    PREPARE_AFTER,
    PREPARE_NEXT,
    PREPARE_WHEN_BUSY,
    machine_busy,
)
from tests.unit.widgets.test_language_in_place import Sent, app_at, sent, tree

__all__ = ["sent"]  # the fixture, shared


def prepared_app(
    workspace: Workspace,
    workbook: Workbook | None,
    step: Step,
    busy: Callable[[], bool] = lambda: False,
) -> ReflectionApp:
    query = "" if workbook is None else f"workbook={workspace.import_workbook(workbook).meta.id}"
    return ReflectionApp(
        workspace=workspace,
        lang="nb",
        scheduler=ManualScheduler(),
        query=f"{query}&step={step.value}" if query else "",
        prepare_steps=True,
        busy=busy,
    )


def clock(app: ReflectionApp) -> ManualScheduler:
    scheduler = app.controller.scheduler
    assert isinstance(scheduler, ManualScheduler)
    return scheduler


def quiet(app: ReflectionApp, seconds: float) -> None:
    clock(app).advance(seconds)


def ready(app: ReflectionApp) -> bool:
    return "pr-steps-ready" in app.widget._dom_classes


def test_every_step_is_ready_a_little_after_the_page_went_quiet(
    tmp_path: Any, samples: list[Workbook], sent: Sent
) -> None:
    app = prepared_app(Workspace(tmp_path), samples[0], Step.case)
    assert set(app._views) == {Step.case} and not ready(app)
    quiet(app, PREPARE_AFTER - 0.1)
    assert set(app._views) == {Step.case}, "not before the page has been quiet a while"
    quiet(app, 0.1)
    assert set(app._views) == {Step.case, Step.perspective}, "the next step first"
    for _ in STEPS:
        quiet(app, PREPARE_NEXT)
    assert set(app._views) == set(STEPS) and ready(app)
    hidden = [v.widget.layout.display for s, v in app._views.items() if s is not Step.case]
    assert hidden == ["none"] * (len(STEPS) - 1), "built hidden"
    assert [v.widget for v in app._views.values()] == list(app.body.children)
    sent.opened.clear()
    for step in STEPS:
        app.go(step)
        assert app.current_view.widget.layout.display == ""
    assert not sent.drawn(app), "a first visit draws nothing new"


def test_clicks_and_typing_keep_the_steps_waiting(tmp_path: Any, samples: list[Workbook]) -> None:
    draft = next(s for s in samples if s.meta.status.value == "draft")
    app = prepared_app(Workspace(tmp_path), draft, Step.case)
    for _ in range(4):
        quiet(app, PREPARE_AFTER / 2)
        app.edit(Section.case, lambda wb: setattr(wb.case, "likes_to_do", "Dans"))
    quiet(app, PREPARE_AFTER / 2)
    app.go(Step.reflection)
    quiet(app, PREPARE_AFTER / 2)
    assert set(app._views) == {Step.case, Step.reflection}, "nothing built while busy"
    quiet(app, PREPARE_AFTER / 2)
    assert Step.summary in app._views, "after the current step first"


def test_nothing_is_prepared_on_the_start_step_without_a_workbook(tmp_path: Any) -> None:
    app = prepared_app(Workspace(tmp_path), None, Step.start)
    quiet(app, 60)
    assert set(app._views) == {Step.start}
    assert not ready(app)


def test_steps_prepared_in_one_language_follow_a_switch_while_hidden(
    tmp_path: Any, samples: list[Workbook], sent: Sent
) -> None:
    app = prepared_app(Workspace(tmp_path), samples[1], Step.case)
    quiet(app, PREPARE_AFTER + PREPARE_NEXT * len(STEPS))
    assert ready(app)
    app.set_language("en")
    assert not ready(app)
    quiet(app, PREPARE_AFTER + PREPARE_NEXT * len(STEPS))
    assert ready(app)
    sent.shows(app.widget)
    assert [v.widget.layout.display for v in app._views.values()].count("") == 1, "one shown"
    sent.opened.clear()
    app.go(Step.barriers)
    assert not sent.drawn(app)
    fresh = app_at(Workspace(tmp_path / "fresh"), samples[1], Step.barriers, "en")
    assert tree(app.current_view.widget) == tree(fresh.current_view.widget)


def test_a_step_that_fails_to_build_ahead_says_nothing_and_is_built_when_shown(
    tmp_path: Any, samples: list[Workbook], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Work nobody asked for must not put an error in front of someone who did nothing."""
    app = prepared_app(Workspace(tmp_path), samples[0], Step.case)
    real_build = app_module.build_view
    broken = {"on": True}

    def failing(ctx: Any, step: Step) -> Any:
        if broken["on"]:
            raise RuntimeError("a view that cannot be built now")
        return real_build(ctx, step)

    monkeypatch.setattr(app_module, "build_view", failing)
    banner_before = list(app.banner.children)
    quiet(app, PREPARE_AFTER)
    assert list(app.banner.children) == banner_before, "nothing said"
    assert set(app._views) == {Step.case}
    broken["on"] = False
    app.go(Step.perspective)
    assert app.current_view.widget.layout.display == ""


def test_a_busy_machine_builds_nothing_ahead_until_it_is_less_busy(
    tmp_path: Any, samples: list[Workbook]
) -> None:
    """A class opening its workbooks at once: pages still loading come first."""
    load = {"busy": True}
    app = prepared_app(Workspace(tmp_path), samples[0], Step.case, busy=lambda: load["busy"])
    quiet(app, PREPARE_AFTER + PREPARE_WHEN_BUSY * 3)
    assert set(app._views) == {Step.case} and not ready(app)
    load["busy"] = False
    quiet(app, PREPARE_WHEN_BUSY + PREPARE_NEXT * (len(STEPS) + 1))
    assert set(app._views) == set(STEPS) and ready(app)


def test_busy_means_every_core_had_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    monkeypatch.setattr(os, "getloadavg", lambda: (2.5, 1.0, 1.0))
    assert machine_busy()
    monkeypatch.setattr(os, "getloadavg", lambda: (1.9, 3.0, 3.0))
    assert not machine_busy()

    def unknown() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(os, "getloadavg", unknown)
    assert not machine_busy(), "when it cannot be told, the steps are prepared"
