"""Behaviour change techniques chosen from the taxonomy: a search field over a checklist.

For a barrier in the patient's own words, which has no strategies from the catalogue. The
techniques and the search are the content library's; a change of the choice goes to
``on_change`` (the barrier's edit), and a choice the model refuses is explained under the
list and taken back on screen, never shown as saved::

    picker = TechniquePicker(
        techniques=[("1.1", "BCT 1.1 Goal setting (behavior)"), ("1.2", "BCT 1.2 Problem solving")],
        value=["1.1"],
        search=lambda words: ["1.2"] if "problem" in words else ["1.1", "1.2"],
        t=lambda key, **params: key,
        on_change=lambda numbers: None,  # the edit; a message when it is refused
    )
    display(picker.widget)
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

import ipywidgets as widgets

from physioreflect.model import toggled
from physioreflect.widgets._form import FieldNotes, heading, html_block
from physioreflect.widgets._shared import shared_layout, shared_look

__all__ = ["TechniquePicker"]

F = TypeVar("F", bound=Callable[..., Any])


class Guard(Protocol):
    """Wraps a widget callback so that no error escapes it unseen (the view's ``guard``)."""

    def __call__(self, handler: F, /) -> F: ...


def _unguarded(handler: F) -> F:
    return handler


class TechniquePicker:
    """``widget`` lists ``techniques`` (number, label shown) as checkboxes, those matching
    the search field (``search`` gives the matching numbers, in order), with the numbers
    chosen (``value``) checked and named under the list. ``disabled`` (a workbook that
    cannot be changed): only the techniques chosen are named."""

    def __init__(
        self,
        *,
        techniques: Sequence[tuple[str, str]],
        value: Sequence[str],
        search: Callable[[str], Sequence[str]],
        t: Callable[..., str],
        on_change: Callable[[list[str]], str | None],
        disabled: bool = False,
        guard: Guard = _unguarded,
    ) -> None:
        self.t = t
        self.value = list(value)
        self._search = search
        self._on_change = on_change
        self._labels = dict(techniques)
        # A number chosen that the catalogue no longer has is still shown, and can be undone.
        for number in self.value:
            self._labels.setdefault(number, t("bct.technique", bct=number, technique="").strip())
        self._taking_back = False
        self.boxes: dict[str, widgets.Checkbox] = {}
        for number, label in () if disabled else self._labels.items():
            box = widgets.Checkbox(
                value=number in self.value,
                description=label,
                indent=False,
                **shared_look(widgets.Checkbox),
            )
            box.add_class("pr-technique")
            box.observe(guard(self._toggled(number)), names="value")
            self.boxes[number] = box
        self.search = widgets.Text(
            description=t("barriers.techniques_search"),
            placeholder=t("barriers.techniques_placeholder"),
            continuous_update=True,
            **shared_look(widgets.Text),
        )
        self.search.add_class("pr-field")
        self.search.add_class("pr-technique-search")
        self.search.observe(guard(lambda change: self.show_matching(change["new"])), names="value")
        self.list = widgets.VBox(
            list(self.boxes.values()), layout=shared_layout(max_height="15em", overflow="auto")
        )
        self.list.add_class("pr-technique-list")
        self.none_found = html_block("", "pr-technique-none")
        self.chosen = html_block("", "pr-techniques-chosen")
        self._say_chosen()
        title = heading(t("barriers.techniques"), "pr-field-title")
        help_text = html_block(
            f"<p class='pr-help'>{html.escape(t('barriers.techniques_help'))}</p>"
        )
        self.widget = widgets.VBox(
            [title, self.chosen]
            if disabled
            else [title, help_text, self.search, self.list, self.none_found, self.chosen],
            **shared_look(widgets.VBox),
        )
        self.widget.add_class("pr-techniques")
        self.notes = FieldNotes(self.widget)

    def show_matching(self, words: str) -> None:
        """Only the techniques matching ``words`` in the list (all of them for none)."""
        found = [n for n in self._search(words) if n in self.boxes] if words.strip() else []
        shown = [self.boxes[n] for n in found] if words.strip() else list(self.boxes.values())
        if list(self.list.children) != shown:
            self.list.children = shown
        said = (
            f"<p class='pr-muted'>"
            f"{html.escape(self.t('barriers.techniques_none_found', words=words.strip()))}</p>"
            if words.strip() and not found
            else ""
        )
        if self.none_found.value != said:
            self.none_found.value = said

    def _toggled(self, number: str) -> Callable[[dict[str, Any]], None]:
        def toggle(change: dict[str, Any]) -> None:
            if self._taking_back:
                return
            wanted = toggled(self.value, number, on=bool(change["new"]))
            problem = self._on_change(wanted)
            self.notes.show("pr-field-error", html.escape(problem or ""))
            if problem:
                self._taking_back = True
                try:
                    self.boxes[number].value = bool(change["old"])
                finally:
                    self._taking_back = False
                return
            self.value = wanted
            self._say_chosen()

        return toggle

    def _say_chosen(self) -> None:
        if self.value:
            names = "; ".join(self._labels[n] for n in self.value)
            text = self.t("barriers.techniques_chosen", techniques=names)
        else:
            text = self.t("barriers.techniques_none_chosen")
        markup = f"<p class='pr-help'>{html.escape(text)}</p>"
        if self.chosen.value != markup:
            self.chosen.value = markup
