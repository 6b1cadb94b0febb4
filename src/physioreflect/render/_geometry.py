"""The two charts of the summary as plain geometry for the template.

The numbers come from :func:`physioreflect.charts.barrier_points` and
:func:`physioreflect.charts.weekly_series`, the ones the dashboard's Plotly charts draw, so
the PDF and the dashboard can never disagree on which barrier is number 3 or how many minutes
week 5 holds. Here they only become what a drawing needs: axis ranges, ticks, stacked bar
segments, colours, legends, and the alternative text that describes each chart in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Final

from physioreflect.charts import (
    ACTIVITY_COLOURS,
    COM_B_COLOURS,
    LIGHT_COLOUR,
    MIDPOINT,
    QUADRANTS,
    RATING_RANGE,
    TOTAL_COLOUR,
    barrier_points,
    weekly_series,
)
from physioreflect.content import library, message
from physioreflect.model import Barrier, ComB, Plan

__all__ = ["barrier_chart", "marker_text_colour", "progression_chart", "progression_table"]

_TICK_STEPS: Final = (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000)
_MAX_TICKS: Final = 6


def _relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def marker_text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (a number on a marker)."""
    luminance = _relative_luminance(fill)
    on_white = 1.05 / (luminance + 0.05)
    on_black = (luminance + 0.05) / 0.05
    return "#ffffff" if on_white > on_black else "#000000"


def barrier_chart(barriers: Sequence[Barrier], *, lang: str) -> dict[str, Any]:
    """The barrier map: quadrants, numbered points in COM-B colours, legend and alt text."""
    points = barrier_points(barriers, lang=lang)
    present = [c for c in ComB if any(p.com_b is c for p in points)]
    rated = {p.number for p in points}
    unrated = [str(n) for n in range(1, len(barriers) + 1) if n not in rated]
    alt_items = [
        message(
            "export.chart.barrier_alt_item",
            lang,
            number=p.number,
            label=p.label,
            impact=p.impact,
            modifiability=p.modifiability,
            quadrant=p.quadrant_label or message("export.chart.on_the_line", lang),
        )
        for p in points
    ]
    return {
        "type": "barrier_chart",
        "title": message("chart.barriers.title", lang),
        "x_label": message("chart.barriers.x_axis", lang),
        "y_label": message("chart.barriers.y_axis", lang),
        "range": list(RATING_RANGE),
        "ticks": [1, 2, 3, 4, 5],
        "midpoint": MIDPOINT,
        "quadrants": [
            {
                "x0": region.x0,
                "x1": region.x1,
                "y0": region.y0,
                "y1": region.y1,
                "colour": region.colour,
                "label": message(f"chart.quadrant.{region.quadrant.value}", lang),
                # The label sits in the quadrant's outer corner, clear of the points.
                "right": region.x0 == MIDPOINT,
                "top": region.y0 == MIDPOINT,
            }
            for region in QUADRANTS
        ],
        "points": [
            {
                "number": p.number,
                "x": p.x,
                "y": p.y,
                "colour": COM_B_COLOURS[p.com_b],
                "text_colour": marker_text_colour(COM_B_COLOURS[p.com_b]),
            }
            for p in points
        ],
        "legend": [
            {"colour": COM_B_COLOURS[c], "label": message(f"com_b.{c.value}", lang)}
            for c in present
        ],
        "empty_note": None if points else message("chart.barriers.empty", lang),
        "unrated_note": (
            message("export.chart.unrated", lang, numbers=", ".join(unrated)) if unrated else None
        ),
        "caption": message("export.chart.barrier_caption", lang),
        "alt": " ".join([message("barriers.chart_alt", lang), *alt_items]),
    }


def _axis(top: int) -> tuple[int, list[int]]:
    """The y axis of the progression chart: its top (room above the highest value, as the
    dashboard leaves) and round ticks, at most :data:`_MAX_TICKS` of them."""
    y_max = math.ceil(top * 1.12 / 10) * 10
    step = next((s for s in _TICK_STEPS if y_max / s <= _MAX_TICKS), _TICK_STEPS[-1])
    step = max(step, math.ceil(y_max / _MAX_TICKS / step) * step)
    return y_max, list(range(0, y_max + 1, step))


def progression_chart(plan: Plan, *, lang: str) -> dict[str, Any]:
    """Planned minutes per week, stacked by activity, against the WHO band, with the
    moderate-equivalent total as a line."""
    facts = library().plan
    low, high = facts.who_moderate_min_per_week, facts.who_moderate_max_per_week
    series = weekly_series(plan, lang=lang)
    y_max, ticks = _axis(max(high, *series.totals, *series.moderate_equivalent))
    colours = [ACTIVITY_COLOURS[i % len(ACTIVITY_COLOURS)] for i in range(len(series.activities))]
    bars = []
    for index, week in enumerate(series.weeks):
        segments, base = [], 0
        for activity, colour in zip(series.activities, colours, strict=True):
            minutes = activity.minutes[index]
            if minutes:
                segments.append({"y0": base, "y1": base + minutes, "colour": colour})
                base += minutes
        bars.append({"week": week, "segments": segments})
    legend: list[dict[str, Any]] = [
        {"colour": colour, "label": activity.name, "line": False}
        for activity, colour in zip(series.activities, colours, strict=True)
    ]
    if not series.is_empty:
        legend.append(
            {
                "colour": TOTAL_COLOUR,
                "label": message("chart.progression.total", lang),
                "line": True,
            }
        )
    light = list(series.light) if any(series.light) else []
    if light:
        # Training all the same (a daily 15-minute walk), though WHO's line does not count it.
        legend.append(
            {
                "colour": LIGHT_COLOUR,
                "label": message("chart.progression.light", lang),
                "line": True,
                "dash": True,
            }
        )
    totals = ", ".join(
        message("export.chart.week_minutes", lang, week=week, minutes=minutes)
        for week, minutes in zip(series.weeks, series.totals, strict=True)
    )
    return {
        "type": "progression_chart",
        "title": message("chart.progression.title", lang),
        "x_label": message("chart.progression.x_axis", lang),
        "y_label": message("chart.progression.y_axis", lang),
        "weeks": list(series.weeks),
        "y_max": y_max,
        "ticks": ticks,
        "band": {
            "low": low,
            "high": high,
            "label": message("chart.progression.who_band", lang, min=low, max=high),
        },
        "bars": bars,
        "line": [] if series.is_empty else list(series.moderate_equivalent),
        "light": light,
        "light_colour": LIGHT_COLOUR,
        "legend": legend,
        "note": message("chart.progression.start_low", lang),
        "line_rule": None if series.is_empty else message("chart.progression.total_rule", lang),
        "empty_note": message("chart.progression.empty", lang) if series.is_empty else None,
        "caption": message("plan.progression_help", lang, low=low, high=high),
        "alt": " ".join(
            [
                message("plan.chart_alt", lang),
                message("export.chart.progression_alt", lang, totals=totals),
            ]
        ),
    }


def progression_table(plan: Plan, *, lang: str) -> dict[str, Any]:
    """The chart's numbers as a table: one row per activity with minutes, then the weekly
    total and the moderate-equivalent total."""
    series = weekly_series(plan, lang=lang)
    rows: list[dict[str, Any]] = [
        {
            "label": activity.name,
            "colour": ACTIVITY_COLOURS[index % len(ACTIVITY_COLOURS)],
            "values": list(activity.minutes),
        }
        for index, activity in enumerate(series.activities)
    ]
    return {
        "type": "progression_table",
        "corner": message("field.activity", lang),
        "weeks": list(series.weeks),
        "week_label": message("chart.progression.x_axis", lang),
        "rows": rows,
        "totals": [
            {"label": message("export.plan.total", lang), "values": list(series.totals)},
            {
                "label": message("chart.progression.total", lang),
                "values": list(series.moderate_equivalent),
            },
            *(
                [{"label": message("chart.progression.light", lang), "values": list(series.light)}]
                if any(series.light)
                else []
            ),
        ],
        "empty": series.is_empty,
        "caption": message("export.plan.progression_table", lang),
    }
