"""The glossary: the preferred term for each concept in both languages, and what to avoid."""

from __future__ import annotations

import functools
import re
from typing import Annotated, Final, Literal

from pydantic import Field, TypeAdapter

from physioreflect.content._library import _section
from physioreflect.content._schema import Identifier, LocalText, _Strict

__all__ = ["PATIENT_REGISTER_FILES", "GlossaryTerm", "Register", "glossary"]

PATIENT_REGISTER_FILES: Final = frozenset({"handout.yaml"})
"""The content files written to the patient; every other file is in the clinical register."""


class AvoidedTerms(_Strict):
    nb: list[str]
    en: list[str]

    def patterns(self, lang: str) -> list[re.Pattern[str]]:
        return [re.compile(p, re.IGNORECASE) for p in (self.nb if lang == "nb" else self.en)]


Register = Literal["clinical", "patient"]
"""Who a text speaks to: the clinician or student (every content file but the handout), or
the patient (``handout.yaml``). A word the clinical register avoids may be the one the
patient register prefers, and the other way round."""


class GlossaryTerm(_Strict):
    id: Identifier
    audience: Register = "clinical"
    """The register the term belongs to (YAML: ``audience``)."""
    preferred: LocalText
    avoid: AvoidedTerms
    note: Annotated[str, Field(min_length=1)] | None = None


@functools.cache
def glossary() -> tuple[GlossaryTerm, ...]:
    """The built-in glossary (``glossary.yaml``), loaded once per process."""
    return tuple(_section("glossary.yaml", "terms", TypeAdapter(list[GlossaryTerm])))
