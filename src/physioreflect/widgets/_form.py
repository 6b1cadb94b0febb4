"""Labelled inputs bound to the open workbook.

Every input has a visible label (the ipywidgets description renders a real ``<label for>``),
a stable CSS class, and an error line under it. A change goes through ``app.edit`` — the
model validates it, the autosave is scheduled — and a refused value is explained in the
user's language instead of being silently dropped.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import ipywidgets as widgets

from physioreflect.content import DATE_PLACEHOLDER, parse_typed_date, typed_date
from physioreflect.model import Section, Workbook
from physioreflect.widgets._shared import shared_look

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = [
    "NOT_CHOSEN",
    "NumberedCard",
    "bind",
    "card",
    "choice_buttons",
    "date_field",
    "dropdown_field",
    "heading",
    "html_block",
    "message_html",
    "model_choice",
    "model_text",
    "text_field",
]

T = TypeVar("T")

NOT_CHOSEN = "\u2014"
"""The dropdown value of "—": nothing chosen yet."""


def html_block(markup: str, *classes: str) -> widgets.HTML:
    """Markup we wrote ourselves; anything a user typed must be escaped by the caller."""
    block = widgets.HTML(markup, **shared_look(widgets.HTML))
    for css in classes:
        block.add_class(css)
    return block


def language_toggle(
    lang: str, on_change: Callable[[dict[str, Any]], None]
) -> widgets.ToggleButtons:
    """The interface language's switch (bokmål / English), the same on every dashboard;
    ``on_change`` gets the traitlets change when it is switched."""
    toggle = widgets.ToggleButtons(
        options=[("Bokmål", "nb"), ("English", "en")],
        value=lang,
        style={"button_width": "auto"},
    )
    toggle.add_class("pr-language")
    toggle.add_class("pr-choice")
    toggle.observe(on_change, names="value")
    return toggle


def step_title(step: str, text: str) -> str:
    """A step's heading. It takes the focus when its step is opened (``url_state``), so
    keyboard and screen-reader users start there, as the page is scrolled to its top."""
    return (
        f"<h2 class='pr-section-title' tabindex='-1' data-step='{html.escape(step)}'>"
        f"{html.escape(text)}</h2>"
    )


def heading(text: str, css: str = "pr-card-title") -> widgets.HTML:
    return html_block(f"<div class='{css}'>{html.escape(text)}</div>")


def message_html(text: str, kind: str) -> str:
    return f"<div class='pr-message pr-{kind}' role='status'>{html.escape(text)}</div>"


def pages_html(
    pages: Sequence[bytes], *, caption: str, alt: Callable[[int], str], css: str = ""
) -> str:
    """A PDF's pages as pictures to read in the page (``alt``: each page's description, by
    its number from 1), under a line saying how many there are."""
    images = "".join(
        f"<img class='pr-pdf-page{' ' + css if css else ''}' src='data:image/png;base64,"
        f"{base64.b64encode(page).decode('ascii')}' alt='{html.escape(alt(number))}'>"
        for number, page in enumerate(pages, start=1)
    )
    return f"<p class='pr-muted'>{html.escape(caption)}</p><div class='pr-pdf-strip'>{images}</div>"


def card(*children: widgets.Widget, css: str = "") -> widgets.VBox:
    box = widgets.VBox(list(children), **shared_look(widgets.VBox))
    box.add_class("pr-card")
    if css:
        box.add_class(css)
    return box


class NumberedCard:
    """A list entry's card whose number and title follow the list without being built again:
    adding an entry builds one card, removing one renumbers the others."""

    def __init__(self, widget: widgets.VBox, title: widgets.HTML, *, prefix: str) -> None:
        self.widget = widget
        self.title = title
        self.prefix = prefix
        self.number = 0

    def number_as(self, number: int, label: str) -> None:
        """Show the card as number ``number`` titled ``label`` (a class ``<prefix>-<n>`` lets
        tests and styles find the n-th card)."""
        if number != self.number:
            if self.number:
                self.widget.remove_class(f"{self.prefix}-{self.number}")
            self.widget.add_class(f"{self.prefix}-{number}")
            self.number = number
        title = f"<div class='pr-card-title'>{number}. {html.escape(label or '…')}</div>"
        if self.title.value != title:
            self.title.value = title


def bind(
    control: widgets.Widget,
    *,
    app: ViewContext,
    section: Section,
    apply: Callable[[Workbook, Any], object],
    notes: FieldNotes | None = None,
    after: Callable[[Any], None] | None = None,
) -> None:
    """Send the control's value to the model on every change; a refused value is explained
    under the field at once."""

    def changed(change: dict[str, Any]) -> None:
        value = change["new"]
        problem = app.edit(section, lambda workbook: apply(workbook, value))
        if notes is not None:
            notes.show("pr-field-error", html.escape(problem or ""))
        if problem is None and after is not None:
            after(value)

    control.observe(app.guard(changed), names="value")


class FieldNotes:
    """The lines under a field (a refused value, a privacy warning), created only when there
    is something to say: most fields never need one, and every widget costs the page."""

    def __init__(self, box: widgets.Box) -> None:
        self.box = box
        self._lines: dict[str, widgets.HTML] = {}

    def show(self, css: str, markup: str) -> None:
        line = self._lines.get(css)
        if line is None:
            if not markup:
                return
            line = widgets.HTML(markup, **shared_look(widgets.HTML))
            line.add_class(css)
            self._lines[css] = line
            self.box.children = [*self.box.children, line]
        elif line.value != markup:
            line.value = markup


def _wrap(control: widgets.Widget, css: str, help_text: str) -> tuple[widgets.VBox, FieldNotes]:
    parts: list[widgets.Widget] = [control]
    if help_text:
        parts.append(html_block(f"<div class='pr-help'>{html.escape(help_text)}</div>"))
    box = widgets.VBox(parts, **shared_look(widgets.VBox))
    box.add_class("pr-field-box")
    if css:
        box.add_class(css)
    return box, FieldNotes(box)


def text_field(
    app: ViewContext,
    *,
    label: str,
    value: str,
    section: Section,
    apply: Callable[[Workbook, str], object],
    css: str,
    multiline: bool = True,
    rows: int = 3,
    placeholder: str = "",
    help_text: str = "",
    after: Callable[[str], None] | None = None,
) -> widgets.VBox:
    """A text input. Every keystroke reaches the model (``continuous_update``), so nothing
    typed is lost if the tab closes before the field loses focus."""
    control: widgets.Widget
    if multiline:
        control = widgets.Textarea(
            value=value,
            description=label,
            rows=rows,
            placeholder=placeholder,
            continuous_update=True,
            **shared_look(widgets.Textarea),
        )
    else:
        control = widgets.Text(
            value=value,
            description=label,
            placeholder=placeholder,
            continuous_update=True,
            **shared_look(widgets.Text),
        )
    control.add_class("pr-field")
    control.add_class(css)
    control.disabled = app.read_only
    box, notes = _wrap(control, css + "-box", help_text)

    def check_privacy(text: str) -> None:
        notes.show("pr-privacy-warning", privacy_warning(app, text))

    check_privacy(value)

    def changed(text: str) -> None:
        check_privacy(text)
        if after is not None:
            after(text)

    bind(control, app=app, section=section, apply=apply, notes=notes, after=changed)
    return box


def privacy_warning(app: ViewContext, text: str) -> str:
    """A gentle, non-blocking note when a text looks like it holds personal data."""
    if not text.strip():
        return ""
    from physioreflect.privacy import scan_text  # noqa: PLC0415 - with the first text typed

    findings = scan_text(text, lang=app.lang)
    if not findings:
        return ""
    shown = ", ".join(
        app.t("privacy.item", kind=app.t(f"privacy.kind.{f.kind.value}"), text=f.text[:40])
        for f in findings[:3]
    )
    return message_html(app.t("privacy.field_warning", items=shown), "warning")


def model_text(
    app: ViewContext,
    part: Callable[[Workbook], Any],
    name: str,
    *,
    section: Section,
    css: str,
    **options: Any,
) -> widgets.VBox:
    """A text field for the attribute ``name`` of ``part(workbook)``, labelled
    ``field.<name>``: the common case, without repeating the name three times."""
    return text_field(
        app,
        label=app.t(f"field.{name}"),
        value=getattr(part(app.workbook), name),
        section=section,
        apply=lambda workbook, value: setattr(part(workbook), name, value),
        css=css,
        **options,
    )


def model_choice(
    app: ViewContext,
    part: Callable[[Workbook], Any],
    name: str,
    *,
    options: Sequence[tuple[str, Any]],
    section: Section,
    css: str,
    **extra: Any,
) -> widgets.VBox:
    """A dropdown for the attribute ``name`` of ``part(workbook)``, labelled ``field.<name>``."""
    return dropdown_field(
        app,
        label=app.t(f"field.{name}"),
        options=options,
        value=getattr(part(app.workbook), name),
        section=section,
        apply=lambda workbook, value: setattr(part(workbook), name, value),
        css=css,
        **extra,
    )


def dropdown_field(
    app: ViewContext,
    *,
    label: str,
    options: Sequence[tuple[str, Any]],
    value: Any,
    section: Section,
    apply: Callable[[Workbook, Any], object],
    css: str,
    help_text: str = "",
    after: Callable[[Any], None] | None = None,
) -> widgets.VBox:
    """A choice from a list; the first option is usually "—" for "not chosen yet"."""
    # ipywidgets shows a None value as an empty box, not as its "—" option: "not chosen"
    # travels as NOT_CHOSEN in the widget and as None in the model.
    shown = [(text, NOT_CHOSEN if option is None else option) for text, option in options]
    control = widgets.Dropdown(
        options=shown,
        value=NOT_CHOSEN if value is None else value,
        description=label,
        **shared_look(widgets.Dropdown),
    )
    control.add_class("pr-field")
    control.add_class(css)
    control.disabled = app.read_only
    box, notes = _wrap(control, css + "-box", help_text)
    bind(
        control,
        app=app,
        section=section,
        apply=lambda workbook, chosen: apply(workbook, None if chosen == NOT_CHOSEN else chosen),
        notes=notes,
        after=after,
    )
    return box


def choice_buttons(
    app: ViewContext,
    *,
    label: str,
    options: Sequence[tuple[str, Any]],
    value: Any,
    section: Section,
    apply: Callable[[Workbook, Any], object],
    css: str,
    after: Callable[[Any], None] | None = None,
) -> widgets.VBox:
    """A short row of choices (markers, ratings) as toggle buttons."""
    values = [option_value for _, option_value in options]
    control = widgets.ToggleButtons(
        options=list(options),
        value=value if value in values else None,
        description=label,
        **shared_look(widgets.ToggleButtons, button_width="auto"),
    )
    control.add_class("pr-field")
    control.add_class("pr-choice")
    control.add_class(css)
    control.disabled = app.read_only
    box, notes = _wrap(control, css + "-box", "")
    bind(control, app=app, section=section, apply=apply, notes=notes, after=after)
    return box


def date_field(
    app: ViewContext,
    *,
    label: str,
    value: dt.date | None,
    section: Section,
    apply: Callable[[Workbook, dt.date | None], object],
    css: str,
) -> widgets.VBox:
    """A date typed day first in the interface language's form (``15.03.2027`` in bokmål,
    ``15/03/2027`` in English), not the browser's date input, which follows the browser's
    locale whatever the page speaks. The day it was read as is written out under it, so a
    date typed month first shows its mistake at once."""
    lang = app.lang
    control = widgets.Text(
        value=typed_date(value, lang),
        description=label,
        placeholder=DATE_PLACEHOLDER["nb" if lang == "nb" else "en"],
        continuous_update=False,
        **shared_look(widgets.Text),
    )
    control.add_class("pr-field")
    control.add_class("pr-date-field")
    control.add_class(css)
    control.disabled = app.read_only
    box, notes = _wrap(control, css + "-box", "")

    def written(day: dt.date | None) -> str:
        from physioreflect.render import written_date  # noqa: PLC0415 - when a date is typed

        return "" if day is None else html.escape(written_date(day, lang))

    def changed(change: dict[str, Any]) -> None:
        try:
            day = parse_typed_date(str(change["new"]))
        except ValueError:
            example = typed_date(dt.date(2027, 3, 15), lang)
            notes.show(
                "pr-field-error",
                html.escape(
                    app.t("date.invalid", placeholder=control.placeholder, example=example)
                ),
            )
            notes.show("pr-date-written", "")
            return
        problem = app.edit(section, lambda workbook: apply(workbook, day))
        notes.show("pr-field-error", html.escape(problem or ""))
        notes.show("pr-date-written", "" if problem else written(day))
        shown = typed_date(day, lang)
        if problem is None and control.value != shown:
            control.value = shown  # "15.3.27" is shown as "15.03.2027"; the same day again

    control.observe(app.guard(changed), names="value")
    return box


def close_all(roots: list[widgets.Widget]) -> None:
    """Close widget trees no longer shown, so neither the kernel nor the page keeps them.
    Shared layouts and styles are left alone: other widgets still use them."""
    for root in roots:
        for child in getattr(root, "children", ()):
            close_all([child])
        root.close()


CLOSE_AFTER = 5.0
"""Seconds before the widgets of a dropped view are closed (the page has stopped showing them
by then; closed at once, the page could still ask for one it is drawing)."""


def close_later(roots: list[widgets.Widget], delay: float = CLOSE_AFTER) -> None:
    """:func:`close_all` after ``delay`` seconds in the page's event loop (at once outside
    one, as in a script)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        close_all(roots)
        return
    loop.call_later(delay, close_all, roots)
