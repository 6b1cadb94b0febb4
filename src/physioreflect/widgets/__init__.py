"""Thin ipywidgets views over the domain; they hold no state of their own."""

from __future__ import annotations

from physioreflect.widgets.app import ReflectionApp, reflection_app
from physioreflect.widgets.workspace_overview import workspace_overview

__all__ = ["ReflectionApp", "reflection_app", "workspace_overview"]
