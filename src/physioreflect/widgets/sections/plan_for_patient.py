"""The Plan step's card for the patient: the texts written to the patient (a note, what to
do if it flares up, what to expect), each with a gentle hint when it reads hard, and the
handout they go on."""

from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.content import LIX_LIMITS, lix, reads_hard
from physioreflect.model import Section, Workbook
from physioreflect.widgets._form import card, heading, html_block, message_html, text_field
from physioreflect.widgets._shared import shared_look
from physioreflect.widgets.handout_card import HandoutCard

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["ForPatientCard"]


def _set_text(workbook: Workbook, value: str, *, name: str) -> None:
    setattr(workbook.plan.for_patient, name, value)


FIELDS = (
    ("note", "field.note_to_patient"),
    ("flare_up", "field.flare_up"),
    ("what_to_expect", "field.what_to_expect"),
)


class ForPatientCard:
    """``pr-for-patient``: the three texts (``pr-for-patient-<name>``) and the handout."""

    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t = app.t
        parts: list[widgets.Widget] = [
            heading(t("plan.for_patient_heading")),
            html_block(f"<p class='pr-help'>{html.escape(t('plan.for_patient_help'))}</p>"),
        ]
        for name, label in FIELDS:
            hint = html_block(self._hint(getattr(app.workbook.plan.for_patient, name)))
            hint.add_class("pr-lix-hint")
            field = text_field(
                app,
                label=t(label),
                value=getattr(app.workbook.plan.for_patient, name),
                section=Section.plan,
                apply=partial(_set_text, name=name),
                css=f"pr-for-patient-{name.replace('_', '-')}",
                help_text=t(f"plan.for_patient.{name}_help"),
                after=partial(self._show_hint, hint),
            )
            parts.append(widgets.VBox([field, hint], **shared_look(widgets.VBox)))
        self.handout = HandoutCard(app, css="pr-plan-handout")
        self.widget = widgets.VBox(
            [card(*parts, css="pr-for-patient"), self.handout.widget],
            **shared_look(widgets.VBox),
        )

    def refresh(self, section: Section | None) -> None:
        if section in (Section.plan, Section.case, None):
            self.handout.refresh()

    def _show_hint(self, hint: widgets.HTML, text: str) -> None:
        hint.value = self._hint(text)

    def _hint(self, text: str) -> str:
        """Never a failure: a note under the field when the text reads harder than the
        handout's own."""
        lang = self.app.workbook.meta.language.value
        if not text.strip() or not reads_hard(text, lang):
            return ""
        return message_html(
            self.app.t(
                "plan.lix_hint", score=round(lix(text).score), limit=round(LIX_LIMITS[lang])
            ),
            "info",
        )
