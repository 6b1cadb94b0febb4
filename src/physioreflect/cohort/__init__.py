"""The cohort overview's domain: a submissions folder or zip → a pandas table → CSV / Excel.

- :func:`read_cohort` reads every file of a download (:func:`members`: a folder, or a zip
  read in memory with its sizes and entries bounded) into a :class:`Cohort`, one row per
  file; a file that cannot be opened is a problem row with its reason.
- A blind table shows codes (:func:`blind_code`) instead of names, also in file names.
- :func:`status_counts`, :func:`completeness_by_section`, :func:`rubric_distribution` and
  :func:`barrier_frequency` count what the class's charts show.
- :func:`write_csv` and :func:`write_xlsx` export it with formula-like cells neutralised.

Pure: no widgets; the command line and the cohort dashboard share it.
"""

from __future__ import annotations

from physioreflect.cohort._aggregates import (
    barrier_frequency,
    completeness_by_section,
    rubric_distribution,
    status_counts,
    workbooks_only,
)
from physioreflect.cohort._blind import (
    BLIND_KEY_BYTES,
    blind_code,
    default_key_path,
    load_or_create_key,
    scrub_name,
    scrub_name_in_prose,
)
from physioreflect.cohort._export import (
    FORMULA_STARTS,
    csv_bytes,
    neutralise,
    presentable,
    write_csv,
    write_xlsx,
    xlsx_bytes,
)
from physioreflect.cohort._reviews import RECORD_SUFFIX, RETURNED_SUFFIX, ReviewDesk
from physioreflect.cohort._sources import (
    ARCHIVE_SUFFIXES,
    MAX_ENTRIES,
    MAX_MEMBER_BYTES,
    MAX_TOTAL_BYTES,
    Member,
    members,
    read_member,
)
from physioreflect.cohort._table import (
    COMPLETENESS_SECTIONS,
    HIGH_IMPACT,
    TEXT_COLUMNS,
    Cohort,
    Row,
    class_rubric,
    cohort_table,
    completeness_column,
    read_cohort,
    read_row,
    read_submission,
    rubric_column,
    top_com_b,
)

__all__ = [
    "ARCHIVE_SUFFIXES",
    "BLIND_KEY_BYTES",
    "COMPLETENESS_SECTIONS",
    "FORMULA_STARTS",
    "HIGH_IMPACT",
    "MAX_ENTRIES",
    "MAX_MEMBER_BYTES",
    "MAX_TOTAL_BYTES",
    "RECORD_SUFFIX",
    "RETURNED_SUFFIX",
    "TEXT_COLUMNS",
    "Cohort",
    "Member",
    "ReviewDesk",
    "Row",
    "barrier_frequency",
    "blind_code",
    "class_rubric",
    "cohort_table",
    "completeness_by_section",
    "completeness_column",
    "csv_bytes",
    "default_key_path",
    "load_or_create_key",
    "members",
    "neutralise",
    "presentable",
    "read_cohort",
    "read_member",
    "read_row",
    "read_submission",
    "rubric_column",
    "rubric_distribution",
    "scrub_name",
    "scrub_name_in_prose",
    "status_counts",
    "top_com_b",
    "workbooks_only",
    "write_csv",
    "write_xlsx",
    "xlsx_bytes",
]
