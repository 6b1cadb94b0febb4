"""Is the content library complete, bilingual, cited and consistent?"""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
import yaml

from physioreflect.content import ContentLibrary, library
from physioreflect.model import ComB, Condition, Factor, PainRuleModel, PromptGroup, Theme


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
        tied = [s for s in barrier.strategies if s.bct is not None]
        assert tied, barrier.id
        for strategy in tied:
            assert strategy.bct in lib.bct, (barrier.id, strategy.id)


def test_corrected_bct_mappings(lib: ContentLibrary) -> None:
    """Checked against the BCT Taxonomy v1 definitions (Michie et al. 2013)."""
    bct = {s.id: s.bct for s in lib.strategies.values()}
    assert bct["supervision.taper_gradually"] == "8.7"  # graded tasks
    assert bct["dislike.ask_what_exactly"] is None  # an assessment question
    assert bct["feel_good.weekly_treat"] == "10.7"  # self-incentive: a reward planned ahead
    assert bct["info.answer_their_questions"] == "5.1"  # information about consequences
    assert lib.factors["predictable_pain"].com_b is ComB.psychological_capability


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
    assert (plan.who_older_adults_from_age, plan.who_older_adults_balance_days_per_week) == (
        65,
        3,
    )
    assert {"older_adults", "sedentary_time", "chronic_conditions"} <= {
        p.id for p in plan.who_points
    }
    # PSFS: advise three, keep room for five; Stratford's figures are detectable change.
    assert (plan.psfs_advised_activities, plan.psfs_detectable_change_mean) == (3, 2.0)
    assert plan.psfs_detectable_change_single == 3.0
    assert "scale_direction" in {p.id for p in plan.psfs}
    assert "meaningful" not in " ".join(p.text.en for p in plan.psfs)


def test_pain_zones_cover_the_scale_once_each(lib: ContentLibrary) -> None:
    """Silbernagel's zones 0–2, above 2 to 5, above 5: every score in exactly one zone."""
    zones = lib.plan.pain_zones
    for pain in range(11):
        assert sum(zone.contains(pain) for zone in zones) == 1, pain
    by_id = {zone.id: zone for zone in zones}
    assert by_id["safe"].contains(2) and by_id["acceptable"].contains(5)
    assert by_id["high_risk"].contains(6) and not by_id["acceptable"].contains(2)
    rules = {item.id for item in lib.plan.pain_monitoring}
    assert {"week_to_week", "where_it_may_not_fit", "pacing", "origin"} <= rules


def test_condition_notes_cite_their_guidelines(lib: ContentLibrary) -> None:
    expected = {
        Condition.osteoarthritis_hip: {"nice_ng226", "bannuru2019", "rausch2018"},
        Condition.osteoarthritis_knee: {"nice_ng226", "bannuru2019", "rausch2018"},
        Condition.fibromyalgia: {"macfarlane2017"},
        Condition.low_back_pain_chronic: {"hayden2021"},
        Condition.low_back_pain_acute: {"karlsson2020"},
        Condition.neck_pain: {"blanpied2017"},
        Condition.shoulder_pain: {"pieters2020", "diercks2014"},
    }
    for condition, sources in expected.items():
        assert sources <= set(lib.conditions[condition].sources), condition
    # "Modest" everywhere undersold the guidelines; the notes say moderate, honestly.
    for note in lib.conditions.values():
        assert "modest" not in note.evidence.en.lower(), note.condition


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


def test_catalogue_labels_are_looked_up_in_the_readers_language() -> None:
    """Is a catalogue barrier shown in the language of the page, whatever it was added in,
    while an edited label and an id the catalogue lost show what is stored?"""
    catalogue = library()
    pain = catalogue.factors["pain"]
    added_in_bokmal = Factor(
        entry_id="a",
        catalogue_id="pain",
        label=pain.label.get("nb"),
        theme=pain.theme,
        com_b=pain.com_b,
    )
    assert catalogue.factor_label(added_in_bokmal, "en") == pain.label.get("en")
    assert catalogue.factor_label(added_in_bokmal, "nb") == pain.label.get("nb")
    edited = added_in_bokmal.model_copy(update={"label": "Vondt i kneet", "label_edited": True})
    assert catalogue.factor_label(edited, "en") == "Vondt i kneet"
    gone = Factor(
        entry_id="b",
        catalogue_id="no_longer_in_the_catalogue",
        label="Gammel post",
        theme=Theme.physical,
        com_b=ComB.physical_capability,
    )
    assert catalogue.factor_label(gone, "en") == "Gammel post"


def test_catalogue_search_needs_every_word_and_respects_the_filters() -> None:
    catalogue = library()
    everything = catalogue.search_factors("barriers", lang="en")
    assert len(everything) == len(catalogue.barriers)
    pain = catalogue.search_factors("barriers", lang="en", words="PAIN")
    assert pain
    assert all("pain" in (f.label.en + f.description.en).casefold() for f in pain)
    narrower = catalogue.search_factors("barriers", lang="en", words="pain worse")
    assert {f.id for f in narrower} <= {f.id for f in pain}
    physical = catalogue.search_factors("facilitators", lang="nb", theme="physical")
    assert physical
    assert all(f.theme.value == "physical" for f in physical)
    assert catalogue.search_factors("barriers", lang="en", words="zzzqqq") == []


def test_prompts_added_for_the_essay_and_norwegian_practice_are_optional(
    lib: ContentLibrary,
) -> None:
    """No workbook written before they existed may become less complete."""
    added = {
        "outside.both_true",
        "outside.gains_not_function",
        "outside.adherence_everywhere",
        "outside.my_identity",
        "outside.pain_i_cannot_understand",
        "context.what_matters",
        "context.low_motivation",
        "context.flags",
        "context.local_offers",
    }
    prompts = {p.id: p for p in lib.prompt_set.prompts}
    assert added <= set(prompts)
    assert not added & set(lib.required_prompt_ids())
    cited = {s for p in added for s in prompts[p].sources}
    assert {"frisklivssentral", "aktiva", "miller2013", "finucane2020", "kendall1997"} <= cited
    assert {"local_offer"} <= {f.id for f in lib.facilitators}
    assert {"frisklivssentral_group", "aktiva_group"} <= {a.id for a in lib.activities}


def test_the_reflect_rubric_ships_names_only(lib: ContentLibrary) -> None:
    """Wald et al. 2012: five criteria (plus the adapted action), four named levels, and
    learning as a separate judgement, not a criterion."""
    rubric = lib.rubric
    assert [c.id for c in rubric.criteria if not c.adapted] == [
        "reflect.writing_spectrum",
        "reflect.presence",
        "reflect.description",
        "reflect.emotions",
        "reflect.analysis",
    ]
    assert "reflect.learning" not in {c.id for c in rubric.criteria}
    assert rubric.criterion_label("reflect.description", "en") == (
        "Description of conflict or disorienting dilemma"
    )
    assert [rubric.level_label(n, "en") for n in (1, 2, 3, 4)] == [
        "Habitual action",
        "Thoughtful action or introspection",
        "Reflection",
        "Critical reflection",
    ]
    assert [k.id for k in rubric.learning] == ["transformative", "confirmatory"]
    # Names only: the published level descriptors are under copyright; the source is cited.
    assert rubric.sources == ["wald2012"]
    assert rubric.description is None
    assert all(level.descriptor is None for level in rubric.levels)
    assert all(not criterion.descriptors for criterion in rubric.criteria)
    assert not any(criterion.outcome for criterion in rubric.criteria)
    assert rubric.top_level == 4


def test_a_pain_rule_is_suggested_for_every_condition(lib: ContentLibrary) -> None:
    """The pain-monitoring model where it was developed to fit; graded activity where it may
    not (fibromyalgia with a high baseline, acute low back pain)."""
    defaults = lib.plan.pain_rule_defaults
    assert set(defaults) == set(Condition)
    assert defaults[Condition.fibromyalgia] is PainRuleModel.graded_activity
    assert defaults[Condition.low_back_pain_acute] is PainRuleModel.graded_activity
    assert defaults[Condition.osteoarthritis_knee] is PainRuleModel.pain_monitoring_model


def test_techniques_come_in_the_taxonomys_order(lib: ContentLibrary) -> None:
    numbers = [t.id for t in lib.techniques]
    assert numbers[:2] == ["1.1", "1.2"]
    assert numbers.index("8.7") < numbers.index("10.4") < numbers.index("15.1")
    assert set(numbers) == {n for n in lib.bct if n is not None}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("8.7", ["8.7"]),
        ("bct 8.7", ["8.7"]),
        ("1", ["1.1", "1.2", "1.3", "1.4", "1.5", "1.8"]),  # group 1, not 10–16
        ("1.", ["1.1", "1.2", "1.3", "1.4", "1.5", "1.8"]),
        ("goal setting", ["1.1", "1.3"]),
        ("målsetting atferd", ["1.1"]),
        ("GOAL", ["1.1", "1.3", "1.5"]),
        ("Graderte tasks", ["8.7"]),  # a word of each language
        ("tryllestav", []),
    ],
)
def test_techniques_are_found_by_number_or_word_in_either_language(
    lib: ContentLibrary, words: str, expected: list[str]
) -> None:
    assert [t.id for t in lib.search_techniques(words)] == expected


def test_no_words_find_every_technique(lib: ContentLibrary) -> None:
    assert lib.search_techniques("  ") == list(lib.techniques)
