"""Are older formats upgraded step by step, and too-old / too-new files refused by name?"""

from __future__ import annotations

import json
from typing import Any

import pytest

from physioreflect.errors import InvalidWorkbook, SchemaTooNew, SchemaTooOld
from physioreflect.model import (
    CURRENT_SCHEMA_VERSION,
    Workbook,
    dump_workbook,
    migrate,
    parse_workbook,
)


def _current() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dump_workbook(Workbook.new(title="x")))
    return data


def test_current_version_passes_through_unchanged() -> None:
    data = _current()
    assert migrate(data) == data


def test_file_from_a_newer_version_is_refused_by_name() -> None:
    data = _current()
    data["meta"]["schema_version"] = CURRENT_SCHEMA_VERSION + 1
    with pytest.raises(SchemaTooNew) as caught:
        parse_workbook(json.dumps(data).encode(), source="future.json")
    assert caught.value.params == {
        "version": CURRENT_SCHEMA_VERSION + 1,
        "supported": CURRENT_SCHEMA_VERSION,
    }


def test_file_older_than_any_upgrade_is_refused_by_name() -> None:
    data = _current()
    data["meta"]["schema_version"] = 0
    with pytest.raises(SchemaTooOld):
        parse_workbook(json.dumps(data).encode())


@pytest.mark.parametrize("version", [None, "1", 1.0, True])
def test_missing_or_mistyped_version_is_a_clear_problem(version: object) -> None:
    data = _current()
    if version is None:
        del data["meta"]["schema_version"]
    else:
        data["meta"]["schema_version"] = version
    with pytest.raises(InvalidWorkbook) as caught:
        parse_workbook(json.dumps(data).encode())
    assert caught.value.problems[0].loc == ("meta", "schema_version")


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """A hypothetical change: case.likes_to_do renamed to case.enjoys."""
    case = data["case"]
    case["enjoys"] = case.pop("likes_to_do")
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    data["meta"]["v3_marker"] = True
    return data


def test_migrations_chain_one_step_at_a_time_and_keep_unknown_keys() -> None:
    data = _current()
    data["meta"]["schema_version"] = 1
    data["case"]["likes_to_do"] = "dans"
    data["case"]["from_a_plugin"] = {"keep": "me"}
    upgraded = migrate(data, migrations={1: _v1_to_v2, 2: _v2_to_v3}, current=3)
    assert upgraded["meta"]["schema_version"] == 3
    assert upgraded["case"]["enjoys"] == "dans"
    assert upgraded["meta"]["v3_marker"] is True
    assert upgraded["case"]["from_a_plugin"] == {"keep": "me"}
    assert data["case"]["likes_to_do"] == "dans", "the input must not be changed"


def test_a_missing_migration_step_is_a_bug_not_silence() -> None:
    data = _current()
    data["meta"]["schema_version"] = 1
    with pytest.raises(KeyError):
        migrate(data, migrations={}, current=2)
