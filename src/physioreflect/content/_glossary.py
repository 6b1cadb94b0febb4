"""The glossary: the preferred term for each concept in both languages, and what to avoid."""

from __future__ import annotations

import functools
import re
from typing import Annotated

from pydantic import Field, TypeAdapter

from physioreflect.content._library import _section
from physioreflect.content._schema import Identifier, LocalText, _Strict

__all__ = ["GlossaryTerm", "glossary"]


class AvoidedTerms(_Strict):
    nb: list[str]
    en: list[str]

    def patterns(self, lang: str) -> list[re.Pattern[str]]:
        return [re.compile(p, re.IGNORECASE) for p in (self.nb if lang == "nb" else self.en)]


class GlossaryTerm(_Strict):
    id: Identifier
    preferred: LocalText
    avoid: AvoidedTerms
    note: Annotated[str, Field(min_length=1)] | None = None


@functools.cache
def glossary() -> tuple[GlossaryTerm, ...]:
    """The built-in glossary (``glossary.yaml``), loaded once per process."""
    return tuple(_section("glossary.yaml", "terms", TypeAdapter(list[GlossaryTerm])))
