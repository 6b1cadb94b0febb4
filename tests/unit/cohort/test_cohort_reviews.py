"""The class table and the reviews kept beside the submissions: is each row's review state
the supervisor's record of that very file, and are the review files never rows themselves?"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from physioreflect.cohort import ReviewDesk, read_cohort
from physioreflect.model import (
    Decision,
    ReviewRecord,
    Status,
    Workbook,
    dump_workbook,
    release,
    with_status,
)

NOW = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)


def _submitted(title: str) -> Workbook:
    return with_status(Workbook.new(title=title, author="Ola", now=NOW), Status.submitted)


def _table(folder: Path) -> dict[str, dict[str, object]]:
    cohort = read_cohort(folder, required_prompts=(), lang="en")
    return {str(row["file"]): row for row in cohort.table.to_dict("records")}


def _record(folder: Path, name: str, workbook: Workbook) -> ReviewRecord:
    return ReviewRecord.start(
        workbook, name=name, data=(folder / name).read_bytes(), reviewer="Vera", now=NOW
    )


def test_a_rows_review_state_comes_from_its_record(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    drafted, released, untouched = (_submitted(t) for t in ("A", "B", "C"))
    for name, workbook in (("a.json", drafted), ("b.json", released), ("c.json", untouched)):
        (folder / name).write_bytes(dump_workbook(workbook))
    desk = ReviewDesk(folder)
    record = _record(folder, "a.json", drafted)
    desk.save(
        record.revised(record.review.model_copy(update={"decision": Decision.approved}), now=NOW)
    )
    record = _record(folder, "b.json", released)
    record = record.revised(
        record.review.model_copy(update={"decision": Decision.returned}), now=NOW
    )
    returned, final = release(released, record, now=NOW)
    desk.write_returned("b.json", returned)
    desk.save(final)
    rows = _table(folder)
    assert set(rows) == {"a.json", "b.json", "c.json"}  # the review files are not rows
    assert (rows["a.json"]["review"], rows["a.json"]["decision"]) == ("draft", "approved")
    assert (rows["b.json"]["review"], rows["b.json"]["decision"]) == ("released", "returned")
    assert (rows["c.json"]["review"], rows["c.json"]["decision"]) == ("", "")


def test_a_record_of_other_bytes_or_a_damaged_one_is_said(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    workbook = _submitted("A")
    (folder / "a.json").write_bytes(dump_workbook(workbook))
    ReviewDesk(folder).save(_record(folder, "a.json", workbook))
    (folder / "a.json").write_bytes(dump_workbook(_submitted("A, handed in again")))
    (folder / "b.json").write_bytes(dump_workbook(_submitted("B")))
    (folder / "b.review.json").write_text("{ not json")
    rows = _table(folder)
    assert rows["a.json"]["review"] == "outdated"
    assert rows["b.json"]["review"] == "unreadable"


def test_a_resubmission_shows_no_decision_of_the_earlier_round(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    earlier = _submitted("A")
    returned = earlier.model_copy(deep=True)
    returned.meta.status = Status.returned
    returned.review.decision = Decision.returned
    again = with_status(returned, Status.submitted)
    (folder / "a.json").write_bytes(dump_workbook(again))
    row = _table(folder)["a.json"]
    assert (row["status"], row["review"], row["decision"]) == ("submitted", "", "")
