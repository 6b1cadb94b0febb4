"""Does every extreme a workbook allows still give a valid PDF with nothing off the page: huge
answers, unbreakable strings, many barriers and activities, nothing at all, markup
characters, mixed languages, right-to-left scripts and emoji?"""

from __future__ import annotations

import datetime as dt

import pytest

from physioreflect.export import export_pdf, render_pages_png
from physioreflect.model import (
    Answer,
    Barrier,
    Case,
    ComB,
    Intensity,
    Language,
    Marker,
    Perspective,
    Plan,
    PlannedActivity,
    Reflection,
    Theme,
    Workbook,
)
from tests.unit.export.pdf_tools import body_text, inked_columns, pdf_text, reader, squash

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
PPI = 18
MARGIN_CM = 2.3
SPECIAL = (
    "#set page(width: 1cm) $x^2$ *fet* _kursiv_ @ref <etikett> \\ [a] {b} `kode` = overskrift "
    "- punkt + tall / skråstrek \\textbf{x} $$ ** __ #let x = 1 // kommentar /* c */ </b> &amp;"
)


def _workbook(lang: Language = Language.nb, **parts: object) -> Workbook:
    return Workbook.new(title="Robusthet", author="Student", language=lang, now=NOW).model_copy(
        update=parts
    )


def _assert_on_the_page(workbook: Workbook) -> None:
    """No ink in the left and right margins of any page: every line wrapped."""
    pages = render_pages_png(workbook, ppi=PPI)
    width = round(595.28 / 72 * PPI)
    margin = MARGIN_CM / 2.54 * PPI
    for number, png in enumerate(pages, start=1):
        columns = set(inked_columns(png))
        assert columns, f"page {number} is blank"
        assert min(columns) >= margin - 2, f"page {number} has ink in the left margin"
        assert max(columns) <= width - margin + 2, f"page {number} runs off on the right"


def _valid(pdf: bytes) -> int:
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    pages = reader(pdf).pages
    for page in pages:
        assert float(page.mediabox.width) == pytest.approx(595.28, abs=0.01)
    return len(pages)


def test_a_fifty_thousand_character_answer() -> None:
    text = ("Pasienten forteller om smerte, søvn og hverdag med små barn. " * 900)[:50_000]
    workbook = _workbook(
        perspective=Perspective(
            answers={"inside.tried_before": Answer(text=text, marker=Marker.patient_said)}
        )
    )
    pdf = export_pdf(workbook)
    assert 12 <= _valid(pdf) <= 40
    body = squash(body_text(pdf))
    assert squash(text[:300]) in body and squash(text[-300:]) in body
    _assert_on_the_page(workbook)


def test_long_unbreakable_strings_wrap_in_text_and_tables() -> None:
    workbook = _workbook(
        case=Case(case_label="L" * 200, patient_quotes=["«" + "ø" * 400 + "»"]),
        reflection=Reflection(
            what="x" * 50_000, so_what="https://example.org/" + "sti/" * 500 + "a" * 2000
        ),
        barriers=[
            Barrier(
                entry_id="b1",
                label="B" * 200,
                theme=Theme.physical,
                com_b=ComB.physical_capability,
                impact=4,
                modifiability=4,
                patient_words="W" * 3000,
            )
        ],
        plan=Plan(
            activities=[PlannedActivity(entry_id="a1", name="A" * 200, weekly_minutes=[30] * 12)]
        ),
    )
    pdf = export_pdf(workbook)
    _valid(pdf)
    assert squash("x" * 2000) in squash(body_text(pdf))
    _assert_on_the_page(workbook)


def test_forty_barriers_in_table_chart_and_details() -> None:
    barriers = [
        Barrier(
            entry_id=f"b{i}",
            label=f"Barriere {i} med et navn som går over flere linjer i en smal kolonne",
            theme=Theme.physical,
            com_b=list(ComB)[i % 6],
            impact=i % 5 + 1,
            modifiability=(i * 3) % 5 + 1 if i % 7 else None,
            strategies=["pain.start_below_flare"],
        )
        for i in range(1, 41)
    ]
    workbook = _workbook(barriers=barriers)
    pdf = export_pdf(workbook)
    _valid(pdf)
    text = pdf_text(pdf)
    assert all(f"Barriere {i} med" in text for i in range(1, 41))
    assert "Ikke vurdert, derfor ikke i diagrammet: 7, 14, 21, 28, 35." in text
    _assert_on_the_page(workbook)


def test_twelve_weeks_of_six_activities() -> None:
    activities = [
        PlannedActivity(
            entry_id=f"a{i}",
            name=f"Aktivitet {i} med et ganske langt navn for legenden og tabellen",
            intensity=list(Intensity)[i % 3],
            frequency_per_week=3,
            minutes_per_session=30,
            weekly_minutes=[30 + 10 * week + 5 * i for week in range(12)],
        )
        for i in range(6)
    ]
    workbook = _workbook(plan=Plan(activities=activities))
    pdf = export_pdf(workbook)
    _valid(pdf)
    text = pdf_text(pdf)
    assert all(f"Aktivitet {i} med" in text for i in range(6))
    totals = workbook.plan.weekly_totals()
    assert " ".join(str(t) for t in totals) in text  # the total row of the table
    _assert_on_the_page(workbook)


def test_a_new_workbook_prints_every_section_as_not_answered() -> None:
    workbook = Workbook.new(title="Ny arbeidsbok", now=NOW)
    pdf = export_pdf(workbook)
    assert 2 <= _valid(pdf) <= 8
    text = pdf_text(pdf)
    for title in ("Kasus", "Perspektiv", "Barrierer", "Fremmende faktorer", "Plan", "Refleksjon"):
        assert title in text
    assert text.count("Ikke besvart ennå") > 30
    _assert_on_the_page(workbook)


def test_markup_characters_print_literally() -> None:
    workbook = _workbook(
        title=SPECIAL[:200],
        case=Case(case_label=SPECIAL[:200], activity_history=SPECIAL, patient_quotes=[SPECIAL]),
        reflection=Reflection(what=SPECIAL, learning_points=[SPECIAL]),
    )
    pdf = export_pdf(workbook)
    _valid(pdf)  # "#set page(width: 1cm)" stayed text: every page is still A4
    body = squash(body_text(pdf))
    assert body.count(squash(SPECIAL)) >= 4
    for char in "#$*@<\\_[]{}`=-+/":
        assert char in pdf_text(pdf)
    _assert_on_the_page(workbook)


def test_mixed_norwegian_and_english() -> None:
    text = (
        "Jeg tenkte at «trening er medisin», but the patient said: “I don't believe that.” "
        "Æ Ø Å æ ø å – fysioterapi and physiotherapy."
    )
    workbook = _workbook(Language.en, reflection=Reflection(what=text))
    pdf = export_pdf(workbook)
    _valid(pdf)
    assert squash(text) in squash(body_text(pdf))
    _assert_on_the_page(workbook)


def test_right_to_left_text() -> None:
    arabic = "مرحبا، هذا نص عربي عن التمارين الرياضية والألم المزمن."
    hebrew = "שלום, זהו טקסט בעברית על פעילות גופנית וכאב."
    workbook = _workbook(
        case=Case(
            activity_history=f"{arabic}\n\n{hebrew}\n\nBlandet: pasienten sa «مرحبا» og «שלום».",
            patient_quotes=["«لا أستطيع أن أمشي كثيرا»"],
        )
    )
    pdf = export_pdf(workbook)
    _valid(pdf)
    text = pdf_text(pdf)
    # Extraction returns right-to-left lines in visual order; each word must be whole.
    for word in (*arabic.split(), *hebrew.split()):
        assert word.strip(".,،") in text, word
    _assert_on_the_page(workbook)


def test_emoji_show_and_characters_without_a_font_are_replaced_visibly() -> None:
    workbook = _workbook(
        case=Case(
            activity_history="Hun sa 😀👍🏽 og 👨‍👩‍👧 – men 中文 og 𝔸 har ingen skrift.",
            patient_quotes=["💪 Jeg klarte det!"],
        )
    )
    pdf = export_pdf(workbook)
    _valid(pdf)
    text = pdf_text(pdf)
    assert "😀" in text and "💪" in text
    fonts = {
        str(font.get_object().get("/Name"))
        for page in reader(pdf).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert "/NotoColorEmoji" in fonts  # drawn from the emoji font, not as empty boxes
    assert "men \ufffd\ufffd og \ufffd har" in text
    assert "vises som \ufffd" in text  # the note that says why
    _assert_on_the_page(workbook)
