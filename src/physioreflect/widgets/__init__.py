"""Thin ipywidgets views over the domain; they hold no state of their own.

The names are imported on first use: a Voila page imports this package before it shows
anything, and :func:`reflection_page` needs none of the views to show that it is starting.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from physioreflect.widgets._starting import cohort_page, reflection_page, review_page
    from physioreflect.widgets.app import ReflectionApp, reflection_app
    from physioreflect.widgets.workspace_overview import workspace_overview

__all__ = [
    "ReflectionApp",
    "cohort_page",
    "reflection_app",
    "reflection_page",
    "review_page",
    "workspace_overview",
]

_HOMES = {
    "ReflectionApp": "physioreflect.widgets.app",
    "reflection_app": "physioreflect.widgets.app",
    "reflection_page": "physioreflect.widgets._starting",
    "cohort_page": "physioreflect.widgets._starting",
    "review_page": "physioreflect.widgets._starting",
    "workspace_overview": "physioreflect.widgets.workspace_overview",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(home), name)
    # Kept here: importing ``workspace_overview`` (the module) would otherwise leave the
    # module, not the function of the same name, as this package's attribute.
    globals()[name] = value
    return value
