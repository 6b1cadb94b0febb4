"""Case: who the patient is (de-identified), what they tried, like and want."""

from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.app import EntryList
from physioreflect.model import (
    AgeBand,
    Condition,
    DurationBand,
    ExerciseAttempt,
    Section,
    Workbook,
)
from physioreflect.widgets._form import (
    card,
    dropdown_field,
    heading,
    html_block,
    model_choice,
    model_text,
    step_title,
    text_field,
)
from physioreflect.widgets._shared import shared_look
from physioreflect.widgets.comment_threads import CommentThreads

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["CaseView"]

S = Section.case


def _row(children: list[widgets.Widget]) -> widgets.Box:
    row = widgets.Box(children, **shared_look(widgets.Box))
    row.add_class("pr-row")
    return row


def _attempt_at(workbook: Workbook, *, index: int) -> ExerciseAttempt:
    return workbook.case.previous_attempts[index]


def _replace_quote(workbook: Workbook, text: str, *, index: int) -> None:
    # Assigning a new list (not item assignment) lets pydantic check the quote's length.
    quotes = list(workbook.case.patient_quotes)
    quotes[index] = text
    workbook.case.patient_quotes = quotes


class CaseView:
    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t = app.t
        case = app.workbook.case
        self.evidence = html_block("")
        self.evidence.add_class("pr-condition-note")
        self._render_evidence()
        about = card(
            heading(t("case.about")),
            model_text(
                app,
                lambda w: w.case,
                "case_label",
                section=S,
                css="pr-case-label",
                multiline=False,
                help_text=t("case.case_label_help"),
            ),
            dropdown_field(
                app,
                label=t("field.condition"),
                options=[("—", None)] + [(t(f"condition.{c.value}"), c) for c in Condition],
                value=case.condition,
                section=S,
                apply=self._set_condition,
                css="pr-condition",
                after=lambda _v: self._render_evidence(),
            ),
            model_text(
                app,
                lambda w: w.case,
                "condition_other",
                section=S,
                css="pr-condition-other",
                multiline=False,
            ),
            model_choice(
                app,
                lambda w: w.case,
                "duration",
                options=[("—", None)] + [(t(f"duration.{d.value}"), d) for d in DurationBand],
                section=S,
                css="pr-duration",
            ),
            model_choice(
                app,
                lambda w: w.case,
                "age_band",
                options=[("—", None)] + [(t(f"age_band.{a.value}"), a) for a in AgeBand],
                section=S,
                css="pr-age-band",
                help_text=t("case.age_band_help"),
            ),
            self.evidence,
            css="pr-case-about",
        )
        story = card(
            heading(t("case.story")),
            model_text(
                app,
                lambda w: w.case,
                "activity_history",
                section=S,
                css="pr-activity-history",
                placeholder=t("case.activity_history_hint"),
            ),
            model_text(
                app,
                lambda w: w.case,
                "likes_to_do",
                section=S,
                css="pr-likes",
                placeholder=t("case.likes_hint"),
            ),
            model_text(
                app,
                lambda w: w.case,
                "wants_to_achieve",
                section=S,
                css="pr-wants",
                placeholder=t("case.wants_hint"),
            ),
        )
        self.attempts = widgets.VBox(**shared_look(widgets.VBox))
        self._attempts_shown: int | None = None
        self._render_attempts()
        self.quotes = widgets.VBox(**shared_look(widgets.VBox))
        self._quotes_shown: int | None = None
        self._render_quotes()
        self.widget = widgets.VBox(
            [
                html_block(
                    step_title("case", t("step.case"))
                    + f"<p class='pr-intro'>{html.escape(t('case.intro'))}</p>"
                ),
                CommentThreads(app, Section.case).widget,
                about,
                story,
                card(
                    heading(t("field.previous_attempts")),
                    html_block(f"<p class='pr-help'>{html.escape(t('case.attempts_help'))}</p>"),
                    self.attempts,
                    css="pr-attempts",
                ),
                card(
                    heading(t("field.patient_quotes")),
                    html_block(f"<p class='pr-help'>{html.escape(t('case.quotes_help'))}</p>"),
                    self.quotes,
                    css="pr-quotes",
                ),
            ]
        )
        self.widget.add_class("pr-section")
        self.widget.add_class("pr-case")

    def refresh(self, section: Section | None) -> None:
        """Fields hold their own values; the lists follow an entry removed or put back."""
        if section in (S, None):
            self._render_attempts()
            self._render_quotes()

    @staticmethod
    def _set_condition(workbook: Workbook, value: Condition | None) -> None:
        workbook.case.condition = value

    def _render_evidence(self) -> None:
        condition = self.app.workbook.case.condition
        if condition is None:
            self.evidence.value = ""
            return
        note = self.app.library.conditions.get(condition)
        if note is None:
            self.evidence.value = ""
            return
        lang = self.app.lang
        points = "".join(f"<li>{html.escape(p.get(lang))}</li>" for p in note.talking_points)
        self.evidence.value = (
            f"<div class='pr-message pr-info'><b>{html.escape(self.app.t('case.evidence'))}"
            f"</b><p>{html.escape(note.evidence.get(lang))}</p>"
            + (f"<ul>{points}</ul>" if points else "")
            + "</div>"
        )

    # ── previous attempts ─────────────────────────────────────────────────────────────────
    def _render_attempts(self) -> None:
        """The attempts, built again when their number changed (added, removed, put back)."""
        app, t = self.app, self.app.t
        shown = len(app.workbook.case.previous_attempts)
        if shown == self._attempts_shown:
            return
        self._attempts_shown = shown
        rows: list[widgets.Widget] = []
        for index, _attempt in enumerate(app.workbook.case.previous_attempts):
            attempt_part = partial(_attempt_at, index=index)

            remove = widgets.Button(
                description=t("app.remove"), tooltip=t("app.remove"), **shared_look(widgets.Button)
            )
            remove.add_class("pr-remove-attempt")
            remove.disabled = app.read_only
            remove.on_click(app.guard(lambda _b, i=index: self._remove(EntryList.attempt, i)))
            rows.append(
                card(
                    heading(t("case.attempt_number", number=index + 1)),
                    _row(
                        [
                            model_text(
                                app,
                                attempt_part,
                                "what",
                                section=S,
                                css="pr-attempt-what",
                                multiline=False,
                            ),
                            model_text(
                                app,
                                attempt_part,
                                "how_long",
                                section=S,
                                css="pr-attempt-how-long",
                                multiline=False,
                            ),
                        ],
                    ),
                    model_text(
                        app,
                        attempt_part,
                        "why_stopped",
                        section=S,
                        css="pr-attempt-why",
                        rows=2,
                    ),
                    model_text(
                        app,
                        attempt_part,
                        "how_it_felt",
                        section=S,
                        css="pr-attempt-felt",
                        rows=2,
                    ),
                    remove,
                    css="pr-attempt",
                )
            )
        add = widgets.Button(description=t("case.add_attempt"), **shared_look(widgets.Button))
        add.add_class("pr-add-attempt")
        add.disabled = app.read_only
        add.on_click(app.guard(lambda _b: self._add_attempt()))
        self.attempts.children = [*rows, add]

    def _add_attempt(self) -> None:
        # The list follows in refresh, as for every change of the case.
        self.app.edit(S, lambda w: w.case.previous_attempts.append(ExerciseAttempt()))

    def _remove(self, kind: EntryList, index: int) -> None:
        """Removed with "Angre" offered, unless the list changed since it was shown (a
        second click on the same button); the list follows in refresh."""
        shown = self._attempts_shown if kind is EntryList.attempt else self._quotes_shown
        self.app.controller.remove(kind, index, shown=shown)

    # ── the patient's own words ───────────────────────────────────────────────────────────
    def _render_quotes(self) -> None:
        """The quotes, built again when their number changed (added, removed, put back)."""
        app, t = self.app, self.app.t
        shown = len(app.workbook.case.patient_quotes)
        if shown == self._quotes_shown:
            return
        self._quotes_shown = shown
        rows: list[widgets.Widget] = []
        for index, quote in enumerate(app.workbook.case.patient_quotes):
            remove = widgets.Button(description=t("app.remove"), **shared_look(widgets.Button))
            remove.add_class("pr-remove-quote")
            remove.disabled = app.read_only
            remove.on_click(app.guard(lambda _b, i=index: self._remove(EntryList.quote, i)))
            field = text_field(
                app,
                label=t("case.quote_number", number=index + 1),
                value=quote,
                section=S,
                apply=partial(_replace_quote, index=index),
                css="pr-quote-text",
                multiline=False,
            )
            rows.append(widgets.HBox([field, remove], **shared_look(widgets.HBox)))
        add = widgets.Button(description=t("case.add_quote"), **shared_look(widgets.Button))
        add.add_class("pr-add-quote")
        add.disabled = app.read_only
        add.on_click(app.guard(lambda _b: self._add_quote()))
        self.quotes.children = [*rows, add]

    def _add_quote(self) -> None:
        self.app.edit(S, lambda w: w.case.patient_quotes.append(""))
