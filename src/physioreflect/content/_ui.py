"""The UI catalog (``data/ui.yaml``): every label and message, in bokmål and English."""

from __future__ import annotations

import functools
import re
import string
from importlib import resources
from typing import Any

from physioreflect._derived import derived
from physioreflect.errors import ContentError, PhysioreflectError, Problem

__all__ = [
    "LANGUAGES",
    "describe_error",
    "describe_problem",
    "format_location",
    "message",
    "texts_of",
    "ui_catalog",
]

LANGUAGES = ("nb", "en")


@functools.cache
def ui_catalog() -> dict[str, dict[str, str]]:
    """Key → {"nb": …, "en": …}; loaded once per process, read back from the cache of
    derived data when the catalog files are unchanged (no YAML parser then)."""
    folder = resources.files("physioreflect.content").joinpath("data")
    # ui.yaml, ui_dashboard.yaml, …: one catalog, split by the part of the product it serves.
    files = sorted(
        (entry.name, entry.read_bytes())
        for entry in folder.iterdir()
        if entry.name.startswith("ui") and entry.name.endswith(".yaml")
    )
    parts = [piece for name, data in files for piece in (name, data)]
    return derived(
        "ui-catalog",
        parts,
        lambda: _read_catalog(files),
        check=_held_catalog,
        code=[__name__, "physioreflect.content._yaml"],
    )


def _read_catalog(files: list[tuple[str, bytes]]) -> dict[str, dict[str, str]]:
    from physioreflect.content._yaml import load_yaml_with_lines  # noqa: PLC0415 - cache miss

    catalog: dict[str, dict[str, str]] = {}
    for name, data in files:
        raw, lines = load_yaml_with_lines(data, source=name)
        if not isinstance(raw, dict):
            raise ContentError(source=name, problems=[Problem("file.not_object")])
        for key, text in raw.items():
            if key in catalog:
                problem = Problem(
                    "file.duplicate_key", params={"name": key}, line=lines.get((key,))
                )
                raise ContentError(source=name, problems=[problem])
            catalog[str(key)] = texts_of(text, key=str(key), source=name, line=lines.get((key,)))
    return catalog


def _held_catalog(value: object) -> dict[str, dict[str, str]] | None:
    """The catalog as the cache held it, if it has the catalog's shape."""
    if not isinstance(value, dict):
        return None
    for key, texts in value.items():
        if not (
            isinstance(key, str)
            and isinstance(texts, dict)
            and texts.keys() == set(LANGUAGES)
            and all(isinstance(texts[lang], str) for lang in LANGUAGES)
        ):
            return None
    return value


def texts_of(value: Any, *, key: str, source: str, line: int | None) -> dict[str, str]:
    """A catalog entry's texts: exactly ``nb`` and ``en``, each a non-empty string.

    Anything else is refused, not read around: in ``{nb: Korsryggsmerter, akutte, en: …}``
    YAML ends the text at the comma and reads "akutte" as a key of its own, so two
    conditions showed the same label.
    """
    if (
        not isinstance(value, dict)
        or set(value) != set(LANGUAGES)
        or not all(isinstance(value[lang], str) and value[lang].strip() for lang in LANGUAGES)
    ):
        problem = Problem("file.text_languages", params={"name": key}, line=line)
        raise ContentError(source=source, problems=[problem])
    return {lang: value[lang] for lang in LANGUAGES}


class _Lenient(dict[str, Any]):
    """Leaves an unknown placeholder visible instead of failing: a message is never lost."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")
"""``{count|fil|filer}``: the word for one when the parameter ``count`` is 1, else the other
(bokmål and English both say "0 filer", "0 files")."""


def _plural_forms(template: str, params: dict[str, Any]) -> str:
    if "|" not in template:
        return template
    return _PLURAL.sub(
        lambda m: m.group(2) if params.get(m.group(1)) == 1 else m.group(3), template
    )


def message(key: str, lang: str, /, **params: Any) -> str:
    """The text of ``key`` in ``lang`` (``nb`` or ``en``; anything else reads as English).
    A template says ``{count} {count|fil|filer}`` for a word that follows a number."""
    entry = ui_catalog().get(key)
    if entry is None:
        # An unknown key is a bug in our code; show the key rather than nothing.
        return key
    template = _plural_forms(entry["nb" if lang == "nb" else "en"], params)
    return string.Formatter().vformat(template, (), _Lenient(params))


def _part_label(part: str | int, lang: str) -> str:
    if isinstance(part, int):
        return message("problem.item", lang, number=part + 1)
    key = f"field.{part}"
    return message(key, lang) if key in ui_catalog() else part


def format_location(loc: tuple[str | int, ...], lang: str) -> str:
    """A path such as ``("plan", "goals", 1, "target")`` as "Plan › Goals (PSFS) › no. 2 ›
    Target"."""
    if not loc:
        return message("problem.whole_file", lang)
    return " › ".join(_part_label(part, lang) for part in loc)


def describe_problem(problem: Problem, lang: str) -> str:
    """One readable line for ``problem``, naming where it is."""
    text = message(problem.key, lang, **problem.params)
    if problem.line is not None and problem.loc:
        return message(
            "problem.at_line_where",
            lang,
            line=problem.line,
            where=format_location(problem.loc, lang),
            message=text,
        )
    if problem.line is not None:
        return message("problem.at_line", lang, line=problem.line, message=text)
    if problem.loc:
        return message("problem.at", lang, where=format_location(problem.loc, lang), message=text)
    return text


def describe_error(error: PhysioreflectError, lang: str) -> str:
    """The headline of a domain error in ``lang``."""
    params = dict(error.params)
    reason = params.get("reason")
    if isinstance(reason, str) and f"error.reason.{reason}" in ui_catalog():
        params["reason"] = message(f"error.reason.{reason}", lang, **params)
    return message(error.key, lang, source=error.source, **params)
