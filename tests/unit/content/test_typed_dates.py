"""Are dates shown and read day first, in the interface language's form?"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from physioreflect.content import parse_typed_date, typed_date


def test_a_date_is_shown_in_the_languages_own_form() -> None:
    day = dt.date(2027, 3, 5)
    assert typed_date(day, "nb") == "05.03.2027"
    assert typed_date(day, "en") == "05/03/2027"
    assert typed_date(None, "nb") == ""


@pytest.mark.parametrize(
    "text",
    ["5.3.2027", "05.03.2027", "5.3.27", "05/03/2027", "5-3-2027", "2027-03-05", " 5. 3. 2027 "],
)
def test_what_people_type_is_read_day_first(text: str) -> None:
    assert parse_typed_date(text) == dt.date(2027, 3, 5)


def test_a_blank_field_is_no_date() -> None:
    assert parse_typed_date("  ") is None


@pytest.mark.parametrize(
    "text", ["31.02.2027", "15.13.2027", "neste uke", "03/15/2027", "2027", "1.1", "12345678"]
)
def test_anything_but_a_day_of_the_calendar_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_typed_date(text)


@given(day=st.dates(min_value=dt.date(1000, 1, 1)), lang=st.sampled_from(["nb", "en"]))
def test_a_shown_date_reads_back_as_itself(day: dt.date, lang: str) -> None:
    assert parse_typed_date(typed_date(day, lang)) == day
