"""The cohort overview: a class's submissions as one table, four charts and two exports.

A thin view over :class:`physioreflect.app.CohortQuery`: the supervisor names a folder or
zip (``serve --dashboard cohort --submissions DIR`` fills it in), filters and sorts, turns
blind mode on or off and downloads what is shown as CSV or Excel. Every text from the files
is escaped; a file that cannot be read is listed with its reason, never an error page.
"""

from __future__ import annotations

import html
import logging
import os
import urllib.parse
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd

from physioreflect.app import SORTABLE, CohortQuery, query_from_voila
from physioreflect.cohort import (
    default_key_path,
    load_or_create_key,
    presentable,
)
from physioreflect.content import describe_error, library
from physioreflect.errors import PhysioreflectError
from physioreflect.privacy import scan_workbook
from physioreflect.storage import SUBMISSIONS_ENV
from physioreflect.widgets._form import close_later, html_block, language_toggle, message_html
from physioreflect.widgets._server_log import log_to_server
from physioreflect.widgets._shared import course_prompt_set, course_rubric
from physioreflect.widgets._shell import Shell
from physioreflect.widgets.chart_view import ChartView
from physioreflect.widgets.download import DownloadButton
from physioreflect.widgets.url_state import UrlState

__all__ = ["SUBMISSIONS_ENV", "CohortApp", "cohort_app"]

log = logging.getLogger("physioreflect.widgets")


_SHOWN_COLUMNS = (
    "student",
    "title",
    "course",
    "condition",
    "status",
    "complete",
    "barriers",
    "top_com_b",
    "review",
    "decision",
    "privacy_findings",
    "submitted",
)
_CSV_MIME = "text/csv"
_XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CohortApp(Shell):
    """One browser tab of the cohort overview."""

    what = "the cohort overview"

    def __init__(
        self,
        *,
        lang: str = "nb",
        source: str = "",
        query: CohortQuery,
        address: Mapping[str, str] | None = None,
    ) -> None:
        """``address``: the page address's choices (``status``, ``q``, ``sort``, ``desc``,
        ``blind``), kept there as they change, so a reload shows the class as it was, blind
        included."""
        self.lang = lang
        self.query = query
        self._build(source)
        self._relabel()
        self._restore(address or {})
        if source:
            self.guard(self._read)()
        if self.query.cohort is None:
            self._show()

    def _restore(self, address: Mapping[str, str]) -> None:
        """The filters of the page address; a value the page does not offer is left out."""
        if address.get("blind") == "1":
            self.blind.value = True
        if address.get("status") in {value for _, value in self.status.options}:
            self.status.value = address["status"]
        if address.get("sort") in {value for _, value in self.sort.options}:
            self.sort.value = address["sort"]
        self.descending.value = address.get("desc") == "1"
        self.search.value = address.get("q", "")[:200]

    # ── built once ─────────────────────────────────────────────────────────────────────────
    def _build(self, source: str) -> None:
        self.heading = html_block("")
        self.language = language_toggle(self.lang, self.guard(self._language_changed))
        header = widgets.HBox([self.heading, self.language])
        header.add_class("pr-header")

        self.source = widgets.Text(value=source)
        self.source.add_class("pr-cohort-source")
        self.source.layout.flex = "1 1 auto"
        self.read = widgets.Button(button_style="primary")
        self.read.add_class("pr-cohort-read")
        self.read.on_click(self.guard(lambda _b: self._read()))
        self.blind = widgets.Checkbox(value=False, indent=False)
        self.blind.add_class("pr-cohort-blind")
        self.blind.observe(self.guard(self._blind_changed), names="value")
        self.source_label = html_block("")
        source_row = widgets.HBox([self.source, self.read])
        source_row.add_class("pr-cohort-source-row")
        self.banner = html_block("", "pr-cohort-banner")
        self.summary = html_block("", "pr-cohort-summary")

        filters = self._build_filters()
        exports = self._build_exports()
        self.open_choice = widgets.Dropdown()
        self.open_choice.add_class("pr-cohort-open-choice")
        self.open_button = widgets.Button(icon="folder-open")
        self.open_button.add_class("pr-cohort-open")
        self.open_button.on_click(self.guard(lambda _b: self._open_review()))
        opener = widgets.HBox([self.open_choice, self.open_button])
        opener.add_class("pr-cohort-opener")
        self.table = html_block("", "pr-cohort-table")
        self.problems = html_block("", "pr-cohort-problems")
        self.chart_views = {
            name: ChartView(css=f"pr-class-{name}-chart")
            for name in ("status", "completeness", "barriers", "rubric")
        }
        grid = widgets.GridBox([view.widget for view in self.chart_views.values()])
        grid.add_class("pr-cohort-charts")

        body = widgets.VBox(
            [
                self.source_label,
                source_row,
                self.blind,
                self.banner,
                self.summary,
                filters,
                opener,
                exports,
                self.table,
                self.problems,
                grid,
            ]
        )
        body.add_class("pr-card")
        body.add_class("pr-cohort-body")
        self.overview = widgets.VBox([header, body])
        # The filters are kept in the page address (a reload shows the same rows).
        self.url = UrlState()
        self.overview.children = [*self.overview.children, widgets.Box([self.url])]
        self.widget = widgets.VBox([self.overview])
        self.widget.add_class("pr-app")
        self.widget.add_class("pr-cohort")

    def _build_filters(self) -> widgets.HBox:
        self.status = widgets.Dropdown()
        self.status.add_class("pr-cohort-status")
        self.status.observe(self.guard(self._filter_changed), names="value")
        self.search = widgets.Text(continuous_update=False)
        self.search.add_class("pr-cohort-search")
        self.search.observe(self.guard(self._filter_changed), names="value")
        self.sort = widgets.Dropdown()
        self.sort.add_class("pr-cohort-sort")
        self.sort.observe(self.guard(self._filter_changed), names="value")
        self.descending = widgets.Checkbox(value=False, indent=False)
        self.descending.add_class("pr-cohort-descending")
        self.descending.observe(self.guard(self._filter_changed), names="value")
        filters = widgets.HBox([self.status, self.search, self.sort, self.descending])
        filters.add_class("pr-cohort-filters")
        return filters

    def _build_exports(self) -> widgets.HBox:
        self.csv, self.xlsx = (
            DownloadButton(
                label="",
                filename="",
                produce=produce,
                mime=mime,
                css_class=f"pr-download pr-cohort-{kind}",
                on_error=self._export_failed,
            )
            for kind, produce, mime in (
                ("csv", self.query.csv, _CSV_MIME),
                ("xlsx", self.query.xlsx, _XLSX_MIME),
            )
        )
        exports = widgets.HBox([self.csv, self.xlsx])
        exports.add_class("pr-cohort-exports")
        return exports

    # ── events ────────────────────────────────────────────────────────────────────────────
    def _read(self) -> None:
        if not self.source.value.strip():
            self.say(self.t("cohort.page.no_source"), "error")
            return
        self.query.load(self.source.value)
        self.banner.value = ""
        self._show()

    def _language_changed(self, change: dict[str, Any]) -> None:
        self.lang = str(change["new"])
        self.query.set_language(self.lang)
        self.banner.value = ""
        self._relabel()
        self._show()

    def _blind_changed(self, change: dict[str, Any]) -> None:
        self.query.set_blind(bool(change["new"]))
        self._show()

    def _filter_changed(self, _change: object) -> None:
        self.query.status = str(self.status.value or "")
        self.query.search = str(self.search.value or "")
        self.query.sort_by = str(self.sort.value or "student")
        self.query.descending = bool(self.descending.value)
        self._show()

    def _open_review(self) -> None:
        if self.open_choice.value is None:
            self.say(self.t("cohort.page.open_nothing"), "error")
            return
        from physioreflect.widgets.review_view import ReviewApp  # noqa: PLC0415 - when opened

        self._review_row = int(self.open_choice.value)
        session, code = self.query.open_review(self._review_row, reviewer=self.reviewer)
        review = ReviewApp(session, lang=self.lang, blind_as=code, back=self._close_review)
        self._review = review
        # The overview stays on the page, hidden: going back shows it again as it was,
        # instead of the page drawing the table and the charts anew.
        self.overview.layout.display = "none"
        self.widget.children = [self.overview, review.widget]

    def _close_review(self) -> None:
        review = self._review
        if review is not None:
            self.reviewer = review.session.reviewer or self.reviewer
            if review.lang != self.lang:
                self.language.value = review.lang  # the overview follows the language chosen
        self._review = None
        self.widget.children = [self.overview]
        self.overview.layout.display = ""
        if review is not None:
            close_later([review.widget])
        # The row's review state changed: that file is read again, not the class.
        if self._review_row is not None:
            self.query.reread(self._review_row)
            self._show()

    _review_row: int | None = None
    _review: Any = None
    """The review opened from the table (a ReviewApp), while it is shown."""
    reviewer = os.environ.get("PHYSIOREFLECT_REVIEWER", "")
    """The supervisor's name: typed once in a review, it signs the next review opened."""

    def _export_failed(self, _error: Exception) -> None:
        self.say(self.t("cohort.page.export_failed"), "error")

    # ── shown ─────────────────────────────────────────────────────────────────────────────
    def _relabel(self) -> None:
        self.heading.value = (
            "<div class='pr-brand'>physioreflect"
            f"<small>{html.escape(self.t('cohort.page.tagline'))}</small></div>"
            f"<h1 class='pr-cohort-title'>{html.escape(self.t('cohort.page.title'))}</h1>"
        )
        self.language.description = self.t("app.language")
        self.source_label.value = (
            f"<label class='pr-label'>{html.escape(self.t('cohort.page.source'))}</label>"
            f"<div class='pr-help'>{html.escape(self.t('cohort.page.source_help'))}</div>"
        )
        self.source.placeholder = self.t("cohort.page.source_placeholder")
        self.read.description = self.t("cohort.page.read")
        self.blind.description = self.t("cohort.page.blind")
        self.search.placeholder = self.t("cohort.page.search")
        self.search.description = self.t("cohort.page.search_label")
        self.descending.description = self.t("cohort.page.descending")
        chosen_status, chosen_sort = self.status.value, self.sort.value
        statuses = [(self.t("cohort.page.all_statuses"), "")]
        statuses += [
            (self.t(f"status.{s}"), s) for s in ("draft", "submitted", "returned", "approved")
        ]
        self.status.options = statuses
        self.status.value = chosen_status or ""
        self.status.description = self.t("cohort.column.status")
        self.sort.options = [(self.t(f"cohort.column.{c}"), c) for c in SORTABLE]
        self.sort.value = chosen_sort or self.query.sort_by
        self.sort.description = self.t("cohort.page.sort")
        self.csv.label = self.t("cohort.page.csv")
        self.open_choice.description = self.t("cohort.page.open_label")
        self.open_button.description = self.t("cohort.page.open")
        self.xlsx.label = self.t("cohort.page.xlsx")

    def _update_address(self) -> None:
        query = self.query
        self.url.set(
            lang=self.lang,
            status=query.status or None,
            q=query.search or None,
            sort=None if query.sort_by == "student" else query.sort_by,
            desc="1" if query.descending else None,
            blind="1" if query.blind else None,
        )

    def _show(self) -> None:
        self._update_address()
        view = self.query.view()
        files, workbooks, problems = self.query.counts()
        loaded = self.query.cohort is not None
        if not loaded:
            self.summary.value = message_html(self.t("cohort.page.nothing_read"), "info")
        else:
            shown = len(view[view["problem"] == ""]) if not view.empty else 0
            self.summary.value = message_html(
                self.t(
                    "cohort.page.summary",
                    files=files,
                    workbooks=workbooks,
                    problems=problems,
                    shown=shown,
                ),
                "info",
            )
        self.table.value = self._table_html(view)
        self.problems.value = self._problems_html(view)
        stem = self.query.export_stem()
        self.csv.filename = f"{stem}.csv"
        self.xlsx.filename = f"{stem}.xlsx"
        self.csv.disabled = self.xlsx.disabled = view.empty
        choices = self.query.openable(view)
        chosen = self.open_choice.value
        self.open_choice.options = choices
        values = [value for _, value in choices]
        self.open_choice.value = chosen if chosen in values else (values[0] if values else None)
        self.open_button.disabled = not choices
        figures = self.query.charts(view)
        for name, view_ in self.chart_views.items():
            figure = getattr(figures, name)
            view_.show(figure, alt_text=self.t(f"chart.class.{_TITLE_KEYS[name]}"))

    def _table_html(self, view: pd.DataFrame) -> str:
        workbooks = view[view["problem"] == ""] if not view.empty else view
        if workbooks.empty:
            if self.query.cohort is None:
                return ""
            return message_html(self.t("cohort.page.no_rows"), "info")
        shown = presentable(workbooks[list(_SHOWN_COLUMNS)], self.lang)
        head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in shown.columns)
        lines = []
        for record, status in zip(
            shown.itertuples(index=False, name=None), workbooks["status"], strict=True
        ):
            cells = []
            for column, value in zip(_SHOWN_COLUMNS, record, strict=True):
                text = "" if pd.isna(value) else str(value)
                numeric = column in ("complete", "barriers", "privacy_findings")
                css = " class='pr-num'" if numeric else ""
                if column == "submitted":
                    css = " class='pr-date'"
                elif column == "student" and self.query.blind:
                    css = " class='pr-blind-code'"  # "S-7KQ2M4XD" never breaks at its hyphen
                cells.append(f"<td{css}>{html.escape(text)}</td>")
            lines.append(
                f"<tr class='pr-cohort-row pr-status-{html.escape(status)}'>{''.join(cells)}</tr>"
            )
        caption = html.escape(self.t("cohort.page.table_caption"))
        return (
            f"<div class='pr-table-scroll'><table class='pr-table'><caption>{caption}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table></div>"
        )

    def _problems_html(self, view: pd.DataFrame) -> str:
        if view.empty:
            return ""
        problems = view[view["problem"] != ""]
        if problems.empty:
            return ""
        items = "".join(
            f"<li class='pr-cohort-problem'><b>{html.escape(str(name))}</b>: "
            f"{html.escape(str(reason))}</li>"
            for name, reason in zip(problems["file"], problems["problem"], strict=True)
        )
        title = html.escape(self.t("cohort.page.problems"))
        return f"<div class='pr-message pr-warn' role='status'><b>{title}</b><ul>{items}</ul></div>"


_TITLE_KEYS = {
    "status": "status_title",
    "completeness": "complete_title",
    "barriers": "barriers_title",
    "rubric": "rubric_title",
}


def cohort_app(
    *, lang: str | None = None, source: str | None = None, **_options: Any
) -> widgets.Widget:
    """The cohort overview as one widget, configured from the environment ``physioreflect
    serve --dashboard cohort`` sets (language, course prompt set, submissions folder)."""
    log_to_server()
    # The language asked for, then the page address's, then the server's.
    address = {key: values[-1] for key, values in urllib.parse.parse_qs(query_from_voila()).items()}
    from_address = address.get("lang", "")
    language = lang or from_address or os.environ.get("PHYSIOREFLECT_LANG", "nb")
    language = language if language in ("nb", "en") else "nb"
    try:
        prompt_set = course_prompt_set()
        query = CohortQuery(
            lang=language,
            prompt_set=prompt_set,
            rubric=course_rubric(),
            blind_key=lambda: load_or_create_key(default_key_path()),
            scan=lambda workbook: len(scan_workbook(workbook)),
        )
        library()  # the content is checked before the page shows anything of it
        app = CohortApp(
            lang=language,
            source=source if source is not None else os.environ.get(SUBMISSIONS_ENV, ""),
            query=query,
            address=address,
        )
    except PhysioreflectError as error:
        return html_block(message_html(describe_error(error, language), "error"), "pr-app")
    return app.widget
