"""Does the workbook's first screen (the Start step, as a Voila page builds it) leave alone
what only later steps need: plotly, pandas, Typst, the privacy scanner, the PDF export, the
content catalogues, the other steps' views, the review and the cohort overview?

Measured in a fresh interpreter: the modules a kernel holds once the Start step is built.
How much memory that saves is measured in bench/storm.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from physioreflect.storage import Workspace

SRC = Path(__file__).resolve().parents[3] / "src"

HEAVY = {
    "plotly",
    "pandas",
    "numpy",
    "typst",
    "wordfreq",
    "anywidget",
    "psygnal",
    "difflib",
    "physioreflect.privacy",
    "physioreflect.export",
    "physioreflect.cohort",
    "physioreflect.content._glossary",
    "physioreflect.render._changes",
    "physioreflect.render._document",
    "physioreflect.render._geometry",
    "physioreflect.app._cohort",
    "physioreflect.app._review",
    "physioreflect.widgets.download",
    "physioreflect.widgets.review_view",
    "physioreflect.widgets.cohort_view",
    "physioreflect.widgets.sections.case",
    "physioreflect.widgets.sections.perspective",
    "physioreflect.widgets.sections.barriers",
    "physioreflect.widgets.sections.plan",
    "physioreflect.widgets.sections.reflection",
    "physioreflect.widgets.sections.summary",
}

_START = """
import json, sys
from physioreflect.widgets import reflection_page
from physioreflect.content import library

def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)

page = reflection_page(lang="nb", query={query!r})  # no event loop: built at once
classes = sorted({{c for w in walk(page) for c in getattr(w, "_dom_classes", ())}})
print(json.dumps({{
    "modules": sorted(sys.modules),
    "classes": classes,
    "catalogues_loaded": "_catalogues" in vars(library()),
}}))
"""


def _first_screen(folder: Path, query: str = "") -> dict[str, object]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(SRC),
        "LANG": "C.UTF-8",
        "PHYSIOREFLECT_WORKSPACE": str(folder),
        "PHYSIOREFLECT_LANG": "nb",
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],  # the session's, not the home's
    }
    done = subprocess.run(
        [sys.executable, "-c", _START.format(query=query)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    from physioreflect.fixtures import sample_workbooks  # noqa: PLC0415

    folder = tmp_path / "ws"
    Workspace(folder).seed_examples(sample_workbooks())
    return folder


def test_does_the_start_step_import_only_what_it_shows(examples: Path) -> None:
    shown = _first_screen(examples)
    assert {"pr-app", "pr-create"} <= set(shown["classes"])  # type: ignore[arg-type]
    loaded = set(shown["modules"])  # type: ignore[arg-type]
    assert "physioreflect.widgets.sections.start" in loaded
    assert sorted(HEAVY & loaded) == []
    assert shown["catalogues_loaded"] is False


def test_would_the_test_above_see_a_step_that_imports_them(examples: Path) -> None:
    """(So that it can fail: opening the Summary brings the scanner, the export and its view.)"""
    workbook = Workspace(examples).list_workbooks()[0].id
    shown = _first_screen(examples, query=f"workbook={workbook}&step=summary&lang=nb")
    loaded = set(shown["modules"])  # type: ignore[arg-type]
    assert {
        "physioreflect.widgets.sections.summary",
        "physioreflect.privacy",
        "physioreflect.export",
    } <= loaded


def test_does_every_step_find_its_view_when_first_shown() -> None:
    from physioreflect.app import STEPS  # noqa: PLC0415
    from physioreflect.widgets.sections import view_class  # noqa: PLC0415

    found = {step: view_class(step) for step in STEPS}
    assert len(set(found.values())) == len(STEPS)
    for step, view in found.items():
        assert view.__module__ == f"physioreflect.widgets.sections.{step.value}"
