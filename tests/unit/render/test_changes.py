"""Does "what changed since the last review" show a supervisor exactly what the student
changed between two rounds — section by section, as the reader sees it — and nothing else?"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from physioreflect.content import library
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Barrier, Language, PsfsGoal, Workbook, new_entry_id
from physioreflect.render import changes_html, workbook_changes


def _richest() -> Workbook:
    return max(sample_workbooks(), key=lambda w: len(w.barriers) + len(w.plan.goals))


def _section(data: dict[str, Any], section_id: str) -> dict[str, Any]:
    return next(s for s in data["sections"] if s["id"] == section_id)


def _text(line: dict[str, Any]) -> str:
    return "".join(part["text"] for part in line["parts"])


def _lines(section: dict[str, Any], kind: str) -> list[str]:
    return [_text(line) for line in section["lines"] if line["kind"] == kind]


def _changed_sections(data: dict[str, Any]) -> set[str]:
    return {s["id"] for s in data["sections"] if s["changed"]}


def test_the_same_workbook_twice_has_no_change_in_any_section() -> None:
    """Is a resubmission without edits said to be unchanged, section by section?"""
    before = _richest()
    data = workbook_changes(before, before.model_copy(deep=True), lang="nb")
    assert not data["changed"]
    assert [s["id"] for s in data["sections"]] == [
        "meta",
        "case",
        "perspective",
        "barriers",
        "facilitators",
        "plan",
        "reflection",
    ]
    assert all(s["summary"] == "ingen endring" and s["lines"] == [] for s in data["sections"])
    shown = changes_html(data)
    assert "Ingenting er endret i studentens tekst siden forrige runde." in shown


def test_an_entry_added_shows_in_its_section_only() -> None:
    before = _richest()
    after = before.model_copy(deep=True)
    after.barriers.append(
        Barrier(
            entry_id=new_entry_id(),
            label="Redd for å bli sett på treningssenteret",
            theme=before.barriers[0].theme,
            com_b=before.barriers[0].com_b,
            patient_words="«Alle der er så spreke.»",
            impact=4,
        )
    )
    data = workbook_changes(before, after, lang="nb")
    assert _changed_sections(data) == {"barriers"}
    barriers = _section(data, "barriers")
    added = _lines(barriers, "added")
    assert _lines(barriers, "removed") == []
    assert any("Redd for å bli sett på treningssenteret" in line for line in added)
    assert "«Alle der er så spreke.»" in added
    assert barriers["added"] == len(added) and barriers["removed"] == 0


def test_an_entry_removed_shows_as_removed_lines() -> None:
    before = _richest()
    assert before.plan.goals, "the richest example has goals"
    after = before.model_copy(deep=True)
    gone = after.plan.goals.pop(0)
    data = workbook_changes(before, after, lang="en")
    assert _changed_sections(data) == {"plan"}
    plan = _section(data, "plan")
    assert any(gone.activity in line for line in _lines(plan, "removed"))
    assert not any(gone.activity in line for line in _lines(plan, "added"))


def test_entries_reordered_lose_nothing_and_keep_every_text() -> None:
    """Is every entry's text still there after a reorder — shown as moved lines, not lost?"""
    before = _richest()
    after = before.model_copy(deep=True)
    after.barriers.reverse()
    data = workbook_changes(before, after, lang="nb", context=10_000)
    assert _changed_sections(data) == {"barriers"}
    barriers = _section(data, "barriers")
    shown = [_text(line) for line in barriers["lines"] if line["kind"] in ("same", "added")]
    for factor in before.barriers:
        label = library().factor_label(factor, "nb")
        assert any(label in line for line in shown), label
        if factor.patient_words:
            assert factor.patient_words in shown


def test_a_sentence_edited_in_the_middle_of_a_long_answer_is_all_that_is_marked() -> None:
    before = _richest()
    first, _, rest = before.reflection.so_what.partition(". ")
    assert len(before.reflection.so_what) > 300 and rest
    long_answer = "\n\n".join(
        [
            "Første avsnitt står som før, ord for ord.",
            f"{first}. Jeg tok feil om dosen. {rest}",
            "Siste avsnitt står også som før.",
        ]
    )
    edited = long_answer.replace("Jeg tok feil om dosen.", "Jeg tok feil om både dosen og målet.")
    before = before.model_copy(deep=True)
    before.reflection.so_what = long_answer
    after = before.model_copy(deep=True)
    after.reflection.so_what = edited
    data = workbook_changes(before, after, lang="nb")
    assert _changed_sections(data) == {"reflection"}
    reflection = _section(data, "reflection")
    removed = [line for line in reflection["lines"] if line["kind"] == "removed"]
    added = [line for line in reflection["lines"] if line["kind"] == "added"]
    assert len(removed) == len(added) == 1  # the one paragraph, not the whole answer
    marked_old = " ".join(p["text"] for p in removed[0]["parts"] if p["changed"])
    marked_new = " ".join(p["text"] for p in added[0]["parts"] if p["changed"])
    assert "både" in marked_new and "målet" in marked_new
    assert first not in marked_new and first not in marked_old  # the rest is not marked
    assert _text(added[0]).startswith(first)
    # The paragraphs around it are context, and the heading says which answer it is.
    same = _lines(reflection, "same")
    assert "Første avsnitt står som før, ord for ord." in same
    assert "Siste avsnitt står også som før." in same
    headings = [_text(line) for line in reflection["lines"] if line["role"] == "heading"]
    assert "Hva så?" in headings


def test_a_language_switch_alone_is_no_change_and_labels_follow_the_screen() -> None:
    """Does a workbook switched from bokmål to English between rounds show only what the
    student wrote differently, in the language of the screen?"""
    before = _richest()
    assert before.meta.language is Language.nb
    after = before.model_copy(deep=True)
    after.meta.language = Language.en
    data = workbook_changes(before, after, lang="en")
    assert not data["changed"]
    assert [s["title"] for s in data["sections"]][:2] == ["About the workbook", "Case"]
    after.case.likes_to_do = "Playing football with his son."
    data = workbook_changes(before, after, lang="en")
    assert _changed_sections(data) == {"case"}
    assert _lines(_section(data, "case"), "added") == ["Playing football with his son."]


def test_the_time_of_the_last_change_and_the_status_are_not_changes() -> None:
    before = _richest()
    after = before.model_copy(deep=True)
    after.meta.updated = before.meta.updated.replace(year=before.meta.updated.year + 1)
    assert not workbook_changes(before, after, lang="nb")["changed"]
    after.meta.title = "Ny tittel"
    data = workbook_changes(before, after, lang="nb")
    assert _changed_sections(data) == {"meta"}
    assert _lines(_section(data, "meta"), "added") == ["Tittel: Ny tittel"]


def test_far_unchanged_lines_are_folded_and_counted() -> None:
    before = _richest()
    after = before.model_copy(deep=True)
    after.reflection.now_what += "\n\nEtt nytt avsnitt til slutt."
    data = workbook_changes(before, after, lang="nb", context=1)
    reflection = _section(data, "reflection")
    kinds = [line["kind"] for line in reflection["lines"]]
    assert kinds.count("added") == 1
    skipped = [line for line in reflection["lines"] if line["kind"] == "skipped"]
    assert skipped and all(line["count"] > 0 for line in skipped)
    assert re.fullmatch(r"… \d+ uendrede linjer", _text(skipped[0]))
    # Every line of the section is either shown or counted.
    everything = workbook_changes(before, after, lang="nb", context=10_000)
    total = len(_section(everything, "reflection")["lines"])
    assert len(reflection["lines"]) - len(skipped) + sum(s["count"] for s in skipped) == total


def test_the_screen_form_reads_without_colour_and_escapes_every_text() -> None:
    before = _richest()
    after = before.model_copy(deep=True)
    typed = "<script>alert('x')</script> & <b>fet</b>"
    after.case.wants_to_achieve = typed
    shown = changes_html(workbook_changes(before, after, lang="nb"))
    assert "<script>" not in shown and "<b>fet</b>" not in shown
    assert html.escape(typed, quote=True) in shown
    # + and − signs, and underline/strike-through, besides any colour.
    assert "pr-change-sign' aria-hidden='true'>+</span>" in shown
    assert "pr-change-sign' aria-hidden='true'>\u2212</span>" in shown
    assert "<ins>" in shown and "<del>" in shown
    assert "Lagt til: " in shown and "Fjernet: " in shown  # said to a screen reader


def test_two_different_workbooks_are_not_compared() -> None:
    first, second = sample_workbooks()[:2]
    with pytest.raises(ValueError, match="same workbook"):
        workbook_changes(first, second, lang="nb")


def test_a_goal_edited_in_place_marks_the_numbers_that_changed() -> None:
    before = _richest()
    before = before.model_copy(deep=True)
    goal = PsfsGoal(entry_id=new_entry_id(), activity="Bære handleposer", baseline=3)
    before.plan.goals = [goal]
    after = before.model_copy(deep=True)
    after.plan.goals[0].target = 7
    plan = _section(workbook_changes(before, after, lang="nb"), "plan")
    added = [line for line in plan["lines"] if line["kind"] == "added"]
    removed = [line for line in plan["lines"] if line["kind"] == "removed"]
    assert len(added) == len(removed) == 1
    assert "Bære handleposer" in _text(added[0])
    # "–" (not set) became the target 7 and the change +4; the rest of the row is as it was.
    assert [p["text"] for p in added[0]["parts"] if p["changed"]] == ["7", "+4"]
    assert [p["text"] for p in removed[0]["parts"] if p["changed"]] == ["–", "–"]
