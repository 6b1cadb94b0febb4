"""How hard a text reads: LIX (Björnsson's läsbarhetsindex), for the patient's handout.

LIX = words per sentence + the share of long words in per cent, a long word having more than
six letters. It needs no word lists, reads bokmål and English alike, and is the measure
Scandinavian plain-language advice uses: below 30 reads very easily, 30–40 easily, above 50
is hard. Compounds are one word, so a bokmål compound ("aktivitetsplan") counts as the long
word it is to a reader; words joined by hyphens count as one compound.

Headings, list items and table cells end no sentence with a full stop, yet each is read as a
unit of its own: every text given counts as at least one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

__all__ = ["LIX_LIMITS", "LONG_WORD", "MIN_WORDS", "Lix", "lix", "reads_hard"]

LONG_WORD: Final = 6
"""A word with more letters than this is long."""

MIN_WORDS: Final = 10
"""Fewer words than this say too little for a reliable LIX: "Trening hjelper litt." scores 70
(two long words of three) and is plain. :func:`reads_hard` leaves such texts alone."""

LIX_LIMITS: Final = {"nb": 35.0, "en": 30.0}
"""The handout's fixed text stays at or below these; text written for a patient above them
gets a gentle hint. English scores lower than bokmål for the same plainness (fewer
compounds), hence a lower limit."""

_WORD: Final = re.compile(r"[^\W_]+(?:[-‐'’][^\W_]+)*")
# A sentence ends at . ! ? : or ; followed by a space or the end, and at a line break.
_SENTENCE_END: Final = re.compile(r"[.!?:;]+(?=\s|$)|\n+")


@dataclass(frozen=True)
class Lix:
    words: int
    long_words: int
    sentences: int

    @property
    def score(self) -> float:
        if not self.words:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words


def _letters(word: str) -> int:
    return sum(char.isalpha() for char in word)


def lix(texts: str | Iterable[str]) -> Lix:
    """The LIX of ``texts``: one text, or several (headings, items, cells), each counting as
    at least one sentence. Parts without a word (a lone number, a dash) count for nothing.

    >>> round(lix("Vondt betyr ikke skade.").score, 1)
    4.0
    >>> round(lix(["Hvor ofte", "Hvor lenge"]).score, 1)
    2.0
    """
    words = long_words = sentences = 0
    for text in [texts] if isinstance(texts, str) else texts:
        for sentence in _SENTENCE_END.split(text):
            found = _WORD.findall(sentence)
            if not any(any(char.isalpha() for char in word) for word in found):
                continue
            sentences += 1
            words += len(found)
            long_words += sum(_letters(word) > LONG_WORD for word in found)
    return Lix(words=words, long_words=long_words, sentences=sentences)


def reads_hard(text: str, lang: str) -> bool:
    """Whether ``text`` (written for a patient, in ``lang``) reads harder than the handout's
    own fixed text is allowed to; a text of fewer than :data:`MIN_WORDS` words never does."""
    measured = lix(text)
    return measured.words >= MIN_WORDS and measured.score > LIX_LIMITS.get(lang, LIX_LIMITS["en"])
