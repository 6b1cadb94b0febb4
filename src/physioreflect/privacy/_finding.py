"""What a scan reports: one piece of text that looks like personal data, and where it is."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from physioreflect.content import message

__all__ = [
    "DIRECT_KINDS",
    "ID_KINDS",
    "INDIRECT_KINDS",
    "Confidence",
    "FieldPath",
    "Finding",
    "Kind",
    "placeholder",
]

FieldPath = tuple[str | int, ...]
"""Keys and list indexes from the workbook's top down to one string, e.g.
``("perspective", "answers", "inside.tried_before", "text")``. Kept as a tuple because
catalogue ids (the keys of ``answers``) contain dots themselves."""


class Kind(StrEnum):
    fodselsnummer = "fodselsnummer"
    d_number = "d_number"
    h_number = "h_number"
    synthetic_id = "synthetic_id"
    phone = "phone"
    email = "email"
    birth_date = "birth_date"
    address = "address"
    name = "name"
    # Indirect identifiers: found by indirect_identifiers() only, never replaced by
    # "replace all".
    exact_age = "exact_age"
    rare_occupation = "rare_occupation"
    workplace = "workplace"
    small_place = "small_place"
    event_date = "event_date"
    rare_diagnosis = "rare_diagnosis"


ID_KINDS: Final = frozenset({Kind.fodselsnummer, Kind.d_number, Kind.h_number, Kind.synthetic_id})
INDIRECT_KINDS: Final = frozenset(
    {
        Kind.exact_age,
        Kind.rare_occupation,
        Kind.workplace,
        Kind.small_place,
        Kind.event_date,
        Kind.rare_diagnosis,
    }
)
DIRECT_KINDS: Final = frozenset(Kind) - INDIRECT_KINDS


class Confidence(StrEnum):
    high = "high"
    """Checked (a valid check digit) or in unambiguous context: replace it."""
    low = "low"
    """Could be personal data, could be a coincidence: the author should look."""


def placeholder(kind: Kind, lang: str) -> str:
    """The text that replaces a finding of ``kind``, in ``lang`` ("[TELEFON]", "[PHONE]", …).

    Every national ID number gets the same placeholder: the reader of a de-identified
    workbook has no use for knowing which register the number came from.
    """
    group = "national_id" if kind in ID_KINDS else kind.value
    return message(f"privacy.placeholder.{group}", lang)


@dataclass(frozen=True)
class Finding:
    """One piece of text that looks like personal data.

    ``start`` and ``end`` index the string the finding was made in (``text[start:end] ==
    finding.text``); for a workbook, that is the string at ``path``.
    """

    kind: Kind
    text: str
    start: int
    end: int
    confidence: Confidence
    replacement: str
    """The placeholder in the language of the text, e.g. "[FØDSELSNUMMER]"."""
    path: FieldPath | None = None
    """Where in the workbook; ``None`` for plain text."""

    @property
    def field(self) -> str | None:
        """The path as dotted text, e.g. ``barriers.0.patient_words``."""
        return None if self.path is None else ".".join(str(part) for part in self.path)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "field": self.field,
            "confidence": self.confidence.value,
            "replacement": self.replacement,
        }
