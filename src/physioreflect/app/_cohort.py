"""The cohort overview's logic without widgets: which download, blind or not, which rows in
which order, the charts' figures and the exports of what is shown.

The files are read once (:meth:`CohortQuery.load`); switching the language or blind mode
builds the table again from the rows read, and filtering or sorting only selects from it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from physioreflect import charts
from physioreflect.content import PromptSet, Rubric, library, message
from physioreflect.model import CourseRubric, Status

if TYPE_CHECKING:
    import pandas as pd

    from physioreflect.app._review import ReviewSession
    from physioreflect.cohort import Cohort
    from physioreflect.model import Workbook

__all__ = ["SORTABLE", "ClassCharts", "CohortQuery"]

SORTABLE: Final = (
    "student",
    "title",
    "status",
    "complete",
    "barriers",
    "submitted",
    "updated",
    "privacy_findings",
    "file",
)
"""The columns a supervisor can sort by, in the order offered."""
_SEARCHED: Final = ("student", "title", "course", "file")
_STATUS_ORDER: Final = {status.value: index for index, status in enumerate(Status)}


@dataclass(frozen=True)
class ClassCharts:
    status: charts.Figure
    completeness: charts.Figure
    barriers: charts.Figure
    rubric: charts.Figure


class CohortQuery:
    """A supervisor's view of a class's submissions.

    ``lang`` is the table's and charts' language; ``blind_key`` is the key blind codes are
    made with (asked for only when blind mode is first turned on); ``scan`` counts a
    workbook's privacy findings (``None``: the column stays empty).
    """

    def __init__(
        self,
        *,
        lang: str = "nb",
        prompt_set: PromptSet | None = None,
        rubric: Rubric | None = None,
        blind_key: Callable[[], bytes] | None = None,
        scan: Callable[[Workbook], int] | None = None,
    ) -> None:
        self.lang = lang
        self.source: Path | None = None
        self.blind = False
        self.status = ""
        """Show only workbooks with this status ("": every row, problem rows included)."""
        self.search = ""
        self.sort_by = "student"
        self.descending = False
        self._prompt_set = prompt_set
        self._course_rubric = rubric
        """The course's own rubric (``serve --rubric``); ``None``: REFLECT."""
        self._blind_key = blind_key
        self._key: bytes | None = None
        self._scan = scan
        self._cohort: Cohort | None = None

    # ── reading ───────────────────────────────────────────────────────────────────────────
    @property
    def cohort(self) -> Cohort | None:
        return self._cohort

    def load(self, source: Path | str) -> Cohort:
        """Read the folder or zip ``source``. Raises the domain's error (with its message
        key) when it cannot be read as a whole; the table shown before stays as it was."""
        from physioreflect.cohort import read_cohort  # noqa: PLC0415 - pandas, when first read

        path = Path(str(source).strip()).expanduser()
        cohort = read_cohort(
            path,
            required_prompts=self._required_prompts(),
            lang=self.lang,
            blind_key=self._current_key(),
            scan=self._scan,
            rubric_criteria=None if self._course_rubric is None else self._rubric_criteria(),
        )
        self.source = path
        self._cohort = cohort
        return cohort

    def reread(self, row: int) -> None:
        """Read the file of the table's row ``row`` again (its review changed), and only it:
        a class is hundreds of files, each with a privacy scan."""
        from physioreflect.cohort import read_row  # noqa: PLC0415

        if self._cohort is None or self.source is None:
            return
        rows = list(self._cohort.rows)
        rows[row] = read_row(
            self.source,
            rows[row].name,
            required_prompts=self._required_prompts(),
            scan=self._scan,
        )
        self._cohort.rows = rows
        self._rebuild()

    @property
    def rubric(self) -> Rubric | CourseRubric:
        """What names the class's rubric: the course's own file (``serve --rubric``), else
        the names its reviews kept of the course rubric they were scored with, else
        REFLECT."""
        if self._course_rubric is not None:
            return self._course_rubric
        if self._cohort is not None and self._cohort.course_rubric is not None:
            return self._cohort.course_rubric
        return library().rubric

    def _rubric_criteria(self) -> list[str]:
        """The rubric's criteria: their columns are shown before any workbook is scored."""
        return [criterion.id for criterion in self.rubric.criteria]

    def _required_prompts(self) -> Collection[str]:
        return library().required_prompt_ids(self._prompt_set)

    def _current_key(self) -> bytes | None:
        if not self.blind:
            return None
        if self._key is None:
            if self._blind_key is None:
                raise RuntimeError("blind mode needs a key")
            self._key = self._blind_key()
        return self._key

    def _rebuild(self) -> None:
        from physioreflect.cohort import Cohort, cohort_table  # noqa: PLC0415

        if self._cohort is None:
            return
        rows = self._cohort.rows
        table = cohort_table(
            rows,
            lang=self.lang,
            blind_key=self._current_key(),
            rubric_criteria=self._rubric_criteria(),
        )
        self._cohort = Cohort(
            self._cohort.source,
            rows,
            table,
            blind=self.blind,
            course_rubric=self._cohort.course_rubric,
        )

    def set_language(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self._rebuild()

    def set_blind(self, blind: bool) -> None:
        if blind != self.blind:
            self.blind = blind
            self._rebuild()

    # ── what is shown ─────────────────────────────────────────────────────────────────────
    def view(self) -> pd.DataFrame:
        """The rows shown: filtered by status and search, sorted; an empty table before a
        download was read. Rows keep their index in the whole table."""
        import pandas as pd  # noqa: PLC0415

        if self._cohort is None:
            return pd.DataFrame()
        table = self._cohort.table
        if self.status:
            table = table[table["status"] == self.status]
        words = self.search.casefold().split()
        if words:
            haystack = table[list(_SEARCHED)].astype(str).agg(" ".join, axis=1).str.casefold()
            for word in words:
                table = table[haystack[table.index].str.contains(word, regex=False)]
        return self._sorted(table)

    def _sorted(self, table: pd.DataFrame) -> pd.DataFrame:
        column = self.sort_by if self.sort_by in table.columns else "file"
        if column == "status":
            key: Callable[[pd.Series], pd.Series] | None = lambda s: s.map(  # noqa: E731
                lambda v: _STATUS_ORDER.get(v, len(_STATUS_ORDER))
            )
        elif table[column].dtype == object or str(table[column].dtype) in ("string", "str"):
            key = lambda s: s.str.casefold()  # noqa: E731
        else:
            key = None
        # Problem rows last whatever the order; then the column, then the file name (stable).
        ordered = table.assign(_problem=table["problem"] != "").sort_values(
            ["_problem", column, "file"],
            ascending=[True, not self.descending, True],
            key=lambda s: key(s) if (key is not None and s.name == column) else s,
            na_position="last",
            kind="stable",
        )
        return ordered.drop(columns="_problem")

    def openable(self, view: pd.DataFrame) -> list[tuple[str, int]]:
        """The workbooks of ``view`` a supervisor can open for review, as ``(label, row)``:
        "student – title · handed in …" (a code in a blind table), by their place in the whole
        table."""
        import pandas as pd  # noqa: PLC0415

        if view.empty:
            return []
        workbooks = view[view["problem"] == ""]
        found = []
        for index, student, title, submitted in zip(
            workbooks.index,
            workbooks["student"],
            workbooks["title"],
            workbooks["submitted"],
            strict=True,
        ):
            label = f"{student} – {title}" if student else str(title)
            if not pd.isna(submitted):
                # Two hand-ins of one workbook are told apart by when.
                when = submitted.strftime("%Y-%m-%d %H:%M")
                label += " · " + message("cohort.page.handed_in", self.lang, when=when)
            found.append((label, int(index)))
        return found

    def open_review(self, row: int, *, reviewer: str = "") -> tuple[ReviewSession, str | None]:
        """The review of the table's row ``row``, and the code to show instead of the
        student's name when the table is blind."""
        from physioreflect.app._review import ReviewSession  # noqa: PLC0415

        if self._cohort is None or self.source is None:
            raise RuntimeError("no download was read")
        name = self._cohort.rows[row].name
        code = str(self._cohort.table.loc[row, "student"]) if self.blind else None
        session = ReviewSession(
            self.source,
            name,
            reviewer=reviewer,
            prompt_set=self._prompt_set,
            rubric=self._course_rubric,
        )
        return session, code

    def counts(self) -> tuple[int, int, int]:
        """(files read, workbooks, problem files) of the whole download."""
        if self._cohort is None:
            return (0, 0, 0)
        problems = len(self._cohort.problems)
        return (len(self._cohort.rows), len(self._cohort.rows) - problems, problems)

    def charts(self, view: pd.DataFrame | None = None) -> ClassCharts:
        """The four charts of the rows shown (``view``, by default :meth:`view`)."""
        from physioreflect.cohort import (  # noqa: PLC0415
            barrier_frequency,
            completeness_by_section,
            rubric_distribution,
            status_counts,
        )

        shown = self.view() if view is None else view
        rubric = self.rubric
        if shown.empty or self._cohort is None:
            rows = []
            status = dict.fromkeys((s.value for s in Status), 0)
            means = dict.fromkeys(_section_values(), math.nan)
            barriers = barrier_frequency([])
            scores: dict[str, dict[int, int]] = {}
        else:
            rows = [self._cohort.rows[int(i)] for i in shown.index]
            status = {str(k): int(v) for k, v in status_counts(shown).items()}
            means = {str(k): float(v) for k, v in completeness_by_section(shown).items()}
            barriers = barrier_frequency(rows)
            distribution = rubric_distribution(shown, [level.level for level in rubric.levels])
            scores = {
                rubric.criterion_label(str(c), self.lang) or str(c): {
                    int(level): int(n) for level, n in distribution.loc[c].items()
                }
                for c in distribution.index
            }
        if not scores:
            scores = {criterion.label.get(self.lang): {} for criterion in rubric.criteria}
        levels = {level.level: level.label.get(self.lang) for level in rubric.levels}
        return ClassCharts(
            status=charts.class_status_chart(status, lang=self.lang),
            completeness=charts.class_completeness_chart(means, lang=self.lang),
            barriers=charts.class_barrier_chart(
                {
                    str(t): {str(c): int(n) for c, n in row.items()}
                    for t, row in barriers.iterrows()
                },
                lang=self.lang,
            ),
            rubric=charts.class_rubric_chart(scores, levels=levels, lang=self.lang),
        )

    # ── exports ───────────────────────────────────────────────────────────────────────────
    def csv(self) -> bytes:
        """The rows shown as CSV, headers and values in the interface language."""
        from physioreflect.cohort import csv_bytes  # noqa: PLC0415

        return csv_bytes(self.view(), self.lang, self.rubric)

    def xlsx(self) -> bytes:
        """The rows shown as an Excel workbook."""
        from physioreflect.cohort import xlsx_bytes  # noqa: PLC0415

        return xlsx_bytes(self.view(), self.lang, self.rubric)

    def export_stem(self) -> str:
        """A file name (without extension) for the exports: the download's name."""
        name = self.source.stem if self.source is not None else ""
        return name or message("cohort.export_stem", self.lang)


def _section_values() -> list[str]:
    from physioreflect.cohort import COMPLETENESS_SECTIONS  # noqa: PLC0415

    return [s.value for s in COMPLETENESS_SECTIONS]
