"""Is the patient's handout a readable, accessible PDF: two A4 pages for up to four
activities, every text 12 pt or larger in colours of 4.5:1 or more, titled "Min
aktivitetsplan" / "My activity plan" with no author, and with the right signs for the
condition?"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from physioreflect.export import export_handout_pdf, render_handout_png
from physioreflect.export._pipeline import TEMPLATES
from physioreflect.fixtures import hostile_workbook, synthetic_workbooks
from physioreflect.model import (
    Condition,
    ForPatient,
    Intensity,
    Language,
    PlannedActivity,
    Workbook,
)
from tests.unit.export.pdf_tools import pdf_text, reader, squash

A4 = (595.28, 841.89)
MIN_TEXT_PT = 12.0
MIN_CONTRAST = 4.5


@pytest.fixture(scope="module")
def planned(samples: list[Workbook]) -> list[Workbook]:
    """The examples with a plan to hand out (one has no activity yet)."""
    return [workbook for workbook in samples if workbook.plan.activities]


@pytest.fixture(scope="module")
def handouts(planned: list[Workbook]) -> dict[tuple[int, str], bytes]:
    return {
        (index, lang): export_handout_pdf(workbook, lang=lang)
        for index, workbook in enumerate(planned)
        for lang in ("nb", "en")
    }


def text_sizes(pdf: bytes) -> Iterator[tuple[float, str]]:
    """The size every piece of text is set at, in points, with the text."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            found.append((size * scale, text))

    for page in reader(pdf).pages:
        page.extract_text(visitor_text=visit)
    yield from found


# ── pages, type and metadata ─────────────────────────────────────────────────────────────────
def test_up_to_four_activities_fit_on_two_a4_pages(
    handouts: dict[tuple[int, str], bytes],
) -> None:
    for (index, lang), pdf in handouts.items():
        pages = reader(pdf).pages
        assert len(pages) == 2, (index, lang)
        for page in pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert size == pytest.approx(A4, abs=0.01)
        word = "Side {} av {}" if lang == "nb" else "Page {} of {}"
        assert word.format(2, 2) in pages[1].extract_text()


def _four_activities(workbook: Workbook) -> Workbook:
    busy = workbook.model_copy(deep=True)
    ideas = ["walking", "chair_rises", "swimming", "resistance_bands"]
    busy.plan.activities = [
        PlannedActivity(
            entry_id=f"a{n}",
            idea_id=idea,
            name=idea,
            frequency_per_week=3,
            minutes_per_session=20,
            intensity=Intensity.moderate,
            weekly_minutes=[60 + 5 * week for week in range(12)],
        )
        for n, idea in enumerate(ideas)
    ]
    return busy


def test_four_activities_with_every_text_filled_still_fit_on_two_pages(
    samples: list[Workbook],
) -> None:
    for lang in ("nb", "en"):
        pdf = export_handout_pdf(_four_activities(samples[0]), lang=lang)
        assert len(reader(pdf).pages) == 2, lang


def test_a_longer_plan_gets_more_pages_and_a_note_and_nothing_is_cut(
    samples: list[Workbook],
) -> None:
    long = _four_activities(samples[3])
    long.plan.activities = [
        activity.model_copy(
            update={
                "entry_id": f"{activity.entry_id}{n}",
                "name": f"Aktivitet nr {n}",
                "name_edited": True,
            }
        )
        for n in range(3)
        for activity in long.plan.activities
    ]
    pdf = export_handout_pdf(long)
    pages = reader(pdf).pages
    assert len(pages) > 2
    assert f"Planen din har {len(pages)} sider." in pages[0].extract_text()
    text = squash(pdf_text(pdf))
    for activity in long.plan.activities:
        assert squash(activity.name) in text
    for paragraph in long.plan.for_patient.flare_up.split("\n\n"):
        assert squash(paragraph) in text


def test_every_text_is_12_pt_or_larger(handouts: dict[tuple[int, str], bytes]) -> None:
    for key, pdf in handouts.items():
        sizes = list(text_sizes(pdf))
        assert len(sizes) > 50
        small = [(round(size, 2), text) for size, text in sizes if size < MIN_TEXT_PT - 0.01]
        assert not small, (key, small[:5])
        assert max(size for size, _ in sizes) >= 20  # the title stands out


def test_the_text_is_set_in_the_bundled_sans_serif(handouts: dict[tuple[int, str], bytes]) -> None:
    for pdf in handouts.values():
        fonts = {
            str(font["/BaseFont"]).split("+")[-1]
            for page in reader(pdf).pages
            for font in (f.get_object() for f in page["/Resources"]["/Font"].values())
        }
        assert fonts and all(name.startswith("Inter-") for name in fonts), fonts


def test_metadata_has_the_plain_title_the_language_and_no_author(
    planned: list[Workbook], handouts: dict[tuple[int, str], bytes]
) -> None:
    for (index, lang), pdf in handouts.items():
        document = reader(pdf)
        assert document.metadata is not None
        assert document.metadata.title == (
            "Min aktivitetsplan" if lang == "nb" else "My activity plan"
        )
        assert document.metadata.author is None
        assert document.metadata.subject is None
        assert "/Keywords" not in document.metadata
        assert document.trailer["/Root"]["/Lang"] == lang
        updated = planned[index].meta.updated.astimezone(dt.UTC)
        assert document.metadata.creation_date == updated
        xmp = document.xmp_metadata
        assert xmp is not None
        data = xmp.stream.get_data().decode()
        assert "<pdfaid:part>2</pdfaid:part>" in data
        assert "<pdfuaid:part>1</pdfuaid:part>" in data
        assert "dc:creator" not in data


def test_the_same_workbook_gives_the_same_bytes(planned: list[Workbook]) -> None:
    assert export_handout_pdf(planned[0]) == export_handout_pdf(planned[0])


def test_the_language_is_chosen_apart_from_the_workbooks(
    planned: list[Workbook], handouts: dict[tuple[int, str], bytes]
) -> None:
    english = next(i for i, w in enumerate(planned) if w.meta.language is Language.en)
    norwegian = next(i for i, w in enumerate(planned) if w.meta.language is Language.nb)
    assert export_handout_pdf(planned[english]) == handouts[(english, "en")]
    assert export_handout_pdf(planned[norwegian]) == handouts[(norwegian, "nb")]
    text = pdf_text(handouts[(norwegian, "en")])
    assert "My activity plan" in text and "When to get help" in text
    # The clinician's text stays as it was written.
    assert squash(planned[norwegian].plan.goals[0].activity) in squash(text)


def test_fixed_text_and_the_plan_are_in_the_pdf(
    planned: list[Workbook], handouts: dict[tuple[int, str], bytes]
) -> None:
    text = squash(pdf_text(handouts[(0, "nb")]))
    for fixed in (
        "Min aktivitetsplan",
        "Dette vil jeg klare",
        "Dette skal jeg gjøre",
        "Du kan prate, men ikke synge.",
        "Uke 1",
        "Uke 12",
        "Startdato",
        "Grønt",
        "Gult",
        "Rødt",
        "6 til 10",
        "Vondt betyr ikke skade.",
        "Navn:",
        "Fysioterapeut:",
        "Telefon:",
        "Neste time:",
        "24. mars 2026",
        "Ring 113 med en gang hvis du",
        "116 117",
    ):
        assert squash(fixed) in text, fixed
    workbook = planned[0]
    for written in (
        *(goal.activity for goal in workbook.plan.goals),
        workbook.plan.for_patient.flare_up,
        workbook.plan.for_patient.note,
    ):
        assert squash(written) in text


# ── when to get help, by condition ───────────────────────────────────────────────────────────
_BACK = ("blir nummen i setet eller mellom beina", "får ny svakhet i beina")
_JOINT = ("får et varmt, hovent ledd og feber",)
_EVERYONE = ("får smerter i brystet", "besvimer", "får en hoven og øm legg")


@pytest.mark.parametrize(
    ("condition", "printed", "left_out"),
    [
        (Condition.low_back_pain_chronic, _BACK + _EVERYONE, _JOINT),
        (Condition.low_back_pain_acute, _BACK + _EVERYONE, _JOINT),
        (Condition.osteoarthritis_knee, _JOINT + _EVERYONE, _BACK),
        (Condition.shoulder_pain, _JOINT + _EVERYONE, _BACK),
        (Condition.fibromyalgia, _EVERYONE, _BACK + _JOINT),
        (None, _BACK + _JOINT + _EVERYONE, ()),
    ],
)
def test_the_safety_text_follows_the_condition(
    planned: list[Workbook],
    condition: Condition | None,
    printed: tuple[str, ...],
    left_out: tuple[str, ...],
) -> None:
    workbook = planned[0].model_copy(deep=True)
    workbook.case = workbook.case.model_copy(update={"condition": condition})
    text = squash(pdf_text(export_handout_pdf(workbook)))
    for sign in printed:
        assert squash(sign) in text, sign
    for sign in left_out:
        assert squash(sign) not in text, sign
    assert squash("Helsenorge") in text  # where to call, cited


# ── colours ──────────────────────────────────────────────────────────────────────────────────
_COLOUR = re.compile(r'^#let ([\w-]+) = rgb\("#([0-9a-fA-F]{6})"\)', re.MULTILINE)


def _luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _names(template: str, name: str) -> list[str]:
    found = re.search(rf"^#let {name} = \(([^)]*)\)", template, re.MULTILINE)
    assert found, name
    return [part.strip() for part in found.group(1).split(",") if part.strip()]


def test_every_text_colour_has_4_5_to_1_on_every_background() -> None:
    template = TEMPLATES["handout"].read_text(encoding="utf-8")
    colours = dict(_COLOUR.findall(template))
    text_colours, backgrounds = _names(template, "text-colours"), _names(template, "backgrounds")
    assert set(text_colours) | set(backgrounds) <= set(colours)
    for ink in text_colours:
        for paper in backgrounds:
            ratio = contrast(colours[ink], colours[paper])
            assert ratio >= MIN_CONTRAST, (ink, paper, round(ratio, 2))


def test_text_is_set_only_in_the_text_colours_and_no_colour_is_unnamed() -> None:
    template = TEMPLATES["handout"].read_text(encoding="utf-8")
    text_colours = set(_names(template, "text-colours"))
    used = re.findall(r"text\([^()]*fill:\s*([\w-]+)", template)
    assert used and set(used) <= text_colours, set(used) - text_colours
    # Every colour is one of the named ones above: rgb(...) appears only where they are named.
    assert len(re.findall(r"rgb\(", template)) == len(_COLOUR.findall(template))


def test_the_contrast_check_can_fail() -> None:
    assert contrast("777777", "ffffff") < MIN_CONTRAST
    assert contrast("000000", "ffffff") == pytest.approx(21)


# ── robustness ───────────────────────────────────────────────────────────────────────────────
def test_markup_typed_into_the_plan_is_printed_as_text() -> None:
    hostile = hostile_workbook()
    for activity in hostile.plan.activities:
        activity.name_edited = True
    pdf = export_handout_pdf(hostile)
    text = squash(pdf_text(pdf))
    assert squash(hostile.plan.for_patient.flare_up) in text
    assert squash(hostile.plan.activities[0].name) in text


def test_the_preview_has_a_png_per_page(planned: list[Workbook]) -> None:
    pages = render_handout_png(planned[0], lang="en", ppi=30)
    assert len(pages) == 2
    assert all(page.startswith(b"\x89PNG") for page in pages)


def test_a_synthetic_class_gets_its_handouts(tmp_path: Path) -> None:
    made = 0
    for workbook in synthetic_workbooks(40, seed=3):
        if workbook.plan.activities:
            pdf = export_handout_pdf(workbook)
            assert len(reader(pdf).pages) == 2
            made += 1
    assert made > 10


def test_characters_no_font_has_are_shown_and_said(planned: list[Workbook]) -> None:
    workbook = planned[0].model_copy(deep=True)
    workbook.plan.for_patient = ForPatient(note="Lykke til \u16a0 med turene!")
    text = pdf_text(export_handout_pdf(workbook))
    assert "Noen tegn kunne ikke skrives ut" in text
