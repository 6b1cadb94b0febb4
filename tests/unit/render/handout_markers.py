"""A unique marker in every text of a workbook, to see which reach the patient's handout.

Every string a person types (and the names of author, supervisor and course) is replaced by
a marker of its own: ``zqx`` and four letters, none of which is a word, a name or a number
the privacy check would stop at. The handout may print a marker only where
:func:`physioreflect.render.printed_field` says it prints that field; every other marker
must be absent from the data, the PDF's text and its metadata.
"""

from __future__ import annotations

import itertools
import string
from dataclasses import dataclass
from typing import Any

from physioreflect.content import library
from physioreflect.model import PainRuleModel, PlannedActivity, Workbook
from physioreflect.render import printed_field

# Strings that are choices, ids, dates or enums, not text someone typed.
_NOT_TEXT = frozenset(
    {
        "id",
        "schema_version",
        "role",
        "language",
        "status",
        "created",
        "updated",
        "submitted",
        "reviewed",
        "edited",
        "copied_from",
        "condition",
        "duration",
        "age_band",
        "marker",
        "entry_id",
        "catalogue_id",
        "idea_id",
        "comment_id",
        "anchor",
        "theme",
        "com_b",
        "source",
        "strategies",
        "techniques",
        "side_benefits",
        "intensity",
        "model",
        "follow_up",
        "section",
        "decision",
        "learning",
        "nb",
        "en",
    }
)


def _markers() -> itertools.product[tuple[str, ...]]:
    return itertools.product(string.ascii_lowercase, repeat=4)


@dataclass
class Marked:
    workbook: Workbook
    excluded: dict[str, str]
    """Marker → the field it stands in (dotted path) for every text the handout never shows."""
    printed: dict[str, str]
    """Marker → field for every text the handout shows as written."""


def _fill(
    value: Any, path: tuple[str | int, ...], found: dict[tuple[str | int, ...], str], names: Any
) -> Any:
    if isinstance(value, dict):
        return {
            key: item if key in _NOT_TEXT else _fill(item, (*path, key), found, names)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_fill(item, (*path, index), found, names) for index, item in enumerate(value)]
    if isinstance(value, str):
        marker = "zqx" + "".join(next(names))
        found[path] = marker
        return marker
    return value


def with_markers(workbook: Workbook) -> Marked:
    """``workbook`` with a marker in every text field, at least one activity (a handout
    needs one), and every activity name as written by the clinician."""
    data = workbook.to_json_dict()
    plan = data["plan"]
    if not plan["activities"]:
        plan["activities"] = [
            PlannedActivity(entry_id="added", name="x", frequency_per_week=3).model_dump(
                mode="json"
            )
        ]
    found: dict[tuple[str | int, ...], str] = {}
    marked = Workbook.model_validate(_fill(data, (), found, _markers()))
    graded = marked.plan.pain_rule.model is PainRuleModel.graded_activity
    ideas = library().activity_ideas
    excluded, printed = {}, {}
    for path, marker in found.items():
        dotted = ".".join(map(str, path))
        shown = printed_field(path)
        if path[:3] in (("plan", "pain_rule", "baseline"), ("plan", "pain_rule", "increase_step")):
            shown = graded
        if path[:2] == ("plan", "activities") and path[-1] == "name":
            activity = marked.plan.activities[int(path[2])]
            # A catalogue idea not renamed is printed by the catalogue's name.
            shown = activity.name_edited or activity.idea_id not in ideas
            if not shown:
                continue  # printed or not, it says nothing the clinician wrote
        (printed if shown else excluded)[marker] = dotted
    return Marked(workbook=marked, excluded=excluded, printed=printed)
