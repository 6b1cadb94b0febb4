"""What the workspace list shows of a workbook, read leniently from its JSON form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields
from typing import Any

from physioreflect.errors import Problem
from physioreflect.model import completeness_counts

__all__ = ["WorkbookSummary", "summarise"]


@dataclass(frozen=True)
class WorkbookSummary:
    id: str
    file_name: str
    title: str = ""
    status: str = ""
    language: str = ""
    updated: str = ""
    """ISO 8601, as in the file (sorting and display parse it)."""
    revision: int = 0
    is_example: bool = False
    completeness: float = 0.0
    sections: Mapping[str, float] | None = None
    problem: Problem | None = None
    """Set when the file cannot be opened; the rest of the fields are then best effort."""

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def updated_at(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.updated)
        except ValueError:
            return None

    def to_json(self) -> dict[str, Any]:
        # Written by hand: dataclasses.asdict deep-copies, which dominated a cold listing.
        data: dict[str, Any] = {name: getattr(self, name) for name in _FIELDS}
        data["sections"] = None if self.sections is None else dict(self.sections)
        if self.problem is not None:
            data["problem"] = {
                "key": self.problem.key,
                "loc": list(self.problem.loc),
                "params": self.problem.params,
                "line": self.problem.line,
            }
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WorkbookSummary:
        values = dict(data)
        problem = values.pop("problem", None)
        if problem is not None:
            values["problem"] = Problem(
                problem["key"], tuple(problem["loc"]), dict(problem["params"]), problem["line"]
            )
        return cls(**values)


_FIELDS = tuple(f.name for f in fields(WorkbookSummary))


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def summarise(
    file_name: str, data: Mapping[str, Any], *, required_prompts: Collection[str]
) -> WorkbookSummary:
    """The list entry for a parsed file. A file without a usable ``meta`` gets a problem."""
    workbook_id = file_name.removesuffix(".json")
    meta = data.get("meta")
    if not isinstance(meta, Mapping):
        return WorkbookSummary(
            workbook_id, file_name, problem=Problem("validation.missing", ("meta",))
        )
    problem = None
    if _str(meta.get("id")) != workbook_id:
        problem = Problem("validation.invalid", ("meta", "id"), {"value": _str(meta.get("id"))})
    elif not _str(meta.get("title")).strip():
        problem = Problem("validation.missing", ("meta", "title"))
    revision = meta.get("revision")
    counts = completeness_counts(data, required_prompts=required_prompts)
    done = sum(d for d, _ in counts.values())
    total = sum(t for _, t in counts.values())
    return WorkbookSummary(
        id=workbook_id,
        file_name=file_name,
        title=_str(meta.get("title")),
        status=_str(meta.get("status")),
        language=_str(meta.get("language")),
        updated=_str(meta.get("updated")),
        revision=revision if isinstance(revision, int) and not isinstance(revision, bool) else 0,
        is_example=meta.get("is_example") is True,
        completeness=round(done / total, 4) if total else 1.0,
        sections={s.value: round(d / t, 4) if t else 1.0 for s, (d, t) in counts.items()},
        problem=problem,
    )
