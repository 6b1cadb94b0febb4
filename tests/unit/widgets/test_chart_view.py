"""A chart follows its figure in place once the page has drawn it; until then, and should
the page never draw it, every figure is also drawn into the Output."""

from __future__ import annotations

import pytest

from physioreflect import charts
from physioreflect.model import ComB, Factor, Theme
from physioreflect.widgets.chart_view import PLOTLY_MIME, ChartOutput, ChartView


@pytest.fixture(autouse=True)
def drawings(monkeypatch: pytest.MonkeyPatch) -> dict[int, list[int]]:
    """The impacts in what each Output drew last (outside a kernel an Output would print)."""
    drawn: dict[int, list[int]] = {}

    def redraw(output: ChartOutput) -> None:
        if output.bundle is not None:
            figure = output.bundle[PLOTLY_MIME]
            drawn[id(output)] = [row[1] for trace in figure["data"] for row in trace["customdata"]]

    monkeypatch.setattr(ChartOutput, "redraw", redraw)
    monkeypatch.setattr(ChartOutput, "clear_output", lambda output, wait=False: None)
    return drawn


def _figure(impact: int) -> charts.Figure:
    barrier = Factor(
        entry_id="b1",
        label="Smerte",
        theme=Theme.physical,
        com_b=ComB.physical_capability,
        impact=impact,
        modifiability=3,
    )
    return charts.barrier_chart([barrier], lang="nb")


def _live_impacts(view: ChartView) -> list[int]:
    return [row[1] for trace in view.live.figure["data"] for row in trace["customdata"]]


def test_until_the_page_draws_the_chart_the_output_shows_every_figure(
    drawings: dict[int, list[int]],
) -> None:
    view = ChartView(css="pr-test-chart")
    view.show(_figure(2), alt_text="kart")
    assert drawings[id(view.output)] == [2]
    assert _live_impacts(view) == [2]
    view.show(_figure(4), alt_text="kart")
    assert drawings[id(view.output)] == [4]
    assert _live_impacts(view) == [4]
    assert view.live.figure["config"] == {"displaylogo": False, "responsive": True}


def test_once_the_page_draws_the_chart_only_the_page_gets_figures(
    drawings: dict[int, list[int]],
) -> None:
    view = ChartView(css="pr-test-chart")
    view.show(_figure(2), alt_text="kart")
    view._received(view.live, {"type": "something else"}, [])
    view._received(view.live, "not a message", [])
    assert not view.live.live
    view._received(view.live, {"type": "live"}, [])
    assert view.live.live
    assert view.output.bundle is None  # retired: a view put back draws nothing into it
    view.show(_figure(5), alt_text="kart")
    assert _live_impacts(view) == [5]
    assert drawings[id(view.output)] == [2]  # the Output was not drawn into again
    view.output.redraw()
    assert drawings[id(view.output)] == [2]


def test_the_live_chart_comes_first_in_the_card() -> None:
    view = ChartView(css="pr-a")
    assert view.widget.children == (view.live, view.output)
    assert "pr-a" in view.widget._dom_classes
    assert "pr-chart" in view.widget._dom_classes
