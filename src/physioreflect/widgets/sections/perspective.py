"""Perspective: the patient from the inside, myself from the outside, the context."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.content import Prompt
from physioreflect.model import Answer, Marker, PromptGroup, Section, Workbook
from physioreflect.widgets._form import (
    card,
    choice_buttons,
    html_block,
    model_text,
    step_title,
    text_field,
)
from physioreflect.widgets.comment_threads import CommentThreads

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["PerspectiveView"]

S = Section.perspective


def _set_answer_text(workbook: Workbook, prompt_id: str, text: str) -> None:
    answers = dict(workbook.perspective.answers)
    previous = answers.get(prompt_id, Answer())
    answers[prompt_id] = Answer(text=text, marker=previous.marker)
    # Assigning a new mapping lets pydantic check it (length limits, ids).
    workbook.perspective.answers = answers


def _set_answer_marker(workbook: Workbook, prompt_id: str, marker: Marker | None) -> None:
    answers = dict(workbook.perspective.answers)
    previous = answers.get(prompt_id, Answer())
    answers[prompt_id] = Answer(text=previous.text, marker=marker)
    workbook.perspective.answers = answers


class PerspectiveView:
    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t = app.t
        parts: list[widgets.Widget] = [
            html_block(
                step_title("perspective", t("step.perspective"))
                + f"<p class='pr-intro'>{html.escape(t('perspective.intro'))}</p>"
            ),
            CommentThreads(app, S).widget,
        ]
        for group in PromptGroup:
            prompts = app.library.prompts_in(group, app.prompt_set)
            if not prompts:
                continue
            group_help = html.escape(t(f"perspective.group_help.{group.value}"))
            parts.append(
                html_block(
                    f"<h2 class='pr-group-title'>{html.escape(t(f'group.{group.value}'))}</h2>"
                    f"<p class='pr-help'>{group_help}</p>"
                )
            )
            parts.extend(self._prompt_card(prompt) for prompt in prompts)
        parts.append(self._conviction_card())
        self.widget = widgets.VBox(parts)
        self.widget.add_class("pr-section")
        self.widget.add_class("pr-perspective")

    def refresh(self, section: Section | None) -> None:
        """Each field holds its own value."""

    def _prompt_card(self, prompt: Prompt) -> widgets.Widget:
        app, t, lang = self.app, self.app.t, self.app.lang
        answer = app.workbook.perspective.answers.get(prompt.id, Answer())
        required = (
            ""
            if prompt.required
            else f" <span class='pr-badge'>{html.escape(t('app.optional'))}</span>"
        )
        guidance = html_block(
            "<details class='pr-guidance'>"
            f"<summary>{html.escape(t('perspective.guidance'))}</summary>"
            f"<p>{html.escape(prompt.guidance.get(lang))}</p>"
            f"<p><b>{html.escape(t('perspective.example'))}</b> "
            f"<span class='pr-quote'>{html.escape(prompt.example.get(lang))}</span></p>"
            "</details>"
        )
        css = "pr-prompt-" + prompt.id.replace(".", "-").replace("_", "-")
        box = card(
            html_block(
                f"<div class='pr-card-title'>{html.escape(prompt.text.get(lang))}{required}</div>"
            ),
            guidance,
            text_field(
                app,
                label=t("perspective.answer"),
                value=answer.text,
                section=S,
                apply=lambda w, v: _set_answer_text(w, prompt.id, v),
                css="pr-answer",
                rows=3,
            ),
            choice_buttons(
                app,
                label=t("field.marker"),
                options=[(t(f"marker.{m.value}"), m) for m in Marker],
                value=answer.marker,
                section=S,
                apply=lambda w, v: _set_answer_marker(w, prompt.id, v),
                css="pr-marker",
            ),
            css="pr-prompt",
        )
        box.add_class(css)
        return box

    def _conviction_card(self) -> widgets.Widget:
        app, t = self.app, self.app.t
        perspective = app.workbook.perspective
        return card(
            html_block(
                f"<h2 class='pr-group-title'>{html.escape(t('perspective.conviction_title'))}</h2>"
                f"<p class='pr-help'>{html.escape(t('perspective.conviction_help'))}</p>"
            ),
            choice_buttons(
                app,
                label=t("field.conviction"),
                options=[(str(n), n) for n in range(11)],
                value=perspective.conviction,
                section=S,
                apply=lambda w, v: setattr(w.perspective, "conviction", v),
                css="pr-conviction",
            ),
            model_text(
                app,
                lambda w: w.perspective,
                "conviction_note",
                section=S,
                css="pr-conviction-note",
                rows=3,
            ),
            css="pr-conviction-card",
        )
