"""Version 4 → 5: the plan's texts for the patient.

The plan gains ``for_patient``: a flare-up plan, what to expect and a note, written to the
patient (du/you) and printed on the patient's handout. The plan's ``flare_up_plan`` and
``expectations`` stay what they were, the clinician's own notes, and are not copied across:
they are often written about the patient ("…fortsetter han…", "I have told her…") or to a
supervisor, and nothing written for someone else is ever handed to the patient. A version-4
plan's texts for the patient start empty.
"""

from __future__ import annotations

from typing import Any

__all__ = ["texts_for_the_patient"]


def texts_for_the_patient(data: dict[str, Any]) -> dict[str, Any]:
    plan = data.get("plan")
    if isinstance(plan, dict):
        plan.setdefault("for_patient", {"flare_up": "", "what_to_expect": "", "note": ""})
    return data
