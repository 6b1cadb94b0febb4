"""Does "replace with placeholder" replace exactly the findings, and nothing else?"""

from __future__ import annotations

import dataclasses

import pytest

from physioreflect.errors import InvalidWorkbook
from physioreflect.model import Case, ExerciseAttempt, Language, Workbook
from physioreflect.privacy import (
    Confidence,
    Finding,
    Kind,
    prose_fields,
    redact,
    redact_workbook,
    scan_text,
    scan_workbook,
)

TEXT = "Hun heter Kari Nordmann, tlf. 912 34 567, og skriver til kari@example.no."


def test_every_finding_is_replaced_in_the_language_asked() -> None:
    findings = scan_text(TEXT)
    assert redact(TEXT, findings, "nb") == (
        "Hun heter [NAVN], tlf. [TELEFON], og skriver til [E-POST]."
    )
    assert redact(TEXT, findings, "en") == "Hun heter [NAME], tlf. [PHONE], og skriver til [EMAIL]."


def test_no_findings_no_change() -> None:
    assert redact(TEXT, [], "nb") == TEXT


def test_a_finding_that_no_longer_fits_is_left_out() -> None:
    """Is a finding from before an edit skipped rather than cutting into other words?"""
    stale = scan_text(TEXT)
    edited = "Ny tekst: " + TEXT
    assert redact(edited, stale, "nb") == edited


def test_overlapping_findings_are_replaced_together() -> None:
    text = "tlf 912 34 567"

    def finding(start: int, end: int, kind: Kind) -> Finding:
        return Finding(kind, text[start:end], start, end, Confidence.high, "")

    findings = [finding(4, 10, Kind.phone), finding(8, 14, Kind.name)]
    assert redact(text, findings, "en") == "tlf [PHONE]"


def _workbook() -> Workbook:
    workbook = Workbook.new(title="Kasus: kne", language=Language.nb)
    case = Case(
        case_label="Pasient A",
        activity_history="Går tur daglig. " + TEXT,
        previous_attempts=[ExerciseAttempt(what="Jogging", how_long="Ring 912 34 567 først")],
        patient_quotes=["«Ikke ring meg på 98765432»", "«Jeg vil gå på ski»"],
    )
    return workbook.model_copy(update={"case": case})


def test_a_workbook_is_redacted_field_by_field() -> None:
    workbook = _workbook()
    findings = scan_workbook(workbook)
    redacted = redact_workbook(workbook, findings)
    assert redacted.case.activity_history == (
        "Går tur daglig. Hun heter [NAVN], tlf. [TELEFON], og skriver til [E-POST]."
    )
    assert redacted.case.previous_attempts[0].how_long == "Ring [TELEFON] først"
    assert redacted.case.patient_quotes == ["«Ikke ring meg på [TELEFON]»", "«Jeg vil gå på ski»"]
    assert scan_workbook(redacted) == []


def test_nothing_else_changes() -> None:
    workbook = _workbook()
    redacted = redact_workbook(workbook, scan_workbook(workbook))
    assert redacted.meta == workbook.meta
    assert redacted.case.previous_attempts[0].what == "Jogging"
    before, after = dict(prose_fields(workbook)), dict(prose_fields(redacted))
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {f.path for f in scan_workbook(workbook)}
    # A new object: the one shown on screen is not changed behind the UI's back.
    assert workbook.case.activity_history.endswith("kari@example.no.")


def test_only_the_chosen_findings_are_replaced() -> None:
    workbook = _workbook()
    phones = [f for f in scan_workbook(workbook) if f.kind is Kind.phone]
    redacted = redact_workbook(workbook, phones)
    assert "Kari Nordmann" in redacted.case.activity_history
    assert "[TELEFON]" in redacted.case.activity_history


def test_placeholders_follow_the_workbooks_language() -> None:
    workbook = _workbook()
    english = workbook.model_copy(
        update={"meta": workbook.meta.model_copy(update={"language": Language.en})}
    )
    redacted = redact_workbook(english, scan_workbook(english))
    assert redacted.case.previous_attempts[0].how_long == "Ring [PHONE] først"


def test_a_finding_for_a_field_that_is_gone_is_left_out() -> None:
    workbook = _workbook()
    findings = scan_workbook(workbook)
    fewer = workbook.model_copy(
        update={"case": workbook.case.model_copy(update={"patient_quotes": []})}
    )
    redacted = redact_workbook(fewer, findings)
    assert scan_workbook(redacted) == []


def test_plain_text_findings_do_not_belong_in_a_workbook() -> None:
    with pytest.raises(ValueError, match="plain text"):
        redact_workbook(_workbook(), scan_text(TEXT))


def test_a_placeholder_that_makes_a_field_too_long_is_a_clear_error() -> None:
    """Is a field at its length limit, where "Bo" becomes "[NAVN]", refused with a problem
    naming the field, rather than saved too long?"""
    how_long = "x" * 185 + " han heter Bo"
    assert len(how_long) == 198
    workbook = _workbook()
    case = workbook.case.model_copy(
        update={"previous_attempts": [ExerciseAttempt(how_long=how_long)]}
    )
    workbook = workbook.model_copy(update={"case": case})
    findings = [f for f in scan_workbook(workbook) if f.text == "Bo"]
    assert len(findings) == 1
    with pytest.raises(InvalidWorkbook) as raised:
        redact_workbook(workbook, findings)
    assert raised.value.problems[0].loc == ("case", "previous_attempts", 0, "how_long")


def test_findings_are_frozen() -> None:
    finding = scan_text(TEXT)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]
