"""Does the content use the glossary's preferred terms, and never the ones it avoids?"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import yaml

from physioreflect.content import glossary

LANGS = ("nb", "en")


def _texts(value: Any, where: str) -> Iterator[tuple[str | None, str, str]]:
    """Every text value with its language (``None`` when the file does not say)."""
    if isinstance(value, dict):
        if set(value) == set(LANGS) and all(isinstance(v, str) for v in value.values()):
            for lang in LANGS:
                yield lang, value[lang], where
            return
        for key, item in value.items():
            yield from _texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")
    elif isinstance(value, str):
        yield None, value, where


def _content_texts() -> list[tuple[str | None, str, str]]:
    folder = resources.files("physioreflect.content").joinpath("data")
    texts = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.name != "glossary.yaml":
            data = yaml.safe_load(entry.read_text(encoding="utf-8"))
            texts.extend(_texts(data, entry.name))
    return texts


def test_the_glossary_loads_with_both_languages() -> None:
    terms = glossary()
    assert len(terms) >= 8
    ids = {t.id for t in terms}
    assert {"facilitator", "habit_formation", "vigorous_intensity", "help_text"} <= ids
    for term in terms:
        assert term.preferred.nb and term.preferred.en


def test_no_avoided_term_anywhere_in_the_content() -> None:
    texts = _content_texts()
    assert any(where.startswith("ui_dashboard.yaml") for _, _, where in texts)
    found = []
    for term in glossary():
        for lang in LANGS:
            for pattern in term.avoid.patterns(lang):
                found.extend(
                    f"{where} ({lang}): {pattern.pattern!r} in {text[:60]!r}"
                    for text_lang, text, where in texts
                    if text_lang in (lang, None) and pattern.search(text)
                )
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Legg til egen fremmer"),
        ("nb", "Barrierer og fasilitatorer"),
        ("nb", "Vanedannelse"),
        ("nb", "Løping er hard aktivitet"),
        ("nb", "Eksempel: en oppdiktet kasus"),
        ("nb", "Veiledning og eksempel"),
        ("en", "Own rule"),
        ("en", "Poor conditions can topple a plan."),
        ("en", "counts as meaningful change"),
    ],
)
def test_the_avoided_terms_are_caught(lang: str, text: str) -> None:
    """The check fails on the very wordings the glossary was written to replace."""
    assert any(p.search(text) for term in glossary() for p in term.avoid.patterns(lang))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Aktivitet fremmer søvn."),  # the verb is fine
        ("nb", "Veiledning fra fagperson"),  # supervision, its proper meaning
        ("nb", "et oppdiktet kasus"),
        ("en", "The patient's own words"),
    ],
)
def test_ordinary_wording_passes(lang: str, text: str) -> None:
    assert not any(p.search(text) for term in glossary() for p in term.avoid.patterns(lang))
