"""Text as the typesetter needs it: paragraphs with their writing direction, every character
either printable by a bundled font or visibly replaced, and long unbroken strings given places
to break.

Nothing here interprets text: user text reaches the template as JSON strings and is set as
plain text, so these steps only decide how it looks, never what it means.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from typing import Final

from physioreflect.render import Paragraph, is_right_to_left, paragraphs
from physioreflect.render import normalise as _normalise

__all__ = [
    "BREAK_EVERY",
    "LONG_RUN",
    "REPLACEMENT",
    "Paragraph",
    "is_right_to_left",
    "paragraphs",
    "printable",
]

REPLACEMENT: Final = "\N{REPLACEMENT CHARACTER}"
"""Shown instead of a character no bundled font has a glyph for."""

LONG_RUN: Final = 30
"""Runs of more characters than this without a space get break opportunities. No word of
bokmål or English prose is that long, so real words still break only by hyphenation; the
narrowest text column of the summary holds about this many characters."""
BREAK_EVERY: Final = 12

_ZERO_WIDTH_SPACE: Final = "\N{ZERO WIDTH SPACE}"
# A run is what cannot break: non-space characters and the no-break spaces between them.
_RUN: Final = re.compile(rf"(?:\S|[\u00a0\u2007\u202f]){{{LONG_RUN + 1},}}")
_EMOJI_MODIFIERS: Final = range(0x1F3FB, 0x1F400)

# Variation selectors, like the format characters (category Cf: joiners, direction marks,
# emoji tags), take no glyph of their own but shape the characters around them; Typst sets
# them without a font, so they are never "missing".
_VARIATION_SELECTORS: Final = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


def _shows(char: str, coverage: Set[int]) -> bool:
    """Whether Typst can set ``char``: a line break, a character that needs no glyph, or one
    a bundled font has. Other control characters would print as a box even where a font maps
    them, so they never pass."""
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cc":
        return char == "\n"
    return (
        code in coverage
        or category == "Cf"
        or any(code in selectors for selectors in _VARIATION_SELECTORS)
    )


def _can_break_between(left: str, right: str) -> bool:
    """Whether a break between two characters keeps clusters whole: never before a combining
    mark, a joiner or an emoji modifier, never after a joiner."""
    for char in (left, right):
        if unicodedata.category(char) in ("Cf", "Mn", "Mc", "Me"):
            return False
    return ord(right) not in _EMOJI_MODIFIERS


def _break_long_run(match: re.Match[str]) -> str:
    run = match.group()
    pieces: list[str] = []
    since_break = 0
    for index, char in enumerate(run):
        if since_break >= BREAK_EVERY and _can_break_between(run[index - 1], char):
            pieces.append(_ZERO_WIDTH_SPACE)
            since_break = 0
        pieces.append(char)
        since_break += 1
    return "".join(pieces)


def printable(text: str, coverage: Set[int]) -> tuple[str, int]:
    """``text`` ready to typeset, and how many characters had to be replaced.

    Line breaks are normalised to ``\\n`` and tabs to spaces; control characters and
    characters no font in ``coverage`` can show become :data:`REPLACEMENT` (a silent empty
    box is never an option); runs longer than :data:`LONG_RUN` without a space get a
    zero-width space every :data:`BREAK_EVERY` characters, so they wrap instead of running
    off the page.
    """
    text = _normalise(text)
    # Checking each distinct character once keeps a 50,000-character answer fast.
    unshown = [char for char in set(text) if not _shows(char, coverage)]
    replaced = sum(text.count(char) for char in unshown)
    if unshown:
        text = text.translate(dict.fromkeys(map(ord, unshown), REPLACEMENT))
    return _RUN.sub(_break_long_run, text), replaced
