"""Do the Summary screen and the PDF show each barrier's and facilitator's source (or that
it is not chosen yet), the facilitators' own scale, and the techniques chosen from the
taxonomy as "BCT 1.1 Goal setting (behavior)"?"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest

from physioreflect.content import library, message
from physioreflect.export import export_pdf
from physioreflect.model import (
    Barrier,
    ComB,
    Facilitator,
    Language,
    Source,
    Theme,
    Workbook,
    new_entry_id,
)
from physioreflect.render import document_html, summary_data
from tests.unit.export.pdf_tools import body_text, squash


def _workbook(lang: str = "en") -> Workbook:
    workbook = Workbook.new(title="Case: own words", language=Language(lang))
    shared: dict[str, Any] = {"theme": Theme.psychological, "com_b": ComB.automatic_motivation}
    workbook.barriers = [
        Barrier(
            entry_id=new_entry_id(),
            label="Won't be the one who gives up first",
            source=Source.patient_reported,
            impact=4,
            modifiability=2,
            techniques=["1.1", "8.7", "16.9"],
            **shared,
        ),
        Barrier(entry_id=new_entry_id(), label="Unsure of the dose", **shared),
    ]
    workbook.facilitators = [
        Facilitator(
            entry_id=new_entry_id(),
            label="The dog",
            source=Source.therapist_inferred,
            impact=3,
            build_on=5,
            **shared,
        )
    ]
    return workbook


def _blocks(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "type" in value:
            yield value
        for item in value.values():
            yield from _blocks(item)
    elif isinstance(value, list):
        for item in value:
            yield from _blocks(item)


def _section(data: dict[str, Any], section: str) -> dict[str, Any]:
    return next(s for s in data["sections"] if s["id"] == section)


def _field(data: dict[str, Any], section: str, label: str) -> list[dict[str, Any]]:
    return [
        b
        for b in _blocks(_section(data, section)["blocks"])
        if b["type"] == "field" and b["label"] == label
    ]


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        ("en", "BCT 1.1 Goal setting (behavior)", "BCT 8.7 Graded tasks"),
        ("nb", "BCT 1.1 Målsetting (atferd)", "BCT 8.7 Graderte oppgaver"),
    ],
)
def test_techniques_are_printed_by_number_and_label(lang: str, first: str, second: str) -> None:
    data = summary_data(_workbook(lang), lang=lang)
    techniques, nothing_chosen = _field(data, "barriers", message("field.techniques", lang))
    # A number the catalogue does not have is printed as it is, never dropped.
    assert techniques["items"] == [first, second, "BCT 16.9"]
    assert nothing_chosen["items"] == []  # asked for: the second barrier is in own words too
    # The taxonomy (Michie et al. 2013) is cited for them.
    assert "10.1007/s12160-013-9486-6" in [source["doi"] for source in data["sources"]]
    screen = document_html(data)
    assert html.escape(first) in screen and html.escape(second) in screen


def test_each_entry_is_asked_for_what_it_can_have() -> None:
    """A barrier in the patient's own words is asked for techniques, not for catalogue
    strategies it cannot have; a catalogue entry the other way round."""
    workbook = _workbook()
    catalogue = library().barriers[0]
    workbook.barriers.append(
        Barrier(
            entry_id=new_entry_id(),
            catalogue_id=catalogue.id,
            label=catalogue.label.en,
            theme=catalogue.theme,
            com_b=catalogue.com_b,
        )
    )
    data = summary_data(workbook, lang="en")
    techniques = _field(data, "barriers", "Behaviour change techniques")
    assert [len(field["items"]) for field in techniques] == [3, 0]  # the own barriers
    (strategies,) = _field(data, "barriers", "Strategies")  # the catalogue barrier's
    assert strategies["items"] == []
    assert _field(data, "facilitators", "Strategies") == []  # an own facilitator: none asked


def test_each_table_has_its_own_scale() -> None:
    data = summary_data(_workbook(), lang="en")
    barriers, facilitators = (
        next(b for b in _blocks(_section(data, s)["blocks"]) if b["type"] == "factor_table")
        for s in ("barriers", "facilitators")
    )
    assert barriers["columns"][3:] == ["Impact", "Modifiability", "Quadrant"]
    assert [row["ratings"] for row in barriers["rows"]] == [["4", "2"], ["–", "–"]]
    assert facilitators["columns"][3:] == ["Impact", "To build on"]
    assert facilitators["rows"][0]["ratings"] == ["3", "5"]
    assert facilitators["rows"][0]["quadrant"] is None
    assert "how much we can build on them" in facilitators["caption"]
    assert "modifiability" not in facilitators["caption"].casefold()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_source_reads_as_the_markers_do_and_unset_is_not_answered(lang: str) -> None:
    data = summary_data(_workbook(lang), lang=lang)
    sources = [
        row["text"]
        for b in _blocks(data["sections"])
        if b["type"] == "facts"
        for row in b["rows"]
        if row["label"] == message("field.source", lang)
    ]
    assert sources == [
        message("marker.patient_said", lang),
        None,
        message("marker.my_assumption", lang),
    ]


def test_the_pdf_prints_the_techniques_and_the_facilitators_scale() -> None:
    text = squash(body_text(export_pdf(_workbook())))
    for printed in ("BCT 1.1 Goal setting (behavior)", "BCT 8.7 Graded tasks", "To build on"):
        assert squash(printed) in text, printed
