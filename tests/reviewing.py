"""What the tests of reviewing share: a clock that ticks a minute per reading, and a submitted
workbook to review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from physioreflect.model import Status, Workbook, with_status

START = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def ticking(start: dt.datetime = START) -> Iterator[dt.datetime]:
    """Moments a minute apart from ``start``: each change of a review is a later one."""
    moment = start
    while True:
        moment += dt.timedelta(minutes=1)
        yield moment


def submitted(title: str = "Kasus: hofte", author: str = "Nora Student", **case: str) -> Workbook:
    """A new workbook by ``author`` with ``case`` fields filled in, handed in."""
    workbook = Workbook.new(title=title, author=author, now=START)
    for key, value in case.items():
        setattr(workbook.case, key, value)
    return with_status(workbook, Status.submitted)
