"""Thin ipywidgets views over the domain; they hold no state of their own.

The names are imported on first use: a Voila page imports this package before it shows
anything, and :func:`reflection_page` needs none of the views to show that it is starting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from physioreflect._lazy import lazy_attributes

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


__getattr__ = lazy_attributes(__name__, _HOMES)
