"""Dates as people type them: day first, in the interface language's own form.

The browser's date input follows the browser's locale (mm/dd/yyyy in an English browser)
whatever language the page speaks, so the dashboard has a field of its own: it shows
``15.03.2027`` in bokmål and ``15/03/2027`` in English, and reads what people type —
``15.3.27``, ``15/03/2027``, ``15-3-2027`` or ``2027-03-15`` — in both.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

__all__ = ["DATE_PLACEHOLDER", "parse_typed_date", "typed_date"]

DATE_PLACEHOLDER: Final = {"nb": "dd.mm.åååå", "en": "dd/mm/yyyy"}
_SEPARATOR: Final = {"nb": ".", "en": "/"}

_DAY_FIRST: Final = re.compile(r"\A(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})\.?\Z")
_ISO: Final = re.compile(r"\A(\d{4})-(\d{1,2})-(\d{1,2})\Z")


def typed_date(value: dt.date | None, lang: str) -> str:
    """``value`` as the field shows it: ``15.03.2027`` (nb), ``15/03/2027`` (en); "" for none."""
    if value is None:
        return ""
    sep = _SEPARATOR["nb" if lang == "nb" else "en"]
    return f"{value.day:02d}{sep}{value.month:02d}{sep}{value.year:04d}"


def parse_typed_date(text: str) -> dt.date | None:
    """The date ``text`` means, ``None`` for a blank field. Raises :class:`ValueError` for
    anything that is not a day of the calendar (``31.02.2027``, ``15.13.2027``, words)."""
    text = text.strip()
    if not text:
        return None
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.match(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000  # "27" is 2027: follow-ups are planned ahead, never in the 1900s
    else:
        raise ValueError(text)
    return dt.date(year, month, day)  # ValueError for a day the month does not have
