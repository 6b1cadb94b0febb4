"""Are national ID numbers told apart by their check digits and their date part?"""

from __future__ import annotations

import pytest

from physioreflect.privacy import Kind, national_id_kind
from tests.unit.privacy.national_ids import Scheme, broken_checksum, national_id


@pytest.mark.parametrize(
    ("scheme", "kind"),
    [
        ("fodselsnummer", Kind.fodselsnummer),
        ("d_number", Kind.d_number),
        ("h_number", Kind.h_number),
        ("synthetic_id", Kind.synthetic_id),
    ],
)
@pytest.mark.parametrize(
    ("day", "month", "year", "individual"),
    [(1, 1, 1900, 0), (31, 12, 1999, 499), (29, 2, 1984, 120), (15, 6, 2010, 555)],
)
def test_every_scheme_is_recognised(
    scheme: Scheme, kind: Kind, day: int, month: int, year: int, individual: int
) -> None:
    number = national_id(day, month, year, individual, scheme=scheme)
    assert national_id_kind(number) is kind
    assert national_id_kind(broken_checksum(number)) is None


def test_a_synthetic_d_number_is_synthetic() -> None:
    """Skatteetaten's test register also has D-numbers (day + 40) with month + 80."""
    number = national_id(44, 3, 1980, 200, scheme="synthetic_id")
    assert number[:2] == "44"
    assert national_id_kind(number) is Kind.synthetic_id


def test_no_date_no_id() -> None:
    """Is a number with valid check digits but no date in any scheme rejected?"""
    for day, month in [(32, 1), (30, 2), (10, 13), (10, 0), (0, 5)]:
        number = national_id(day, month, 1970, 100)
        assert national_id_kind(number) is None, number


def test_leap_day_needs_a_leap_year() -> None:
    assert national_id_kind(national_id(29, 2, 1984, 1)) is Kind.fodselsnummer
    assert national_id_kind(national_id(29, 2, 1983, 1)) is None


def test_a_check_digit_of_ten_is_never_valid() -> None:
    """Is every number whose first check digit would be 10 refused, whatever comes after?"""
    weights = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    base = next(
        f"010190{i:03d}"
        for i in range(1000)
        if sum(int(d) * w for d, w in zip(f"010190{i:03d}", weights, strict=True)) % 11 == 1
    )
    assert all(national_id_kind(f"{base}{tail:02d}") is None for tail in range(100))


@pytest.mark.parametrize("text", ["", "1234567890", "123456789012", "0101901234x", "٠١٠١٩٠١٢٣٤٥"])
def test_not_eleven_ascii_digits(text: str) -> None:
    assert national_id_kind(text) is None
