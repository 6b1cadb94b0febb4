"""The content library: prompts, catalogues, condition notes and plan facts, loaded and
cross-checked once, when first used; and course prompt sets loaded from a user's file."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from physioreflect.content._schema import (
    ActivityIdea,
    BctTechnique,
    ConditionNote,
    FactItem,
    Factor,
    HandoutTexts,
    LocalText,
    PlanFacts,
    Prompt,
    PromptSet,
    ReflectionPrompt,
    Rubric,
    Source,
    Strategy,
)
from physioreflect.content._yaml import LineMap, line_for, load_yaml_with_lines
from physioreflect.errors import ContentError, Problem
from physioreflect.model import (
    LEARNING_CRITERION,
    Condition,
    LearningJudgement,
    PlannedActivity,
    PromptGroup,
    problems_from_validation_error,
)
from physioreflect.model import Factor as FactorEntry

FactorKind = Literal["barriers", "facilitators"]

__all__ = [
    "BUILT_IN_RUBRIC",
    "ContentLibrary",
    "FactorKind",
    "library",
    "load_prompt_set",
    "load_rubric",
    "parse_prompt_set",
    "parse_rubric",
]

T = TypeVar("T")


def _read(name: str) -> tuple[Any, LineMap]:
    data = resources.files("physioreflect.content").joinpath(f"data/{name}").read_bytes()
    return load_yaml_with_lines(data, source=name)


def _validate(
    adapter: TypeAdapter[T],
    value: Any,
    lines: LineMap,
    source: str,
    prefix: tuple[str | int, ...] = (),
) -> T:
    try:
        return adapter.validate_python(value)
    except ValidationError as error:
        problems = [
            Problem(p.key, p.loc, p.params, line_for(lines, (*prefix, *p.loc)))
            for p in problems_from_validation_error(error)
        ]
        raise ContentError(source=source, problems=problems) from None


def _section(name: str, key: str, adapter: TypeAdapter[T]) -> T:
    raw, lines = _read(name)
    if not isinstance(raw, Mapping) or key not in raw:
        raise ContentError(source=name, problems=[Problem("validation.missing", (key,))])
    return _validate(adapter, raw[key], lines, name, (key,))


@dataclass(frozen=True)
class _Catalogues:
    """Everything in the library but the prompt set."""

    sources: Mapping[str, Source]
    bct: Mapping[str | None, BctTechnique]
    """Techniques by number. Keyed by ``str | None`` so that looking up a strategy's technique
    is typed for strategies that are assessment rather than a technique (``bct: None``); no
    technique is stored under ``None``."""
    essay_questions: tuple[FactItem, ...]
    reflection_prompts: tuple[ReflectionPrompt, ...]
    barriers: tuple[Factor, ...]
    facilitators: tuple[Factor, ...]
    activities: tuple[ActivityIdea, ...]
    conditions: Mapping[Condition, ConditionNote]
    plan: PlanFacts
    rubric: Rubric
    handout: HandoutTexts


class ContentLibrary:
    """The built-in content, read when first asked for. The prompt set comes first: the Start
    step and every workbook listing need it (which prompts are required). The catalogues,
    condition notes, techniques, sources and plan facts come together with the first use of
    any of them, and are cross-checked with the prompt set then: a dashboard kernel that only
    shows the Start step never holds them (3 MB, and their validation's CPU)."""

    @functools.cached_property
    def prompt_set(self) -> PromptSet:
        raw, lines = _read("prompts.yaml")
        return _validate(TypeAdapter(PromptSet), raw, lines, "prompts.yaml")

    @functools.cached_property
    def _catalogues(self) -> _Catalogues:
        catalogues = _load_catalogues()
        _check_references(catalogues, self.prompt_set)
        return catalogues

    def load_everything(self) -> ContentLibrary:
        """Read and cross-check the whole library now (a test, or a server warming up)."""
        self._catalogues  # noqa: B018 - read for its effect
        return self

    @property
    def sources(self) -> Mapping[str, Source]:
        return self._catalogues.sources

    @property
    def bct(self) -> Mapping[str | None, BctTechnique]:
        return self._catalogues.bct

    @property
    def essay_questions(self) -> tuple[FactItem, ...]:
        return self._catalogues.essay_questions

    @property
    def reflection_prompts(self) -> tuple[ReflectionPrompt, ...]:
        return self._catalogues.reflection_prompts

    @property
    def barriers(self) -> tuple[Factor, ...]:
        return self._catalogues.barriers

    @property
    def facilitators(self) -> tuple[Factor, ...]:
        return self._catalogues.facilitators

    @property
    def activities(self) -> tuple[ActivityIdea, ...]:
        return self._catalogues.activities

    @property
    def conditions(self) -> Mapping[Condition, ConditionNote]:
        return self._catalogues.conditions

    @property
    def plan(self) -> PlanFacts:
        return self._catalogues.plan

    @property
    def rubric(self) -> Rubric:
        return self._catalogues.rubric

    @property
    def handout(self) -> HandoutTexts:
        """The fixed text of the patient's handout, in the patient register."""
        return self._catalogues.handout

    # ── lookups ────────────────────────────────────────────────────────────────────────────
    @functools.cached_property
    def strategies(self) -> Mapping[str, Strategy]:
        return {s.id: s for f in (*self.barriers, *self.facilitators) for s in f.strategies}

    @functools.cached_property
    def factors(self) -> Mapping[str, Factor]:
        return {f.id: f for f in (*self.barriers, *self.facilitators)}

    @functools.cached_property
    def activity_ideas(self) -> Mapping[str, ActivityIdea]:
        return {a.id: a for a in self.activities}

    def factor_label(self, entry: FactorEntry, lang: str) -> str:
        """A barrier's or facilitator's label as shown in ``lang``: the catalogue's, unless
        the user edited it or the catalogue no longer has the id (then the stored one)."""
        item = self.factors.get(entry.catalogue_id or "")
        if item is None or entry.label_edited:
            return entry.label
        return item.label.get(lang)

    def activity_name(self, activity: PlannedActivity, lang: str) -> str:
        """An activity's name as shown in ``lang``, by the same rule as :meth:`factor_label`."""
        idea = self.activity_ideas.get(activity.idea_id or "")
        if idea is None or activity.name_edited:
            return activity.name
        return idea.label.get(lang)

    def search_factors(
        self,
        kind: FactorKind,
        *,
        lang: str,
        theme: str = "",
        com_b: str = "",
        words: str = "",
    ) -> list[Factor]:
        """Catalogue barriers or facilitators matching a theme, a COM-B component and every
        word typed (in label or description, in ``lang``, ignoring case)."""
        catalogue = self.barriers if kind == "barriers" else self.facilitators
        wanted = words.casefold().split()
        return [
            f
            for f in catalogue
            if (not theme or f.theme.value == theme)
            and (not com_b or f.com_b.value == com_b)
            and all(
                w in (f.label.get(lang) + " " + f.description.get(lang)).casefold() for w in wanted
            )
        ]

    @functools.cached_property
    def techniques(self) -> tuple[BctTechnique, ...]:
        """The catalogue's techniques in the taxonomy's order (1.1, 1.2, …, 16.3)."""
        return tuple(
            sorted(self.bct.values(), key=lambda t: tuple(int(n) for n in t.id.split(".")))
        )

    def search_techniques(self, words: str) -> list[BctTechnique]:
        """Techniques matching every word typed: a number (``8``, ``8.7``) matches the
        techniques it begins (``8`` is group 8, not 1.8), other words the label in either
        language (the taxonomy is often learnt in English), ignoring case. "BCT" matches all."""
        wanted = [w for w in words.casefold().split() if w != "bct"]

        def matches(technique: BctTechnique, word: str) -> bool:
            if word[0].isdigit():
                return f"{technique.id}.".startswith(word if word.endswith(".") else word + ".")
            return word in f"{technique.label.nb} {technique.label.en}".casefold()

        return [t for t in self.techniques if all(matches(t, w) for w in wanted)]

    def prompts_in(self, group: PromptGroup, prompt_set: PromptSet | None = None) -> list[Prompt]:
        return [p for p in (prompt_set or self.prompt_set).prompts if p.group is group]

    def required_prompt_ids(self, prompt_set: PromptSet | None = None) -> tuple[str, ...]:
        return tuple(p.id for p in (prompt_set or self.prompt_set).prompts if p.required)

    def all_local_texts(self) -> Iterable[tuple[str, LocalText]]:
        """Every bilingual text in the library, with a readable path (for completeness tests)."""
        yield from _local_texts(self.bct.values(), "bct")
        yield from _local_texts(self.essay_questions, "essay")
        yield from _local_texts([self.prompt_set], "prompts")
        yield from _local_texts(self.reflection_prompts, "reflection")
        yield from _local_texts(self.barriers, "barriers")
        yield from _local_texts(self.facilitators, "facilitators")
        yield from _local_texts(self.activities, "activities")
        yield from _local_texts(self.conditions.values(), "conditions")
        yield from _local_texts([self.plan], "plan")
        yield from _local_texts([self.rubric], "rubric")
        yield from _local_texts([self.handout], "handout")


def _local_texts(models: Iterable[Any], path: str) -> Iterable[tuple[str, LocalText]]:
    for index, model in enumerate(models):
        yield from _walk(model, f"{path}[{index}]")


def _walk(value: Any, path: str) -> Iterable[tuple[str, LocalText]]:
    if isinstance(value, LocalText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


def _check_references(lib: _Catalogues, prompt_set: PromptSet) -> None:
    """Cross-file consistency: ids unique, every reference resolves."""
    problems: list[Problem] = []

    def need(ok: bool, where: str, value: str) -> None:
        if not ok:
            problems.append(Problem("validation.unknown_reference", (where,), {"value": value}))

    seen: set[str] = set()
    for factor in (*lib.barriers, *lib.facilitators):
        for strategy in factor.strategies:
            need(strategy.id not in seen, f"{factor.id}: duplicate strategy", strategy.id)
            seen.add(strategy.id)
            if strategy.bct is not None:
                need(strategy.bct in lib.bct, f"{factor.id}.{strategy.id}", strategy.bct)
    factor_ids = [f.id for f in (*lib.barriers, *lib.facilitators)]
    for duplicate in {i for i in factor_ids if factor_ids.count(i) > 1}:
        need(False, "duplicate barrier/facilitator id", duplicate)
    cited: list[tuple[str, list[str]]] = [
        *((f"barrier {f.id}", f.sources) for f in lib.barriers),
        *((f"facilitator {f.id}", f.sources) for f in lib.facilitators),
        *((f"activity {a.id}", a.sources) for a in lib.activities),
        *((f"prompt {p.id}", p.sources) for p in prompt_set.prompts),
        *((f"reflection {p.id}", p.sources) for p in lib.reflection_prompts),
        *((f"condition {c.condition}", c.sources) for c in lib.conditions.values()),
        *((f"essay {q.id}", q.sources) for q in lib.essay_questions),
        ("rubric", lib.rubric.sources),
        ("handout intensity", lib.handout.intensity_sources),
        *(
            (f"handout {group.id}.{item.id}", item.sources)
            for group in lib.handout.help
            for item in group.items
        ),
        *(
            (f"plan {f.id}", f.sources)
            for f in (
                *lib.plan.who_points,
                *lib.plan.psfs,
                *lib.plan.fitt_vp,
                *lib.plan.pain_monitoring,
                *lib.plan.side_benefits,
            )
        ),
    ]
    for where, source_ids in cited:
        for source_id in source_ids:
            need(source_id in lib.sources, where, source_id)
    idea_ids = {idea.id for idea in lib.activities}
    for idea_id in lib.handout.repetition_ideas:
        need(idea_id in idea_ids, "handout repetition_ideas", idea_id)
    benefit_ids = {item.id for item in lib.plan.side_benefits}
    for benefit_id in benefit_ids ^ set(lib.handout.side_benefits):
        need(False, "handout side_benefits (as in plan.yaml)", benefit_id)
    essay_ids = {q.id for q in lib.essay_questions}
    for prompt in prompt_set.prompts:
        for covered in prompt.covers:
            need(covered in essay_ids, f"prompt {prompt.id}", covered)
    if problems:
        raise ContentError(source="content library", problems=problems)


def _techniques(techniques: list[BctTechnique]) -> dict[str | None, BctTechnique]:
    return {technique.id: technique for technique in techniques}


def _load_catalogues() -> _Catalogues:
    conditions = _section("conditions.yaml", "conditions", TypeAdapter(list[ConditionNote]))
    plan_raw, plan_lines = _read("plan.yaml")
    rubric_raw, rubric_lines = _read("rubric.yaml")
    handout_raw, handout_lines = _read("handout.yaml")
    return _Catalogues(
        sources={s.id: s for s in _section("sources.yaml", "sources", TypeAdapter(list[Source]))},
        bct=_techniques(_section("bct.yaml", "techniques", TypeAdapter(list[BctTechnique]))),
        essay_questions=tuple(_section("essay.yaml", "questions", TypeAdapter(list[FactItem]))),
        reflection_prompts=tuple(
            _section("reflection.yaml", "prompts", TypeAdapter(list[ReflectionPrompt]))
        ),
        barriers=tuple(_section("barriers.yaml", "barriers", TypeAdapter(list[Factor]))),
        facilitators=tuple(
            _section("facilitators.yaml", "facilitators", TypeAdapter(list[Factor]))
        ),
        activities=tuple(
            _section("activities.yaml", "activities", TypeAdapter(list[ActivityIdea]))
        ),
        conditions={Condition(c.condition): c for c in conditions},
        plan=_validate(TypeAdapter(PlanFacts), plan_raw, plan_lines, "plan.yaml"),
        rubric=_checked_rubric(rubric_raw, rubric_lines, "rubric.yaml", known_sources=None),
        handout=_validate(TypeAdapter(HandoutTexts), handout_raw, handout_lines, "handout.yaml"),
    )


@functools.cache
def library() -> ContentLibrary:
    """The built-in content library, one per process; each part read and checked once, when
    first used (see :class:`ContentLibrary`)."""
    return ContentLibrary()


def parse_prompt_set(data: bytes, *, source: str) -> PromptSet:
    """A course's own prompt set from YAML bytes; every problem names its line."""
    raw, lines = load_yaml_with_lines(data, source=source)
    prompt_set = _validate(TypeAdapter(PromptSet), raw, lines, source)
    known = set(library().sources) | {s.id for s in prompt_set.sources}
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, prompt in enumerate(prompt_set.prompts):
        loc: tuple[str | int, ...] = ("prompts", index)
        if prompt.id in seen:
            problems.append(
                Problem(
                    "validation.duplicate_entry_id",
                    (*loc, "id"),
                    line=line_for(lines, (*loc, "id")),
                )
            )
        seen.add(prompt.id)
        for source_index, source_id in enumerate(prompt.sources):
            if source_id not in known:
                where = (*loc, "sources", source_index)
                problems.append(
                    Problem(
                        "validation.unknown_reference",
                        where,
                        {"value": source_id},
                        line_for(lines, where),
                    )
                )
    if problems:
        raise ContentError(source=source, problems=problems)
    return prompt_set


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ContentError(
            source=str(path),
            problems=[Problem("file.unreadable", params={"detail": error.strerror or str(error)})],
        ) from None


def load_prompt_set(path: Path) -> PromptSet:
    """Read and check a course prompt set file (``--prompts course.yaml``)."""
    return parse_prompt_set(_read_file(path), source=str(path))


BUILT_IN_RUBRIC = "reflect"
"""The built-in rubric's id: a review scored with it carries no copy of its labels."""


def _entries(raw: Mapping[str, Any], key: str) -> list[tuple[int, Mapping[str, Any]]]:
    value = raw.get(key)
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, Mapping)]


_Add = Callable[..., None]
"""Adds one problem: a message key, where in the file, and the message's parameters."""


def _rubric_problems(raw: Any, lines: LineMap, known_sources: set[str] | None) -> list[Problem]:
    """What a rubric's shape cannot say: ids unique, levels numbered 1..n, descriptors only
    for levels that exist, learning kinds the workbook knows, sources that exist
    (``known_sources`` ``None``: the library cross-checks its own). Read from the file's
    values, not the validated rubric, so that a file with a mistake of shape is told these
    too, in the same list."""
    if not isinstance(raw, Mapping):
        return []
    problems: list[Problem] = []

    def add(key: str, loc: tuple[str | int, ...], **params: Any) -> None:
        problems.append(Problem(key, loc, params, line_for(lines, loc)))

    _check_criterion_ids(raw, add)
    level_count = _check_level_numbers(raw, add)
    if level_count:
        _check_descriptor_levels(raw, level_count, add)
    kinds = [kind.value for kind in LearningJudgement]
    for index, kind in _entries(raw, "learning"):
        if isinstance(kind.get("id"), str) and kind["id"] not in kinds:
            where = ("learning", index, "id")
            add("validation.enum", where, value=kind["id"], expected=", ".join(kinds))
    if known_sources is not None:
        known = known_sources | {r.get("id") for _, r in _entries(raw, "references")}
        cited = raw.get("sources")
        for index, source_id in enumerate(cited if isinstance(cited, list) else []):
            if isinstance(source_id, str) and source_id not in known:
                add("validation.unknown_reference", ("sources", index), value=source_id)
    return problems


def _check_criterion_ids(raw: Mapping[str, Any], add: _Add) -> None:
    seen: set[str] = set()
    for index, criterion in _entries(raw, "criteria"):
        where: tuple[str | int, ...] = ("criteria", index, "id")
        criterion_id = criterion.get("id")
        if criterion_id in seen:
            add("validation.duplicate_entry_id", where)
        elif criterion_id == LEARNING_CRITERION:
            add("validation.learning_is_a_judgement", where)
        if isinstance(criterion_id, str):
            seen.add(criterion_id)


def _check_level_numbers(raw: Mapping[str, Any], add: _Add) -> int:
    """Levels numbered 1, 2, 3 … in order; returns how many levels the file lists."""
    count = len(raw["levels"]) if isinstance(raw.get("levels"), list) else 0
    for index, level in _entries(raw, "levels"):
        number = level.get("level")
        if isinstance(number, int) and number != index + 1:
            where = ("levels", index, "level")
            add(
                "validation.rubric_level_number",
                where,
                value=number,
                expected=index + 1,
                count=count,
            )
    return count


def _check_descriptor_levels(raw: Mapping[str, Any], level_count: int, add: _Add) -> None:
    for index, criterion in _entries(raw, "criteria"):
        descriptors = criterion.get("descriptors")
        if not isinstance(descriptors, Mapping):
            continue
        for number in descriptors:
            if isinstance(number, int) and not 1 <= number <= level_count:
                # The key as written: a level number, not a place in a list.
                where = ("criteria", index, "descriptors", str(number))
                add("validation.rubric_no_such_level", where, value=number, top=level_count)


def _checked_rubric(
    raw: Any, lines: LineMap, source: str, *, known_sources: set[str] | None
) -> Rubric:
    """The rubric in ``raw``, or every problem of it (shape and the checks above) at once."""
    problems = _rubric_problems(raw, lines, known_sources)
    if isinstance(raw, Mapping) and raw.get("id") == BUILT_IN_RUBRIC and known_sources is not None:
        # A review stores a course rubric's id beside its labels; the built-in one's stands
        # for REFLECT itself, whose labels the workbook does not copy.
        problems.insert(
            0,
            Problem(
                "validation.rubric_id_reserved",
                ("id",),
                {"value": BUILT_IN_RUBRIC},
                line_for(lines, ("id",)),
            ),
        )
    try:
        rubric = _validate(TypeAdapter(Rubric), raw, lines, source)
    except ContentError as error:
        raise ContentError(
            source=source, problems=_in_file_order([*error.problems, *problems])
        ) from None
    if problems:
        raise ContentError(source=source, problems=_in_file_order(problems))
    return rubric


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)


def parse_rubric(data: bytes, *, source: str) -> Rubric:
    """A course's own rubric from YAML bytes; every problem names its line."""
    raw, lines = load_yaml_with_lines(data, source=source)
    return _checked_rubric(raw, lines, source, known_sources=set(library().sources))


def load_rubric(path: Path) -> Rubric:
    """Read and check a course rubric file (``--rubric course-rubric.yaml``)."""
    return parse_rubric(_read_file(path), source=str(path))
