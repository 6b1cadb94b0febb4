"""Does the review find the round reviewed before this one — the previous copy in the shared
submissions folder, or the workbook returned last time beside a learning platform's file —
and say plainly when there is none?"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from physioreflect.app import ReviewSession
from physioreflect.errors import InvalidWorkbook
from physioreflect.model import (
    Decision,
    Section,
    Status,
    Workbook,
    dump_workbook,
    parse_workbook,
    with_status,
)
from physioreflect.storage import submit_copy
from tests.reviewing import START, submitted, ticking


@pytest.fixture
def clock() -> Iterator[dt.datetime]:
    return ticking()


def _submission(**case: str) -> Workbook:
    return submitted("Noras kasus: hofte", **case)


def _session(source: Path, name: str, clock: Iterator[dt.datetime]) -> ReviewSession:
    return ReviewSession(source, name, reviewer="Vera Veileder", clock=lambda: next(clock))


def _lines(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (section["id"], line["kind"], "".join(p["text"] for p in line["parts"]))
        for section in data["sections"]
        for line in section["lines"]
    ]


def _resubmitted(returned: Workbook, at: dt.datetime, **case: str) -> Workbook:
    """The student's revision of a returned workbook, handed in again."""
    revised = returned.model_copy(deep=True)
    for key, value in case.items():
        setattr(revised.case, key, value)
    if revised.meta.status is not Status.submitted:
        revised = with_status(revised, Status.submitted)
    meta = revised.meta.model_copy(update={"submitted": at})
    return revised.model_copy(update={"meta": meta})


def test_a_first_hand_in_has_no_earlier_round(tmp_path: Path, clock: Iterator[dt.datetime]) -> None:
    (tmp_path / "nora").mkdir()
    (tmp_path / "nora/refleksjon.json").write_bytes(dump_workbook(_submission()))
    session = _session(tmp_path, "nora/refleksjon.json", clock)
    assert session.earlier_round() is None
    assert session.changes("nb") is None
    session.add_comment(Section.case, "Spør hva hun liker.")
    session.set_decision(Decision.returned)
    session.release()
    # This file's own returned workbook is not an earlier round, now or when opened again.
    assert session.earlier_round() is None
    assert _session(tmp_path, "nora/refleksjon.json", clock).earlier_round() is None


def test_a_resubmission_replacing_the_file_is_compared_with_the_returned_workbook(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    (tmp_path / "nora").mkdir()
    handed_in = _submission(likes_to_do="Strikke.")
    (tmp_path / "nora/refleksjon.json").write_bytes(dump_workbook(handed_in))
    first = _session(tmp_path, "nora/refleksjon.json", clock)
    first.add_comment(Section.case, "Spør hva hun liker.")
    first.set_decision(Decision.returned)
    returned = parse_workbook(first.release().read_bytes())
    # The learning platform's new download replaces the file under the same name.
    revised = _resubmitted(
        returned, START + dt.timedelta(days=3), likes_to_do="Strikke og danse salsa."
    )
    (tmp_path / "nora/refleksjon.json").write_bytes(dump_workbook(revised))
    second = _session(tmp_path, "nora/refleksjon.json", clock)
    earlier = second.earlier_round()
    assert earlier is not None
    assert earlier.found_as == "returned"
    assert earlier.name == "nora/refleksjon.returned.json"
    assert earlier.workbook.case.likes_to_do == "Strikke."
    found = second.changes("nb")
    assert found is not None
    _, data = found
    changed = [(s, k, t) for s, k, t in _lines(data) if k in ("added", "removed")]
    assert changed == [
        ("case", "removed", "Strikke."),
        ("case", "added", "Strikke og danse salsa."),
    ]


def test_the_shared_folder_compares_with_the_previous_copy(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    folder = tmp_path / "delt"
    one = submit_copy(_submission(wants_to_achieve="Gå til butikken."), folder, now=START)
    later = START + dt.timedelta(days=2)
    two = submit_copy(
        _resubmitted(parse_workbook(one.read_bytes()), later, wants_to_achieve="Gå til byen."),
        folder,
        now=later,
    )
    assert one.parent == two.parent
    workbook_id = one.parent.name
    second = _session(folder, f"{workbook_id}/{two.name}", clock)
    earlier = second.earlier_round()
    assert earlier is not None
    assert (earlier.found_as, earlier.name) == ("copy", f"{workbook_id}/{one.name}")
    assert earlier.workbook.meta.submitted == START
    found = second.changes("en")
    assert found is not None
    assert [(k, t) for _, k, t in _lines(found[1]) if k in ("added", "removed")] == [
        ("removed", "Gå til butikken."),
        ("added", "Gå til byen."),
    ]
    assert _session(folder, f"{workbook_id}/{one.name}", clock).earlier_round() is None


def test_blind_changes_name_no_one(tmp_path: Path, clock: Iterator[dt.datetime]) -> None:
    folder = tmp_path / "delt"
    one = submit_copy(_submission(), folder, now=START)
    later = START + dt.timedelta(days=1)
    renamed = parse_workbook(one.read_bytes())
    renamed.meta.title = "Nora Students nye kasus"
    two = submit_copy(_resubmitted(renamed, later), folder, now=later)
    session = _session(folder, f"{one.parent.name}/{two.name}", clock)
    found = session.changes("nb", blind_as="S-7KQ2M4XD")
    assert found is not None
    text = json.dumps(found[1], ensure_ascii=False)
    assert ("meta", "added", "Tittel: S-7KQ2M4XD nye kasus") in _lines(found[1])
    assert "Nora" not in text and "Student" not in text


def test_a_damaged_earlier_round_is_a_clear_problem(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    (tmp_path / "nora").mkdir()
    (tmp_path / "nora/refleksjon.json").write_bytes(dump_workbook(_submission()))
    (tmp_path / "nora/refleksjon.returned.json").write_text('{"schema_version": ')
    session = _session(tmp_path, "nora/refleksjon.json", clock)
    with pytest.raises(InvalidWorkbook) as error:
        session.earlier_round()
    assert error.value.problems


def test_a_returned_file_of_another_workbook_is_no_earlier_round(
    tmp_path: Path, clock: Iterator[dt.datetime]
) -> None:
    (tmp_path / "nora").mkdir()
    (tmp_path / "nora/refleksjon.json").write_bytes(dump_workbook(_submission()))
    other = Workbook.new(title="Et annet kasus", now=START)
    (tmp_path / "nora/refleksjon.returned.json").write_bytes(dump_workbook(other))
    assert _session(tmp_path, "nora/refleksjon.json", clock).earlier_round() is None
