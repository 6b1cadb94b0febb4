"""Version 4 → 5: does every plan gain empty texts for the patient, while the clinician's own
flare-up plan and expectations stay where they were and are never copied to the patient?"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings

from physioreflect.model import (
    CURRENT_SCHEMA_VERSION,
    ForPatient,
    Workbook,
    dump_workbook,
    migrate,
    parse_workbook,
)
from physioreflect.model._migration_v5 import texts_for_the_patient
from tests.strategies import workbooks


def _as_v4(workbook: Workbook) -> dict[str, Any]:
    """The workbook as version 4 wrote it: no texts for the patient."""
    data: dict[str, Any] = json.loads(dump_workbook(workbook))
    data["meta"]["schema_version"] = 4
    del data["plan"]["for_patient"]
    return data


def _read(data: dict[str, Any]) -> Workbook:
    return parse_workbook(json.dumps(data).encode())


def test_the_clinicians_notes_stay_theirs_and_the_patients_texts_start_empty() -> None:
    data = _as_v4(Workbook.new(title="Kasus"))
    data["plan"]["flare_up_plan"] = "Ved oppbluss fortsetter han med korte turer."
    data["plan"]["expectations"] = "Jeg har sagt til henne at effekten er moderat."
    workbook = _read(data)
    assert workbook.meta.schema_version == CURRENT_SCHEMA_VERSION
    assert workbook.plan.flare_up_plan == "Ved oppbluss fortsetter han med korte turer."
    assert workbook.plan.expectations == "Jeg har sagt til henne at effekten er moderat."
    assert workbook.plan.for_patient == ForPatient()


def test_a_file_without_a_plan_is_left_for_validation() -> None:
    data = _as_v4(Workbook.new(title="Kasus"))
    del data["plan"]
    assert "plan" not in migrate(data)
    assert _read(data).plan.for_patient == ForPatient()


def test_texts_already_there_are_kept() -> None:
    """A file marked version 4 that already holds the texts (written by hand) keeps them."""
    data = _as_v4(Workbook.new(title="Kasus"))
    data["plan"]["for_patient"] = {"flare_up": "Gå kortere turer.", "what_to_expect": ""}
    assert _read(data).plan.for_patient.flare_up == "Gå kortere turer."


def test_a_damaged_value_is_reported_not_dropped() -> None:
    data = _as_v4(Workbook.new(title="Kasus"))
    data["plan"]["for_patient"] = "Gå kortere turer."
    assert migrate(data)["plan"]["for_patient"] == "Gå kortere turer."


def test_the_input_is_not_changed() -> None:
    data = _as_v4(Workbook.new(title="Kasus"))
    before = json.dumps(data, sort_keys=True)
    migrate(data)
    texts_for_the_patient(json.loads(before))
    assert json.dumps(data, sort_keys=True) == before


@settings(max_examples=60, deadline=None)
@given(workbooks())
def test_every_version_4_workbook_upgrades_without_loss(workbook: Workbook) -> None:
    """Is any version-4 workbook the same after the upgrade, with no texts for the patient?"""
    workbook.plan.for_patient = ForPatient()
    assert _read(_as_v4(workbook)) == workbook
