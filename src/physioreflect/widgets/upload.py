"""A JSON file picker that checks the size in the browser before anything is sent.

Tornado drops websocket messages over 10 MiB without telling anyone, so a file that is too
large is reported by name and size only and never read.

Message protocol (custom widget messages, browser → kernel only):

* ``{"type": "file", "name": str, "size": int}`` with the file's bytes as the single buffer;
* ``{"type": "too_large", "name": str, "size": int}`` without a buffer, when
  ``size > max_bytes``;
* ``{"type": "read_error", "name": str}`` when the browser could not read the file.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable

import traitlets

from physioreflect.widgets._scripted import ScriptedWidget

__all__ = ["MAX_SAFE_BYTES", "JsonUpload"]

_LOG = logging.getLogger("physioreflect.widgets")

#: The largest ``max_bytes`` accepted: tornado's default websocket message limit (10 MiB)
#: less room for the message header.
MAX_SAFE_BYTES = 10 * 1024 * 1024 - 64 * 1024
_DEFAULT_MAX_BYTES = 8 * 1024 * 1024
_MAX_NAME = 255


def _clean_name(name: object) -> str:
    """The file name as the browser reported it, without control characters or folders."""
    text = "".join(
        char
        for char in unicodedata.normalize("NFC", str(name) if name is not None else "")
        if unicodedata.category(char) not in {"Cc", "Cf"}
    )
    return text.replace("\\", "/").rsplit("/", 1)[-1].strip()[:_MAX_NAME]


def _as_size(size: object) -> int:
    if isinstance(size, bool):
        return 0
    if isinstance(size, int | float) and size >= 0:
        return int(size)
    return 0


_ESM = r"""
function render({ model, el }) {
  const label = document.createElement("label");
  const text = document.createElement("span");
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".json,application/json";
  label.append(text, input);

  const applyClass = () => {
    label.className = "pr-button pr-upload";
    for (const name of String(model.get("css_class") || "").split(/\s+/)) {
      if (name) label.classList.add(name);
    }
  };
  const applyLabel = () => {
    text.textContent = String(model.get("label") ?? "");
  };
  const onChange = async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const maxBytes = Number(model.get("max_bytes"));
    try {
      if (file.size > maxBytes) {
        model.send({ type: "too_large", name: file.name, size: file.size });
        return;
      }
      label.setAttribute("aria-busy", "true");
      const buffer = await file.arrayBuffer();
      if (buffer.byteLength > maxBytes) {
        model.send({ type: "too_large", name: file.name, size: buffer.byteLength });
        return;
      }
      model.send({ type: "file", name: file.name, size: buffer.byteLength }, undefined, [buffer]);
    } catch (error) {
      console.warn("physioreflect: could not read the chosen file", error);
      model.send({ type: "read_error", name: file.name });
    } finally {
      label.removeAttribute("aria-busy");
      input.value = "";
    }
  };

  applyClass();
  applyLabel();
  input.addEventListener("change", onChange);
  model.on("change:label", applyLabel);
  model.on("change:css_class", applyClass);
  el.appendChild(label);

  return () => {
    input.removeEventListener("change", onChange);
    model.off("change:label", applyLabel);
    model.off("change:css_class", applyClass);
    label.remove();
  };
}

export default { render };
"""

_CSS = """
label.pr-upload {
  position: relative;
  display: inline-flex;
  align-items: center;
  gap: 0.4rem;
  font: inherit;
  font-size: 0.95rem;
  line-height: 1.2;
  padding: 0.45rem 0.9rem;
  border: 1px solid #0b4f8a;
  border-radius: 0.4rem;
  background: #ffffff;
  color: #0b4f8a;
  cursor: pointer;
}
label.pr-upload:hover { background: #e3f2fd; }
label.pr-upload:focus-within { outline: 3px solid #f0b429; outline-offset: 2px; }
label.pr-upload[aria-busy="true"] { cursor: progress; opacity: 0.8; }
label.pr-upload input[type="file"] {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  border: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  clip-path: inset(50%);
  white-space: nowrap;
}
"""


class JsonUpload(ScriptedWidget):
    """A ``<label class="pr-button pr-upload {css_class}">`` around a visually hidden file input.

    ``on_file(name, data)`` gets the exact bytes of a chosen file of at most ``max_bytes``;
    ``on_too_large(name, size)`` is called instead for larger files (checked in the browser
    before reading, and again here). Callback errors are logged and passed to ``on_error``.
    """

    _esm = _ESM
    _css = _CSS

    label = traitlets.Unicode("").tag(sync=True)
    css_class = traitlets.Unicode("pr-upload").tag(sync=True)
    max_bytes = traitlets.Int(_DEFAULT_MAX_BYTES, min=1, max=MAX_SAFE_BYTES).tag(sync=True)

    def __init__(
        self,
        *,
        label: str,
        on_file: Callable[[str, bytes], None],
        on_too_large: Callable[[str, int], None],
        max_bytes: int = _DEFAULT_MAX_BYTES,
        css_class: str = "pr-upload",
        on_error: Callable[[Exception], None] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(label=label, max_bytes=max_bytes, css_class=css_class, **kwargs)
        self._on_file = on_file
        self._on_too_large = on_too_large
        self._on_error = on_error
        self.on_msg(self._handle_message)

    def _handle_message(self, _widget: object, content: object, buffers: object) -> None:
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        name = _clean_name(content.get("name"))
        if kind == "too_large":
            size = _as_size(content.get("size"))
            self._guarded(lambda: self._on_too_large(name, size))
        elif kind == "file":
            if not isinstance(buffers, list | tuple) or len(buffers) != 1:
                _LOG.warning("Upload %r arrived without exactly one buffer", name)
                self._report(ValueError(f"The upload of {name!r} arrived without its content"))
                return
            view = memoryview(buffers[0])
            if view.nbytes > self.max_bytes:
                size = view.nbytes
                self._guarded(lambda: self._on_too_large(name, size))
                return
            data = view.tobytes()
            self._guarded(lambda: self._on_file(name, data))
        elif kind == "read_error":
            _LOG.warning("The browser could not read the upload %r", name)
            self._report(OSError(f"The browser could not read {name!r}"))

    def _guarded(self, callback: Callable[[], None]) -> None:
        try:
            callback()
        except Exception as error:
            _LOG.exception("An upload callback failed")
            self._report(error)

    def _report(self, error: Exception) -> None:
        if self._on_error is None:
            return
        try:
            self._on_error(error)
        except Exception:
            _LOG.exception("The on_error callback of an upload failed")
