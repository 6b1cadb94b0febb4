"""A workbook's history, on the start step: the kept versions (when, how complete), one
shown read-only as the Summary shows a workbook, and restored as the current version."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.widgets._form import card, heading, html_block
from physioreflect.widgets._shared import shared_look

if TYPE_CHECKING:
    from physioreflect.app import HistoryRow
    from physioreflect.widgets._context import ViewContext

__all__ = ["OPEN_DRAFT", "HistoryPanel"]

OPEN_DRAFT = "start.history"
"""The id of the workbook whose history is shown, kept by the controller while the tab lives
(a language switch or a restored revision builds the start step again)."""
LIST_ROWS = 12


class HistoryPanel:
    """``on_close`` is called by "back to your workbooks"."""

    def __init__(
        self, app: ViewContext, *, workbook_id: str, title: str, on_close: Callable[[], None]
    ) -> None:
        self.app = app
        self.workbook_id = workbook_id
        t = app.t
        back = widgets.Button(description=t("history.back"), **shared_look(widgets.Button))
        back.add_class("pr-history-back")
        back.on_click(app.guard(lambda _b: on_close()))
        self.versions = widgets.Select(
            description=t("history.versions"), rows=LIST_ROWS, **shared_look(widgets.Select)
        )
        self.versions.add_class("pr-field")
        self.versions.add_class("pr-history-versions")
        self._quiet = False
        self.versions.observe(app.guard(self._chosen), names="value")
        self.preview_title = html_block("")
        self.restore = widgets.Button(
            description=t("history.restore"), button_style="primary", **shared_look(widgets.Button)
        )
        self.restore.add_class("pr-history-restore")
        self.restore.on_click(app.guard(lambda _b: self._restore()))
        self.preview = html_block("", "pr-history-preview", "pr-summary")
        self._rows: list[HistoryRow] = []
        self.widget = widgets.VBox(
            [
                back,
                card(
                    heading(t("history.heading", title=title)),
                    html_block(f"<p class='pr-help'>{html.escape(t('history.help'))}</p>"),
                    self.versions,
                    css="pr-history-card",
                ),
                card(self.preview_title, self.restore, self.preview, css="pr-history-shown"),
            ],
            **shared_look(widgets.VBox),
        )
        self.widget.add_class("pr-history")
        self.refresh()

    def refresh(self) -> None:
        """Read the history again; the version shown stays shown if it is still kept."""
        chosen = self.versions.value
        self._rows = self.app.controller.history(self.workbook_id)
        t = self.app.t
        options = [
            (t("history.row_current", row=row.text) if row.current else row.text, row.revision)
            for row in self._rows
        ]
        kept = {revision for _, revision in options}
        self._quiet = True  # one preview for the new list, not one per step of changing it
        try:
            self.versions.rows = max(3, min(LIST_ROWS, len(options)))
            self.versions.options = options
            self.versions.value = chosen if chosen in kept else (options[0][1] if options else None)
        finally:
            self._quiet = False
        self._show()

    def _chosen(self, _change: object) -> None:
        if not self._quiet:
            self._show()

    def _show(self) -> None:
        t = self.app.t
        revision = self.versions.value
        row = next((r for r in self._rows if r.revision == revision), None)
        if row is None:
            self.preview_title.value = f"<p class='pr-muted'>{html.escape(t('history.none'))}</p>"
            self.preview.value = ""
            self.restore.disabled = True
            return
        title = t("history.preview_title", revision=row.revision)
        note = (
            f"<p class='pr-help'>{html.escape(t('history.is_current'))}</p>" if row.current else ""
        )
        self.preview_title.value = f"<div class='pr-card-title'>{html.escape(title)}</div>{note}"
        # A submitted workbook is refused with a message that says why (and until when).
        self.restore.disabled = row.current
        self.preview.value = self.app.controller.revision_html(self.workbook_id, row.revision)

    def _restore(self) -> None:
        revision = self.versions.value
        if revision is None:
            return
        new = self.app.controller.restore_revision(self.workbook_id, revision)
        self.app.say(self.app.t("history.restored", revision=revision, new=new), "success")
