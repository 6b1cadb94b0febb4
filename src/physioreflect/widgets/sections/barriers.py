"""Barriers and facilitators: from the catalogue or in the patient's own words, each marked
as told or assumed and rated (a barrier for modifiability, a facilitator for how much we can
build on it), with strategies, or techniques from the taxonomy for a barrier of one's own;
the impact × modifiability chart follows every rating."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

import ipywidgets as widgets

from physioreflect import charts
from physioreflect.app import EntryList, new_factor
from physioreflect.content import Factor as CatalogueFactor
from physioreflect.model import (
    Barrier,
    ComB,
    Facilitator,
    Factor,
    Section,
    Source,
    Theme,
    Workbook,
    rename_factor,
)
from physioreflect.widgets._form import (
    NumberedCard,
    card,
    choice_buttons,
    heading,
    html_block,
    model_choice,
    model_text,
    step_title,
    text_field,
)
from physioreflect.widgets._shared import shared_look
from physioreflect.widgets.chart_view import ChartView
from physioreflect.widgets.comment_threads import CommentThreads
from physioreflect.widgets.technique_picker import TechniquePicker

if TYPE_CHECKING:
    from physioreflect.widgets._context import ViewContext

__all__ = ["BarriersView"]

Kind = Literal["barriers", "facilitators"]
CATALOGUE_LIMIT = 40


def _entries(workbook: Workbook, kind: Kind) -> Sequence[Barrier | Facilitator]:
    return workbook.barriers if kind == "barriers" else workbook.facilitators


def _entry(workbook: Workbook, *, kind: Kind, entry_id: str) -> Barrier | Facilitator:
    for item in _entries(workbook, kind):
        if item.entry_id == entry_id:
            return item
    msg = f"no {kind} entry {entry_id}"
    raise KeyError(msg)


def _section(kind: Kind) -> Section:
    return Section.barriers if kind == "barriers" else Section.facilitators


class BarriersView:
    def __init__(self, app: ViewContext) -> None:
        self.app = app
        t = app.t
        self.chart = ChartView(css="pr-barrier-chart")
        self._drawn: list[charts.BarrierPoint] | None = None
        self.lists: dict[Kind, widgets.VBox] = {
            "barriers": widgets.VBox(**shared_look(widgets.VBox)),
            "facilitators": widgets.VBox(**shared_look(widgets.VBox)),
        }
        self._cards: dict[Kind, dict[str, NumberedCard]] = {"barriers": {}, "facilitators": {}}
        self.lists["barriers"].add_class("pr-barrier-list")
        self.lists["facilitators"].add_class("pr-facilitator-list")
        self._render_list("barriers")
        self._render_list("facilitators")
        self._draw_chart()
        barriers_column = widgets.VBox(
            [
                heading(t("barriers.heading"), "pr-group-title"),
                self._picker("barriers"),
                self.lists["barriers"],
            ],
            **shared_look(widgets.VBox),
        )
        chart_column = widgets.VBox(
            [
                card(
                    heading(t("barriers.chart_title")),
                    html_block(f"<p class='pr-help'>{html.escape(t('barriers.chart_help'))}</p>"),
                    self.chart.widget,
                    css="pr-chart-card",
                ),
            ],
            **shared_look(widgets.VBox),
        )
        columns = widgets.Box([barriers_column, chart_column], **shared_look(widgets.Box))
        columns.add_class("pr-columns")
        self.widget = widgets.VBox(
            [
                html_block(
                    step_title("barriers", t("step.barriers"))
                    + f"<p class='pr-intro'>{html.escape(t('barriers.intro'))}</p>"
                ),
                CommentThreads(app, Section.barriers, Section.facilitators).widget,
                columns,
                heading(t("facilitators.heading"), "pr-group-title"),
                html_block(f"<p class='pr-help'>{html.escape(t('facilitators.intro'))}</p>"),
                self._picker("facilitators"),
                self.lists["facilitators"],
            ]
        )
        self.widget.add_class("pr-section")
        self.widget.add_class("pr-barriers")

    def refresh(self, section: Section | None) -> None:
        if section in (Section.barriers, None):
            self._draw_chart()
        # An entry removed or put back (undo): the lists follow, building only new cards.
        for kind in self.lists:
            if section in (_section(kind), None):
                self._render_list(kind)

    def _draw_chart(self) -> None:
        """Draw the chart again when what it shows changed (not for every keystroke in a
        note): the points' numbers, labels, colours and places."""
        points = charts.barrier_points(self.app.workbook.barriers, lang=self.app.lang)
        if points == self._drawn:
            return
        self._drawn = points
        figure = charts.barrier_chart(self.app.workbook.barriers, lang=self.app.lang)
        self.chart.show(figure, alt_text=self.app.t("barriers.chart_alt"))

    # ── adding ────────────────────────────────────────────────────────────────────────────
    def _catalogue(self, kind: Kind) -> tuple[CatalogueFactor, ...]:
        return self.app.library.barriers if kind == "barriers" else self.app.library.facilitators

    def _picker(self, kind: Kind) -> widgets.Widget:
        """The catalogue to add from; a read-only workbook has nothing to add to."""
        return html_block("") if self.app.read_only else self._catalogue_picker(kind)

    def _catalogue_picker(self, kind: Kind) -> widgets.Widget:
        app, t, lang = self.app, self.app.t, self.app.lang
        theme = widgets.Dropdown(
            options=[(t("barriers.all_themes"), "")]
            + [(t(f"theme.{v.value}"), v.value) for v in Theme],
            value="",
            description=t("field.theme"),
            **shared_look(widgets.Dropdown),
        )
        com_b = widgets.Dropdown(
            options=[(t("barriers.all_com_b"), "")]
            + [(t(f"com_b.{v.value}"), v.value) for v in ComB],
            value="",
            description=t("field.com_b"),
            **shared_look(widgets.Dropdown),
        )
        search = widgets.Text(
            description=t("start.search"), continuous_update=True, **shared_look(widgets.Text)
        )
        choice = widgets.Select(
            options=[], rows=6, description=t(f"{kind}.catalogue"), **shared_look(widgets.Select)
        )
        for control, css in (
            (theme, "pr-filter-theme"),
            (com_b, "pr-filter-com-b"),
            (search, "pr-filter-search"),
            (choice, "pr-catalogue"),
        ):
            control.add_class("pr-field")
            control.add_class(css)
        description = html_block("")
        description.add_class("pr-catalogue-description")

        def update_options(_change: object = None) -> None:
            matches = app.library.search_factors(
                kind, lang=lang, theme=theme.value, com_b=com_b.value, words=search.value
            )
            choice.options = [(f.label.get(lang), f.id) for f in matches[:CATALOGUE_LIMIT]]
            choice.value = None

        def describe(_change: object = None) -> None:
            factor = app.library.factors.get(choice.value) if choice.value else None
            description.value = (
                f"<p class='pr-help'>{html.escape(factor.description.get(lang))}</p>"
                if factor
                else ""
            )

        for control in (theme, com_b, search):
            control.observe(app.guard(update_options), names="value")
        choice.observe(app.guard(describe), names="value")
        update_options()
        add = widgets.Button(
            description=t(f"{kind}.add_selected"),
            button_style="primary",
            **shared_look(widgets.Button),
        )
        add.add_class(f"pr-add-{kind}-catalogue")
        own = widgets.Button(description=t(f"{kind}.add_own"), **shared_look(widgets.Button))
        own.add_class(f"pr-add-{kind}-own")
        add.disabled = own.disabled = app.read_only
        add.on_click(app.guard(lambda _b: self._add(kind, choice.value)))
        own.on_click(app.guard(lambda _b: self._add(kind, None)))
        filters = widgets.Box([theme, com_b, search], **shared_look(widgets.Box))
        filters.add_class("pr-row")
        return card(
            filters,
            choice,
            description,
            widgets.HBox([add, own], **shared_look(widgets.HBox)),
            css=f"pr-{kind}-picker",
        )

    def _add(self, kind: Kind, catalogue_id: str | None) -> None:
        entry = new_factor(self.app.library, kind, catalogue_id, lang=self.app.lang)

        def add(workbook: Workbook) -> None:
            if isinstance(entry, Barrier):
                workbook.barriers.append(entry)
            else:
                workbook.facilitators.append(entry)

        if self.app.edit(_section(kind), add) is None:
            self._render_list(kind)

    def _remove(self, kind: Kind, entry_id: str) -> None:
        """Removed with "Angre" offered; the list follows in :meth:`refresh`."""
        entry_list = EntryList.barrier if kind == "barriers" else EntryList.facilitator
        self.app.controller.remove(entry_list, entry_id)

    # ── the list ──────────────────────────────────────────────────────────────────────────
    def _render_list(self, kind: Kind) -> None:
        """Show the entries in order. A card is built once per entry and kept: adding one
        builds one card, removing one renumbers the rest instead of building them again."""
        built = self._cards[kind]
        kept: dict[str, NumberedCard] = {}
        for number, entry in enumerate(_entries(self.app.workbook, kind), start=1):
            entry_card = built.get(entry.entry_id) or self._entry_card(kind, number, entry)
            entry_card.number_as(number, self.app.library.factor_label(entry, self.app.lang))
            kept[entry.entry_id] = entry_card
        self._cards[kind] = kept
        shown: list[widgets.Widget] = [c.widget for c in kept.values()] or [
            html_block(f"<p class='pr-muted'>{html.escape(self.app.t(f'{kind}.none_yet'))}</p>")
        ]
        if list(self.lists[kind].children) != shown:
            self.lists[kind].children = shown

    def _entry_card(self, kind: Kind, number: int, entry: Barrier | Facilitator) -> NumberedCard:
        app, t = self.app, self.app.t
        section = _section(kind)
        entry_id = entry.entry_id
        part = partial(_entry, kind=kind, entry_id=entry_id)

        def field(name: str) -> Callable[[Workbook, Any], None]:
            return lambda workbook, value: setattr(part(workbook), name, value)

        title = html_block("")
        parts: list[widgets.Widget] = [
            title,
            text_field(
                app,
                label=t("field.label"),
                value=app.library.factor_label(entry, app.lang),
                section=section,
                apply=lambda workbook, value: rename_factor(part(workbook), value),
                css="pr-entry-label",
                multiline=False,
                after=lambda label: entry_card.number_as(entry_card.number, label),
            ),
        ]
        row = widgets.Box(
            [
                model_choice(
                    app,
                    part,
                    "theme",
                    section=section,
                    css="pr-entry-theme",
                    options=[(t(f"theme.{v.value}"), v) for v in Theme],
                ),
                model_choice(
                    app,
                    part,
                    "com_b",
                    section=section,
                    css="pr-entry-com-b",
                    options=[(t(f"com_b.{v.value}"), v) for v in ComB],
                ),
            ],
            **shared_look(widgets.Box),
        )
        row.add_class("pr-row")
        parts.append(row)
        parts.append(
            model_text(app, part, "patient_words", section=section, css="pr-entry-words", rows=2)
        )
        # Unset until chosen, and marked so: the Summary's checklist lands on the first one.
        unset = f"pr-{kind[:-1]}-source-unset"

        def chosen(_value: object) -> None:
            if unset in source._dom_classes:
                source.remove_class(unset)

        source_box = choice_buttons(
            app,
            label=t("field.source"),
            options=[(t(f"source.{v.value}"), v) for v in Source],
            value=entry.source,
            section=section,
            apply=field("source"),
            css="pr-entry-source",
            after=chosen,
        )
        source = source_box.children[0]
        if entry.source is None:
            source.add_class(unset)
        parts.append(source_box)
        ratings = [(str(n), n) for n in range(1, 6)]
        scale = (
            ("modifiability", "barriers.modifiability_label", "pr-entry-modifiability")
            if isinstance(entry, Barrier)
            else ("build_on", "facilitators.build_on_label", "pr-entry-build-on")
        )
        for name, label, css in (("impact", "barriers.impact_label", "pr-entry-impact"), scale):
            parts.append(
                choice_buttons(
                    app,
                    label=t(label),
                    options=ratings,
                    value=getattr(entry, name),
                    section=section,
                    apply=field(name),
                    css=css,
                )
            )
        parts.append(self._strategies(kind, entry))
        if isinstance(entry, Barrier) and (
            entry.techniques or app.library.factors.get(entry.catalogue_id or "") is None
        ):
            parts.append(self._techniques(entry))
        parts.append(
            model_text(
                app, part, "custom_strategy", section=section, css="pr-entry-own-strategy", rows=2
            )
        )
        parts.append(model_text(app, part, "note", section=section, css="pr-entry-note", rows=2))
        remove = widgets.Button(description=t("app.remove"), **shared_look(widgets.Button))
        remove.add_class("pr-remove-entry")
        remove.disabled = app.read_only
        remove.on_click(app.guard(lambda _b: self._remove(kind, entry_id)))
        parts.append(remove)
        entry_card = NumberedCard(card(*parts, css=f"pr-{kind[:-1]}"), title, prefix="pr-entry")
        entry_card.number_as(number, app.library.factor_label(entry, app.lang))
        return entry_card

    def _techniques(self, entry: Barrier) -> widgets.Widget:
        """Techniques from the taxonomy, for a barrier without catalogue strategies."""
        app, lang, entry_id = self.app, self.app.lang, entry.entry_id
        library = app.library

        def save(numbers: list[str]) -> str | None:
            def apply(workbook: Workbook) -> None:
                barrier = _entry(workbook, kind="barriers", entry_id=entry_id)
                if isinstance(barrier, Barrier):
                    barrier.techniques = numbers

            return app.edit(Section.barriers, apply)

        return TechniquePicker(
            techniques=[
                (t.id, app.t("bct.technique", bct=t.id, technique=t.label.get(lang)))
                for t in library.techniques
            ],
            value=entry.techniques,
            search=lambda words: [t.id for t in library.search_techniques(words)],
            t=app.t,
            on_change=save,
            disabled=app.read_only,
            guard=app.guard,
        ).widget

    def _strategies(self, kind: Kind, entry: Factor) -> widgets.Widget:
        app, t, lang = self.app, self.app.t, self.app.lang
        catalogue = app.library.factors.get(entry.catalogue_id or "")
        if catalogue is None:
            return html_block("")
        boxes = []
        for strategy in catalogue.strategies:
            technique = app.library.bct.get(strategy.bct)
            bct = f" (BCT {strategy.bct} {technique.label.get(lang)})" if technique else ""
            checkbox = widgets.Checkbox(
                value=strategy.id in entry.strategies,
                description=strategy.text.get(lang) + bct,
                indent=False,
                **shared_look(widgets.Checkbox),
            )
            checkbox.add_class("pr-strategy")
            checkbox.disabled = app.read_only
            entry_id, strategy_id = entry.entry_id, strategy.id

            def toggle(
                change: dict[str, object], sid: str = strategy_id, eid: str = entry_id
            ) -> None:
                def apply(workbook: Workbook) -> None:
                    for item in _entries(workbook, kind):
                        if item.entry_id == eid:
                            chosen = [s for s in item.strategies if s != sid]
                            item.strategies = [*chosen, sid] if change["new"] else chosen

                problem = app.edit(_section(kind), apply)
                if problem:
                    app.say(problem, "error")

            checkbox.observe(app.guard(toggle), names="value")
            boxes.append(checkbox)
        return widgets.VBox(
            [heading(t("barriers.strategies"), "pr-field-title"), *boxes],
            layout=widgets.Layout(margin="0 0 8px 0"),
        )
