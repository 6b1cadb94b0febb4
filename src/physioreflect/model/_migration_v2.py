"""Version 1 → 2: catalogue entries are shown by id, in the language of the page.

Version 1 stored a catalogue barrier's, facilitator's or activity idea's label in the language
of the screen it was added from, so "Smerte" stayed "Smerte" in an English workbook. Version 2
looks the label up when it is shown and keeps the stored one for two cases, now recorded in
``label_edited`` / ``name_edited``: the user changed it, or the catalogue no longer has the id.

A stored label counts as the user's own when it is neither the bokmål nor the English label
the catalogue had when version 1 was current. Those labels are frozen in
``data/v1_catalogue_labels.json``, so later edits of the catalogue never change what this
migration decides.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

__all__ = ["catalogue_labels_by_id"]

_LABELS = Path(__file__).with_name("data") / "v1_catalogue_labels.json"


@functools.cache
def _v1_labels() -> dict[str, dict[str, list[str]]]:
    labels: dict[str, dict[str, list[str]]] = json.loads(_LABELS.read_text(encoding="utf-8"))
    return labels


def _mark(
    entry: Any, *, id_key: str, text_key: str, flag: str, known: dict[str, list[str]]
) -> None:
    if not isinstance(entry, dict):
        return  # left for validation to report
    catalogue_id = entry.get(id_key)
    text = entry.get(text_key)
    if catalogue_id is None:
        # Written by hand: the label is the user's own and always shown as stored.
        entry[flag] = False
        return
    labels = known.get(catalogue_id) if isinstance(catalogue_id, str) else None
    entry[flag] = labels is not None and text not in labels


def catalogue_labels_by_id(data: dict[str, Any]) -> dict[str, Any]:
    labels = _v1_labels()
    for key in ("barriers", "facilitators"):
        entries = data.get(key)
        if isinstance(entries, list):
            for entry in entries:
                _mark(
                    entry,
                    id_key="catalogue_id",
                    text_key="label",
                    flag="label_edited",
                    known=labels["factors"],
                )
    plan = data.get("plan")
    activities = plan.get("activities") if isinstance(plan, dict) else None
    if isinstance(activities, list):
        for activity in activities:
            _mark(
                activity,
                id_key="idea_id",
                text_key="name",
                flag="name_edited",
                known=labels["activity_ideas"],
            )
    return data
