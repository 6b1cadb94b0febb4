"""The line that says what "Fjern" just removed, with "Angre" while it can be undone.

It stands at the bottom of the window, so it is seen wherever the button was, and says its
text as a status, so a screen reader reads it out. What it says and for how long is the
controller's (:meth:`physioreflect.app.WorkbookController.undo_notice`); this only shows it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["UndoBar"]


class UndoBar:
    """``widget`` shows the standing undo offer; ``update`` after a language switch."""

    def __init__(self, app: ViewContext) -> None:
        controller = self.controller = app.controller
        guard = app.guard
        self.text = widgets.HTML("")
        self.text.add_class("pr-undo-text")
        # Layouts of their own: they are shown and hidden.
        self.button = widgets.Button(layout=widgets.Layout(display="none"))
        self.button.add_class("pr-undo-button")
        self.button.on_click(guard(lambda _button: controller.undo()))
        self.widget = widgets.HBox([self.text, self.button], layout=widgets.Layout())
        self.widget.add_class("pr-undo")
        controller.on_undo(guard(self.update))
        self.update()

    def update(self) -> None:
        notice = self.controller.undo_notice()
        text = "" if notice is None else html.escape(notice.text)
        markup = f"<div role='status'>{text}</div>"
        if self.text.value != markup:
            self.text.value = markup
        self.button.description = self.controller.t("undo.button")
        self.button.layout.display = "" if notice is not None and notice.can_undo else "none"
        shown = notice is not None
        if shown and "pr-undo-shown" not in self.widget._dom_classes:
            self.widget.add_class("pr-undo-shown")
        elif not shown and "pr-undo-shown" in self.widget._dom_classes:
            self.widget.remove_class("pr-undo-shown")
