"""Mirror application state into the page's query string without navigating.

The widget renders nothing visible. Whenever ``query`` changes (and when it is first shown)
the browser replaces the search part of the address with it through
``history.replaceState``, keeping the path and the hash; the page is never reloaded and no
history entry is added. The widget must be displayed for the browser side to run.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import traitlets

from physioreflect.widgets._scripted import ScriptedWidget

__all__ = ["UrlState"]

_ESM = r"""
function apply(model) {
  let query = String(model.get("query") ?? "");
  if (query.startsWith("?")) query = query.slice(1);
  // The page is in the interface language: screen readers read it in the right voice.
  const lang = new URLSearchParams(query).get("lang");
  if (lang === "nb" || lang === "en") document.documentElement.lang = lang;
  query = query.replace(/#/g, "%23");
  try {
    const location = window.location;
    const search = query ? "?" + query : "";
    if (location.search === search) return;
    const newUrl = location.pathname + search + location.hash;
    window.history.replaceState(window.history.state, "", newUrl);
  } catch (error) {
    console.warn("physioreflect: could not update the address", error);
  }
}

function stepOf(model) {
  return new URLSearchParams(String(model.get("query") ?? "")).get("step");
}

// A step that opens starts at its top, with its heading focused (for keyboard and screen-
// reader users), not part-way down where the last step was left. Its view may come in a
// message after this one: wait for its heading to be on screen (a few seconds at most).
const ARRIVE_WITHIN_MS = 5000;

function shown(selector) {
  return [...document.querySelectorAll(selector)].find((element) => element.offsetParent !== null);
}

// The field to land on (a checklist link to what is missing): the first control of the
// first element on screen with the field's class.
function fieldControl(field) {
  if (!/^[a-z0-9-]+$/.test(field)) return null;
  const box = shown(`.${field}`);
  if (!box) return null;
  const controls = "textarea, input, select, button";
  return box.matches(controls) ? box : box.querySelector(controls);
}

function arrive(step, field) {
  const started = performance.now();
  const attempt = () => {
    const title = shown(`.pr-section-title[data-step="${step}"]`);
    const control = field && title ? fieldControl(field) : null;
    const waited = performance.now() - started;
    if (!title || (field && !control && waited < ARRIVE_WITHIN_MS)) {
      if (waited < ARRIVE_WITHIN_MS) requestAnimationFrame(attempt);
      return;
    }
    for (let box = title.parentElement; box; box = box.parentElement) {
      if (box.scrollTop > 0) box.scrollTop = 0;
    }
    if (document.scrollingElement) document.scrollingElement.scrollTop = 0;
    if (control) {
      control.scrollIntoView({ block: "center" });
      control.focus({ preventScroll: true });
    } else {
      title.focus({ preventScroll: true });
    }
  };
  requestAnimationFrame(attempt);
}

function render({ model, el }) {
  el.classList.add("pr-url-state");
  el.setAttribute("aria-hidden", "true");
  let shownStep = stepOf(model);
  const onChange = () => {
    apply(model);
    const step = stepOf(model);
    if (step && step !== shownStep) arrive(step, String(model.get("focus") ?? ""));
    shownStep = step;
  };
  apply(model);
  model.on("change:query", onChange);
  // Hiding the page (switching tabs or apps, a phone locking): ask the kernel to save what is
  // pending now rather than after the autosave delay. When the page is closed, Voila has
  // already closed the kernel's connection; the server then waits until the kernel has been
  // quiet before shutting it down, so pending edits are saved all the same.
  const onVisibility = () => {
    if (document.visibilityState !== "hidden") return;
    try {
      model.send({ type: "leaving" });
    } catch (error) {
      // The connection is already closed: the page is going away.
    }
  };
  document.addEventListener("visibilitychange", onVisibility);
  return () => {
    model.off("change:query", onChange);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}

export default { render };
"""

_CSS = """
.pr-url-state { display: none !important; }
"""


class UrlState(ScriptedWidget):
    """A zero-size widget whose ``query`` (without the ``?``) becomes the page's search part."""

    _esm = _ESM
    _css = _CSS

    query = traitlets.Unicode("").tag(sync=True)
    focus = traitlets.Unicode("").tag(sync=True)
    """The CSS class of the field to land on when the next step opens ("": its heading)."""

    def __init__(
        self, *, query: str = "", on_leave: Callable[[], None] | None = None, **kwargs: object
    ) -> None:
        kwargs.setdefault("_dom_classes", ["pr-url-state"])
        super().__init__(query=query, **kwargs)
        self._on_leave = on_leave
        self.on_msg(self._received)

    def _received(self, _widget: object, content: object, _buffers: object) -> None:
        """``{"type": "leaving"}``: the page was hidden."""
        if isinstance(content, dict) and content.get("type") == "leaving" and self._on_leave:
            self._on_leave()

    def set(self, /, **params: str | None) -> str:
        """Set ``query`` from ``params`` in the order given, leaving out ``None`` values;
        returns the new query (``""`` when nothing is left, which removes the ``?``)."""
        self.query = urlencode([(key, value) for key, value in params.items() if value is not None])
        return str(self.query)
