"""The workbook's Voila page: something to show at once, the workbook built once the page
is there to receive it.

Why: Voila runs the notebook's cell, takes what the cell displayed and only then sends the
page. It waits for the cell's output a few seconds at most after the kernel says the cell is
done (``iopub_timeout``). Building the workbook inside the cell sent some 250 widget
messages ahead of the one output the page needs; with many kernels starting on shared cores
they arrived too late, Voila gave up waiting, and the page came out empty and white.

Building it right after the cell instead (while the browser was still loading the page) made
its 300 widgets wait in the server's buffer for the page's connection. They then reached the
page in one burst, before the page's widget manager was ready for them, and raced with the
manager loading the widgets it asked the kernel for: now and then a box waited for a child
it never found, and the page stayed on "starting" for good (one page in four to six, opened
straight to a step).

So the cell displays one box holding a single button, as light as a bare page's, and the
kernel builds the workbook when that button is pressed: the page's script presses it as
soon as the page shows it (``physioreflect-starting.js``, which hides it), that is when the
page has loaded its widgets and listens for new ones, as it does for any click. Opened
without our page template (JupyterLab), the button is there to press, labelled in the page's
language. Meanwhile the kernel imports what the workbook needs, so the press is answered
quickly. The page says it is starting until the workbook is there; if the workbook cannot be
built, the box says so in the page's language and offers to try again.

This module imports ipywidgets only: the workbook's modules load after the page is out.
"""

from __future__ import annotations

import asyncio
import html
import importlib
import logging
import os
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from physioreflect.widgets._server_log import log_to_server

__all__ = ["cohort_page", "reflection_page", "review_page"]

log = logging.getLogger("physioreflect.widgets")

_FALLBACK = {
    # Used only if the UI catalog itself cannot be loaded (a broken installation).
    "nb": ("Arbeidsboka kunne ikke starte.", "Prøv igjen"),
    "en": ("The workbook could not start.", "Try again"),
}


def reflection_page(**options: Any) -> widgets.VBox:
    """The workbook for a Voila page: a box returned at once holding the button that opens
    it; pressing it (the page does, once it shows the box) fills the box with
    :func:`physioreflect.widgets.app.reflection_app` (given ``options``). Outside an event
    loop (a script) the box is filled at once."""
    return _page("reflection", options)


def cohort_page(**options: Any) -> widgets.VBox:
    """The cohort overview for a Voila page, started as :func:`reflection_page` starts the
    workbook (:func:`physioreflect.widgets.cohort_view.cohort_app`)."""
    return _page("cohort", options)


def review_page(**options: Any) -> widgets.VBox:
    """The review of one submission for a Voila page, started as :func:`reflection_page`
    starts the workbook (:func:`physioreflect.widgets.review_view.review_app`)."""
    return _page("review", options)


_MODULES = {"reflection": "app", "cohort": "cohort_view", "review": "review_view"}
"""Each dashboard's module in this package; its function builds the dashboard."""


@dataclass(frozen=True)
class _Dashboard:
    name: str
    options: dict[str, Any]

    def make(self) -> widgets.Widget:
        if self.name == "cohort":
            from physioreflect.widgets.cohort_view import cohort_app  # noqa: PLC0415

            return cohort_app(**self.options)
        if self.name == "review":
            from physioreflect.widgets.review_view import review_app  # noqa: PLC0415

            return review_app(**self.options)
        from physioreflect.widgets.app import reflection_app  # noqa: PLC0415 - after the page

        return reflection_app(**self.options)

    @property
    def failed_key(self) -> str:
        """The catalog's "could not start", in the dashboard's own words."""
        return "start.failed" if self.name == "reflection" else f"start.failed.{self.name}"


def _page(dashboard: str, options: dict[str, Any]) -> widgets.VBox:
    log_to_server()
    lang = _page_language(options)
    make = _Dashboard(dashboard, options)
    opener = widgets.Button(_dom_classes=("pr-page-open",))
    page = widgets.VBox([opener], _dom_classes=("pr-page",))  # as light as a bare page
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        _build(page, make, lang)
        return page
    opened = False

    def open_dashboard(_button: widgets.Button) -> None:
        nonlocal opened
        if not opened:  # pressed twice (a person outside our page): built once
            opened = True
            _build(page, make, lang)

    opener.on_click(open_dashboard)
    # After the cell has finished (the page's output is on its way): load the dashboard's
    # modules while the browser loads the page, and label the button.
    loop.call_soon(_prepare, opener, dashboard, lang)
    return page


def _prepare(opener: widgets.Button, dashboard: str, lang: str) -> None:
    try:
        from physioreflect.content import message  # noqa: PLC0415

        importlib.import_module(f"physioreflect.widgets.{_MODULES[dashboard]}")
        opener.description = message("page.open", lang)
    except Exception:
        # Whatever failed fails again when the button is pressed, and is said there.
        log.exception("the dashboard's modules could not be loaded")


def _build_later(page: widgets.VBox, make: _Dashboard, lang: str) -> None:
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        _build(page, make, lang)
        return
    loop.call_soon(_build, page, make, lang)


def _build(page: widgets.VBox, make: _Dashboard, lang: str) -> None:
    try:
        page.children = [make.make()]
    except Exception:
        # The dashboards turn every error of ours into a message; this is the rest (an
        # import that failed, a widget that could not be made). Logged, never shown.
        log.exception("the dashboard could not be built")
        page.children = [_failed(lambda: _retry(page, make, lang), lang, make.failed_key)]


def _retry(page: widgets.VBox, make: _Dashboard, lang: str) -> None:
    page.children = []
    _build_later(page, make, lang)


def _failed(retry: Callable[[], None], lang: str, failed_key: str) -> widgets.VBox:
    text, again = _texts(lang, failed_key)
    note = widgets.HTML(f"<div class='pr-message pr-error' role='alert'>{html.escape(text)}</div>")
    button = widgets.Button(description=again, button_style="primary")
    button.add_class("pr-start-retry")
    button.on_click(lambda _button: retry())
    box = widgets.VBox([note, button])
    box.add_class("pr-start-failed")
    return box


def _texts(lang: str, failed_key: str) -> tuple[str, str]:
    try:
        from physioreflect.content import message  # noqa: PLC0415 - only when it failed

        return message(failed_key, lang), message("start.retry", lang)
    except Exception:
        log.exception("the UI catalog could not be loaded")
        return _FALLBACK["nb" if lang == "nb" else "en"]


def _page_language(options: dict[str, Any]) -> str:
    """The page's language: asked for, in the address, or the server's default."""
    asked = options.get("lang")
    if asked in ("nb", "en"):
        return str(asked)
    query = options.get("query")
    if query is None:
        query = os.environ.get("QUERY_STRING", "")
    from_address = urllib.parse.parse_qs(str(query)).get("lang", [""])[-1]
    if from_address in ("nb", "en"):
        return from_address
    return "en" if os.environ.get("PHYSIOREFLECT_LANG") == "en" else "nb"
