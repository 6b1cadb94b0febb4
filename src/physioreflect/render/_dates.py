"""Dates as a reader reads them, in the reader's language."""

from __future__ import annotations

import datetime as dt

from physioreflect.content import message

__all__ = ["written_date"]


def written_date(value: dt.date | dt.datetime, lang: str) -> str:
    """A date written out in ``lang``, e.g. "14. mars 2026" / "14 March 2026". Times are
    stored in UTC and written as UTC dates, so every machine shows the same day."""
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).date()
    month = message(f"export.month.{value.month}", lang)
    return message("export.date", lang, day=value.day, month=month, year=value.year)
