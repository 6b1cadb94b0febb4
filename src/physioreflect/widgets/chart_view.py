"""A plotly figure redrawn into an Output widget.

Cheaper than a FigureWidget: the figure travels as a small JSON mime bundle, rendered by the
plotly extension that Voila serves locally, instead of plotly's JavaScript bundle being sent
over the websocket on every page load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from IPython.display import display

if TYPE_CHECKING:
    from physioreflect.charts import Figure

__all__ = ["ChartOutput", "ChartView", "redraw_charts"]

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class ChartOutput(widgets.Output):  # type: ignore[misc]
    """An Output that can draw its chart again: when it is put back into the page (a view
    kept while the other language was shown), plotly's renderer would otherwise show the
    picture it saved of the chart, without hover or zoom."""

    bundle: dict[str, Any] | None = None

    def draw(self, bundle: dict[str, Any]) -> None:
        self.bundle = bundle
        self.redraw()

    def redraw(self) -> None:
        if self.bundle is None:
            return
        self.clear_output(wait=True)
        with self:
            display(self.bundle, raw=True)  # type: ignore[no-untyped-call]


def redraw_charts(root: widgets.Widget) -> None:
    """Draw every chart under ``root`` again."""
    if isinstance(root, ChartOutput):
        root.redraw()
    for child in getattr(root, "children", ()):
        redraw_charts(child)


class ChartView:
    def __init__(self, *, css: str) -> None:
        self.widget = ChartOutput()
        self.widget.add_class("pr-chart")
        self.widget.add_class(css)
        self.last_figure: dict[str, Any] | None = None
        """The figure last drawn, as plotly JSON (tests read the chart from here)."""

    def show(self, figure: Figure, *, alt_text: str) -> None:
        # Config travels with the figure: no plotly logo link, no editing, responsive width.
        data = {**figure, "config": {"displaylogo": False, "responsive": True}}
        self.last_figure = data
        self.widget.draw({PLOTLY_MIME: data, "text/plain": alt_text})
