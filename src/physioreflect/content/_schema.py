"""Shapes of the content library's data files.

Every text a user reads exists in bokmål (``nb``) and English (``en``) side by side, and every
clinical or pedagogical entry names the sources it rests on (ids into ``sources.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from physioreflect.model import (
    BCT_NUMBER_PATTERN,
    CourseRubric,
    RubricCriterionName,
    RubricLevelName,
    RubricName,
)
from physioreflect.model._enums import (
    ComB,
    Condition,
    Intensity,
    PainRuleModel,
    PromptGroup,
    Theme,
)

__all__ = [
    "MAX_RUBRIC_LEVELS",
    "ActivityIdea",
    "ActivityKind",
    "BctTechnique",
    "ConditionNote",
    "Factor",
    "HandoutHelp",
    "HandoutHelpItem",
    "HandoutTexts",
    "LearningKind",
    "LocalText",
    "PlanFacts",
    "Prompt",
    "PromptSet",
    "ReflectionPrompt",
    "Rubric",
    "RubricCriterion",
    "RubricLevel",
    "Source",
    "SourceKind",
    "Strategy",
]

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,79}$")]
"""Lower-case ids: letters, digits, ``_ . -``; stable across releases (workbooks store them)."""

BCT_ID = re.compile(BCT_NUMBER_PATTERN)


class _Strict(BaseModel):
    # Each model's validator is built when first used: a dashboard kernel that shows the
    # Start step reads the prompt set only, not the catalogues, the sources or the rubric.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


class LocalText(_Strict):
    """One text in both UI languages."""

    nb: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)]

    def get(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en


SourceKind = Literal["article", "book", "chapter", "report", "web", "essay", "text"]
"""How a source is cited (APA 7): a journal article, a book, a chapter in an edited book, a
report or guideline from an organisation, a web page, an essay, or ``text`` – a course's own
reference written out in full in ``citation``."""

_NEEDED: Final[Mapping[str, tuple[tuple[str, ...], ...]]] = {
    # Each inner tuple is one requirement; any one of its fields satisfies it.
    "article": (
        ("authors",),
        ("year",),
        ("title",),
        ("container",),
        ("volume",),
        ("pages", "article_number"),
    ),
    "book": (("authors", "editors"), ("year",), ("title",), ("publisher",)),
    "chapter": (
        ("authors",),
        ("year",),
        ("title",),
        ("editors",),
        ("container",),
        ("pages",),
        ("publisher",),
    ),
    "report": (("authors",), ("year",), ("title",), ("publisher", "url")),
    "web": (("authors",), ("title",), ("url",)),
    "essay": (("title",), ("container", "description")),
    "text": (("citation",),),
}


class Source(_Strict):
    """A work the content cites, with the details an APA 7 reference list needs.

    Authors are written as APA lists them (``"Thomeé, R."``; an organisation by its name).
    ``verified: false`` marks a source whose details could not all be confirmed: it may lack
    fields its kind needs, and the reference list says that its details are unconfirmed.
    """

    id: Identifier
    kind: SourceKind = "text"
    authors: list[Annotated[str, StringConstraints(min_length=1)]] = []
    editors: list[Annotated[str, StringConstraints(min_length=1)]] = []
    year: int | None = None
    title: str | None = None
    container: str | None = None
    """The journal, the edited book a chapter is in, or the website."""
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    article_number: str | None = None
    edition: int | None = None
    report_number: str | None = None
    publisher: str | None = None
    description: LocalText | None = None
    """A bracketed description after the title, e.g. ``[Essay]``."""
    citation: Annotated[str, StringConstraints(min_length=10)] | None = None
    """The full reference as text, for ``kind: text`` (a course's own sources)."""
    doi: str | None = None
    url: str | None = None
    licence_note: str | None = None
    verified: bool = True

    @model_validator(mode="before")
    @classmethod
    def _text_when_only_a_citation(cls, data: Any) -> Any:
        # A course's own source written as one line keeps working without naming its kind.
        if isinstance(data, dict) and "kind" not in data and "citation" in data:
            return {**data, "kind": "text"}
        return data

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Source:
        if self.kind == "text" and not self.citation:
            msg = "a source needs its kind and details, or its full reference in 'citation'"
            raise ValueError(msg)
        if self.kind != "text" and self.citation is not None:
            msg = "'citation' is only for kind 'text'; give the details in their own fields"
            raise ValueError(msg)
        if not self.title and self.kind != "text":
            msg = "a source needs a title"
            raise ValueError(msg)
        missing = self.missing_fields()
        if self.verified and missing:
            msg = (
                f"a {self.kind} needs {', '.join(missing)}; "
                "if a detail cannot be confirmed, mark the source 'verified: false'"
            )
            raise ValueError(msg)
        return self

    def missing_fields(self) -> list[str]:
        """The details this kind of source needs that it does not have (``a|b``: either)."""
        return [
            "|".join(fields)
            for fields in _NEEDED[self.kind]
            if not any(getattr(self, field) not in (None, "", []) for field in fields)
        ]


class BctTechnique(_Strict):
    """A technique of the BCT Taxonomy v1 (Michie et al. 2013), by its number, e.g. ``1.1``."""

    id: str
    label: LocalText

    @field_validator("id")
    @classmethod
    def _bct_number(cls, value: str) -> str:
        if not BCT_ID.match(value):
            msg = f"not a BCT Taxonomy v1 number (group.technique, e.g. 1.1): {value!r}"
            raise ValueError(msg)
        return value


class Strategy(_Strict):
    id: Identifier
    text: LocalText
    bct: str | None
    """The BCT Taxonomy v1 technique this strategy applies (an id in ``bct.yaml``); ``None``
    for a step that is assessment rather than a behaviour change technique."""


class Factor(_Strict):
    """A barrier or a facilitator in the catalogue."""

    id: Identifier
    label: LocalText
    description: LocalText
    theme: Theme
    com_b: ComB
    examples_of_patient_words: LocalText | None = None
    strategies: Annotated[list[Strategy], Field(min_length=1)]
    sources: Annotated[list[Identifier], Field(min_length=1)]


class ActivityIdea(_Strict):
    id: Identifier
    label: LocalText
    description: LocalText
    typical_intensity: Intensity
    muscle_strengthening: bool = False
    everyday: bool
    """An activity of daily life rather than organised exercise (gardening, stairs, …)."""
    sources: Annotated[list[Identifier], Field(min_length=1)]


class ConditionNote(_Strict):
    condition: str
    """A value of :class:`physioreflect.model.Condition`."""
    evidence: LocalText
    """What the evidence says about exercise for this condition, honestly and cautiously."""
    talking_points: list[LocalText] = []
    sources: Annotated[list[Identifier], Field(min_length=1)]


class Prompt(_Strict):
    id: Identifier
    group: PromptGroup
    text: LocalText
    guidance: LocalText
    example: LocalText
    covers: list[str] = []
    """Which of the essay's questions this prompt covers (ids from the content facts)."""
    required: bool = True
    sources: Annotated[list[Identifier], Field(min_length=1)]


class PromptSet(_Strict):
    """A set of perspective-taking prompts; the built-in one or a course's own file."""

    id: Identifier
    title: LocalText
    description: LocalText | None = None
    prompts: Annotated[list[Prompt], Field(min_length=1, max_length=200)]
    sources: list[Source] = []
    """A course's own sources, in addition to the built-in ones its prompts may cite."""


class ReflectionPrompt(_Strict):
    id: Identifier
    framework: Annotated[str, StringConstraints(pattern=r"^(driscoll|gibbs)$")]
    stage: LocalText
    text: LocalText
    guidance: LocalText
    sources: Annotated[list[Identifier], Field(min_length=1)]


class FactItem(_Strict):
    id: Identifier
    label: LocalText
    text: LocalText
    sources: Annotated[list[Identifier], Field(min_length=1)]


class PainZone(_Strict):
    """A band of the 0–10 pain scale: above ``above`` (from 0 when ``None``) up to ``up_to``."""

    id: Identifier
    above: Annotated[int, Field(ge=0, le=10)] | None
    up_to: Annotated[int, Field(ge=0, le=10)]
    label: LocalText

    def contains(self, pain: int) -> bool:
        return (self.above is None or pain > self.above) and pain <= self.up_to


class PlanFacts(_Strict):
    """The numbers and definitions the plan section works with."""

    who_moderate_min_per_week: int
    who_moderate_max_per_week: int
    who_vigorous_min_per_week: int
    who_vigorous_max_per_week: int
    who_strength_days_per_week: int
    who_older_adults_from_age: int
    who_older_adults_balance_days_per_week: int
    who_points: list[FactItem]
    psfs_max_activities: int
    psfs_advised_activities: int
    psfs_detectable_change_mean: float
    """Stratford et al. 1995: minimal detectable change (90 % CI), not a meaningful change."""
    psfs_detectable_change_single: float
    psfs: list[FactItem]
    fitt_vp: list[FactItem]
    pain_zones: list[PainZone]
    pain_monitoring: list[FactItem]
    pain_rule_defaults: dict[Condition, PainRuleModel]
    """The rule a new plan suggests for each condition; the student can choose another."""
    side_benefits: list[FactItem]

    @model_validator(mode="after")
    def _a_default_rule_for_every_condition(self) -> PlanFacts:
        missing = set(Condition) - set(self.pain_rule_defaults)
        if missing:
            msg = f"pain_rule_defaults lacks {', '.join(sorted(missing))}"
            raise ValueError(msg)
        return self


MAX_RUBRIC_LEVELS: Final = 10
"""A course's rubric may have from 2 to this many levels (the workbook stores levels 1–10)."""


class RubricCriterion(_Strict):
    id: Identifier
    label: LocalText
    adapted: bool = False
    """Not one of the published rubric's own criteria (e.g. REFLECT's adapted "action")."""
    outcome: bool = False
    """One of the course's learning outcomes (læringsutbytte), scored as a criterion."""
    descriptors: dict[int, LocalText] = {}
    """What each level looks like for this criterion, by level number (a course's own words;
    a level without one shows the level's general descriptor, if any). A number the rubric's
    levels lack is refused when the file is read, with its line."""


class RubricLevel(_Strict):
    level: Annotated[int, Field(ge=1, le=MAX_RUBRIC_LEVELS)]
    label: LocalText
    descriptor: LocalText | None = None
    """What the level means for every criterion without a descriptor of its own."""


class LearningKind(_Strict):
    id: Identifier
    label: LocalText


class Rubric(_Strict):
    """A reflection rubric: criteria, levels and, optionally, the judgement of learning.

    The built-in REFLECT rubric names its criteria and levels only: the published descriptors
    are under copyright. A course's own rubric file may describe each level, in general or per
    criterion, and list its learning outcomes as criteria.
    """

    id: Identifier
    title: LocalText
    description: LocalText | None = None
    sources: list[Identifier] = []
    """Ids of the works the rubric rests on: built-in sources or the file's own ``references``."""
    references: list[Source] = []
    """A course's own sources, cited by id in ``sources``."""
    criteria: Annotated[list[RubricCriterion], Field(min_length=1, max_length=50)]
    levels: Annotated[list[RubricLevel], Field(min_length=2, max_length=MAX_RUBRIC_LEVELS)]
    learning: list[LearningKind] = []
    """The judgements of learning offered beside the criteria (REFLECT: transformative or
    confirmatory); none, and the review asks for no such judgement."""

    @property
    def top_level(self) -> int:
        return max(entry.level for entry in self.levels)

    def criterion_ids(self) -> list[str]:
        return [criterion.id for criterion in self.criteria]

    def criterion(self, criterion_id: str) -> RubricCriterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def criterion_label(self, criterion_id: str, lang: str) -> str | None:
        criterion = self.criterion(criterion_id)
        return None if criterion is None else criterion.label.get(lang)

    def level_label(self, level: int, lang: str) -> str | None:
        for entry in self.levels:
            if entry.level == level:
                return entry.label.get(lang)
        return None

    def names(self) -> CourseRubric:
        """The names a review scored with this rubric keeps (see ``Review.course_rubric``)."""
        return CourseRubric(
            id=self.id,
            title=RubricName(nb=self.title.nb, en=self.title.en),
            criteria=[
                RubricCriterionName(
                    id=c.id, label=RubricName(nb=c.label.nb, en=c.label.en), outcome=c.outcome
                )
                for c in self.criteria
            ],
            levels=[
                RubricLevelName(level=e.level, label=RubricName(nb=e.label.nb, en=e.label.en))
                for e in self.levels
            ],
        )

    def descriptor(self, criterion_id: str, level: int, lang: str) -> str:
        """What ``level`` means for the criterion: its own descriptor, else the level's
        general one, else nothing."""
        criterion = self.criterion(criterion_id)
        own = None if criterion is None else criterion.descriptors.get(level)
        if own is not None:
            return own.get(lang)
        general = next((e.descriptor for e in self.levels if e.level == level), None)
        return "" if general is None else general.get(lang)


ActivityKind = Literal["endurance", "strength"]
"""How the handout says how hard an activity is: by the talk test (endurance), or by how
the last repetitions feel (strength: the ideas listed in ``repetition_ideas``)."""


class HandoutHelpItem(_Strict):
    """One sign to act on, printed for the conditions it concerns."""

    id: Identifier
    text: LocalText
    conditions: list[Condition] = []
    """The conditions it is printed for; none: every condition. A workbook without a
    condition, or with another one, gets every item."""
    sources: Annotated[list[Identifier], Field(min_length=1)]


class HandoutHelp(_Strict):
    """A group of signs with what to do about them: "Call 113 at once if you …"."""

    id: Identifier
    lead: LocalText
    items: Annotated[list[HandoutHelpItem], Field(min_length=1)]

    def items_for(self, condition: Condition | None) -> list[HandoutHelpItem]:
        every = condition is None or condition is Condition.other
        return [
            item
            for item in self.items
            if every or not item.conditions or condition in item.conditions
        ]


HANDOUT_TEXT_IDS: Final = frozenset(
    {
        "title",
        "intro",
        "name",
        "physiotherapist",
        "phone",
        "next_appointment",
        "goals",
        "activities",
        "how_often",
        "how_long",
        "how_hard",
        "times_a_week",
        "once_a_week",
        "minutes_each_time",
        "weeks",
        "weeks_intro",
        "start_date",
        "week",
        "activity_number",
        "pain",
        "pain_scale",
        "zone_green",
        "zone_yellow",
        "zone_red",
        "zone_green_text",
        "zone_yellow_text",
        "zone_red_text",
        "range",
        "settles",
        "worse_next_morning",
        "week_to_week",
        "hurt_not_harm",
        "steps_start",
        "steps_increase",
        "steps_plan",
        "steps_same",
        "steps_back",
        "own_rule",
        "flare_up",
        "what_to_expect",
        "benefits",
        "note",
        "help",
        "sources",
        "page",
        "more_pages",
        "unprintable",
    }
)
"""The fixed texts the handout prints, by id (``handout.yaml``'s ``texts``)."""


class HandoutTexts(_Strict):
    """The fixed text of the patient's handout, in the patient register (``handout.yaml``)."""

    texts: dict[Identifier, LocalText]
    intensity: dict[ActivityKind, dict[Intensity, LocalText]]
    intensity_sources: Annotated[list[Identifier], Field(min_length=1)]
    repetition_ideas: list[Identifier]
    """Activity ideas done in repetitions: their "how hard" is said as for strength."""
    help: Annotated[list[HandoutHelp], Field(min_length=1)]
    side_benefits: dict[Identifier, LocalText]
    """The plan's side benefits (ids of ``plan.yaml``'s ``side_benefits``) in plain words."""

    @model_validator(mode="after")
    def _complete(self) -> HandoutTexts:
        missing = sorted(HANDOUT_TEXT_IDS - set(self.texts))
        unknown = sorted(set(self.texts) - HANDOUT_TEXT_IDS)
        if missing or unknown:
            msg = f"texts: missing {missing}, not used {unknown}"
            raise ValueError(msg)
        kinds: tuple[ActivityKind, ...] = ("endurance", "strength")
        for kind in kinds:
            if set(self.intensity.get(kind, {})) != set(Intensity):
                msg = f"intensity.{kind} needs a text for each of {', '.join(Intensity)}"
                raise ValueError(msg)
        return self

    def text(self, text_id: str, lang: str, /, **params: object) -> str:
        text = self.texts[text_id].get(lang)
        return text.format(**params) if params else text

    def fixed_texts(self, lang: str) -> list[str]:
        """Every fixed text in ``lang``, one per heading, label, sentence group or list item:
        what the readability check measures."""
        texts = [text.get(lang) for text in self.texts.values()]
        texts += [t.get(lang) for kinds in self.intensity.values() for t in kinds.values()]
        for group in self.help:
            texts.append(group.lead.get(lang))
            texts += [item.text.get(lang) for item in group.items]
        texts += [text.get(lang) for text in self.side_benefits.values()]
        return texts
