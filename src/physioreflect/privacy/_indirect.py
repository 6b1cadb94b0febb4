"""Indirect identifiers: details that alone name no one, but together can point to one
real patient: an exact age (not an age band), a rare occupation, a named workplace, a
small place, the exact date of a recent event, a rare diagnosis.

Every finding is of low confidence and none is replaced by "replace all": the author
decides whether to write "in her fifties" instead of "52", "a small town in the west"
instead of the name of the village. When a workbook combines two or more kinds,
:func:`indirect_warning` says so, with the reason (taushetsplikt, helsepersonelloven § 21)
and the guidance on de-identifying a case, in the UI catalog.

The lists (``data/indirect.txt``) and patterns load on first use.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Final, NamedTuple

from physioreflect._regex import compile_all
from physioreflect.model import Workbook
from physioreflect.privacy._finding import (
    INDIRECT_KINDS,
    Confidence,
    FieldPath,
    Finding,
    Kind,
    placeholder,
)
from physioreflect.privacy._lexicon import fold, lexicon
from physioreflect.privacy._scan import prose_fields

__all__ = ["IndirectWarning", "indirect_identifiers", "indirect_in_text", "indirect_warning"]

LOW: Final = Confidence.low
RECENT_YEARS: Final = 2
"""A date this many years back (or fewer) is recent: it may match a record of the event."""

_MONTHS: Final = (
    "januar|january|jan|februar|february|feb|mars|march|mar|april|apr|mai|may|juni|june|jun|"
    "juli|july|jul|august|aug|september|sept|sep|oktober|october|okt|oct|november|nov|"
    "desember|december|des|dec"
)
_MONTH_NUMBER: Final = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "january", "jan"),
            ("februar", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Words before a date that make it the student's own schedule, not the patient's story.
_SCHEDULE: Final = (
    r"(?i)\b(?:time|timen|timer|neste|kontroll|oppfølging|oppstart|møte|økt|økta|avtale|"
    r"appointment|follow-up|review|session|visit|meeting|next|booked|planned|planlagt|"
    r"innlevering|frist|deadline|f\.o\.m\.|t\.o\.m\.|fra\s+og\s+med|til\s+og\s+med)\b[^.\n]{0,25}$"
)
_SMALL_PLACE_CUE: Final = (
    r"(?i:\b(?:bor|bodde|vokste\s+opp|flyttet|kommer|er)\s+(?:i|på|til|fra)|\bfra|"
    r"\b(?:lives|lived|grew\s+up|moved)\s+(?:in|to|from)|\bcomes\s+from|\bfrom)"
)
_WORKPLACE_CUE: Final = (
    r"(?i:\b(?:jobber|jobbet|arbeider|arbeidet|ansatt|er\s+ansatt|jobb)\s+(?:på|i|ved|hos|for)|"
    r"\b(?:works|worked|working|employed|job)\s+(?:at|in|for|by|with))"
)


class _Rules(NamedTuple):
    age: re.Pattern[str]
    date: re.Pattern[str]
    small_place: re.Pattern[str]
    workplace: re.Pattern[str]
    occupation: re.Pattern[str]
    diagnosis: re.Pattern[str]
    large_places: frozenset[str]
    schedule: re.Pattern[str]


def _phrases(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@functools.cache
def _rules() -> _Rules:
    text = resources.files("physioreflect.privacy").joinpath("data/indirect.txt").read_text("utf-8")
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            continue
        sections.setdefault(current, []).append(line)
    capital = r"[A-ZÆØÅÄÖÜÉ][\w'’-]+"
    sources = {
        "age": (
            r"(?i)(?:\b(?P<n1>\d{1,3})\s*(?:år\s+gam(?:mel|le)|-?åring(?:en)?|-årig|"
            r"-?years?[- ]old|-?year-old|yo\b|y\.o\.)"
            r"|\b(?:aged?|alder|age)\s*:?\s*(?P<n2>\d{1,3})\b(?!\s*[-–]\s*\d)"
            r"|\b(?:er|var|blir|fylte|fyller|har\s+fylt|is|was|turned|turns)\s+(?P<n3>\d{1,3})"
            r"\s*(?:år)?(?=\s*(?:[,.;)]|og\b|and\b|$))"
            r"|(?:kvinne|mann|pasient|dame|herre|gutt|jente|woman|man|patient|male|female|"
            r"[A-ZÆØÅ][a-zæøå]+)\s*[(,]\s*(?P<n4>\d{1,3})\s*(?:år)?\s*[),])"
        ),
        "date": (
            r"(?i)\b(?P<day>0?[1-9]|[12]\d|3[01])(?:\.|st|nd|rd|th)?\s+(?:of\s+)?"
            r"(?P<month>" + _MONTHS + r")\b\.?(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
            r"|\b(?P<nday>0?[1-9]|[12]\d|3[01])[./](?P<nmonth>0?[1-9]|1[0-2])[./]"
            r"(?P<nyear>(?:19|20)?\d{2})\b"
        ),
        "small_place": (
            _SMALL_PLACE_CUE + r"\s+(?P<place>" + capital + r"(?:[ -]" + capital + r")?)"
        ),
        "workplace": (
            _WORKPLACE_CUE
            + r"\s+(?P<place>"
            + capital
            + r"(?:\s+(?:"
            + capital
            + r"|\d{1,4}|sykehus|hospital|skole|barnehage|sykehjem|kommune|AS|ASA))*)"
        ),
        "occupation": r"(?i)(?<!\w)(?:" + _phrases(sections["occupation"]) + r")(?!\w)",
        "diagnosis": (
            r"(?<!\w)(?:"
            + "|".join(
                re.escape(word) if word.isupper() else "(?i:" + re.escape(word) + ")"
                for word in sorted(sections["diagnosis"], key=len, reverse=True)
            )
            + r")(?!\w)"
        ),
        "schedule": _SCHEDULE,
    }
    # Compiled together, or read back compiled (see physioreflect._regex).
    compiled = dict(
        zip(sources, compile_all("privacy-indirect", list(sources.values())), strict=True)
    )
    large_places = frozenset(
        fold(word) for line in sections["large_place"] for word in line.split()
    )
    return _Rules(**compiled, large_places=large_places)


class _Hit(NamedTuple):
    kind: Kind
    start: int
    end: int


def _ages(rules: _Rules, text: str) -> Iterator[_Hit]:
    for match in rules.age.finditer(text):
        group = next(name for name in ("n1", "n2", "n3", "n4") if match[name])
        if 0 < int(match[group]) <= 110:
            yield _Hit(Kind.exact_age, *match.span(group))


def _event_dates(rules: _Rules, text: str, today: dt.date) -> Iterator[_Hit]:
    for match in rules.date.finditer(text):
        if rules.schedule.search(text, max(0, match.start() - 40), match.start()):
            continue
        year_text = match["year"] or match["nyear"]
        if year_text is None:
            # Day and month alone: this year or last, as the author tells it.
            yield _Hit(Kind.event_date, *match.span())
            continue
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        month = _MONTH_NUMBER[match["month"].lower()] if match["month"] else int(match["nmonth"])
        day = int(match["day"] or match["nday"])
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        # A recent past event; a future date is a plan, an old one a history.
        if today - dt.timedelta(days=366 * RECENT_YEARS) <= date <= today:
            yield _Hit(Kind.event_date, *match.span())


def _small_places(rules: _Rules, text: str) -> Iterator[_Hit]:
    lex = lexicon()
    for match in rules.small_place.finditer(text):
        place = match["place"]
        key = fold(place.split()[0])
        if key in rules.large_places or lex.is_large_place(key) or key in lex.stopwords:
            continue
        if key in lex.given or key in lex.not_names:
            continue
        yield _Hit(Kind.small_place, *match.span("place"))


def _workplaces(rules: _Rules, text: str) -> Iterator[_Hit]:
    lex = lexicon()
    for match in rules.workplace.finditer(text):
        key = fold(match["place"].split()[0])
        if key in lex.stopwords or key in rules.large_places or lex.is_large_place(key):
            continue
        yield _Hit(Kind.workplace, *match.span("place"))


def indirect_in_text(text: str, *, lang: str = "nb", today: dt.date | None = None) -> list[Finding]:
    """The indirect identifiers in ``text``, in order of position; all of low confidence.

    >>> [f.kind.value for f in indirect_in_text("Hun er 52 år og jobber som fyrvokter.")]
    ['exact_age', 'rare_occupation']
    """
    return _findings(text, lang, None, today or dt.date.today())


def _findings(text: str, lang: str, path: FieldPath | None, today: dt.date) -> list[Finding]:
    rules = _rules()
    hits = [
        *_ages(rules, text),
        *_event_dates(rules, text, today),
        *_small_places(rules, text),
        *_workplaces(rules, text),
        *(_Hit(Kind.rare_occupation, *m.span()) for m in rules.occupation.finditer(text)),
        *(_Hit(Kind.rare_diagnosis, *m.span()) for m in rules.diagnosis.finditer(text)),
    ]
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end)):
        if chosen and hit.start < chosen[-1].end:
            continue
        chosen.append(hit)
    return [
        Finding(
            kind=hit.kind,
            text=text[hit.start : hit.end],
            start=hit.start,
            end=hit.end,
            confidence=LOW,
            replacement=placeholder(hit.kind, lang),
            path=path,
        )
        for hit in chosen
    ]


def indirect_identifiers(workbook: Workbook, *, today: dt.date | None = None) -> list[Finding]:
    """Every indirect identifier in ``workbook``'s texts, field by field; low confidence,
    never part of "replace all" (:func:`scan_workbook` does not return them)."""
    lang = workbook.meta.language.value
    day = today or dt.date.today()
    return [
        finding
        for path, text in prose_fields(workbook)
        for finding in _findings(text, lang, path, day)
    ]


@dataclass(frozen=True)
class IndirectWarning:
    """Two or more kinds of indirect identifier in one workbook: a soft warning.

    ``message_key`` and ``guidance_key`` name texts of the UI catalog (both languages);
    ``kinds`` fill the first one's ``{kinds}``, e.g. via ``privacy.kind.<kind>``.
    """

    kinds: tuple[Kind, ...]
    findings: tuple[Finding, ...]
    message_key: str = "privacy.indirect.warning"
    guidance_key: str = "privacy.indirect.guidance"


def indirect_warning(findings: list[Finding]) -> IndirectWarning | None:
    """The soft warning when ``findings`` (from :func:`indirect_identifiers`) combine two or
    more kinds; None when they are of one kind or none: one detail alone rarely points to
    anyone."""
    indirect = [finding for finding in findings if finding.kind in INDIRECT_KINDS]
    kinds = tuple(dict.fromkeys(finding.kind for finding in indirect))
    if len(kinds) < 2:
        return None
    return IndirectWarning(kinds=kinds, findings=tuple(indirect))
