"""Finding personal data in free text and in every text a person typed into a workbook.

Each detector proposes hits; where hits overlap, a sure one beats a maybe, then the more
specific kind wins (an ID number over a phone number over a date …), then the longer one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Final, NamedTuple

from pydantic import BaseModel

from physioreflect.model import Workbook
from physioreflect.privacy import _patterns as p
from physioreflect.privacy._finding import Confidence, FieldPath, Finding, Kind, placeholder
from physioreflect.privacy._idnumbers import national_id_kind, plausible_id_date
from physioreflect.privacy._lexicon import fold, lexicon
from physioreflect.privacy._names import find_names

__all__ = ["prose_fields", "scan_text", "scan_workbook"]

HIGH: Final = Confidence.high
LOW: Final = Confidence.low


class _Hit(NamedTuple):
    kind: Kind
    start: int
    end: int
    confidence: Confidence


def _before(text: str, start: int, width: int = 40) -> str:
    """The text just before ``start``, where context words are looked for."""
    return text[max(0, start - width) : start]


# ── national ID numbers ────────────────────────────────────────────────────────────────────

# Between the digit groups of a number run (see patterns.NUMBER_RUN).
_SEPARATOR: Final = re.compile(r"[ \u00a0-]")
_DIGITS: Final = re.compile(r"\d+")
_ID_GROUPINGS: Final = frozenset({(11,), (6, 5)})


def _digit_groups(text: str, match: re.Match[str]) -> list[tuple[int, int]]:
    """Where each group of digits of a number run without a country code lies."""
    body = _DIGITS.finditer(text, match.start("body"), match.end("body"))
    return [group.span() for group in body]


def _grouping(groups: list[tuple[int, int]]) -> tuple[int, ...]:
    return tuple(end - start for start, end in groups)


def _ids_inside(text: str, groups: list[tuple[int, int]]) -> Iterator[_Hit]:
    """ID numbers inside a longer run of numbers ("01019012345 91234567", a pasted contact
    line): there, only valid check digits make one."""
    for first in range(len(groups)):
        for part in (groups[first : first + 1], groups[first : first + 2]):
            if _grouping(part) not in _ID_GROUPINGS:
                continue
            start, end = part[0][0], part[-1][1]
            kind = national_id_kind(_SEPARATOR.sub("", text[start:end]))
            if kind is not None:
                yield _Hit(kind, start, end, HIGH)


def _id_numbers(text: str) -> Iterator[_Hit]:
    for match in p.NUMBER_RUN().finditer(text):
        if match["body"] != match[0]:
            # A country or area code: a phone number.
            continue
        groups = _digit_groups(text, match)
        if _grouping(groups) not in _ID_GROUPINGS:
            yield from _ids_inside(text, groups)
            continue
        number = _SEPARATOR.sub("", match["body"])
        kind = national_id_kind(number)
        if kind is not None:
            yield _Hit(kind, match.start(), match.end(), HIGH)
        elif plausible_id_date(number) or p.ID_CONTEXT().search(_before(text, match.start())):
            # A mistyped digit still leaves someone's ID number; the author should look.
            yield _Hit(Kind.fodselsnummer, match.start(), match.end(), LOW)


# ── e-mail ─────────────────────────────────────────────────────────────────────────────────


def _emails(text: str) -> Iterator[_Hit]:
    for match in p.EMAIL().finditer(text):
        yield _Hit(Kind.email, match.start(), match.end(), HIGH)


# ── phone numbers ─────────────────────────────────────────────────────────────────────────

_MOBILE_FIRST_DIGITS: Final = "49"
_LANDLINE_FIRST_DIGITS: Final = "23567"
# The ways Norwegians write eight digits: 91234567, 912 34 567, 91 23 45 67, 9123 4567.
_MOBILE_GROUPINGS: Final = frozenset({(8,), (3, 2, 3), (2, 2, 2, 2), (4, 4)})
_LANDLINE_GROUPINGS: Final = frozenset({(8,), (2, 2, 2, 2), (3, 2, 3)})
# Less usual groupings, believed only when a word around says "phone".
_CONTEXT_GROUPINGS: Final = frozenset({(8,), (3, 5), (5, 3), (2, 3, 3), (3, 3, 2), (2, 6), (6, 2)})


def _looks_like_series(groups: list[str]) -> bool:
    """Weekly minutes, pulse readings and repetitions come in round numbers or small steps
    ("20 30 40 50", "42 44 46 48", "92 92 94 96"); few phone numbers do."""
    if len(groups) < 2:
        return False
    values = [int(group) for group in groups]
    if all(value % 5 == 0 for value in values):
        return True
    same_width = len({len(group) for group in groups}) == 1
    return same_width and all(abs(b - a) <= 10 for a, b in itertools.pairwise(values))


def _eight_digits_confidence(
    first: str, grouping: tuple[int, ...], *, context: bool
) -> Confidence | None:
    if first in _MOBILE_FIRST_DIGITS and grouping in _MOBILE_GROUPINGS:
        return HIGH
    if first in _LANDLINE_FIRST_DIGITS and grouping in _LANDLINE_GROUPINGS:
        return HIGH if context else LOW
    # 8xx are free-phone and shared-cost numbers; odd groupings happen. Both need a word.
    if context and first not in "01" and grouping in _CONTEXT_GROUPINGS:
        return HIGH
    return None


def _domestic_confidence(match: re.Match[str], text: str) -> Confidence | None:
    """A number without a country code: Norwegian, or foreign and next to "phone"."""
    groups = _SEPARATOR.split(match["body"])
    if _looks_like_series(groups):
        return None
    before = _before(text, match.start())
    context = bool(
        p.PHONE_CONTEXT_BEFORE().search(before) or p.PHONE_CONTEXT_AFTER().match(text, match.end())
    )
    if not context and p.CLINICAL_CONTEXT_BEFORE().search(before):
        return None
    digits = "".join(groups)
    grouping = tuple(len(group) for group in groups)
    if len(digits) == 8:
        return _eight_digits_confidence(digits[0], grouping, context=context)
    # A foreign number written the domestic way ("020 7946 0958"): only next to "phone".
    if context and digits.startswith("0") and 10 <= len(digits) <= 11 and len(groups) >= 2:
        return HIGH
    return None


def _phone_confidence(match: re.Match[str], text: str) -> Confidence | None:
    if p.UNIT_AFTER().match(text, match.end()):
        return None
    digits = re.sub(r"\D", "", match["body"])
    area = re.sub(r"\D", "", match["area"] or "")
    country = match["cc"] or match["cc_paren"]
    if country is not None:
        # With a country code it is a phone number if the length is one (E.164: at most 15).
        return HIGH if 9 <= len(country + area + digits) <= 15 else None
    if area:
        # "(555) 123-4567", "(020) 7946 0958": a bracketed area code is a phone's shape.
        return HIGH if 9 <= len(area + digits) <= 11 else None
    return _domestic_confidence(match, text)


def _phones(text: str) -> Iterator[_Hit]:
    for match in p.NUMBER_RUN().finditer(text):
        confidence = _phone_confidence(match, text)
        if confidence is not None:
            yield _Hit(Kind.phone, match.start(), match.end(), confidence)
        elif match["body"] == match[0] and not p.UNIT_AFTER().match(text, match.end()):
            # Inside a longer run of numbers ("01019012345 91234567", a pasted contact
            # line), an unbroken mobile number still is one.
            groups = _digit_groups(text, match)
            for start, end in groups if len(groups) > 1 else ():
                if end - start == 8 and text[start] in _MOBILE_FIRST_DIGITS:
                    yield _Hit(Kind.phone, start, end, HIGH)


# ── dates of birth ─────────────────────────────────────────────────────────────────────────


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _two_digit_year(year: str) -> int:
    # Only whether 29 February exists depends on it, and that is the same a century apart.
    return 1900 + int(year) if len(year) == 2 else int(year)


def _birth_date_confidence(match: re.Match[str]) -> Confidence | None:
    if iso := match["iso"]:
        year, month, day = (int(part) for part in re.split(r"[-/.]", iso))
        return HIGH if _is_date(year, month, day) else None
    if numeric := match["numeric"]:
        first, second, year_text = re.split(r"[./-]", numeric)
        year = _two_digit_year(year_text)
        # Day first (Norwegian, British) or month first (American): either makes a date.
        dates = (_is_date(year, int(second), int(first)), _is_date(year, int(first), int(second)))
        return HIGH if any(dates) else LOW
    if compact := match["compact"]:
        if len(compact) == 8:
            as_dmy = _is_date(int(compact[4:]), int(compact[2:4]), int(compact[:2]))
            as_ymd = _is_date(int(compact[:4]), int(compact[4:6]), int(compact[6:]))
            return HIGH if as_dmy or as_ymd else None
        year = _two_digit_year(compact[4:])
        return HIGH if _is_date(year, int(compact[2:4]), int(compact[:2])) else None
    if match["day_month"]:
        # Day and month alone narrow a person down less than a full date: worth a look.
        return HIGH if match["dm_year"] else LOW
    return HIGH


def _birth_dates(text: str) -> Iterator[_Hit]:
    for match in p.BIRTH_DATE().finditer(text):
        confidence = _birth_date_confidence(match)
        if confidence is not None:
            yield _Hit(Kind.birth_date, match.start("date"), match.end("date"), confidence)


# ── addresses ─────────────────────────────────────────────────────────────────────────────

_FIRST_WORD: Final = re.compile(r"(\S+)[ \u00a0]+")


def _addresses(text: str) -> Iterator[_Hit]:
    for match in p.ADDRESS_POSTCODE().finditer(text):
        start, street_end = match.start(), match.end("street")
        # "I Storgata 12, …": the regex cannot tell a preposition from a street's first word.
        while (word := _FIRST_WORD.match(text, start, street_end)) and (
            word[1] in p.LEADING_NON_STREET
        ):
            start = word.end()
        street = text[start:street_end]
        if not street or match["place"] in p.NAME_STOPWORDS:
            continue
        if "," in match["sep"] or p.STREET_NAME_END().search(street):
            yield _Hit(Kind.address, start, match.end(), HIGH)
    for match in p.ADDRESS_UK().finditer(text):
        confidence = HIGH if match["postcode"] else LOW
        yield _Hit(Kind.address, match.start(), match.end(), confidence)
    for match in p.ADDRESS_NO_POSTCODE().finditer(text):
        if not p.UNIT_AFTER().match(text, match.end()):
            yield _Hit(Kind.address, match.start(), match.end(), LOW)


# ── names ─────────────────────────────────────────────────────────────────────────────────

_NAME_WORD: Final = re.compile(p.NAME_WORD)


def _name_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name words from ``start``, up to the first capitalised word that is not a name
    ("Dr. Google" names no one)."""
    span_end = start
    not_names = lexicon().not_names
    for word in _NAME_WORD.finditer(text, start, end):
        if word[0] in p.NAME_STOPWORDS or fold(word[0]) in not_names:
            break
        span_end = word.end()
    return (start, span_end) if span_end > start else None


def _names(text: str) -> Iterator[_Hit]:
    for match in p.NAME_AFTER_VERB().finditer(text):
        span = _name_span(text, match.start("name"), match.end("name"))
        if span is not None:
            subject = p.PERSON_BEFORE_VERB().search(text, max(0, match.start() - 40), match.start())
            sure = match["verb"].lower() == "named" or subject is not None
            yield _Hit(Kind.name, *span, HIGH if sure else LOW)
    for pattern, confidence in ((p.NAME_TRIGGER_HIGH(), HIGH), (p.NAME_TRIGGER_LOW(), LOW)):
        for match in pattern.finditer(text):
            span = _name_span(text, match.start("name"), match.end("name"))
            if span is not None:
                yield _Hit(Kind.name, *span, confidence)


def _names_in_context(text: str, lang: str) -> Iterator[_Hit]:
    for hit in find_names(text, lang):
        yield _Hit(Kind.name, hit.start, hit.end, hit.confidence)


# ── putting it together ───────────────────────────────────────────────────────────────────

# In the order that decides between overlapping hits of the same confidence: a checked ID
# number is surer than a phone number of the same digits, an address than the name in it.
_DETECTORS: Final[tuple[Callable[[str], Iterator[_Hit]], ...]] = (
    _id_numbers,
    _emails,
    _phones,
    _addresses,
    _birth_dates,
    _names,
)
# Last: a name found by a trigger phrase ("heter", "Mr.") is surer of its extent.
_LANGUAGE_DETECTORS: Final[tuple[Callable[[str, str], Iterator[_Hit]], ...]] = (_names_in_context,)


def _without_overlaps(hits: list[tuple[int, _Hit]]) -> list[_Hit]:
    """The (detector rank, hit) pairs that survive, by position, none overlapping another."""
    ranked = sorted(
        hits,
        key=lambda ranked_hit: (
            ranked_hit[1].confidence is not HIGH,
            ranked_hit[0],
            ranked_hit[1].start - ranked_hit[1].end,
            ranked_hit[1].start,
        ),
    )
    starts: list[int] = []
    chosen: list[_Hit] = []
    for _, hit in ranked:
        index = bisect.bisect_left(starts, hit.start)
        if index > 0 and chosen[index - 1].end > hit.start:
            continue
        if index < len(chosen) and chosen[index].start < hit.end:
            continue
        starts.insert(index, hit.start)
        chosen.insert(index, hit)
    return chosen


def _hits(text: str, lang: str) -> list[_Hit]:
    ranked = [(rank, hit) for rank, detect in enumerate(_DETECTORS) for hit in detect(text)]
    ranked += [
        (len(_DETECTORS) + rank, hit)
        for rank, detect in enumerate(_LANGUAGE_DETECTORS)
        for hit in detect(text, lang)
    ]
    return _without_overlaps(ranked)


def _hits_until_redaction_is_clean(text: str, lang: str) -> list[_Hit]:
    """The hits in ``text``, and those its redaction reveals, until the redaction is clean.

    A hit can hide its neighbour: "DOB 1800-1-1 0010…" reads as one long run of digits,
    and only once the date is a placeholder is the rest a phone number. Scanning the
    redacted text again (for text with findings only) finds those, so that one round of
    replacing leaves nothing behind.
    """
    chosen = _hits(text, lang)
    while chosen:
        # Where each stretch of the original text lies in the redacted one.
        pieces: list[tuple[int, int, int]] = []
        redacted_parts: list[str] = []
        position = shift = 0
        for hit in chosen:
            replacement = placeholder(hit.kind, lang)
            redacted_parts += [text[position : hit.start], replacement]
            pieces.append((position + shift, hit.start + shift, shift))
            shift += len(replacement) - (hit.end - hit.start)
            position = hit.end
        redacted_parts.append(text[position:])
        pieces.append((position + shift, len(text) + shift, shift))
        revealed = [
            _Hit(hit.kind, hit.start - offset, hit.end - offset, hit.confidence)
            for hit in _hits("".join(redacted_parts), lang)
            for start, end, offset in pieces
            # No pattern matches a placeholder's brackets: each hit lies in one stretch.
            if start <= hit.start and hit.end <= end
        ]
        if not revealed:
            break
        chosen = sorted(chosen + revealed, key=lambda hit: hit.start)
    return chosen


def _scan(text: str, lang: str, path: FieldPath | None) -> list[Finding]:
    return [
        Finding(
            kind=hit.kind,
            text=text[hit.start : hit.end],
            start=hit.start,
            end=hit.end,
            confidence=hit.confidence,
            replacement=placeholder(hit.kind, lang),
            path=path,
        )
        for hit in _hits_until_redaction_is_clean(text, lang)
    ]


def scan_text(text: str, *, lang: str = "nb") -> list[Finding]:
    """Everything in ``text`` that looks like personal data, in order of position.

    ``lang`` (``nb`` or ``en``) is the language of the suggested replacements; context words
    of both languages are recognised whatever it is.

    >>> [f.text for f in scan_text("Hun heter Kari, tlf. 912 34 567.")]
    ['Kari', '912 34 567']
    """
    return _scan(text, lang, None)


# Strings of the workbook that no one types as prose: catalogue and entry ids, the pain
# model's name, the course code; and the names of the student and supervisor, which are
# meant to be there — the scan is about the patient.
_NOT_PROSE: Final = frozenset(
    {
        "entry_id",
        "catalogue_id",
        "idea_id",
        "comment_id",
        "anchor",
        "strategies",
        "techniques",
        "side_benefits",
        "model",
        "course_code",
        "author",
        "reviewer",
    }
)


def _strings(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _NOT_PROSE:
                yield from _strings(getattr(value, name), (*path, name))
    elif isinstance(value, Enum):
        # Before str: the workbook's choices are StrEnums.
        return
    elif isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))


def prose_fields(workbook: Workbook) -> Iterator[tuple[FieldPath, str]]:
    """Every text a person typed into ``workbook``, with its path; blank ones left out."""
    for path, text in _strings(workbook, ()):
        if text.strip():
            yield path, text


_WORDS: Final = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _own_names(workbook: Workbook) -> frozenset[str]:
    """The words of the workbook author's name: it belongs there (a student writing "I, Kari
    Nordmann, …"); the scan is about patients."""
    return frozenset(fold(word) for word in _WORDS.findall(workbook.meta.author))


def _is_own_name(finding: Finding, own: frozenset[str]) -> bool:
    words = _WORDS.findall(finding.text)
    return finding.kind is Kind.name and bool(words) and all(fold(w) in own for w in words)


def scan_workbook(
    workbook: Workbook, *, where: Callable[[FieldPath], bool] | None = None
) -> list[Finding]:
    """Everything in ``workbook``'s texts that looks like personal data, field by field.

    This is the one scan for typed, uploaded and submitted workbooks alike (the dashboard's
    Summary, upload and review, the command line): its findings are what "replace all"
    replaces. Replacements are in the workbook's language. The author's own name is not a
    finding; indirect identifiers are found by :func:`indirect_identifiers` instead.
    ``where`` limits the scan to the fields it accepts (what the patient's handout prints).
    """
    lang = workbook.meta.language.value
    own = _own_names(workbook)
    return [
        finding
        for path, text in prose_fields(workbook)
        if where is None or where(path)
        for finding in _scan(text, lang, path)
        if not _is_own_name(finding, own)
    ]
