"""The content library and the UI catalog: every text a user reads, in bokmål and English.

The UI catalog (``message`` and friends) is imported at once: every edge needs it. The
content library, its schema, the glossary, the references and the prompt sets load when
first asked for: the command line checking a file, or a page showing that it is starting,
needs none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from physioreflect._lazy import lazy_attributes
from physioreflect.content._dates import DATE_PLACEHOLDER, parse_typed_date, typed_date
from physioreflect.content._ui import (
    LANGUAGES,
    describe_error,
    describe_problem,
    format_location,
    message,
    ui_catalog,
)

if TYPE_CHECKING:
    from physioreflect.content._glossary import GlossaryTerm, glossary
    from physioreflect.content._library import (
        BUILT_IN_RUBRIC,
        ContentLibrary,
        FactorKind,
        library,
        load_prompt_set,
        load_rubric,
        parse_prompt_set,
        parse_rubric,
    )
    from physioreflect.content._readability import LIX_LIMITS, Lix, lix, reads_hard
    from physioreflect.content._references import (
        ReferencePart,
        reference_note,
        reference_parts,
        reference_sort_key,
        reference_text,
    )
    from physioreflect.content._schema import (
        ActivityIdea,
        ActivityKind,
        BctTechnique,
        ConditionNote,
        FactItem,
        Factor,
        HandoutHelp,
        HandoutHelpItem,
        HandoutTexts,
        LocalText,
        PlanFacts,
        Prompt,
        PromptSet,
        ReflectionPrompt,
        Rubric,
        RubricCriterion,
        RubricLevel,
        Source,
        SourceKind,
        Strategy,
    )

__all__ = [
    "BUILT_IN_RUBRIC",
    "DATE_PLACEHOLDER",
    "LANGUAGES",
    "LIX_LIMITS",
    "ActivityIdea",
    "ActivityKind",
    "BctTechnique",
    "ConditionNote",
    "ContentLibrary",
    "FactItem",
    "Factor",
    "FactorKind",
    "GlossaryTerm",
    "HandoutHelp",
    "HandoutHelpItem",
    "HandoutTexts",
    "Lix",
    "LocalText",
    "PlanFacts",
    "Prompt",
    "PromptSet",
    "ReferencePart",
    "ReflectionPrompt",
    "Rubric",
    "RubricCriterion",
    "RubricLevel",
    "Source",
    "SourceKind",
    "Strategy",
    "describe_error",
    "describe_problem",
    "format_location",
    "glossary",
    "library",
    "lix",
    "load_prompt_set",
    "load_rubric",
    "message",
    "parse_prompt_set",
    "parse_rubric",
    "parse_typed_date",
    "reads_hard",
    "reference_note",
    "reference_parts",
    "reference_sort_key",
    "reference_text",
    "typed_date",
    "ui_catalog",
]

_HOMES: dict[str, tuple[str, ...]] = {
    "physioreflect.content._glossary": ("GlossaryTerm", "glossary"),
    "physioreflect.content._library": (
        "BUILT_IN_RUBRIC",
        "ContentLibrary",
        "FactorKind",
        "library",
        "load_prompt_set",
        "load_rubric",
        "parse_prompt_set",
        "parse_rubric",
    ),
    "physioreflect.content._readability": ("LIX_LIMITS", "Lix", "lix", "reads_hard"),
    "physioreflect.content._references": (
        "ReferencePart",
        "reference_note",
        "reference_parts",
        "reference_sort_key",
        "reference_text",
    ),
    "physioreflect.content._schema": (
        "ActivityIdea",
        "ActivityKind",
        "BctTechnique",
        "ConditionNote",
        "FactItem",
        "Factor",
        "HandoutHelp",
        "HandoutHelpItem",
        "HandoutTexts",
        "LocalText",
        "PlanFacts",
        "Prompt",
        "PromptSet",
        "ReflectionPrompt",
        "Rubric",
        "RubricCriterion",
        "RubricLevel",
        "Source",
        "SourceKind",
        "Strategy",
    ),
}
_HOME_OF = {name: home for home, names in _HOMES.items() for name in names}


__getattr__ = lazy_attributes(__name__, _HOME_OF)
