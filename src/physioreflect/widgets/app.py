"""The student workbook: a stepper over the sections of one workbook, with autosave.

Thin by design: the open workbook, its autosave and its conflicts live in
:class:`physioreflect.app.Session`; every text comes from the UI catalog or the content
library; this module arranges widgets and routes events.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import ipywidgets as widgets

from physioreflect.app import (
    STEP_SECTIONS,
    STEPS,
    AsyncioScheduler,
    ReadOnlyWorkbook,
    SaveState,
    SaveStatus,
    Scheduler,
    Session,
    Step,
    parse_query,
    query_from_voila,
    step_progress,
)
from physioreflect.content import (
    ContentLibrary,
    PromptSet,
    describe_error,
    describe_problem,
    library,
    load_prompt_set,
    message,
)
from physioreflect.errors import (
    InvalidWorkbook,
    PhysioreflectError,
    UnsafeWorkbookId,
    WorkbookNotSaved,
)
from physioreflect.model import Section, Workbook, completeness
from physioreflect.storage import Workspace, default_workspace_path
from physioreflect.widgets._form import html_block, message_html
from physioreflect.widgets.url_state import UrlState

__all__ = ["ReflectionApp", "SectionView", "reflection_app"]

log = logging.getLogger("physioreflect.widgets")

F = TypeVar("F", bound=Callable[..., Any])


class SectionView(Protocol):
    widget: widgets.Widget

    def refresh(self, section: Section | None) -> None: ...


class ReflectionApp:
    """One browser tab of the workbook."""

    def __init__(
        self,
        *,
        workspace: Workspace,
        lang: str = "nb",
        prompt_set: PromptSet | None = None,
        scheduler: Scheduler | None = None,
        query: str = "",
    ) -> None:
        self.workspace = workspace
        self.lang = lang
        self.library: ContentLibrary = library()
        self.prompt_set = prompt_set or self.library.prompt_set
        self.required_prompts = self.library.required_prompt_ids(self.prompt_set)
        self._scheduler = scheduler or AsyncioScheduler()
        self.session: Session | None = None
        self.step = Step.start
        self._view: SectionView | None = None

        self.url = UrlState(on_leave=self.guard(self._save_pending))
        self.header = widgets.HBox()
        self.header.add_class("pr-header")
        self.banner = widgets.VBox()
        self.banner.add_class("pr-banner")
        self.stepper = widgets.HBox()
        self.stepper.add_class("pr-stepper")
        self.body = widgets.VBox()
        self.body.add_class("pr-body")
        self.nav = widgets.HBox()
        self.nav.add_class("pr-nav")
        self.status = widgets.HTML("")
        self.status.add_class("pr-save-status")
        self.widget = widgets.VBox(
            [self.url, self.header, self.banner, self.stepper, self.body, self.nav]
        )
        self.widget.add_class("pr-app")

        requested = parse_query(query)
        if requested.lang:
            self.lang = requested.lang
        if requested.workbook:
            self._open_from_query(requested.workbook, requested.step)
        self.render()

    # ── text ──────────────────────────────────────────────────────────────────────────────
    def t(self, key: str, **params: Any) -> str:
        return message(key, self.lang, **params)

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
        self.banner.children = [html_block(message_html(text, kind), "pr-banner-message")]

    def say_error(self, error: PhysioreflectError) -> None:
        lines = [describe_error(error, self.lang)]
        if isinstance(error, InvalidWorkbook):
            lines += [describe_problem(p, self.lang) for p in error.problems[:8]]
        markup = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
        self.banner.children = [
            html_block(
                f"<div class='pr-message pr-error' role='alert'>{markup}</div>", "pr-banner-message"
            )
        ]

    def clear_message(self) -> None:
        self.banner.children = []

    # ── the open workbook ─────────────────────────────────────────────────────────────────
    @property
    def read_only(self) -> bool:
        return self.session is None or self.session.read_only

    @property
    def workbook(self) -> Workbook:
        if self.session is None:
            msg = "no workbook is open"
            raise RuntimeError(msg)
        return self.session.workbook

    def edit(self, section: Section, apply: Callable[[Workbook], object]) -> str | None:
        """Apply an edit; return a message for the user when it was refused."""
        if self.session is None:
            return None
        try:
            self.session.edit(apply, section=section)
        except InvalidWorkbook as error:
            return "; ".join(describe_problem(p, self.lang) for p in error.problems)
        except ReadOnlyWorkbook:
            return self.t("app.read_only")
        return None

    def open_workbook(self, workbook: Workbook, step: Step = Step.case) -> None:
        session = Session(workspace=self.workspace, workbook=workbook, scheduler=self._scheduler)
        session.on_state(self.guard(self._state_changed))
        session.on_change(self.guard(self._workbook_changed))
        self.session = session
        self.workspace.remember_last_opened(workbook.meta.id)
        self.clear_message()
        self.go(step)

    def _open_from_query(self, workbook_id: str, step: Step | None) -> None:
        try:
            # After a reload, the previous page's kernel may still be saving the last edits.
            self.workspace.wait_for_pending(workbook_id)
            workbook = self.workspace.open(workbook_id)
        except UnsafeWorkbookId:
            self.say(self.t("app.bad_link"), "warning")
            return
        except PhysioreflectError as error:
            self.say_error(error)
            return
        self.session = Session(
            workspace=self.workspace, workbook=workbook, scheduler=self._scheduler
        )
        self.session.on_state(self.guard(self._state_changed))
        self.session.on_change(self.guard(self._workbook_changed))
        self.workspace.remember_last_opened(workbook.meta.id)
        self.step = step if step is not None and step is not Step.start else Step.case

    def _save_pending(self) -> None:
        if self.session is not None and self.session.dirty:
            self.session.save_now()

    def close_workbook(self) -> None:
        if self.session is not None:
            self.session.save_now()
        self.session = None
        self.go(Step.start)

    # ── navigation ────────────────────────────────────────────────────────────────────────
    def go(self, step: Step) -> None:
        if step is not Step.start and self.session is None:
            step = Step.start
        if self.session is not None and self.session.dirty:
            self.session.save_now()
        self.step = step
        self.render()

    def set_language(self, lang: str) -> None:
        """Switch language; everything typed is already in the model, so nothing is lost."""
        self.lang = lang
        self.render()

    def render(self) -> None:
        self._render_header()
        self._render_stepper()
        self._render_body()
        self._render_nav()
        self._render_read_only_notice()
        self._update_url()

    def _update_url(self) -> None:
        if self.session is None:
            self.url.set(lang=self.lang)
        else:
            self.url.set(workbook=str(self.workbook.meta.id), lang=self.lang, step=self.step.value)

    def _render_header(self) -> None:
        brand = html_block(
            f"<div class='pr-brand'>physioreflect<small>{html.escape(self.t('app.tagline'))}"
            "</small></div>"
        )
        title = ""
        if self.session is not None:
            title = html.escape(self.workbook.meta.title)
        title_widget = html_block(f"<div class='pr-workbook-title'>{title}</div>")
        language = widgets.ToggleButtons(
            options=[("Bokmål", "nb"), ("English", "en")],
            value=self.lang,
            description=self.t("app.language"),
            style={"button_width": "auto"},
        )
        language.add_class("pr-language")
        language.add_class("pr-choice")
        language.observe(self.guard(lambda change: self.set_language(change["new"])), names="value")
        self._render_status()
        self.header.children = [brand, title_widget, self.status, language]

    def _render_status(self) -> None:
        state = None if self.session is None else self.session.state
        self.status.value = self._status_text(state)
        for kind in SaveStatus:
            self.status.remove_class(f"pr-{kind.value}")
        if state is not None:
            self.status.add_class(f"pr-{state.status.value}")

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

    def _render_stepper(self) -> None:
        sections = (
            completeness(self.workbook.to_json_dict(), required_prompts=self.required_prompts)
            if self.session is not None
            else {}
        )
        buttons = []
        for number, step in enumerate(STEPS, start=1):
            label = f"{number}. {self.t(f'step.{step.value}')}"
            progress = step_progress(step, sections)
            if progress is not None:
                label += f"  {progress[0]}/{progress[1]}"
            button = widgets.Button(description=label, tooltip=self.t(f"step.{step.value}"))
            button.add_class("pr-step")
            button.add_class(f"pr-step-{step.value}")
            if step is self.step:
                button.add_class("pr-current")
            if progress is not None and progress[0] == progress[1]:
                button.add_class("pr-complete")
            button.disabled = self.session is None and step is not Step.start
            button.on_click(self.guard(lambda _b, s=step: self.go(s)))
            buttons.append(button)
        self.stepper.children = buttons

    def _render_body(self) -> None:
        from physioreflect.widgets.sections import build_view  # noqa: PLC0415 - avoids a cycle

        self._view = build_view(self, self.step)
        self.body.children = [self._view.widget]

    def _render_nav(self) -> None:
        index = STEPS.index(self.step)
        back = widgets.Button(description=self.t("app.back"), icon="")
        back.add_class("pr-back")
        back.disabled = index == 0
        back.on_click(self.guard(lambda _b: self.go(STEPS[index - 1])))
        forward = widgets.Button(description=self.t("app.next"), button_style="primary")
        forward.add_class("pr-next")
        forward.disabled = index == len(STEPS) - 1 or self.session is None
        if index < len(STEPS) - 1:
            forward.on_click(self.guard(lambda _b: self.go(STEPS[index + 1])))
        self.nav.children = [back, forward]

    def _render_read_only_notice(self) -> None:
        if self.session is None or self.session.state.status is SaveStatus.conflict:
            return
        if self.session.read_only:
            status = self.workbook.meta.status.value
            self.say(self.t("app.read_only_status", status=self.t(f"status.{status}")), "info")

    # ── reacting to the session ───────────────────────────────────────────────────────────
    def _state_changed(self, state: SaveState) -> None:
        self._render_status()
        if state.status is SaveStatus.conflict:
            self._show_conflict(state)
        elif state.status is SaveStatus.failed and state.error is not None:
            # Say it where it cannot be missed; the work stays in memory and downloadable.
            self.say_error(state.error)
        elif state.status is SaveStatus.saved and self.step in STEP_SECTIONS:
            self._render_stepper()

    def _workbook_changed(self, section: Section | None) -> None:
        if self._view is not None:
            self._view.refresh(section)
        if section is None:
            self.render()

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
            assert self.session is not None
            self.session.reload()
            self.clear_message()
            self.render()

        def keep(_button: widgets.Button) -> None:
            assert self.session is not None
            self.session.switch_to(copy_id)
            self.workspace.remember_last_opened(copy_id)
            self.clear_message()
            self.render()

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
        self._render_body()


class _ServerLogHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the kernel process's own stderr, which Voila's server log shows. In a
    kernel, ``sys.stderr`` is the page: a traceback must never end up there."""

    def __init__(self) -> None:
        super().__init__(sys.__stderr__)
        self.setFormatter(logging.Formatter("[physioreflect] %(levelname)s %(name)s: %(message)s"))


def _log_to_server() -> None:
    logger = logging.getLogger("physioreflect")
    if not any(isinstance(h, _ServerLogHandler) for h in logger.handlers):
        logger.addHandler(_ServerLogHandler())
        logger.setLevel(logging.INFO)
        logger.propagate = False


def reflection_app(
    *,
    workspace: Workspace | None = None,
    lang: str | None = None,
    query: str | None = None,
) -> widgets.Widget:
    """The workbook as one widget, configured from the environment ``physioreflect serve``
    sets (workspace, language, course prompt set) and the page address."""
    _log_to_server()
    language = lang or os.environ.get("PHYSIOREFLECT_LANG", "nb")
    language = language if language in ("nb", "en") else "nb"
    try:
        prompts_path = os.environ.get("PHYSIOREFLECT_PROMPTS")
        prompt_set = load_prompt_set(Path(prompts_path)) if prompts_path else None
        app = ReflectionApp(
            workspace=workspace or Workspace(default_workspace_path()),
            lang=language,
            prompt_set=prompt_set,
            query=query_from_voila() if query is None else query,
        )
    except PhysioreflectError as error:
        return html_block(message_html(describe_error(error, language), "error"), "pr-app")
    except Exception:
        log.exception("the workbook could not start")
        return html_block(message_html(message("error.unexpected", language), "error"), "pr-app")
    return app.widget
