"""Is the committed JSON Schema the one the model produces?"""

from __future__ import annotations

import json

from physioreflect.model import LEARNING_CRITERION, Workbook, dump_workbook
from physioreflect.schema import SCHEMA_PATH, schema_text


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "The workbook model changed: run `python -m physioreflect.schema` and commit the result "
        "(and add a migration if existing files change meaning)."
    )


def test_schema_forbids_unknown_keys_everywhere() -> None:
    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, name


def test_schema_requires_meta() -> None:
    schema = json.loads(schema_text())
    assert schema["required"] == ["meta"]
    assert "meta" in json.loads(dump_workbook(Workbook.new(title="x")))


def test_schema_keeps_learning_out_of_the_rubric() -> None:
    """Does the schema say, as validation does, that learning is not a rubric score?"""
    rubric = json.loads(schema_text())["$defs"]["Review"]["properties"]["rubric"]
    assert rubric["propertyNames"] == {"not": {"const": LEARNING_CRITERION}}
