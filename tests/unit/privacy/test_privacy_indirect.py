"""Indirect identifiers: labelled cases for each kind, in bokmål and English, and the
combination rule."""

from __future__ import annotations

import datetime as dt

import pytest

from physioreflect.content import message
from physioreflect.model import Workbook
from physioreflect.privacy import (
    INDIRECT_KINDS,
    Confidence,
    Kind,
    indirect_identifiers,
    indirect_in_text,
    indirect_warning,
    scan_workbook,
)

TODAY = dt.date(2026, 3, 1)
AGE, JOB, WORK, PLACE, DATE, DIAGNOSIS = (
    Kind.exact_age,
    Kind.rare_occupation,
    Kind.workplace,
    Kind.small_place,
    Kind.event_date,
    Kind.rare_diagnosis,
)

FOUND = [
    ("nb", "Hun er 52 år og har vondt i kneet.", AGE, "52"),
    ("nb", "Kvinne, 47 år, med nakkesmerter.", AGE, "47"),
    ("nb", "Pasienten (63) trener to ganger i uka.", AGE, "63"),
    ("nb", "En 34-åring med ryggsmerter.", AGE, "34"),
    ("en", "She is a 52-year-old teacher.", AGE, "52"),
    ("en", "Aged 71, he still walks daily.", AGE, "71"),
    ("nb", "Han jobber som fyrvokter.", JOB, "fyrvokter"),
    ("nb", "Hun er ordfører i kommunen.", JOB, "ordfører"),
    ("en", "He used to be a professional footballer.", JOB, "professional footballer"),
    ("en", "She is an opera singer.", JOB, "opera singer"),
    ("nb", "Hun jobber på Rema 1000 i sentrum.", WORK, "Rema 1000"),
    ("nb", "Han er ansatt ved Haukeland sykehus.", WORK, "Haukeland sykehus"),
    ("en", "He works at Equinor.", WORK, "Equinor"),
    ("en", "She is employed by Telenor.", WORK, "Telenor"),
    ("nb", "Hun bor på Vinstra med mannen sin.", PLACE, "Vinstra"),
    ("nb", "Han vokste opp i Lærdal.", PLACE, "Lærdal"),
    ("en", "She lives in Tynset.", PLACE, "Tynset"),
    ("en", "He grew up in Røros.", PLACE, "Røros"),
    ("nb", "Hun falt på isen 3. februar 2026.", DATE, "3. februar 2026"),
    ("nb", "Han ble operert 14.01.2026.", DATE, "14.01.2026"),
    ("en", "On 12 January she slipped on the ice.", DATE, "12 January"),
    ("en", "He was admitted on 2 December 2025.", DATE, "2 December 2025"),
    ("nb", "Han har ALS og bruker rullestol.", DIAGNOSIS, "ALS"),
    ("nb", "Hun har Ehlers-Danlos og er hypermobil.", DIAGNOSIS, "Ehlers-Danlos"),
    ("en", "She has cystic fibrosis.", DIAGNOSIS, "cystic fibrosis"),
    ("en", "He was diagnosed with myasthenia gravis.", DIAGNOSIS, "myasthenia gravis"),
]

NOT_FOUND = [
    ("nb", "Aldersgruppe 50–59 år, kvinne."),
    ("nb", "Han har jobbet i 30 år som snekker."),
    ("nb", "Smerte 7/10 i hvile."),
    ("nb", "Neste time 03.04.2026 kl. 10.30."),
    ("nb", "Hun har hatt vondt siden 3. april 2019."),
    ("nb", "Hun bor i Oslo og jobber i butikk."),
    ("nb", "Han kommer fra Somalia."),
    ("nb", "Hun har kneartrose og jobber som sykepleier."),
    ("en", "Age band 40–49, male."),
    ("en", "He has had pain for 3 years."),
    ("en", "Follow-up appointment on 12 January."),
    ("en", "She lives in Bergen and works in a shop."),
    ("en", "The pain started in 2019."),
    ("en", "She has low back pain and works as a nurse."),
]


@pytest.mark.parametrize(("lang", "text", "kind", "expected"), FOUND)
def test_each_kind_is_found(lang: str, text: str, kind: Kind, expected: str) -> None:
    findings = indirect_in_text(text, lang=lang, today=TODAY)
    assert [(f.kind, f.text) for f in findings] == [(kind, expected)]
    assert all(f.confidence is Confidence.low for f in findings)


@pytest.mark.parametrize(("lang", "text"), NOT_FOUND)
def test_ordinary_clinical_text_has_none(lang: str, text: str) -> None:
    assert indirect_in_text(text, lang=lang, today=TODAY) == []


def test_both_languages_are_labelled_for_every_kind() -> None:
    assert {(lang, kind) for lang, _, kind, _ in FOUND} == {
        (lang, kind) for lang in ("nb", "en") for kind in INDIRECT_KINDS
    }


def _workbook(text: str) -> Workbook:
    workbook = Workbook.new(title="Kasus")
    case = workbook.case.model_copy(update={"activity_history": text})
    return workbook.model_copy(update={"case": case})


def test_two_kinds_make_a_soft_warning_one_does_not() -> None:
    """Is the warning given for a combination only, never for one detail alone?"""
    one = indirect_identifiers(_workbook("Hun er 52 år."), today=TODAY)
    assert [f.kind for f in one] == [AGE]
    assert indirect_warning(one) is None
    two = indirect_identifiers(
        _workbook("Hun er 52 år og jobber som fyrvokter på Utvær."), today=TODAY
    )
    warning = indirect_warning(two)
    assert warning is not None
    assert warning.kinds == (AGE, JOB)
    assert all(f.path == ("case", "activity_history") for f in two)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_warning_explains_the_law_and_the_guidance(lang: str) -> None:
    text = message("privacy.indirect.warning", lang, kinds="x, y")
    assert "helsepersonelloven § 21" in text
    assert "taushetsplikt" in text.lower()
    assert message("privacy.indirect.guidance", lang)


def test_indirect_identifiers_are_not_part_of_replace_all() -> None:
    """Does the default scan (the one "replace all" uses) leave indirect ones out?"""
    workbook = _workbook("Hun er 52 år, bor på Vinstra og har ALS.")
    assert indirect_identifiers(workbook, today=TODAY)
    assert not {f.kind for f in scan_workbook(workbook)} & INDIRECT_KINDS
