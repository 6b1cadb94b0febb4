"""Does text reach the typesetter as paragraphs with the right direction, every character
printable or visibly replaced, and long unbroken strings breakable?"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from physioreflect.export._fonts import font_coverage
from physioreflect.export._text import (
    BREAK_EVERY,
    LONG_RUN,
    REPLACEMENT,
    _normalise,
    is_right_to_left,
    paragraphs,
    printable,
)

ZWSP = "\u200b"


def test_paragraphs_split_at_blank_lines_only() -> None:
    text = "Første linje\nandre linje\r\n\r\n  \nNytt avsnitt.\u2029Tredje.\n\n\n"
    assert [p["text"] for p in paragraphs(text)] == [
        "Første linje\nandre linje",
        "Nytt avsnitt.",
        "Tredje.",
    ]


def test_blank_text_has_no_paragraphs() -> None:
    assert paragraphs("") == []
    assert paragraphs(" \n\t\n ") == []


def test_direction_follows_the_first_strong_character() -> None:
    assert is_right_to_left("مرحبا بالعالم")
    assert is_right_to_left("«2026: שלום» and more")
    assert not is_right_to_left("Hei, مرحبا")
    assert not is_right_to_left("123 – …")
    assert [p["rtl"] for p in paragraphs("שלום\n\nHei")] == [True, False]


def test_text_the_fonts_cover_is_unchanged() -> None:
    text = "Æ Ø Å æ ø å – «sitat» “quote” 😀👍🏽 👨‍👩‍👧 1️⃣ مرحبا שלום ✓ → ≥ #$*@<\\_[]{}`=-+/"
    assert printable(text, font_coverage()) == (text, 0)


def test_characters_without_a_font_are_replaced_visibly_and_counted() -> None:
    text, replaced = printable("中文 og 𝔸 og \x07 og \U000f0000", font_coverage())
    assert text == f"{REPLACEMENT}{REPLACEMENT} og {REPLACEMENT} og {REPLACEMENT} og {REPLACEMENT}"
    assert replaced == 5


def test_line_breaks_and_tabs_are_normalised() -> None:
    assert printable("a\r\nb\rc\u2028d\te", font_coverage())[0] == "a\nb\nc\nd e"


def test_words_of_ordinary_length_get_no_break_opportunities() -> None:
    word = "smertemonitoreringsmodellen"  # 27 letters: hyphenation breaks it, not us
    assert len(word) <= LONG_RUN
    assert printable(word, font_coverage())[0] == word


def test_long_unbroken_runs_get_a_break_opportunity_every_few_characters() -> None:
    text, _ = printable("x" * 100 + " ok", font_coverage())
    pieces = text.split(" ")[0].split(ZWSP)
    assert "".join(pieces) == "x" * 100
    assert all(len(piece) <= BREAK_EVERY for piece in pieces)
    assert text.endswith(" ok")


def test_no_break_spaces_do_not_hide_a_long_run() -> None:
    text, _ = printable("ord\u00a0" * 20, font_coverage())
    assert "\u200b" in text


def test_breaks_never_split_a_character_cluster() -> None:
    family = "👨\u200d👩\u200d👧"
    text, _ = printable((family + "👍🏽" + "e\u0301") * 20, font_coverage())
    for index, char in enumerate(text):
        if char != ZWSP:
            continue
        before, after = text[index - 1], text[index + 1]
        assert "\u200d" not in (before, after)
        assert not 0x1F3FB <= ord(after) <= 0x1F3FF
        assert unicodedata.category(after) not in ("Mn", "Me")


@given(st.text(max_size=300))
def test_printable_only_replaces_characters_and_adds_break_opportunities(text: str) -> None:
    coverage = font_coverage()
    result, replaced = printable(text, coverage)
    expected = _normalise(text).replace(ZWSP, "")
    got = result.replace(ZWSP, "")
    assert len(got) == len(expected)
    assert all(a in (b, REPLACEMENT) for a, b in zip(got, expected, strict=True))
    assert sum(a != b for a, b in zip(got, expected, strict=True)) == replaced
    for char in result:
        assert (
            ord(char) in coverage
            or char == "\n"
            or unicodedata.category(char) == "Cf"
            or 0xFE00 <= ord(char) <= 0xFE0F
            or 0xE0100 <= ord(char) <= 0xE01EF
        ), repr(char)
