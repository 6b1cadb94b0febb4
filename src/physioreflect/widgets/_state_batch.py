"""Many widgets' new texts in one message.

A language switch changes a few hundred texts of the widgets already in the page, one
update message each: each is signed by the kernel, decoded and sent on by the server and
handled by the page, in turn. :class:`StateBatch` sends them all in one message; its script
in the page hands each model its new state exactly as an update from the kernel would (the
page does not send it back). Only states that need no decoding in the page go this way
(texts, numbers, lists of texts); anything else (children, layouts, binary values) is sent
as usual. Until the page has said that its script runs, nothing is batched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets
import traitlets

from physioreflect.widgets._scripted import ScriptedWidget

__all__ = ["StateBatch", "send_states"]

_ESM = r"""
export default {
  initialize({ model }) {
    const apply = async (content) => {
      if (!content || content.type !== "states") return;
      const manager = model.widget_manager;
      await Promise.all(Object.entries(content.states).map(async ([id, state]) => {
        try {
          const target = await manager.get_model(id);
          target.set_state(state);
        } catch (error) {
          console.warn("physioreflect: a widget's new state was not applied", id, error);
        }
      }));
    };
    model.on("msg:custom", apply);
    model.set("ready", true);
    model.save_changes();
    return () => model.off("msg:custom", apply);
  },
  render({ el }) {
    el.hidden = true;
  },
};
"""


class StateBatch(ScriptedWidget):
    """Sends many widgets' states in one message (:func:`send_states`)."""

    _esm = _ESM
    ready = traitlets.Bool(False).tag(sync=True)
    """The page runs the script that applies a batch."""


def _plain(value: Any) -> bool:
    if isinstance(value, (str, bool, int, float)) or value is None:
        return True
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def send_states(
    changes: Iterable[tuple[widgets.Widget, list[str]]], batch: StateBatch | None
) -> None:
    """Send each widget's changed ``keys``: plain values in one message through ``batch``
    (if there is one and the page runs it), the rest as each widget's own update."""
    states: dict[str, dict[str, Any]] = {}
    for widget, keys in changes:
        rest = keys
        if batch is not None and batch.ready:
            rest = []
            for key in keys:
                trait = widget.traits()[key]
                value = getattr(widget, key)
                if trait.metadata.get("to_json") is None and _plain(value):
                    states.setdefault(widget.model_id, {})[key] = (
                        list(value) if isinstance(value, tuple) else value
                    )
                else:
                    rest.append(key)
        if rest:
            widget.send_state(rest)
    if states and batch is not None:
        batch.send({"type": "states", "states": states})
