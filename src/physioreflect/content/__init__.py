"""The content library and the UI catalog: every text a user reads, in bokmål and English.

The UI catalog (``message`` and friends) is imported at once: every edge needs it. The
content library, its schema and the prompt sets load when first asked for: the command line
checking a file, or a page showing that it is starting, needs none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from physioreflect.content._ui import (
    LANGUAGES,
    describe_error,
    describe_problem,
    format_location,
    message,
    ui_catalog,
)

if TYPE_CHECKING:
    from physioreflect.content._library import (
        ContentLibrary,
        FactorKind,
        library,
        load_prompt_set,
        parse_prompt_set,
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
        Source,
        Strategy,
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
    "LocalText",
    "PlanFacts",
    "Prompt",
    "PromptSet",
    "ReflectionPrompt",
    "Source",
    "Strategy",
    "describe_error",
    "describe_problem",
    "format_location",
    "library",
    "load_prompt_set",
    "message",
    "parse_prompt_set",
    "ui_catalog",
]

_LIBRARY = ("ContentLibrary", "FactorKind", "library", "load_prompt_set", "parse_prompt_set")
_SCHEMA = (
    "ActivityIdea",
    "BctTechnique",
    "ConditionNote",
    "FactItem",
    "Factor",
    "LocalText",
    "PlanFacts",
    "Prompt",
    "PromptSet",
    "ReflectionPrompt",
    "Source",
    "Strategy",
)


def __getattr__(name: str) -> Any:
    if name in _LIBRARY:
        home = "physioreflect.content._library"
    elif name in _SCHEMA:
        home = "physioreflect.content._schema"
    else:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # found directly from now on
    return value
