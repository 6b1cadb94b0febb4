"""Does the cohort overview's controller show the rows asked for — filtered, searched,
sorted, blind or not, in either language — and export exactly those, without widgets?"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from physioreflect.app import SORTABLE, CohortQuery
from physioreflect.errors import PhysioreflectError
from physioreflect.fixtures import sample_workbooks, synthetic_workbooks
from physioreflect.model import Status, Workbook, dump_workbook

KEY = bytes(range(32))


def _folder(path: Path, workbooks: list[Workbook]) -> Path:
    path.mkdir(parents=True)
    for index, workbook in enumerate(workbooks):
        (path / f"{index:02}-{workbook.meta.author or 'x'}.json").write_bytes(
            dump_workbook(workbook)
        )
    (path / "cut-off.json").write_bytes(dump_workbook(workbooks[0])[:200])
    return path


@pytest.fixture
def workbooks() -> list[Workbook]:
    named = []
    for index, workbook in enumerate(synthetic_workbooks(12, seed=5)):
        meta = workbook.meta.model_copy(update={"author": f"Ålesund Student {index:02}"})
        named.append(workbook.model_copy(update={"meta": meta}))
    return [*sample_workbooks(), *named]


@pytest.fixture
def query(tmp_path: Path, workbooks: list[Workbook]) -> CohortQuery:
    query = CohortQuery(lang="en", blind_key=lambda: KEY)
    query.load(_folder(tmp_path / "class", workbooks))
    return query


def test_before_anything_is_read_nothing_is_shown() -> None:
    query = CohortQuery(lang="nb")
    assert query.view().empty
    assert query.counts() == (0, 0, 0)
    charts = query.charts()
    assert charts.status["data"][0]["y"] == [0, 0, 0, 0]


def test_every_file_is_a_row_and_problem_rows_come_last(
    query: CohortQuery, workbooks: list[Workbook]
) -> None:
    view = query.view()
    assert query.counts() == (len(workbooks) + 1, len(workbooks), 1)
    assert len(view) == len(workbooks) + 1
    assert view["problem"].iloc[-1] != ""
    assert (view["problem"].iloc[:-1] == "").all()


@pytest.mark.parametrize("column", SORTABLE)
@pytest.mark.parametrize("descending", [False, True])
def test_sorting_by_any_column_keeps_every_row(
    query: CohortQuery, column: str, descending: bool
) -> None:
    query.sort_by, query.descending = column, descending
    view = query.view()
    assert sorted(view.index) == sorted(query.view().index)
    assert len(view) == query.counts()[0]
    assert view["problem"].iloc[-1] != "", "a problem row stays last"


def test_sorting_by_completeness_and_status_follows_their_meaning(query: CohortQuery) -> None:
    query.sort_by, query.descending = "complete", True
    complete = query.view()
    values = complete[complete["problem"] == ""]["complete"].tolist()
    assert values == sorted(values, reverse=True)
    query.sort_by, query.descending = "status", False
    statuses = query.view()
    order = [s.value for s in Status]
    shown = [order.index(s) for s in statuses[statuses["problem"] == ""]["status"]]
    assert shown == sorted(shown), "the workflow's order, not the alphabet's"


def test_filtering_by_status_and_searching_find_what_a_person_types(query: CohortQuery) -> None:
    query.status = "draft"
    drafts = query.view()
    assert not drafts.empty
    assert set(drafts["status"]) == {"draft"}
    query.status = ""
    query.search = "ålesund 03"  # any case, words in any order, letters beyond ASCII
    found = query.view()
    assert found["student"].tolist() == ["Ålesund Student 03"]
    query.search = "  STUDENT 03   ÅLESUND "
    assert query.view()["student"].tolist() == ["Ålesund Student 03"]
    query.search = "nobody by that name"
    assert query.view().empty
    assert query.charts().status["layout"].get("annotations"), "an empty chart says so"


def test_exports_hold_the_rows_shown(query: CohortQuery) -> None:
    query.status = "submitted"
    shown = query.view()
    rows = list(csv.reader(io.StringIO(query.csv().decode("utf-8-sig"))))
    assert len(rows) == len(shown) + 1
    assert query.xlsx()[:2] == b"PK"
    assert query.export_stem() == "class"


def test_blind_mode_hides_names_without_reading_the_files_again(
    query: CohortQuery, tmp_path: Path
) -> None:
    names = set(query.view()["student"])
    shutil.rmtree(tmp_path / "class")  # switching needs no file
    query.set_blind(True)
    blind = query.view()
    assert not (names - {""}) & set(blind["student"]), "the problem row has no name"
    assert "workbook_id" not in blind.columns
    assert all(code.startswith("S-") for code in blind[blind["problem"] == ""]["student"])
    query.search = "ålesund"
    assert query.view().empty, "a blind table cannot be searched by name"
    query.search = ""
    query.set_blind(False)
    assert set(query.view()["student"]) == names


def test_switching_language_says_the_problems_in_it(query: CohortQuery) -> None:
    english = query.view()["problem"].iloc[-1]
    query.set_language("nb")
    bokmal = query.view()["problem"].iloc[-1]
    assert english != bokmal
    assert query.charts().status["data"][0]["x"][0] == "Utkast"


def test_a_download_that_cannot_be_read_leaves_the_table_shown(
    query: CohortQuery, tmp_path: Path
) -> None:
    before = query.view()
    with pytest.raises(PhysioreflectError) as caught:
        query.load(tmp_path / "not-there.zip")
    assert caught.value.key
    assert query.view().equals(before)
    assert query.source == tmp_path / "class"


def test_charts_follow_the_filter(query: CohortQuery) -> None:
    whole = query.charts()
    query.status = "approved"
    approved = query.charts()
    assert sum(approved.status["data"][0]["y"]) == len(query.view())
    assert sum(approved.status["data"][0]["y"]) < sum(whole.status["data"][0]["y"])


def test_a_class_read_without_its_course_rubric_is_named_by_its_reviews(
    tmp_path: Path,
) -> None:
    from physioreflect.content import parse_rubric  # noqa: PLC0415
    from physioreflect.fixtures import COURSE_RUBRIC  # noqa: PLC0415
    from physioreflect.model import RubricScore, with_status  # noqa: PLC0415

    names = parse_rubric(COURSE_RUBRIC.encode(), source="rubric.yaml").names()
    folder = tmp_path / "class"
    folder.mkdir()
    for author, level in (("Kari", 3), ("Ola", 1)):
        submitted = with_status(Workbook.new(title="Kasus", author=author), Status.submitted)
        workbook = with_status(submitted, Status.returned)
        workbook.review.course_rubric = names
        workbook.review.rubric = {"fys2100.perspective": RubricScore(level=level)}
        (folder / f"{author}.json").write_bytes(dump_workbook(workbook))
    query = CohortQuery(lang="en")
    query.load(folder)
    assert query.rubric == names
    # The chart: one bar group per course criterion, its levels by the course's names.
    chart = query.charts().rubric
    labels = {str(trace["name"]) for trace in chart["data"]}
    assert any("Not reached" in label for label in labels)
    assert any("Well reached" in label for label in labels)
    criteria = {str(y) for trace in chart["data"] for y in trace["y"]}
    assert "The patient's perspective" in criteria
    assert not any("reflect." in c or "fys2100." in c for c in criteria)
    # The spreadsheet, after a language switch too.
    query.set_language("nb")
    header = next(csv.reader(io.StringIO(query.csv().decode("utf-8-sig"))))
    assert any("Pasientens perspektiv" in name for name in header)
    assert not any("Oppmerksomhet" in name for name in header)
