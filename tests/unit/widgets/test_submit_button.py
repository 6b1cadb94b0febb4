"""The Submit button with a shared submissions folder, in-process: is the folder the server
was given the one the copy goes to, and does a page whose copy failed say so?"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from physioreflect.app import ManualScheduler
from physioreflect.model import Status
from physioreflect.storage import SUBMISSIONS_ENV, Workspace, submissions_of
from physioreflect.widgets import ReflectionApp
from physioreflect.widgets.app import reflection_app
from tests.strategies import new_workbook


def _walk(widget: widgets.Widget) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _one(root: widgets.Widget, css: str) -> Any:
    found = [w for w in _walk(root) if css in getattr(w, "_dom_classes", ())]
    assert found, f"no widget with class {css}"
    return found[0]


def _text(root: widgets.Widget) -> str:
    return html.unescape(
        "\n".join(w.value for w in _walk(root) if isinstance(w, widgets.HTML | widgets.Label))
    )


def test_does_the_page_hand_in_to_the_folder_serve_was_given(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "submissions"
    monkeypatch.setenv(SUBMISSIONS_ENV, str(folder))
    saved = workspace.create(new_workbook("Kasus: nakke"))
    query = f"workbook={saved.meta.id}&step=summary"
    page = reflection_app(workspace=workspace, lang="en", query=query)
    _one(page, "pr-submit").click()
    _one(page, "pr-submit-confirm").click()
    [copy] = submissions_of(folder, saved.meta.id)
    assert workspace.open(saved.meta.id).meta.submitted == copy.submitted
    assert "The workbook has been submitted." in _text(page)


def test_does_a_copy_that_failed_say_why_and_keep_the_draft(
    workspace: Workspace, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "submissions.txt"
    not_a_folder.write_text("not a folder", encoding="utf-8")
    saved = workspace.create(new_workbook("Kasus: nakke"))
    app = ReflectionApp(
        workspace=workspace,
        lang="nb",
        scheduler=ManualScheduler(),
        query=f"workbook={saved.meta.id}&step=summary",
        submissions=not_a_folder,
    )
    _one(app.widget, "pr-submit").click()
    _one(app.widget, "pr-submit-confirm").click()
    shown = _text(app.banner)
    assert f"Ikke levert: innleveringsmappa {not_a_folder} kan ikke brukes" in shown
    assert "Arbeidsboka di er ikke endret." in shown
    assert app.workbook.meta.status is Status.draft
    assert workspace.open(saved.meta.id).meta.status is Status.draft
    assert _one(app.widget, "pr-submit")  # Submit is still there to try again
