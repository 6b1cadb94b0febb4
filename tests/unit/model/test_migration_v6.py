"""Version 5 → 6: does every barrier and facilitator keep the source it had, does a
facilitator's old modifiability leave the new scale unset without being lost, and do barriers
start with no techniques?"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from physioreflect.errors import InvalidWorkbook
from physioreflect.model import (
    CURRENT_SCHEMA_VERSION,
    Barrier,
    ComB,
    Facilitator,
    Language,
    Source,
    Theme,
    Workbook,
    dump_workbook,
    migrate,
    parse_workbook,
)
from physioreflect.model._migration_v6 import (
    FACILITATOR_MODIFIABILITY_NOTE,
    sources_and_facilitator_scale,
)
from tests.strategies import ratings, workbooks


def _as_v5(workbook: Workbook, old_ratings: list[int | None] | None = None) -> dict[str, Any]:
    """The workbook as version 5 wrote it: barriers without techniques, facilitators rated
    for modifiability (``old_ratings``, in order; none by default) instead of ``build_on``."""
    data: dict[str, Any] = json.loads(dump_workbook(workbook))
    data["meta"]["schema_version"] = 5
    for barrier in data["barriers"]:
        del barrier["techniques"]
    old = old_ratings or [None] * len(data["facilitators"])
    for facilitator, rating in zip(data["facilitators"], old, strict=True):
        del facilitator["build_on"]
        facilitator["modifiability"] = rating
    return data


def _read(data: dict[str, Any]) -> Workbook:
    return parse_workbook(json.dumps(data).encode())


def _with_entries(language: str = "nb") -> Workbook:
    workbook = Workbook.new(title="Kasus")
    workbook.meta.language = Language(language)
    shared: dict[str, Any] = {"theme": Theme.psychological, "com_b": ComB.reflective_motivation}
    workbook.barriers = [
        Barrier(entry_id="b1", label="Frykt", source=Source.patient_reported, **shared),
        Barrier(entry_id="b2", label="Tid", source=Source.therapist_inferred, **shared),
    ]
    workbook.facilitators = [
        Facilitator(entry_id="f1", label="Hunden", source=Source.patient_reported, **shared),
        Facilitator(
            entry_id="f2",
            label="Naboen",
            source=Source.therapist_inferred,
            note="Går ofte tur.",
            **shared,
        ),
    ]
    return workbook


def test_every_entry_keeps_the_source_it_had() -> None:
    workbook = _read(_as_v5(_with_entries()))
    assert workbook.meta.schema_version == CURRENT_SCHEMA_VERSION
    assert [b.source for b in workbook.barriers] == [
        Source.patient_reported,
        Source.therapist_inferred,
    ]
    assert [f.source for f in workbook.facilitators] == [
        Source.patient_reported,
        Source.therapist_inferred,
    ]


def test_an_entry_written_without_a_source_keeps_the_old_default() -> None:
    """Version 5 read a missing source as "the patient told me": it still means that."""
    data = _as_v5(_with_entries())
    del data["barriers"][0]["source"]
    del data["facilitators"][1]["source"]
    workbook = _read(data)
    assert workbook.barriers[0].source is Source.patient_reported
    assert workbook.facilitators[1].source is Source.patient_reported


def test_a_new_entry_starts_with_no_source() -> None:
    """The author chooses, as with the perspective's markers."""
    barrier = Barrier(entry_id="b", label="x", theme=Theme.physical, com_b=ComB.physical_capability)
    facilitator = Facilitator(
        entry_id="f", label="x", theme=Theme.physical, com_b=ComB.physical_capability
    )
    assert barrier.source is None and facilitator.source is None


@pytest.mark.parametrize("language", ["nb", "en"])
def test_an_old_facilitator_rating_is_kept_in_its_note_not_turned_into_the_new_scale(
    language: str,
) -> None:
    workbook = _read(_as_v5(_with_entries(language), [4, 2]))
    first, second = workbook.facilitators
    assert first.build_on is None and second.build_on is None
    said = FACILITATOR_MODIFIABILITY_NOTE[language]
    assert first.note == said.format(level=4)
    assert second.note == "Går ofte tur.\n\n" + said.format(level=2)
    assert ("påvirkbarhet: 4 av 5" if language == "nb" else "modifiability: 4 of 5") in first.note


def test_a_facilitator_never_rated_is_left_as_it_was() -> None:
    workbook = _read(_as_v5(_with_entries(), [None, None]))
    assert [f.note for f in workbook.facilitators] == ["", "Går ofte tur."]
    assert all(f.build_on is None for f in workbook.facilitators)


def test_a_workbook_of_an_unknown_language_is_told_in_bokmaal() -> None:
    data = _as_v5(_with_entries(), [3, None])
    data["meta"]["language"] = "se"
    upgraded = migrate(data)
    assert upgraded["facilitators"][0]["note"] == FACILITATOR_MODIFIABILITY_NOTE["nb"].format(
        level=3
    )


def test_barriers_keep_their_modifiability_and_start_with_no_techniques() -> None:
    data = _as_v5(_with_entries())
    data["barriers"][0]["modifiability"] = 2
    workbook = _read(data)
    assert workbook.barriers[0].modifiability == 2
    assert all(b.techniques == [] for b in workbook.barriers)


@pytest.mark.parametrize("damaged", ["lett", 7, 0, True, 2.5])
def test_a_damaged_rating_is_reported_not_dropped(damaged: object) -> None:
    data = _as_v5(_with_entries(), [None, None])
    data["facilitators"][0]["modifiability"] = damaged
    assert migrate(data)["facilitators"][0]["modifiability"] == damaged
    with pytest.raises(InvalidWorkbook) as caught:
        _read(data)
    assert ("facilitators", 0, "modifiability") in [p.loc for p in caught.value.problems]


def test_damaged_lists_are_left_for_validation() -> None:
    data = _as_v5(_with_entries())
    data["barriers"] = "Frykt"
    data["facilitators"] = [None, "Hunden"]
    upgraded = migrate(data)
    assert upgraded["barriers"] == "Frykt"
    assert upgraded["facilitators"] == [None, "Hunden"]


def test_the_input_is_not_changed() -> None:
    data = _as_v5(_with_entries(), [4, 2])
    before = json.dumps(data, sort_keys=True)
    migrate(data)
    sources_and_facilitator_scale(json.loads(before))
    assert json.dumps(data, sort_keys=True) == before


@settings(max_examples=60, deadline=None)
@given(workbooks(), st.data())
def test_every_version_5_workbook_upgrades_without_loss(
    workbook: Workbook, data: st.DataObject
) -> None:
    """Is any version-5 workbook the same after the upgrade, but for the facilitators' old
    ratings, which move to their notes?"""
    for barrier in workbook.barriers:
        barrier.techniques = []
        barrier.source = barrier.source or Source.patient_reported  # version 5 always had one
    old: list[int | None] = []
    for facilitator in workbook.facilitators:
        facilitator.source = facilitator.source or Source.therapist_inferred
        facilitator.build_on = None
        old.append(data.draw(ratings))
    written = _as_v5(workbook, old)
    for facilitator, level in zip(workbook.facilitators, old, strict=True):
        if level is not None:
            said = FACILITATOR_MODIFIABILITY_NOTE[workbook.meta.language.value].format(level=level)
            kept = facilitator.note.rstrip()
            facilitator.note = f"{kept}\n\n{said}" if kept.strip() else said
    assert _read(written) == workbook
