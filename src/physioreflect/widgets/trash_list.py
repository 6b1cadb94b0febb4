"""The trash, on the start step: what is in it, each to bring back or to delete for good, and
the whole trash to empty. Deleting cannot be undone, so it is asked first, in place."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.widgets._form import card, heading, html_block, message_html
from physioreflect.widgets._shared import shared_look
from physioreflect.widgets._workbook_line import workbook_line

if TYPE_CHECKING:
    from physioreflect.storage import WorkbookSummary
    from physioreflect.widgets._context import ViewContext

__all__ = ["TrashList"]

OPEN_DRAFT = "start.trash_open"
"""Whether the trash is shown, kept by the controller while the tab lives (a language switch
builds the start step again)."""


class TrashList:
    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t = app.t
        # Layouts of their own: shown and hidden.
        self.toggle = widgets.Button(
            layout=widgets.Layout(), style=shared_look(widgets.Button)["style"]
        )
        self.toggle.add_class("pr-trash-toggle")
        self.toggle.on_click(app.guard(lambda _b: self._toggle()))
        self.summary = html_block("")
        self.body = widgets.VBox(layout=widgets.Layout())
        self.body.add_class("pr-trash")
        self.widget = card(
            heading(t("start.trash_heading")),
            self.summary,
            self.toggle,
            self.body,
            css="pr-trash-card",
        )
        self._items: list[WorkbookSummary] = []
        self.refresh()

    @property
    def is_open(self) -> bool:
        return bool(self.app.controller.drafts.get(OPEN_DRAFT, False))

    def refresh(self) -> None:
        """Read the trash again and show it as it is now."""
        self._items = self.app.controller.trashed()
        self._show()

    def _toggle(self) -> None:
        self.app.controller.drafts[OPEN_DRAFT] = not self.is_open
        self._show()

    def _show(self) -> None:
        t = self.app.t
        count = len(self._items)
        empty = f"<p class='pr-muted'>{html.escape(t('start.trash_is_empty'))}</p>"
        self.summary.value = empty if count == 0 else ""
        self.toggle.description = (
            t("start.trash_hide") if self.is_open else t("start.trash_show", count=count)
        )
        self.toggle.layout.display = "none" if count == 0 else ""
        shown = self.is_open and count > 0
        self.body.layout.display = "" if shown else "none"
        self.body.children = self._rows() if shown else []

    def _rows(self) -> list[widgets.Widget]:
        t = self.app.t
        rows: list[widgets.Widget] = [
            html_block(f"<p class='pr-help'>{html.escape(t('start.trash_help'))}</p>")
        ]
        rows += [self._row(summary) for summary in self._items]
        empty = widgets.Button(description=t("start.trash_empty"), **shared_look(widgets.Button))
        empty.add_class("pr-trash-empty")
        actions = widgets.VBox([empty], **shared_look(widgets.VBox))
        actions.add_class("pr-row-actions")
        actions.add_class("pr-trash-empty-box")
        empty.on_click(self.app.guard(lambda _b: self._ask(actions, None)))
        rows.append(actions)
        return rows

    def _row(self, summary: WorkbookSummary) -> widgets.Widget:
        t = self.app.t
        restore = widgets.Button(
            description=t("start.trash_restore"), **shared_look(widgets.Button)
        )
        restore.add_class("pr-trash-restore")
        restore.on_click(self.app.guard(lambda _b: self._restore(summary)))
        delete = widgets.Button(description=t("start.trash_delete"), **shared_look(widgets.Button))
        delete.add_class("pr-trash-delete")
        actions = widgets.VBox(
            [widgets.HBox([restore, delete], **shared_look(widgets.HBox))],
            **shared_look(widgets.VBox),
        )
        actions.add_class("pr-row-actions")
        delete.on_click(self.app.guard(lambda _b: self._ask(actions, summary)))
        row = widgets.VBox(
            [html_block(workbook_line(self.app, summary)), actions], **shared_look(widgets.VBox)
        )
        row.add_class("pr-trash-row")
        return row

    def _ask(self, actions: widgets.Box, summary: WorkbookSummary | None) -> None:
        """Ask in place before deleting ``summary`` (``None``: everything) for good."""
        t = self.app.t
        if summary is not None:
            question = t("start.trash_delete_question", title=summary.title or summary.file_name)
            yes_text, css = t("start.trash_delete_confirm"), "pr-trash-delete"
        else:
            count = len(self._items)
            question = (
                t("start.trash_empty_question_one")
                if count == 1
                else t("start.trash_empty_question", count=count)
            )
            yes_text, css = t("start.trash_empty_confirm"), "pr-trash-empty"
        yes = widgets.Button(
            description=yes_text, button_style="danger", **shared_look(widgets.Button)
        )
        yes.add_class(f"{css}-confirm")
        no = widgets.Button(description=t("start.cancel"), **shared_look(widgets.Button))
        no.add_class(f"{css}-cancel")
        yes.on_click(self.app.guard(lambda _b: self._delete(summary)))
        no.on_click(self.app.guard(lambda _b: self._show()))
        ask = html_block(message_html(question, "warning"), "pr-trash-question")
        actions.children = [ask, widgets.HBox([yes, no], **shared_look(widgets.HBox))]

    def _restore(self, summary: WorkbookSummary) -> None:
        self.app.controller.restore_from_trash(summary.id)
        title = summary.title or summary.file_name
        self.app.say(self.app.t("undo.untrashed", title=title), "success")

    def _delete(self, summary: WorkbookSummary | None) -> None:
        if summary is None:
            self.app.controller.empty_trash()
            self.app.say(self.app.t("start.emptied"), "success")
            return
        self.app.controller.delete_for_good(summary.id)
        self.app.say(
            self.app.t("start.deleted", title=summary.title or summary.file_name), "success"
        )
