"""Thin ipywidgets views over the domain; they hold no state of their own."""

from __future__ import annotations

from physioreflect.widgets.workspace_overview import workspace_overview

__all__ = ["workspace_overview"]
