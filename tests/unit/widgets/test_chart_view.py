"""A chart follows its figure in place once the page has drawn it; until then, and should
the page never draw it, every figure is also drawn into the Output."""

from __future__ import annotations

from physioreflect import charts
from physioreflect.model import Barrier, ComB, Theme
from physioreflect.widgets.chart_view import PLOTLY_MIME, ChartView


def _drawn(view: ChartView) -> list[int] | None:
    """The impacts in what the view's Output shows, or None when it shows nothing."""
    if not view.output.outputs:
        return None
    (shown,) = view.output.outputs
    assert shown["output_type"] == "display_data"
    figure = shown["data"][PLOTLY_MIME]
    return [row[1] for trace in figure["data"] for row in trace["customdata"]]


def _figure(impact: int) -> charts.Figure:
    barrier = Barrier(
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


def test_until_the_page_draws_the_chart_the_output_shows_every_figure() -> None:
    view = ChartView(css="pr-test-chart")
    view.show(_figure(2), alt_text="kart")
    assert _drawn(view) == [2]
    assert _live_impacts(view) == [2]
    view.show(_figure(4), alt_text="kart")
    assert _drawn(view) == [4]
    assert _live_impacts(view) == [4]
    assert view.live.figure["config"] == {"displaylogo": False, "responsive": True}


def test_once_the_page_draws_the_chart_only_the_page_gets_figures() -> None:
    view = ChartView(css="pr-test-chart")
    view.show(_figure(2), alt_text="kart")
    view._received(view.live, {"type": "something else"}, [])
    view._received(view.live, "not a message", [])
    assert not view.live.live
    view._received(view.live, {"type": "live"}, [])
    assert view.live.live
    assert view.output.bundle is None  # retired: a view put back draws nothing into it
    assert _drawn(view) is None
    view.show(_figure(5), alt_text="kart")
    assert _live_impacts(view) == [5]
    assert _drawn(view) is None  # the Output was not drawn into again
    view.output.redraw()
    assert _drawn(view) is None


def test_the_live_chart_comes_first_in_the_card() -> None:
    view = ChartView(css="pr-a")
    live_box, output = view.widget.children
    assert output is view.output
    assert live_box.children == (view.live,)  # alone: should it fail to start, only it is lost
    assert "pr-a" in view.widget._dom_classes
    assert "pr-chart" in view.widget._dom_classes
