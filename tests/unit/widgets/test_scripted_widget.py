"""Do the widgets drawn by their own JavaScript send the browser what anywidget's own widget
class sends for the same module and style, so that its front end draws them as before?"""

from __future__ import annotations

from typing import Any

import anywidget
import pytest
import traitlets

from physioreflect.widgets._scripted import ScriptedWidget, front_end_version
from physioreflect.widgets.chart_view import _LiveChart
from physioreflect.widgets.download import DownloadButton
from physioreflect.widgets.upload import JsonUpload
from physioreflect.widgets.url_state import UrlState

OURS: dict[type[Any], dict[str, Any]] = {
    _LiveChart: {},
    DownloadButton: {"label": "x", "filename": "x.json", "produce": lambda: b""},
    JsonUpload: {"label": "x", "on_file": print, "on_too_large": print},
    UrlState: {},
}
"""Each widget, with what it must be given."""


ANYWIDGET_KEYS = (
    "_model_name",
    "_model_module",
    "_model_module_version",
    "_view_name",
    "_view_module",
    "_view_module_version",
    "_esm",
    "_css",
    "_anywidget_id",
)


def _as_anywidget(ours: type[ScriptedWidget]) -> Any:
    """An instance of the same module and style written as anywidget documents it."""
    namespace = {"_esm": ours._esm, "_css": ours._css, "__module__": ours.__module__}
    return type(ours.__name__, (anywidget.AnyWidget,), namespace)()


@pytest.mark.parametrize("ours", OURS, ids=lambda cls: cls.__name__)
def test_is_the_state_sent_to_the_browser_that_of_an_anywidget(ours: type[Any]) -> None:
    mine = ours(**OURS[ours]).get_state()
    theirs = _as_anywidget(ours).get_state()
    assert {key: mine[key] for key in ANYWIDGET_KEYS} == {
        key: theirs[key] for key in ANYWIDGET_KEYS
    }
    assert set(mine) == set(theirs) | set(ours.class_own_traits(sync=True))
    assert mine["_esm"]  # a module of its own, not an empty one


def test_is_the_front_end_version_anywidgets_own() -> None:
    assert (
        front_end_version()
        == anywidget.AnyWidget.class_traits()["_model_module_version"].default_value
    )


def test_does_a_class_that_forgets_its_module_send_an_empty_one() -> None:
    """(So that the test above can fail: a class without ``_esm`` differs from ours.)"""

    class Bare(ScriptedWidget):
        value = traitlets.Unicode("").tag(sync=True)

    state = Bare().get_state()
    assert state["_esm"] == ""
    assert "_css" not in state
    assert state["_anywidget_id"] == f"{__name__}.Bare"
