"""Does every valid workbook survive the trip to a file and back, unchanged?"""

from __future__ import annotations

import json

from hypothesis import given, settings

from physioreflect.model import Workbook, dump_workbook, parse_workbook
from tests.strategies import workbooks


@given(workbooks())
@settings(max_examples=150, deadline=None)
def test_file_round_trip_is_lossless(workbook: Workbook) -> None:
    assert parse_workbook(dump_workbook(workbook)) == workbook


@given(workbooks())
@settings(max_examples=60, deadline=None)
def test_dump_is_stable_and_readable(workbook: Workbook) -> None:
    """Is the file form deterministic, UTF-8 (not \\u-escaped) and ordered as the format says?"""
    first = dump_workbook(workbook)
    assert first == dump_workbook(parse_workbook(first))
    data = json.loads(first)
    assert list(data) == [
        "meta",
        "case",
        "perspective",
        "barriers",
        "facilitators",
        "plan",
        "reflection",
        "review",
    ]
    assert list(data["perspective"]["answers"]) == sorted(data["perspective"]["answers"])
    assert first.endswith(b"\n")


def test_norwegian_text_is_written_as_is() -> None:
    workbook = Workbook.new(title="Kneartrose – «gå tur» på tirsdager, Æ Ø Å")
    assert "«gå tur» på tirsdager, Æ Ø Å".encode() in dump_workbook(workbook)


def test_timestamps_are_stored_in_utc() -> None:
    workbook = Workbook.new(title="x")
    data = json.loads(dump_workbook(workbook))
    assert data["meta"]["created"].endswith("Z")
