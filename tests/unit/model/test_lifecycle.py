"""Does the status move only along draft → submitted → returned / approved?"""

from __future__ import annotations

import pytest

from physioreflect.errors import InvalidTransition
from physioreflect.model import Status, Workbook, is_editable_by_author, with_status


def test_the_normal_path() -> None:
    workbook = Workbook.new(title="x")
    submitted = with_status(workbook, Status.submitted)
    assert not is_editable_by_author(submitted)
    returned = with_status(submitted, Status.returned)
    assert is_editable_by_author(returned)
    approved = with_status(with_status(returned, Status.submitted), Status.approved)
    assert approved.meta.status is Status.approved
    assert workbook.meta.status is Status.draft, "the original is not changed"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.draft, Status.approved),
        (Status.draft, Status.returned),
        (Status.approved, Status.draft),
        (Status.approved, Status.submitted),
    ],
)
def test_shortcuts_are_refused(start: Status, target: Status) -> None:
    workbook = Workbook.new(title="x")
    workbook = workbook.model_copy(
        update={"meta": workbook.meta.model_copy(update={"status": start})}
    )
    with pytest.raises(InvalidTransition):
        with_status(workbook, target)
