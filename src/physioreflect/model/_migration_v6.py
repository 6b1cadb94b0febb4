"""Version 5 → 6: what a barrier or facilitator rests on, a scale of the facilitators' own,
and techniques chosen directly.

``source`` (the patient told me, or I assumed it) may now be unset, and a new entry starts
unset: the author chooses, as with the perspective's markers. A version-5 entry keeps the
source it has; one without the key had the old default, ``patient_reported``, and is given it
explicitly, so no file changes meaning.

Facilitators were rated for ``modifiability`` (1 = hard to change, 5 = easy to change), a
barrier's scale. They now have their own, ``build_on``: how much we can build on it (1 =
little, 5 = a lot). An old rating is not carried over as the new one: the two scales answer
different questions, and the old one can be read both ways round for something that helps
(easy to change: easy to strengthen, or easily lost; hard to change: out of reach, or a
stable strength to build on). Turned into ``build_on`` it would put a judgement in the
author's mouth that they never made. So ``build_on`` starts unset, and the old rating leaves
the scale but not the file: ``note`` keeps it, with its scale, in the workbook's language,
after what the note said. The wording is frozen here, like version 3's note on a learning
score, so later edits of the UI catalogue never change what an upgraded file says.

Barriers gain ``techniques`` (behaviour change techniques by BCT number), which start empty.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["FACILITATOR_MODIFIABILITY_NOTE", "sources_and_facilitator_scale"]

FACILITATOR_MODIFIABILITY_NOTE: Final = {
    "nb": (
        "Vurdert før på barrierenes skala, påvirkbarhet: {level} av 5 "
        "(1 = vanskelig å endre, 5 = lett å endre). Fremmende faktorer vurderes nå etter hvor "
        "mye vi kan bygge på dem."
    ),
    "en": (
        "Rated before on the barriers' scale, modifiability: {level} of 5 "
        "(1 = hard to change, 5 = easy to change). Facilitators are now rated for how much we "
        "can build on them."
    ),
}
"""What an upgraded facilitator's note says about its old rating, by workbook language."""


def _entries(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = data.get(key)
    if not isinstance(entries, list):
        return []  # absent (the default applies) or left for validation to report
    return [entry for entry in entries if isinstance(entry, dict)]


def _keep_source(entry: dict[str, Any]) -> None:
    # setdefault: a value already there (even a damaged one) is carried for validation.
    entry.setdefault("source", "patient_reported")


def _facilitator_scale(entry: dict[str, Any], wording: str) -> None:
    if "modifiability" not in entry:
        return
    level, note = entry["modifiability"], entry.get("note", "")
    if level is None:
        del entry["modifiability"]
        return
    if (
        isinstance(level, bool)
        or not isinstance(level, int)
        or not 1 <= level <= 5
        or not isinstance(note, str)
    ):
        return  # kept as it is, where validation names the problem
    said = wording.format(level=level)
    del entry["modifiability"]
    entry["note"] = f"{note.rstrip()}\n\n{said}" if note.strip() else said


def sources_and_facilitator_scale(data: dict[str, Any]) -> dict[str, Any]:
    meta = data.get("meta")
    language = meta.get("language") if isinstance(meta, dict) else None
    wording = FACILITATOR_MODIFIABILITY_NOTE.get(language, "") if isinstance(language, str) else ""
    for barrier in _entries(data, "barriers"):
        _keep_source(barrier)
    for facilitator in _entries(data, "facilitators"):
        _keep_source(facilitator)
        _facilitator_scale(facilitator, wording or FACILITATOR_MODIFIABILITY_NOTE["nb"])
    return data
