"""The reflection workbook: one reflection on one fictional or de-identified patient case."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Final

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    field_serializer,
    field_validator,
    model_serializer,
    model_validator,
)

from physioreflect.model._enums import (
    AgeBand,
    ComB,
    Condition,
    Decision,
    DurationBand,
    Intensity,
    Language,
    LearningJudgement,
    Marker,
    PainRuleModel,
    Role,
    Section,
    Source,
    Status,
    Theme,
)

__all__ = [
    "BCT_NUMBER_PATTERN",
    "CURRENT_SCHEMA_VERSION",
    "LEARNING_CRITERION",
    "MAX_RUBRIC_LEVEL",
    "REFLECT_TOP_LEVEL",
    "Answer",
    "Barrier",
    "BctNumber",
    "Case",
    "Comment",
    "CourseRubric",
    "ExerciseAttempt",
    "Facilitator",
    "Factor",
    "ForPatient",
    "Meta",
    "PainRule",
    "Perspective",
    "Plan",
    "PlannedActivity",
    "PsfsGoal",
    "Reflection",
    "Reply",
    "Review",
    "RubricCriterionName",
    "RubricLevelName",
    "RubricName",
    "RubricScore",
    "Workbook",
    "utc_now",
]

CURRENT_SCHEMA_VERSION: Final = 6

WEEKS: Final = 12
MAX_PSFS_GOALS: Final = 5
MINUTES_PER_WEEK: Final = 7 * 24 * 60

# Limits keep a single workbook printable and fast to save; they are far above what a
# thorough reflection needs.
ShortText = Annotated[str, StringConstraints(max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=50_000)]
# Entries of lists may be blank while someone is typing; completeness counts only text.
Quote = Annotated[str, StringConstraints(max_length=500)]
CatalogueId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,79}$")]
EntryId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
AnchorId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,80}$")]
"""What a comment points at inside its section: a prompt's id or an entry's ``entry_id``."""
Rating = Annotated[int, Field(ge=1, le=5)]
BCT_NUMBER_PATTERN: Final = r"^(1[0-6]|[1-9])\.(1[0-9]|[1-9])$"
"""A technique's number in the BCT Taxonomy v1 (Michie et al. 2013): group.technique, e.g. 1.1."""
BctNumber = Annotated[str, StringConstraints(pattern=BCT_NUMBER_PATTERN)]
Scale10 = Annotated[int, Field(ge=0, le=10)]


def utc_now() -> dt.datetime:
    """The current time in UTC, to the second (files stay readable)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def new_entry_id() -> str:
    return uuid.uuid4().hex[:12]


class _Part(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=False,
        use_enum_values=False,
    )


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


class Meta(_Part):
    id: uuid.UUID
    schema_version: Annotated[int, Field(ge=1)] = CURRENT_SCHEMA_VERSION
    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    author: Annotated[str, StringConstraints(max_length=120)] = ""
    role: Role = Role.student
    course_code: Annotated[str, StringConstraints(max_length=40)] | None = None
    language: Language = Language.nb
    status: Status = Status.draft
    revision: Annotated[int, Field(ge=0)] = 0
    created: AwareDatetime
    updated: AwareDatetime
    is_example: bool = False
    """Bundled example workbooks are marked so nobody mistakes them for their own work."""
    copied_from: uuid.UUID | None = None
    privacy_confirmed: bool = False
    """The author confirmed the workbook is de-identified although a scan found something."""
    submitted: AwareDatetime | None = None
    """When it was last handed in (unknown for files written before schema version 4)."""
    reviewed: AwareDatetime | None = None
    """When the review it carries was released to the author."""

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        if not value.strip():
            msg = "title_blank"
            raise ValueError(msg)
        return value

    @field_validator("created", "updated", "submitted", "reviewed")
    @classmethod
    def _utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else _as_utc(value)

    @model_validator(mode="after")
    def _updated_not_before_created(self) -> Meta:
        if self.updated < self.created:
            msg = "updated_before_created"
            raise ValueError(msg)
        return self


class ExerciseAttempt(_Part):
    """Something the patient tried before: what, for how long, why it stopped, how it felt."""

    what: ShortText = ""
    how_long: ShortText = ""
    why_stopped: LongText = ""
    how_it_felt: LongText = ""


class Case(_Part):
    case_label: ShortText = ""
    """A de-identified label such as "Patient A" — never a name."""
    condition: Condition | None = None
    condition_other: ShortText = ""
    duration: DurationBand | None = None
    age_band: AgeBand | None = None
    activity_history: LongText = ""
    previous_attempts: Annotated[list[ExerciseAttempt], Field(max_length=50)] = []
    likes_to_do: LongText = ""
    wants_to_achieve: LongText = ""
    patient_quotes: Annotated[list[Quote], Field(max_length=50)] = []

    @model_validator(mode="after")
    def _other_needs_text(self) -> Case:
        if self.condition is Condition.other and not self.condition_other.strip():
            msg = "condition_other_missing"
            raise ValueError(msg)
        return self


class Answer(_Part):
    text: LongText = ""
    marker: Marker | None = None


class Perspective(_Part):
    answers: Annotated[dict[CatalogueId, Answer], Field(max_length=200)] = {}
    """Prompt id → answer. Ids of a course's own prompt set are kept as they are."""
    conviction: Scale10 | None = None
    """How convinced I am that exercise is the answer for this patient, 0–10."""
    conviction_note: LongText = ""

    @field_serializer("answers")
    def _sorted_answers(self, answers: dict[str, Answer]) -> dict[str, Answer]:
        return dict(sorted(answers.items()))


class Factor(_Part):
    """What barriers and facilitators share: from the catalogue (``catalogue_id``) or written
    by hand; :class:`Barrier` and :class:`Facilitator` add their own scale.

    A catalogue entry is shown with the catalogue's label in the language of the page or the
    document; ``label`` keeps the label as it was when the entry was added, shown only when
    the user edited it (``label_edited``) or the catalogue no longer has the id."""

    entry_id: EntryId
    catalogue_id: CatalogueId | None = None
    label: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    label_edited: bool = False
    theme: Theme
    com_b: ComB
    patient_words: LongText = ""
    source: Source | None = None
    """The patient told me, or I assumed it. Unset until the author chooses (schema version
    6): telling the two apart is the point of the exercise, as with the perspective's
    markers."""
    impact: Rating | None = None
    strategies: Annotated[list[CatalogueId], Field(max_length=30)] = []
    custom_strategy: LongText = ""
    note: LongText = ""

    @model_serializer(mode="wrap")
    def _in_reading_order(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Subclasses' fields would come last; in the file each scale stands beside impact.
        data: dict[str, Any] = handler(self)
        return dict(sorted(data.items(), key=lambda item: _FACTOR_KEY_ORDER[item[0]]))


_FACTOR_KEY_ORDER: Final = {
    name: place
    for place, name in enumerate(
        (
            "entry_id",
            "catalogue_id",
            "label",
            "label_edited",
            "theme",
            "com_b",
            "patient_words",
            "source",
            "impact",
            "modifiability",
            "build_on",
            "strategies",
            "custom_strategy",
            "techniques",
            "note",
        )
    )
}
"""The order of a barrier's and a facilitator's keys in the file."""


class Barrier(Factor):
    """Something that stands in the way of activity for this patient."""

    modifiability: Rating | None = None
    """How easy it is to change: 1 = hard, 5 = easy."""
    techniques: Annotated[list[BctNumber], Field(max_length=30)] = []
    """Behaviour change techniques chosen from the taxonomy directly, by number (schema
    version 6): for a barrier in the patient's own words, which has no catalogue strategies."""

    @field_validator("techniques")
    @classmethod
    def _each_technique_once(cls, techniques: list[str]) -> list[str]:
        if len(techniques) != len(set(techniques)):
            msg = "duplicate_technique"
            raise ValueError(msg)
        return techniques


class Facilitator(Factor):
    """Something that helps this patient be active."""

    build_on: Rating | None = None
    """How much we can build on it: 1 = little, 5 = a lot (schema version 6; facilitators
    were rated for modifiability before, a barrier's scale)."""


class PsfsGoal(_Part):
    """One activity of the Patient-Specific Functional Scale: 0 = unable, 10 = as before."""

    entry_id: EntryId
    activity: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    baseline: Scale10 | None = None
    target: Scale10 | None = None

    @model_validator(mode="after")
    def _target_not_below_baseline(self) -> PsfsGoal:
        if self.baseline is not None and self.target is not None and self.target < self.baseline:
            msg = "target_below_baseline"
            raise ValueError(msg)
        return self


class PlannedActivity(_Part):
    """An activity of the plan with its FITT-VP prescription and weekly minutes."""

    entry_id: EntryId
    idea_id: CatalogueId | None = None
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    name_edited: bool = False
    """As :attr:`Factor.label_edited`: an idea's name follows the catalogue until edited."""
    patient_likes_it: bool = False
    frequency_per_week: Annotated[int, Field(ge=0, le=21)] | None = None
    intensity: Intensity | None = None
    intensity_note: ShortText = ""
    minutes_per_session: Annotated[int, Field(ge=0, le=600)] | None = None
    type_note: ShortText = ""
    volume_note: ShortText = ""
    progression_note: LongText = ""
    weekly_minutes: Annotated[
        list[Annotated[int, Field(ge=0, le=MINUTES_PER_WEEK)]], Field(max_length=WEEKS)
    ] = []
    """Planned minutes in week 1, 2, … (at most 12 weeks)."""


class PainRule(_Part):
    """How pain guides the load, as agreed with the patient.

    The pain-monitoring model (Thomeé 1997; Silbernagel et al. 2007) uses ``max_pain_during``,
    the next-morning rule and the week-to-week rule; graded activity (pacing) builds up from
    a ``baseline`` in agreed steps (``increase_step``), whatever the day's pain. The content
    suggests one per condition; the student may choose another.
    """

    model: PainRuleModel = PainRuleModel.pain_monitoring_model
    max_pain_during: Scale10 | None = None
    """Pain during activity may reach but not exceed this (the model uses 5/10)."""
    next_morning_rule: bool = False
    """Pain after activity settles by next morning; if worse next day, reduce the load."""
    week_to_week_rule: bool = False
    """Pain must not rise from week to week; if it does, reduce the load."""
    baseline: ShortText = ""
    """Graded activity: the level the patient manages on a bad day too."""
    increase_step: ShortText = ""
    """Graded activity: how much the load goes up, and how often."""
    note: LongText = ""


class ForPatient(_Part):
    """What the plan says to the patient, written to them (du/you) and printed on the
    handout. The plan's other notes are the clinician's and are never printed for the
    patient."""

    flare_up: LongText = ""
    """What to do when it flares up."""
    what_to_expect: LongText = ""
    """What to expect, honestly: the likely effect and the side benefits."""
    note: LongText = ""
    """A few words to the patient."""


class Plan(_Part):
    goals: Annotated[list[PsfsGoal], Field(max_length=MAX_PSFS_GOALS)] = []
    activities: Annotated[list[PlannedActivity], Field(max_length=30)] = []
    pain_rule: PainRule = PainRule()
    flare_up_plan: LongText = ""
    expectations: LongText = ""
    """An honest note: the expected (modest) effect and the side benefits."""
    side_benefits: Annotated[list[CatalogueId], Field(max_length=20)] = []
    follow_up: dt.date | None = None
    for_patient: ForPatient = ForPatient()
    """The patient-facing texts of the handout (schema version 5)."""

    @model_validator(mode="after")
    def _unique_entry_ids(self) -> Plan:
        for ids in (
            [activity.entry_id for activity in self.activities],
            [goal.entry_id for goal in self.goals],
        ):
            if len(ids) != len(set(ids)):
                msg = "duplicate_entry_id"
                raise ValueError(msg)
        return self

    def weekly_totals(self) -> list[int]:
        """Planned minutes per week (weeks 1–12), summed over activities."""
        totals = [0] * WEEKS
        for activity in self.activities:
            for week, minutes in enumerate(activity.weekly_minutes):
                totals[week] += minutes
        return totals

    def weekly_moderate_equivalent(self) -> list[int]:
        """Minutes per week in moderate-intensity equivalents (vigorous counts double, WHO 2020)."""
        totals = [0] * WEEKS
        for activity in self.activities:
            factor = {Intensity.vigorous: 2, Intensity.moderate: 1}.get(
                activity.intensity or Intensity.light, 0
            )
            for week, minutes in enumerate(activity.weekly_minutes):
                totals[week] += factor * minutes
        return totals


class Reflection(_Part):
    what: LongText = ""
    so_what: LongText = ""
    now_what: LongText = ""
    learning_points: Annotated[
        list[Annotated[str, StringConstraints(max_length=2_000)]],
        Field(max_length=30),
    ] = []


class Reply(_Part):
    """One message of the thread after a comment: the student's, or the supervisor's answer."""

    author: Annotated[str, StringConstraints(max_length=120)] = ""
    """Blank when the workbook has no author name (shown as "the student")."""
    from_supervisor: bool = False
    created: AwareDatetime
    text: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]

    @field_validator("created")
    @classmethod
    def _utc(cls, value: dt.datetime) -> dt.datetime:
        return _as_utc(value)


class Comment(_Part):
    """A supervisor's comment beside a section, or beside one prompt or entry of it."""

    comment_id: EntryId
    section: Section
    anchor: AnchorId | None = None
    """A prompt id or an entry's ``entry_id`` in ``section``; ``None`` for the whole section."""
    author: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    created: AwareDatetime
    edited: AwareDatetime | None = None
    text: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
    resolved: bool = False
    replies: Annotated[list[Reply], Field(max_length=200)] = []

    @field_validator("created", "edited")
    @classmethod
    def _utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else _as_utc(value)


REFLECT_TOP_LEVEL: Final = 4
"""The built-in REFLECT rubric's levels are 1–4; a course's own rubric has 2 to 10."""
MAX_RUBRIC_LEVEL: Final = 10


class RubricScore(_Part):
    level: Annotated[int, Field(ge=1, le=MAX_RUBRIC_LEVEL)]
    note: LongText = ""


RubricText = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class RubricName(_Part):
    """A name from a course's rubric in both languages."""

    nb: RubricText
    en: RubricText

    def get(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en


class RubricCriterionName(_Part):
    id: CatalogueId
    label: RubricName
    outcome: bool = False
    """One of the course's learning outcomes (læringsutbytte)."""


class RubricLevelName(_Part):
    level: Annotated[int, Field(ge=1, le=MAX_RUBRIC_LEVEL)]
    label: RubricName


class CourseRubric(_Part):
    """The course's own rubric a review was scored with: its id and the names the student's
    dashboard and the PDF print, copied into the review so that they read without the
    course's file. A review scored with the built-in REFLECT rubric carries none."""

    id: CatalogueId
    title: RubricName
    criteria: Annotated[list[RubricCriterionName], Field(max_length=50)] = []
    levels: Annotated[list[RubricLevelName], Field(min_length=2, max_length=MAX_RUBRIC_LEVEL)]

    @property
    def top_level(self) -> int:
        return max(entry.level for entry in self.levels)

    def criterion_ids(self) -> list[str]:
        return [criterion.id for criterion in self.criteria]

    def criterion_label(self, criterion_id: str, lang: str) -> str | None:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion.label.get(lang)
        return None

    def level_label(self, level: int, lang: str) -> str | None:
        for entry in self.levels:
            if entry.level == level:
                return entry.label.get(lang)
        return None


LEARNING_CRITERION: Final = "reflect.learning"
"""Scored 1–4 before schema version 3; learning is now a separate judgement."""


class Review(_Part):
    reviewer: Annotated[str, StringConstraints(max_length=120)] = ""
    comments: Annotated[list[Comment], Field(max_length=500)] = []
    rubric: Annotated[
        dict[CatalogueId, RubricScore],
        Field(
            max_length=50,
            # The validator below, as the JSON Schema can say it.
            json_schema_extra={"propertyNames": {"not": {"const": LEARNING_CRITERION}}},
        ),
    ] = {}
    """Criteria scored 1–4 (REFLECT's levels), or 1 to the top level of the course's rubric;
    learning is judged in ``learning``."""
    course_rubric: CourseRubric | None = None
    """The course's own rubric ``rubric`` was scored with; ``None``: REFLECT."""
    learning: LearningJudgement | None = None
    """Transformative or confirmatory learning (Wald et al. 2012)."""
    learning_note: LongText = ""
    overall_feedback: LongText = ""
    decision: Decision | None = None

    @field_validator("comments")
    @classmethod
    def _unique_comment_ids(cls, comments: list[Comment]) -> list[Comment]:
        ids = [comment.comment_id for comment in comments]
        if len(ids) != len(set(ids)):
            msg = "duplicate_entry_id"
            raise ValueError(msg)
        return comments

    @field_validator("rubric")
    @classmethod
    def _learning_is_not_a_score(cls, rubric: dict[str, RubricScore]) -> dict[str, RubricScore]:
        if LEARNING_CRITERION in rubric:
            msg = "learning_is_a_judgement"
            raise ValueError(msg)
        return rubric

    @model_validator(mode="after")
    def _levels_in_the_rubric(self) -> Review:
        top = REFLECT_TOP_LEVEL if self.course_rubric is None else self.course_rubric.top_level
        if any(score.level > top for score in self.rubric.values()):
            msg = "level_above_rubric"
            raise ValueError(msg)
        return self

    @field_serializer("rubric")
    def _sorted_rubric(self, rubric: dict[str, RubricScore]) -> dict[str, RubricScore]:
        return dict(sorted(rubric.items()))


class Workbook(_Part):
    meta: Meta
    case: Case = Case()
    perspective: Perspective = Perspective()
    barriers: Annotated[list[Barrier], Field(max_length=100)] = []
    facilitators: Annotated[list[Facilitator], Field(max_length=100)] = []
    plan: Plan = Plan()
    reflection: Reflection = Reflection()
    review: Review = Review()

    @model_validator(mode="after")
    def _unique_factor_ids(self) -> Workbook:
        for entries in (self.barriers, self.facilitators):
            ids = [entry.entry_id for entry in entries]
            if len(ids) != len(set(ids)):
                msg = "duplicate_entry_id"
                raise ValueError(msg)
        return self

    @classmethod
    def new(
        cls,
        *,
        title: str,
        author: str = "",
        role: Role = Role.student,
        language: Language = Language.nb,
        course_code: str | None = None,
        condition: Condition | None = None,
        now: dt.datetime | None = None,
    ) -> Workbook:
        """A fresh draft workbook with a new id."""
        stamp = now or utc_now()
        return cls(
            meta=Meta(
                id=uuid.uuid4(),
                title=title,
                author=author,
                role=role,
                language=language,
                course_code=course_code,
                created=stamp,
                updated=stamp,
            ),
            case=Case(condition=condition),
        )

    def to_json_dict(self) -> dict[str, Any]:
        """The workbook as plain JSON data, in the file's stable key order."""
        return self.model_dump(mode="json")
