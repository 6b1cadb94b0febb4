"""Reflection: What? So what? Now what? (Driscoll), and learning points."""

from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.app import EntryList
from physioreflect.model import Section, Workbook
from physioreflect.widgets._form import card, heading, html_block, step_title, text_field
from physioreflect.widgets._shared import shared_look
from physioreflect.widgets.comment_threads import CommentThreads

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["ReflectionView"]

S = Section.reflection
STAGES = (
    ("driscoll.what", "what"),
    ("driscoll.so_what", "so_what"),
    ("driscoll.now_what", "now_what"),
)


def _set_stage(workbook: Workbook, text: str, *, name: str) -> None:
    setattr(workbook.reflection, name, text)


def _set_point(workbook: Workbook, text: str, *, index: int) -> None:
    points = list(workbook.reflection.learning_points)
    points[index] = text
    workbook.reflection.learning_points = points


class ReflectionView:
    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t, lang = app.t, app.lang
        prompts = {p.id: p for p in app.library.reflection_prompts}
        cards: list[widgets.Widget] = []
        reflection = app.workbook.reflection
        for prompt_id, name in STAGES:
            prompt = prompts[prompt_id]
            cards.append(
                card(
                    html_block(
                        f"<div class='pr-card-title'>{html.escape(prompt.stage.get(lang))}</div>"
                    ),
                    html_block(f"<p class='pr-help'>{html.escape(prompt.guidance.get(lang))}</p>"),
                    text_field(
                        app,
                        label=prompt.text.get(lang),
                        value=getattr(reflection, name),
                        section=S,
                        apply=partial(_set_stage, name=name),
                        css=f"pr-reflection-{name.replace('_', '-')}",
                        rows=5,
                    ),
                    css="pr-reflection-stage",
                )
            )
        gibbs = [p for p in app.library.reflection_prompts if p.framework == "gibbs"]
        gibbs_html = "".join(
            f"<li><b>{html.escape(p.stage.get(lang))}</b>: {html.escape(p.text.get(lang))}</li>"
            for p in gibbs
        )
        self.points = widgets.VBox(**shared_look(widgets.VBox))
        self._points_shown: int | None = None
        self._render_points()
        self.widget = widgets.VBox(
            [
                html_block(
                    step_title("reflection", t("step.reflection"))
                    + f"<p class='pr-intro'>{html.escape(t('reflection.intro'))}</p>"
                ),
                CommentThreads(app, S).widget,
                *cards,
                card(heading(t("field.learning_points")), self.points, css="pr-learning-points"),
                html_block(
                    "<details class='pr-guidance'>"
                    f"<summary>{html.escape(t('reflection.gibbs'))}</summary><ol>{gibbs_html}</ol>"
                    "</details>"
                ),
            ]
        )
        self.widget.add_class("pr-section")
        self.widget.add_class("pr-reflection")

    def refresh(self, section: Section | None) -> None:
        """Each field holds its own value; the learning points follow one removed or put
        back."""
        if section in (S, None):
            self._render_points()

    def _render_points(self) -> None:
        """The points, built again when their number changed (added, removed, put back)."""
        app, t = self.app, self.app.t
        shown = len(app.workbook.reflection.learning_points)
        if shown == self._points_shown:
            return
        self._points_shown = shown
        rows: list[widgets.Widget] = []
        for index, point in enumerate(app.workbook.reflection.learning_points):
            remove = widgets.Button(description=t("app.remove"), **shared_look(widgets.Button))
            remove.add_class("pr-remove-point")
            remove.disabled = app.read_only
            remove.on_click(app.guard(lambda _b, i=index: self._remove(i)))
            rows.append(
                widgets.HBox(
                    [
                        text_field(
                            app,
                            label=t("reflection.point", number=index + 1),
                            value=point,
                            section=S,
                            multiline=False,
                            apply=partial(_set_point, index=index),
                            css="pr-learning-point",
                        ),
                        remove,
                    ],
                    **shared_look(widgets.HBox),
                )
            )
        add = widgets.Button(description=t("reflection.add_point"), **shared_look(widgets.Button))
        add.add_class("pr-add-point")
        add.disabled = app.read_only
        add.on_click(app.guard(lambda _b: self._add()))
        self.points.children = [*rows, add]

    def _add(self) -> None:
        def add(workbook: Workbook) -> None:
            workbook.reflection.learning_points = [*workbook.reflection.learning_points, ""]

        self.app.edit(S, add)  # the list follows in refresh

    def _remove(self, index: int) -> None:
        """Removed with "Angre" offered, unless the list changed since it was shown (a
        second click on the same button); the list follows in refresh."""
        self.app.controller.remove(EntryList.learning_point, index, shown=self._points_shown)
