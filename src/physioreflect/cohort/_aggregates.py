"""What a course leader asks of a class, as small tables the charts draw.

Each takes the cohort table (or the part of it a filter left) and counts the workbooks only:
a problem row (a file that could not be read) has no status, no sections and no barriers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Final

import pandas as pd

from physioreflect.cohort._table import COMPLETENESS_SECTIONS, Row, completeness_column
from physioreflect.model import ComB, Status, Theme

__all__ = [
    "barrier_frequency",
    "completeness_by_section",
    "rubric_distribution",
    "status_counts",
    "workbooks_only",
]

_STATUSES: Final = tuple(status.value for status in Status)
_THEMES: Final = tuple(theme.value for theme in Theme)
_COM_B: Final = tuple(component.value for component in ComB)


def workbooks_only(table: pd.DataFrame) -> pd.DataFrame:
    """The rows that are workbooks (not problem rows)."""
    return table[table["problem"] == ""]


def status_counts(table: pd.DataFrame) -> pd.Series:
    """Workbooks per status, every status listed (in the workflow's order), zeros included."""
    counts = workbooks_only(table)["status"].value_counts()
    return pd.Series([int(counts.get(s, 0)) for s in _STATUSES], index=_STATUSES, name="count")


def completeness_by_section(table: pd.DataFrame) -> pd.Series:
    """The class's mean completeness (0–1) per section, in the workbook's order; ``NaN``
    where there is no workbook."""
    workbooks = workbooks_only(table)
    values = [
        float(workbooks[completeness_column(s)].mean()) if len(workbooks) else float("nan")
        for s in COMPLETENESS_SECTIONS
    ]
    return pd.Series(values, index=[s.value for s in COMPLETENESS_SECTIONS], name="complete")


def rubric_distribution(table: pd.DataFrame, levels: Iterable[int]) -> pd.DataFrame:
    """Workbooks per rubric criterion (rows) and level (columns); a workbook not scored on a
    criterion is not counted for it."""
    criteria = [c for c in table.columns if str(c).startswith("rubric.")]
    level_list = list(levels)
    workbooks = workbooks_only(table)
    data = {level: [int((workbooks[c] == level).sum()) for c in criteria] for level in level_list}
    index = pd.Index([str(c).removeprefix("rubric.") for c in criteria], name="criterion")
    return pd.DataFrame(data, index=index, columns=level_list, dtype="int64")


def barrier_frequency(rows: Iterable[Row]) -> pd.DataFrame:
    """Barriers across the class by theme (rows) and COM-B component (columns)."""
    total: Counter[tuple[str, str]] = Counter()
    for row in rows:
        if row.barrier_kinds:
            total.update(row.barrier_kinds)
    data = {c: [total.get((t, c), 0) for t in _THEMES] for c in _COM_B}
    return pd.DataFrame(data, index=pd.Index(_THEMES, name="theme"), dtype="int64")
