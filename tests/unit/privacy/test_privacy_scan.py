"""Does the scan find what the issue names, leave clinical numbers alone, and say where?"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from physioreflect.model import (
    Answer,
    Barrier,
    Case,
    ComB,
    Comment,
    Decision,
    ExerciseAttempt,
    Facilitator,
    ForPatient,
    Intensity,
    Language,
    Meta,
    PainRule,
    Perspective,
    Plan,
    PlannedActivity,
    PsfsGoal,
    Reflection,
    Reply,
    Review,
    RubricScore,
    Section,
    Theme,
    Workbook,
)
from physioreflect.privacy import Confidence, Finding, Kind, prose_fields, scan_text, scan_workbook
from tests.unit.privacy.national_ids import Scheme, broken_checksum, national_id

FNR = national_id(1, 1, 1990, 123)


def only(text: str, lang: str = "nb") -> Finding:
    findings = scan_text(text, lang=lang)
    assert len(findings) == 1, findings
    return findings[0]


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        (f"fnr {FNR}", Kind.fodselsnummer, FNR),
        (f"fnr {FNR[:6]} {FNR[6:]}", Kind.fodselsnummer, f"{FNR[:6]} {FNR[6:]}"),
        (f"fnr {FNR[:6]}-{FNR[6:]}", Kind.fodselsnummer, f"{FNR[:6]}-{FNR[6:]}"),
        ("ring +47 912 34 567", Kind.phone, "+47 912 34 567"),
        ("mobil 91234567", Kind.phone, "91234567"),
        ("tlf 912 34 567", Kind.phone, "912 34 567"),
        ("telefon 22 33 44 55", Kind.phone, "22 33 44 55"),
        ("ring 0047 912 34 567", Kind.phone, "0047 912 34 567"),
        ("phone +44 20 7946 0958", Kind.phone, "+44 20 7946 0958"),
        ("skriv til kari.nordmann@example.no!", Kind.email, "kari.nordmann@example.no"),
        ("født 03.04.1961", Kind.birth_date, "03.04.1961"),
        ("f. 3/4-61", Kind.birth_date, "3/4-61"),
        ("DOB 1961-04-03", Kind.birth_date, "1961-04-03"),
        ("born 3 April 1961", Kind.birth_date, "3 April 1961"),
        ("fødselsdato: 3. april 1961", Kind.birth_date, "3. april 1961"),
        ("f.d. 03.04.61", Kind.birth_date, "03.04.61"),
        ("Storgata 12, 0155 Oslo", Kind.address, "Storgata 12, 0155 Oslo"),
        ("Kirkeveien 5B, 7030 Trondheim", Kind.address, "Kirkeveien 5B, 7030 Trondheim"),
        ("pasienten heter Kari", Kind.name, "Kari"),
        ("Mr. Hansen", Kind.name, "Hansen"),
        ("fru Olsen", Kind.name, "Olsen"),
        ("herr Berg", Kind.name, "Berg"),
        ("Ms. Smith", Kind.name, "Smith"),
        ("patient named John", Kind.name, "John"),
        ("navnet hennes er Ingrid", Kind.name, "Ingrid"),
        ("hun heter Kari Nordmann", Kind.name, "Kari Nordmann"),
    ],
)
def test_the_issues_examples_are_found(text: str, kind: Kind, found: str) -> None:
    finding = only(text)
    assert (finding.kind, finding.text, finding.confidence) == (kind, found, Confidence.high)
    assert text[finding.start : finding.end] == found
    assert finding.field is None


@pytest.mark.parametrize(
    "text",
    [
        "Smerte 7/10 ved gange.",
        "3 × 10 repetisjoner",
        "3x10 knebøy",
        "150–300 minutter i uka",
        "Han løfter 40 kg.",
        "Aldersgruppe 50–59 år",
        "Skadet seg i 2019.",
        "ICD-10 M17.1, ICPC-2 L86, L03",
        "time 03.04.2026",
        "follow-up 2026-12-15",
        "Varighet 8 uker.",
        "75 % oppmøte",
        "PSFS 4/10 → 7/10",
        "105 105 105 140",
        "Ukeminutter: 105 105 105 140 140 175",
        "Uke 1–4: 20 30 40 50 minutter",
        "Puls 92 92 94 96",
    ],
)
def test_clinical_numbers_are_not_personal_data(text: str) -> None:
    assert scan_text(text) == []


def test_numbers_pasted_side_by_side_are_found() -> None:
    """Is an ID number with valid check digits found inside a longer run of numbers, and an
    unbroken mobile number too, while the run as a whole is neither?"""
    findings = scan_text(f"Kontaktlinje: {FNR} 91234567")
    assert [(f.kind, f.text, f.confidence) for f in findings] == [
        (Kind.fodselsnummer, FNR, Confidence.high),
        (Kind.phone, "91234567", Confidence.high),
    ]


def test_a_wrong_check_digit_is_at_most_a_maybe() -> None:
    finding = only(f"Nummeret var {broken_checksum(FNR)}.")
    assert (finding.kind, finding.confidence) == (Kind.fodselsnummer, Confidence.low)


@pytest.mark.parametrize(
    ("scheme", "kind"),
    [("d_number", Kind.d_number), ("h_number", Kind.h_number), ("synthetic_id", Kind.synthetic_id)],
)
def test_other_id_numbers_keep_their_kind(scheme: Scheme, kind: Kind) -> None:
    number = national_id(12, 5, 1977, 345, scheme=scheme)
    assert only(f"Nr. {number}").kind is kind


def test_replacements_follow_the_language() -> None:
    text = f"Hun heter Kari, fnr {FNR}, e-post kari@example.no"
    assert [f.replacement for f in scan_text(text, lang="nb")] == [
        "[NAVN]",
        "[FØDSELSNUMMER]",
        "[E-POST]",
    ]
    assert [f.replacement for f in scan_text(text, lang="en")] == [
        "[NAME]",
        "[NATIONAL ID]",
        "[EMAIL]",
    ]


def test_overlapping_hits_become_one_finding() -> None:
    """Is an ID number next to "tlf" (also the shape of a foreign phone number) reported
    once, as the surer kind?"""
    spaced = national_id(2, 1, 1991, 123, sep=" ")
    findings = scan_text(f"tlf {spaced}")
    assert [(f.kind, f.text) for f in findings] == [(Kind.fodselsnummer, spaced)]


def test_to_json_has_the_documented_keys() -> None:
    finding = only("mobil 91234567")
    assert finding.to_json() == {
        "kind": "phone",
        "text": "91234567",
        "start": 6,
        "end": 14,
        "field": None,
        "confidence": "high",
        "replacement": "[TELEFON]",
    }


# ── workbooks ─────────────────────────────────────────────────────────────────────────────

PHONE = "912 34 567"
NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


def _everything_filled(text: str) -> Workbook:
    """A workbook with ``text`` in every string field, ids and names of people included."""
    digits = "91234567"
    factor = {
        "entry_id": digits,
        "catalogue_id": digits,
        "label": text,
        "theme": Theme.physical,
        "com_b": ComB.physical_capability,
        "patient_words": text,
        "strategies": [digits],
        "custom_strategy": text,
        "note": text,
    }
    return Workbook(
        meta=Meta(
            id=uuid.uuid4(),
            title=text,
            author=text,
            course_code=digits,
            language=Language.nb,
            created=NOW,
            updated=NOW,
        ),
        case=Case(
            case_label=text,
            condition_other=text,
            activity_history=text,
            previous_attempts=[
                ExerciseAttempt(what=text, how_long=text, why_stopped=text, how_it_felt=text)
            ],
            likes_to_do=text,
            wants_to_achieve=text,
            patient_quotes=["", text],
        ),
        perspective=Perspective(
            answers={"inside.tried_before": Answer(text=text)}, conviction_note=text
        ),
        barriers=[Barrier(**factor, techniques=["1.1"])],
        facilitators=[Facilitator(**factor)],
        plan=Plan(
            goals=[PsfsGoal(entry_id="g1", activity=text)],
            activities=[
                PlannedActivity(
                    entry_id=digits,
                    idea_id=digits,
                    name=text,
                    intensity=Intensity.moderate,
                    intensity_note=text,
                    type_note=text,
                    volume_note=text,
                    progression_note=text,
                    weekly_minutes=[105, 105, 105, 140],
                )
            ],
            pain_rule=PainRule(note=text),
            flare_up_plan=text,
            expectations=text,
            side_benefits=[digits],
            follow_up=dt.date(2026, 12, 15),
            for_patient=ForPatient(flare_up=text, what_to_expect=text, note=text),
        ),
        reflection=Reflection(what=text, so_what=text, now_what=text, learning_points=[text]),
        review=Review(
            reviewer=text,
            comments=[
                Comment(
                    comment_id=digits,
                    section=Section.case,
                    author=text,
                    created=NOW,
                    text=text,
                    replies=[Reply(author=text, created=NOW, text=text)],
                )
            ],
            rubric={"reasoning": RubricScore(level=3, note=text)},
            overall_feedback=text,
            decision=Decision.returned,
        ),
    )


PROSE_FIELDS = [
    "meta.title",
    "case.case_label",
    "case.condition_other",
    "case.activity_history",
    "case.previous_attempts.0.what",
    "case.previous_attempts.0.how_long",
    "case.previous_attempts.0.why_stopped",
    "case.previous_attempts.0.how_it_felt",
    "case.likes_to_do",
    "case.wants_to_achieve",
    "case.patient_quotes.1",
    "perspective.answers.inside.tried_before.text",
    "perspective.conviction_note",
    *(
        f"{side}.0.{name}"
        for side in ("barriers", "facilitators")
        for name in ("label", "patient_words", "custom_strategy", "note")
    ),
    "plan.goals.0.activity",
    "plan.activities.0.name",
    "plan.activities.0.intensity_note",
    "plan.activities.0.type_note",
    "plan.activities.0.volume_note",
    "plan.activities.0.progression_note",
    "plan.pain_rule.note",
    "plan.flare_up_plan",
    "plan.expectations",
    "plan.for_patient.flare_up",
    "plan.for_patient.what_to_expect",
    "plan.for_patient.note",
    "reflection.what",
    "reflection.so_what",
    "reflection.now_what",
    "reflection.learning_points.0",
    "review.comments.0.text",
    "review.comments.0.replies.0.text",
    "review.rubric.reasoning.note",
    "review.overall_feedback",
]


def test_every_typed_text_is_scanned_and_nothing_else() -> None:
    """Are ids, choices, dates, numbers and the names of student and supervisor left out?"""
    workbook = _everything_filled(f"Ring {PHONE}")
    findings = scan_workbook(workbook)
    assert [f.field for f in findings] == PROSE_FIELDS
    assert {(f.kind, f.text, f.start) for f in findings} == {(Kind.phone, PHONE, 5)}
    assert findings[11].path == ("perspective", "answers", "inside.tried_before", "text")


def test_field_paths_lead_to_the_text() -> None:
    workbook = _everything_filled(f"Pasienten heter Kari, tlf. {PHONE}.")
    # The author's own name is no finding (tested in test_privacy_names): another author.
    meta = workbook.meta.model_copy(update={"author": "Ola Student"})
    workbook = workbook.model_copy(update={"meta": meta})
    texts = dict(prose_fields(workbook))
    findings = scan_workbook(workbook)
    assert len(findings) == 2 * len(PROSE_FIELDS)
    for finding in findings:
        assert finding.path is not None
        assert texts[finding.path][finding.start : finding.end] == finding.text


def test_replacements_are_in_the_workbooks_language() -> None:
    workbook = _everything_filled(f"tlf {PHONE}")
    english = workbook.model_copy(
        update={"meta": workbook.meta.model_copy(update={"language": Language.en})}
    )
    assert {f.replacement for f in scan_workbook(workbook)} == {"[TELEFON]"}
    assert {f.replacement for f in scan_workbook(english)} == {"[PHONE]"}


def test_the_examples_are_clean(samples: list[Workbook]) -> None:
    """Do the bundled example workbooks pass without a single sure finding?"""
    for workbook in samples:
        high = [f for f in scan_workbook(workbook) if f.confidence is Confidence.high]
        assert high == [], workbook.meta.title
