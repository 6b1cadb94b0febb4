"""A download button that fetches its bytes from the kernel only when clicked.

Voila refuses plain file links, so the browser asks the kernel for the file over the widget's
comm and turns the reply into an object URL. The bytes never live in the widget state.

Message protocol (custom widget messages):

* browser → kernel: ``{"type": "request", "request_id": str}``
* kernel → browser: ``{"type": "file", "filename": str, "mime": str, "request_id": str}``
  with the file as the single binary buffer, or ``{"type": "error", "request_id": str}``
  when producing the bytes failed (or the button is disabled).

``request_id`` is optional in requests and echoed when present, so only the view that asked
(a widget shown twice has two views) saves the file.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable

import traitlets

from physioreflect.widgets._scripted import ScriptedWidget

__all__ = ["DownloadButton", "safe_filename"]

_LOG = logging.getLogger("physioreflect.widgets")

_FALLBACK_STEM = "physioreflect"
_MAX_STEM_BYTES = 120  # UTF-8 bytes; leaves room for the extension within every filesystem
_MAX_EXTENSION = 16
_MAX_REQUEST_ID = 64
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
_MIME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")
_EXTENSION_PART = re.compile(r"[a-z0-9]+")
_PLAUSIBLE_EXTENSION = re.compile(r"^[A-Za-z0-9]{1,10}$")


def _slug(text: str) -> str:
    """Lower-case letters and digits (æ, ø, å and other letters included) and ``_``; every
    other run of characters becomes one ``-``."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text).lower():
        if char.isalnum() or char == "_":
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-_")


def _truncate(stem: str, max_bytes: int) -> str:
    while len(stem.encode("utf-8")) > max_bytes:
        stem = stem[:-1]
    return stem.rstrip("-_")


def safe_filename(title: str, extension: str) -> str:
    """A file name built from a title that is safe on every common filesystem:
    ``safe_filename("Kasus: Kneartrose", "json") == "kasus-kneartrose.json"``.

    Letters (æ, ø and å included) and digits are kept, lower-cased; path separators, control
    characters, punctuation and spaces become single ``-``. The stem is at most 120 UTF-8
    bytes and never empty. ``extension`` may be given with or without its leading dot.
    """
    stem = _truncate(_slug(title), _MAX_STEM_BYTES) or _FALLBACK_STEM
    if stem in _WINDOWS_RESERVED:
        stem = f"{stem}_"
    parts = [
        "".join(_EXTENSION_PART.findall(part))
        for part in unicodedata.normalize("NFKC", extension).lower().split(".")
    ]
    suffix = ".".join(part for part in parts if part)[:_MAX_EXTENSION].strip(".")
    return f"{stem}.{suffix}" if suffix else stem


def _sanitise_filename(name: str) -> str:
    """``safe_filename`` applied to a whole file name, keeping a plausible extension."""
    stem, dot, extension = name.rpartition(".")
    if dot and stem and _PLAUSIBLE_EXTENSION.match(extension):
        return safe_filename(stem, extension)
    return safe_filename(name, "")


def _safe_mime(mime: str) -> str:
    return mime if _MIME.match(mime) else "application/octet-stream"


_ESM = r"""
const REPLY_TIMEOUT_MS = 60000;
const REVOKE_DELAY_MS = 5000;

function newRequestId() {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

function save(buffers, filename, mime) {
  const blob = new Blob(buffers, { type: mime || "application/octet-stream" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename || "download";
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
  }
}

function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  let pending = null;

  const applyClass = () => {
    button.className = "pr-button";
    for (const name of String(model.get("css_class") || "").split(/\s+/)) {
      if (name) button.classList.add(name);
    }
  };
  const applyLabel = () => {
    button.textContent = String(model.get("label") ?? "");
  };
  const applyDisabled = () => {
    button.disabled = Boolean(model.get("disabled"));
  };
  const finish = () => {
    if (pending !== null) clearTimeout(pending.timer);
    pending = null;
    button.removeAttribute("aria-busy");
  };
  const onClick = () => {
    if (pending !== null || button.disabled) return;
    const id = newRequestId();
    pending = { id, timer: setTimeout(finish, REPLY_TIMEOUT_MS) };
    button.setAttribute("aria-busy", "true");
    model.send({ type: "request", request_id: id });
  };
  const onMessage = (msg, buffers) => {
    if (!msg || pending === null || msg.request_id !== pending.id) return;
    if (msg.type === "file") {
      try {
        save(buffers || [], msg.filename, msg.mime);
      } finally {
        finish();
      }
    } else if (msg.type === "error") {
      finish();
    }
  };

  applyClass();
  applyLabel();
  applyDisabled();
  button.addEventListener("click", onClick);
  model.on("change:label", applyLabel);
  model.on("change:css_class", applyClass);
  model.on("change:disabled", applyDisabled);
  model.on("msg:custom", onMessage);
  el.appendChild(button);

  return () => {
    finish();
    button.removeEventListener("click", onClick);
    model.off("change:label", applyLabel);
    model.off("change:css_class", applyClass);
    model.off("change:disabled", applyDisabled);
    model.off("msg:custom", onMessage);
    button.remove();
  };
}

export default { render };
"""

_CSS = """
button.pr-button {
  display: inline-flex;
  align-items: center;
  gap: 0.4rem;
  font: inherit;
  font-size: 0.95rem;
  line-height: 1.2;
  padding: 0.45rem 0.9rem;
  border: 1px solid #0b4f8a;
  border-radius: 0.4rem;
  background: #0b4f8a;
  color: #ffffff;
  cursor: pointer;
}
button.pr-button:hover:not(:disabled) { background: #093f6e; }
button.pr-button:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
button.pr-button:disabled { opacity: 0.55; cursor: not-allowed; }
button.pr-button[aria-busy="true"] { cursor: progress; opacity: 0.8; }
"""


class DownloadButton(ScriptedWidget):
    """A ``<button class="pr-button {css_class}">`` that saves ``produce()`` as ``filename``.

    ``produce`` runs in the kernel on every click; when it raises, the error is logged, the
    browser is told to stop waiting and ``on_error`` (if given) is called with the exception.
    """

    _esm = _ESM
    _css = _CSS

    label = traitlets.Unicode("").tag(sync=True)
    css_class = traitlets.Unicode("pr-download").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    filename = traitlets.Unicode("")
    mime = traitlets.Unicode("application/json")

    def __init__(
        self,
        *,
        label: str,
        filename: str,
        produce: Callable[[], bytes],
        mime: str = "application/json",
        css_class: str = "pr-download",
        disabled: bool = False,
        on_error: Callable[[Exception], None] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(
            label=label,
            filename=filename,
            mime=mime,
            css_class=css_class,
            disabled=disabled,
            **kwargs,
        )
        self._produce = produce
        self._on_error = on_error
        self.on_msg(self._handle_message)

    def _handle_message(self, _widget: object, content: object, _buffers: object) -> None:
        if not isinstance(content, dict) or content.get("type") != "request":
            return
        reply: dict[str, str] = {}
        request_id = content.get("request_id")
        if isinstance(request_id, str) and len(request_id) <= _MAX_REQUEST_ID:
            reply["request_id"] = request_id
        if self.disabled:
            self.send({"type": "error", **reply})
            return
        try:
            data = self._produce()
            if not isinstance(data, bytes | bytearray | memoryview):
                raise TypeError(f"produce() returned {type(data).__name__}, not bytes")
        except Exception as error:
            _LOG.exception("Could not produce the download %r", self.filename)
            self.send({"type": "error", **reply})
            self._report(error)
            return
        self.send(
            {
                "type": "file",
                "filename": _sanitise_filename(self.filename),
                "mime": _safe_mime(self.mime),
                **reply,
            },
            buffers=[bytes(data)],
        )

    def _report(self, error: Exception) -> None:
        if self._on_error is None:
            return
        try:
            self._on_error(error)
        except Exception:
            _LOG.exception("The on_error callback of a download button failed")
