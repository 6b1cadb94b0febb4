"""Norwegian national ID numbers: fødselsnummer, D-, H- and synthetic test numbers.

Eleven digits: a date (DDMMYY), three individual digits and two mod-11 check digits. A
D-number adds 4 to the first digit of the day, an H-number 40 to the month, a synthetic
test number (Skatteetaten's test register) 80 to the month.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from physioreflect.privacy._finding import Kind

__all__ = ["national_id_kind", "plausible_id_date"]

_FIRST_WEIGHTS: Final = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_SECOND_WEIGHTS: Final = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_DAYS_IN_MONTH: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _check_digit(digits: Sequence[int], weights: Sequence[int]) -> int | None:
    remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    check = (11 - remainder) % 11
    # A remainder that would need the check digit 10 means no number is issued with it.
    return None if check == 10 else check


def _date_kind(number: str) -> Kind | None:
    """The kind the date part says, or None when it is no date in any of the schemes."""
    day, month, year = int(number[0:2]), int(number[2:4]), int(number[4:6])
    kind = Kind.fodselsnummer
    if month > 80:
        month -= 80
        kind = Kind.synthetic_id
    elif month > 40:
        month -= 40
        kind = Kind.h_number
    if day > 40:
        day -= 40
        if kind is Kind.h_number:
            # No register combines the two offsets.
            return None
        if kind is Kind.fodselsnummer:
            kind = Kind.d_number
    if not 1 <= month <= 12:
        return None
    # The century hides in the individual digits by rules that D-, H- and test numbers do
    # not all follow; a leap day is allowed in any year divisible by four.
    last_day = 28 if month == 2 and year % 4 else _DAYS_IN_MONTH[month - 1]
    return kind if 1 <= day <= last_day else None


def plausible_id_date(number: str) -> bool:
    """Do the first six of these eleven digits read as the date of some ID number scheme?"""
    return _date_kind(number) is not None


def national_id_kind(number: str) -> Kind | None:
    """The kind of national ID ``number`` (eleven digits) is, or None when it is none.

    None when a check digit is wrong or the date part is no date, in every scheme.
    """
    if len(number) != 11 or not number.isascii() or not number.isdigit():
        return None
    digits = [int(c) for c in number]
    if _check_digit(digits[:9], _FIRST_WEIGHTS) != digits[9]:
        return None
    if _check_digit(digits[:10], _SECOND_WEIGHTS) != digits[10]:
        return None
    return _date_kind(number)
