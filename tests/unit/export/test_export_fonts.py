"""Are the bundled fonts licensed, the only ones Typst sees, and do they cover what a
Norwegian or English workbook (and its patients' quotes) needs?"""

from __future__ import annotations

import re

from physioreflect.export._fonts import FONT_FOLDER, font_coverage, font_files, typst_fonts
from physioreflect.export._pipeline import TEMPLATE


def test_every_bundled_font_sits_beside_its_ofl_licence() -> None:
    assert font_files()
    for path in font_files():
        licence = path.parent / "OFL.txt"
        assert licence.is_file(), path
        text = licence.read_text(encoding="utf-8")
        assert "SIL OPEN FONT LICENSE Version 1.1" in text
        assert "Copyright" in text


def test_typst_sees_exactly_the_bundled_fonts() -> None:
    paths = {info.path for info in typst_fonts().fonts()}
    assert paths == {str(path) for path in font_files()}


def test_every_family_the_template_names_is_bundled() -> None:
    source = (TEMPLATE.parent / "parts.typ").read_text(encoding="utf-8")
    stacks = re.findall(r"^#let (?:serif|sans) = \((.*)\)$", source, re.MULTILINE)
    named = {name for stack in stacks for name in re.findall(r'"([^"]+)"', stack)}
    assert named >= {"Charis SIL", "Inter", "Noto Color Emoji"}
    assert named <= set(typst_fonts().families())


def test_coverage_holds_the_scripts_a_workbook_needs() -> None:
    coverage = font_coverage()
    needed = "abcæøåÆØÅéü–—«»“”‘’…→✓€" + "مرحبا" + "שלום" + "😀👍🏽💪" + "\ufffd"
    assert all(ord(char) in coverage for char in needed)
    assert ord("中") not in coverage  # no CJK font is bundled: such text is replaced visibly


def test_the_font_folder_holds_only_fonts_and_licences() -> None:
    for path in FONT_FOLDER.rglob("*"):
        if path.is_file():
            assert path.suffix in (".ttf", ".otf") or path.name in ("OFL.txt", "README.md"), path
