"""Hypothesis strategies that build valid workbooks of every shape."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from hypothesis import strategies as st

from physioreflect.model import (
    LEARNING_CRITERION,
    MAX_RUBRIC_LEVEL,
    REFLECT_TOP_LEVEL,
    WEEKS,
    AgeBand,
    Answer,
    Barrier,
    Case,
    ComB,
    Comment,
    Condition,
    CourseRubric,
    Decision,
    DurationBand,
    ExerciseAttempt,
    Facilitator,
    Factor,
    ForPatient,
    Intensity,
    Language,
    LearningJudgement,
    Marker,
    Meta,
    PainRule,
    PainRuleModel,
    Perspective,
    Plan,
    PlannedActivity,
    PsfsGoal,
    Reflection,
    Reply,
    Review,
    Role,
    RubricCriterionName,
    RubricLevelName,
    RubricName,
    RubricScore,
    Section,
    Source,
    Status,
    Theme,
    Workbook,
)

# Any text a person could type: every plane of Unicode but surrogates, which JSON in UTF-8
# cannot carry.
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
short_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
nonblank = texts.filter(lambda s: bool(s.strip()) and len(s) <= 60)
catalogue_ids = st.from_regex(r"\A[a-z0-9][a-z0-9_.-]{0,20}\Z")
entry_ids = st.from_regex(r"\A[A-Za-z0-9_-]{1,12}\Z")
ratings = st.none() | st.integers(1, 5)
scale10 = st.none() | st.integers(0, 10)
F = TypeVar("F", bound=Factor)
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
).map(lambda d: d.replace(microsecond=0))


@st.composite
def metas(draw: st.DrawFn) -> Meta:
    created = draw(moments)
    return Meta(
        id=draw(st.uuids(version=4)),
        title=draw(nonblank),
        author=draw(texts),
        role=draw(st.sampled_from(Role)),
        course_code=draw(st.none() | short_texts),
        language=draw(st.sampled_from(Language)),
        status=draw(st.sampled_from(Status)),
        revision=draw(st.integers(0, 10_000)),
        created=created,
        updated=created + dt.timedelta(seconds=draw(st.integers(0, 10**8))),
        is_example=draw(st.booleans()),
        copied_from=draw(st.none() | st.uuids()),
    )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    condition = draw(st.none() | st.sampled_from(Condition))
    return Case(
        case_label=draw(texts),
        condition=condition,
        condition_other=draw(nonblank) if condition is Condition.other else draw(texts),
        duration=draw(st.none() | st.sampled_from(DurationBand)),
        age_band=draw(st.none() | st.sampled_from(AgeBand)),
        activity_history=draw(texts),
        previous_attempts=draw(
            st.lists(
                st.builds(
                    ExerciseAttempt,
                    what=texts,
                    how_long=texts,
                    why_stopped=texts,
                    how_it_felt=texts,
                ),
                max_size=3,
            )
        ),
        likes_to_do=draw(texts),
        wants_to_achieve=draw(texts),
        patient_quotes=draw(st.lists(nonblank, max_size=3)),
    )


bct_numbers = st.builds(
    lambda group, technique: f"{group}.{technique}", st.integers(1, 16), st.integers(1, 19)
)

_factor_fields: dict[str, st.SearchStrategy[Any]] = {
    "entry_id": entry_ids,
    "catalogue_id": st.none() | catalogue_ids,
    "label": nonblank,
    "theme": st.sampled_from(Theme),
    "com_b": st.sampled_from(ComB),
    "patient_words": texts,
    "source": st.none() | st.sampled_from(Source),
    "impact": ratings,
    "strategies": st.lists(catalogue_ids, max_size=3),
    "custom_strategy": texts,
    "note": texts,
}

barriers = st.builds(
    Barrier,
    modifiability=ratings,
    techniques=st.lists(bct_numbers, max_size=3, unique=True),
    **_factor_fields,
)

facilitators = st.builds(Facilitator, build_on=ratings, **_factor_fields)


def _unique(entries: st.SearchStrategy[F], max_size: int) -> st.SearchStrategy[list[F]]:
    return st.lists(entries, max_size=max_size, unique_by=lambda f: f.entry_id)


@st.composite
def goals(draw: st.DrawFn) -> PsfsGoal:
    baseline = draw(scale10)
    low = 0 if baseline is None else baseline
    target = draw(st.none() | st.integers(low, 10))
    return PsfsGoal(
        entry_id=draw(entry_ids), activity=draw(nonblank), baseline=baseline, target=target
    )


activities = st.builds(
    PlannedActivity,
    entry_id=entry_ids,
    idea_id=st.none() | catalogue_ids,
    name=nonblank,
    patient_likes_it=st.booleans(),
    frequency_per_week=st.none() | st.integers(0, 21),
    intensity=st.none() | st.sampled_from(Intensity),
    minutes_per_session=st.none() | st.integers(0, 600),
    weekly_minutes=st.lists(st.integers(0, 2000), max_size=WEEKS),
)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    return Plan(
        goals=draw(st.lists(goals(), max_size=5, unique_by=lambda g: g.entry_id)),
        activities=draw(st.lists(activities, max_size=4, unique_by=lambda a: a.entry_id)),
        pain_rule=PainRule(
            model=draw(st.sampled_from(PainRuleModel)),
            max_pain_during=draw(scale10),
            next_morning_rule=draw(st.booleans()),
            week_to_week_rule=draw(st.booleans()),
            baseline=draw(texts),
            increase_step=draw(texts),
            note=draw(texts),
        ),
        flare_up_plan=draw(texts),
        expectations=draw(texts),
        side_benefits=draw(st.lists(catalogue_ids, max_size=3)),
        follow_up=draw(st.none() | st.dates()),
        for_patient=ForPatient(flare_up=draw(texts), what_to_expect=draw(texts), note=draw(texts)),
    )


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    comments = draw(
        st.lists(
            st.builds(
                Comment,
                comment_id=entry_ids,
                section=st.sampled_from(Section),
                author=nonblank,
                created=moments,
                text=nonblank,
                resolved=st.booleans(),
                anchor=st.none() | entry_ids,
                edited=st.none() | moments,
                replies=st.lists(
                    st.builds(
                        Reply,
                        author=texts,
                        from_supervisor=st.booleans(),
                        created=moments,
                        text=nonblank,
                    ),
                    max_size=2,
                ),
            ),
            max_size=3,
            unique_by=lambda c: c.comment_id,
        )
    )
    course_rubric = draw(st.none() | course_rubrics())
    top = REFLECT_TOP_LEVEL if course_rubric is None else course_rubric.top_level
    return Review(
        reviewer=draw(texts),
        comments=comments,
        rubric=draw(
            st.dictionaries(
                # Learning is judged on its own, never scored in the rubric.
                catalogue_ids.filter(lambda c: c != LEARNING_CRITERION),
                st.builds(RubricScore, level=st.integers(1, top), note=texts),
                max_size=3,
            )
        ),
        course_rubric=course_rubric,
        learning=draw(st.none() | st.sampled_from(LearningJudgement)),
        learning_note=draw(texts),
        overall_feedback=draw(texts),
        decision=draw(st.none() | st.sampled_from(Decision)),
    )


@st.composite
def course_rubrics(draw: st.DrawFn) -> CourseRubric:
    """The names of a course's own rubric as a review keeps them: 2 to 10 levels."""
    names = st.builds(RubricName, nb=nonblank, en=nonblank)
    count = draw(st.integers(2, MAX_RUBRIC_LEVEL))
    return CourseRubric(
        id=draw(catalogue_ids),
        title=draw(names),
        criteria=draw(
            st.lists(
                st.builds(
                    RubricCriterionName, id=catalogue_ids, label=names, outcome=st.booleans()
                ),
                max_size=3,
                unique_by=lambda c: c.id,
            )
        ),
        levels=[RubricLevelName(level=n, label=draw(names)) for n in range(1, count + 1)],
    )


@st.composite
def workbooks(draw: st.DrawFn) -> Workbook:
    return Workbook(
        meta=draw(metas()),
        case=draw(cases()),
        perspective=Perspective(
            answers=draw(
                st.dictionaries(
                    catalogue_ids,
                    st.builds(Answer, text=texts, marker=st.none() | st.sampled_from(Marker)),
                    max_size=4,
                )
            ),
            conviction=draw(scale10),
            conviction_note=draw(texts),
        ),
        barriers=draw(_unique(barriers, 4)),
        facilitators=draw(_unique(facilitators, 2)),
        plan=draw(plans()),
        reflection=Reflection(
            what=draw(texts),
            so_what=draw(texts),
            now_what=draw(texts),
            learning_points=draw(st.lists(nonblank, max_size=3)),
        ),
        review=draw(reviews()),
    )


def new_workbook(title: str = "Kasus") -> Workbook:
    """A fresh, never-saved workbook for tests that only need any workbook."""
    return Workbook.new(title=title)


__all__ = ["new_workbook", "workbooks"]
