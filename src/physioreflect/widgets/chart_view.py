"""A plotly figure redrawn into an Output widget.

Cheaper than a FigureWidget: the figure travels as a small JSON mime bundle, rendered by the
plotly extension that Voila serves locally, instead of plotly's JavaScript bundle being sent
over the websocket on every page load.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from IPython.display import display

__all__ = ["ChartView"]

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class ChartView:
    def __init__(self, *, css: str) -> None:
        self.widget = widgets.Output()
        self.widget.add_class("pr-chart")
        self.widget.add_class(css)
        self.last_figure: dict[str, Any] | None = None
        """The figure last drawn, as plotly JSON (tests read the chart from here)."""

    def show(self, figure: Any, *, alt_text: str) -> None:
        data = figure.to_plotly_json()
        # Config travels with the figure: no plotly logo link, no editing, responsive width.
        data["config"] = {"displaylogo": False, "responsive": True}
        self.last_figure = data
        self.widget.clear_output(wait=True)
        with self.widget:
            display({PLOTLY_MIME: data, "text/plain": alt_text}, raw=True)  # type: ignore[no-untyped-call]
