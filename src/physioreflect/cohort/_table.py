"""Submissions → one row per file: who, what, how far, what the supervisor decided.

Every file is read as opening it would read it (the codec's limits and messages, the
migrations of older versions), and every file gets a row: one that cannot be opened is a
problem row carrying the reason, never an exception.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

import pandas as pd
from pydantic import ValidationError

from physioreflect.cohort._blind import blind_code, scrub_name
from physioreflect.cohort._reviews import ReviewDesk
from physioreflect.cohort._sources import Member, members, read_member
from physioreflect.content import describe_problem, library, message
from physioreflect.errors import InvalidWorkbook, PhysioreflectError, Problem
from physioreflect.model import (
    CURRENT_SCHEMA_VERSION,
    MAX_WORKBOOK_BYTES,
    ComB,
    CourseRubric,
    Review,
    ReviewRecord,
    Section,
    Status,
    Workbook,
    completeness_counts,
    load_json_object,
    migrate,
    problems_from_validation_error,
    schema_version_of,
    submission_digest,
)

__all__ = [
    "COMPLETENESS_SECTIONS",
    "HIGH_IMPACT",
    "TEXT_COLUMNS",
    "Cohort",
    "Row",
    "class_rubric",
    "cohort_table",
    "completeness_column",
    "read_cohort",
    "read_row",
    "read_submission",
    "rubric_column",
    "top_com_b",
]

HIGH_IMPACT: Final = 4
"""Impact ratings of 4 and 5 are high: above the barrier map's dividing line of 3."""

COMPLETENESS_SECTIONS: Final = tuple(s for s in Section if s is not Section.meta)

Scan = Callable[[Workbook], int]
"""The number of privacy findings in a workbook (:func:`physioreflect.privacy.scan_workbook`)."""


@dataclass(frozen=True)
class Row:
    """One file of the download, read; ``cells`` is ``None`` for a problem row.

    Only the table's cells are kept, not the workbook: a class of 10,000 would otherwise
    hold every workbook in memory. Opening a row reads its file again (``name``).
    """

    name: str
    """Where the file is inside the download (``/`` between folders)."""
    cells: Mapping[str, Any] | None = None
    """The workbook's cells of the table, by column, names shown (blinding is the table's)."""
    problem: Problem | None = None
    error: PhysioreflectError | None = None
    """For a problem row about the whole file (too new, too old): the error to describe."""
    barrier_kinds: Mapping[tuple[str, str], int] | None = None
    """How many of the workbook's barriers have each (theme, COM-B component): the class's
    barrier chart adds them up."""
    course_rubric: CourseRubric | None = None
    """The names of the course's own rubric the row's review was scored with (``None``:
    REFLECT, or no review): a class read without the course's file is named by them."""


def read_submission(data: bytes, *, source: str = "") -> Workbook:
    """A file's bytes → the validated workbook, migrated from an older version.

    The same result and errors as :func:`physioreflect.model.parse_workbook`. A file in the
    current version is validated straight from its bytes (pydantic parses the JSON itself,
    a third faster than ``json.loads`` and validating the objects it made); any file that
    way refuses — older, too new, damaged, invalid — is read again the way opening it reads
    it, so what it says is what opening it says.
    """
    if len(data) <= MAX_WORKBOOK_BYTES:
        try:
            workbook = Workbook.model_validate_json(data)
        except (ValidationError, ValueError, RecursionError):
            pass
        else:
            if workbook.meta.schema_version == CURRENT_SCHEMA_VERSION:
                return workbook
    raw = load_json_object(data, source=source)
    if schema_version_of(raw, source=source) != CURRENT_SCHEMA_VERSION:
        raw = migrate(raw, source=source)
    try:
        return Workbook.model_validate(raw)
    except ValidationError as error:
        raise InvalidWorkbook(
            source=source, problems=problems_from_validation_error(error)
        ) from None
    except RecursionError:
        raise InvalidWorkbook(source=source, problems=[Problem("file.too_deep")]) from None


def _record(desk: ReviewDesk | None, member: Member) -> tuple[ReviewRecord | None, str]:
    """The supervisor's record of the file, and the review column's state when there is no
    usable one: a damaged record, or one made for other bytes than these."""
    if desk is None or member.data is None:
        return None, ""
    try:
        record = desk.record(member.name)
    except PhysioreflectError:
        return None, "unreadable"
    if record is not None and record.submission_sha256 != submission_digest(member.data):
        return None, "outdated"
    return record, ""


def _read_row(
    member: Member,
    *,
    required_prompts: Collection[str],
    scan: Scan | None,
    desk: ReviewDesk | None = None,
) -> Row:
    if member.data is None:
        return Row(member.name, problem=member.problem)
    try:
        workbook = read_submission(member.data, source=member.name)
    except InvalidWorkbook as error:
        problem = error.problems[0] if error.problems else Problem(error.key)
        return Row(member.name, problem=problem, error=error)
    except PhysioreflectError as error:
        return Row(member.name, problem=Problem(error.key, params=error.params), error=error)
    sections = completeness_counts(workbook, required_prompts=required_prompts)
    findings = None if scan is None else scan(workbook)
    kinds = Counter((b.theme.value, b.com_b.value) for b in workbook.barriers)
    record, state = _record(desk, member)
    review = _shown_review(workbook, record)
    cells = _workbook_cells(member.name, workbook, review, sections, findings, record)
    if state:
        cells["review"] = state
    return Row(
        member.name,
        cells=cells,
        barrier_kinds=dict(kinds),
        course_rubric=review.course_rubric,
    )


def read_row(
    source: Path, name: str, *, required_prompts: Collection[str], scan: Scan | None = None
) -> Row:
    """The row of the one file ``name`` of ``source``, read again (after its review changed)
    without reading the others."""
    return _read_row(
        read_member(source, name),
        required_prompts=required_prompts,
        scan=scan,
        desk=ReviewDesk(source),
    )


def top_com_b(workbook: Workbook) -> ComB | None:
    """The COM-B component with the most high-impact barriers, ``None`` without any.

    A tie goes to the component with more barriers of any impact, then to the one named
    first in the COM-B model, so the same workbook always gives the same answer.
    """
    high = Counter(b.com_b for b in workbook.barriers if (b.impact or 0) >= HIGH_IMPACT)
    if len(high) <= 1:
        return next(iter(high), None)
    every = Counter(b.com_b for b in workbook.barriers)
    return min(high, key=lambda c: (-high[c], -every[c], _COM_B_ORDER[c]))


_COM_B_ORDER: Final = {component: index for index, component in enumerate(ComB)}


@dataclass
class Cohort:
    """The rows of a download and the table made of them.

    ``table`` is what a person sees and exports; ``rows`` keep each file's place in the
    download and its workbook (for opening a row), which a blind table does not show.
    """

    source: Path
    rows: list[Row]
    table: pd.DataFrame
    blind: bool = False
    course_rubric: CourseRubric | None = None
    """The course's own rubric the class's reviews were scored with (see
    :func:`class_rubric`)."""

    @property
    def problems(self) -> list[Row]:
        return [row for row in self.rows if row.cells is None]


def read_cohort(
    source: Path,
    *,
    required_prompts: Collection[str],
    lang: str = "en",
    blind_key: bytes | None = None,
    scan: Scan | None = None,
    rubric_criteria: Iterable[str] | None = None,
) -> Cohort:
    """Read the folder or zip ``source`` into a :class:`Cohort`.

    ``required_prompts``: the perspective prompts the course requires (completeness).
    ``blind_key``: make the table blind (codes instead of names; see :mod:`._blind`).
    ``scan``: count privacy findings per workbook (left empty without it).
    ``rubric_criteria``: rubric columns to show even when no workbook has a score yet (a
    course's own rubric file); ``None``: those of the rubric the class's reviews were scored
    with (:func:`class_rubric`), else REFLECT's.
    Problem reasons are written in ``lang``.
    """
    desk: ReviewDesk | None = ReviewDesk(source)
    if desk is not None and not desk.root.is_dir():
        # A zip never reviewed has no folder of reviews: nothing to look for, file by file.
        desk = None
    with _collector_paused():
        rows = _shared_rubrics(
            [
                _read_row(member, required_prompts=required_prompts, scan=scan, desk=desk)
                for member in members(source)
            ]
        )
    names = class_rubric(rows)
    if rubric_criteria is None:
        rubric_criteria = (
            names.criterion_ids() if names is not None else library().rubric.criterion_ids()
        )
    table = cohort_table(rows, lang=lang, blind_key=blind_key, rubric_criteria=rubric_criteria)
    return Cohort(source, rows, table, blind=blind_key is not None, course_rubric=names)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a class is read: what reading makes holds no
    cycles, and each collection walks every row read so far (a tenth of the time of reading
    10,000 files). Reference counting frees everything as before."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _shared_rubrics(rows: list[Row]) -> list[Row]:
    """The rows with one object per distinct rubric: a class scored with one rubric keeps
    its names once, not once per workbook."""
    shared: dict[str, CourseRubric] = {}
    out = []
    for row in rows:
        names = row.course_rubric
        if names is not None:
            one = shared.setdefault(names.model_dump_json(), names)
            out.append(replace(row, course_rubric=one))
        else:
            out.append(row)
    return out


def class_rubric(rows: Iterable[Row]) -> CourseRubric | None:
    """The course's own rubric most of the class's reviews were scored with, ``None`` when
    none was (REFLECT): what names the rubric columns of a class read without the course's
    file. A tie goes to the one met first."""
    counts: Counter[str] = Counter()
    first: dict[str, CourseRubric] = {}
    for row in rows:
        if row.course_rubric is not None:
            counts[row.course_rubric.id] += 1
            first.setdefault(row.course_rubric.id, row.course_rubric)
    if not counts:
        return None
    return first[counts.most_common(1)[0][0]]


# ── the table ─────────────────────────────────────────────────────────────────────────────

_LEADING: Final = (
    "file",
    "student",
    "workbook_id",
    "title",
    "course",
    "condition",
    "status",
    "updated",
    "submitted",
    "reviewed",
    "complete",
)
_MIDDLE: Final = ("barriers", "top_com_b")
TEXT_COLUMNS: Final = (
    "file",
    "student",
    "workbook_id",
    "title",
    "course",
    "condition",
    "status",
    "top_com_b",
    "review",
    "learning",
    "decision",
    "problem",
)
_TRAILING: Final = ("review", "learning", "decision", "privacy_findings", "problem")


def completeness_column(section: Section) -> str:
    return f"complete.{section.value}"


_COMPLETENESS_COLUMNS: Final[dict[Section, str]] = {
    section: completeness_column(section) for section in Section if section is not Section.meta
}


def rubric_column(criterion: str) -> str:
    return f"rubric.{criterion}"


def _fraction(done: int, total: int) -> float:
    return 1.0 if total == 0 else done / total


def _submitted(workbook: Workbook) -> dt.datetime | None:
    if workbook.meta.submitted is not None:
        return workbook.meta.submitted
    # Files written before schema version 4 record no submission time. A workbook whose
    # status is "submitted" cannot be changed by its author: its last change is the submission.
    return workbook.meta.updated if workbook.meta.status is Status.submitted else None


def _reviewed(workbook: Workbook, record: ReviewRecord | None) -> dt.datetime | None:
    if record is not None:
        return record.released
    if workbook.meta.reviewed is not None:
        return workbook.meta.reviewed
    # Likewise before version 4: the newest comment of the review is the last sign of it.
    times = [comment.created for comment in workbook.review.comments]
    return max(times) if times else None


def _shown_review(workbook: Workbook, record: ReviewRecord | None) -> Review:
    """With the supervisor's ``record`` of this file, its review (a draft or released);
    else the one the file carries."""
    if record is not None:
        return record.review
    if workbook.meta.status is Status.submitted:
        # Handed in again after a return: the review the file carries is the earlier round's;
        # this submission has none yet.
        return Review()
    return workbook.review


def _workbook_cells(
    name: str,
    workbook: Workbook,
    review: Review,
    sections: Mapping[Section, tuple[int, int]],
    privacy_findings: int | None,
    record: ReviewRecord | None = None,
) -> dict[str, Any]:
    """The row's cells, with ``review`` the one shown (see :func:`_shown_review`)."""
    meta = workbook.meta
    state = "" if record is None else ("released" if record.released else "draft")
    done = sum(d for d, _ in sections.values())
    total = sum(t for _, t in sections.values())
    top = top_com_b(workbook)
    cells: dict[str, Any] = {
        "file": name,
        "student": meta.author,
        "workbook_id": str(meta.id),
        "title": meta.title,
        "course": meta.course_code or "",
        "condition": workbook.case.condition.value if workbook.case.condition else "",
        "status": meta.status.value,
        "updated": meta.updated,
        "submitted": _submitted(workbook),
        "reviewed": _reviewed(workbook, record),
        "complete": _fraction(done, total),
        "barriers": len(workbook.barriers),
        "top_com_b": top.value if top else "",
        # REFLECT's judgement of learning, beside the rubric's levels (not one of them).
        "review": state,
        "learning": review.learning.value if review.learning else "",
        "decision": review.decision.value if review.decision else "",
        "privacy_findings": privacy_findings,
        "problem": "",
    }
    for section, (section_done, section_total) in sections.items():
        column = _COMPLETENESS_COLUMNS.get(section)
        if column is not None:
            cells[column] = _fraction(section_done, section_total)
    for criterion, score in review.rubric.items():
        cells[rubric_column(criterion)] = score.level
    return cells


_NAMING_PARAMS: Final = frozenset({"value", "detail"})
"""Parameters that may quote a name: the offending value of a field (the author's name), or a
system's detail that names the file (a damaged zip member's path)."""


def _blind_problem(problem: Problem) -> Problem:
    params = {k: "…" if k in _NAMING_PARAMS else v for k, v in problem.params.items()}
    return replace(problem, params=params)


def _reason(row: Row, shown_name: str, lang: str, *, blind: bool) -> str:
    if row.error is not None and not isinstance(row.error, InvalidWorkbook):
        # The error names its file as the table shows it: a code, in a blind table.
        return message(row.error.key, lang, **{**row.error.params, "source": shown_name})
    problem = row.problem or Problem("error.unexpected")
    text = describe_problem(_blind_problem(problem) if blind else problem, lang)
    more = len(row.error.problems) - 1 if isinstance(row.error, InvalidWorkbook) else 0
    return text + message("cohort.more_problems", lang, count=more) if more > 0 else text


def _blind_names(rows: list[Row], key: bytes) -> Iterator[tuple[str, str]]:
    """(student code, file name) per row: numbered per code, so two submissions of the same
    workbook stay two distinct files."""
    seen: Counter[str] = Counter()
    for row in rows:
        if row.cells is not None:
            code = blind_code(key, str(row.cells["workbook_id"]))
        else:
            # A file that holds no workbook: coded by its place in the download instead.
            code = blind_code(key, row.name, prefix="F")
        seen[code] += 1
        # Only a suffix that cannot be a name ("kari.nordmann" ends in ".nordmann").
        suffix = ".json" if row.name.lower().endswith(".json") else ""
        number = f"-{seen[code]}" if seen[code] > 1 else ""
        yield code, f"{code}{number}{suffix}"


def cohort_table(
    rows: list[Row],
    *,
    lang: str = "en",
    blind_key: bytes | None = None,
    rubric_criteria: Iterable[str] = (),
) -> pd.DataFrame:
    """The rows as a pandas table with stable column names (``complete.<section>``,
    ``rubric.<criterion>``); dates are UTC timestamps, fractions 0–1, counts integers."""
    blind = blind_key is not None
    records: list[dict[str, Any]] = []
    criteria: dict[str, None] = dict.fromkeys(rubric_criteria)
    names = _blind_names(rows, blind_key) if blind_key is not None else None
    for row in rows:
        code, shown_name = next(names) if names is not None else ("", row.name)
        if row.cells is not None:
            cells = dict(row.cells)
            criteria.update(
                (c.removeprefix("rubric."), None) for c in cells if c.startswith("rubric.")
            )
            if blind:
                cells["title"] = scrub_name(cells["title"], cells["student"], "…")
                cells["student"] = code
        else:
            cells = {
                **dict.fromkeys(TEXT_COLUMNS, ""),
                "problem": _reason(row, shown_name, lang, blind=blind),
            }
        cells["file"] = shown_name
        records.append(cells)
    columns = [
        *_LEADING,
        *(completeness_column(s) for s in COMPLETENESS_SECTIONS),
        *_MIDDLE,
        *(rubric_column(c) for c in criteria),
        *_TRAILING,
    ]
    if blind:
        # The id is what the code hides: with it, a code could be tied back to a workbook.
        columns.remove("workbook_id")
    table = pd.DataFrame.from_records(records, columns=columns)
    return _typed(table)


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    for name in ("updated", "submitted", "reviewed"):
        table[name] = pd.to_datetime(table[name], utc=True)
    integers = ["barriers", "privacy_findings"]
    integers += [c for c in table.columns if c.startswith("rubric.")]
    for name in integers:
        # Nullable integers: a problem row has no count, which is not zero.
        table[name] = table[name].astype("Int64")
    for name in ["complete", *(completeness_column(s) for s in COMPLETENESS_SECTIONS)]:
        table[name] = table[name].astype("Float64")
    for name in TEXT_COLUMNS:
        if name in table.columns:
            table[name] = table[name].astype(str)
    return table
