"""New workbook entries from the content library: the same rules for every screen.

A catalogue barrier or facilitator carries the catalogue's id, theme and COM-B component and,
as its stored label, the catalogue's label in the language it was added in (shown only if the
catalogue later loses the id). An activity from the ideas takes the idea's typical intensity.
"""

from __future__ import annotations

import re
from typing import Literal, overload

from physioreflect.content import ContentLibrary, FactorKind, message
from physioreflect.model import (
    WEEKS,
    Barrier,
    ComB,
    Facilitator,
    PlannedActivity,
    PsfsGoal,
    Theme,
    Workbook,
    new_entry_id,
)

__all__ = ["new_activity", "new_factor", "new_goal"]

_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s*")
_GOAL_LENGTH = 200


def new_goal(workbook: Workbook, *, lang: str) -> PsfsGoal:
    """A PSFS goal from what the patient wants to achieve (Case step), one line per goal: the
    first line no goal has yet, without its list mark; when every line has one, a goal to
    name."""
    taken = {goal.activity.strip().casefold() for goal in workbook.plan.goals}
    for line in workbook.case.wants_to_achieve.splitlines():
        wish = _LIST_MARK.sub("", line).strip()[:_GOAL_LENGTH].strip()
        if wish and wish.casefold() not in taken:
            return PsfsGoal(entry_id=new_entry_id(), activity=wish)
    return PsfsGoal(entry_id=new_entry_id(), activity=message("plan.new_goal", lang))


@overload
def new_factor(
    catalogue: ContentLibrary,
    kind: Literal["barriers"],
    catalogue_id: str | None,
    *,
    lang: str,
) -> Barrier: ...
@overload
def new_factor(
    catalogue: ContentLibrary,
    kind: Literal["facilitators"],
    catalogue_id: str | None,
    *,
    lang: str,
) -> Facilitator: ...
@overload
def new_factor(
    catalogue: ContentLibrary, kind: FactorKind, catalogue_id: str | None, *, lang: str
) -> Barrier | Facilitator: ...
def new_factor(
    catalogue: ContentLibrary, kind: FactorKind, catalogue_id: str | None, *, lang: str
) -> Barrier | Facilitator:
    """A barrier or facilitator from the catalogue, or (``catalogue_id=None``) one of the
    user's own, to be named in the patient's words. Its source and ratings start unset: the
    author says whether the patient told them or they assumed it."""
    entry = Barrier if kind == "barriers" else Facilitator
    if catalogue_id is None:
        return entry(
            entry_id=new_entry_id(),
            label=message(f"{kind}.own_label", lang),
            theme=Theme.psychological,
            com_b=ComB.reflective_motivation,
        )
    item = catalogue.factors[catalogue_id]
    return entry(
        entry_id=new_entry_id(),
        catalogue_id=item.id,
        label=item.label.get(lang),
        theme=item.theme,
        com_b=item.com_b,
    )


def new_activity(catalogue: ContentLibrary, idea_id: str | None, *, lang: str) -> PlannedActivity:
    """An activity from the catalogue of ideas, or the user's own."""
    idea = catalogue.activity_ideas.get(idea_id or "")
    return PlannedActivity(
        entry_id=new_entry_id(),
        idea_id=idea.id if idea else None,
        name=idea.label.get(lang) if idea else message("plan.own_activity_name", lang),
        intensity=idea.typical_intensity if idea else None,
        weekly_minutes=[0] * WEEKS,
    )
