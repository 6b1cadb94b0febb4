"""Plan: PSFS goals, activities that start from what the patient likes, FITT-VP, a weekly
progression against the WHO band, the pain rule, a flare-up plan and honest expectations."""

from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from physioreflect import charts
from physioreflect.app import EntryList, new_activity, new_goal
from physioreflect.model import (
    MAX_PSFS_GOALS,
    MINUTES_PER_WEEK,
    WEEKS,
    Intensity,
    PainRuleModel,
    PlannedActivity,
    PsfsGoal,
    Section,
    Workbook,
    progression,
    rename_activity,
)
from physioreflect.widgets._form import (
    NumberedCard,
    bind,
    card,
    choice_buttons,
    date_field,
    dropdown_field,
    heading,
    html_block,
    model_choice,
    model_text,
    step_title,
    text_field,
)
from physioreflect.widgets._shared import shared_layout, shared_look
from physioreflect.widgets.chart_view import ChartView
from physioreflect.widgets.comment_threads import CommentThreads
from physioreflect.widgets.sections.plan_for_patient import ForPatientCard

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["PlanView"]

S = Section.plan
MINUTE_CHOICES = [5, 10, 15, 20, 25, 30, 40, 45, 50, 60, 75, 90, 120]
WEEKLY_STEP = 0.1
"""Filling the weeks adds a tenth of the first week's minutes each week."""


def _activity(workbook: Workbook, *, entry_id: str) -> PlannedActivity:
    for activity in workbook.plan.activities:
        if activity.entry_id == entry_id:
            return activity
    msg = f"no activity {entry_id}"
    raise KeyError(msg)


def _set_week(workbook: Workbook, minutes: int | None, *, entry_id: str, week: int) -> None:
    activity = _activity(workbook, entry_id=entry_id)
    values = list(activity.weekly_minutes) + [0] * (WEEKS - len(activity.weekly_minutes))
    values[week] = minutes or 0
    activity.weekly_minutes = values


def _set_goal(workbook: Workbook, value: Any, *, index: int, name: str) -> None:
    goals = [goal.model_copy() for goal in workbook.plan.goals]
    data = goals[index].model_dump()
    data[name] = value
    goals[index] = PsfsGoal.model_validate(data)
    workbook.plan.goals = goals


def _toggle_benefit(workbook: Workbook, on: bool, *, benefit: str) -> None:
    chosen = [b for b in workbook.plan.side_benefits if b != benefit]
    workbook.plan.side_benefits = [*chosen, benefit] if on else chosen


class PlanView:
    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t = app.t
        plan = app.workbook.plan
        facts = app.library.plan
        self.chart = ChartView(css="pr-progression-chart")
        self._drawn: charts.WeeklySeries | None = None
        self.likes = html_block(self._likes_hint())
        self.goals = widgets.VBox(**shared_look(widgets.VBox))
        self._goal_ids: list[str] | None = None
        self._cards: dict[str, NumberedCard] = {}
        self.activities = widgets.VBox(**shared_look(widgets.VBox))
        self._render_goals()
        self._render_activities()
        self._draw_chart()
        benefits = self._side_benefits()
        self.for_patient = ForPatientCard(app)
        self.widget = widgets.VBox(
            [
                html_block(
                    step_title("plan", t("step.plan"))
                    + f"<p class='pr-intro'>{html.escape(t('plan.intro'))}</p>"
                ),
                CommentThreads(app, Section.plan).widget,
                card(
                    heading(t("field.goals")),
                    html_block(f"<p class='pr-help'>{html.escape(t('plan.psfs_help'))}</p>"),
                    self.goals,
                    css="pr-goals",
                ),
                card(
                    heading(t("field.activities")),
                    self.likes,
                    self._activity_picker(),
                    self.activities,
                    css="pr-activities",
                ),
                card(
                    heading(t("plan.progression_title")),
                    html_block(
                        "<p class='pr-help'>"
                        + html.escape(
                            t(
                                "plan.progression_help",
                                low=facts.who_moderate_min_per_week,
                                high=facts.who_moderate_max_per_week,
                            )
                        )
                        + "</p>"
                    ),
                    self.chart.widget,
                    html_block(
                        f"<p class='pr-help'>{html.escape(t('plan.intensity_counts'))}</p>",
                        "pr-intensity-counts",
                    ),
                    css="pr-progression",
                ),
                self._pain_rule_card(),
                card(
                    model_text(
                        app,
                        lambda w: w.plan,
                        "flare_up_plan",
                        section=S,
                        css="pr-flare-up",
                        help_text=t("plan.flare_up_help"),
                    ),
                    model_text(
                        app,
                        lambda w: w.plan,
                        "expectations",
                        section=S,
                        css="pr-expectations",
                        help_text=t("plan.expectations_help"),
                    ),
                    benefits,
                    date_field(
                        app,
                        label=t("field.follow_up"),
                        value=plan.follow_up,
                        section=S,
                        apply=lambda w, v: setattr(w.plan, "follow_up", v),
                        css="pr-follow-up",
                    ),
                    css="pr-plan-rest",
                ),
                self.for_patient.widget,
            ]
        )
        self.widget.add_class("pr-section")
        self.widget.add_class("pr-plan")

    def refresh(self, section: Section | None) -> None:
        if section in (Section.plan, None):
            self._draw_chart()
            # A goal or an activity removed, or put back by "Angre".
            self._render_goals()
            self._render_activities()
        if section in (Section.case, None):
            # What the patient likes is written on the Case step and shown here.
            self.likes.value = self._likes_hint()
            # So is the condition, whose suggested pain rule is shown here.
            self.suggested_rule.value = self._suggested_rule()
        if section in (Section.plan, None):
            self._show_rule_fields()
        self.for_patient.refresh(section)

    def _draw_chart(self) -> None:
        """Draw the chart again when its numbers changed, not for every note typed."""
        series = charts.weekly_series(self.app.workbook.plan, lang=self.app.lang)
        if series == self._drawn:
            return
        self._drawn = series
        facts = self.app.library.plan
        figure = charts.progression_chart(
            self.app.workbook.plan,
            lang=self.app.lang,
            who_min=facts.who_moderate_min_per_week,
            who_max=facts.who_moderate_max_per_week,
        )
        self.chart.show(figure, alt_text=self.app.t("plan.chart_alt"))

    # ── goals ─────────────────────────────────────────────────────────────────────────────
    def _render_goals(self) -> None:
        app, t = self.app, self.app.t
        ids = [goal.entry_id for goal in app.workbook.plan.goals]
        if ids == self._goal_ids:
            return
        self._goal_ids = ids
        scale = [("—", None)] + [(str(n), n) for n in range(11)]
        rows: list[widgets.Widget] = []
        for index, goal in enumerate(app.workbook.plan.goals):
            remove = widgets.Button(description=t("app.remove"), **shared_look(widgets.Button))
            remove.add_class("pr-remove-goal")
            remove.disabled = app.read_only
            remove.on_click(app.guard(lambda _b, e=goal.entry_id: self._remove_goal(e)))
            row = widgets.Box(
                [
                    text_field(
                        app,
                        label=t("plan.goal_activity", number=index + 1),
                        value=goal.activity,
                        section=S,
                        multiline=False,
                        apply=partial(_set_goal, index=index, name="activity"),
                        css="pr-goal-activity",
                    ),
                    dropdown_field(
                        app,
                        label=t("field.baseline"),
                        options=scale,
                        value=goal.baseline,
                        section=S,
                        apply=partial(_set_goal, index=index, name="baseline"),
                        css="pr-goal-baseline",
                    ),
                    dropdown_field(
                        app,
                        label=t("field.target"),
                        options=scale,
                        value=goal.target,
                        section=S,
                        apply=partial(_set_goal, index=index, name="target"),
                        css="pr-goal-target",
                    ),
                    remove,
                ],
                **shared_look(widgets.Box),
            )
            row.add_class("pr-row")
            row.add_class("pr-goal")
            rows.append(row)
        add = widgets.Button(description=t("plan.add_goal"), **shared_look(widgets.Button))
        add.add_class("pr-add-goal")
        add.disabled = app.read_only or len(app.workbook.plan.goals) >= MAX_PSFS_GOALS
        add.on_click(app.guard(lambda _b: self._add_goal()))
        self.goals.children = [*rows, add]

    def _add_goal(self) -> None:
        goal = new_goal(self.app.workbook, lang=self.app.lang)
        if self.app.edit(S, lambda w: setattr(w.plan, "goals", [*w.plan.goals, goal])) is None:
            self._render_goals()

    def _remove_goal(self, entry_id: str) -> None:
        self.app.controller.remove(EntryList.goal, entry_id)  # "Angre" offered; see refresh

    # ── activities ────────────────────────────────────────────────────────────────────────
    def _likes_hint(self) -> str:
        likes = self.app.workbook.case.likes_to_do.strip()
        if not likes:
            return f"<p class='pr-help'>{html.escape(self.app.t('plan.likes_missing'))}</p>"
        return (
            "<div class='pr-message pr-info'>"
            f"<b>{html.escape(self.app.t('plan.start_from_likes'))}</b> "
            f"<span class='pr-quote'>{html.escape(likes)}</span></div>"
        )

    def _activity_picker(self) -> widgets.Widget:
        """The ideas to add from; a read-only workbook has nothing to add to."""
        app, t, lang = self.app, self.app.t, self.app.lang
        if app.read_only:
            return html_block("")
        ideas = sorted(app.library.activities, key=lambda a: (not a.everyday, a.label.get(lang)))
        choice = widgets.Dropdown(
            options=[(t("plan.own_activity"), "")] + [(a.label.get(lang), a.id) for a in ideas],
            value="",
            description=t("plan.activity_ideas"),
            **shared_look(widgets.Dropdown),
        )
        choice.add_class("pr-field")
        choice.add_class("pr-activity-idea")
        add = widgets.Button(
            description=t("plan.add_activity"),
            button_style="primary",
            **shared_look(widgets.Button),
        )
        add.add_class("pr-add-activity")
        add.disabled = app.read_only
        add.on_click(app.guard(lambda _b: self._add_activity(choice.value or None)))
        return widgets.VBox([choice, add], **shared_look(widgets.VBox))

    def _add_activity(self, idea_id: str | None) -> None:
        activity = new_activity(self.app.library, idea_id, lang=self.app.lang)

        def add(workbook: Workbook) -> None:
            workbook.plan.activities = [*workbook.plan.activities, activity]

        if self.app.edit(S, add) is None:
            self._render_activities()

    def _remove_activity(self, entry_id: str) -> None:
        self.app.controller.remove(EntryList.activity, entry_id)  # "Angre" offered; see refresh

    def _fill_weeks(self, entry_id: str) -> None:
        """Weekly minutes from the FITT prescription (see :func:`model.progression`)."""
        activity = _activity(self.app.workbook, entry_id=entry_id)
        per_week = (activity.frequency_per_week or 0) * (activity.minutes_per_session or 0)
        if per_week == 0:
            self.app.say(self.app.t("plan.fill_needs_fitt"), "warning")
            return
        minutes = progression(per_week, weekly_step=WEEKLY_STEP)

        def fill(workbook: Workbook) -> None:
            _activity(workbook, entry_id=entry_id).weekly_minutes = minutes

        if self.app.edit(S, fill) is None:
            self._render_activities(rebuild=entry_id)

    def _render_activities(self, *, rebuild: str | None = None) -> None:
        """Show the activities in order, each card built once and kept (``rebuild``: the
        entry whose card must be built again, e.g. after its weeks were filled in)."""
        app = self.app
        built = self._cards
        if rebuild is not None:
            built.pop(rebuild, None)
        kept: dict[str, NumberedCard] = {}
        for number, activity in enumerate(app.workbook.plan.activities, start=1):
            entry_card = built.get(activity.entry_id) or self._activity_card(number, activity)
            entry_card.number_as(number, app.library.activity_name(activity, app.lang))
            kept[activity.entry_id] = entry_card
        self._cards = kept
        shown: list[widgets.Widget] = [c.widget for c in kept.values()] or [
            html_block(f"<p class='pr-muted'>{html.escape(app.t('plan.no_activities'))}</p>")
        ]
        if list(self.activities.children) != shown:
            self.activities.children = shown

    def _activity_card(self, number: int, activity: PlannedActivity) -> NumberedCard:
        app, t = self.app, self.app.t
        entry_id = activity.entry_id
        shown_name = app.library.activity_name(activity, app.lang)
        title = html_block("")

        activity_part = partial(_activity, entry_id=entry_id)

        def field(name: str) -> Any:
            return lambda w, v: setattr(activity_part(w), name, v)

        likes = widgets.Checkbox(
            value=activity.patient_likes_it,
            description=t("field.patient_likes_it"),
            indent=False,
            **shared_look(widgets.Checkbox),
        )
        likes.add_class("pr-activity-likes")
        likes.disabled = app.read_only
        bind(likes, app=app, section=S, apply=field("patient_likes_it"))
        fitt = widgets.Box(
            [
                dropdown_field(
                    app,
                    label=t("field.frequency_per_week"),
                    options=[("—", None)] + [(str(n), n) for n in range(15)],
                    value=activity.frequency_per_week,
                    section=S,
                    apply=field("frequency_per_week"),
                    css="pr-frequency",
                ),
                dropdown_field(
                    app,
                    label=t("field.minutes_per_session"),
                    options=[("—", None)] + [(str(n), n) for n in MINUTE_CHOICES],
                    value=activity.minutes_per_session
                    if activity.minutes_per_session in MINUTE_CHOICES
                    else None,
                    section=S,
                    apply=field("minutes_per_session"),
                    css="pr-minutes",
                ),
            ],
            **shared_look(widgets.Box),
        )
        fitt.add_class("pr-row")
        weeks = []
        values = list(activity.weekly_minutes) + [0] * (WEEKS - len(activity.weekly_minutes))
        for week in range(WEEKS):
            box = widgets.BoundedIntText(
                value=values[week],
                min=0,
                max=MINUTES_PER_WEEK,
                description=t("plan.week", number=week + 1),
                layout=shared_layout(width="96px"),
                style=shared_look(widgets.BoundedIntText)["style"],
            )
            box.add_class("pr-field")
            box.add_class("pr-week")
            box.add_class(f"pr-week-{week + 1}")
            box.disabled = app.read_only
            bind(
                box,
                app=app,
                section=S,
                apply=partial(_set_week, entry_id=entry_id, week=week),
            )
            weeks.append(box)
        table = widgets.Box(weeks, **shared_look(widgets.Box))
        table.add_class("pr-week-table")
        fill = widgets.Button(description=t("plan.fill_weeks"), **shared_look(widgets.Button))
        fill.add_class("pr-fill-weeks")
        fill.disabled = app.read_only
        fill.on_click(app.guard(lambda _b: self._fill_weeks(entry_id)))
        remove = widgets.Button(description=t("app.remove"), **shared_look(widgets.Button))
        remove.add_class("pr-remove-activity")
        remove.disabled = app.read_only
        remove.on_click(app.guard(lambda _b: self._remove_activity(entry_id)))
        box = card(
            title,
            text_field(
                app,
                label=t("field.name"),
                value=shown_name,
                section=S,
                multiline=False,
                apply=lambda w, v: rename_activity(_activity(w, entry_id=entry_id), v or "…"),
                after=lambda name: entry_card.number_as(entry_card.number, name),
                css="pr-activity-name",
            ),
            likes,
            fitt,
            choice_buttons(
                app,
                label=t("field.intensity"),
                options=[(t(f"intensity.{i.value}"), i) for i in Intensity],
                value=activity.intensity,
                section=S,
                apply=field("intensity"),
                css="pr-intensity",
            ),
            model_text(
                app,
                activity_part,
                "type_note",
                section=S,
                multiline=False,
                css="pr-type-note",
            ),
            model_text(
                app,
                activity_part,
                "volume_note",
                section=S,
                multiline=False,
                css="pr-volume-note",
            ),
            model_text(
                app,
                activity_part,
                "progression_note",
                section=S,
                css="pr-progression-note",
                rows=2,
            ),
            heading(t("field.weekly_minutes"), "pr-field-title"),
            table,
            widgets.HBox([fill, remove], **shared_look(widgets.HBox)),
            css="pr-activity",
        )
        entry_card = NumberedCard(box, title, prefix="pr-activity")
        entry_card.number_as(number, shown_name)
        return entry_card

    # ── pain rule, benefits ───────────────────────────────────────────────────────────────
    def _pain_rule_card(self) -> widgets.Widget:
        """The rule the student chooses, with only that rule's fields shown. Fields of a rule
        not chosen keep their values, so choosing it again brings them back."""
        app, t = self.app, self.app.t
        rule = app.workbook.plan.pain_rule
        self.suggested_rule = html_block(self._suggested_rule(), "pr-pain-rule-suggested")
        choice = choice_buttons(
            app,
            label=t("plan.pain_rule_choice"),
            options=[(t(f"export.pain_model.{model.value}"), model) for model in PainRuleModel],
            value=rule.model,
            section=S,
            apply=lambda w, v: setattr(w.plan.pain_rule, "model", v),
            after=lambda _model: self._show_rule_fields(),
            css="pr-pain-rule-model",
        )
        self.rule_fields: dict[PainRuleModel, widgets.Box] = {
            PainRuleModel.pain_monitoring_model: self._rule_box(
                "pr-pain-monitoring",
                html_block(f"<p class='pr-help'>{html.escape(t('plan.pain_rule_help'))}</p>"),
                model_choice(
                    app,
                    lambda w: w.plan.pain_rule,
                    "max_pain_during",
                    options=[("—", None)] + [(f"{n}/10", n) for n in range(11)],
                    section=S,
                    css="pr-max-pain",
                ),
                self._rule_checkbox(
                    "next_morning_rule", help_key="plan.next_morning_help", css="pr-next-morning"
                ),
                self._rule_checkbox(
                    "week_to_week_rule", help_key="plan.week_to_week_help", css="pr-week-to-week"
                ),
            ),
            PainRuleModel.graded_activity: self._rule_box(
                "pr-graded-activity",
                html_block(f"<p class='pr-help'>{html.escape(t('plan.graded_activity_help'))}</p>"),
                text_field(
                    app,
                    label=t("field.graded_baseline"),
                    value=rule.baseline,
                    section=S,
                    multiline=False,
                    placeholder=t("plan.graded_baseline_example"),
                    apply=lambda w, v: setattr(w.plan.pain_rule, "baseline", v),
                    css="pr-graded-baseline",
                ),
                text_field(
                    app,
                    label=t("field.increase_step"),
                    value=rule.increase_step,
                    section=S,
                    multiline=False,
                    placeholder=t("plan.increase_step_example"),
                    apply=lambda w, v: setattr(w.plan.pain_rule, "increase_step", v),
                    css="pr-increase-step",
                ),
            ),
            PainRuleModel.custom: self._rule_box(
                "pr-own-rule",
                html_block(f"<p class='pr-help'>{html.escape(t('plan.own_rule_help'))}</p>"),
            ),
        }
        self._show_rule_fields()
        return card(
            heading(t("field.pain_rule")),
            self.suggested_rule,
            choice,
            *self.rule_fields.values(),
            model_text(
                app, lambda w: w.plan.pain_rule, "note", section=S, css="pr-pain-note", rows=2
            ),
            css="pr-pain-rule",
        )

    @staticmethod
    def _rule_box(css: str, *children: widgets.Widget) -> widgets.Box:
        # Its own Layout, not the shared one: this box is shown and hidden.
        box = widgets.VBox(list(children), layout=widgets.Layout())
        box.add_class("pr-rule-fields")
        box.add_class(css)
        return box

    def _show_rule_fields(self) -> None:
        chosen = self.app.workbook.plan.pain_rule.model
        for model, box in self.rule_fields.items():
            display = "" if model is chosen else "none"
            if box.layout.display != display:
                box.layout.display = display

    def _suggested_rule(self) -> str:
        """The condition's suggested rule from the content; none before a condition is set."""
        condition = self.app.workbook.case.condition
        if condition is None:
            return ""
        model = self.app.library.plan.pain_rule_defaults[condition]
        text = self.app.t(
            "plan.pain_rule_suggested", rule=self.app.t(f"export.pain_model.{model.value}")
        )
        return (
            f"<div class='pr-message pr-info' data-rule='{model.value}'>{html.escape(text)}</div>"
        )

    def _rule_checkbox(self, name: str, *, help_key: str, css: str) -> widgets.Widget:
        app, t = self.app, self.app.t
        checkbox = widgets.Checkbox(
            value=getattr(app.workbook.plan.pain_rule, name),
            description=t(f"field.{name}"),
            indent=False,
            **shared_look(widgets.Checkbox),
        )
        checkbox.add_class(css)
        checkbox.disabled = app.read_only
        bind(
            checkbox,
            app=app,
            section=S,
            apply=lambda w, v: setattr(w.plan.pain_rule, name, v),
        )
        return widgets.VBox(
            [checkbox, html_block(f"<p class='pr-help'>{html.escape(t(help_key))}</p>")],
            **shared_look(widgets.VBox),
        )

    def _side_benefits(self) -> widgets.Widget:
        app, t, lang = self.app, self.app.t, self.app.lang
        boxes = []
        for benefit in app.library.plan.side_benefits:
            checkbox = widgets.Checkbox(
                value=benefit.id in app.workbook.plan.side_benefits,
                description=benefit.label.get(lang),
                indent=False,
                **shared_look(widgets.Checkbox),
            )
            checkbox.add_class("pr-side-benefit")
            checkbox.disabled = app.read_only

            bind(checkbox, app=app, section=S, apply=partial(_toggle_benefit, benefit=benefit.id))
            boxes.append(checkbox)
        return widgets.VBox(
            [heading(t("field.side_benefits"), "pr-field-title"), *boxes],
            **shared_look(widgets.VBox),
        )
