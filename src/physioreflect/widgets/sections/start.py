"""Start: a new workbook, one from the workspace, or an uploaded file; the trash, and a
workbook's history."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.content import describe_error, describe_problem
from physioreflect.errors import PhysioreflectError, UnsafeWorkbookId
from physioreflect.model import (
    Condition,
    Language,
    Role,
    Section,
    Workbook,
)
from physioreflect.render import written_date
from physioreflect.storage import workbook_file_name
from physioreflect.widgets._form import (
    card,
    close_later,
    heading,
    html_block,
    message_html,
    step_title,
)
from physioreflect.widgets._shared import shared_look
from physioreflect.widgets._workbook_line import workbook_line
from physioreflect.widgets.comment_threads import CommentThreads
from physioreflect.widgets.trash_list import TrashList
from physioreflect.widgets.upload import JsonUpload
from physioreflect.widgets.workbook_history import OPEN_DRAFT, HistoryPanel

if TYPE_CHECKING:
    from physioreflect.storage import Submission, WorkbookSummary
    from physioreflect.widgets._context import ViewContext

__all__ = ["StartView"]

UPLOAD_LIMIT = 8 * 1024 * 1024
LIST_LIMIT = 60


class StartView:
    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t = app.t
        intro = html_block(
            step_title("start", t("start.title"))
            + f"<p class='pr-intro'>{html.escape(t('start.intro'))}</p>"
        )
        self.list_box = widgets.VBox(**shared_look(widgets.VBox))
        self.list_box.add_class("pr-workbook-list")
        self.search = widgets.Text(
            description=t("start.search"),
            continuous_update=True,
            placeholder=t("start.search_placeholder"),
            **shared_look(widgets.Text),
        )
        self.search.add_class("pr-field")
        self.search.add_class("pr-search")
        self._remember(self.search, "search")
        self.search.observe(app.guard(lambda _c: self._render_list()), names="value")
        self._summaries = app.workspace.list_workbooks()
        self._rows: dict[tuple[object, ...], widgets.Widget] = {}
        self._render_list()
        self.continue_box = widgets.VBox(self._continue_card(), **shared_look(widgets.VBox))
        self.trash = TrashList(app)
        self.columns = widgets.Box(
            [
                widgets.VBox([self._new_card(), self._upload_card()], **shared_look(widgets.VBox)),
                widgets.VBox(
                    [
                        *self._returned_card(),
                        self.continue_box,
                        card(
                            heading(t("start.open_title")),
                            self.search,
                            self.list_box,
                            css="pr-open-card",
                        ),
                        self.trash.widget,
                    ],
                    **shared_look(widgets.VBox),
                ),
            ],
            **shared_look(widgets.Box),
        )
        self.columns.add_class("pr-columns")
        # Either the columns or one workbook's history.
        self.content = widgets.VBox([self.columns], **shared_look(widgets.VBox))
        self.history: HistoryPanel | None = None
        # Comments on the workbook as a whole (not on one section) are read here.
        self.widget = widgets.VBox([intro, CommentThreads(app, Section.meta).widget, self.content])
        self.widget.add_class("pr-section")
        self.widget.add_class("pr-start")
        self._show_history(app.controller.drafts.get(OPEN_DRAFT))

    def refresh(self, section: Section | None) -> None:
        """The workspace may have changed (a workbook saved, moved to the trash or back, a
        revision restored): the lists are read again, which costs little (see
        :meth:`physioreflect.storage.Workspace.list_workbooks`)."""
        self._summaries = self.app.workspace.list_workbooks()
        self._render_list()
        old = list(self.continue_box.children)
        self.continue_box.children = self._continue_card()
        close_later(old)
        self.trash.refresh()
        if self.history is not None:
            self._show_history(self.history.workbook_id)

    # ── history ───────────────────────────────────────────────────────────────────────────
    def _show_history(self, workbook_id: object) -> None:
        """Show the history of ``workbook_id`` instead of the columns (``None``: the columns;
        a workbook no longer in the folder: the columns too)."""
        summary = next((s for s in self._summaries if s.id == workbook_id and s.ok), None)
        old = self.history
        if summary is None:
            self.app.controller.drafts.pop(OPEN_DRAFT, None)
            self.history = None
            self.content.children = [self.columns]
        elif old is not None and old.workbook_id == summary.id:
            old.refresh()
            return
        else:
            self.app.controller.drafts[OPEN_DRAFT] = summary.id
            self.history = HistoryPanel(
                self.app,
                workbook_id=summary.id,
                title=summary.title,
                on_close=lambda: self._show_history(None),
            )
            self.content.children = [self.history.widget]
        if old is not None:
            close_later([old.widget])

    def _remember(self, control: widgets.ValueWidget, key: str) -> None:
        """Keep what is typed in a form that is no workbook yet in the controller, so that the
        form built again (in the other language) shows it still."""
        drafts = self.app.controller.drafts
        if key in drafts:
            control.value = drafts[key]

        def keep(change: dict[str, object]) -> None:
            drafts[key] = change["new"]

        control.observe(keep, names="value")

    # ── new ───────────────────────────────────────────────────────────────────────────────
    def _new_card(self) -> widgets.Widget:
        t = self.app.t
        title = widgets.Text(
            description=t("start.new_title_label"),
            placeholder=t("start.new_title_placeholder"),
            **shared_look(widgets.Text),
        )
        title.add_class("pr-field")
        title.add_class("pr-new-title")
        author = widgets.Text(description=t("field.author"), **shared_look(widgets.Text))
        author.add_class("pr-field")
        author.add_class("pr-new-author")
        role = widgets.Dropdown(
            options=[(t(f"role.{r.value}"), r) for r in Role],
            value=Role.student,
            description=t("field.role"),
            **shared_look(widgets.Dropdown),
        )
        role.add_class("pr-field")
        role.add_class("pr-new-role")
        language = widgets.Dropdown(
            options=[(t(f"language.{lang.value}"), lang) for lang in Language],
            value=Language(self.app.lang),
            description=t("start.workbook_language"),
            **shared_look(widgets.Dropdown),
        )
        language.add_class("pr-field")
        language.add_class("pr-new-language")
        condition = widgets.Dropdown(
            options=[("—", "")] + [(t(f"condition.{c.value}"), c.value) for c in Condition],
            value="",
            description=t("field.condition"),
            **shared_look(widgets.Dropdown),
        )
        condition.add_class("pr-field")
        condition.add_class("pr-new-condition")
        course = widgets.Text(
            description=t("field.course_code"), placeholder="FYS2100", **shared_look(widgets.Text)
        )
        course.add_class("pr-field")
        course.add_class("pr-new-course")
        error = widgets.HTML("", **shared_look(widgets.HTML))
        error.add_class("pr-field-error")
        create = widgets.Button(
            description=t("start.create"), button_style="primary", **shared_look(widgets.Button)
        )
        create.add_class("pr-create")
        for control, key in (
            (title, "new.title"),
            (author, "new.author"),
            (role, "new.role"),
            (language, "new.language"),
            (condition, "new.condition"),
            (course, "new.course"),
        ):
            self._remember(control, key)

        def on_create(_button: widgets.Button) -> None:
            if not title.value.strip():
                error.value = html.escape(t("validation.title_blank"))
                return
            try:
                workbook = Workbook.new(
                    title=title.value.strip(),
                    author=author.value.strip(),
                    role=role.value,
                    language=language.value,
                    course_code=course.value.strip() or None,
                    condition=Condition(condition.value) if condition.value else None,
                )
            except ValueError as problem:
                error.value = html.escape(str(problem))
                return
            self.app.controller.create(workbook)

        create.on_click(self.app.guard(on_create))
        return card(
            heading(t("start.new_heading")),
            title,
            author,
            role,
            language,
            condition,
            course,
            error,
            create,
            css="pr-new-card",
        )

    # ── continue / open ───────────────────────────────────────────────────────────────────
    def _returned_card(self) -> list[widgets.Widget]:
        """Reviews waiting in the shared submissions folder for workbooks of this workspace:
        one button each brings the review into the student's workbook."""
        waiting = self.app.controller.returned_waiting()
        if not waiting:
            return []
        t = self.app.t
        rows: list[widgets.Widget] = []
        for workbook, submission in waiting:
            info = html_block(
                f"<div><b>{html.escape(workbook.meta.title)}</b><br><span class='pr-muted'>"
                f"{html.escape(t('start.returned_handed_in', date=self._date(submission)))}"
                "</span></div>"
            )
            button = widgets.Button(
                description=t("start.returned_open"),
                button_style="primary",
                tooltip=workbook.meta.title[:80],
                **shared_look(widgets.Button),
            )
            button.add_class("pr-returned-open")
            button.on_click(self.app.guard(lambda _b, s=submission: self._receive(s)))
            row = widgets.HBox([info, button], **shared_look(widgets.HBox))
            row.add_class("pr-returned-row")
            rows.append(row)
        return [card(heading(t("start.returned_heading")), *rows, css="pr-returned-card")]

    def _date(self, submission: Submission) -> str:
        return written_date(submission.submitted, self.app.lang)

    def _receive(self, submission: Submission) -> None:
        self.app.controller.receive_from_folder(submission)
        self.app.say(self.app.t("start.received", title=self.app.workbook.meta.title), "success")

    def _continue_card(self) -> list[widgets.Widget]:
        last = self.app.workspace.last_opened()
        summary = next((s for s in self._summaries if s.id == last and s.ok), None)
        if summary is None:
            return []
        button = widgets.Button(
            description=self.app.t("start.continue", title=summary.title[:60]),
            button_style="primary",
            **shared_look(widgets.Button),
        )
        button.add_class("pr-continue")
        button.on_click(self.app.guard(lambda _b: self._open(summary.id)))
        return [card(heading(self.app.t("start.continue_heading")), button, css="pr-continue-card")]

    def _render_list(self) -> None:
        """The workbooks that match the search. A row is built once per version of its
        summary and kept: searching, or coming back to the step, builds only what changed."""
        t = self.app.t
        words = self.search.value.casefold().split()
        matches = [
            s
            for s in self._summaries
            if all(w in (s.title + " " + s.file_name).casefold() for w in words)
        ]
        built, self._rows = self._rows, {}
        rows: list[widgets.Widget] = []
        for summary in matches[:LIST_LIMIT]:
            key = _row_key(summary)
            row = built.pop(key, None) or self._rows.get(key) or self._row(summary)
            self._rows[key] = row
            rows.append(row)
        close_later(list(built.values()))
        if not self._summaries:
            rows = [html_block(f"<p class='pr-muted'>{html.escape(t('workspace.empty'))}</p>")]
        elif not matches:
            rows = [html_block(f"<p class='pr-muted'>{html.escape(t('start.no_match'))}</p>")]
        elif len(matches) > LIST_LIMIT:
            more = t("start.more_matches", count=len(matches) - LIST_LIMIT)
            rows.append(html_block(f"<p class='pr-muted'>{html.escape(more)}</p>"))
        if list(self.list_box.children) != rows:
            self.list_box.children = rows

    def _row(self, summary: WorkbookSummary) -> widgets.Widget:
        """A workbook with its actions: open, its history, to the trash (a file that cannot
        be opened can still go to the trash)."""
        app, t = self.app, self.app.t
        guard = app.guard
        buttons: list[widgets.Widget] = []
        tip = (summary.title or summary.file_name)[:80]
        if summary.ok:
            opened = widgets.Button(
                description=t("start.open"), tooltip=tip, **shared_look(widgets.Button)
            )
            opened.add_class("pr-open")
            opened.on_click(guard(lambda _b: self._open(summary.id)))
            history = widgets.Button(
                description=t("start.history"), tooltip=tip, **shared_look(widgets.Button)
            )
            history.add_class("pr-history-open")
            history.on_click(guard(lambda _b: self._show_history(summary.id)))
            buttons += [opened, history]
        if _is_id(summary.id):
            trash = widgets.Button(
                description=t("start.trash_move"), tooltip=tip, **shared_look(widgets.Button)
            )
            trash.add_class("pr-trash-move")
            trash.on_click(guard(lambda _b: app.controller.trash(summary.id)))
            buttons.append(trash)
        actions = widgets.HBox(buttons, **shared_look(widgets.HBox))
        actions.add_class("pr-row-actions")
        row = widgets.VBox(
            [html_block(workbook_line(app, summary)), actions], **shared_look(widgets.VBox)
        )
        row.add_class("pr-workbook-row")
        return row

    def _open(self, workbook_id: str) -> None:
        self.app.controller.open(workbook_id)

    # ── upload ────────────────────────────────────────────────────────────────────────────
    def _upload_card(self) -> widgets.Widget:
        t = self.app.t
        self.upload_result = widgets.HTML("", **shared_look(widgets.HTML))
        self.upload_result.add_class("pr-upload-result")
        upload = JsonUpload(
            label=t("start.upload_button"),
            on_file=self.app.guard(self._uploaded),
            on_too_large=self.app.guard(self._too_large),
            max_bytes=UPLOAD_LIMIT,
        )
        limit = t("start.upload_help", limit_mb=UPLOAD_LIMIT // (1024 * 1024))
        return card(
            heading(t("start.upload_heading")),
            html_block(f"<p class='pr-help'>{html.escape(limit)}</p>"),
            upload,
            self.upload_result,
            css="pr-upload-card",
        )

    def _too_large(self, name: str, size: int) -> None:
        text = self.app.t(
            "start.upload_too_large",
            name=name[:80],
            size_mb=round(size / 1e6, 1),
            limit_mb=UPLOAD_LIMIT // (1024 * 1024),
        )
        self.upload_result.value = message_html(text, "error")

    def _uploaded(self, name: str, data: bytes) -> None:
        """Validate before anything is written; a bad file changes nothing."""
        try:
            result = self.app.controller.import_file(data, name=name[:80])
        except PhysioreflectError as error:
            lines = [self.app.t("start.upload_invalid", name=name[:80])]
            problems = getattr(error, "problems", None)
            if problems:
                lines += [describe_problem(p, self.app.lang) for p in problems[:6]]
            else:
                lines.append(describe_error(error, self.app.lang))
            markup = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
            self.upload_result.value = (
                f"<div class='pr-message pr-error' role='alert'>{markup}</div>"
            )
            return
        title = self.app.workbook.meta.title
        if result != "added":
            self.app.say(self.app.t(f"start.{result}", title=title), "success")
            return
        done = self.app.t("start.upload_done", title=title)
        # An uploaded workbook is scanned like typed text; the Summary lists the findings.
        found = len(self.app.controller.privacy_findings())
        if found:
            self.app.say(f"{done} {self.app.t('start.upload_findings', count=found)}", "warning")
        else:
            self.app.say(done, "success")


def _row_key(summary: WorkbookSummary) -> tuple[object, ...]:
    """What a row shows of a summary: a row is built again only when that changed."""
    return (
        summary.id,
        summary.file_name,
        summary.title,
        summary.status,
        summary.updated,
        summary.completeness,
        summary.is_example,
        repr(summary.problem),
    )


def _is_id(text: str) -> bool:
    try:
        workbook_file_name(text)
    except UnsafeWorkbookId:
        return False
    return True
