"""One view per step of the workbook (one file each)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from physioreflect.app import Step
from physioreflect.widgets.sections.barriers import BarriersView
from physioreflect.widgets.sections.case import CaseView
from physioreflect.widgets.sections.perspective import PerspectiveView
from physioreflect.widgets.sections.plan import PlanView
from physioreflect.widgets.sections.reflection import ReflectionView
from physioreflect.widgets.sections.start import StartView
from physioreflect.widgets.sections.summary import SummaryView

if TYPE_CHECKING:
    from physioreflect.widgets._context import SectionView, ViewContext

__all__ = ["VIEWS", "build_view"]

VIEWS: dict[Step, Callable[[ViewContext], SectionView]] = {
    Step.start: StartView,
    Step.case: CaseView,
    Step.perspective: PerspectiveView,
    Step.barriers: BarriersView,
    Step.plan: PlanView,
    Step.reflection: ReflectionView,
    Step.summary: SummaryView,
}


def build_view(app: ViewContext, step: Step) -> SectionView:
    return VIEWS[step](app)
