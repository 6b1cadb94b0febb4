"""The supervisor's comments on one step's sections, at the top of that step.

Each comment is drawn from the same document block as the Summary and the PDF (author, date,
what it is about, its text and its thread). While the workbook is returned to the student,
each has a reply box and a "mark resolved" switch; otherwise it is shown as it is. Whether
the student may answer, and the answer itself, are the controller's: this view only asks.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from physioreflect import render  # its parts are imported with the first comment shown
from physioreflect.content import describe_error, describe_problem
from physioreflect.errors import InvalidWorkbook, PhysioreflectError
from physioreflect.model import Section
from physioreflect.widgets._form import heading
from physioreflect.widgets._shared import shared_look

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["CommentThreads"]


class CommentThreads:
    """The comments on ``sections`` (``Section.meta``: those on the whole workbook)."""

    def __init__(self, app: ViewContext, *sections: Section) -> None:
        self.app = app
        self.sections = sections
        self.widget = widgets.VBox(**shared_look(widgets.VBox))
        self.widget.add_class("pr-comments")
        self._shown: dict[str, widgets.HTML] = {}
        self._render()

    def _comment_blocks(self) -> tuple[list[dict[str, Any]], dict[str, str]]:
        app = self.app
        if not app.controller.has_workbook:
            return [], {}
        ids = [c.comment_id for c in app.workbook.review.comments if c.section in self.sections]
        if not ids:
            return [], {}
        # The document's own blocks, so the anchor's label, the dates and the thread read as
        # on the Summary and in the PDF.
        data = render.summary_data(app.workbook, lang=app.lang, prompt_set=app.prompt_set)
        found = {block["id"]: block for block in data["title_block"]["comments"]}
        for section in data["sections"]:
            found.update((block["id"], block) for block in section["comments"])
        return [found[i] for i in ids if i in found], data["labels"]

    def _render(self) -> None:
        blocks, labels = self._comment_blocks()
        self._shown = {}
        if not blocks:
            self.widget.children = []
            return
        answerable = self.app.controller.can_reply
        threads = [self._thread(block, labels, answerable=answerable) for block in blocks]
        self.widget.children = [heading(self.app.t("comments.heading")), *threads]

    def _update(self) -> None:
        """After a reply or a "resolved" mark: the comments' text again, the boxes kept (so
        the focus stays where it was)."""
        blocks, labels = self._comment_blocks()
        for block in blocks:
            shown = self._shown.get(block["id"])
            markup = render.comment_html(block, labels)
            if shown is not None and shown.value != markup:
                shown.value = markup

    def _thread(
        self, block: dict[str, Any], labels: dict[str, str], *, answerable: bool
    ) -> widgets.Widget:
        comment_id: str = block["id"]
        shown = widgets.HTML(render.comment_html(block, labels), **shared_look(widgets.HTML))
        self._shown[comment_id] = shown
        parts: list[widgets.Widget] = [shown]
        if answerable:
            parts.append(self._answer(comment_id, resolved=bool(block["resolved"])))
        thread = widgets.VBox(parts, **shared_look(widgets.VBox))
        thread.add_class("pr-comment-thread")
        return thread

    def _answer(self, comment_id: str, *, resolved: bool) -> widgets.Widget:
        app, t = self.app, self.app.t
        drafts = app.controller.drafts
        key = f"reply:{comment_id}"
        text = widgets.Textarea(
            value=str(drafts.get(key, "")),
            description=t("comments.reply_label"),
            rows=2,
            continuous_update=True,
            **shared_look(widgets.Textarea),
        )
        text.add_class("pr-field")
        text.add_class("pr-comment-reply-text")
        send = widgets.Button(
            description=t("comments.send"), button_style="primary", **shared_look(widgets.Button)
        )
        send.add_class("pr-comment-reply-send")
        resolve = widgets.Checkbox(
            value=resolved,
            description=t("comments.resolve"),
            indent=False,
            **shared_look(widgets.Checkbox),
        )
        resolve.add_class("pr-comment-resolve")
        # Its own layout: shown only while there is something to say.
        problem = widgets.HTML("", layout=widgets.Layout(display="none"))
        problem.add_class("pr-field-error")

        def keep_draft(change: dict[str, Any]) -> None:
            # Kept in the controller, so a language switch (which builds this again) loses
            # nothing typed.
            drafts[key] = change["new"]

        def sent(_button: widgets.Button) -> None:
            if self._attempt(problem, lambda: app.controller.reply(comment_id, text.value)):
                text.value = ""
                drafts.pop(key, None)
                self._update()

        def toggled(change: dict[str, Any]) -> None:
            resolved = bool(change["new"])
            if self._attempt(problem, lambda: app.controller.set_resolved(comment_id, resolved)):
                self._update()
                return
            # Refused: the switch shows what the workbook holds again.
            resolve.unobserve(guarded_toggle, names="value")
            resolve.value = not resolved
            resolve.observe(guarded_toggle, names="value")

        text.observe(app.guard(keep_draft), names="value")
        send.on_click(app.guard(sent))
        guarded_toggle = app.guard(toggled)
        resolve.observe(guarded_toggle, names="value")
        row = widgets.HBox([send, resolve], **shared_look(widgets.HBox))
        row.add_class("pr-comment-actions")
        box = widgets.VBox([text, row, problem], **shared_look(widgets.VBox))
        box.add_class("pr-comment-answer")
        return box

    def _attempt(self, problem: widgets.HTML, action: Callable[[], object]) -> bool:
        """Do ``action``; a refusal is said under the reply box in the page's language."""
        try:
            action()
        except PhysioreflectError as error:
            lines = [describe_error(error, self.app.lang)]
            if isinstance(error, InvalidWorkbook):
                lines += [describe_problem(p, self.app.lang) for p in error.problems[:3]]
            problem.value = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
            problem.layout.display = ""
            return False
        problem.value = ""
        problem.layout.display = "none"
        return True
