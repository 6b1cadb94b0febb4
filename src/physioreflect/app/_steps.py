"""The guided flow: its steps, the sections each step fills in, and the page address."""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from physioreflect.model import Section, SectionCompleteness

__all__ = [
    "STEPS",
    "STEP_SECTIONS",
    "Query",
    "Step",
    "parse_query",
    "query_from_voila",
    "step_progress",
]


class Step(StrEnum):
    start = "start"
    case = "case"
    perspective = "perspective"
    barriers = "barriers"
    plan = "plan"
    reflection = "reflection"
    summary = "summary"


STEPS: Final = tuple(Step)

STEP_SECTIONS: Final[Mapping[Step, tuple[Section, ...]]] = {
    Step.case: (Section.case,),
    Step.perspective: (Section.perspective,),
    Step.barriers: (Section.barriers, Section.facilitators),
    Step.plan: (Section.plan,),
    Step.reflection: (Section.reflection,),
}


def step_progress(
    step: Step, sections: Mapping[Section, SectionCompleteness]
) -> tuple[int, int] | None:
    """(required done, required total) over the sections a step fills in."""
    parts = [sections[s] for s in STEP_SECTIONS.get(step, ()) if s in sections]
    if not parts:
        return None
    return sum(p.required_done for p in parts), sum(p.required_total for p in parts)


@dataclass(frozen=True)
class Query:
    workbook: str | None = None
    lang: str | None = None
    step: Step | None = None


def parse_query(query: str) -> Query:
    """``workbook=<id>&lang=nb|en&step=<step>``; anything unknown or malformed is ignored."""
    values = urllib.parse.parse_qs(query.lstrip("?"), keep_blank_values=False)

    def first(name: str) -> str | None:
        found = values.get(name)
        return found[0][:100] if found else None

    lang = first("lang")
    step = first("step")
    return Query(
        workbook=first("workbook"),
        lang=lang if lang in ("nb", "en") else None,
        step=Step(step) if step is not None and step in Step.__members__ else None,
    )


def query_from_voila() -> str:
    """The page's query string inside a Voila kernel.

    Voila puts it in the kernel's environment; a preheated kernel (started before anyone
    asked for the page) has to wait for it. Importing ``voila.utils`` takes about a second,
    so it is only imported in that case, where the kernel was started ahead of time."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string  # noqa: PLC0415 - slow; preheated only

        return get_query_string() or ""
    return os.environ.get("QUERY_STRING", "")
