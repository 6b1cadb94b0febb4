"""Made-up Norwegian national ID numbers with real check digits, for tests only.

Written apart from :mod:`physioreflect.privacy._idnumbers` so that a mistake in the
package's check-digit weights cannot hide itself in the test data. The dates and individual
numbers are invented; the function only adds the two mod-11 check digits.
"""

from __future__ import annotations

from typing import Literal

Scheme = Literal["fodselsnummer", "d_number", "h_number", "synthetic_id"]


def _mod11(digits: str, weights: tuple[int, ...]) -> int | None:
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def national_id(
    day: int,
    month: int,
    year: int,
    individual: int,
    *,
    scheme: Scheme = "fodselsnummer",
    sep: str = "",
) -> str:
    """A valid number of ``scheme`` for the date, from the first individual number at or
    after ``individual`` that gives two valid check digits; ``sep`` between date and rest."""
    shown_day = day + 40 if scheme == "d_number" else day
    shown_month = month + {"h_number": 40, "synthetic_id": 80}.get(scheme, 0)
    for candidate in range(individual, individual + 1000):
        base = f"{shown_day:02d}{shown_month:02d}{year % 100:02d}{candidate % 1000:03d}"
        first = _mod11(base, (3, 7, 6, 1, 8, 9, 4, 5, 2))
        if first is None:
            continue
        second = _mod11(base + str(first), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if second is None:
            continue
        number = base + str(first) + str(second)
        return number[:6] + sep + number[6:]
    msg = f"no valid number for {day}.{month}.{year}"
    raise ValueError(msg)


def broken_checksum(number: str) -> str:
    """``number`` with its last digit changed, so the second check digit is wrong."""
    last = int(number[-1])
    return number[:-1] + str((last + 1) % 10)
