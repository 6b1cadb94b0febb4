"""Does the workbook's page show something at once, build the workbook when the page asks for
it (not before), and offer to try again when the workbook cannot be built?"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as widgets
import pytest

import physioreflect.widgets.app as app_module
from physioreflect.content import message
from physioreflect.storage import Workspace
from physioreflect.widgets import cohort_page, reflection_page

T = TypeVar("T")


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _classes(widget: Any) -> set[str]:
    return {css for w in _walk(widget) for css in getattr(w, "_dom_classes", ())}


def _in_a_thread(work: Callable[[], T]) -> T:
    """Run ``work`` in a thread of its own, where no event loop runs, as in a script: in this
    test process another test's Playwright (sync API) may have left its loop marked as running
    in the main thread."""
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(work())
        except BaseException as error:  # handed back to the test
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return results[0]


def test_outside_an_event_loop_is_the_workbook_built_at_once(workspace: Workspace) -> None:
    page = _in_a_thread(lambda: reflection_page(workspace=workspace, lang="en", query=""))
    assert "pr-page" in page._dom_classes
    assert {"pr-app", "pr-create"} <= _classes(page)


def _opener(page: Any) -> widgets.Button:
    return next(w for w in _walk(page) if "pr-page-open" in getattr(w, "_dom_classes", ()))


def test_in_a_kernel_is_the_workbook_built_when_the_page_presses_open_and_only_once(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[widgets.Widget] = []
    real = app_module.reflection_app

    def counted(**options: Any) -> widgets.Widget:
        built.append(real(**options))
        return built[-1]

    monkeypatch.setattr(app_module, "reflection_app", counted)

    async def cell_idle_then_pressed() -> tuple[set[str], set[str], str, set[str]]:
        page = reflection_page(workspace=workspace, lang="en", query="")
        shown = _classes(page)  # what the cell displays
        for _ in range(3):
            await asyncio.sleep(0)  # the kernel replies and goes idle; the page loads
        idle = _classes(page)
        opener = _opener(page)
        label = opener.description
        opener.click()  # the page's script, once the page shows the button
        opener.click()  # a person pressing it again (outside our page template)
        return shown, idle, label, _classes(page)

    shown, idle, label, pressed = _in_a_thread(lambda: asyncio.run(cell_idle_then_pressed()))
    assert shown == {"pr-page", "pr-page-open"}, "the cell's output is one box with its button"
    assert idle == shown, "nothing is built before the page asks for it"
    assert label == message("page.open", "en")
    assert {"pr-app", "pr-create"} <= pressed
    assert "pr-page-open" not in pressed
    assert len(built) == 1


def test_does_a_failed_build_say_so_in_the_page_language_and_try_again(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    real = app_module.reflection_app

    def broken_once(**options: Any) -> widgets.Widget:
        calls.append(options)
        if len(calls) == 1:
            raise RuntimeError("a widget could not be made")
        return real(**options)

    monkeypatch.setattr(app_module, "reflection_app", broken_once)
    page = _in_a_thread(lambda: reflection_page(workspace=workspace, query="workbook=x&lang=en"))
    assert "pr-start-failed" in _classes(page)
    texts = " ".join(w.value for w in _walk(page) if isinstance(w, widgets.HTML))
    assert message("start.failed", "en") in texts
    retry = next(w for w in _walk(page) if "pr-start-retry" in getattr(w, "_dom_classes", ()))
    assert retry.description == message("start.retry", "en")
    _in_a_thread(retry.click)
    assert len(calls) == 2
    assert "pr-start-failed" not in _classes(page)
    assert "pr-app" in _classes(page)


def test_is_the_failure_said_in_bokmal_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_options: Any) -> widgets.Widget:
        raise RuntimeError("a widget could not be made")

    monkeypatch.setattr(app_module, "reflection_app", broken)
    monkeypatch.delenv("PHYSIOREFLECT_LANG", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    page = _in_a_thread(lambda: reflection_page(workspace=Workspace(tmp_path)))
    retry = next(w for w in _walk(page) if "pr-start-retry" in getattr(w, "_dom_classes", ()))
    assert retry.description == message("start.retry", "nb")


def test_does_the_class_overview_that_cannot_start_say_so_in_its_own_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import physioreflect.widgets.cohort_view as cohort_module  # noqa: PLC0415

    def broken(**_options: Any) -> widgets.Widget:
        raise RuntimeError("a widget could not be made")

    monkeypatch.setattr(cohort_module, "cohort_app", broken)
    page = _in_a_thread(lambda: cohort_page(lang="en"))
    texts = " ".join(w.value for w in _walk(page) if isinstance(w, widgets.HTML))
    assert message("start.failed.cohort", "en") in texts
