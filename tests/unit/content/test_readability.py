"""Does LIX measure as the handout's rule says, and does the handout's fixed text read
easily: LIX at most 30 in English and 35 in bokmål?"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from physioreflect.content import LIX_LIMITS, library, lix, reads_hard
from physioreflect.model import Condition, PainRule, PainRuleModel, Workbook
from physioreflect.render import handout_data


def test_lix_is_words_per_sentence_plus_the_share_of_long_words() -> None:
    # 9 words in 2 sentences, one of more than six letters ("Smerten"): 9 / 2 + 100 * 1 / 9.
    measured = lix("Gå en rolig tur hver dag. Smerten roer seg.")
    assert (measured.words, measured.sentences, measured.long_words) == (9, 2, 1)
    assert measured.score == pytest.approx(9 / 2 + 100 * 1 / 9)


def test_compounds_count_as_long_words_and_hyphens_join_them() -> None:
    assert lix("aktivitetsplan").long_words == 1
    joined = lix("neste-morgen-regelen")
    assert (joined.words, joined.long_words) == (1, 1)
    assert lix("Don't stop.").words == 2


def test_each_heading_item_and_cell_is_a_sentence() -> None:
    """Five short labels read as five sentences, not one of ten words."""
    labels = ["Hvor ofte", "Hvor lenge", "Hvor hardt", "Neste time", "Uke 12"]
    assert lix(labels).sentences == 5
    assert lix(" ".join(labels)).sentences == 1
    assert lix(["12", "–", ""]).words == 0
    assert lix("Linje en\nLinje to").sentences == 2


def test_a_long_sentence_of_long_words_reads_hard() -> None:
    hard = (
        "Smertemonitoreringsmodellen innebærer systematisk kartlegging av belastningstoleranse "
        "kombinert med individualisert progresjon basert på symptomrespons."
    )
    assert reads_hard(hard, "nb")
    assert not reads_hard("Gå en tur hver dag. Ta det rolig.", "nb")
    # Too short to judge: two long words of three score 70, and it reads plainly.
    assert lix("Trening hjelper litt.").score > 60
    assert not reads_hard("Trening hjelper litt.", "nb")
    assert lix("").score == 0


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_handouts_fixed_text_reads_easily(lang: str) -> None:
    measured = lix(library().handout.fixed_texts(lang))
    assert measured.words > 300
    assert measured.score <= LIX_LIMITS[lang], measured


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("lang", "key", "kind", "id"):
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("model", list(PainRuleModel))
def test_a_handout_without_the_clinicians_text_reads_easily(
    samples: list[Workbook], lang: str, model: PainRuleModel
) -> None:
    """The fixed text as printed, with every text of the clinician's taken out."""
    workbook = samples[0].model_copy(deep=True)
    workbook.case.condition = Condition.low_back_pain_chronic
    workbook.plan.pain_rule = PainRule(model=model, max_pain_during=5, next_morning_rule=True)
    workbook.plan.goals = []
    for activity in workbook.plan.activities:
        activity.name_edited = False
    workbook.plan.for_patient.flare_up = workbook.plan.for_patient.what_to_expect = ""
    workbook.plan.for_patient.note = ""
    data = handout_data(workbook, lang=lang)
    data.pop("sources")  # works cited, not text to read
    measured = lix(list(_strings(data)))
    assert measured.score <= LIX_LIMITS[lang], measured
