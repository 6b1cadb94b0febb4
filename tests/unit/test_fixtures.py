"""Are the bundled examples realistic and varied, and the synthetic cohort reproducible?"""

from __future__ import annotations

from physioreflect.fixtures import sample_workbooks, synthetic_workbooks
from physioreflect.model import Language, Status, Workbook, dump_workbook


def test_examples_cover_languages_statuses_and_review(samples: list[Workbook]) -> None:
    assert len(samples) >= 4
    assert {s.meta.language for s in samples} == {Language.nb, Language.en}
    assert len({s.meta.status for s in samples}) >= 3
    assert any(s.review.comments for s in samples)
    assert len({s.case.condition for s in samples}) >= 4


def test_examples_are_deidentified(samples: list[Workbook]) -> None:
    for workbook in samples:
        assert workbook.case.case_label
        assert workbook.case.age_band is not None


def test_synthetic_is_deterministic_and_varied() -> None:
    first = [dump_workbook(w) for w in synthetic_workbooks(40, seed=3)]
    assert first == [dump_workbook(w) for w in synthetic_workbooks(40, seed=3)]
    assert first != [dump_workbook(w) for w in synthetic_workbooks(40, seed=4)]
    statuses = {w.meta.status for w in synthetic_workbooks(200, seed=3)}
    assert statuses == set(Status)


def test_sample_workbooks_are_parsed_fresh_each_time() -> None:
    assert sample_workbooks() == sample_workbooks()
