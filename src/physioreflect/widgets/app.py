"""The student workbook: a shell that arranges one view per step around a controller.

The tab's state and rules live in :class:`physioreflect.app.WorkbookController`, tested
without a kernel. This shell builds the header, the stepper and the navigation once and
updates them in place; each step's view is built the first time it is shown and kept, so
returning to a step costs one message to the browser, not a rebuilt page. A view is built
again only when what it was built for changed: another workbook, a reload, the language. For
the language it is built off the page and its widgets take over those the page already has,
so the browser only changes texts (:mod:`physioreflect.widgets._in_place`).
"""

from __future__ import annotations

import functools
import html
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as widgets

from physioreflect.app import (
    STEP_SECTIONS,
    STEPS,
    AsyncioScheduler,
    Cancellable,
    ReadOnlyWorkbook,
    SaveState,
    SaveStatus,
    Scheduler,
    Session,
    Step,
    WorkbookController,
    query_from_voila,
)
from physioreflect.content import (
    ContentLibrary,
    PromptSet,
    describe_error,
    describe_problem,
    message,
)
from physioreflect.errors import (
    InvalidWorkbook,
    PhysioreflectError,
    ReviewRefused,
    UnsafeWorkbookId,
    WorkbookNotSaved,
)
from physioreflect.model import Edit, Section, Workbook
from physioreflect.storage import SUBMISSIONS_ENV, Workspace, default_workspace_path
from physioreflect.widgets._context import SectionView
from physioreflect.widgets._form import (
    CLOSE_AFTER,
    close_all,
    html_block,
    language_toggle,
    message_html,
)
from physioreflect.widgets._in_place import build_off_page, real_comms
from physioreflect.widgets._server_log import log_to_server
from physioreflect.widgets._shared import course_prompt_set
from physioreflect.widgets._state_batch import StateBatch
from physioreflect.widgets.feedback_banner import FeedbackBanner
from physioreflect.widgets.sections import build_view
from physioreflect.widgets.undo_bar import UndoBar
from physioreflect.widgets.url_state import UrlState

__all__ = ["ReflectionApp", "SectionView", "reflection_app"]

log = logging.getLogger("physioreflect.widgets")

F = TypeVar("F", bound=Callable[..., Any])

PREPARE_AFTER = 1.5
"""Seconds without a step change or an edit before the steps not shown yet are built."""

PREPARE_WHEN_BUSY = 10.0
"""Seconds before trying again when the machine was busy."""

PREPARE_NEXT = 0.3
"""Seconds between two steps built while the page is quiet (time for the page to draw one,
and for a click to come first)."""


class ReflectionApp:
    """One browser tab of the workbook; implements the views' :class:`ViewContext`."""

    def __init__(
        self,
        *,
        workspace: Workspace,
        lang: str = "nb",
        prompt_set: PromptSet | None = None,
        scheduler: Scheduler | None = None,
        query: str = "",
        submissions: Path | None = None,
        prepare_steps: bool = False,
        busy: Callable[[], bool] | None = None,
    ) -> None:
        self.controller = WorkbookController(
            workspace=workspace,
            lang=lang,
            prompt_set=prompt_set,
            scheduler=scheduler or AsyncioScheduler(),
            submissions=submissions,
        )
        # Views by step, each with the language it was built in: after a language switch a
        # view is put into the new one when it is shown next (``_relabel``).
        self._views: dict[Step, SectionView] = {}
        self._built_in: dict[Step, str] = {}
        self._stale: dict[Step, set[Section | None]] = {}
        # The steps not shown yet are built while the page is quiet (``_prepare_later``).
        self._prepare_steps = prepare_steps
        self._preparing: Cancellable | None = None
        self._busy = busy or machine_busy

        self.url = UrlState(on_leave=self.guard(self.controller.save_pending))
        self.banner = widgets.VBox()
        self.banner.add_class("pr-banner")
        self.body = widgets.VBox()
        self.body.add_class("pr-body")
        self.feedback = FeedbackBanner()
        self._build_header()
        self._build_stepper()
        self._build_nav()
        # The address widget in a box of its own: a box whose child fails to start in the page
        # (anywidget gives up on a widget after 2 s on a busy page) shows none of its
        # children, and this must never be the workbook's.
        url_box = widgets.Box([self.url])
        url_box.add_class("pr-url-box")
        # Texts of many widgets in one message (a language switch); in a box of its own too.
        self.batch = StateBatch()
        batch_box = widgets.Box([self.batch])
        batch_box.add_class("pr-url-box")
        self.undo = UndoBar(self)
        self.widget = widgets.VBox(
            [
                url_box,
                batch_box,
                self.header,
                self.banner,
                self.stepper,
                self.feedback.widget,
                self.body,
                self.nav,
                self.undo.widget,
            ]
        )
        self.widget.add_class("pr-app")

        controller = self.controller
        controller.on_step(self.guard(self._show_step))
        controller.on_language(self.guard(self._language_changed))
        controller.on_workbook(self.guard(self._workbook_changed))
        controller.on_state(self.guard(self._state_changed))
        controller.on_workspace(self.guard(self._workspace_changed))
        try:
            controller.open_from_query(query)
        except UnsafeWorkbookId:
            self.say(self.t("app.bad_link"), "warning")
        except PhysioreflectError as error:
            self.say_error(error)
        self._update_chrome()
        self._show_step()

    # ── the view context ──────────────────────────────────────────────────────────────────
    @property
    def lang(self) -> str:
        return self.controller.lang

    @property
    def library(self) -> ContentLibrary:
        return self.controller.library

    @property
    def prompt_set(self) -> PromptSet:
        return self.controller.prompt_set

    @property
    def required_prompts(self) -> tuple[str, ...]:
        return self.controller.required_prompts

    @property
    def workspace(self) -> Workspace:
        return self.controller.workspace

    @property
    def session(self) -> Session | None:
        return self.controller.session

    @property
    def step(self) -> Step:
        return self.controller.step

    @property
    def read_only(self) -> bool:
        return self.controller.read_only

    @property
    def workbook(self) -> Workbook:
        return self.controller.workbook

    @property
    def current_view(self) -> SectionView:
        return self._view_for(self.step)

    def t(self, key: str, /, **params: Any) -> str:
        return message(key, self.lang, **params)

    def edit(self, section: Section | None, change: Edit) -> str | None:
        """Apply an edit; return a message for the user when it was refused."""
        if self.session is None:
            return None
        try:
            self.controller.edit(section, change)
        except InvalidWorkbook as error:
            return "; ".join(describe_problem(p, self.lang) for p in error.problems)
        except ReviewRefused as error:
            return describe_error(error, self.lang)
        except ReadOnlyWorkbook:
            return self.t("app.read_only")
        return None

    def go(self, step: Step, *, field: str | None = None) -> None:
        # Sent before the step: the page reads where to land when the step opens.
        self.url.focus = field or ""
        self.controller.go(step)

    def set_language(self, lang: str) -> None:
        self.controller.set_language(lang)

    def open_workbook(self, workbook: Workbook, step: Step = Step.case) -> None:
        self.clear_message()
        self.controller.open_workbook(workbook, step=step)

    def close_workbook(self) -> None:
        self.controller.close()

    # ── errors: nothing a handler raises may vanish ───────────────────────────────────────
    def guard(self, handler: F) -> F:
        """Wrap a widget callback: a domain error becomes a clear message; anything else is
        logged in full and reported in one line (a callback's exception is otherwise lost)."""

        @functools.wraps(handler)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except PhysioreflectError as error:
                self.say_error(error)
            except Exception:
                log.exception("unexpected error in %s", getattr(handler, "__name__", handler))
                self.say(self.t("error.unexpected"), "error")
            return None

        return guarded  # type: ignore[return-value]

    def say(self, text: str, kind: str = "info") -> None:
        self._banner_message(message_html(text, kind))

    def say_error(self, error: PhysioreflectError) -> None:
        lines = [describe_error(error, self.lang)]
        if isinstance(error, InvalidWorkbook):
            lines += [describe_problem(p, self.lang) for p in error.problems[:8]]
        markup = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
        self._banner_message(f"<div class='pr-message pr-error' role='alert'>{markup}</div>")

    def _banner_message(self, markup: str) -> None:
        """Show ``markup`` in the banner, in the message already there if there is one (the
        same notice said again on every step is then not sent, nor announced, again)."""
        shown = self.banner.children
        if len(shown) == 1 and "pr-banner-message" in getattr(shown[0], "_dom_classes", ()):
            if shown[0].value != markup:
                shown[0].value = markup
            return
        self.clear_message()
        with real_comms():  # the banner is in the page even while a view is built off it
            self.banner.children = [html_block(markup, "pr-banner-message")]

    def clear_message(self) -> None:
        dropped = list(self.banner.children)
        self.banner.children = []
        if dropped:
            self.controller.scheduler.call_later(CLOSE_AFTER, lambda: close_all(dropped))

    # ── built once, updated in place ──────────────────────────────────────────────────────
    def _build_header(self) -> None:
        self.brand = html_block("")
        self.title = html_block("")
        self.status = widgets.HTML("")
        self.status.add_class("pr-save-status")
        self.language = language_toggle(
            self.lang, self.guard(lambda change: self.controller.set_language(change["new"]))
        )
        self.header = widgets.HBox([self.brand, self.title, self.status, self.language])
        self.header.add_class("pr-header")

    def _build_stepper(self) -> None:
        self.step_buttons: dict[Step, widgets.Button] = {}
        for step in STEPS:
            button = widgets.Button()
            button.add_class("pr-step")
            button.add_class(f"pr-step-{step.value}")
            button.on_click(self.guard(lambda _b, s=step: self.controller.go(s)))
            self.step_buttons[step] = button
        self.stepper = widgets.HBox(list(self.step_buttons.values()))
        self.stepper.add_class("pr-stepper")

    def _build_nav(self) -> None:
        self.back = widgets.Button()
        self.back.add_class("pr-back")
        self.forward = widgets.Button(button_style="primary")
        self.forward.add_class("pr-next")
        self.back.on_click(self.guard(lambda _b: self._move(-1)))
        self.forward.on_click(self.guard(lambda _b: self._move(+1)))
        self.nav = widgets.HBox([self.back, self.forward])
        self.nav.add_class("pr-nav")

    def _move(self, offset: int) -> None:
        step = self.controller.neighbour(offset)
        if step is not None:
            self.controller.go(step)

    def _update_chrome(self) -> None:
        """Header, stepper and navigation for the current language, step and workbook."""
        self.brand.value = (
            f"<div class='pr-brand'>physioreflect<small>{html.escape(self.t('app.tagline'))}"
            "</small></div>"
        )
        title = html.escape(self.workbook.meta.title) if self.session is not None else ""
        self.title.value = f"<div class='pr-workbook-title'>{title}</div>"
        self.language.description = self.t("app.language")
        if self.language.value != self.lang:
            self.language.value = self.lang
        self._update_stepper()
        self._update_nav()
        self._render_status()
        self._update_url()
        self._show_feedback()

    def _show_feedback(self) -> None:
        self.feedback.show(self.controller.received_review(), self.t)

    def _update_stepper(self) -> None:
        progress = self.controller.progress()
        for number, (step, button) in enumerate(self.step_buttons.items(), start=1):
            label = f"{number}. {self.t(f'step.{step.value}')}"
            done = progress.get(step)
            if done is not None:
                label += f"  {done[0]}/{done[1]}"
            button.description = label
            button.tooltip = self.t(f"step.{step.value}")
            _set_class(button, "pr-current", step is self.step)
            _set_class(button, "pr-complete", done is not None and done[0] == done[1])
            button.disabled = self.session is None and step is not Step.start

    def _update_nav(self) -> None:
        self.back.description = self.t("app.back")
        self.forward.description = self.t("app.next")
        self.back.disabled = self.controller.neighbour(-1) is None
        self.forward.disabled = self.controller.neighbour(+1) is None or self.session is None

    def _update_url(self) -> None:
        if self.session is None:
            self.url.set(lang=self.lang)
        else:
            self.url.set(workbook=str(self.workbook.meta.id), lang=self.lang, step=self.step.value)

    # ── views ─────────────────────────────────────────────────────────────────────────────
    def _view_for(self, step: Step) -> SectionView:
        view = self._views.get(step)
        if view is None:
            view = build_view(self, step)
            self._views[step] = view
            self._built_in[step] = self.lang
            self._stale.pop(step, None)
        elif self._built_in.get(step) != self.lang:
            view = self._relabel(step, view)
        else:
            stale = self._stale.pop(step, set())
            if stale:
                # One refresh for all that changed while the view was hidden.
                view.refresh(stale.pop() if len(stale) == 1 else None)
        return view

    def _relabel(self, step: Step, old: SectionView) -> SectionView:
        """``step``'s view in the page's language, built off the page; its widgets take over
        the old view's in the page, so the browser only changes texts (``_in_place``)."""
        fresh = build_off_page(lambda: build_view(self, step))
        fresh.view.widget.layout.display = old.widget.layout.display  # hidden stays hidden
        if not fresh.take_over(old.widget, fresh.view.widget, batch=self.batch):
            # Another shape (a list changed meanwhile): shown as a new build, the old closed.
            fresh.open_in_page()
            self.controller.scheduler.call_later(CLOSE_AFTER, lambda: close_all([old.widget]))
        self.body.children = [
            fresh.view.widget if child is old.widget else child for child in self.body.children
        ]
        self._views[step] = fresh.view
        self._built_in[step] = self.lang
        self._stale.pop(step, None)  # built from the workbook as it is now
        return fresh.view

    def _forget_views(self, steps: list[Step] | None = None) -> None:
        """Drop views (all, or those of ``steps``) so that they are built again when shown;
        their widgets are closed a little later, once the page no longer shows them."""
        chosen = list(self._views) if steps is None else steps
        dropped = [self._views.pop(step) for step in chosen if step in self._views]
        for step in chosen:
            self._stale.pop(step, None)
            self._built_in.pop(step, None)
        if dropped:
            widgets_ = [view.widget for view in dropped]
            self.controller.scheduler.call_later(CLOSE_AFTER, lambda: close_all(widgets_))

    def _show_step(self) -> None:
        """Show the current step's view. Views already built stay in the page, hidden: the
        browser then only switches which one is displayed instead of drawing a step again."""
        current = self._view_for(self.step)
        for view in self._views.values():
            view.widget.layout.display = "" if view is current else "none"
        shown = [view.widget for view in self._views.values()]
        if list(self.body.children) != shown:
            self.body.children = shown
        self._update_stepper()
        self._update_nav()
        self._update_url()
        self._show_read_only_notice()
        self._prepare_later()

    # ── steps prepared while the page is quiet ────────────────────────────────────────────
    def _unprepared(self) -> list[Step]:
        """Steps of the open workbook not yet ready to show in the page's language: the ones
        after the current step first, in order, then those before it."""
        if self.session is None or self.session.state.status is SaveStatus.conflict:
            return []  # nothing to prepare, or the user must first choose a version
        here = STEPS.index(self.step)
        order = [*STEPS[here + 1 :], *reversed(STEPS[:here])]
        return [s for s in order if s not in self._views or self._built_in.get(s) != self.lang]

    def _prepare_later(self, delay: float = PREPARE_AFTER) -> None:
        """Build the next step not shown yet once nothing has happened for ``delay`` seconds
        (each step change and edit starts the wait again), so that a first visit only shows
        what is already in the page."""
        if not self._prepare_steps:
            return
        if self._preparing is not None:
            self._preparing.cancel()
            self._preparing = None
        pending = self._unprepared()
        _set_class(self.widget, "pr-steps-ready", self.session is not None and not pending)
        if pending:
            self._preparing = self.controller.scheduler.call_later(delay, self._prepare_quietly)

    def _prepare_quietly(self) -> None:
        """Work nobody asked for: a failure is logged, never shown to the user (whose banner
        may hold something that matters, such as a save conflict's choice)."""
        try:
            self._prepare_next()
        except Exception:
            log.exception("a step could not be prepared ahead; it is built when shown")

    def _prepare_next(self) -> None:
        self._preparing = None
        if self._busy():
            # Every core already has work (a class opening its workbooks at once): building
            # ahead would slow the pages that are loading; try again a little later.
            self._prepare_later(PREPARE_WHEN_BUSY)
            return
        pending = self._unprepared()
        if not pending:
            return
        step = pending[0]
        built = step in self._views
        view = self._view_for(step)  # built, or put into the page's language
        if not built:
            view.widget.layout.display = "none"
            self.body.children = [*self.body.children, view.widget]
        self._prepare_later(PREPARE_NEXT)

    def _show_read_only_notice(self) -> None:
        if self.session is None or self.session.state.status is SaveStatus.conflict:
            return
        if self.session.read_only:
            status = self.workbook.meta.status.value
            self.say(self.t("app.read_only_status", status=self.t(f"status.{status}")), "info")

    def render(self) -> None:
        """Build every view again (after anything that changes them all)."""
        self._forget_views()
        self._update_chrome()
        self._show_step()

    # ── reacting to the controller ────────────────────────────────────────────────────────
    def _language_changed(self) -> None:
        # The small texts first, the step (a few hundred) last: the page settles sooner.
        self._prepare_later()  # no step is ready in the new language now
        self.undo.update()
        self._update_chrome()
        self._show_step()

    def _workspace_changed(self) -> None:
        """A workbook went to the trash or came back, or a revision was restored: the start
        step lists them again (now, if it is shown; when it is shown next, otherwise)."""
        view = self._views.get(Step.start)
        if view is None:
            return
        if self.step is Step.start and self._built_in.get(Step.start) == self.lang:
            view.refresh(None)
        else:
            self._stale.setdefault(Step.start, set()).add(None)

    def _workbook_changed(self, section: Section | None) -> None:
        if section is None:
            self.render()
            return
        self._prepare_later()  # someone is typing: the steps wait
        self._show_feedback()  # a comment resolved changes how many are open
        current = self._views.get(self.step)
        if current is not None and self._built_in.get(self.step) == self.lang:
            current.refresh(section)
        # Other steps only need what they show of ``section``, when they are shown next.
        for step in self._views:
            if step is not self.step:
                self._stale.setdefault(step, set()).add(section)

    def _state_changed(self, state: SaveState) -> None:
        self._render_status()
        if state.status is SaveStatus.conflict:
            self._show_conflict(state)
        elif state.status is SaveStatus.failed and state.error is not None:
            # Say it where it cannot be missed; the work stays in memory and downloadable.
            self.say_error(state.error)
        elif state.status is SaveStatus.saved and self.step in STEP_SECTIONS:
            self._update_stepper()

    def _render_status(self) -> None:
        state = None if self.session is None else self.session.state
        self.status.value = self._status_text(state)
        for kind in SaveStatus:
            _set_class(self.status, f"pr-{kind.value}", state is not None and state.status is kind)

    def _status_text(self, state: SaveState | None) -> str:
        if state is None:
            return ""
        if state.status is SaveStatus.saved and state.at is not None:
            stamp = state.at.astimezone().strftime("%H:%M:%S")
            return html.escape(self.t("app.saved_at", time=stamp))
        if state.status is SaveStatus.pending:
            return html.escape(self.t("app.saving"))
        if state.status is SaveStatus.conflict:
            return html.escape(self.t("app.not_saved_conflict"))
        error = state.error
        if isinstance(error, WorkbookNotSaved):
            reason = self.t(
                f"error.reason.{error.params.get('reason', 'other')}",
                detail=error.params.get("detail", ""),
            )
        else:
            reason = describe_error(error, self.lang) if error is not None else ""
        return html.escape(self.t("app.not_saved", reason=reason))

    def _show_conflict(self, state: SaveState) -> None:
        error = state.error
        copy_id = str(error.params.get("copy_id", "")) if error is not None else ""
        text = describe_error(error, self.lang) if error is not None else ""
        reload_theirs = widgets.Button(description=self.t("app.conflict_reload"))
        reload_theirs.add_class("pr-conflict-reload")
        keep_mine = widgets.Button(
            description=self.t("app.conflict_keep_copy"), button_style="primary"
        )
        keep_mine.add_class("pr-conflict-keep")

        def reload(_button: widgets.Button) -> None:
            self.clear_message()
            self.controller.reload_theirs()

        def keep(_button: widgets.Button) -> None:
            self.clear_message()
            self.controller.keep_copy(copy_id)

        reload_theirs.on_click(self.guard(reload))
        keep_mine.on_click(self.guard(keep))
        box = widgets.VBox(
            [
                html_block(message_html(text, "error")),
                widgets.HBox([reload_theirs, keep_mine]),
            ]
        )
        box.add_class("pr-conflict-banner")
        self.banner.children = [box]
        # Every field is read-only until the user chooses which version to continue with.
        self._forget_views()
        self._show_step()


def machine_busy() -> bool:
    """Has every core had work for the last minute (load average above the number of cores
    this process may use)?"""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        return os.getloadavg()[0] > cores
    except OSError:
        return False


def _set_class(widget: widgets.DOMWidget, css: str, on: bool) -> None:
    if on and css not in widget._dom_classes:
        widget.add_class(css)
    elif not on and css in widget._dom_classes:
        widget.remove_class(css)


def reflection_app(
    *,
    workspace: Workspace | None = None,
    lang: str | None = None,
    query: str | None = None,
) -> widgets.Widget:
    """The workbook as one widget, configured from the environment ``physioreflect serve``
    sets (workspace, language, course prompt set, submissions folder) and the page address."""
    log_to_server()
    language = lang or os.environ.get("PHYSIOREFLECT_LANG", "nb")
    language = language if language in ("nb", "en") else "nb"
    submissions = os.environ.get(SUBMISSIONS_ENV)
    try:
        prompt_set = course_prompt_set()
        app = ReflectionApp(
            workspace=workspace or Workspace(default_workspace_path()),
            lang=language,
            prompt_set=prompt_set,
            query=query_from_voila() if query is None else query,
            submissions=Path(submissions) if submissions else None,
            prepare_steps=True,
        )
    except PhysioreflectError as error:
        return html_block(message_html(describe_error(error, language), "error"), "pr-app")
    except Exception:
        log.exception("the workbook could not start")
        return html_block(message_html(message("error.unexpected", language), "error"), "pr-app")
    return app.widget
