"""One view per step of the workbook (one file each).

Each view's module is imported when its step is first shown: a page opens on the Start step,
and the other steps bring the Summary's PDF export and privacy scan, the charts and the
content catalogues with them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

from physioreflect.app import Step

if TYPE_CHECKING:
    from collections.abc import Callable

    from physioreflect.widgets._context import SectionView, ViewContext

__all__ = ["VIEWS", "build_view", "view_class"]

VIEWS: Final[dict[Step, tuple[str, str]]] = {
    Step.start: ("start", "StartView"),
    Step.case: ("case", "CaseView"),
    Step.perspective: ("perspective", "PerspectiveView"),
    Step.barriers: ("barriers", "BarriersView"),
    Step.plan: ("plan", "PlanView"),
    Step.reflection: ("reflection", "ReflectionView"),
    Step.summary: ("summary", "SummaryView"),
}
"""Each step's view: its module in this package and its class."""


def view_class(step: Step) -> Callable[[ViewContext], SectionView]:
    """The view class of ``step``, its module imported now if it was not yet."""
    module, name = VIEWS[step]
    view: Callable[[ViewContext], SectionView] = getattr(
        importlib.import_module(f"{__name__}.{module}"), name
    )
    return view


def build_view(app: ViewContext, step: Step) -> SectionView:
    return view_class(step)(app)
