"""The review dashboard: one submission, read-only, with the supervisor's comments beside each
section, the rubric, overall feedback, a decision, and sending it all to the student.

A thin view over :class:`physioreflect.app.ReviewSession`: every change is a call to it, and
it decides what may change. The student's work is drawn with the same renderer as the
Summary step and the PDF. Every text from the files is escaped.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import logging
import os
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from physioreflect.app import ReviewSession, query_from_voila
from physioreflect.content import describe_error, describe_problem, format_location, message
from physioreflect.errors import InvalidWorkbook, PhysioreflectError
from physioreflect.model import Decision, LearningJudgement, Section
from physioreflect.render import (
    anchor_options,
    changes_html,
    section_html,
    summary_data,
    title_html,
    written_date,
)
from physioreflect.storage import SUBMISSIONS_ENV
from physioreflect.widgets._form import close_later, html_block, language_toggle, message_html
from physioreflect.widgets._server_log import log_to_server
from physioreflect.widgets._shared import course_prompt_set, course_rubric
from physioreflect.widgets._shell import Shell
from physioreflect.widgets.download import DownloadButton, safe_filename

__all__ = ["ReviewApp", "review_app"]

log = logging.getLogger("physioreflect.widgets")

_REVIEWER_ENV = "PHYSIOREFLECT_REVIEWER"
_NONE = "–"
_FINDINGS_SHOWN = 15
_COMMENTED = (
    Section.meta,
    Section.case,
    Section.perspective,
    Section.barriers,
    Section.facilitators,
    Section.plan,
    Section.reflection,
)


class ReviewApp(Shell):
    """One browser tab's review of one submission."""

    what = "the review dashboard"

    def __init__(
        self,
        session: ReviewSession,
        *,
        lang: str = "nb",
        blind_as: str | None = None,
        back: Callable[[], None] | None = None,
    ) -> None:
        self.session, self.lang, self.blind_as = session, lang, blind_as
        self._back = back
        self.sections = widgets.VBox()
        self.sections.add_class("pr-review-sections")
        self._boxes: dict[Section, widgets.VBox] = {}
        self._build()
        self._relabel()
        self._show()

    # ── built once ─────────────────────────────────────────────────────────────────────────
    def _build(self) -> None:
        self.heading = html_block("")
        self.language = language_toggle(self.lang, self.guard(self._language_changed))
        header = widgets.HBox([self.heading, self.language])
        header.add_class("pr-header")
        self.back = widgets.Button(icon="arrow-left")
        self.back.add_class("pr-review-back")
        self.back.layout.display = "" if self._back else "none"
        self.back.on_click(self.guard(lambda _b: self._back() if self._back else None))

        self.reviewer = widgets.Text(
            continuous_update=False,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", max_width="40rem"),
        )
        self.reviewer.add_class("pr-review-reviewer")
        self.reviewer.observe(self.guard(self._reviewer_changed), names="value")
        self.state = html_block("", "pr-review-state")
        self.banner = html_block("", "pr-review-banner")
        self.notes = html_block("", "pr-review-notes")
        self.changes = html_block("", "pr-review-diff")

        self.panel = self._build_panel()
        body = widgets.VBox(
            [
                self.back,
                self.reviewer,
                self.state,
                self.banner,
                self.notes,
                self.changes,
                self.sections,
            ]
        )
        body.add_class("pr-card")
        body.add_class("pr-review-body")
        columns = widgets.HBox([body, self.panel])
        columns.add_class("pr-review-columns")
        self.widget = widgets.VBox([header, columns])
        self.widget.add_class("pr-app")
        self.widget.add_class("pr-review")

    def _build_panel(self) -> widgets.VBox:
        self.panel_title = html_block("")
        self.scores: dict[str, widgets.Dropdown] = {}
        self.descriptors: dict[str, widgets.HTML] = {}
        self.rubric_box = widgets.VBox()
        self.rubric_box.add_class("pr-review-rubric")
        full = {"layout": widgets.Layout(width="100%")}
        # The judgement of learning is hidden for a course rubric without one: its own layouts.
        self.learning = widgets.Dropdown(layout=widgets.Layout(width="100%"))
        self.learning.add_class("pr-review-learning")
        self.learning.observe(self.guard(self._learning_changed), names="value")
        self.learning_note = widgets.Textarea(
            continuous_update=False, rows=3, layout=widgets.Layout(width="100%")
        )
        self.learning_note.add_class("pr-review-learning-note")
        self.learning_note.observe(
            self.guard(lambda c: self._text_changed("learning_note", c)), names="value"
        )
        self.feedback = widgets.Textarea(continuous_update=False, rows=8, **full)
        self.feedback.add_class("pr-review-feedback")
        self.feedback.observe(
            self.guard(lambda c: self._text_changed("overall_feedback", c)), names="value"
        )
        self.decision = widgets.ToggleButtons(style={"button_width": "auto"})
        self.decision.add_class("pr-review-decision")
        self.decision.add_class("pr-choice")
        self.decision.observe(self.guard(self._decision_changed), names="value")
        self.release = widgets.Button(button_style="primary")
        self.release.add_class("pr-review-release")
        self.release.on_click(self.guard(lambda _b: self._ask_release()))
        self.confirm = widgets.Button(button_style="danger")
        self.confirm.add_class("pr-review-release-confirm")
        self.confirm.on_click(self.guard(lambda _b: self._released()))
        self.cancel = widgets.Button()
        self.cancel.add_class("pr-review-release-cancel")
        self.cancel.on_click(self.guard(lambda _b: self._confirming(on=False)))
        self.confirm_text = html_block("", "pr-review-release-question")
        self.confirm_row = widgets.VBox(
            [self.confirm_text, widgets.HBox([self.confirm, self.cancel])]
        )
        self.confirm_row.layout.display = "none"
        self.feedback_pdf = DownloadButton(
            label="",
            filename="",
            produce=self._feedback_pdf,
            mime="application/pdf",
            css_class="pr-download pr-review-feedback-pdf",
            on_error=self._export_failed,
        )
        self.labels = {
            name: html_block("") for name in ("rubric", "learning", "feedback", "decision")
        }
        self.labels["learning"].layout = widgets.Layout()  # hidden at times: not shared
        panel = widgets.VBox(
            [
                self.panel_title,
                self.labels["rubric"],
                self.rubric_box,
                self.labels["learning"],
                self.learning,
                self.learning_note,
                self.labels["feedback"],
                self.feedback,
                self.labels["decision"],
                self.decision,
                self.release,
                self.confirm_row,
                self.feedback_pdf,
            ]
        )
        panel.add_class("pr-card")
        panel.add_class("pr-review-panel")
        return panel

    # ── events ────────────────────────────────────────────────────────────────────────────
    def _language_changed(self, change: dict[str, Any]) -> None:
        self.lang = str(change["new"])
        self.banner.value = ""
        self._relabel()
        self._show()

    def _reviewer_changed(self, change: dict[str, Any]) -> None:
        if self.session.read_only:
            return
        self.session.set_reviewer(str(change["new"]))
        self.banner.value = ""
        self._show_state()

    def _add_comment(
        self, section: Section, anchor: widgets.Dropdown, text: widgets.Textarea
    ) -> None:
        if not text.value.strip():
            self.say(self.t("review.page.comment_empty"), "error")
            return
        self.session.add_comment(section, text.value, anchor=anchor.value or None)
        self.banner.value = ""
        self._comments_changed(section)

    def _edit_comment(self, section: Section, comment_id: str, text: widgets.Textarea) -> None:
        self.session.edit_comment(comment_id, text.value)
        self.say(self.t("review.page.comment_saved"), "success")
        self._comments_changed(section)

    def _delete_comment(self, section: Section, comment_id: str) -> None:
        self.session.delete_comment(comment_id)
        self.banner.value = ""
        self._comments_changed(section)

    def _reply(self, section: Section, comment_id: str, text: widgets.Textarea) -> None:
        self.session.reply(comment_id, text.value)
        self._comments_changed(section)

    def _comments_changed(self, section: Section) -> None:
        """Only the section commented on is drawn again (a page of seven sections is a few
        hundred widgets), and the line saying when the review was saved."""
        self._show_sections(only=section)
        self._show_state()

    def _score_changed(self, criterion: str, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        value = change["new"]
        level = None if value in (None, 0) else int(value)
        self.session.score(criterion, level)
        self.descriptors[criterion].value = self._descriptor_html(criterion, level)
        self._show_state()

    def _descriptor_html(self, criterion: str, level: int | None) -> str:
        """What the chosen level means for the criterion, in the course rubric's words."""
        text = self.session.descriptor(criterion, level, self.lang)
        return f"<p class='pr-review-descriptor-text'>{html.escape(text)}</p>" if text else ""

    def _learning_changed(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        value = change["new"]
        self.session.set_learning(LearningJudgement(value) if value else None)
        self._show_state()

    def _text_changed(self, field: str, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        self.session.set_text(field, str(change["new"]))
        self._show_state()

    def _decision_changed(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        value = change["new"]
        self.session.set_decision(Decision(value) if value else None)
        self._confirming(on=False)
        self._show_state()

    def _ask_release(self) -> None:
        if self.session.review.decision is None:
            self.say(describe_error(_no_decision(), self.lang), "error")
            return
        self._confirming(on=True)

    def _confirming(self, *, on: bool) -> None:
        self.confirm_row.layout.display = "" if on else "none"
        self.release.layout.display = "none" if on else ""

    def _feedback_pdf(self) -> bytes:
        """The student's work with the review as it stands, as the student will get it on
        paper; blind when the dashboard is."""
        from physioreflect.export import export_pdf  # noqa: PLC0415 - Typst, when first asked

        workbook = self.session.preview(blind_as=self.blind_as)
        return export_pdf(workbook, prompt_set=self.session.prompt_set)

    def _feedback_filename(self) -> str:
        """Named by the blind code when blind (a learning platform puts names in file
        names), else by the workbook's title."""
        word = self.t("review.page.feedback_file")
        if self.blind_as is not None:
            return safe_filename(f"{self.blind_as} {word}", "pdf")
        return safe_filename(f"{self.session.submission.meta.title} {word}", "pdf")

    def _export_failed(self, error: Exception) -> None:
        if isinstance(error, PhysioreflectError):
            self.say(describe_error(error, self.lang), "error")
        else:
            self.say(self.t("review.page.feedback_pdf_failed"), "error")

    def _released(self) -> None:
        self._confirming(on=False)
        path = self.session.release()
        self.say(self.t("review.page.released", path=self._where(path)), "success")
        self._show()

    def _where(self, path: Path) -> str:
        """A file's place, as said on screen: in a blind review not its path, which on a
        learning platform's download carries the student's name."""
        return self.t("review.page.beside_submission") if self.blind_as else str(path)

    # ── shown ─────────────────────────────────────────────────────────────────────────────
    _quiet = False

    def _relabel(self) -> None:
        self.heading.value = (
            "<div class='pr-brand'>physioreflect"
            f"<small>{html.escape(self.t('review.page.tagline'))}</small></div>"
            f"<h1 class='pr-review-title'>{html.escape(self.t('review.page.title'))}</h1>"
        )
        self.language.description = self.t("app.language")
        self.back.description = self.t("review.page.back")
        self.reviewer.description = self.t("review.page.reviewer")
        self.reviewer.placeholder = self.t("review.page.reviewer_placeholder")
        self.panel_title.value = (
            f"<h2 class='pr-card-title'>{html.escape(self.t('review.page.panel'))}</h2>"
        )
        course = self.session.course_rubric
        for name in self.labels:
            text = (
                self.t("review.page.rubric_course", title=course.title.get(self.lang))
                if name == "rubric" and course is not None
                else self.t(f"review.page.{name}")
            )
            self.labels[name].value = f"<label class='pr-label'>{html.escape(text)}</label>"
        self.release.description = self.t("review.page.release")
        self.confirm_text.value = f"<p>{html.escape(self.t('review.page.release_question'))}</p>"
        self.confirm.description = self.t("review.page.release_confirm")
        self.cancel.description = self.t("review.page.cancel")
        self.feedback.placeholder = self.t("review.page.feedback_placeholder")
        self.learning_note.placeholder = self.t("review.page.learning_note_placeholder")
        self.feedback_pdf.label = self.t("review.page.feedback_pdf")
        self.feedback_pdf.filename = self._feedback_filename()

    def _show(self) -> None:
        self._show_state()
        self._show_panel()
        self._show_changes()
        self._show_sections()

    def _show_changes(self) -> None:
        """The fold-out "what changed since the last review": closed at first, since the
        work itself comes first; always there, saying so when there is no earlier round."""
        t = self.t
        try:
            found = self.session.changes(self.lang, blind_as=self.blind_as)
        except PhysioreflectError as error:
            detail = describe_error(error, self.lang)
            if isinstance(error, InvalidWorkbook) and error.problems:
                detail += " " + describe_problem(error.problems[0], self.lang)
            said = html.escape(t("review.changes.unreadable", reason=detail))
            summary, body = said, ""
        else:
            if found is None:
                summary, body = html.escape(t("review.changes.none")), ""
            else:
                earlier, data = found
                meta = earlier.workbook.meta
                key, date = (
                    ("review.changes.since_copy", meta.submitted)
                    if earlier.found_as == "copy"
                    else ("review.changes.since_returned", meta.reviewed or meta.submitted)
                )
                summary = html.escape(t(key, date=_date(date, self.lang)))
                body = changes_html(data)
        title = html.escape(t("review.changes.title"))
        if not body:  # nothing to fold out: said in one line
            self.changes.value = (
                f"<p class='pr-review-diff-none'><b>{title}</b>: "
                f"<span class='pr-muted'>{summary}</span></p>"
            )
            return
        self.changes.value = (
            "<details class='pr-review-diff-fold'><summary>"
            f"<b>{title}</b> <span class='pr-muted'>({summary})</span></summary>"
            f"{body}</details>"
        )

    def _show_state(self) -> None:
        session, t = self.session, self.t
        if self.reviewer.value != session.reviewer:
            self.reviewer.value = session.reviewer
        self.reviewer.disabled = session.read_only
        if session.released:
            state = t("review.page.state_released", date=_date(session.record.released, self.lang))
            kind = "success"
        elif not session.reviewable:
            status = t(f"status.{session.submission.meta.status.value}")
            state, kind = t("review.page.state_not_submitted", status=status), "warn"
        elif session.saved:
            state, kind = (
                t("review.page.state_draft", date=_time(session.record.updated, self.lang)),
                "info",
            )
        else:
            state, kind = t("review.page.state_new"), "info"
        self.state.value = message_html(state, kind)
        notes = []
        changed = session.changed_by_hand()
        if changed:
            notes.append(
                message_html(t("review.page.changed_by_hand", count=len(changed)), "error")
            )
        if session.kept_earlier is not None:
            notes.append(
                message_html(
                    t("review.page.kept_earlier", path=self._where(session.kept_earlier)), "info"
                )
            )
        findings = self._findings()
        if findings:
            notes.append(self._findings_html(findings))
        self.notes.value = "".join(notes)
        self.release.disabled = session.read_only

    @functools.cached_property
    def _privacy(self) -> list[Any]:
        from physioreflect.privacy import scan_workbook  # noqa: PLC0415 - when first shown

        return list(scan_workbook(self.session.submission))

    def _findings_html(self, findings: list[Any]) -> str:
        """The privacy check's findings in the submission, each where it is and what it is,
        as the student's Summary lists them (escaped); a blind review leaves out the found
        text itself, which may be a name."""
        t = self.t
        items = []
        for finding in findings[:_FINDINGS_SHOWN]:
            kind = t(f"privacy.kind.{finding.kind.value}")
            item = kind if self.blind_as else t("privacy.item", kind=kind, text=finding.text)
            where = format_location(finding.path or (), self.lang)
            items.append(
                f"<li>{html.escape(t('summary.privacy_where', where=where, item=item))}</li>"
            )
        more = len(findings) - _FINDINGS_SHOWN
        if more > 0:
            items.append(f"<li>{html.escape(t('review.page.privacy_more', count=more))}</li>")
        heading = html.escape(t("review.page.privacy", count=len(findings)))
        return (
            f"<details class='pr-message pr-warn pr-review-privacy' role='note'>"
            f"<summary>{heading}</summary><ul>{''.join(items)}</ul></details>"
        )

    def _findings(self) -> list[Any]:
        try:
            return self._privacy
        except Exception:
            log.exception("the privacy scan of a submission failed")
            return []

    def _show_panel(self) -> None:
        session, review, t = self.session, self.session.review, self.t
        self._quiet = True
        try:
            levels = [(_NONE, 0)] + [
                (f"{n} · {label}", n) for n, label in session.levels(self.lang)
            ]
            known = {n for _, n in levels}
            other = session.scored_with_another_rubric()
            rows: list[widgets.Widget] = []
            if other is not None:
                note = t("review.page.other_rubric", rubric=other)
                rows.append(html_block(message_html(note, "warn"), "pr-review-other-rubric"))
            self.scores, self.descriptors = {}, {}
            for criterion, label in session.criteria(self.lang):
                score = widgets.Dropdown(options=levels, layout=widgets.Layout(width="11rem"))
                score.add_class("pr-review-score")
                score.add_class(f"pr-review-score-{criterion.replace('.', '-')}")
                chosen = review.rubric.get(criterion)
                score.value = chosen.level if chosen and chosen.level in known else 0
                score.disabled = session.read_only or other is not None
                score.observe(
                    self.guard(functools.partial(self._score_changed, criterion)), names="value"
                )
                self.scores[criterion] = score
                outcome = (
                    f" <span class='pr-review-outcome'>{html.escape(t('review.page.outcome'))}"
                    "</span>"
                    if session.is_outcome(criterion)
                    else ""
                )
                name = html_block(
                    f"<span class='pr-review-criterion'>{html.escape(label)}</span>{outcome}"
                )
                row = widgets.HBox([name, score])
                row.add_class("pr-review-score-row")
                descriptor = html_block(
                    self._descriptor_html(criterion, chosen.level if chosen else None),
                    "pr-review-descriptor",
                )
                self.descriptors[criterion] = descriptor
                rows += [row, descriptor]
            self.rubric_box.children = rows
            kinds = session.learning_kinds(self.lang)
            for control in (self.labels["learning"], self.learning, self.learning_note):
                # A course rubric that asks for no judgement of learning shows none.
                control.layout.display = "" if kinds or review.learning else "none"
            self.learning.options = [(_NONE, ""), *kinds]
            self.learning.value = review.learning.value if review.learning else ""
            self.learning_note.value = review.learning_note
            self.feedback.value = review.overall_feedback
            self.decision.options = [
                (t("review.page.decide_return"), Decision.returned.value),
                (t("review.page.decide_approve"), Decision.approved.value),
            ]
            self.decision.value = review.decision.value if review.decision else None
            for control in (self.learning, self.learning_note, self.feedback, self.decision):
                control.disabled = session.read_only
        finally:
            self._quiet = False

    def _show_sections(self, *, only: Section | None = None) -> None:
        """Draw the sections (``only`` one of them); the widgets replaced are closed, so
        neither the kernel nor the page keeps them."""
        session = self.session
        workbook = session.preview(blind_as=self.blind_as)
        data = summary_data(workbook, prompt_set=session.prompt_set, lang=self.lang)
        labels = data["labels"]
        markup = {Section.meta: title_html(data)}
        for section in data["sections"]:
            if section["id"] != "review":
                markup[Section(section["id"])] = section_html(section, labels)
        old = dict(self._boxes)
        for section, text in markup.items():
            if only is None or section is only or section not in self._boxes:
                self._boxes[section] = self._section_box(section, text, workbook)
        self.sections.children = [self._boxes[section] for section in markup]
        close_later([box for section, box in old.items() if self._boxes.get(section) is not box])

    def _section_box(self, section: Section, markup: str, workbook: Any) -> widgets.VBox:
        # The Summary step's look (``pr-summary``): one document, drawn alike wherever shown.
        shown = html_block(
            f"<div class='pr-document'>{markup}</div>", "pr-review-document", "pr-summary"
        )
        children: list[widgets.Widget] = [shown]
        session = self.session
        if not session.read_only:
            children += self._own_comments(section)
            children.append(self._comment_form(section, workbook))
        box = widgets.VBox(children)
        box.add_class("pr-review-section")
        box.add_class(f"pr-review-section-{section.value}")
        return box

    def _own_comments(self, section: Section) -> list[widgets.Widget]:
        """The supervisor's own draft comments on ``section``, to edit or delete; and a reply
        box under each comment the student has answered."""
        session, author = self.session, self.session.reviewer.strip().casefold()
        received = session.received_comments()
        found: list[widgets.Widget] = []
        for comment in session.review.comments:
            if comment.section is not section:
                continue
            if comment.comment_id in received:
                if any(not r.from_supervisor for r in comment.replies):
                    found.append(self._reply_box(section, comment.comment_id))
                continue
            if comment.author.strip().casefold() != author:
                continue
            text = widgets.Textarea(value=comment.text, rows=3, layout=widgets.Layout(width="100%"))
            text.add_class("pr-review-comment-edit-text")
            save = widgets.Button(description=self.t("review.page.comment_save"))
            save.add_class("pr-review-comment-save")
            save.on_click(
                self.guard(
                    lambda _b, c=comment.comment_id, w=text: self._edit_comment(section, c, w)
                )
            )
            delete = widgets.Button(description=self.t("review.page.comment_delete"))
            delete.add_class("pr-review-comment-delete")
            delete.on_click(
                self.guard(lambda _b, c=comment.comment_id: self._delete_comment(section, c))
            )
            row = widgets.VBox([text, widgets.HBox([save, delete])])
            row.add_class("pr-review-own-comment")
            found.append(row)
        return found

    def _reply_box(self, section: Section, comment_id: str) -> widgets.Widget:
        text = widgets.Textarea(
            rows=2,
            placeholder=self.t("review.page.reply_placeholder"),
            layout=widgets.Layout(width="100%"),
        )
        text.add_class("pr-review-reply-text")
        send = widgets.Button(description=self.t("review.page.reply"))
        send.add_class("pr-review-reply")
        send.on_click(self.guard(lambda _b: self._reply(section, comment_id, text)))
        return widgets.HBox([text, send])

    def _comment_form(self, section: Section, workbook: Any) -> widgets.Widget:
        whole = (
            "review.page.about_workbook" if section is Section.meta else "review.page.about_section"
        )
        options = [(self.t(whole), "")]
        if section is not Section.meta:
            options += [
                (_short(label), anchor)
                for anchor, label in anchor_options(
                    workbook, section, lang=self.lang, prompt_set=self.session.prompt_set
                )
            ]
        full = widgets.Layout(width="100%")
        anchor = widgets.Dropdown(
            options=options,
            value="",
            description=self.t("review.page.about"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", max_width="40rem"),
        )
        anchor.add_class("pr-review-anchor")
        text = widgets.Textarea(
            rows=3, placeholder=self.t("review.page.comment_placeholder"), layout=full
        )
        text.add_class("pr-review-comment-text")
        add = widgets.Button(description=self.t("review.page.comment_add"), icon="comment")
        add.add_class("pr-review-comment-add")
        add.on_click(self.guard(lambda _b: self._add_comment(section, anchor, text)))
        form = widgets.VBox([anchor, text, add])
        form.add_class("pr-review-comment-form")
        return form


def _short(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _no_decision() -> PhysioreflectError:
    from physioreflect.errors import ReviewRefused  # noqa: PLC0415

    return ReviewRefused(reason="no_decision")


def _date(moment: Any, lang: str) -> str:
    return "" if moment is None else written_date(moment, lang)


def _time(moment: Any, lang: str) -> str:
    """The day in words and the time to the second: two changes a minute apart, or in the
    same minute, each show that they were saved."""
    if moment is None:
        return ""
    return f"{written_date(moment, lang)} {moment.astimezone(dt.UTC):%H:%M:%S} UTC"


def review_app(
    *,
    lang: str | None = None,
    source: str | None = None,
    submission: str | None = None,
    **_options: Any,
) -> widgets.Widget:
    """The review of one submission as one widget: the folder or zip from ``serve
    --submissions`` and the file from the page address (``?submission=…``)."""
    log_to_server()
    query = urllib.parse.parse_qs(query_from_voila())
    language = lang or query.get("lang", [""])[-1] or os.environ.get("PHYSIOREFLECT_LANG", "nb")
    language = language if language in ("nb", "en") else "nb"
    folder = source if source is not None else os.environ.get(SUBMISSIONS_ENV, "")
    name = submission if submission is not None else query.get("submission", [""])[-1]
    if not folder or not name:
        return html_block(
            message_html(message("review.page.nothing_to_open", language), "info"), "pr-app"
        )
    try:
        session = ReviewSession(
            Path(folder),
            name,
            reviewer=os.environ.get(_REVIEWER_ENV, ""),
            prompt_set=course_prompt_set(),
            rubric=course_rubric(),
        )
        return ReviewApp(session, lang=language).widget
    except InvalidWorkbook as error:
        details = "".join(
            f"<li>{html.escape(describe_problem(p, language))}</li>" for p in error.problems[:5]
        )
        text = html.escape(describe_error(error, language))
        return html_block(
            f"<div class='pr-message pr-error' role='alert'>{text}<ul>{details}</ul></div>",
            "pr-app",
        )
    except PhysioreflectError as error:
        return html_block(message_html(describe_error(error, language), "error"), "pr-app")
