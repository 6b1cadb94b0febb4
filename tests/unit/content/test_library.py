"""Is the content library complete, bilingual, cited and consistent?"""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
import yaml

from physioreflect.content import ContentLibrary, library
from physioreflect.model import ComB, Condition, PromptGroup, Theme


@pytest.fixture(scope="module")
def lib() -> ContentLibrary:
    return library()


def test_every_text_has_bokmal_and_english(lib: ContentLibrary) -> None:
    texts = list(lib.all_local_texts())
    assert len(texts) > 300
    for where, text in texts:
        assert text.nb.strip() and text.en.strip(), where


def test_bokmal_is_not_just_a_copy_of_the_english(lib: ContentLibrary) -> None:
    """A missing translation often shows as the same text twice."""
    same = [
        where for where, text in lib.all_local_texts() if text.nb == text.en and len(text.en) > 25
    ]
    assert not same


def test_every_entry_cites_a_known_source(lib: ContentLibrary) -> None:
    """Loading already cross-checks references; here: the sources themselves are real."""
    assert {"essay", "boutevillain2017", "who2020", "michie2011"} <= set(lib.sources)
    for source in lib.sources.values():
        assert source.title, source.id


def test_barrier_catalogue_covers_every_theme_and_com_b_component(lib: ContentLibrary) -> None:
    assert len(lib.barriers) >= 30
    assert {b.theme for b in lib.barriers} == set(Theme)
    assert {b.com_b for b in lib.barriers} == set(ComB)
    themes = Counter(b.theme for b in lib.barriers)
    assert min(themes.values()) >= 5


def test_essential_barriers_are_there(lib: ContentLibrary) -> None:
    labels = " | ".join(b.label.en.lower() for b in lib.barriers)
    for word in (
        "pain",
        "fear",
        "fatigue",
        "time",
        "cost",
        "no one to be active with",
        "weather",
        "gym",
        "self-efficacy",
        "bad experiences",
        "other health conditions",
    ):
        assert word in labels, word


def test_every_barrier_has_a_strategy_tied_to_a_bct_technique(lib: ContentLibrary) -> None:
    for barrier in lib.barriers:
        assert barrier.strategies, barrier.id
        for strategy in barrier.strategies:
            assert strategy.bct in lib.bct, (barrier.id, strategy.id)


def test_facilitators_and_activities(lib: ContentLibrary) -> None:
    assert len(lib.facilitators) >= 20
    assert {f.theme for f in lib.facilitators} == set(Theme)
    assert len(lib.activities) >= 25
    everyday = [a for a in lib.activities if a.everyday]
    assert len(everyday) >= 8
    labels = " | ".join(a.label.en.lower() for a in lib.activities)
    for word in ("walk", "garden", "children", "danc", "cycl", "swim", "stairs"):
        assert word in labels, word


def test_prompts_cover_every_question_of_the_essay(lib: ContentLibrary) -> None:
    covered = {q for p in lib.prompt_set.prompts for q in p.covers}
    questions = {q.id for q in lib.essay_questions}
    assert questions - covered == set()
    assert {p.group for p in lib.prompt_set.prompts} == set(PromptGroup)
    for prompt in lib.prompt_set.prompts:
        assert prompt.guidance.nb and prompt.example.nb


def test_reflection_frameworks(lib: ContentLibrary) -> None:
    ids = [p.id for p in lib.reflection_prompts]
    assert ids[:3] == ["driscoll.what", "driscoll.so_what", "driscoll.now_what"] or {
        "driscoll.what",
        "driscoll.so_what",
        "driscoll.now_what",
    } <= set(ids)
    assert sum(1 for p in lib.reflection_prompts if p.framework == "gibbs") == 6


def test_a_condition_note_for_every_condition(lib: ContentLibrary) -> None:
    assert set(lib.conditions) == set(Condition)


def test_plan_facts_match_who_2020(lib: ContentLibrary) -> None:
    plan = lib.plan
    assert (plan.who_moderate_min_per_week, plan.who_moderate_max_per_week) == (150, 300)
    assert (plan.who_vigorous_min_per_week, plan.who_vigorous_max_per_week) == (75, 150)
    assert plan.who_strength_days_per_week == 2
    assert plan.psfs_max_activities == 5
    assert [f.id for f in plan.fitt_vp] == [
        "frequency",
        "intensity",
        "time",
        "type",
        "volume",
        "progression",
    ]
    zones = sorted((z.low, z.high) for z in plan.pain_zones)
    assert zones[0][0] == 0 and zones[-1][1] == 10


def test_data_files_parse_without_libyaml() -> None:
    """PyYAML's pure-Python loader is stricter than libyaml about flow mappings; both must
    accept every file, whichever PyYAML build a machine has."""
    folder = resources.files("physioreflect.content").joinpath("data")
    names = [entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml")]
    assert len(names) >= 10
    for name in names:
        yaml.load(folder.joinpath(name).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def test_ids_are_unique_across_the_catalogues(lib: ContentLibrary) -> None:
    factor_ids = [f.id for f in (*lib.barriers, *lib.facilitators)]
    assert len(factor_ids) == len(set(factor_ids))
    strategy_ids = [s.id for f in (*lib.barriers, *lib.facilitators) for s in f.strategies]
    assert len(strategy_ids) == len(set(strategy_ids))
    activity_ids = [a.id for a in lib.activities]
    assert len(activity_ids) == len(set(activity_ids))
