"""Do the class's charts count what the files hold: every status, every section, every
barrier by theme and COM-B, every rubric score; and never a file that could not be read?"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from physioreflect.cohort import (
    COMPLETENESS_SECTIONS,
    Cohort,
    barrier_frequency,
    completeness_by_section,
    read_cohort,
    rubric_distribution,
    status_counts,
)
from physioreflect.content import library
from physioreflect.fixtures import sample_workbooks, synthetic_workbooks
from physioreflect.model import Status, Workbook, dump_workbook


def _class(folder: Path, workbooks: list[Workbook]) -> None:
    folder.mkdir()
    for index, workbook in enumerate(workbooks):
        (folder / f"student-{index:03}.json").write_bytes(dump_workbook(workbook))
    (folder / "damaged.json").write_text('{"schema_version": 3, "meta": ')
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a workbook")


@pytest.fixture(scope="module")
def workbooks() -> list[Workbook]:
    return [*sample_workbooks(), *synthetic_workbooks(40, seed=11)]


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory, workbooks: list[Workbook]) -> Cohort:
    folder = tmp_path_factory.mktemp("class") / "submissions"
    _class(folder, workbooks)
    lib = library()
    return read_cohort(
        folder,
        required_prompts=lib.required_prompt_ids(),
        rubric_criteria=[c.id for c in lib.rubric.criteria],
    )


def test_status_counts_every_status_and_only_workbooks(
    cohort: Cohort, workbooks: list[Workbook]
) -> None:
    counts = status_counts(cohort.table)
    expected = Counter(w.meta.status.value for w in workbooks)
    assert list(counts.index) == [s.value for s in Status]
    assert counts.to_dict() == {s.value: expected.get(s.value, 0) for s in Status}
    assert counts.sum() == len(workbooks), "the two files that are not workbooks are not counted"


def test_barrier_frequency_adds_up_every_barrier_by_theme_and_com_b(
    cohort: Cohort, workbooks: list[Workbook]
) -> None:
    table = barrier_frequency(cohort.rows)
    expected = Counter((b.theme.value, b.com_b.value) for w in workbooks for b in w.barriers)
    for (theme, component), count in expected.items():
        assert table.loc[theme, component] == count
    assert table.to_numpy().sum() == sum(expected.values())


def test_completeness_by_section_is_the_mean_of_the_workbooks(cohort: Cohort) -> None:
    means = completeness_by_section(cohort.table)
    workbooks = cohort.table[cohort.table["problem"] == ""]
    assert list(means.index) == [s.value for s in COMPLETENESS_SECTIONS]
    for section in COMPLETENESS_SECTIONS:
        assert means[section.value] == pytest.approx(
            float(workbooks[f"complete.{section.value}"].mean())
        )
        assert 0 <= means[section.value] <= 1


def test_rubric_distribution_counts_each_score_once(
    cohort: Cohort, workbooks: list[Workbook]
) -> None:
    levels = [level.level for level in library().rubric.levels]
    table = rubric_distribution(cohort.table, levels)
    expected = Counter(
        (criterion, score.level) for w in workbooks for criterion, score in w.review.rubric.items()
    )
    assert sum(expected.values()) > 0, "the examples hold a scored review"
    for (criterion, level), count in expected.items():
        assert table.loc[criterion, level] == count
    assert table.to_numpy().sum() == sum(expected.values())


def test_a_filtered_or_empty_table_counts_nothing_it_does_not_show(cohort: Cohort) -> None:
    nothing = cohort.table.iloc[0:0]
    assert status_counts(nothing).sum() == 0
    assert all(math.isnan(v) for v in completeness_by_section(nothing))
    assert barrier_frequency([]).to_numpy().sum() == 0
    drafts = cohort.table[cohort.table["status"] == "draft"]
    assert status_counts(drafts).to_dict()["draft"] == len(drafts)
    assert status_counts(drafts).sum() == len(drafts)
