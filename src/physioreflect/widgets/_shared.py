"""Layout and style models shared between widgets.

Every ipywidgets control brings a ``Layout`` and usually a ``Style`` model of its own: three
models, three messages to the browser and three views to draw for one text field. Controls
that never change their layout or style after they are built share one instance of each
(ipywidgets allows any number of widgets to point at the same model), which cuts what a step
sends to the browser by about half. A widget whose layout is changed later (shown, hidden,
resized) must keep its own: never pass these to such a widget.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from physioreflect.content import PromptSet, Rubric, load_prompt_set, load_rubric
from physioreflect.widgets._in_place import real_comms

__all__ = ["RUBRIC_ENV", "course_prompt_set", "course_rubric", "shared_layout", "shared_look"]

RUBRIC_ENV = "PHYSIOREFLECT_RUBRIC"


@functools.cache
def _layout(settings: tuple[tuple[str, str], ...]) -> widgets.Layout:
    with real_comms():  # kept for every later view, even when made for one built off the page
        return widgets.Layout(**dict(settings))


@functools.cache
def _style(klass: type[widgets.Widget], settings: tuple[tuple[str, str], ...]) -> widgets.Widget:
    with real_comms():
        return klass(**dict(settings))


def shared_layout(**settings: str) -> widgets.Layout:
    """One ``Layout`` per set of settings, for every widget that never changes it."""
    return _layout(tuple(sorted(settings.items())))


def shared_look(control: type[widgets.DOMWidget], **style: str) -> dict[str, Any]:
    """Keyword arguments that give a new ``control`` the shared layout and, if the control
    has a style, the shared style with ``style`` settings."""
    looks: dict[str, Any] = {"layout": shared_layout()}
    trait = control.class_traits().get("style")
    klass = getattr(trait, "klass", None)
    if isinstance(klass, type):
        looks["style"] = _style(klass, tuple(sorted(style.items())))
    return looks


def course_prompt_set() -> PromptSet | None:
    """The course's prompt set ``physioreflect serve --prompts`` named for the dashboards
    (``PHYSIOREFLECT_PROMPTS``), or ``None`` for the built-in one."""
    path = os.environ.get("PHYSIOREFLECT_PROMPTS")
    return load_prompt_set(Path(path)) if path else None


def course_rubric() -> Rubric | None:
    """The course's own rubric ``physioreflect serve --rubric`` named for the review and the
    class overview (``PHYSIOREFLECT_RUBRIC``), or ``None`` for REFLECT."""
    path = os.environ.get(RUBRIC_ENV)
    return load_rubric(Path(path)) if path else None
