"""Version 2 → 3: the pain rule names its kind, and REFLECT's learning is a judgement.

The pain rule gains graded activity from a baseline beside the pain-monitoring model and a
rule of one's own, with ``week_to_week_rule``, ``baseline`` and ``increase_step``. A version-2
rule keeps its model (``pain_monitoring_model`` or ``custom``); the new fields are written
with their defaults, so the week-to-week rule counts as not agreed: nobody agreed to it when
the file was written.

Version 2 scored ``reflect.learning`` 1–4 like a criterion. REFLECT (Wald et al. 2012) judges
learning separately, as transformative or confirmatory, and a level cannot honestly be turned
into either. The score leaves the rubric, ``learning`` stays unset for the supervisor to
choose, and ``learning_note`` keeps what was said: the level and the supervisor's note, in the
workbook's language. The wording is frozen here, like version 2's catalogue labels, so later
edits of the UI catalogue never change what an upgraded file says.
"""

from __future__ import annotations

from typing import Any, Final

from physioreflect.model._workbook import LEARNING_CRITERION

__all__ = ["LEARNING_SCORE_NOTE", "pain_rule_kinds_and_learning_judgement"]

LEARNING_SCORE_NOTE: Final = {
    "nb": (
        "Læring ble tidligere skåret som et kriterium i REFLECT-skjemaet: nivå {level} av 4. "
        "Læringen vurderes nå for seg, som transformerende eller bekreftende."
    ),
    "en": (
        "Learning was scored as a criterion of the REFLECT rubric before: level {level} of 4. "
        "Learning is now judged separately, as transformative or confirmatory."
    ),
}
"""What an upgraded review says about a learning score, by workbook language."""


def _pain_rule(data: dict[str, Any]) -> None:
    plan = data.get("plan")
    rule = plan.get("pain_rule") if isinstance(plan, dict) else None
    if not isinstance(rule, dict):
        return  # absent (the default applies) or left for validation to report
    # setdefault: a key a version-2 file should not have had is carried, not replaced.
    rule.setdefault("week_to_week_rule", False)
    rule.setdefault("baseline", "")
    rule.setdefault("increase_step", "")


def _learning(data: dict[str, Any]) -> None:
    review = data.get("review")
    rubric = review.get("rubric") if isinstance(review, dict) else None
    if not isinstance(review, dict) or not isinstance(rubric, dict):
        return
    score = rubric.get(LEARNING_CRITERION)
    if not isinstance(score, dict):
        return  # nothing to carry, or a damaged score that validation reports
    level, note = score.get("level"), score.get("note", "")
    earlier = review.get("learning_note", "")
    if (
        isinstance(level, bool)
        or not isinstance(level, int)
        or not isinstance(note, str)
        or not isinstance(earlier, str)
        or set(score) - {"level", "note"}
    ):
        return  # left in the rubric, where validation names the problem
    meta = data.get("meta")
    language = meta.get("language") if isinstance(meta, dict) else None
    wording = LEARNING_SCORE_NOTE.get(language, "") if isinstance(language, str) else ""
    said = (wording or LEARNING_SCORE_NOTE["nb"]).format(level=level)
    parts = [part for part in (earlier.strip(), said, note.strip()) if part]
    del rubric[LEARNING_CRITERION]
    review.setdefault("learning", None)
    review["learning_note"] = "\n\n".join(parts)


def pain_rule_kinds_and_learning_judgement(data: dict[str, Any]) -> dict[str, Any]:
    _pain_rule(data)
    _learning(data)
    return data
