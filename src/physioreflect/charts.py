"""The two charts of the workbook (the barrier map and the planned progression), and the
cohort overview's four charts of a class (``class_*``, drawn from counts the cohort package
makes).

Each chart is built in two steps. :func:`barrier_points` and :func:`weekly_series` turn the
workbook into plain numbers (dataclasses holding raw, unescaped text), and
:func:`barrier_chart` and :func:`progression_chart` draw those numbers with Plotly. The PDF
export draws the same charts from the same numbers, so every decision (which barriers are
shown, their numbers, where overlapping points go, what counts toward the WHO band) lives in
the helpers, never only in the figure code.

The figures are plain plotly JSON (``{"data": [...], "layout": {...}}``) built as
dictionaries: plotly.js draws them as they are, and building them takes well under a
millisecond, where plotly's validating ``graph_objects`` took 60–120 ms for every redraw (and
0.6 s and 15 MB for its first import in a kernel). The look is plotly's ``plotly_white``
template, kept as JSON beside this module (a test keeps it equal to plotly's).

Everything a user typed is escaped before it reaches Plotly, which renders a subset of HTML
(``<b>``, ``<a href>``, …) in text, hover labels and legends.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any, Final, TypeAlias

from physioreflect.content import library, message
from physioreflect.model import WEEKS, Barrier, ComB, Intensity, Plan

__all__ = [
    "ACTIVITY_COLOURS",
    "COM_B_COLOURS",
    "LIGHT_COLOUR",
    "MIDPOINT",
    "QUADRANTS",
    "RATING_RANGE",
    "TOTAL_COLOUR",
    "ActivitySeries",
    "BarrierPoint",
    "Figure",
    "Quadrant",
    "QuadrantRegion",
    "WeeklySeries",
    "barrier_chart",
    "barrier_points",
    "class_barrier_chart",
    "class_completeness_chart",
    "class_rubric_chart",
    "class_status_chart",
    "plotly_white",
    "progression_chart",
    "quadrant_of",
    "weekly_series",
]

Figure: TypeAlias = dict[str, Any]
"""A figure as plotly JSON: ``{"data": [trace, ...], "layout": {...}}``."""


@functools.cache
def _plotly_white() -> dict[str, Any]:
    data = resources.files("physioreflect").joinpath("data", "plotly_white.json").read_text()
    template: dict[str, Any] = json.loads(data)
    return template


def plotly_white() -> dict[str, Any]:
    """Plotly's ``plotly_white`` template (the parts for scatter and bar charts), a copy."""
    return copy.deepcopy(_plotly_white())


# ── Shared numbers ────────────────────────────────────────────────────────────────────────

RATING_RANGE: Final = (0.5, 5.5)
"""The fixed axis range of both ratings (1–5) on the barrier map."""
MIDPOINT: Final = 3
"""Ratings above are "high impact" / "easy to change"; a rating of 3 sits on the dividing line."""

COM_B_COLOURS: Final[Mapping[ComB, str]] = {
    # Okabe & Ito (2008), a palette that stays distinguishable with colour-vision deficiency.
    ComB.physical_capability: "#0072B2",
    ComB.psychological_capability: "#56B4E9",
    ComB.physical_opportunity: "#009E73",
    ComB.social_opportunity: "#E69F00",
    ComB.reflective_motivation: "#D55E00",
    ComB.automatic_motivation: "#CC79A7",
}
_COM_B_TEXT_COLOURS: Final[Mapping[ComB, str]] = {
    # The number on a marker: white only where it has enough contrast (blue), else black.
    ComB.physical_capability: "#ffffff",
    ComB.psychological_capability: "#000000",
    ComB.physical_opportunity: "#000000",
    ComB.social_opportunity: "#000000",
    ComB.reflective_motivation: "#000000",
    ComB.automatic_motivation: "#000000",
}
ACTIVITY_COLOURS: Final = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
)
"""Bar colours of the plan's activities, in order (repeated after the seventh)."""

_FONT: Final = {"family": "system-ui, sans-serif", "size": 13, "color": "#1f2933"}
_MUTED: Final = "#52606d"
TOTAL_COLOUR: Final = "#1f2933"
LIGHT_COLOUR: Final = "#7b8794"
_BAND_COLOUR: Final = "rgba(0, 158, 115, 0.14)"
_BAND_TEXT: Final = "#00664a"
_MARKER_SIZE: Final = 24
_HEIGHT: Final = 420


def _escape(text: str) -> str:
    """Text for Plotly: ``<``, ``>`` and ``&`` become entities, so no tag is ever rendered.

    Quotes are left as they are: outside a tag they mean nothing to Plotly, and Plotly does not
    decode ``&quot;``, so escaping them would show the entity to the user.
    """
    return html.escape(text, quote=False)


def _text(key: str, lang: str, /, **params: Any) -> str:
    """A catalog message, escaped whole (parameters such as user-typed names included)."""
    return _escape(message(key, lang, **params))


# ── Barrier map: numbers ──────────────────────────────────────────────────────────────────


class Quadrant(StrEnum):
    """Where a barrier falls on impact (high/low) × modifiability (easy/hard to change)."""

    start_here = "start_here"
    """High impact, easy to change."""
    plan_around = "plan_around"
    """High impact, hard to change."""
    quick_wins = "quick_wins"
    """Low impact, easy to change."""
    keep_an_eye_on = "keep_an_eye_on"
    """Low impact, hard to change."""


@dataclass(frozen=True, slots=True)
class QuadrantRegion:
    """A quadrant's rectangle in rating coordinates (x = modifiability, y = impact)."""

    quadrant: Quadrant
    x0: float
    x1: float
    y0: float
    y1: float
    colour: str


QUADRANTS: Final = (
    QuadrantRegion(
        Quadrant.start_here,
        x0=MIDPOINT,
        x1=RATING_RANGE[1],
        y0=MIDPOINT,
        y1=RATING_RANGE[1],
        colour="#e6f4ea",
    ),
    QuadrantRegion(
        Quadrant.plan_around,
        x0=RATING_RANGE[0],
        x1=MIDPOINT,
        y0=MIDPOINT,
        y1=RATING_RANGE[1],
        colour="#fdf0e1",
    ),
    QuadrantRegion(
        Quadrant.quick_wins,
        x0=MIDPOINT,
        x1=RATING_RANGE[1],
        y0=RATING_RANGE[0],
        y1=MIDPOINT,
        colour="#e8f1fb",
    ),
    QuadrantRegion(
        Quadrant.keep_an_eye_on,
        x0=RATING_RANGE[0],
        x1=MIDPOINT,
        y0=RATING_RANGE[0],
        y1=MIDPOINT,
        colour="#f2f3f5",
    ),
)


def quadrant_of(impact: int, modifiability: int) -> Quadrant | None:
    """The quadrant of a rated barrier; ``None`` on a dividing line (either rating is 3)."""
    if MIDPOINT in (impact, modifiability):
        return None
    if impact > MIDPOINT:
        return Quadrant.start_here if modifiability > MIDPOINT else Quadrant.plan_around
    return Quadrant.quick_wins if modifiability > MIDPOINT else Quadrant.keep_an_eye_on


@dataclass(frozen=True, slots=True)
class BarrierPoint:
    """One rated barrier on the map. Text is raw: each renderer escapes it its own way."""

    number: int
    """The barrier's position in the workbook's list, from 1 (unrated ones keep their number)."""
    entry_id: str
    label: str
    com_b: ComB
    com_b_label: str
    impact: int
    modifiability: int
    quadrant: Quadrant | None
    quadrant_label: str
    """The quadrant's name, or "" when the barrier sits on a dividing line."""
    x: float
    """Where to draw it: ``modifiability`` plus a small offset when others share the spot."""
    y: float
    """Where to draw it: ``impact`` plus a small offset when others share the spot."""


_GOLDEN_ANGLE: Final = math.pi * (3 - math.sqrt(5))


def _spread(count: int) -> list[tuple[float, float]]:
    """Offsets for ``count`` markers sharing one spot: none for one, a ring for up to six
    (neighbours about 0.4 apart, a marker's width), a sunflower inside the cell beyond that."""
    if count == 1:
        return [(0.0, 0.0)]
    if count <= 6:
        radius = max(0.2, 0.2 / math.sin(math.pi / count))
        angles = [math.pi - 2 * math.pi * i / count for i in range(count)]  # from the left
        return [(radius * math.cos(a), radius * math.sin(a)) for a in angles]
    return [
        (
            0.42 * math.sqrt((i + 0.5) / count) * math.cos(i * _GOLDEN_ANGLE),
            0.42 * math.sqrt((i + 0.5) / count) * math.sin(i * _GOLDEN_ANGLE),
        )
        for i in range(count)
    ]


def barrier_points(barriers: Sequence[Barrier], *, lang: str) -> list[BarrierPoint]:
    """The barriers rated for both impact and modifiability, in list order, numbered by their
    place in ``barriers``; barriers with the same two ratings are spread around their spot."""
    rated: list[tuple[int, Barrier, int, int]] = []
    for number, barrier in enumerate(barriers, start=1):
        if barrier.impact is not None and barrier.modifiability is not None:
            rated.append((number, barrier, barrier.impact, barrier.modifiability))
    spots: dict[tuple[int, int], list[int]] = {}
    for number, _barrier, impact, modifiability in rated:
        spots.setdefault((modifiability, impact), []).append(number)
    offsets: dict[int, tuple[float, float]] = {}
    for numbers in spots.values():
        offsets.update(zip(numbers, _spread(len(numbers)), strict=True))

    points = []
    for number, barrier, impact, modifiability in rated:
        quadrant = quadrant_of(impact, modifiability)
        dx, dy = offsets[number]
        points.append(
            BarrierPoint(
                number=number,
                entry_id=barrier.entry_id,
                label=library().factor_label(barrier, lang),
                com_b=barrier.com_b,
                com_b_label=message(f"com_b.{barrier.com_b.value}", lang),
                impact=impact,
                modifiability=modifiability,
                quadrant=quadrant,
                quadrant_label=(
                    "" if quadrant is None else message(f"chart.quadrant.{quadrant.value}", lang)
                ),
                x=round(modifiability + dx, 4),
                y=round(impact + dy, 4),
            )
        )
    return points


# ── Progression: numbers ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class ActivitySeries:
    """Planned minutes of one activity in weeks 1–12 (weeks not planned count as 0)."""

    entry_id: str
    name: str
    intensity: Intensity | None
    minutes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class WeeklySeries:
    """The plan's weekly minutes, per activity and in total, for weeks 1–12."""

    weeks: tuple[int, ...]
    activities: tuple[ActivitySeries, ...]
    """Only the activities with some planned minutes, in the plan's order."""
    totals: tuple[int, ...]
    """All planned minutes per week (:meth:`Plan.weekly_totals`)."""
    moderate_equivalent: tuple[int, ...]
    """Minutes per week that count toward the WHO recommendation: moderate once, vigorous
    twice, light and unspecified intensity not at all (:meth:`Plan.weekly_moderate_equivalent`).
    """
    light: tuple[int, ...] = ()
    """Minutes per week of light activity: training all the same (a daily 15-minute walk),
    though WHO's recommendation does not count them."""

    @property
    def is_empty(self) -> bool:
        return not self.activities


def weekly_series(plan: Plan, *, lang: str) -> WeeklySeries:
    """The numbers of the progression chart, activities named in ``lang``."""
    catalogue = library()
    activities = tuple(
        ActivitySeries(
            entry_id=activity.entry_id,
            name=catalogue.activity_name(activity, lang),
            intensity=activity.intensity,
            minutes=tuple(activity.weekly_minutes) + (0,) * (WEEKS - len(activity.weekly_minutes)),
        )
        for activity in plan.activities
        if any(activity.weekly_minutes)
    )
    light = [0] * WEEKS
    for series in activities:
        if series.intensity is Intensity.light:
            light = [a + b for a, b in zip(light, series.minutes[:WEEKS], strict=True)]
    return WeeklySeries(
        weeks=tuple(range(1, WEEKS + 1)),
        activities=activities,
        totals=tuple(plan.weekly_totals()),
        moderate_equivalent=tuple(plan.weekly_moderate_equivalent()),
        light=tuple(light),
    )


# ── Figures ───────────────────────────────────────────────────────────────────────────────


def _base_layout(title: str) -> dict[str, Any]:
    return {
        "template": plotly_white(),
        "height": _HEIGHT,
        "font": _FONT,
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "hovermode": "closest",
        "hoverlabel": {"font": {"family": _FONT["family"]}, "align": "left"},
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -0.2,
            "yanchor": "top",
            "font": {"size": 12},
        },
    }


def _empty_note(text: str, *, y: float = 0.5) -> dict[str, Any]:
    return {
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": y,
        "showarrow": False,
        "font": {"size": 14, "color": _MUTED},
        "bgcolor": "rgba(255, 255, 255, 0.92)",
        "borderpad": 6,
    }


def barrier_chart(barriers: Sequence[Barrier], *, lang: str) -> Figure:
    """Impact (y) against modifiability (x) of the rated barriers, on four labelled quadrants.

    Markers carry the barrier's number (its place in the list) and the COM-B colour; the
    ratings themselves are in each point's ``customdata`` as ``[number, impact,
    modifiability]``.
    """
    points = barrier_points(barriers, lang=lang)
    traces: list[dict[str, Any]] = []
    for component in ComB:
        group = [point for point in points if point.com_b is component]
        if not group:
            continue
        traces.append(
            {
                "type": "scatter",
                "x": [point.x for point in group],
                "y": [point.y for point in group],
                "mode": "markers+text",
                "name": _text(f"com_b.{component.value}", lang),
                "text": [str(point.number) for point in group],
                "textposition": "middle center",
                "textfont": {"color": _COM_B_TEXT_COLOURS[component], "size": 11},
                "marker": {
                    "size": _MARKER_SIZE,
                    "color": COM_B_COLOURS[component],
                    "line": {"color": "#ffffff", "width": 1.5},
                },
                "customdata": [
                    [point.number, point.impact, point.modifiability] for point in group
                ],
                "hovertext": [_barrier_hover(point, lang) for point in group],
                "hoverinfo": "text",
                "cliponaxis": False,
            }
        )

    shapes: list[dict[str, Any]] = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "y",
            "x0": region.x0,
            "x1": region.x1,
            "y0": region.y0,
            "y1": region.y1,
            "fillcolor": region.colour,
            "line": {"width": 0},
            "layer": "below",
        }
        for region in QUADRANTS
    ]
    annotations: list[dict[str, Any]] = [_quadrant_label(region, lang) for region in QUADRANTS]
    if not points:
        annotations.append(_empty_note(_text("chart.barriers.empty", lang)))

    axis = {
        "range": list(RATING_RANGE),
        "tickvals": [1, 2, 3, 4, 5],
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
        "showline": True,
        "linecolor": "#cbd2d9",
    }
    base = _base_layout(_text("chart.barriers.title", lang))
    layout = {
        **base,
        "legend": {**base["legend"], "y": -0.38},  # below the two-line axis title
        "margin": {"l": 64, "r": 16, "t": 48, "b": 64},
        "xaxis": {**axis, "title": {"text": _two_lines(_text("chart.barriers.x_axis", lang))}},
        "yaxis": {**axis, "title": {"text": _text("chart.barriers.y_axis", lang)}},
        "shapes": shapes,
        "annotations": annotations,
        "showlegend": bool(points),
    }
    return {"data": traces, "layout": layout}


def _two_lines(title: str) -> str:
    """An axis title with its explanation in brackets on a line of its own: on one line the
    modifiability axis's title is wider than the chart beside the list and was cut off."""
    name, bracket, rest = title.partition(" (")
    return f"{name}<br>({rest}" if bracket else title


def _barrier_hover(point: BarrierPoint, lang: str) -> str:
    lines = [
        f"<b>{point.number}. {_escape(point.label)}</b>",
        _escape(point.com_b_label),
        _text(
            "chart.barriers.hover_ratings",
            lang,
            impact=point.impact,
            modifiability=point.modifiability,
        ),
    ]
    if point.quadrant_label:
        lines.append(_escape(point.quadrant_label))
    return "<br>".join(lines)


def _quadrant_label(region: QuadrantRegion, lang: str) -> dict[str, Any]:
    """The quadrant's name in its outer corner, clear of markers drawn at whole ratings."""
    right = region.x0 == MIDPOINT
    top = region.y0 == MIDPOINT
    return {
        "text": f"<b>{_text(f'chart.quadrant.{region.quadrant.value}', lang)}</b>",
        "xref": "x",
        "yref": "y",
        "x": region.x1 - 0.04 if right else region.x0 + 0.04,
        "y": region.y1 - 0.03 if top else region.y0 + 0.03,
        "xanchor": "right" if right else "left",
        "yanchor": "top" if top else "bottom",
        "showarrow": False,
        "font": {"size": 11, "color": _MUTED},
    }


def progression_chart(plan: Plan, *, lang: str, who_min: int = 150, who_max: int = 300) -> Figure:
    """Planned minutes per week, stacked by activity, against the WHO band for moderate
    activity (pass ``library().plan.who_moderate_min_per_week`` and ``…_max_per_week``), with
    the moderate-equivalent weekly total as a line."""
    series = weekly_series(plan, lang=lang)
    weeks = list(series.weeks)
    traces: list[dict[str, Any]] = []
    for index, activity in enumerate(series.activities):
        traces.append(
            {
                "type": "bar",
                "x": weeks,
                "y": list(activity.minutes),
                "name": _escape(activity.name),
                "marker": {"color": ACTIVITY_COLOURS[index % len(ACTIVITY_COLOURS)]},
                "hovertext": [
                    _text(
                        "chart.progression.hover_bar",
                        lang,
                        name=activity.name,
                        week=week,
                        minutes=minutes,
                    )
                    for week, minutes in zip(weeks, activity.minutes, strict=True)
                ],
                "hoverinfo": "text",
            }
        )
    if not series.is_empty:
        traces.append(
            {
                "type": "scatter",
                "x": weeks,
                "y": list(series.moderate_equivalent),
                "name": _text("chart.progression.total", lang),
                "mode": "lines+markers",
                "line": {"color": TOTAL_COLOUR, "width": 2},
                "marker": {"size": 6, "color": TOTAL_COLOUR},
                "hovertext": [
                    _text("chart.progression.hover_total", lang, week=week, minutes=minutes)
                    + "<br>"
                    + _text("chart.progression.total_rule", lang)
                    for week, minutes in zip(weeks, series.moderate_equivalent, strict=True)
                ],
                "hoverinfo": "text",
            }
        )

    if any(series.light):
        traces.append(
            {
                "type": "scatter",
                "x": weeks,
                "y": list(series.light),
                "name": _text("chart.progression.light", lang),
                "mode": "lines+markers",
                "line": {"color": LIGHT_COLOUR, "width": 2, "dash": "dot"},
                "marker": {"size": 6, "color": LIGHT_COLOUR, "symbol": "circle-open"},
                "hovertext": [
                    _text("chart.progression.hover_light", lang, week=week, minutes=minutes)
                    for week, minutes in zip(weeks, series.light, strict=True)
                ],
                "hoverinfo": "text",
            }
        )
    top = max(who_max, *series.totals, *series.moderate_equivalent)
    annotations: list[dict[str, Any]] = [
        {
            "text": _text("chart.progression.who_band", lang, min=who_min, max=who_max),
            "xref": "paper",
            "yref": "y",
            "x": 0.01,
            "y": who_max,
            "xanchor": "left",
            "yanchor": "top",
            "showarrow": False,
            "font": {"size": 12, "color": _BAND_TEXT},
            "bgcolor": "rgba(255, 255, 255, 0.7)",
        },
        {
            "text": f"<i>{_text('chart.progression.start_low', lang)}</i>",
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 1,
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": 6,
            "showarrow": False,
            "font": {"size": 12, "color": _MUTED},
        },
    ]
    if series.is_empty:
        annotations.append(_empty_note(_text("chart.progression.empty", lang), y=0.2))

    layout = {
        **_base_layout(_text("chart.progression.title", lang)),
        "margin": {"l": 64, "r": 16, "t": 72, "b": 48},
        "barmode": "stack",
        "bargap": 0.25,
        "xaxis": {
            "title": {"text": _text("chart.progression.x_axis", lang)},
            "range": [0.5, WEEKS + 0.5],
            "tickvals": weeks,
            "fixedrange": True,
            "showgrid": False,
        },
        "yaxis": {
            "title": {"text": _text("chart.progression.y_axis", lang)},
            "range": [0, math.ceil(top * 1.12 / 10) * 10],
            "rangemode": "tozero",
            "fixedrange": True,
        },
        "shapes": [
            {
                "type": "rect",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": who_min,
                "y1": who_max,
                "fillcolor": _BAND_COLOUR,
                "line": {"width": 0},
                "layer": "below",
            }
        ],
        "annotations": annotations,
        "showlegend": not series.is_empty,
    }
    return {"data": traces, "layout": layout}


# ── The class (cohort overview) ───────────────────────────────────────────────────────────

_CLASS_HEIGHT: Final = 360
_STATUS_COLOURS: Final = {
    "draft": "#9aa5b1",
    "submitted": "#0072B2",
    "returned": "#E69F00",
    "approved": "#009E73",
}
_THEME_COLOURS: Final = ("#0072B2", "#E69F00", "#009E73")
_LEVEL_COLOURS: Final = ("#D55E00", "#E69F00", "#56B4E9", "#0072B2", "#009E73", "#CC79A7")


def _class_layout(title: str, *, empty: bool, empty_key: str, lang: str) -> dict[str, Any]:
    layout = {
        **_base_layout(title),
        "height": _CLASS_HEIGHT,
        "margin": {"l": 16, "r": 16, "t": 56, "b": 48},
        "bargap": 0.3,
    }
    if empty:
        layout["annotations"] = [_empty_note(_text(empty_key, lang))]
    return layout


def class_status_chart(counts: Mapping[str, int], *, lang: str) -> Figure:
    """Workbooks per status (``counts``: status value → number, in the order to show)."""
    labels = [_text(f"status.{status}", lang) for status in counts]
    values = list(counts.values())
    trace = {
        "type": "bar",
        "x": labels,
        "y": values,
        "text": [str(v) for v in values],
        "textposition": "auto",
        "marker": {"color": [_STATUS_COLOURS.get(s, _MUTED) for s in counts]},
        "hovertext": [
            _text("chart.class.hover_status", lang, status=message(f"status.{s}", lang), count=v)
            for s, v in counts.items()
        ],
        "hoverinfo": "text",
        "showlegend": False,
    }
    layout = _class_layout(
        _text("chart.class.status_title", lang),
        empty=sum(values) == 0,
        empty_key="chart.class.empty",
        lang=lang,
    )
    layout["yaxis"] = {
        "title": {"text": _text("chart.class.workbooks", lang)},
        "rangemode": "tozero",
    }
    if max(values, default=0) <= 10:
        layout["yaxis"]["dtick"] = 1  # whole workbooks, not 0.5 of one
    layout["margin"]["l"] = 64
    return {"data": [trace], "layout": layout}


def class_completeness_chart(means: Mapping[str, float], *, lang: str) -> Figure:
    """The class's mean completeness per section (``means``: section value → 0–1, or NaN
    without workbooks), as percent bars: the part of the workbook most students leave open
    stands out."""
    sections = list(means)
    percents = [None if math.isnan(v) else round(v * 100) for v in means.values()]
    trace = {
        "type": "bar",
        "orientation": "h",
        "y": [_text(f"section.{s}", lang) for s in sections],
        "x": [p or 0 for p in percents],
        "text": ["" if p is None else f"{p} %" for p in percents],
        "textposition": "auto",
        "marker": {"color": "#0072B2"},
        "hovertext": [
            _text(
                "chart.class.hover_complete",
                lang,
                section=message(f"section.{s}", lang),
                percent="–" if p is None else p,
            )
            for s, p in zip(sections, percents, strict=True)
        ],
        "hoverinfo": "text",
        "showlegend": False,
    }
    layout = _class_layout(
        _text("chart.class.complete_title", lang),
        empty=all(p is None for p in percents),
        empty_key="chart.class.empty",
        lang=lang,
    )
    layout["xaxis"] = {
        "title": {"text": _text("chart.class.percent", lang)},
        "range": [0, 104],  # room for the 100 % tick and a full bar's label
        "dtick": 20,
        "ticksuffix": " %",
    }
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    return {"data": [trace], "layout": layout}


def class_barrier_chart(counts: Mapping[str, Mapping[str, int]], *, lang: str) -> Figure:
    """Barriers across the class by COM-B component (bars), stacked by theme (``counts``:
    theme value → COM-B value → number)."""
    themes = list(counts)
    components = [c.value for c in ComB]
    traces = []
    for index, theme in enumerate(themes):
        values = [int(counts[theme].get(c, 0)) for c in components]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": _text(f"theme.{theme}", lang),
                "y": [_text(f"com_b.{c}", lang) for c in components],
                "x": values,
                "marker": {"color": _THEME_COLOURS[index % len(_THEME_COLOURS)]},
                "hovertext": [
                    _text(
                        "chart.class.hover_barriers",
                        lang,
                        theme=message(f"theme.{theme}", lang),
                        component=message(f"com_b.{c}", lang),
                        count=v,
                    )
                    for c, v in zip(components, values, strict=True)
                ],
                "hoverinfo": "text",
            }
        )
    total = sum(sum(by.values()) for by in counts.values())
    layout = _stacked_layout(
        "chart.class.barriers_title",
        "chart.class.barriers",
        empty_key=None if total else "chart.class.no_barriers",
        height=400,
        lang=lang,
    )
    return {"data": traces, "layout": layout}


def _stacked_layout(
    title_key: str, axis_key: str, *, empty_key: str | None, height: int, lang: str
) -> dict[str, Any]:
    """Horizontal bars stacked by a legend below: categories top to bottom, counts across."""
    layout = _class_layout(
        _text(title_key, lang),
        empty=empty_key is not None,
        empty_key=empty_key or "",
        lang=lang,
    )
    layout["barmode"] = "stack"
    layout["height"] = height
    layout["xaxis"] = {"title": {"text": _text(axis_key, lang)}, "rangemode": "tozero"}
    layout["yaxis"] = {"autorange": "reversed", "automargin": True}
    layout["legend"] = {**layout["legend"], "y": -0.25}
    layout["margin"]["b"] = 96
    return layout


def class_rubric_chart(
    counts: Mapping[str, Mapping[int, int]], *, levels: Mapping[int, str], lang: str
) -> Figure:
    """Workbooks per rubric level for each criterion (``counts``: criterion label → level →
    number; ``levels``: level → its name), stacked from the lowest level up."""
    criteria = list(counts)
    traces = []
    for index, (level, name) in enumerate(levels.items()):
        values = [int(counts[c].get(level, 0)) for c in criteria]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": f"{level} {_escape(name)}",
                "y": [_escape(c) for c in criteria],
                "x": values,
                "marker": {"color": _LEVEL_COLOURS[index % len(_LEVEL_COLOURS)]},
                "hovertext": [
                    _text("chart.class.hover_rubric", lang, criterion=c, level=name, count=v)
                    for c, v in zip(criteria, values, strict=True)
                ],
                "hoverinfo": "text",
            }
        )
    scored = sum(sum(by.values()) for by in counts.values())
    layout = _stacked_layout(
        "chart.class.rubric_title",
        "chart.class.workbooks",
        empty_key=None if scored else "chart.class.no_scores",
        height=max(_CLASS_HEIGHT, 120 + 36 * len(criteria)),
        lang=lang,
    )
    return {"data": traces, "layout": layout}
