"""Summary: the whole workbook read-only, what is still missing (with links back), download
and submit."""

from __future__ import annotations

import base64
import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from physioreflect.app import STEP_SECTIONS, Step
from physioreflect.content import format_location
from physioreflect.export import export_pdf, render_pages_png
from physioreflect.model import (
    Answer,
    Factor,
    Section,
    Status,
    Workbook,
    completeness,
    dump_workbook,
    is_editable_by_author,
)
from physioreflect.privacy import Finding, redact_workbook, scan_workbook
from physioreflect.widgets._form import card, heading, html_block, message_html
from physioreflect.widgets.download import DownloadButton, safe_filename

if TYPE_CHECKING:
    from physioreflect.widgets.app import ReflectionApp

__all__ = ["SummaryView", "summary_html"]

SECTION_STEP = {section: step for step, sections in STEP_SECTIONS.items() for section in sections}


def _e(text: object) -> str:
    return html.escape(str(text))


class _Writer:
    """Builds the read-only overview; every user text is escaped on its way in."""

    def __init__(self, app: ReflectionApp) -> None:
        self.app, self.t, self.lang = app, app.t, app.lang
        self.workbook = app.workbook
        self.missing = f"<span class='pr-not-answered'>{_e(self.t('summary.not_answered'))}</span>"

    def value(self, text: str | None) -> str:
        return _e(text) if text and str(text).strip() else self.missing

    def pair(self, label: str, text: str | None) -> str:
        return f"<dt>{_e(label)}</dt><dd>{self.value(text)}</dd>"

    def listing(self, label: str, items: list[str]) -> str:
        inner = f"<ul>{''.join(items)}</ul>" if items else self.missing
        return f"<dt>{_e(label)}</dt><dd>{inner}</dd>"

    def case(self) -> str:
        t, case = self.t, self.workbook.case
        condition = None
        if case.condition:
            condition = t(f"condition.{case.condition.value}")
            if case.condition_other:
                condition += f": {case.condition_other}"
        attempts = [
            f"<li><b>{_e(a.what)}</b> ({_e(a.how_long)}): {_e(a.why_stopped)} "
            f"{_e(a.how_it_felt)}</li>"
            for a in case.previous_attempts
        ]
        quotes = [f"<li class='pr-quote'>{_e(q)}</li>" for q in case.patient_quotes if q.strip()]
        return "".join(
            [
                f"<h3>{_e(t('section.case'))}</h3><dl>",
                self.pair(t("field.case_label"), case.case_label),
                self.pair(t("field.condition"), condition),
                self.pair(
                    t("field.duration"),
                    t(f"duration.{case.duration.value}") if case.duration else None,
                ),
                self.pair(
                    t("field.age_band"),
                    t(f"age_band.{case.age_band.value}") if case.age_band else None,
                ),
                self.pair(t("field.activity_history"), case.activity_history),
                self.listing(t("field.previous_attempts"), attempts),
                self.pair(t("field.likes_to_do"), case.likes_to_do),
                self.pair(t("field.wants_to_achieve"), case.wants_to_achieve),
                self.listing(t("field.patient_quotes"), quotes),
                "</dl>",
            ]
        )

    def perspective(self) -> str:
        t, perspective = self.t, self.workbook.perspective
        parts = [f"<h3>{_e(t('section.perspective'))}</h3><dl>"]
        for prompt in self.app.prompt_set.prompts:
            answer = perspective.answers.get(prompt.id, Answer())
            marker = (
                f" <span class='pr-badge'>{_e(t(f'marker.{answer.marker.value}'))}</span>"
                if answer.marker
                else ""
            )
            parts.append(
                f"<dt>{_e(prompt.text.get(self.lang))}</dt>"
                f"<dd>{self.value(answer.text)}{marker}</dd>"
            )
        conviction = perspective.conviction
        parts.append(
            self.pair(t("field.conviction"), None if conviction is None else f"{conviction}/10")
        )
        parts.append(self.pair(t("field.conviction_note"), perspective.conviction_note))
        parts.append("</dl>")
        return "".join(parts)

    def strategies(self, entry: Factor) -> str:
        known = self.app.library.strategies
        texts = [known[s].text.get(self.lang) for s in entry.strategies if s in known]
        if entry.custom_strategy.strip():
            texts.append(entry.custom_strategy)
        return _e("; ".join(texts))

    def factors(self, entries: list[Factor], heading_key: str) -> str:
        t = self.t
        if not entries:
            return f"<h3>{_e(t(heading_key))}</h3><p>{self.missing}</p>"
        rows = "".join(
            f"<tr><td>{n}</td><td>{_e(e.label)}</td><td>{_e(t(f'com_b.{e.com_b.value}'))}</td>"
            f"<td>{_e(e.impact or '–')}</td><td>{_e(e.modifiability or '–')}</td>"
            f"<td>{_e(e.patient_words)}</td><td>{self.strategies(e)}</td></tr>"
            for n, e in enumerate(entries, start=1)
        )
        columns = (
            "#",
            t("field.label"),
            t("field.com_b"),
            t("field.impact"),
            t("field.modifiability"),
            t("field.patient_words"),
            t("field.strategies"),
        )
        head = "".join(f"<th>{_e(h)}</th>" for h in columns)
        return (
            f"<h3>{_e(t(heading_key))}</h3><table class='pr-table'><thead><tr>{head}"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )

    def plan(self) -> str:
        t, plan = self.t, self.workbook.plan
        goals = [
            f"<li>{_e(g.activity)}: {_e(g.baseline if g.baseline is not None else '–')} → "
            f"{_e(g.target if g.target is not None else '–')}</li>"
            for g in plan.goals
        ]
        activities = [
            f"<li><b>{_e(a.name)}</b>: {_e(a.frequency_per_week or '–')}× / "
            f"{_e(a.minutes_per_session or '–')} min, "
            f"{_e(t(f'intensity.{a.intensity.value}') if a.intensity else '–')}; "
            f"{_e(t('summary.weekly', minutes=', '.join(map(str, a.weekly_minutes))))}</li>"
            for a in plan.activities
        ]
        rule = plan.pain_rule
        rule_text = " ".join(
            filter(
                None,
                [
                    t("summary.max_pain", value=rule.max_pain_during)
                    if rule.max_pain_during is not None
                    else "",
                    t("field.next_morning_rule") if rule.next_morning_rule else "",
                    rule.note,
                ],
            )
        )
        benefits = ", ".join(
            b.label.get(self.lang)
            for b in self.app.library.plan.side_benefits
            if b.id in plan.side_benefits
        )
        return "".join(
            [
                f"<h3>{_e(t('section.plan'))}</h3><dl>",
                self.listing(t("field.goals"), goals),
                self.listing(t("field.activities"), activities),
                self.pair(t("field.pain_rule"), rule_text),
                self.pair(t("field.flare_up_plan"), plan.flare_up_plan),
                self.pair(t("field.expectations"), plan.expectations),
                self.pair(t("field.side_benefits"), benefits),
                self.pair(
                    t("field.follow_up"), plan.follow_up.isoformat() if plan.follow_up else None
                ),
                "</dl>",
            ]
        )

    def reflection(self) -> str:
        t, reflection = self.t, self.workbook.reflection
        points = [f"<li>{_e(p)}</li>" for p in reflection.learning_points if p.strip()]
        return "".join(
            [
                f"<h3>{_e(t('section.reflection'))}</h3><dl>",
                self.pair(t("completeness.reflection.what"), reflection.what),
                self.pair(t("completeness.reflection.so_what"), reflection.so_what),
                self.pair(t("completeness.reflection.now_what"), reflection.now_what),
                self.listing(t("field.learning_points"), points),
                "</dl>",
            ]
        )


def summary_html(app: ReflectionApp) -> str:
    """Every section in reading order; empty parts are shown as not yet answered."""
    writer = _Writer(app)
    return "".join(
        [
            writer.case(),
            writer.perspective(),
            writer.factors(app.workbook.barriers, "section.barriers"),
            writer.factors(app.workbook.facilitators, "section.facilitators"),
            writer.plan(),
            writer.reflection(),
        ]
    )


class SummaryView:
    def __init__(self, app: ReflectionApp) -> None:
        self.app = app
        t = app.t
        workbook = app.workbook
        self.checklist = widgets.VBox()
        self._render_checklist()
        self.submit_area = widgets.VBox()
        self._render_submit()
        download = DownloadButton(
            label=t("summary.download_json"),
            filename=safe_filename(workbook.meta.title, "json"),
            produce=lambda: dump_workbook(self.app.workbook),
            on_error=app.guard(lambda _e: app.say(app.t("error.unexpected"), "error")),
            css_class="pr-download-json",
        )
        self.overview = html_block(summary_html(app), "pr-summary")
        self.privacy = widgets.VBox()
        self.privacy.add_class("pr-privacy")
        self._render_privacy()
        self.pdf = PdfCard(app)
        self.widget = widgets.VBox(
            [
                html_block(
                    f"<div class='pr-section-title'>{html.escape(t('step.summary'))}</div>"
                    f"<p class='pr-intro'>{html.escape(t('summary.intro'))}</p>"
                ),
                card(heading(t("summary.checklist")), self.checklist, css="pr-checklist-card"),
                card(heading(t("summary.privacy_heading")), self.privacy, css="pr-privacy-card"),
                self.pdf.widget,
                card(
                    heading(t("summary.hand_in")),
                    html_block(f"<p class='pr-help'>{html.escape(t('summary.download_help'))}</p>"),
                    download,
                    self.submit_area,
                    css="pr-hand-in",
                ),
                card(heading(workbook.meta.title), self.overview, css="pr-overview"),
            ]
        )
        self.widget.add_class("pr-section")
        self.widget.add_class("pr-summary-view")

    def refresh(self, section: Section | None) -> None:
        self.overview.value = summary_html(self.app)
        self._render_checklist()
        self._render_privacy()
        self._render_submit()

    # ── privacy ───────────────────────────────────────────────────────────────────────────
    def _findings(self) -> list[Finding]:
        return scan_workbook(self.app.workbook)

    def _render_privacy(self) -> None:
        app, t = self.app, self.app.t
        findings = self._findings()
        if not findings:
            self.privacy.children = [
                html_block(message_html(t("summary.privacy_clean"), "success"))
            ]
            return
        items = "".join(
            "<li>"
            + _e(
                t(
                    "summary.privacy_where",
                    where=format_location(f.path or (), app.lang),
                    item=t("privacy.item", kind=t(f"privacy.kind.{f.kind.value}"), text=f.text),
                )
            )
            + f" → <code>{_e(f.replacement)}</code></li>"
            for f in findings[:40]
        )
        replace = widgets.Button(description=t("summary.privacy_replace"), button_style="primary")
        replace.add_class("pr-privacy-replace")
        replace.disabled = app.read_only
        replace.on_click(app.guard(lambda _b: self._replace_all()))
        self.privacy.children = [
            html_block(message_html(t("summary.privacy_found", count=len(findings)), "warning")),
            html_block(f"<ul class='pr-privacy-findings'>{items}</ul>"),
            replace,
        ]

    def _replace_all(self) -> None:
        findings = self._findings()
        redacted = redact_workbook(self.app.workbook, findings)

        def apply(workbook: Workbook) -> None:
            for name in ("case", "perspective", "barriers", "facilitators", "plan", "reflection"):
                setattr(workbook, name, getattr(redacted, name))
            workbook.meta.title = redacted.meta.title

        problem = self.app.edit(Section.case, apply)
        if problem:
            self.app.say(problem, "error")
            return
        assert self.app.session is not None
        self.app.session.save_now()
        self.app.render()
        self.app.say(self.app.t("summary.privacy_replaced", count=len(findings)), "success")

    def _render_checklist(self) -> None:
        app, t = self.app, self.app.t
        sections = completeness(app.workbook.to_json_dict(), required_prompts=app.required_prompts)
        prompts = {p.id: p for p in app.prompt_set.prompts}
        rows: list[widgets.Widget] = []
        total_missing = 0
        for section, result in sections.items():
            missing = result.missing
            total_missing += len(missing)
            done = result.required_done == result.required_total
            mark = "✓" if done else f"{result.required_done}/{result.required_total}"
            title = html_block(
                f"<div class='pr-card-title'>{_e(t(f'section.{section.value}'))} "
                f"<span class='pr-progress'>{_e(mark)}</span></div>"
            )
            links: list[widgets.Widget] = []
            for item in missing:
                if item.id.startswith("prompt:"):
                    prompt = prompts.get(item.id.removeprefix("prompt:"))
                    label = t(
                        "completeness.prompt",
                        prompt=prompt.text.get(app.lang) if prompt else item.id,
                    )
                else:
                    label = t(f"completeness.{item.id}")
                link = widgets.Button(description=label[:90], tooltip=label)
                link.add_class("pr-missing-link")
                step = SECTION_STEP.get(section, Step.case)
                link.on_click(app.guard(lambda _b, s=step: app.go(s)))
                links.append(link)
            rows.append(widgets.VBox([title, *links]))
        if total_missing == 0:
            rows.insert(0, html_block(message_html(t("summary.all_done"), "success")))
        self.checklist.children = rows

    def _render_submit(self) -> None:
        app, t = self.app, self.app.t
        workbook = app.workbook
        if not is_editable_by_author(workbook):
            status = t(f"status.{workbook.meta.status.value}")
            self.submit_area.children = [
                html_block(message_html(t("summary.submitted_state", status=status), "info"))
            ]
            return
        submit = widgets.Button(description=t("summary.submit"), button_style="primary")
        submit.add_class("pr-submit")
        confirm = widgets.Button(description=t("summary.submit_confirm"), button_style="danger")
        confirm.add_class("pr-submit-confirm")
        confirm.layout.display = "none"
        note = html_block("")
        findings = self._findings()
        # Submitting with possible personal data left needs an explicit, recorded confirmation.
        deidentified = widgets.Checkbox(
            value=workbook.meta.privacy_confirmed,
            description=t("summary.privacy_confirm"),
            indent=False,
        )
        deidentified.add_class("pr-privacy-confirm")
        deidentified.layout.display = "" if findings else "none"

        def ask(_button: widgets.Button) -> None:
            if findings and not deidentified.value:
                note.value = message_html(t("summary.privacy_confirm_needed"), "error")
                return
            note.value = message_html(t("summary.submit_question"), "warning")
            confirm.layout.display = ""

        def do_submit(_button: widgets.Button) -> None:
            assert app.session is not None
            if findings:
                app.edit(Section.case, lambda w: setattr(w.meta, "privacy_confirmed", True))
            app.session.submit()
            app.render()
            # After render(), which shows the read-only notice: this is the news that matters.
            if app.workbook.meta.status is Status.submitted:
                app.say(t("summary.submitted"), "success")

        submit.on_click(app.guard(ask))
        confirm.on_click(app.guard(do_submit))
        self.submit_area.children = [deidentified, widgets.HBox([submit, confirm]), note]


class PdfCard:
    """Preview the typeset PDF as page images and download it."""

    PREVIEW_PPI = 60

    def __init__(self, app: ReflectionApp) -> None:
        self.app = app
        t = app.t
        self.pages = widgets.HTML("")
        self.pages.add_class("pr-pdf-pages")
        preview = widgets.Button(description=t("summary.pdf_preview"))
        preview.add_class("pr-pdf-preview")
        preview.on_click(app.guard(lambda _b: self._preview()))
        download = DownloadButton(
            label=t("summary.pdf_download"),
            filename=safe_filename(app.workbook.meta.title, "pdf"),
            mime="application/pdf",
            produce=lambda: export_pdf(self.app.workbook, prompt_set=self.app.prompt_set),
            on_error=app.guard(lambda _e: app.say(app.t("error.unexpected"), "error")),
            css_class="pr-download-pdf",
        )
        self.widget = card(
            heading(t("summary.pdf_heading")),
            html_block(f"<p class='pr-help'>{html.escape(t('summary.pdf_help'))}</p>"),
            widgets.HBox([preview, download]),
            self.pages,
            css="pr-pdf-card",
        )

    def _preview(self) -> None:
        app = self.app
        pages = render_pages_png(app.workbook, prompt_set=app.prompt_set, ppi=self.PREVIEW_PPI)
        count = len(pages)
        images = "".join(
            f"<img class='pr-pdf-page' src='data:image/png;base64,"
            f"{base64.b64encode(page).decode('ascii')}' "
            f"alt='{_e(app.t('summary.pdf_page_alt', number=n, count=count))}'>"
            for n, page in enumerate(pages, start=1)
        )
        self.pages.value = (
            f"<p class='pr-muted'>{_e(app.t('summary.pdf_pages', count=count))}</p>"
            f"<div class='pr-pdf-strip'>{images}</div>"
        )
