"""Do the barrier map and the progression chart show the right numbers, in both languages,
with everything users typed escaped, and without loading Plotly on import?"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from physioreflect import charts
from physioreflect.charts import (
    COM_B_COLOURS,
    Quadrant,
    barrier_points,
    plotly_white,
    quadrant_of,
    weekly_series,
)
from physioreflect.content import library, message, ui_catalog
from physioreflect.model import Barrier, ComB, Intensity, Plan, PlannedActivity, Theme

EVIL = "<img src=x onerror=alert(1)>"
EVIL_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


def _barrier(
    number: int,
    *,
    impact: int | None = 3,
    modifiability: int | None = 3,
    com_b: ComB = ComB.physical_capability,
    label: str | None = None,
) -> Barrier:
    return Barrier(
        entry_id=f"b{number}",
        label=label or f"Barrier {number}",
        theme=Theme.physical,
        com_b=com_b,
        impact=impact,
        modifiability=modifiability,
    )


def _activity(
    entry_id: str, minutes: list[int], intensity: Intensity | None, name: str = ""
) -> PlannedActivity:
    return PlannedActivity(
        entry_id=entry_id, name=name or entry_id, intensity=intensity, weekly_minutes=minutes
    )


def barrier_chart(barriers: list[Barrier], *, lang: str) -> go.Figure:
    """The chart as plotly reads it: ``go.Figure`` validates every key and value of the JSON
    the chart is built as, and fails on any plotly would not draw."""
    return go.Figure(charts.barrier_chart(barriers, lang=lang))


def progression_chart(plan: Plan, *, lang: str, **band: int) -> go.Figure:
    return go.Figure(charts.progression_chart(plan, lang=lang, **band))


def test_the_charts_look_as_plotlys_white_template() -> None:
    theirs = pio.templates["plotly_white"].to_plotly_json()
    ours = plotly_white()
    assert ours["layout"] == theirs["layout"]
    assert ours["data"] == {kind: theirs["data"][kind] for kind in ("scatter", "bar")}
    # Each figure gets its own copy: changing one never changes the next.
    ours["layout"]["font"]["color"] = "red"
    assert plotly_white()["layout"]["font"]["color"] != "red"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _texts(fig: Any) -> list[str]:
    """Every string of the figure except Plotly's own template."""
    spec = fig.to_plotly_json()
    layout = {key: value for key, value in spec["layout"].items() if key != "template"}
    return [*_strings(spec["data"]), *_strings(layout)]


def _annotation_texts(fig: Any) -> list[str]:
    return [annotation.text for annotation in fig.layout.annotations]


def _plan() -> Plan:
    return Plan(
        activities=[
            _activity(
                "walk", [30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140], Intensity.moderate
            ),
            _activity("stairs", [0, 0, 10, 10, 15, 15], Intensity.vigorous),
            _activity("garden", [20, 20, 20], Intensity.light),
            _activity("unsure", [5] * 12, None),
            _activity("nothing_yet", [], Intensity.moderate),
        ]
    )


# ── Barrier map ───────────────────────────────────────────────────────────────────────────


def test_points_are_numbered_by_list_position_and_only_rated_barriers_appear() -> None:
    barriers = [
        _barrier(1, impact=5, modifiability=4),
        _barrier(2, impact=4, modifiability=None),
        _barrier(3, impact=2, modifiability=5),
        _barrier(4, impact=None, modifiability=None),
        _barrier(5, impact=None, modifiability=2),
        _barrier(6, impact=1, modifiability=1),
    ]
    points = barrier_points(barriers, lang="en")
    assert [point.number for point in points] == [1, 3, 6]
    assert [point.entry_id for point in points] == ["b1", "b3", "b6"]
    assert [(point.impact, point.modifiability) for point in points] == [(5, 4), (2, 5), (1, 1)]
    # Lone points sit exactly on their ratings.
    assert [(point.x, point.y) for point in points] == [(4, 5), (5, 2), (1, 1)]

    fig = barrier_chart(barriers, lang="en")
    shown = sorted(int(text) for trace in fig.data for text in trace.text)
    assert shown == [1, 3, 6]


def test_barriers_with_the_same_ratings_get_distinct_spots_near_their_ratings() -> None:
    barriers = [_barrier(n, impact=4, modifiability=4) for n in range(1, 4)]
    barriers.append(_barrier(4, impact=2, modifiability=2))
    points = barrier_points(barriers, lang="nb")
    shared = points[:3]
    assert len({(point.x, point.y) for point in shared}) == 3
    assert all((point.impact, point.modifiability) == (4, 4) for point in shared)
    assert all(abs(point.x - 4) < 0.5 and abs(point.y - 4) < 0.5 for point in shared)
    assert (points[3].x, points[3].y) == (2, 2)
    # The same input always gives the same picture.
    assert barrier_points(barriers, lang="nb") == points

    fig = barrier_chart(barriers, lang="nb")
    (trace,) = fig.data
    assert [list(row) for row in trace.customdata] == [[1, 4, 4], [2, 4, 4], [3, 4, 4], [4, 2, 2]]
    assert len(set(zip(trace.x, trace.y, strict=True))) == 4


@pytest.mark.parametrize("count", [2, 5, 6, 7, 30, 100])
def test_many_barriers_on_one_spot_stay_apart_and_inside_their_cell(count: int) -> None:
    barriers = [_barrier(n, impact=1, modifiability=5) for n in range(1, count + 1)]
    points = barrier_points(barriers, lang="en")
    assert len({(point.x, point.y) for point in points}) == count
    assert all(abs(point.x - 5) < 0.5 and abs(point.y - 1) < 0.5 for point in points)


def test_colours_and_legend_follow_com_b() -> None:
    components = list(ComB)
    barriers = [
        _barrier(n, impact=1 + n % 5, modifiability=5 - n % 5, com_b=component)
        for n, component in enumerate(components * 2, start=1)
    ]
    assert len(set(COM_B_COLOURS.values())) == len(ComB) == 6
    for lang in ("nb", "en"):
        fig = barrier_chart(barriers, lang=lang)
        assert len(fig.data) == 6
        for component, trace in zip(components, fig.data, strict=True):
            assert trace.marker.color == COM_B_COLOURS[component]
            assert trace.name == message(f"com_b.{component.value}", lang)
            numbers = {row[0] for row in trace.customdata}
            assert numbers == {n for n, b in enumerate(barriers, start=1) if b.com_b is component}


def test_quadrants() -> None:
    assert quadrant_of(5, 5) is Quadrant.start_here
    assert quadrant_of(4, 2) is Quadrant.plan_around
    assert quadrant_of(2, 4) is Quadrant.quick_wins
    assert quadrant_of(1, 1) is Quadrant.keep_an_eye_on
    assert quadrant_of(3, 5) is None
    assert quadrant_of(5, 3) is None
    for quadrant, lang in itertools.product(Quadrant, ("nb", "en")):
        assert f"chart.quadrant.{quadrant.value}" in ui_catalog()
        label = message(f"chart.quadrant.{quadrant.value}", lang)
        assert any(label in text for text in _annotation_texts(barrier_chart([], lang=lang)))
    assert message("chart.quadrant.start_here", "nb") == "Begynn her"
    assert message("chart.quadrant.start_here", "en") == "Start here"

    point, on_line = barrier_points(
        [_barrier(1, impact=5, modifiability=4), _barrier(2, impact=3, modifiability=4)],
        lang="en",
    )
    assert point.quadrant is Quadrant.start_here and point.quadrant_label == "Start here"
    assert on_line.quadrant is None and on_line.quadrant_label == ""


def test_barrier_axes_are_fixed() -> None:
    fig = barrier_chart([_barrier(1, impact=5, modifiability=1)], lang="en")
    assert tuple(fig.layout.xaxis.range) == tuple(fig.layout.yaxis.range) == (0.5, 5.5)
    assert fig.layout.height is not None
    assert "system-ui" in fig.layout.font.family


# ── Escaping, languages, empty states ─────────────────────────────────────────────────────


def test_user_text_is_escaped_everywhere() -> None:
    barriers = [
        _barrier(1, impact=4, modifiability=4, label=EVIL),
        _barrier(2, impact=4, modifiability=4, label='He said "never" & left'),
    ]
    plan = Plan(activities=[_activity("a", [10, 20], Intensity.moderate, name=EVIL)])
    for fig in (barrier_chart(barriers, lang="en"), progression_chart(plan, lang="nb")):
        dumped = fig.to_json()
        assert "<img" not in dumped
        # Plotly's JSON writes "<" as \u003c, so the check above alone would pass unescaped
        # text too: look at the strings the browser will actually get.
        texts = list(_strings(json.loads(dumped)))
        assert not any("<img" in text for text in texts)
        assert any(EVIL_ESCAPED in text for text in texts)
    # Raw text stays raw in the numbers; each renderer escapes its own way.
    assert barrier_points(barriers, lang="en")[0].label == EVIL
    assert weekly_series(plan, lang="en").activities[0].name == EVIL
    # Quotes stay readable: Plotly does not decode &quot;.
    hover = "".join(barrier_chart(barriers, lang="en").data[0].hovertext)
    assert 'He said "never" &amp; left' in hover


@pytest.mark.parametrize("chart", ["barriers", "progression"])
def test_both_languages_have_their_own_complete_texts(chart: str) -> None:
    def build(lang: str) -> Any:
        if chart == "barriers":
            return barrier_chart(
                [_barrier(n, impact=n, modifiability=6 - n) for n in range(1, 6)], lang=lang
            )
        return progression_chart(_plan(), lang=lang)

    nb, en = build("nb"), build("en")
    assert nb.layout.title.text != en.layout.title.text
    assert nb.layout.xaxis.title.text != en.layout.xaxis.title.text
    assert nb.layout.yaxis.title.text != en.layout.yaxis.title.text
    for fig in (nb, en):
        for text in _texts(fig):
            assert "chart." not in text and "com_b." not in text, text
            assert not re.search(r"\{[a-z_]+\}", text), text


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_empty_inputs_render_with_an_empty_state(lang: str) -> None:
    empty_barriers = message("chart.barriers.empty", lang)
    for barriers in ([], [_barrier(1, impact=None, modifiability=4)]):
        fig = barrier_chart(barriers, lang=lang)
        assert not fig.data
        assert empty_barriers in _annotation_texts(fig)
        fig.to_json()
    assert empty_barriers not in _annotation_texts(barrier_chart([_barrier(1)], lang=lang))

    empty_plan = message("chart.progression.empty", lang)
    for plan in (Plan(), Plan(activities=[_activity("a", [0, 0], Intensity.moderate)])):
        fig = progression_chart(plan, lang=lang)
        assert not fig.data
        assert empty_plan in _annotation_texts(fig)
        fig.to_json()
    assert empty_plan not in _annotation_texts(progression_chart(_plan(), lang=lang))


def test_empty_state_texts() -> None:
    assert message("chart.barriers.empty", "en") == (
        "Rate impact and modifiability to see the barriers here"
    )
    assert message("chart.barriers.empty", "nb") != message("chart.barriers.empty", "en")


# ── Progression ───────────────────────────────────────────────────────────────────────────


def test_progression_numbers_match_the_plan() -> None:
    plan = _plan()
    series = weekly_series(plan, lang="en")
    assert series.weeks == tuple(range(1, 13))
    assert series.totals == tuple(plan.weekly_totals())
    assert series.moderate_equivalent == tuple(plan.weekly_moderate_equivalent())
    assert [a.entry_id for a in series.activities] == ["walk", "stairs", "garden", "unsure"]
    assert all(len(a.minutes) == 12 for a in series.activities)
    assert series.activities[1].minutes == (0, 0, 10, 10, 15, 15, 0, 0, 0, 0, 0, 0)
    # Week 3: walk 50 (moderate) + stairs 10 (vigorous, ×2) + garden 20 (light) + unsure 5.
    assert series.totals[2] == 85
    assert series.moderate_equivalent[2] == 70

    fig = progression_chart(plan, lang="en")
    bars = [trace for trace in fig.data if trace.type == "bar"]
    total, light = (
        next(
            trace for trace in fig.data if trace.name == message(f"chart.progression.{kind}", "en")
        )
        for kind in ("total", "light")
    )
    line = total
    # The garden (light) is its own line: 20 minutes in week 3.
    assert list(light.y) == list(series.light) and series.light[2] == 20
    assert [bar.name for bar in bars] == ["walk", "stairs", "garden", "unsure"]
    stacked = [sum(week) for week in zip(*(bar.y for bar in bars), strict=True)]
    assert stacked == plan.weekly_totals()
    assert list(line.y) == plan.weekly_moderate_equivalent()
    assert fig.layout.barmode == "stack"
    assert list(fig.layout.xaxis.tickvals) == list(range(1, 13))
    assert fig.layout.yaxis.range[1] >= max(plan.weekly_totals())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_who_band_and_the_start_low_note(lang: str) -> None:
    facts = library().plan
    low, high = facts.who_moderate_min_per_week, facts.who_moderate_max_per_week
    assert (low, high) == (150, 300)
    fig = progression_chart(Plan(), lang=lang, who_min=low, who_max=high)
    assert progression_chart(Plan(), lang=lang).layout.shapes == fig.layout.shapes
    (band,) = fig.layout.shapes
    assert (band.y0, band.y1, band.yref) == (150, 300, "y")
    assert (band.x0, band.x1, band.xref) == (0, 1, "paper")
    assert fig.layout.yaxis.range[1] > 300
    texts = " ".join(_annotation_texts(fig))
    assert message("chart.progression.who_band", lang, min=150, max=300) in texts
    assert message("chart.progression.start_low", lang) in texts
    assert fig.layout.xaxis.title.text == ("Uke" if lang == "nb" else "Week")


def test_start_low_note_wording() -> None:
    assert message("chart.progression.start_low", "en") == (
        "Some activity is better than none — start where the patient is"
    )
    assert message("chart.progression.start_low", "nb") == (
        "Litt aktivitet er bedre enn ingen – start der pasienten er"
    )


# ── Start-up cost ─────────────────────────────────────────────────────────────────────────


def test_importing_the_module_does_not_import_plotly() -> None:
    code = "import physioreflect.charts, sys; assert 'plotly' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_light_minutes_are_shown_as_their_own_line() -> None:
    """A daily 15-minute walk at light intensity is training: its minutes are drawn as a line
    of their own, though the moderate-equivalent total (WHO) does not count them."""
    walk = _activity("walk", [105] * 12, Intensity.light, name="Daily walk")
    plan = Plan(activities=[walk])
    series = weekly_series(plan, lang="en")
    assert series.light == (105,) * 12
    assert series.moderate_equivalent == (0,) * 12
    for lang in ("nb", "en"):
        fig = progression_chart(plan, lang=lang)
        light = [
            trace for trace in fig.data if trace.name == message("chart.progression.light", lang)
        ]
        assert len(light) == 1
        assert list(light[0].y) == [105] * 12
        assert light[0].line.dash == "dot"


def test_no_light_activity_no_light_line() -> None:
    bike = _activity("bike", [60, 90] + [0] * 10, Intensity.moderate)
    unknown = _activity("swim", [30] * 12, None)
    plan = Plan(activities=[bike, unknown])
    assert not any(weekly_series(plan, lang="en").light)
    names = {trace.name for trace in progression_chart(plan, lang="en").data}
    assert message("chart.progression.light", "en") not in names


# ── The class (cohort overview) ───────────────────────────────────────────────────────────


def _class_figures(lang: str, *, empty: bool = False) -> list[go.Figure]:
    n = 0 if empty else 1
    statuses = {"draft": 4 * n, "submitted": 2 * n, "returned": 0, "approved": n}
    means = {s: (float("nan") if empty else 0.5) for s in ("case", "perspective", "plan")}
    barriers = {
        "physical": {"physical_capability": 3 * n},
        "psychological": {"automatic_motivation": 2 * n},
        "socio_environmental": {},
    }
    criterion = f"Presence {EVIL}"
    rubric = {criterion: {} if empty else {1: 1, 4: 2}}
    levels = {1: "Habitual action", 2: f"Level {EVIL}", 3: "Reflection", 4: "Critical"}
    return [
        go.Figure(charts.class_status_chart(statuses, lang=lang)),
        go.Figure(charts.class_completeness_chart(means, lang=lang)),
        go.Figure(charts.class_barrier_chart(barriers, lang=lang)),
        go.Figure(charts.class_rubric_chart(rubric, levels=levels, lang=lang)),
    ]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_class_charts_show_the_counts_given_in_the_language_with_text_escaped(lang: str) -> None:
    status, completeness, barriers, rubric = _class_figures(lang)
    assert list(status.data[0].y) == [4, 2, 0, 1]
    assert status.data[0].x[0] == message("status.draft", lang)
    assert list(completeness.data[0].x) == [50, 50, 50]
    assert list(completeness.data[0].text) == ["50 %"] * 3
    physical = next(t for t in barriers.data if t.name == message("theme.physical", lang))
    assert sum(physical.x) == 3
    assert sum(sum(t.x) for t in barriers.data) == 5
    assert [sum(t.x) for t in rubric.data] == [1, 0, 0, 2]
    for figure in (status, completeness, barriers, rubric):
        texts = _texts(figure)
        assert not [t for t in texts if "<img" in t]
        assert not figure.layout.annotations, "a chart with counts has no empty note"
    assert any(EVIL_ESCAPED in t for t in _texts(rubric))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_class_charts_without_workbooks_say_so(lang: str) -> None:
    notes = [_annotation_texts(f) for f in _class_figures(lang, empty=True)]
    assert notes == [
        [message("chart.class.empty", lang)],
        [message("chart.class.empty", lang)],
        [message("chart.class.no_barriers", lang)],
        [message("chart.class.no_scores", lang)],
    ]
