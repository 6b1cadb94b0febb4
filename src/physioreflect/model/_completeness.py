"""How complete each section is: required items done, optional items done.

Computed from the plain JSON form of a workbook, so the workspace list can show it without
validating every file, and the dashboard and the PDF agree with the list. A validated
workbook is read the same way, field by field, without writing out its JSON form first (the
dashboard and the class table have one). Which perspective prompts are required comes from
the prompt set in use (the content library).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pydantic import BaseModel

from physioreflect.model._enums import Section

__all__ = [
    "CompletenessItem",
    "SectionCompleteness",
    "completeness",
    "completeness_counts",
    "overall_completeness",
]

Data = Mapping[str, Any] | BaseModel
"""A workbook in its JSON form, or validated (a :class:`~physioreflect.model.Workbook`)."""


class CompletenessItem(NamedTuple):
    id: str
    """Message key suffix in the UI catalog (``completeness.<id>``), or ``prompt:<prompt id>``."""
    required: bool
    done: bool


@dataclass(frozen=True)
class SectionCompleteness:
    section: Section
    items: tuple[CompletenessItem, ...]
    # Counted once: the workspace list computes these for every file it reads.
    required_total: int = field(init=False)
    required_done: int = field(init=False)

    def __post_init__(self) -> None:
        required = [item.done for item in self.items if item.required]
        object.__setattr__(self, "required_total", len(required))
        object.__setattr__(self, "required_done", sum(required))

    @property
    def fraction(self) -> float:
        """Share of required items done (1.0 for a section with none required)."""
        total = self.required_total
        return 1.0 if total == 0 else self.required_done / total

    @property
    def missing(self) -> tuple[CompletenessItem, ...]:
        return tuple(item for item in self.items if item.required and not item.done)


_EMPTY: dict[str, Any] = {}

_Item = tuple[str, bool, bool]


def _item(item_id: str, required: bool, done: bool) -> _Item:
    # Plain tuples while checking: building named tuples for every item of every file was a
    # large share of listing a workspace. ``completeness`` names them afterwards.
    return (item_id, required, done)


_Parts = Any
"""A part as the checks read it: a JSON object, or a validated part's fields (a ``dict``)."""


# ``dict`` rather than ``Mapping`` in the checks below: JSON data is always a dict, and the
# abstract-class check was a large share of listing a workspace.
def _map(value: Any) -> Any:
    if isinstance(value, dict):
        return value
    if isinstance(value, BaseModel):
        # A validated part's fields by name: its JSON form's keys (the model has no aliases),
        # enum members equal to their values. A property test holds both readings equal.
        return value.__dict__
    return _EMPTY


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _set(value: Any) -> bool:
    return value is not None and value != ""


def _case(data: _Parts, _prompts: Collection[str]) -> list[_Item]:
    case = _map(data.get("case"))
    return [
        _item("case.condition", True, _set(case.get("condition"))),
        _item("case.duration", True, _set(case.get("duration"))),
        _item("case.age_band", True, _set(case.get("age_band"))),
        _item("case.activity_history", True, _text(case.get("activity_history"))),
        _item(
            "case.previous_attempts",
            True,
            any(_text(_map(a).get("what")) for a in _list(case.get("previous_attempts"))),
        ),
        _item("case.likes_to_do", True, _text(case.get("likes_to_do"))),
        _item("case.wants_to_achieve", True, _text(case.get("wants_to_achieve"))),
        _item("case.patient_quotes", False, any(map(_text, _list(case.get("patient_quotes"))))),
        _item("case.case_label", False, _text(case.get("case_label"))),
    ]


@functools.lru_cache(maxsize=8)
def _prompt_item_ids(prompts: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((prompt_id, f"prompt:{prompt_id}") for prompt_id in prompts)


def _perspective(data: _Parts, prompts: Collection[str]) -> list[_Item]:
    perspective = _map(data.get("perspective"))
    answers = perspective.get("answers")
    answers = answers if isinstance(answers, dict) else _EMPTY
    answered: set[str] = set()
    marked = True
    for prompt_id, answer in answers.items():
        fields = _map(answer)
        if _text(fields.get("text")):
            answered.add(prompt_id)
            marked = marked and fields.get("marker") is not None
    items = [
        _item(item_id, True, prompt_id in answered)
        for prompt_id, item_id in _prompt_item_ids(tuple(prompts))
    ]
    items.append(_item("perspective.conviction", True, _set(perspective.get("conviction"))))
    items.append(_item("perspective.markers", False, bool(answered) and marked))
    return items


def _rated(entry: Any) -> bool:
    entry = _map(entry)
    return _set(entry.get("impact")) and _set(entry.get("modifiability"))


def _sourced(entries: list[Any]) -> bool:
    """Every entry says whether the patient told me or I assumed it (none: not done)."""
    return bool(entries) and all(_set(entry.get("source")) for entry in entries)


def _barriers(data: _Parts, _prompts: Collection[str]) -> list[_Item]:
    barriers = [_map(b) for b in _list(data.get("barriers"))]
    return [
        _item("barriers.any", True, bool(barriers)),
        _item("barriers.source", True, _sourced(barriers)),
        _item("barriers.rated", True, bool(barriers) and all(map(_rated, barriers))),
        _item(
            "barriers.strategies",
            True,
            any(
                _list(b.get("strategies"))
                or _list(b.get("techniques"))
                or _text(b.get("custom_strategy"))
                for b in barriers
            ),
        ),
        _item(
            "barriers.patient_words", False, any(_text(b.get("patient_words")) for b in barriers)
        ),
    ]


def _facilitators(data: _Parts, _prompts: Collection[str]) -> list[_Item]:
    facilitators = [_map(f) for f in _list(data.get("facilitators"))]
    return [
        _item("facilitators.any", True, bool(facilitators)),
        _item("facilitators.source", True, _sourced(facilitators)),
        _item(
            "facilitators.patient_words",
            False,
            any(_text(f.get("patient_words")) for f in facilitators),
        ),
    ]


def _positive_minutes(value: Any) -> bool:
    return any(isinstance(m, int | float) and m > 0 for m in _list(value))


def _fitt(activity: _Parts) -> bool:
    return all(
        _set(activity.get(name))
        for name in ("frequency_per_week", "intensity", "minutes_per_session")
    )


def _plan(data: _Parts, _prompts: Collection[str]) -> list[_Item]:
    plan = _map(data.get("plan"))
    goals = [_map(g) for g in _list(plan.get("goals"))]
    activities = [_map(a) for a in _list(plan.get("activities"))]
    pain_rule = _map(plan.get("pain_rule"))
    return [
        _item("plan.goals", True, bool(goals)),
        _item(
            "plan.goals_rated",
            True,
            bool(goals) and all(_set(g.get("baseline")) and _set(g.get("target")) for g in goals),
        ),
        _item("plan.activities", True, bool(activities)),
        _item("plan.fitt", True, bool(activities) and all(map(_fitt, activities))),
        _item(
            "plan.progression",
            True,
            any(_positive_minutes(a.get("weekly_minutes")) for a in activities),
        ),
        _item(
            "plan.pain_rule",
            True,
            _pain_rule_agreed(pain_rule),
        ),
        _item("plan.flare_up_plan", True, _text(plan.get("flare_up_plan"))),
        _item("plan.expectations", True, _text(plan.get("expectations"))),
        _item("plan.follow_up", True, _set(plan.get("follow_up"))),
        _item("plan.side_benefits", False, bool(_list(plan.get("side_benefits")))),
    ]


def _pain_rule_agreed(rule: _Parts) -> bool:
    """The chosen rule's own field counts: a pain limit for the pain-monitoring model, a
    baseline to build up from for graded activity. A field left over from a rule chosen
    before does not; a note describes any rule, one's own included."""
    if _text(rule.get("note")):
        return True
    model = rule.get("model", "pain_monitoring_model")
    if model == "graded_activity":
        return _text(rule.get("baseline"))
    if model == "pain_monitoring_model":
        return _set(rule.get("max_pain_during"))
    return False


def _reflection(data: _Parts, _prompts: Collection[str]) -> list[_Item]:
    reflection = _map(data.get("reflection"))
    return [
        _item("reflection.what", True, _text(reflection.get("what"))),
        _item("reflection.so_what", True, _text(reflection.get("so_what"))),
        _item("reflection.now_what", True, _text(reflection.get("now_what"))),
        _item(
            "reflection.learning_points",
            False,
            any(map(_text, _list(reflection.get("learning_points")))),
        ),
    ]


_SECTIONS: dict[Section, Callable[[Any, Collection[str]], list[_Item]]] = {
    Section.case: _case,
    Section.perspective: _perspective,
    Section.barriers: _barriers,
    Section.facilitators: _facilitators,
    Section.plan: _plan,
    Section.reflection: _reflection,
}


def completeness(
    data: Data, *, required_prompts: Collection[str]
) -> dict[Section, SectionCompleteness]:
    """Completeness of every section of ``data`` (a workbook in its JSON form).

    Lenient by design: a missing or wrongly typed part counts as not done, never as an error.
    """
    parts = _map(data)
    return {
        section: SectionCompleteness(
            section, tuple(map(CompletenessItem._make, check(parts, required_prompts)))
        )
        for section, check in _SECTIONS.items()
    }


def completeness_counts(
    data: Data, *, required_prompts: Collection[str]
) -> dict[Section, tuple[int, int]]:
    """(required done, required total) per section: the same checks as :func:`completeness`,
    without building the item lists (the workspace list needs only the numbers)."""
    counts = {}
    parts = _map(data)
    for section, check in _SECTIONS.items():
        required = [done for _, is_required, done in check(parts, required_prompts) if is_required]
        counts[section] = (sum(required), len(required))
    return counts


def overall_completeness(sections: Mapping[Section, SectionCompleteness]) -> float:
    """Share of all required items done, over every section."""
    total = sum(s.required_total for s in sections.values())
    done = sum(s.required_done for s in sections.values())
    return 1.0 if total == 0 else done / total
