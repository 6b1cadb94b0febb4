"""Does the scan reach its precision and recall goals on the labelled corpus?"""

from __future__ import annotations

import pytest

from physioreflect.privacy import DIRECT_KINDS, Kind, scan_text
from tests.unit.privacy.corpus import (
    PRECISION_GOAL,
    RECALL_GOALS,
    SNIPPETS,
    Score,
    evaluate,
    overall_precision,
)


@pytest.fixture(scope="module")
def scores() -> dict[Kind, Score]:
    return evaluate(lambda text, lang: scan_text(text, lang=lang))


def test_the_corpus_is_large_and_mixed() -> None:
    """At least 300 snippets, in both languages, with every kind labelled and many hard
    negatives; every label names text that occurs exactly once in its snippet."""
    assert len(SNIPPETS) >= 300
    assert {snippet.lang for snippet in SNIPPETS} == {"nb", "en"}
    negatives = [snippet for snippet in SNIPPETS if not snippet.labels]
    assert len(negatives) >= 150
    labelled = {kind for snippet in SNIPPETS for kind, _ in snippet.labels}
    assert labelled == DIRECT_KINDS
    for snippet in SNIPPETS:
        snippet.spans()


@pytest.mark.parametrize("kind", sorted(RECALL_GOALS))
def test_recall(scores: dict[Kind, Score], kind: Kind) -> None:
    """Recall counts a label as found when findings of its kind, of either confidence,
    cover all of its text: a low-confidence finding is shown to the author too."""
    score = scores[kind]
    assert score.recall >= RECALL_GOALS[kind], score.missed


def test_precision(scores: dict[Kind, Score]) -> None:
    """Precision, over all kinds: findings that overlap a label of their kind, against those
    that overlap none. A finding that overlaps no label counts against precision only when
    it is of high confidence; a low-confidence one (an 11-digit number with a wrong check
    digit, "a programme called Couch to 5K") asks the author to look and claims nothing."""
    false = [text for score in scores.values() for text in score.false]
    assert overall_precision(scores) >= PRECISION_GOAL, false
