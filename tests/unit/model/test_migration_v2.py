"""Version 1 → 2: are catalogue labels looked up by id, and edited labels kept as the user's?"""

from __future__ import annotations

import json
from typing import Any

from physioreflect.model import CURRENT_SCHEMA_VERSION, Workbook, dump_workbook, parse_workbook


def _v1(**sections: Any) -> bytes:
    data: dict[str, Any] = json.loads(dump_workbook(Workbook.new(title="Kasus")))
    data["meta"]["schema_version"] = 1
    for entries in ("barriers", "facilitators"):
        for entry in sections.get(entries, []):
            entry.pop("label_edited", None)
    for activity in sections.get("activities", []):
        activity.pop("name_edited", None)
    data["barriers"] = sections.get("barriers", [])
    data["facilitators"] = sections.get("facilitators", [])
    data["plan"]["activities"] = sections.get("activities", [])
    return json.dumps(data).encode()


def _factor(entry_id: str, label: str, catalogue_id: str | None) -> dict[str, Any]:
    return {
        "entry_id": entry_id,
        "catalogue_id": catalogue_id,
        "label": label,
        "theme": "physical",
        "com_b": "physical_capability",
    }


def test_catalogue_label_in_either_language_follows_the_catalogue() -> None:
    """Is a label stored as the catalogue's bokmål or English text no longer frozen?"""
    workbook = parse_workbook(
        _v1(
            barriers=[
                _factor("a", "Smerte", "pain"),
                _factor("b", "Pain", "pain"),
            ]
        )
    )
    assert workbook.meta.schema_version == CURRENT_SCHEMA_VERSION
    assert [b.label_edited for b in workbook.barriers] == [False, False]
    assert [b.label for b in workbook.barriers] == ["Smerte", "Pain"], "nothing is dropped"


def test_an_edited_label_stays_the_users_own() -> None:
    """Is a catalogue entry whose label the user changed kept exactly as typed?"""
    workbook = parse_workbook(_v1(facilitators=[_factor("f", "Hunden hennes, Luna", "pain")]))
    assert workbook.facilitators[0].label_edited is True
    assert workbook.facilitators[0].label == "Hunden hennes, Luna"


def test_own_entries_and_unknown_ids_keep_their_stored_label() -> None:
    """Are hand-written entries and ids the catalogue never had left as stored?"""
    workbook = parse_workbook(
        _v1(
            barriers=[
                _factor("o", "Redd for å falle", None),
                _factor("u", "Gammel katalogpost", "barrier.no_longer_there"),
            ]
        )
    )
    assert [b.label_edited for b in workbook.barriers] == [False, False]
    assert [b.label for b in workbook.barriers] == ["Redd for å falle", "Gammel katalogpost"]


def test_activity_names_from_ideas_are_marked_like_labels() -> None:
    """Does an activity's name follow the idea's label unless the user renamed it?"""
    activity = {"entry_id": "x1", "idea_id": "walking", "name": "Rask gange"}
    renamed = {"entry_id": "x2", "idea_id": "walking", "name": "Tur med hunden til Sognsvann"}
    workbook = parse_workbook(_v1(activities=[activity, renamed]))
    assert [a.name_edited for a in workbook.plan.activities] == [False, True]
