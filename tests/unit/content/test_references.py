"""Can a reader find every source, and does the reference list follow APA 7 in both languages?"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from physioreflect.content import (
    Source,
    library,
    parse_prompt_set,
    reference_note,
    reference_parts,
    reference_text,
)


def _source(**fields: Any) -> Source:
    return Source.model_validate({"id": "x", **fields})


ARTICLE: dict[str, Any] = {
    "kind": "article",
    "authors": ["Thomeé, R."],
    "year": 1997,
    "title": "A comprehensive treatment approach for patellofemoral pain syndrome in young women",
    "container": "Physical Therapy",
    "volume": "77",
    "issue": "12",
    "pages": "1690–1703",
}


def test_every_built_in_source_has_the_fields_its_kind_needs() -> None:
    """Verified sources are complete; an unverified one is at least titled and says so."""
    sources = library().sources.values()
    assert len(sources) >= 30
    for source in sources:
        assert source.kind != "text", f"{source.id}: built-in sources give their details"
        assert source.title, source.id
        if source.verified:
            assert source.missing_fields() == [], source.id
        else:
            assert reference_note(source, "nb") and reference_note(source, "en"), source.id


def test_the_known_corrections_are_in_place() -> None:
    sources = library().sources
    assert sources["thomee1997"].title == (
        "A comprehensive treatment approach for patellofemoral pain syndrome in young women"
    )
    assert (sources["thomee1997"].volume, sources["thomee1997"].pages) == ("77", "1690–1703")
    silbernagel = sources["silbernagel2007"]
    assert silbernagel.container == "The American Journal of Sports Medicine"
    assert (silbernagel.volume, silbernagel.issue, silbernagel.pages) == ("35", "6", "897–906")
    # A person or a concept is not a work: both now name a book.
    assert sources["mentalization"].kind == "book" and sources["mentalization"].publisher
    assert sources["skarderud"].kind == "book"
    assert sources["borton1970"].year == 1970
    assert sources["essay"].verified is False
    assert sources["jospt2025"].title and "chronic low back pain" in sources["jospt2025"].title


@pytest.mark.parametrize("missing", ["authors", "year", "volume", "container"])
def test_a_verified_article_without_a_needed_detail_is_rejected(missing: str) -> None:
    fields = {k: v for k, v in ARTICLE.items() if k != missing}
    with pytest.raises(ValidationError, match="verified: false"):
        _source(**fields)
    assert _source(**fields, verified=False).missing_fields() == [missing]


def test_an_article_number_or_pages_will_do() -> None:
    fields = {k: v for k, v in ARTICLE.items() if k != "pages"}
    with pytest.raises(ValidationError):
        _source(**fields)
    assert _source(**fields, article_number="e0179826").missing_fields() == []


def test_an_apa_journal_article_in_both_languages() -> None:
    source = _source(**ARTICLE, doi="10.1093/ptj/77.12.1690")
    expected = (
        "Thomeé, R. (1997). A comprehensive treatment approach for patellofemoral pain "
        "syndrome in young women. Physical Therapy, 77(12), 1690–1703. "
        "https://doi.org/10.1093/ptj/77.12.1690"
    )
    assert reference_text(source, "en") == expected
    assert reference_text(source, "nb") == expected  # nothing to frame in a journal article
    italic = [p.text for p in reference_parts(source, "en") if p.italic]
    assert italic == ["Physical Therapy, 77"]


def test_bokmal_frames_editors_missing_dates_editions_and_article_numbers() -> None:
    book = _source(
        kind="book",
        editors=["Bahr, R."],
        title="Aktivitetshåndboken",
        publisher="Helsedirektoratet",
        verified=False,
    )
    assert reference_text(book, "nb").startswith("Bahr, R. (Red.). (u.å.). Aktivitetshåndboken.")
    assert reference_text(book, "en").startswith("Bahr, R. (Ed.). (n.d.). Aktivitetshåndboken.")
    edition = _source(
        kind="book",
        authors=["Miller, W. R.", "Rollnick, S."],
        year=2013,
        title="Motivational interviewing",
        edition=3,
        publisher="Guilford Press",
    )
    assert "(3. utg.)" in reference_text(edition, "nb")
    assert "(3rd ed.)" in reference_text(edition, "en")
    assert "Miller, W. R., & Rollnick, S. (2013)." in reference_text(edition, "en")
    numbered = _source(**{**ARTICLE, "pages": None, "article_number": "42"})
    assert "Artikkel 42." in reference_text(numbered, "nb")
    assert "Article 42." in reference_text(numbered, "en")


def test_a_chapter_names_its_book_and_pages() -> None:
    chapter = _source(
        kind="chapter",
        authors=["Skårderud, F."],
        year=2013,
        title="Kapittel",
        editors=["Skårderud, F.", "Sommerfeldt, B."],
        container="Boka",
        pages="10–20",
        publisher="Forlaget",
    )
    assert reference_text(chapter, "nb") == (
        "Skårderud, F. (2013). Kapittel. I F. Skårderud & B. Sommerfeldt (red.), Boka "
        "(s. 10–20). Forlaget."
    )
    assert "In F. Skårderud & B. Sommerfeldt (Eds.), Boka (pp. 10–20)." in reference_text(
        chapter, "en"
    )


def test_twenty_one_authors_list_nineteen_an_ellipsis_and_the_last() -> None:
    names = [f"Author{i}, A." for i in range(1, 22)]
    text = reference_text(_source(**{**ARTICLE, "authors": names}), "en")
    assert "Author19, A., . . . Author21, A. (1997)." in text
    assert "Author20" not in text


def test_a_work_without_an_author_starts_with_its_title() -> None:
    essay = library().sources["essay"]
    nb = reference_text(essay, "nb")
    assert nb.startswith("Trening for muskel- og skjelettplager – the silver bullet?")
    assert "[Essay i et norsk fysioterapitidsskrift]" in nb and "(u.å.)" in nb
    assert "[Essay in a Norwegian physiotherapy journal]" in reference_text(essay, "en")
    assert "ikke bekreftet" in nb


def test_a_course_source_given_as_one_line_still_loads() -> None:
    data = b"""
id: course
title: {nb: Kurs, en: Course}
sources:
  - id: lecture
    citation: "FYS2100 lecture notes, autumn term (course material)."
prompts:
  - id: course.one
    group: patient_inside
    text: {nb: Hva?, en: What?}
    guidance: {nb: Hjelp, en: Help}
    example: {nb: Eksempel, en: Example}
    sources: [lecture]
"""
    prompt_set = parse_prompt_set(data, source="course.yaml")
    source = prompt_set.sources[0]
    assert source.kind == "text"
    assert reference_text(source, "nb") == "FYS2100 lecture notes, autumn term (course material)."


def test_a_source_with_neither_details_nor_a_citation_is_rejected() -> None:
    with pytest.raises(ValidationError):
        _source(kind="text")
    with pytest.raises(ValidationError):
        _source(**ARTICLE, citation="Thomeé 1997, as a line of text")
