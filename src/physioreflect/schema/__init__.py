"""The JSON Schema of the workbook file format, committed beside the code.

``python -m physioreflect.schema`` rewrites ``workbook.v<current version>.json`` from
the model (the files of earlier versions stay, as their description); a test fails
when the committed file is out of date, so a format change is always a visible diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from physioreflect.model import CURRENT_SCHEMA_VERSION, Workbook

__all__ = ["SCHEMA_PATH", "schema_text", "workbook_json_schema"]

SCHEMA_PATH = Path(__file__).with_name(f"workbook.v{CURRENT_SCHEMA_VERSION}.json")


def workbook_json_schema() -> dict[str, Any]:
    schema = Workbook.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:physioreflect:workbook:v{CURRENT_SCHEMA_VERSION}"
    schema["title"] = "physioreflect workbook"
    return schema


def schema_text() -> str:
    return json.dumps(workbook_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
