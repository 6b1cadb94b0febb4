"""Example and synthetic workbooks, shared by tests, notebooks, benchmarks and the CLI.

The examples are the hand-written workbooks in ``sample_data/``. The synthetic ones are
generated from the content library with a seeded random generator: the same ``(n, seed)``
always gives the same workbooks, byte for byte, so cohort views and benchmarks can be
reproduced.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from physioreflect._paths import bundled_folder
from physioreflect.content import Factor as CatalogueFactor
from physioreflect.content import library
from physioreflect.model import (
    WEEKS,
    AgeBand,
    Answer,
    Barrier,
    Case,
    Comment,
    Condition,
    Decision,
    DurationBand,
    ExerciseAttempt,
    Facilitator,
    ForPatient,
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
    Review,
    Role,
    RubricScore,
    Section,
    Source,
    Status,
    Workbook,
    dump_workbook,
    parse_workbook,
)

__all__ = [
    "COURSE_RUBRIC",
    "HOSTILE_TEXTS",
    "hostile_workbook",
    "sample_paths",
    "sample_workbooks",
    "synthetic_workbook",
    "synthetic_workbooks",
]

_EPOCH = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
"""Synthetic workbooks are dated in the spring term of 2026, never from the clock."""


COURSE_RUBRIC: Final = """\
# A course's own rubric: three levels, each described, two learning outcomes as criteria.
id: fys2100-reflection
title: {nb: "FYS2100: refleksjonsskjema", en: "FYS2100: reflection rubric"}
sources: [wald2012]
criteria:
  - id: fys2100.perspective
    label: {nb: Pasientens perspektiv, en: The patient's perspective}
    descriptors:
      1: {nb: "Gjengir det pasienten sa.", en: "Restates what the patient said."}
      2: {nb: "Spør hva pasienten liker og vil.", en: "Asks what the patient likes and wants."}
      3:
        nb: "Ser pasienten innenfra: hva trening <b>betyr</b> for henne, med hennes ord."
        en: "Sees the patient from the inside: what exercise <b>means</b> to her, in her words."
  - id: fys2100.lu1
    outcome: true
    label:
      nb: "LU1: kan utforske pasientens erfaringer med trening"
      en: "LO1: can explore the patient's experience of exercise"
  - id: fys2100.lu2
    outcome: true
    label:
      nb: "LU2: kan reflektere over egen forforståelse"
      en: "LO2: can reflect on one's own preconceptions"
levels:
  - level: 1
    label: {nb: Ikke nådd, en: Not reached}
    descriptor: {nb: "Mangler eller er bare nevnt.", en: "Missing or only mentioned."}
  - level: 2
    label: {nb: Nådd, en: Reached}
    descriptor: {nb: "Til stede og underbygd.", en: "Present and supported."}
  - level: 3
    label: {nb: Godt nådd, en: Well reached}
    descriptor: {nb: "Til stede, underbygd og drøftet.", en: "Present, supported and discussed."}
"""
"""A course rubric file (YAML) for tests, the browser's screenshots and the README."""


def sample_paths() -> list[Path]:
    """The bundled example workbook files, in a stable order."""
    return sorted(bundled_folder("sample_data").glob("*.json"))


def sample_workbooks() -> list[Workbook]:
    """The bundled example workbooks, validated."""
    return [parse_workbook(p.read_bytes(), source=p.name) for p in sample_paths()]


# Phrases for generated text, by language. Deliberately plain: synthetic workbooks exercise
# layout, lists and aggregates, not clinical reasoning.
_PHRASES: dict[str, dict[str, list[str]]] = {
    "nb": {
        "history": [
            "Var aktiv i idrett som ung, har trent lite de siste årene.",
            "Går til jobb noen dager i uka, ellers lite aktivitet.",
            "Har prøvd treningssenter flere ganger, men sluttet hver gang.",
            "Stillesittende jobb, liker å være ute i helgene.",
        ],
        "likes": ["Å gå tur med hunden", "Hagearbeid", "Å danse", "Å sykle", "Å gå på ski"],
        "wants": [
            "Å kunne leke med barna uten smerter",
            "Å gå tur i skogen igjen",
            "Å klare en hel arbeidsdag",
            "Å sove bedre",
        ],
        "answer": [
            "Hun sier at det alltid gjør vondt etterpå, og da gir hun opp.",
            "Jeg antar at tid er den største hindringen, men jeg har ikke spurt.",
            "Han liker å være ute, men ikke i en treningssal.",
            "Jeg merker at jeg raskt foreslår styrkeøvelser av vane.",
            "Familien støtter henne, men hverdagen er travel.",
        ],
        "quote": ["«Jeg er ikke en sånn som trener.»", "«Det verste er kveldene.»"],
        "reflection": [
            "Jeg gikk inn i samtalen med en ferdig plan.",
            "Det endret seg da jeg spurte hva hun likte å gjøre.",
            "Neste gang vil jeg starte med pasientens egne mål.",
        ],
        "comment": ["Godt observert.", "Utdyp gjerne hvorfor.", "Hva sa pasienten om dette?"],
        "for_patient": [
            "Hvis det blusser opp, går du kortere turer og tar det roligere noen dager.",
            "Trening hjelper litt for de fleste. Mange sover også bedre.",
            "Du har valgt noe du liker. Det er et godt sted å starte.",
        ],
    },
    "en": {
        "history": [
            "Played sport when young, has done little exercise in recent years.",
            "Walks to work some days, otherwise not very active.",
            "Joined a gym several times but stopped each time.",
            "Desk job; enjoys being outdoors at weekends.",
        ],
        "likes": ["Walking the dog", "Gardening", "Dancing", "Cycling", "Cross-country skiing"],
        "wants": [
            "To play with the children without pain",
            "To walk in the forest again",
            "To manage a full working day",
            "To sleep better",
        ],
        "answer": [
            "She says it always hurts afterwards, and then she gives up.",
            "I assume time is the main obstacle, but I have not asked.",
            "He likes being outdoors, just not in a gym.",
            "I notice that I suggest strength exercises out of habit.",
            "The family is supportive, but everyday life is busy.",
        ],
        "quote": ["“I'm not the exercising kind.”", "“The evenings are the worst.”"],
        "reflection": [
            "I went into the conversation with a plan already made.",
            "It changed when I asked what she liked to do.",
            "Next time I will start from the patient's own goals.",
        ],
        "comment": ["Well observed.", "Could you say more about why?", "What did the patient say?"],
        "for_patient": [
            "If it flares up, take shorter walks and go easy for a few days.",
            "Exercise helps most people a bit. Many also sleep better.",
            "You chose something you like. That is a good place to start.",
        ],
    },
}


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _entry_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(48):012x}"


def _factor(
    rng: random.Random, catalogue: tuple[CatalogueFactor, ...], lang: str, words: str
) -> dict[str, Any]:
    """A catalogue entry as a student fills it in; the last rating is the entry's own scale
    (drawn in the same order for both, so the cohorts of earlier seeds stay the same)."""
    item = rng.choice(catalogue)
    strategies = [s.id for s in rng.sample(item.strategies, k=min(len(item.strategies), 2))]
    return {
        "entry_id": _entry_id(rng),
        "catalogue_id": item.id,
        "label": item.label.get(lang),
        "theme": item.theme,
        "com_b": item.com_b,
        "patient_words": words,
        "source": rng.choice(list(Source)),
        "impact": rng.randint(1, 5),
        "scale": rng.randint(1, 5),
        "strategies": strategies,
    }


def _barrier(rng: random.Random, lang: str, words: str) -> Barrier:
    fields = _factor(rng, library().barriers, lang, words)
    fields["modifiability"] = fields.pop("scale")
    return Barrier.model_validate(fields)


def _facilitator(rng: random.Random, lang: str) -> Facilitator:
    fields = _factor(rng, library().facilitators, lang, "")
    fields["build_on"] = fields.pop("scale")
    return Facilitator.model_validate(fields)


def synthetic_workbook(rng: random.Random, *, index: int = 0) -> Workbook:
    """One generated workbook; how far it is filled in varies, as in a real cohort."""
    lib = library()
    lang = rng.choice(["nb", "nb", "nb", "en"])
    text = _PHRASES[lang]
    created = _EPOCH + dt.timedelta(days=rng.randint(0, 90), minutes=rng.randint(0, 600))
    updated = created + dt.timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 600))
    progress = rng.random()
    status = Status.draft
    if progress > 0.7:
        status = rng.choice([Status.submitted, Status.returned, Status.approved])
    condition = rng.choice([c for c in Condition if c is not Condition.other])
    meta = Meta(
        id=_uuid(rng),
        title=(f"Kasus {index + 1}" if lang == "nb" else f"Case {index + 1}")
        + f" – {condition.value.replace('_', ' ')}",
        author=f"student-{rng.randint(1, 400):03d}",
        role=Role.student if rng.random() < 0.85 else Role.clinician,
        course_code=rng.choice(["FYS2100", "FYS3200", None]),
        language=Language(lang),
        status=status,
        revision=rng.randint(1, 60),
        created=created,
        updated=updated,
    )
    case = Case(
        case_label=("Pasient " if lang == "nb" else "Patient ") + chr(ord("A") + index % 26),
        condition=condition,
        duration=rng.choice(list(DurationBand)),
        age_band=rng.choice(list(AgeBand)),
        activity_history=rng.choice(text["history"]),
        previous_attempts=[
            ExerciseAttempt(
                what=rng.choice(text["likes"]),
                how_long=f"{rng.randint(1, 12)} {'uker' if lang == 'nb' else 'weeks'}",
                why_stopped=rng.choice(text["answer"]),
            )
            for _ in range(rng.randint(0, 2))
        ],
        likes_to_do=rng.choice(text["likes"]),
        wants_to_achieve=rng.choice(text["wants"]),
        patient_quotes=rng.sample(text["quote"], k=rng.randint(0, 2)),
    )
    prompts = lib.prompt_set.prompts
    answered = rng.sample(prompts, k=round(len(prompts) * min(1.0, progress * 1.3)))
    perspective = Perspective(
        answers={
            p.id: Answer(text=rng.choice(text["answer"]), marker=rng.choice(list(Marker)))
            for p in answered
        },
        conviction=rng.randint(0, 10) if progress > 0.3 else None,
    )
    barriers = [
        _barrier(rng, lang, rng.choice(text["quote"]))
        for _ in range(rng.randint(0, 6) if progress > 0.2 else 0)
    ]
    facilitators = [
        _facilitator(rng, lang) for _ in range(rng.randint(0, 3) if progress > 0.3 else 0)
    ]
    activities = []
    for _ in range(rng.randint(1, 4) if progress > 0.4 else 0):
        idea = rng.choice(lib.activities)
        start = rng.choice([10, 15, 20, 30, 45])
        step = rng.choice([0, 5, 10])
        activities.append(
            PlannedActivity(
                entry_id=_entry_id(rng),
                idea_id=idea.id,
                name=idea.label.get(lang),
                patient_likes_it=rng.random() < 0.6,
                frequency_per_week=rng.randint(1, 5),
                intensity=idea.typical_intensity,
                minutes_per_session=start,
                weekly_minutes=[start * 2 + step * week for week in range(WEEKS)],
            )
        )
    plan = Plan(
        goals=[
            PsfsGoal(
                entry_id=_entry_id(rng),
                activity=goal,
                baseline=(b := rng.randint(0, 6)),
                target=rng.randint(b, 10),
            )
            for goal in rng.sample(text["wants"], k=rng.randint(0, 3) if progress > 0.4 else 0)
        ],
        activities=activities,
        pain_rule=_pain_rule(lib.plan.pain_rule_defaults[condition], lang)
        if progress > 0.5
        else PainRule(model=lib.plan.pain_rule_defaults[condition]),
        flare_up_plan=rng.choice(text["answer"]) if progress > 0.6 else "",
        expectations=rng.choice(text["reflection"]) if progress > 0.6 else "",
        side_benefits=[b.id for b in rng.sample(lib.plan.side_benefits, k=2)]
        if progress > 0.5
        else [],
        follow_up=(updated + dt.timedelta(weeks=rng.randint(2, 8))).date()
        if progress > 0.6
        else None,
        # Chosen by the workbook's place, not drawn: the cohorts of earlier seeds stay the same.
        for_patient=_for_patient(text["for_patient"], index) if progress > 0.6 else ForPatient(),
    )
    reflection = Reflection(
        what=rng.choice(text["reflection"]) if progress > 0.7 else "",
        so_what=rng.choice(text["reflection"]) if progress > 0.75 else "",
        now_what=rng.choice(text["reflection"]) if progress > 0.8 else "",
    )
    review = Review()
    if status in (Status.returned, Status.approved):
        reviewed = updated + dt.timedelta(days=1)
        review = Review(
            reviewer="veileder" if lang == "nb" else "supervisor",
            comments=[
                Comment(
                    comment_id=_entry_id(rng),
                    section=rng.choice([s for s in Section if s is not Section.meta]),
                    author="veileder" if lang == "nb" else "supervisor",
                    created=reviewed,
                    text=rng.choice(text["comment"]),
                    resolved=status is Status.approved,
                )
                for _ in range(rng.randint(1, 3))
            ],
            rubric={
                criterion: RubricScore(level=rng.randint(1, 4))
                for criterion in (
                    "reflect.presence",
                    "reflect.description",
                    "reflect.emotions",
                    "reflect.analysis",
                )
            },
            # Derived, not drawn: the same seed keeps giving the same cohort.
            learning=LearningJudgement.transformative
            if status is Status.approved
            else LearningJudgement.confirmatory,
            decision=Decision.approved if status is Status.approved else Decision.returned,
        )
        meta = meta.model_copy(update={"updated": max(updated, reviewed)})
    return Workbook(
        meta=meta,
        case=case,
        perspective=perspective,
        barriers=barriers,
        facilitators=facilitators,
        plan=plan,
        reflection=reflection,
        review=review,
    )


def _for_patient(phrases: list[str], index: int) -> ForPatient:
    flare_up, what_to_expect, note = phrases
    return ForPatient(
        flare_up=flare_up, what_to_expect=what_to_expect, note=note if index % 2 else ""
    )


def _pain_rule(model: PainRuleModel, lang: str) -> PainRule:
    """The rule the content suggests for the condition, filled in as a student would."""
    if model is PainRuleModel.graded_activity:
        return PainRule(
            model=model,
            baseline="10 minutter gange" if lang == "nb" else "10 minutes' walking",
            increase_step="+2 minutter per uke" if lang == "nb" else "+2 minutes a week",
        )
    return PainRule(model=model, max_pain_during=5, next_morning_rule=True, week_to_week_rule=True)


def synthetic_workbooks(n: int, *, seed: int = 0) -> Iterator[Workbook]:
    """``n`` generated workbooks; the same ``(n, seed)`` always gives the same ones."""
    rng = random.Random(seed)
    for index in range(n):
        yield synthetic_workbook(rng, index=index)


HOSTILE_TEXTS: tuple[str, ...] = (
    "<script>window.__pr_xss = 'script'</script>",
    "<img src=x onerror=\"window.__pr_xss = 'img'\">",
    "<svg onload=\"window.__pr_xss = 'svg'\"><circle r=5></svg>",
    "<a href=\"javascript:window.__pr_xss = 'link'\">javascript: link</a>",
    '"><iframe srcdoc="<script>parent.__pr_xss = \'iframe\'</script>"></iframe>',
    "</textarea></div><script>window.__pr_xss = 'breakout'</script>",
    "<div <b onmouseover=window.__pr_xss='broken'>broken markup",
    "{{constructor.constructor('window.__pr_xss = \"template\"')()}}",
    "<style>body{display:none}</style>#set text(red) $x^2$ *bold* @ref \\",
)
"""Text a hostile or careless user might type: markup, scripts, template syntax."""

# The fields a person types into; ids, choices and timestamps are left alone.
_TYPED_FIELDS = frozenset(
    {
        "title",
        "author",
        "course_code",
        "case_label",
        "condition_other",
        "activity_history",
        "what",
        "how_long",
        "why_stopped",
        "how_it_felt",
        "likes_to_do",
        "wants_to_achieve",
        "text",
        "conviction_note",
        "label",
        "patient_words",
        "custom_strategy",
        "note",
        "activity",
        "name",
        "intensity_note",
        "type_note",
        "volume_note",
        "progression_note",
        "flare_up_plan",
        "expectations",
        "flare_up",
        "what_to_expect",
        "so_what",
        "now_what",
        "reviewer",
        "reply",
        "overall_feedback",
        "learning_note",
        "baseline",
        "increase_step",
    }
)
_TYPED_LISTS = frozenset({"patient_quotes", "learning_points"})


def hostile_workbook(base: Workbook | None = None) -> Workbook:
    """A complete workbook whose every typed text holds one of :data:`HOSTILE_TEXTS`: for
    proving that nothing a user types is ever interpreted as markup or code."""
    source = base or max(sample_workbooks(), key=lambda w: len(dump_workbook(w)))
    data = source.to_json_dict()
    texts = iter(HOSTILE_TEXTS * 1000)

    def fill(value: object, key: str = "") -> object:
        if isinstance(value, dict):
            return {k: fill(v, k) for k, v in value.items()}
        if isinstance(value, list):
            if key in _TYPED_LISTS:
                return [next(texts) for _ in value] or [next(texts)]
            return [fill(item) for item in value]
        if isinstance(value, str) and key in _TYPED_FIELDS:
            return next(texts)[:40] if key == "course_code" else next(texts)
        return value

    hostile = fill(data)
    assert isinstance(hostile, dict)
    hostile["meta"]["status"] = Status.draft.value
    return Workbook.model_validate(hostile)
