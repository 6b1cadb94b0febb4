"""A widget whose browser side is a JavaScript module of its own, drawn by anywidget's front
end, without importing the ``anywidget`` package in the kernel.

The package brings psygnal and its file watching with it (1.4 MB in every workbook kernel,
which needs only the front end: the address bar and the upload are on the Start step). A
subclass is written as for :class:`anywidget.AnyWidget`, its module and style as strings::

    class Mine(ScriptedWidget):
        _esm = "export default { render({ model, el }) { … } };"
        _css = ".mine { … }"

and is sent to the browser as AnyWidget sends it: the same model and view, the same
front-end version range, the module, its style and the class's name as synced strings. A
unit test keeps this equal to what the installed anywidget sends.
"""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import ipywidgets as widgets
import traitlets

__all__ = ["ScriptedWidget", "front_end_version"]


@functools.cache
def front_end_version() -> str:
    """The version range of anywidget's front end, as anywidget itself gives it: the
    installed version's ``~major.minor.*``, or the exact version of a pre-release."""
    try:
        installed = version("anywidget")
    except PackageNotFoundError:
        installed = "uninstalled"
    parts = installed.split(".", maxsplit=2)
    if len(parts) < 3 or "a" in parts[2] or "b" in parts[2]:
        return installed
    return f"~{parts[0]}.{parts[1]}.*"


class ScriptedWidget(widgets.DOMWidget):  # type: ignore[misc]
    """A DOM widget drawn in the browser by its class's ``_esm`` module, styled by ``_css``."""

    _model_name = traitlets.Unicode("AnyModel").tag(sync=True)
    _model_module = traitlets.Unicode("anywidget").tag(sync=True)
    _model_module_version = traitlets.Unicode(front_end_version()).tag(sync=True)
    _view_name = traitlets.Unicode("AnyView").tag(sync=True)
    _view_module = traitlets.Unicode("anywidget").tag(sync=True)
    _view_module_version = traitlets.Unicode(front_end_version()).tag(sync=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # As AnyWidget does: the class's strings become synced traits of this widget, with
        # the class's full name, by which the front end replaces a style it already has.
        cls = type(self)
        scripted = {
            key: traitlets.Unicode(str(getattr(self, key))).tag(sync=True)
            for key in ("_esm", "_css")
            if hasattr(self, key) and not self.has_trait(key)
        }
        if not hasattr(self, "_esm"):
            scripted["_esm"] = traitlets.Unicode("").tag(sync=True)
        scripted["_anywidget_id"] = traitlets.Unicode(f"{cls.__module__}.{cls.__name__}").tag(
            sync=True
        )
        self.add_traits(**scripted)
        super().__init__(*args, **kwargs)

    def __repr__(self) -> str:
        # Not ipywidgets' repr, which serialises every trait (the module's whole text).
        return object.__repr__(self)
