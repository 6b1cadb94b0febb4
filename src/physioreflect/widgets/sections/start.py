"""Start: a new workbook, one from the workspace, or an uploaded file."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.content import describe_error, describe_problem
from physioreflect.errors import PhysioreflectError
from physioreflect.model import (
    Condition,
    Language,
    Role,
    Section,
    Workbook,
)
from physioreflect.render import written_date
from physioreflect.widgets._form import card, heading, html_block, message_html, step_title
from physioreflect.widgets._shared import shared_look
from physioreflect.widgets.comment_threads import CommentThreads
from physioreflect.widgets.upload import JsonUpload

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
        self._render_list()
        columns = widgets.Box(
            [
                widgets.VBox([self._new_card(), self._upload_card()], **shared_look(widgets.VBox)),
                widgets.VBox(
                    [
                        *self._returned_card(),
                        *self._continue_card(),
                        card(
                            heading(t("start.open_title")),
                            self.search,
                            self.list_box,
                            css="pr-open-card",
                        ),
                    ],
                    **shared_look(widgets.VBox),
                ),
            ],
            **shared_look(widgets.Box),
        )
        columns.add_class("pr-columns")
        # Comments on the workbook as a whole (not on one section) are read here.
        self.widget = widgets.VBox([intro, CommentThreads(app, Section.meta).widget, columns])
        self.widget.add_class("pr-section")
        self.widget.add_class("pr-start")

    def refresh(self, section: Section | None) -> None:
        """The start page shows no workbook of its own."""

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
        t = self.app.t
        words = self.search.value.casefold().split()
        matches = [
            s
            for s in self._summaries
            if all(w in (s.title + " " + s.file_name).casefold() for w in words)
        ]
        rows: list[widgets.Widget] = [self._row(s) for s in matches[:LIST_LIMIT]]
        if not self._summaries:
            rows = [html_block(f"<p class='pr-muted'>{html.escape(t('workspace.empty'))}</p>")]
        elif not matches:
            rows = [html_block(f"<p class='pr-muted'>{html.escape(t('start.no_match'))}</p>")]
        elif len(matches) > LIST_LIMIT:
            more = t("start.more_matches", count=len(matches) - LIST_LIMIT)
            rows.append(html_block(f"<p class='pr-muted'>{html.escape(more)}</p>"))
        self.list_box.children = rows

    def _row(self, summary: WorkbookSummary) -> widgets.Widget:
        t = self.app.t
        if summary.problem is not None:
            problem = describe_problem(summary.problem, self.app.lang)
            text = t("workspace.broken", problem=problem)
            row = html_block(
                f"<div><b>{html.escape(summary.file_name)}</b><br>"
                f"<span class='pr-field-error'>{html.escape(text)}</span></div>"
            )
            row.add_class("pr-workbook-row")
            return row
        stamp = summary.updated_at
        when = stamp.astimezone().strftime("%Y-%m-%d %H:%M") if stamp else ""
        badge = (
            f"<span class='pr-badge'>{html.escape(t('workspace.example_badge'))}</span>"
            if summary.is_example
            else ""
        )
        status = t(f"status.{summary.status}") if summary.status else ""
        info = html_block(
            f"<div><b>{html.escape(summary.title)}</b>{badge}<br>"
            f"<span class='pr-muted'>{html.escape(status)} · "
            f"{html.escape(t('start.last_saved', time=when))} · "
            f"{html.escape(t('start.complete', percent=round(summary.completeness * 100)))}"
            "</span></div>"
        )
        button = widgets.Button(
            description=t("start.open"), tooltip=summary.title[:80], **shared_look(widgets.Button)
        )
        button.add_class("pr-open")
        button.on_click(self.app.guard(lambda _b: self._open(summary.id)))
        row = widgets.HBox([info, button], **shared_look(widgets.HBox))
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
