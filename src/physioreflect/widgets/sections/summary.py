"""Summary: the whole workbook read-only, what is still missing (with links back), download
and submit."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Final

import ipywidgets as widgets

from physioreflect.app import STEP_SECTIONS, Step
from physioreflect.content import format_location
from physioreflect.export import export_pdf, render_pages_png
from physioreflect.model import (
    Section,
    completeness,
    dump_workbook,
    is_editable_by_author,
)
from physioreflect.privacy import Finding, IndirectWarning, scan_workbook
from physioreflect.render import document_html, summary_data
from physioreflect.widgets._form import (
    card,
    heading,
    html_block,
    message_html,
    pages_html,
    step_title,
)
from physioreflect.widgets._shared import shared_look
from physioreflect.widgets.download import DownloadButton, safe_filename
from physioreflect.widgets.handout_card import HandoutCard

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["SummaryView", "summary_html"]

SECTION_STEP = {section: step for step, sections in STEP_SECTIONS.items() for section in sections}

FIELD_OF_ITEM: Final = {
    "case.condition": "pr-condition",
    "case.duration": "pr-duration",
    "case.age_band": "pr-age-band",
    "case.activity_history": "pr-activity-history",
    "case.likes_to_do": "pr-likes",
    "case.wants_to_achieve": "pr-wants",
    "case.patient_quotes": "pr-quotes",
    "case.case_label": "pr-case-label",
    "case.previous_attempts": "pr-attempts",
    "perspective.conviction": "pr-conviction",
    "perspective.markers": "pr-marker",
    "barriers.any": "pr-add-barriers-catalogue",
    "barriers.source": "pr-barrier-source-unset",
    "barriers.rated": "pr-entry-impact",
    "barriers.strategies": "pr-entry-own-strategy",
    "barriers.patient_words": "pr-entry-words",
    "facilitators.any": "pr-add-facilitators-catalogue",
    "facilitators.source": "pr-facilitator-source-unset",
    "facilitators.patient_words": "pr-facilitator-list",
    "plan.goals": "pr-add-goal",
    "plan.goals_rated": "pr-goals",
    "plan.progression": "pr-week-table",
    "plan.activities": "pr-activity-idea",
    "plan.fitt": "pr-frequency",
    "plan.pain_rule": "pr-pain-rule-model",
    "plan.flare_up_plan": "pr-flare-up",
    "plan.expectations": "pr-expectations",
    "plan.follow_up": "pr-follow-up",
    "plan.side_benefits": "pr-side-benefit",
    "reflection.what": "pr-reflection-what",
    "reflection.so_what": "pr-reflection-so-what",
    "reflection.now_what": "pr-reflection-now-what",
    "reflection.learning_points": "pr-learning-points",
}
"""Where each item of the checklist is filled in: the CSS class of its field, so that its link
lands on the field, not only on the step."""


def field_of(item_id: str) -> str | None:
    if item_id.startswith("prompt:"):
        return "pr-prompt-" + item_id.removeprefix("prompt:").replace(".", "-").replace("_", "-")
    return FIELD_OF_ITEM.get(item_id)


def _e(text: object) -> str:
    return html.escape(str(text))


def summary_html(app: ViewContext) -> str:
    """The document the PDF prints, in the page's language: one renderer for both."""
    data = summary_data(app.workbook, lang=app.lang, prompt_set=app.prompt_set)
    return document_html(data)


class SummaryView:
    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t = app.t
        workbook = app.workbook
        self.checklist = widgets.VBox(**shared_look(widgets.VBox))
        self._render_checklist()
        self.submit_area = widgets.VBox(**shared_look(widgets.VBox))
        self._render_submit()
        download = DownloadButton(
            label=t("summary.download_json"),
            filename=safe_filename(workbook.meta.title, "json"),
            produce=lambda: dump_workbook(self.app.workbook),
            on_error=app.guard(lambda _e: app.say(app.t("error.unexpected"), "error")),
            css_class="pr-download-json",
        )
        self.overview = html_block(summary_html(app), "pr-summary")
        self.privacy = widgets.VBox(**shared_look(widgets.VBox))
        self.privacy.add_class("pr-privacy")
        self._render_privacy()
        self.pdf = PdfCard(app)
        self.handout = HandoutCard(app, css="pr-summary-handout")
        self.widget = widgets.VBox(
            [
                html_block(
                    step_title("summary", t("step.summary"))
                    + f"<p class='pr-intro'>{html.escape(t('summary.intro'))}</p>"
                ),
                card(heading(t("summary.checklist")), self.checklist, css="pr-checklist-card"),
                card(heading(t("summary.privacy_heading")), self.privacy, css="pr-privacy-card"),
                self.pdf.widget,
                self.handout.widget,
                card(
                    heading(t("summary.hand_in")),
                    html_block(f"<p class='pr-help'>{html.escape(t('summary.download_help'))}</p>"),
                    download,
                    self.submit_area,
                    css="pr-hand-in",
                ),
                card(self.overview, css="pr-overview"),
            ]
        )
        self.widget.add_class("pr-section")
        self.widget.add_class("pr-summary-view")

    def refresh(self, section: Section | None) -> None:
        self.overview.value = summary_html(self.app)
        self._render_checklist()
        self._render_privacy()
        self._render_submit()
        self.handout.refresh()

    # ── privacy ───────────────────────────────────────────────────────────────────────────
    def _findings(self) -> list[Finding]:
        return scan_workbook(self.app.workbook)

    def _render_privacy(self) -> None:
        app, t = self.app, self.app.t
        findings = self._findings()
        parts: list[widgets.Widget] = []
        if not findings:
            parts.append(html_block(message_html(t("summary.privacy_clean"), "success")))
        else:
            items = "".join(
                f"<li>{self._where(f)} → <code>{_e(f.replacement)}</code></li>"
                for f in findings[:40]
            )
            replace = widgets.Button(
                description=t("summary.privacy_replace"),
                button_style="primary",
                **shared_look(widgets.Button),
            )
            replace.add_class("pr-privacy-replace")
            replace.disabled = app.read_only
            replace.on_click(app.guard(lambda _b: self._replace_all()))
            parts += [
                html_block(
                    message_html(t("summary.privacy_found", count=len(findings)), "warning")
                ),
                html_block(f"<ul class='pr-privacy-findings'>{items}</ul>"),
                replace,
            ]
        indirect = app.controller.indirect_warning()
        if indirect is not None:
            parts.append(html_block(self._indirect_html(indirect), "pr-privacy-indirect"))
        self.privacy.children = parts

    def _where(self, finding: Finding) -> str:
        """Where a finding is and what it is, escaped: «Case › Activity history: phone …»."""
        t = self.app.t
        kind = t(f"privacy.kind.{finding.kind.value}")
        return _e(
            t(
                "summary.privacy_where",
                where=format_location(finding.path or (), self.app.lang),
                item=t("privacy.item", kind=kind, text=finding.text),
            )
        )

    def _indirect_html(self, warning: IndirectWarning) -> str:
        """A soft note, never part of "replace all": only the author can judge whether
        details together point to one person."""
        t = self.app.t
        kinds = ", ".join(t(f"privacy.kind.{kind.value}") for kind in warning.kinds)
        items = "".join(f"<li>{self._where(f)}</li>" for f in warning.findings[:20])
        return (
            f"<div class='pr-message pr-info' role='note'><b>{_e(t('privacy.indirect.heading'))}"
            f"</b><p>{_e(t(warning.message_key, kinds=kinds))}</p><ul>{items}</ul>"
            f"<p class='pr-help'>{_e(t(warning.guidance_key))}</p></div>"
        )

    def _replace_all(self) -> None:
        done = self.app.controller.redact()
        self.app.say(
            self.app.t("summary.privacy_cleaned", count=done.replaced, files=done.files_cleaned),
            "success",
        )

    def _render_checklist(self) -> None:
        app, t = self.app, self.app.t
        sections = completeness(app.workbook, required_prompts=app.controller.required_prompts)
        prompts = {p.id: p for p in app.prompt_set.prompts}
        rows: list[widgets.Widget] = []
        total_missing = 0
        for section, result in sections.items():
            missing = result.missing
            total_missing += len(missing)
            done = result.required_done == result.required_total
            mark = "✓" if done else f"{result.required_done}/{result.required_total}"
            title = html_block(
                f"<div class='pr-card-title'>{_e(t(f'section.{section.value}'))} "
                f"<span class='pr-progress'>{_e(mark)}</span></div>"
            )
            links: list[widgets.Widget] = []
            for item in missing:
                if item.id.startswith("prompt:"):
                    prompt = prompts.get(item.id.removeprefix("prompt:"))
                    label = t(
                        "completeness.prompt",
                        prompt=prompt.text.get(app.lang) if prompt else item.id,
                    )
                else:
                    label = t(f"completeness.{item.id}")
                link = widgets.Button(
                    description=label[:90], tooltip=label, **shared_look(widgets.Button)
                )
                link.add_class("pr-missing-link")
                step = SECTION_STEP.get(section, Step.case)
                field = field_of(item.id)
                link.on_click(app.guard(lambda _b, s=step, f=field: app.go(s, field=f)))
                links.append(link)
            rows.append(widgets.VBox([title, *links], **shared_look(widgets.VBox)))
        if total_missing == 0:
            rows.insert(0, html_block(message_html(t("summary.all_done"), "success")))
        self.checklist.children = rows

    def _render_submit(self) -> None:
        app, t = self.app, self.app.t
        workbook = app.workbook
        if not is_editable_by_author(workbook):
            status = t(f"status.{workbook.meta.status.value}")
            self.submit_area.children = [
                html_block(message_html(t("summary.submitted_state", status=status), "info"))
            ]
            return
        submit = widgets.Button(
            description=t("summary.submit"), button_style="primary", **shared_look(widgets.Button)
        )
        submit.add_class("pr-submit")
        confirm = widgets.Button(description=t("summary.submit_confirm"), button_style="danger")
        confirm.add_class("pr-submit-confirm")
        confirm.layout.display = "none"
        cancel = widgets.Button(description=t("summary.submit_cancel"))
        cancel.add_class("pr-submit-cancel")
        cancel.layout.display = "none"
        note = html_block("")
        findings = self._findings()
        # Submitting with possible personal data left needs an explicit, recorded confirmation.
        deidentified = widgets.Checkbox(
            value=workbook.meta.privacy_confirmed,
            description=t("summary.privacy_confirm"),
            indent=False,
        )
        deidentified.add_class("pr-privacy-confirm")
        deidentified.layout.display = "" if findings else "none"

        def ask(_button: widgets.Button) -> None:
            if findings and not deidentified.value:
                note.value = message_html(t("summary.privacy_confirm_needed"), "error")
                return
            note.value = message_html(t("summary.submit_question"), "warning")
            confirm.layout.display = cancel.layout.display = ""

        def do_not_submit(_button: widgets.Button) -> None:
            note.value = ""
            confirm.layout.display = cancel.layout.display = "none"

        def do_submit(_button: widgets.Button) -> None:
            if app.controller.submit(privacy_confirmed=deidentified.value):
                # After the views were rebuilt read-only: this is the news that matters.
                app.say(t("summary.submitted"), "success")

        submit.on_click(app.guard(ask))
        confirm.on_click(app.guard(do_submit))
        cancel.on_click(app.guard(do_not_submit))
        self.submit_area.children = [
            deidentified,
            widgets.HBox([submit, confirm, cancel], **shared_look(widgets.HBox)),
            note,
        ]


class PdfCard:
    """Preview the typeset PDF as page images and download it."""

    PREVIEW_PPI = 60

    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t = app.t
        self.pages = widgets.HTML("", **shared_look(widgets.HTML))
        self.pages.add_class("pr-pdf-pages")
        preview = widgets.Button(
            description=t("summary.pdf_preview"), **shared_look(widgets.Button)
        )
        preview.add_class("pr-pdf-preview")
        preview.on_click(app.guard(lambda _b: self._preview()))
        download = DownloadButton(
            label=t("summary.pdf_download"),
            filename=safe_filename(app.workbook.meta.title, "pdf"),
            mime="application/pdf",
            produce=lambda: export_pdf(self.app.workbook, prompt_set=self.app.prompt_set),
            on_error=app.guard(lambda _e: app.say(app.t("error.unexpected"), "error")),
            css_class="pr-download-pdf",
        )
        self.widget = card(
            heading(t("summary.pdf_heading")),
            html_block(f"<p class='pr-help'>{html.escape(t('summary.pdf_help'))}</p>"),
            widgets.HBox([preview, download], **shared_look(widgets.HBox)),
            self.pages,
            css="pr-pdf-card",
        )

    def _preview(self) -> None:
        app = self.app
        pages = render_pages_png(app.workbook, prompt_set=app.prompt_set, ppi=self.PREVIEW_PPI)
        count = len(pages)
        self.pages.value = pages_html(
            pages,
            caption=app.t("summary.pdf_pages", count=count),
            alt=lambda n: app.t("summary.pdf_page_alt", number=n, count=count),
        )
