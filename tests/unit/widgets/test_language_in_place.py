"""A language switch changes the texts of the widgets already in the page: the views built
again off the page take over the page's widgets (``widgets/_in_place.py``). What the page ends
up with must be exactly what building the step in that language shows, and the browser must be
sent only updates of models it has."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import comm
import ipywidgets as widgets
import pytest
from ipywidgets.widgets.widget import _remove_buffers

from physioreflect.app import ManualScheduler, Step
from physioreflect.fixtures import synthetic_workbooks
from physioreflect.model import Section, Workbook
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp, _shared
from physioreflect.widgets._in_place import build_off_page, real_comms


def tree(widget: Any, seen: dict[int, int] | None = None) -> Any:
    """A widget tree's synced state with models named by where they are, not by id."""
    seen = {} if seen is None else seen
    if not isinstance(widget, widgets.Widget):
        return widget
    if id(widget) in seen:
        return ("same as", seen[id(widget)])
    seen[id(widget)] = len(seen)
    state: dict[str, Any] = {"class": type(widget).__name__}
    for name in widget.keys:
        value = getattr(widget, name)
        if isinstance(value, (tuple, list)) and any(isinstance(v, widgets.Widget) for v in value):
            state[name] = [tree(v, seen) for v in value]
        elif isinstance(value, widgets.Widget):
            state[name] = tree(value, seen)
        elif name not in ("comm",):
            state[name] = value
    return state


class Sent:
    """Every message the kernel's comms publish, by type."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, dict[str, Any]]] = []
        self.opened: list[str] = []

        self.page: dict[str, dict[str, Any]] = {}
        """What the browser knows of each model, from the messages alone."""

    def record(self, comm_id: str, msg_type: str, data: Any = None) -> None:
        data = data or {}
        self.messages.append((msg_type, data))
        if msg_type == "comm_open":
            self.opened.append(comm_id)
            self.page[comm_id] = json.loads(json.dumps(data["state"]))
        elif msg_type == "comm_msg" and data.get("method") == "update":
            self.page[comm_id].update(json.loads(json.dumps(data["state"])))
        elif msg_type == "comm_msg" and data.get("content", {}).get("type") == "states":
            # What the batch's script in the page does: each model takes its state.
            for model, state in data["content"]["states"].items():
                self.page[model].update(json.loads(json.dumps(state)))
        elif msg_type == "comm_close":
            self.page.pop(comm_id, None)

    def shows(self, root: widgets.Widget) -> None:
        """Is every model under ``root`` in the browser as the kernel has it?"""
        for widget in walk_all(root):
            state, _paths, _buffers = _remove_buffers(widget.get_state())
            assert self.page.get(widget.model_id) == json.loads(json.dumps(state)), widget

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [data for msg_type, data in self.messages if msg_type == kind]

    def drawn(self, app: ReflectionApp) -> list[str]:
        """New models, but for a message in the banner (a read-only workbook's notice is
        said again in the new language)."""
        banner = {w.model_id for w in walk(app.banner)}
        return [model for model in self.opened if model not in banner]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    recorder = Sent()

    def publish_msg(_comm: Any, msg_type: str, data: Any = None, *_a: Any, **_k: Any) -> None:
        recorder.record(_comm.comm_id, msg_type, data)

    monkeypatch.setattr(comm.DummyComm, "publish_msg", publish_msg)  # type: ignore[attr-defined]
    # Shared layouts and styles are made again, so that the page here hears of them too.
    _shared._layout.cache_clear()
    _shared._style.cache_clear()
    return recorder


def walk_all(widget: widgets.Widget, seen: set[int] | None = None) -> Iterator[widgets.Widget]:
    """Every model ``widget`` names, layouts and styles too."""
    seen = set() if seen is None else seen
    if id(widget) in seen:
        return
    seen.add(id(widget))
    yield widget
    for name in widget.keys:
        value = getattr(widget, name)
        for item in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(item, widgets.Widget):
                yield from walk_all(item, seen)


def walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def app_at(workspace: Workspace, workbook: Workbook, step: Step, lang: str) -> ReflectionApp:
    saved = workspace.import_workbook(workbook)
    return ReflectionApp(
        workspace=workspace,
        lang=lang,
        scheduler=ManualScheduler(),
        query=f"workbook={saved.meta.id}&step={step.value}",
    )


def workbooks(samples: list[Workbook]) -> list[Workbook]:
    return [*samples, *synthetic_workbooks(6, seed=8)]


@pytest.mark.parametrize("step", list(Step), ids=lambda s: s.value)
def test_a_switched_step_shows_what_a_step_built_in_that_language_shows(
    tmp_path: Any, samples: list[Workbook], step: Step, sent: Sent
) -> None:
    for number, workbook in enumerate(workbooks(samples)):
        for first, then in (("nb", "en"), ("en", "nb")):
            workspace = Workspace(tmp_path / f"{number}-{first}")
            app = app_at(workspace, workbook, step, first)
            before = [w.model_id for w in walk(app.current_view.widget)]
            sent.messages.clear()
            sent.opened.clear()
            app.set_language(then)
            after = app.current_view.widget
            assert [w.model_id for w in walk(after)] == before, "the page's models kept"
            sent.shows(app.widget)
            assert not sent.drawn(app), "nothing drawn anew"
            # Built in the same workspace, so that it lists the same files with the same times
            # (the Start step shows when each was saved, to the minute).
            fresh = ReflectionApp(
                workspace=workspace,
                lang=then,
                scheduler=ManualScheduler(),
                query=f"workbook={workbook.meta.id}&step={step.value}",
            )
            assert tree(after) == tree(fresh.current_view.widget), (step, first, then)


def test_only_what_differs_is_sent(tmp_path: Any, samples: list[Workbook], sent: Sent) -> None:
    app = app_at(Workspace(tmp_path), samples[-1], Step.barriers, "nb")
    models = sum(1 for _ in walk(app.current_view.widget))
    sent.messages.clear()
    sent.opened.clear()
    app.set_language("en")
    updates = sent.of("comm_msg")
    assert updates, "the texts were sent"
    assert all(data.get("method") == "update" for data in updates)
    assert not sent.drawn(app) and not sent.of("comm_close")
    assert len(updates) < models, "not every model: only those whose texts differ"
    for data in updates:
        assert "_view_name" not in data["state"] and "_model_name" not in data["state"]


def test_a_step_hidden_at_the_switch_takes_the_language_when_shown(
    tmp_path: Any, samples: list[Workbook]
) -> None:
    app = app_at(Workspace(tmp_path), samples[0], Step.perspective, "nb")
    hidden = app.current_view.widget
    app.go(Step.case)
    app.set_language("en")
    assert app._views[Step.perspective].widget is hidden, "left as it was while hidden"
    app.go(Step.perspective)
    fresh = app_at(Workspace(tmp_path / "fresh"), samples[0], Step.perspective, "en")
    assert tree(app.current_view.widget) == tree(fresh.current_view.widget)


def test_a_list_changed_while_hidden_is_built_anew_with_its_new_shape(
    tmp_path: Any, samples: list[Workbook], sent: Sent
) -> None:
    """Another number of cards cannot take over the old ones one for one: the step is opened
    in the page as a new build, and the old one closed."""
    editable = next(s for s in samples if s.meta.status.value == "draft")
    app = app_at(Workspace(tmp_path), editable, Step.barriers, "nb")
    old = app.current_view.widget
    app.go(Step.case)
    app.set_language("en")
    assert len(app.workbook.barriers) > 1
    assert app.edit(Section.barriers, lambda wb: wb.barriers.__delitem__(slice(1, None))) is None
    sent.messages.clear()
    sent.opened.clear()
    app.go(Step.barriers)
    shown = app.current_view.widget
    assert shown is not old and shown.comm is not None
    assert sent.of("comm_open"), "drawn as a new build"
    assert len([w for w in walk(shown) if "pr-barrier" in w._dom_classes]) == 1
    sent.shows(app.widget)
    app.controller.scheduler.advance(10)  # type: ignore[attr-defined]
    assert old.comm is None, "the old view closed"


def test_a_failed_build_off_the_page_leaves_nothing_behind() -> None:
    made: list[widgets.Widget] = []

    def build() -> None:
        made.append(widgets.HTML("half built"))
        raise RuntimeError("broken view")

    with pytest.raises(RuntimeError):
        build_off_page(build)
    assert made[0].comm is None
    real = widgets.HTML("after")
    assert real.comm is not None and type(real.comm).__name__ != "_OffPageComm"


def test_widgets_kept_off_the_tree_are_opened_in_the_page_after_those_they_name() -> None:
    shared = widgets.Layout()

    def build() -> tuple[widgets.VBox, widgets.VBox]:
        inner = widgets.HTML("later")
        with real_comms():
            chrome = widgets.HTML("in the page at once")
        assert type(chrome.comm).__name__ != "_OffPageComm"
        return widgets.VBox([widgets.HTML("shown")], layout=shared), widgets.VBox([inner])

    live = widgets.VBox([widgets.HTML("gezeigt")], layout=shared)
    off = build_off_page(build)
    shown, kept = off.view
    assert off.take_over(live, shown)
    assert shown.model_id == live.model_id if live.comm else True
    for widget in (kept, *kept.children):
        assert type(widget.comm).__name__ != "_OffPageComm", "opened in the page"
    assert kept.children[0].model_id in [c.model_id for c in kept.children]


def test_a_chart_the_page_draws_stays_drawn_by_the_page(
    tmp_path: Any, samples: list[Workbook], sent: Sent
) -> None:
    """The page tells a chart once that it draws it; the chart in the new language must know
    it too, or its fallback drawing would come back with every change."""
    app = app_at(Workspace(tmp_path), samples[0], Step.barriers, "nb")
    charts = [w for w in walk_all(app.current_view.widget) if type(w).__name__ == "_LiveChart"]
    assert charts
    for chart in charts:
        chart._handle_custom_msg({"type": "live"}, [])
    outputs = [
        w
        for w in walk_all(app.current_view.widget)
        if "pr-chart-output" in getattr(w, "_dom_classes", ())
    ]
    assert all(output.outputs == () for output in outputs), "retired"
    models = [chart.model_id for chart in charts]
    sent.messages.clear()
    app.set_language("en")
    moved = [w for w in walk_all(app.current_view.widget) if type(w).__name__ == "_LiveChart"]
    assert [w.model_id for w in moved] == models
    assert all(chart.live for chart in moved)
    assert all(chart.figure != old.figure for chart, old in zip(moved, charts, strict=True))
    assert not [
        data for kind, data in sent.messages if kind == "comm_msg" and "outputs" in data["state"]
    ], "the fallback drawing is not sent again"
    sent.shows(app.widget)


def test_the_texts_go_in_one_message_once_the_page_runs_the_batch(
    tmp_path: Any, samples: list[Workbook], sent: Sent
) -> None:
    app = app_at(Workspace(tmp_path), samples[-1], Step.barriers, "nb")
    app.batch.ready = True  # as the page's script says when it runs
    sent.messages.clear()
    app.set_language("en")
    batches = [
        data for kind, data in sent.messages if data.get("content", {}).get("type") == "states"
    ]
    assert len(batches) == 1
    assert len(batches[0]["content"]["states"]) > 50, "the step's texts, all at once"
    assert len(sent.of("comm_msg")) < 40, "not an update per widget"
    sent.shows(app.widget)
    fresh = app_at(Workspace(tmp_path / "fresh"), samples[-1], Step.barriers, "en")
    assert tree(app.current_view.widget) == tree(fresh.current_view.widget)


def test_an_emptied_list_is_another_shape_not_a_text() -> None:
    """Where the page shows widgets and the new build has none, nothing is taken over: the
    page's widgets would otherwise stay, unclosed, under a box that no longer names them."""
    live = widgets.VBox([widgets.HTML("a"), widgets.HTML("b")])
    off = build_off_page(lambda: widgets.VBox([]))
    assert not off.take_over(live, off.view)
    assert all(child.comm is not None for child in live.children), "the page left as it was"
    off.open_in_page()
    assert type(off.view.comm).__name__ != "_OffPageComm"


def test_a_build_inside_real_comms_keeps_the_outer_build_off_the_page() -> None:
    def inner() -> widgets.HTML:
        return widgets.HTML("inner")

    def outer() -> tuple[widgets.HTML, widgets.HTML]:
        with real_comms():
            build_off_page(inner).open_in_page()
        return widgets.HTML("after the inner build"), widgets.HTML("")

    off = build_off_page(outer)
    assert all(type(w.comm).__name__ == "_OffPageComm" for w in off.view)
    off.open_in_page()
