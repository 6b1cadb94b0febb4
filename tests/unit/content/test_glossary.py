"""Does the content use the glossary's preferred terms, and never the ones it avoids?"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import yaml

from physioreflect.content import glossary
from physioreflect.content._glossary import PATIENT_REGISTER_FILES

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


def _avoided_terms_found(audience: str, texts: list[tuple[str | None, str, str]]) -> list[str]:
    found = []
    for term in glossary():
        if term.audience != audience:
            continue
        for lang in LANGS:
            for pattern in term.avoid.patterns(lang):
                found.extend(
                    f"{where} ({lang}): {pattern.pattern!r} in {text[:60]!r}"
                    for text_lang, text, where in texts
                    if text_lang in (lang, None) and pattern.search(text)
                )
    return found


def _in_patient_register(where: str) -> bool:
    return where.split(".yaml", maxsplit=1)[0] + ".yaml" in PATIENT_REGISTER_FILES


def test_no_avoided_term_anywhere_in_the_content() -> None:
    texts = [text for text in _content_texts() if not _in_patient_register(text[2])]
    assert any(where.startswith("ui_dashboard.yaml") for _, _, where in texts)
    found = _avoided_terms_found("clinical", texts)
    assert not found, "\n".join(found)


def test_the_handout_speaks_the_patient_register() -> None:
    """Does the handout's fixed text avoid the clinician's words: no model, zone, code or
    WHO minutes?"""
    texts = [text for text in _content_texts() if _in_patient_register(text[2])]
    assert any(where.startswith("handout.yaml.help") for _, _, where in texts)
    found = _avoided_terms_found("patient", texts)
    assert not found, "\n".join(found)


def test_the_registers_differ() -> None:
    """What the clinician writes is caught in the patient's register, and the other way."""
    patient = [t for t in glossary() if t.audience == "patient"]
    clinical = [t for t in glossary() if t.audience == "clinical"]
    assert len(patient) >= 5
    for text in ("Høyrisikosone (over 5)", "Smertemonitoreringsmodellen", "Moderat intensitet"):
        assert any(p.search(text) for term in patient for p in term.avoid.patterns("nb")), text
        assert not any(p.search(text) for term in clinical for p in term.avoid.patterns("nb"))


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
    assert any(
        p.search(text)
        for term in glossary()
        if term.audience == "clinical"
        for p in term.avoid.patterns(lang)
    )


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
    assert not any(
        p.search(text)
        for term in glossary()
        if term.audience == "clinical"
        for p in term.avoid.patterns(lang)
    )
