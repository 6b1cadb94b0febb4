"""A plotly chart that follows its figure in place.

The chart is drawn in the page by a small widget of our own, with ``Plotly.react``: a new
figure changes what changed on the chart already there, where clearing an Output and drawing
it anew rebuilt the whole chart (a new plot, its axes, legend and hover layer) for one moved
point. The plotly.js it uses is the one the plotly extension that Voila serves locally loads:
the first figure is also drawn into an Output as a plotly mime bundle, which makes that
extension load plotly.js (sending plotly.js over the websocket, as a FigureWidget does, would
cost every page load 3.5 MB). Once our widget has drawn, it tells the kernel, which clears the
Output and from then on sends figures to the widget only. Should plotly.js never come (the
extension missing), the Output goes on showing every figure, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import traitlets

from physioreflect.widgets._scripted import ScriptedWidget

if TYPE_CHECKING:
    from physioreflect.charts import Figure

__all__ = ["ChartOutput", "ChartView"]

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CONFIG = {"displaylogo": False, "responsive": True}
"""Travels with the figure: no plotly logo link, no editing, responsive width."""


class ChartOutput(widgets.Output):  # type: ignore[misc]
    """The chart as plotly's own renderer draws it: shown until the page tells that our
    live chart has drawn, and then retired."""

    bundle: dict[str, Any] | None = None
    outputs: tuple[dict[str, Any], ...]  # ipywidgets' synced trait, typed here

    def draw(self, bundle: dict[str, Any]) -> None:
        self.bundle = bundle
        self.redraw()

    def redraw(self) -> None:
        # Set as the Output's content, not captured with ``with self: display(...)``: capture
        # needs a request still running in the page (a cell, a click), and a step built after
        # the page's cell has finished (a link straight to Barriers) has none; its chart
        # stayed empty.
        if self.bundle is not None:
            self.outputs = ({"output_type": "display_data", "data": self.bundle, "metadata": {}},)

    def retire(self) -> None:
        """The chart is drawn elsewhere from now on: show nothing, draw nothing again."""
        self.bundle = None
        self.outputs = ()


_ESM = r"""
const WAIT_FOR_PLOTLY_MS = 100;

function render({ model, el }) {
  el.classList.add("pr-chart-live");
  const plot = document.createElement("div");
  plot.className = "pr-chart-plot";
  el.append(plot);
  let drawn = false;
  let told = false;
  let waiting = null;
  let gone = false;

  // Draw the model's figure now if plotly is there and the chart can be seen (drawn while
  // hidden, plotly would size it to nothing); otherwise when it is and it can.
  const draw = () => {
    if (gone) return;
    const figure = model.get("figure");
    const Plotly = window.Plotly;
    if (!figure || !figure.data) return;
    if (!Plotly) {
      waiting = waiting ?? window.setTimeout(() => { waiting = null; draw(); }, WAIT_FOR_PLOTLY_MS);
      return;
    }
    if (el.offsetParent === null) return; // the size observer draws it when it is shown
    Promise.resolve()
      .then(() => Plotly.react(plot, figure.data, figure.layout, figure.config))
      .then(() => {
        drawn = true;
        if (!told) {
          told = true;
          model.send({ type: "live" });
        }
      })
      .catch((error) => console.warn("physioreflect: chart not drawn", error));
  };
  const sized = new ResizeObserver(() => {
    if (el.offsetParent === null) return;
    if (drawn && window.Plotly) window.Plotly.Plots.resize(plot);
    else draw();
  });
  sized.observe(el);
  model.on("change:figure", draw);
  draw();
  return () => {
    gone = true;
    sized.disconnect();
    model.off("change:figure", draw);
    window.clearTimeout(waiting);
    try { window.Plotly?.purge(plot); } catch (error) { /* already gone */ }
  };
}
export default { render };
"""


class _LiveChart(ScriptedWidget):
    """Draws ``figure`` with the page's plotly.js and follows it in place."""

    _esm = _ESM
    _css = """
    .pr-chart-live { width: 100%; }
    /* Drawn here: the Output's first drawing goes from the screen at once, before the
       kernel has heard of it and cleared it. */
    .pr-chart:has(.pr-chart-plot.js-plotly-plot) > .pr-chart-output { display: none; }
    """

    figure = traitlets.Dict().tag(sync=True)
    live = traitlets.Bool(False)
    """The page has drawn a figure: the Output is no longer needed."""

    def keep_from(self, old: _LiveChart) -> None:
        """Taking over ``old``'s place in the page (``_in_place``): the page has told that
        chart, not this one, whether it draws; it will not tell again."""
        self.live = old.live


class ChartView:
    def __init__(self, *, css: str) -> None:
        self.output = ChartOutput()
        self.output.add_class("pr-chart-output")
        self.live = _LiveChart()
        self.live.on_msg(self._received)
        self.live.observe(self._retire_output, names="live")
        # The live chart first: it is the one on screen (and the one found first). In a box of
        # its own: a box whose child fails to start in the page shows none of its children,
        # and the Output must stay to fall back on.
        live_box = widgets.Box([self.live])
        live_box.add_class("pr-chart-live-box")
        self.widget = widgets.VBox([live_box, self.output])
        self.widget.add_class("pr-chart")
        self.widget.add_class(css)
        self.last_figure: dict[str, Any] | None = None
        """The figure last drawn, as plotly JSON (tests read the chart from here)."""

    def show(self, figure: Figure, *, alt_text: str) -> None:
        data = {**figure, "config": CONFIG}
        self.last_figure = data
        self.live.figure = data
        if not self.live.live:
            self.output.draw({PLOTLY_MIME: data, "text/plain": alt_text})

    def _retire_output(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self.output.retire()

    def _received(self, _widget: object, content: object, _buffers: object) -> None:
        """``{"type": "live"}``: the page drew the chart with plotly.js."""
        if isinstance(content, dict) and content.get("type") == "live":
            self.live.live = True  # and the Output retires
