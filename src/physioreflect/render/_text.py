"""Paragraphs of user text with their writing direction, as both the screen and the page
show them. Nothing here interprets text: it only decides where paragraphs begin and end."""

from __future__ import annotations

import re
import unicodedata
from typing import Final, TypedDict

__all__ = ["Paragraph", "is_right_to_left", "normalise", "paragraphs"]

_LINE_BREAKS: Final = re.compile(r"\r\n|[\r\u2028\u0085]")
_PARAGRAPH_BREAK: Final = re.compile(r"(?:[ \t]*\n){2,}")


class Paragraph(TypedDict):
    text: str
    rtl: bool
    """Right-to-left (Arabic, Hebrew, …): the template sets it with its own base direction."""


def is_right_to_left(text: str) -> bool:
    """Whether the first strongly directional character is right-to-left (Unicode's rule for
    a paragraph's base direction)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def normalise(text: str) -> str:
    """One kind of line break (``\\n``), paragraph separators as blank lines, tabs as spaces
    (fonts have no glyph for a tab)."""
    text = _LINE_BREAKS.sub("\n", text)
    return text.replace("\u2029", "\n\n").replace("\t", " ")


def paragraphs(text: str) -> list[Paragraph]:
    """``text`` split at blank lines; single line breaks stay inside their paragraph. Blank
    text gives no paragraphs at all, which the template shows as "not answered yet"."""
    parts = (part.strip() for part in _PARAGRAPH_BREAK.split(normalise(text)))
    return [{"text": part, "rtl": is_right_to_left(part)} for part in parts if part]
