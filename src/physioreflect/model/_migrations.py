"""Upgrading workbook files written by earlier versions of the format.

One function per schema change, from version ``n`` to ``n + 1``, registered in
:data:`MIGRATIONS`. A migration receives a deep copy of the raw data and must carry every key
it does not understand across unchanged: unknown keys are then reported by validation
(``extra="forbid"``), never dropped silently.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from physioreflect.errors import InvalidWorkbook, Problem, SchemaTooNew, SchemaTooOld
from physioreflect.model._migration_v2 import catalogue_labels_by_id
from physioreflect.model._migration_v3 import pain_rule_kinds_and_learning_judgement
from physioreflect.model._migration_v4 import review_threads_and_goal_ids
from physioreflect.model._migration_v5 import texts_for_the_patient
from physioreflect.model._migration_v6 import sources_and_facilitator_scale
from physioreflect.model._workbook import CURRENT_SCHEMA_VERSION

__all__ = ["MIGRATIONS", "OLDEST_SUPPORTED_VERSION", "Migration", "migrate", "schema_version_of"]

Migration = Callable[[dict[str, Any]], dict[str, Any]]

OLDEST_SUPPORTED_VERSION = 1

MIGRATIONS: dict[int, Migration] = {
    1: catalogue_labels_by_id,
    2: pain_rule_kinds_and_learning_judgement,
    3: review_threads_and_goal_ids,
    4: texts_for_the_patient,
    5: sources_and_facilitator_scale,
}
"""``n`` → the function that upgrades version ``n`` to ``n + 1``, in the order they landed."""


def schema_version_of(data: Mapping[str, Any], *, source: str = "") -> int:
    meta = data.get("meta")
    if not isinstance(meta, Mapping) or "schema_version" not in meta:
        raise InvalidWorkbook(
            source=source,
            problems=[Problem("validation.schema_version_missing", ("meta", "schema_version"))],
        )
    version = meta["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidWorkbook(
            source=source,
            problems=[Problem("validation.schema_version_invalid", ("meta", "schema_version"))],
        )
    return version


def migrate(
    data: Mapping[str, Any],
    *,
    source: str = "",
    migrations: Mapping[int, Migration] = MIGRATIONS,
    current: int = CURRENT_SCHEMA_VERSION,
    oldest: int = OLDEST_SUPPORTED_VERSION,
) -> dict[str, Any]:
    """Return ``data`` upgraded to the ``current`` version; the input is left untouched."""
    version = schema_version_of(data, source=source)
    if version > current:
        raise SchemaTooNew(source=source, version=version, supported=current)
    if version < oldest:
        raise SchemaTooOld(source=source, version=version, oldest=oldest)
    upgraded = copy.deepcopy(dict(data))
    while version < current:
        upgraded = migrations[version](upgraded)
        version += 1
        upgraded["meta"]["schema_version"] = version
    return upgraded
