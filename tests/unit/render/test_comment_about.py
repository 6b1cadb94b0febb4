"""Does a comment say what it is about — the entry or prompt by its name, and an entry
removed since as removed, never as a bare id?"""

from __future__ import annotations

import datetime as dt

from physioreflect.content import library
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Comment, Section, Workbook
from physioreflect.render import summary_data

T = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)


def _with_comment(section: Section, anchor: str | None) -> Workbook:
    workbook = max(sample_workbooks(), key=lambda w: len(w.barriers)).model_copy(deep=True)
    workbook.review.comments = [
        Comment(
            comment_id="c1",
            section=section,
            anchor=anchor,
            author="Vera",
            created=T,
            text="Hvorfor?",
        )
    ]
    return workbook


def _about(workbook: Workbook, section: Section, lang: str) -> str | None:
    data = summary_data(workbook, lang=lang)
    (shown,) = next(s for s in data["sections"] if s["id"] == section.value)["comments"]
    about: str | None = shown["about"]
    return about


def test_a_comment_on_an_entry_names_it() -> None:
    workbook = _with_comment(Section.barriers, None)
    barrier = workbook.barriers[1]
    workbook.review.comments[0].anchor = barrier.entry_id
    label = library().factor_label(barrier, "en")
    assert _about(workbook, Section.barriers, "en") == f"About: {label}"


def test_a_comment_on_the_whole_section_says_nothing_more() -> None:
    assert _about(_with_comment(Section.case, None), Section.case, "nb") is None


def test_an_entry_removed_since_is_said_to_be_removed() -> None:
    workbook = _with_comment(Section.plan, "d8cb424d7bf8")
    assert _about(workbook, Section.plan, "nb") == (
        "Gjelder: noe som er fjernet fra arbeidsboka siden (id d8cb424d7bf8)"
    )
    assert _about(workbook, Section.plan, "en") == (
        "About: something removed from the workbook since (id d8cb424d7bf8)"
    )
