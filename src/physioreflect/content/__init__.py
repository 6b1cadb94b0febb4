"""The content library and the UI catalog: every text a user reads, in bokmål and English."""

from __future__ import annotations

from physioreflect.content._glossary import GlossaryTerm, glossary
from physioreflect.content._library import (
    ContentLibrary,
    FactorKind,
    library,
    load_prompt_set,
    parse_prompt_set,
)
from physioreflect.content._references import (
    ReferencePart,
    reference_note,
    reference_parts,
    reference_sort_key,
    reference_text,
)
from physioreflect.content._schema import (
    ActivityIdea,
    BctTechnique,
    ConditionNote,
    FactItem,
    Factor,
    LocalText,
    PlanFacts,
    Prompt,
    PromptSet,
    ReflectionPrompt,
    Rubric,
    RubricCriterion,
    Source,
    SourceKind,
    Strategy,
)
from physioreflect.content._ui import (
    LANGUAGES,
    describe_error,
    describe_problem,
    format_location,
    message,
    ui_catalog,
)

__all__ = [
    "LANGUAGES",
    "ActivityIdea",
    "BctTechnique",
    "ConditionNote",
    "ContentLibrary",
    "FactItem",
    "Factor",
    "FactorKind",
    "GlossaryTerm",
    "LocalText",
    "PlanFacts",
    "Prompt",
    "PromptSet",
    "ReferencePart",
    "ReflectionPrompt",
    "Rubric",
    "RubricCriterion",
    "Source",
    "SourceKind",
    "Strategy",
    "describe_error",
    "describe_problem",
    "format_location",
    "glossary",
    "library",
    "load_prompt_set",
    "message",
    "parse_prompt_set",
    "reference_note",
    "reference_parts",
    "reference_sort_key",
    "reference_text",
    "ui_catalog",
]
