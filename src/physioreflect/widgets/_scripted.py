"""A widget whose browser side is a JavaScript module of its own, drawn by anywidget's front
end, without importing the ``anywidget`` package in the kernel.

The package brings psygnal and its file watching with it (1.7 MB in every workbook kernel,
which needs only the front end: the address bar and the upload are on the Start step). A
widget here is what :class:`anywidget.AnyWidget` makes of a class with ``_esm`` and ``_css``
strings: the same model and view names, the same front-end version range, the module and
its style as synced strings and the class's name as its id. A unit test keeps these equal to
what the installed anywidget sends.

A subclass declares its module as a synced trait::

    class Mine(ScriptedWidget):
        _esm = traitlets.Unicode(ESM).tag(sync=True)
        _css = traitlets.Unicode(CSS).tag(sync=True)
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
    """A DOM widget drawn in the browser by its ``_esm`` module, styled by its ``_css``."""

    _model_name = traitlets.Unicode("AnyModel").tag(sync=True)
    _model_module = traitlets.Unicode("anywidget").tag(sync=True)
    _model_module_version = traitlets.Unicode(front_end_version()).tag(sync=True)
    _view_name = traitlets.Unicode("AnyView").tag(sync=True)
    _view_module = traitlets.Unicode("anywidget").tag(sync=True)
    _view_module_version = traitlets.Unicode(front_end_version()).tag(sync=True)

    _esm = traitlets.Unicode("").tag(sync=True)
    _css = traitlets.Unicode("").tag(sync=True)
    _anywidget_id = traitlets.Unicode("").tag(sync=True)
    """The class's full name: the front end replaces the style of the same id."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("_anywidget_id", f"{type(self).__module__}.{type(self).__name__}")
        super().__init__(**kwargs)

    def __repr__(self) -> str:
        # Not ipywidgets' repr, which serialises every trait (the module's whole text).
        return object.__repr__(self)
