"""Does the Summary screen show everything the PDF prints? Both read the same blocks."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest

from physioreflect.fixtures import hostile_workbook, sample_workbooks, synthetic_workbooks
from physioreflect.model import Workbook
from physioreflect.render import document_html, summary_data

# Keys that hold drawing instructions, not words a reader sees.
_NOT_TEXT = {"type", "key", "colour", "text_colour", "light_colour", "rtl"}


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, dict):
        if value.get("type") == "progression_table" and value.get("empty"):
            return  # the PDF leaves an empty table out, and so does the screen
        for key, item in value.items():
            if key not in _NOT_TEXT:
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _printed_texts(data: dict[str, Any]) -> Iterator[str]:
    yield from _texts(data["title_block"])
    yield from _texts(data["sections"])
    yield from _texts(data["sources"])


def _workbooks() -> list[Workbook]:
    return [*sample_workbooks(), *synthetic_workbooks(300, seed=11), hostile_workbook()]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_text_the_pdf_prints_is_on_the_summary_screen(lang: str) -> None:
    """Is any answer, label, strategy or comment in the PDF's data missing from the screen?"""
    for workbook in _workbooks():
        data = summary_data(workbook, lang=lang)
        screen = document_html(data)
        missing = [t for t in _printed_texts(data) if html.escape(t, quote=True) not in screen]
        assert not missing, (workbook.meta.title, missing[:5])


def test_answers_outside_the_prompt_set_and_unknown_strategies_are_shown() -> None:
    """Are answers to prompts a course no longer has, and strategy ids the catalogue lost,
    shown on screen as the PDF prints them?"""
    workbook = sample_workbooks()[0].model_copy(deep=True)
    workbook.perspective.answers = {
        **workbook.perspective.answers,
        "course.old_prompt": workbook.perspective.answers[
            next(iter(workbook.perspective.answers))
        ].model_copy(update={"text": "Et svar på et spørsmål kurset har fjernet"}),
    }
    workbook.barriers[0].strategies = [*workbook.barriers[0].strategies, "gone.strategy"]
    screen = document_html(summary_data(workbook, lang="en"))
    assert "Et svar på et spørsmål kurset har fjernet" in screen
    assert "gone.strategy" in screen


def test_user_text_is_never_markup_on_screen() -> None:
    """Is every hostile text shown literally, never as an element?"""
    screen = document_html(summary_data(hostile_workbook(), lang="en"))
    assert "<script" not in screen.lower()
    assert "onerror=" not in screen.replace("onerror=&quot;", "")


def test_catalogue_labels_follow_the_screen_language() -> None:
    """Is a catalogue barrier added from a bokmål screen shown in English in English?"""
    workbook = next(w for w in sample_workbooks() if any(b.label == "Smerte" for b in w.barriers))
    english = document_html(summary_data(workbook, lang="en"))
    bokmal = document_html(summary_data(workbook, lang="nb"))
    assert ">Pain<" in english or "1. Pain" in english
    assert "Smerte" in bokmal
