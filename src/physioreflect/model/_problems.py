"""Pydantic validation errors → :class:`Problem` objects with message keys.

The keys are looked up in the UI catalog (``validation.*``) so every problem reads clearly in
bokmål and English. Our own validators raise ``ValueError(<key>)`` with a bare key.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from physioreflect.errors import Problem

__all__ = ["KNOWN_ERROR_TYPES", "OWN_VALIDATOR_KEYS", "problems_from_validation_error"]

# Pydantic error types that get their own message; any other type falls back to
# ``validation.invalid`` (still translated, just less specific).
KNOWN_ERROR_TYPES = frozenset(
    {
        "missing",
        "extra_forbidden",
        "string_type",
        "string_too_short",
        "string_too_long",
        "string_pattern_mismatch",
        "int_type",
        "int_parsing",
        "int_from_float",
        "bool_type",
        "bool_parsing",
        "greater_than_equal",
        "less_than_equal",
        "too_long",
        "too_short",
        "enum",
        "literal_error",
        "uuid_type",
        "uuid_parsing",
        "datetime_type",
        "datetime_parsing",
        "datetime_from_date_parsing",
        "timezone_aware",
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
        "list_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
        "dataclass_type",
    }
)

OWN_VALIDATOR_KEYS = frozenset(
    {
        "title_blank",
        "updated_before_created",
        "condition_other_missing",
        "target_below_baseline",
        "duplicate_entry_id",
        "duplicate_technique",
        "learning_is_a_judgement",
        "level_above_rubric",
    }
)

_PARAMS = ("max_length", "min_length", "ge", "le", "expected", "pattern")


def _params(error: Any) -> dict[str, Any]:
    context = error.get("ctx") or {}
    params = {name: context[name] for name in _PARAMS if name in context}
    value = error.get("input")
    if isinstance(value, int | float) and not isinstance(value, bool):
        params["value"] = value
    elif isinstance(value, str):
        params["value"] = value if len(value) <= 40 else value[:37] + "…"
    return params


def problems_from_validation_error(error: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        kind = item["type"]
        loc = tuple(item["loc"])
        if kind == "value_error":
            raw = str((item.get("ctx") or {}).get("error", ""))
            key = f"validation.{raw}" if raw in OWN_VALIDATOR_KEYS else "validation.invalid"
        elif kind in KNOWN_ERROR_TYPES:
            key = f"validation.{kind}"
        else:
            key = "validation.invalid"
        problems.append(Problem(key, loc, _params(item)))
    return problems
