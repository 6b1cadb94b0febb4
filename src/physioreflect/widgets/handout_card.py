"""The patient's handout on the dashboard: its pages as a preview and the PDF to download,
in the language chosen for it; why it cannot be made, when it cannot.

    card = HandoutCard(app, css="pr-plan-handout")
    card.refresh()          # after the workbook changed: the reason, the button's state

Used by the Plan step and the Summary alike.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.content import describe_error, format_location
from physioreflect.errors import HandoutRefused
from physioreflect.export import export_handout_pdf, render_handout_png
from physioreflect.render import handout_findings
from physioreflect.widgets._form import card, heading, html_block, message_html, pages_html
from physioreflect.widgets._shared import shared_look
from physioreflect.widgets.download import DownloadButton, safe_filename

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["HandoutCard"]

PREVIEW_PPI = 96
"""Screen resolution: the preview is there to be read, not only recognised (the summary's
pages are thumbnails at 60)."""


class HandoutCard:
    """Preview and download of the patient's handout (``pr-handout`` and ``css``)."""

    def __init__(self, app: ViewContext, *, css: str) -> None:
        self.app = app
        t = app.t
        self.language = widgets.ToggleButtons(
            options=[(t("language.nb"), "nb"), (t("language.en"), "en")],
            value=app.workbook.meta.language.value,
            description=t("handout.language"),
            style={"button_width": "auto", "description_width": "initial"},
        )
        self.language.add_class("pr-handout-language")
        self.language.add_class("pr-choice")
        self.language.observe(app.guard(lambda _change: self._language_changed()), names="value")
        self.message = html_block("", "pr-handout-message")
        self.pages = widgets.HTML("", **shared_look(widgets.HTML))
        self.pages.add_class("pr-handout-pages")
        preview = widgets.Button(description=t("handout.preview"), **shared_look(widgets.Button))
        preview.add_class("pr-handout-preview")
        preview.on_click(app.guard(lambda _b: self._preview()))
        self.download = DownloadButton(
            label=t("handout.download"),
            filename=self._filename(),
            mime="application/pdf",
            produce=self._pdf,
            on_error=app.guard(self._failed),
            css_class="pr-download-handout",
        )
        self.widget = card(
            heading(t("handout.heading")),
            html_block(f"<p class='pr-help'>{html.escape(t('handout.help'))}</p>"),
            self.language,
            html_block(f"<p class='pr-help'>{html.escape(t('handout.language_note'))}</p>"),
            self.message,
            widgets.HBox([preview, self.download], **shared_look(widgets.HBox)),
            self.pages,
            css="pr-handout",
        )
        self.widget.add_class(css)
        self.refresh()

    def refresh(self) -> None:
        """Say why the handout cannot be made (or nothing), and clear a preview the last
        change made out of date."""
        self.pages.value = ""
        refusal = self._refusal()
        self.message.value = "" if refusal is None else self._refusal_html(refusal)
        self.download.disabled = refusal is not None

    # ── what it says ───────────────────────────────────────────────────────────────────────
    def _refusal(self) -> HandoutRefused | None:
        workbook = self.app.workbook
        if not workbook.plan.activities:
            return HandoutRefused(reason="handout_no_activities")
        findings = handout_findings(workbook)
        return (
            HandoutRefused(reason="handout_personal_data", findings=findings) if findings else None
        )

    def _refusal_html(self, refusal: HandoutRefused) -> str:
        app = self.app
        markup = message_html(describe_error(refusal, app.lang), "warning")
        if refusal.findings:
            items = "".join(
                "<li>"
                + html.escape(
                    app.t(
                        "summary.privacy_where",
                        where=format_location(f.path or (), app.lang),
                        item=app.t(
                            "privacy.item",
                            kind=app.t(f"privacy.kind.{f.kind.value}"),
                            text=f.text,
                        ),
                    )
                )
                + "</li>"
                for f in refusal.findings[:20]
            )
            markup += (
                f"<p class='pr-help'>{html.escape(app.t('handout.findings'))}</p>"
                f"<ul class='pr-handout-findings'>{items}</ul>"
            )
        return markup

    def _failed(self, error: Exception) -> None:
        if isinstance(error, HandoutRefused):
            self.message.value = self._refusal_html(error)
        else:
            self.app.say(self.app.t("error.unexpected"), "error")

    # ── the document ───────────────────────────────────────────────────────────────────────
    def _filename(self) -> str:
        title = self.app.library.handout.text("title", str(self.language.value))
        return safe_filename(title, "pdf")

    def _language_changed(self) -> None:
        self.download.filename = self._filename()
        self.pages.value = ""

    def _pdf(self) -> bytes:
        return export_handout_pdf(self.app.workbook, lang=str(self.language.value))

    def _preview(self) -> None:
        app = self.app
        try:
            pages = render_handout_png(app.workbook, lang=str(self.language.value), ppi=PREVIEW_PPI)
        except HandoutRefused as refused:
            self.message.value = self._refusal_html(refused)
            self.pages.value = ""
            return
        count = len(pages)
        self.pages.value = pages_html(
            pages,
            caption=app.t("handout.pages", count=count),
            alt=lambda n: app.t("handout.page_alt", number=n, count=count),
            css="pr-handout-page",
        )
