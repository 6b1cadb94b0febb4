"""Does blind review hide the student's name where they wrote it themselves, and only it?"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from physioreflect.app._review import blinded
from physioreflect.cohort import scrub_name_in_prose
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Workbook
from tests.strategies import workbooks

CODE = "S-7KQ2M4XD"


def test_the_name_goes_where_the_student_wrote_it() -> None:
    cases = {
        "Skrevet av Kari Nordmann, kull 2024.": "Skrevet av S, kull 2024.",
        "Karis refleksjon om kneet": "S refleksjon om kneet",
        "Kari's reflection; KARI NORDMANN": "S reflection; S",
        "Nordmann, Kari": "S, S",
        "nordmann’s notes": "S notes",
    }
    for text, expected in cases.items():
        assert scrub_name_in_prose(text, "Kari Nordmann", "S") == expected


def test_words_that_only_contain_the_name_stay() -> None:
    text = "Planning with Annette: annen plan, anne-marie? no — Annelise."
    assert scrub_name_in_prose(text, "Ann", "S") == text
    # A single letter is no name to scrub: "K. Berg" leaves "i", "å" and "K" alone.
    assert scrub_name_in_prose("K. i Berg og å gå", "K. Berg", "S") == "K. i S og å gå"


@given(
    name=st.from_regex(r"\A[A-ZÆØÅ][a-zæøå]{1,8}( [A-ZÆØÅ][a-zæøå]{1,8})?\Z"),
    before=st.text(max_size=30),
    after=st.text(max_size=30),
)
def test_no_word_of_the_name_is_left_standing(name: str, before: str, after: str) -> None:
    text = f"{before} {name}. {name.upper()}s {after}"
    scrubbed = scrub_name_in_prose(text, name, "·")
    for word in name.split():
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", scrubbed, re.IGNORECASE)


def _texts(workbook: Workbook) -> str:
    return workbook.model_dump_json()


def test_a_blinded_workbook_keeps_everything_but_the_name() -> None:
    workbook = max(sample_workbooks(), key=lambda w: len(w.model_dump_json()))
    author = "Kari Nordmann"
    data = workbook.model_dump()
    data["meta"]["author"] = author
    data["reflection"]["what"] = "Jeg, Kari, spurte hva pasienten liker å gjøre."
    data["case"]["activity_history"] = "Signert: Kari Nordmann (student)"
    signed = Workbook.model_validate(data)
    shown = blinded(signed, author=author, code=CODE)
    assert "kari" not in _texts(shown).lower()
    assert "nordmann" not in _texts(shown).lower()
    assert shown.reflection.what == f"Jeg, {CODE}, spurte hva pasienten liker å gjøre."
    assert shown.case.activity_history == f"Signert: {CODE} (student)"
    # Nothing else changed: ids, catalogue ids, enums, numbers and the other texts.
    assert set(_differences(signed.to_json_dict(), shown.to_json_dict())) == {
        "/meta/author",
        "/reflection/what",
        "/case/activity_history",
        *(
            f"/review/comments/{i}/replies/{j}/author"
            for i, comment in enumerate(signed.review.comments)
            for j, reply in enumerate(comment.replies)
            if not reply.from_supervisor
        ),
    }


def _differences(before: object, after: object, path: str = "") -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        return [d for k in before for d in _differences(before[k], after.get(k), f"{path}/{k}")]
    if isinstance(before, list) and isinstance(after, list):
        return [
            d
            for i, (b, a) in enumerate(zip(before, after, strict=True))
            for d in _differences(b, a, f"{path}/{i}")
        ]
    return [] if before == after else [path]


@given(workbook=workbooks())
def test_blinding_any_workbook_keeps_it_valid_and_nameless(workbook: Workbook) -> None:
    author = workbook.meta.author
    shown = blinded(workbook, author=author, code=CODE)
    assert shown.meta.author == CODE
    assert shown.meta.id == workbook.meta.id
    assert [b.entry_id for b in shown.barriers] == [b.entry_id for b in workbook.barriers]
    for word in re.findall(r"\w{2,}", author):
        assert not re.search(
            rf"(?<!\w){re.escape(word)}(?!\w)", shown.reflection.what, re.IGNORECASE
        )
