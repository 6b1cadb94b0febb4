"""The workbook as a document: one source for the Summary screen, the review and the PDF.

Everything the reader sees is decided here, where it can be tested without a screen or a
typesetter: which
sections appear and in which order, every label already in the workbook's language, dates
written out, empty parts marked "not answered yet", the chart geometry, the sources cited.
The template only draws what it is given.

The result is JSON-compatible: dicts, lists, strings, numbers, booleans and ``None``. Each
section is a list of *blocks*, each a dict with a ``type`` the template knows how to draw:

``facts``
    ``rows``: ``[{"label", "text"}]``, short values in a label column (``text`` is ``None``
    when blank).
``field``
    ``label``, optional ``hint``, and one of ``prose`` (paragraphs), ``items`` (list, with
    ``numbered``), ``quotes`` (paragraphs) or ``text``. Empty means "not answered yet".
``group``
    ``title``, optional ``badge``, and ``blocks``: a titled subsection.
``answer``
    A perspective prompt: ``question``, ``optional``, ``prose`` and its ``marker``.
``scale``
    ``label``, ``value`` (or ``None``) and ``max``: the conviction rating.
``factor_table``, ``barrier_chart``, ``goals_table``, ``progression_chart``,
``progression_table``, ``rubric_table``
    Tables and charts, described where they are built.
``missing``
    Nothing entered in this part yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Final

from physioreflect.charts import COM_B_COLOURS, quadrant_of
from physioreflect.content import (
    PromptSet,
    Rubric,
    library,
    message,
    reference_note,
    reference_parts,
    reference_sort_key,
    reference_text,
)
from physioreflect.content import Source as CitedSource
from physioreflect.model import (
    Answer,
    Barrier,
    Comment,
    CourseRubric,
    Facilitator,
    Factor,
    PainRuleModel,
    PromptGroup,
    Review,
    Section,
    Workbook,
)
from physioreflect.render._dates import written_date
from physioreflect.render._geometry import (
    barrier_chart,
    marker_text_colour,
    progression_chart,
    progression_table,
)
from physioreflect.render._text import Paragraph, paragraphs

__all__ = ["anchor_options", "summary_data", "written_date"]

Block = dict[str, Any]

RUNNING_TITLE_LENGTH: Final = 70
"""The page header repeats the title; longer ones are shortened there (page 1 has it whole)."""

# Ratings and scores print as numbers; a dash says "not rated" without a sentence per cell.
_NOT_RATED: Final = "–"

_DRISCOLL: Final = (
    ("what", "driscoll.what"),
    ("so_what", "driscoll.so_what"),
    ("now_what", "driscoll.now_what"),
)


def pdf_date(moment: dt.datetime) -> dict[str, int]:
    """``moment`` as the PDF's date: its parts in UTC (Typst's ``datetime``)."""
    utc = moment.astimezone(dt.UTC)
    return {
        "year": utc.year,
        "month": utc.month,
        "day": utc.day,
        "hour": utc.hour,
        "minute": utc.minute,
        "second": utc.second,
    }


class _Writer:
    """Builds the data of one workbook in one language."""

    def __init__(self, workbook: Workbook, prompt_set: PromptSet | None, lang: str) -> None:
        self.workbook = workbook
        self.lang = lang
        self.library = library()
        self.prompt_set = prompt_set or self.library.prompt_set
        self.cited: list[str] = []

    # ── small helpers ──────────────────────────────────────────────────────────────────────
    def t(self, key: str, /, **params: Any) -> str:
        return message(key, self.lang, **params)

    def cite(self, source_ids: Iterable[str]) -> None:
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)

    def date(self, value: dt.date | dt.datetime | None) -> str | None:
        return None if value is None else written_date(value, self.lang)

    @staticmethod
    def row(label: str, text: str | None) -> dict[str, str | None]:
        return {"label": label, "text": text if text and text.strip() else None}

    @staticmethod
    def prose(label: str, text: str, *, hint: str | None = None) -> Block:
        return {"type": "field", "label": label, "hint": hint, "prose": paragraphs(text)}

    @staticmethod
    def items(label: str, entries: Iterable[str], *, numbered: bool = False) -> Block:
        return {
            "type": "field",
            "label": label,
            "hint": None,
            "items": [entry for entry in entries if entry.strip()],
            "numbered": numbered,
        }

    @staticmethod
    def quotes(label: str, entries: Iterable[str]) -> Block:
        found: list[Paragraph] = [p for entry in entries for p in paragraphs(entry)]
        return {"type": "field", "label": label, "hint": None, "quotes": found}

    @staticmethod
    def group(title: str, blocks: list[Block], *, badge: str | None = None) -> Block:
        return {"type": "group", "title": title, "badge": badge, "blocks": blocks}

    # ── parts ──────────────────────────────────────────────────────────────────────────────
    def document(self) -> dict[str, Any]:
        meta = self.workbook.meta
        return {
            "title": meta.title,
            "author": [meta.author] if meta.author.strip() else [],
            "keywords": [
                word for word in (self.t("app.name"), meta.course_code or "") if word.strip()
            ],
            "date": pdf_date(meta.updated),
        }

    def title_block(self, comments: list[Block]) -> dict[str, Any]:
        meta, case = self.workbook.meta, self.workbook.case
        return {
            "kind": self.t("export.kind"),
            "title": meta.title,
            "status": {"key": meta.status.value, "label": self.t(f"status.{meta.status.value}")},
            "example_note": self.t("export.example_note") if meta.is_example else None,
            "facts": [
                self.row(self.t("field.case_label"), case.case_label),
                self.row(self.t("field.condition"), self.condition()),
                self.row(self.t("field.author"), meta.author),
                self.row(self.t("field.role"), self.t(f"role.{meta.role.value}")),
                self.row(self.t("field.course_code"), meta.course_code),
                self.row(self.t("field.created"), self.date(meta.created)),
                self.row(self.t("field.updated"), self.date(meta.updated)),
            ],
            "comments": comments,
        }

    def condition(self) -> str | None:
        case = self.workbook.case
        if case.condition is None:
            return None
        name = self.t(f"condition.{case.condition.value}")
        return f"{name}: {case.condition_other}" if case.condition_other.strip() else name

    def comment(self, comment: Comment) -> Block:
        replies = []
        for reply in comment.replies:
            date = self.date(reply.created) or _NOT_RATED
            if reply.from_supervisor:
                label = self.t("export.comment.supervisor_reply", author=reply.author, date=date)
            else:
                label = self.t("export.comment.reply", date=date)
            replies.append({"label": label, "prose": paragraphs(reply.text)})
        header = self.t(
            "export.comment.header", author=comment.author, date=self.date(comment.created)
        )
        if comment.edited is not None:
            header += " · " + self.t("export.comment.edited", date=self.date(comment.edited))
        about = anchor_label(self.workbook, comment.section, comment.anchor, self)
        return {
            "id": comment.comment_id,
            "header": header,
            "about": self.t("export.comment.about", what=about) if about else None,
            "resolved": comment.resolved,
            "state": self.t("field.resolved" if comment.resolved else "export.comment.open"),
            "prose": paragraphs(comment.text),
            "replies": replies,
        }

    def case(self) -> list[Block]:
        case, t = self.workbook.case, self.t
        if case.condition is not None and case.condition in self.library.conditions:
            self.cite(self.library.conditions[case.condition].sources)
        attempts: list[Block] = [
            self.group(
                t("case.attempt_number", number=number)
                + (f": {attempt.what}" if attempt.what.strip() else ""),
                [
                    {"type": "facts", "rows": [self.row(t("field.how_long"), attempt.how_long)]},
                    self.prose(t("field.why_stopped"), attempt.why_stopped),
                    self.prose(t("field.how_it_felt"), attempt.how_it_felt),
                ],
            )
            for number, attempt in enumerate(case.previous_attempts, start=1)
        ]
        return [
            {
                "type": "facts",
                "rows": [
                    self.row(t("field.case_label"), case.case_label),
                    self.row(t("field.condition"), self.condition()),
                    self.row(
                        t("field.duration"),
                        t(f"duration.{case.duration.value}") if case.duration else None,
                    ),
                    self.row(
                        t("field.age_band"),
                        t(f"age_band.{case.age_band.value}") if case.age_band else None,
                    ),
                ],
            },
            self.prose(t("field.activity_history"), case.activity_history),
            self.group(t("field.previous_attempts"), attempts or [{"type": "missing"}]),
            self.prose(t("field.likes_to_do"), case.likes_to_do),
            self.prose(t("field.wants_to_achieve"), case.wants_to_achieve),
            self.quotes(t("field.patient_quotes"), case.patient_quotes),
        ]

    def answer(self, question: str, answer: Answer, *, optional: bool) -> Block:
        marker = None
        if answer.marker is not None:
            marker = {
                "key": answer.marker.value,
                "label": self.t(f"marker.{answer.marker.value}"),
            }
        elif answer.text.strip():
            marker = {"key": "none", "label": self.t("export.marker.none")}
        return {
            "type": "answer",
            "question": question,
            "optional": self.t("app.optional") if optional else None,
            "prose": paragraphs(answer.text),
            "marker": marker,
        }

    def perspective(self) -> list[Block]:
        perspective, t = self.workbook.perspective, self.t
        prompts = self.prompt_set.prompts
        # Optional prompts left unanswered add nothing the student drew on.
        self.cite(
            source
            for prompt in prompts
            if prompt.required or perspective.answers.get(prompt.id, Answer()).text.strip()
            for source in prompt.sources
        )
        blocks: list[Block] = []
        for group in PromptGroup:
            in_group = [prompt for prompt in prompts if prompt.group is group]
            if in_group:
                blocks.append(
                    self.group(
                        t(f"group.{group.value}"),
                        [
                            self.answer(
                                prompt.text.get(self.lang),
                                perspective.answers.get(prompt.id, Answer()),
                                optional=not prompt.required,
                            )
                            for prompt in in_group
                        ],
                    )
                )
        # Answers to prompts this prompt set does not have (a course changed its set) are
        # still the author's work: they are printed under their ids, never dropped.
        known = {prompt.id for prompt in prompts}
        others = [
            self.answer(prompt_id, answer, optional=False)
            for prompt_id, answer in sorted(perspective.answers.items())
            if prompt_id not in known and (answer.text.strip() or answer.marker)
        ]
        if others:
            blocks.append(self.group(t("export.perspective.other_answers"), others))
        blocks.append(
            {
                "type": "scale",
                "label": t("field.conviction"),
                "value": perspective.conviction,
                "max": 10,
            }
        )
        blocks.append(self.prose(t("field.conviction_note"), perspective.conviction_note))
        return blocks

    def strategies(self, factor: Factor) -> list[str]:
        known = self.library.strategies
        texts = []
        for strategy_id in factor.strategies:
            strategy = known.get(strategy_id)
            if strategy is None:
                texts.append(strategy_id)
                continue
            if strategy.bct is None:
                texts.append(strategy.text.get(self.lang))
                continue
            technique = self.library.bct.get(strategy.bct)
            texts.append(
                self.t(
                    "export.strategy",
                    text=strategy.text.get(self.lang),
                    bct=strategy.bct,
                    technique=technique.label.get(self.lang) if technique else "",
                )
            )
        return texts

    def techniques(self, barrier: Barrier) -> list[str]:
        """Techniques chosen from the taxonomy directly, as "BCT 1.1 Goal setting (behavior)";
        a number the catalogue does not have is printed as it is, never dropped."""
        texts = []
        for number in barrier.techniques:
            technique = self.library.bct.get(number)
            label = technique.label.get(self.lang) if technique else ""
            texts.append(self.t("bct.technique", bct=number, technique=label).strip())
        return texts

    @staticmethod
    def rating(value: int | None) -> str:
        return _NOT_RATED if value is None else str(value)

    def factor_rows(
        self, factors: Sequence[Barrier] | Sequence[Facilitator]
    ) -> list[dict[str, Any]]:
        """A row per entry: ``ratings`` are impact, then modifiability (a barrier) or how much
        we can build on it (a facilitator); a barrier's row says its quadrant."""
        rows = []
        for number, factor in enumerate(factors, start=1):
            colour = COM_B_COLOURS[factor.com_b]
            quadrant, second = None, None
            if isinstance(factor, Barrier):
                second = factor.modifiability
                quadrant = _NOT_RATED
                if factor.impact is not None and factor.modifiability is not None:
                    region = quadrant_of(factor.impact, factor.modifiability)
                    quadrant = (
                        self.t(f"chart.quadrant.{region.value}")
                        if region
                        else self.t("export.chart.on_the_line")
                    )
            elif isinstance(factor, Facilitator):
                second = factor.build_on
            rows.append(
                {
                    "number": number,
                    "label": self.library.factor_label(factor, self.lang),
                    "colour": colour,
                    "text_colour": marker_text_colour(colour),
                    "com_b": self.t(f"com_b.{factor.com_b.value}"),
                    "ratings": [self.rating(factor.impact), self.rating(second)],
                    "quadrant": quadrant,
                }
            )
        return rows

    def factor_details(self, factors: Sequence[Factor]) -> list[Block]:
        t = self.t
        details = []
        for number, factor in enumerate(factors, start=1):
            source = None if factor.source is None else t(f"source.{factor.source.value}")
            blocks: list[Block] = [
                {
                    "type": "facts",
                    "rows": [
                        self.row(t("field.theme"), t(f"theme.{factor.theme.value}")),
                        self.row(t("field.source"), source),
                    ],
                },
                self.quotes(t("field.patient_words"), [factor.patient_words]),
            ]
            # A catalogue entry offers strategies, one in the patient's own words (a barrier)
            # techniques from the taxonomy: what it offers is asked for, the other appears
            # only when there is something in it. A missing note is not a gap in the work.
            catalogued = (factor.catalogue_id or "") in self.library.factors
            if catalogued or factor.strategies:
                blocks.append(self.items(t("field.strategies"), self.strategies(factor)))
            if isinstance(factor, Barrier) and (not catalogued or factor.techniques):
                blocks.append(self.items(t("field.techniques"), self.techniques(factor)))
            if factor.custom_strategy.strip():
                blocks.append(self.prose(t("field.custom_strategy"), factor.custom_strategy))
            if factor.note.strip():
                blocks.append(self.prose(t("field.note"), factor.note))
            details.append(
                self.group(f"{number}. {self.library.factor_label(factor, self.lang)}", blocks)
            )
        return details

    def factors(self, factors: Sequence[Barrier] | Sequence[Facilitator]) -> list[Block]:
        if not factors:
            return [{"type": "missing"}]
        t = self.t
        barriers = isinstance(factors[0], Barrier)
        self.cite(["michie2011", "boutevillain2017"])
        for factor in factors:
            if factor.catalogue_id and factor.catalogue_id in self.library.factors:
                self.cite(self.library.factors[factor.catalogue_id].sources)
            if factor.strategies or (isinstance(factor, Barrier) and factor.techniques):
                self.cite(["michie2013"])
        noun = "barrier" if barriers else "facilitator"
        columns = [
            "#",
            t(f"export.table.{noun}"),
            t("field.com_b"),
            t("field.impact"),
            t("field.modifiability" if barriers else "field.build_on"),
        ]
        if barriers:
            columns.append(t("export.table.quadrant"))
        blocks: list[Block] = [
            {
                "type": "factor_table",
                "columns": columns,
                "rows": self.factor_rows(factors),
                "caption": t(f"export.table.{noun}_caption"),
            }
        ]
        if barriers:
            shown = [factor for factor in factors if isinstance(factor, Barrier)]
            blocks.append(barrier_chart(shown, lang=self.lang))
        blocks.append(self.group(t("export.details"), self.factor_details(factors)))
        return blocks

    def goals(self) -> Block:
        goals = self.workbook.plan.goals
        if not goals:
            return self.group(self.t("field.goals"), [{"type": "missing"}])
        self.cite(["stratford1995", *(["moseng2013"] if self.lang == "nb" else [])])
        rows = []
        for number, goal in enumerate(goals, start=1):
            change = _NOT_RATED
            if goal.baseline is not None and goal.target is not None:
                change = f"+{goal.target - goal.baseline}"
            rows.append(
                {
                    "number": number,
                    "activity": goal.activity,
                    "baseline": _NOT_RATED if goal.baseline is None else str(goal.baseline),
                    "target": _NOT_RATED if goal.target is None else str(goal.target),
                    "change": change,
                }
            )
        table = {
            "type": "goals_table",
            "columns": [
                "#",
                self.t("field.activity"),
                self.t("field.baseline"),
                self.t("field.target"),
                self.t("export.plan.change"),
            ],
            "rows": rows,
            "caption": self.t("export.plan.psfs_caption"),
        }
        return self.group(self.t("field.goals"), [table])

    def activities(self) -> Block:
        t, activities = self.t, self.workbook.plan.activities
        if not activities:
            return self.group(t("field.activities"), [{"type": "missing"}])
        self.cite(["acsm_fittvp"])
        blocks = []
        for number, activity in enumerate(activities, start=1):
            if activity.idea_id and activity.idea_id in self.library.activity_ideas:
                self.cite(self.library.activity_ideas[activity.idea_id].sources)
            intensity = t(f"intensity.{activity.intensity.value}") if activity.intensity else ""
            if activity.intensity_note.strip():
                intensity = " – ".join(filter(None, [intensity, activity.intensity_note]))
            rows = [
                self.row(t("field.frequency_per_week"), _number(activity.frequency_per_week)),
                self.row(t("field.intensity"), intensity),
                self.row(t("field.minutes_per_session"), _number(activity.minutes_per_session)),
                self.row(t("field.type_note"), activity.type_note),
                self.row(t("field.volume_note"), activity.volume_note),
            ]
            blocks.append(
                self.group(
                    f"{number}. {self.library.activity_name(activity, self.lang)}",
                    [
                        {"type": "facts", "rows": rows},
                        self.prose(t("field.progression_note"), activity.progression_note),
                    ],
                    badge=t("field.patient_likes_it") if activity.patient_likes_it else None,
                )
            )
        return self.group(t("field.activities"), blocks)

    def pain_rule(self) -> Block:
        """The chosen rule with its own fields; fields left from a rule chosen before stay in
        the file (choosing that rule again brings them back) but are not the agreement."""
        t, rule = self.t, self.workbook.plan.pain_rule
        rows = [self.row(t("field.model"), t(f"export.pain_model.{rule.model.value}"))]
        if rule.model is PainRuleModel.graded_activity:
            self.cite(["nielson2013", "lindstrom1992"])
            rows += [
                self.row(t("field.graded_baseline"), rule.baseline),
                self.row(t("field.increase_step"), rule.increase_step),
            ]
        elif rule.model is PainRuleModel.pain_monitoring_model:
            self.cite(["thomee1997", "silbernagel2007"])
            max_pain = None if rule.max_pain_during is None else f"{rule.max_pain_during}/10"
            rows += [
                self.row(t("field.max_pain_during"), max_pain),
                self.row(
                    t("field.next_morning_rule"),
                    t("export.yes" if rule.next_morning_rule else "export.no"),
                ),
                self.row(
                    t("field.week_to_week_rule"),
                    t("export.yes" if rule.week_to_week_rule else "export.no"),
                ),
            ]
        facts = {"type": "facts", "rows": rows}
        return self.group(t("field.pain_rule"), [facts, self.prose(t("field.note"), rule.note)])

    def plan(self) -> list[Block]:
        t, plan = self.t, self.workbook.plan
        self.cite(["who2020"])
        benefits = {item.id: item for item in self.library.plan.side_benefits}
        for benefit_id in plan.side_benefits:
            if benefit_id in benefits:
                self.cite(benefits[benefit_id].sources)
        return [
            self.goals(),
            self.activities(),
            self.group(
                t("plan.progression_title"),
                [
                    progression_chart(plan, lang=self.lang),
                    progression_table(plan, lang=self.lang),
                ],
            ),
            self.pain_rule(),
            self.prose(t("field.flare_up_plan"), plan.flare_up_plan),
            self.prose(t("field.expectations"), plan.expectations),
            self.items(
                t("field.side_benefits"),
                (
                    benefits[b].label.get(self.lang) if b in benefits else b
                    for b in plan.side_benefits
                ),
            ),
            {
                "type": "facts",
                "rows": [self.row(t("field.follow_up"), self.date(plan.follow_up))],
            },
            self.group(
                t("field.for_patient"),
                [
                    self.prose(t("field.flare_up"), plan.for_patient.flare_up),
                    self.prose(t("field.what_to_expect"), plan.for_patient.what_to_expect),
                    self.prose(t("field.note_to_patient"), plan.for_patient.note),
                ],
            ),
        ]

    def reflection(self) -> list[Block]:
        reflection, t = self.workbook.reflection, self.t
        prompts = {prompt.id: prompt for prompt in self.library.reflection_prompts}
        blocks: list[Block] = []
        for field, prompt_id in _DRISCOLL:
            prompt = prompts[prompt_id]
            self.cite(prompt.sources)
            blocks.append(
                self.prose(
                    prompt.stage.get(self.lang),
                    getattr(reflection, field),
                    hint=prompt.text.get(self.lang),
                )
            )
        blocks.append(
            self.items(t("field.learning_points"), reflection.learning_points, numbered=True)
        )
        return blocks

    def review(self, review: Review) -> list[Block]:
        t = self.t
        blocks: list[Block] = [
            {
                "type": "facts",
                "rows": [
                    self.row(t("field.reviewer"), review.reviewer),
                    self.row(
                        t("field.decision"),
                        t(f"decision.{review.decision.value}") if review.decision else None,
                    ),
                ],
            }
        ]
        if review.rubric:
            blocks.append(self.rubric_table(review))
        if review.learning is not None or review.learning_note.strip():
            blocks.append(self.learning(review))
        blocks.append(self.prose(t("field.overall_feedback"), review.overall_feedback))
        return blocks

    def rubric_table(self, review: Review) -> Block:
        """The rubric's levels, in the rubric's own order (a criterion it lacks follows by
        id). A course's rubric is named by what the review kept of it: the PDF and the
        student need no course file."""
        t = self.t
        course = review.course_rubric
        rubric: Rubric | CourseRubric = course or self.library.rubric
        if course is None:
            self.cite(["wald2012"])
            caption = t("export.rubric.caption")
        else:
            caption = t(
                "export.rubric.caption_course",
                title=course.title.get(self.lang),
                top=course.top_level,
            )
        order = {criterion: index for index, criterion in enumerate(rubric.criterion_ids())}
        criteria = sorted(review.rubric, key=lambda c: (order.get(c, len(order)), c))
        return {
            "type": "rubric_table",
            "columns": [t("export.rubric.criterion"), t("field.level"), t("field.note")],
            "levels": rubric.top_level,
            "rows": [
                {
                    "criterion": rubric.criterion_label(criterion, self.lang)
                    or _rubric_label(criterion, self.lang),
                    "level": review.rubric[criterion].level,
                    "level_label": rubric.level_label(review.rubric[criterion].level, self.lang)
                    or str(review.rubric[criterion].level),
                    "prose": paragraphs(review.rubric[criterion].note),
                }
                for criterion in criteria
            ],
            "caption": caption,
        }

    def learning(self, review: Review) -> Block:
        """REFLECT's separate judgement of learning, beside the rubric's 1–4 criteria."""
        t = self.t
        self.cite(["wald2012"])
        kinds = {kind.id: kind.label.get(self.lang) for kind in self.library.rubric.learning}
        judgement = None if review.learning is None else kinds.get(review.learning.value)
        return self.group(
            t("export.rubric.learning"),
            [
                {
                    "type": "facts",
                    "rows": [self.row(t("export.rubric.learning_kind"), judgement)],
                },
                self.prose(t("field.learning_note"), review.learning_note),
            ],
        )

    def sources(self) -> list[dict[str, Any]]:
        known: dict[str, CitedSource] = {
            **self.library.sources,
            **{source.id: source for source in self.prompt_set.sources},
        }
        cited = [known[source_id] for source_id in self.cited if source_id in known]
        # An alphabetical list, as APA keeps references without numbered citations in the text.
        cited.sort(key=lambda source: reference_sort_key(source, self.lang))
        return [
            {
                "citation": reference_text(source, self.lang),
                "parts": [
                    {"text": part.text, "italic": part.italic}
                    for part in reference_parts(source, self.lang)
                ],
                "doi": source.doi,
                # Only web addresses become links; anything else prints as text.
                "url": source.url if source.url and _is_web_address(source.url) else None,
                "url_text": None if source.doi else source.url,
                "note": reference_note(source, self.lang),
            }
            for source in cited
        ]


def _is_web_address(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def _number(value: int | None) -> str | None:
    return None if value is None else str(value)


def _rubric_label(criterion: str, lang: str) -> str:
    label = library().rubric.criterion_label(criterion, lang)
    if label is not None:
        return label
    key = f"export.rubric.{criterion}"
    text = message(key, lang)
    # An unknown criterion (a course's own) prints under its id.
    return criterion if text == key else text


def _anchors(workbook: Workbook, section: Section, writer: _Writer) -> list[tuple[str, str]]:
    lib, lang = writer.library, writer.lang
    if section is Section.perspective:
        known = [(p.id, p.text.get(lang)) for p in writer.prompt_set.prompts]
        ids = {prompt_id for prompt_id, _ in known}
        others = [(a, a) for a in sorted(workbook.perspective.answers) if a not in ids]
        return known + others
    if section in (Section.barriers, Section.facilitators):
        entries = workbook.barriers if section is Section.barriers else workbook.facilitators
        return [(entry.entry_id, lib.factor_label(entry, lang)) for entry in entries]
    if section is Section.plan:
        goals = [(g.entry_id, g.activity) for g in workbook.plan.goals]
        activities = [(a.entry_id, lib.activity_name(a, lang)) for a in workbook.plan.activities]
        return goals + activities
    return []


def anchor_label(
    workbook: Workbook, section: Section, anchor: str | None, writer: _Writer
) -> str | None:
    """What a comment's ``anchor`` points at, as the reader sees it; ``None`` for the whole
    section. An anchor whose entry was removed since is said to be so, with its id (an id
    alone, "d8cb424d7bf8", would tell a reader nothing), never dropped."""
    if anchor is None:
        return None
    found = dict(_anchors(workbook, section, writer)).get(anchor)
    return found if found is not None else writer.t("export.comment.removed_anchor", id=anchor)


def anchor_options(
    workbook: Workbook,
    section: Section,
    *,
    lang: str,
    prompt_set: PromptSet | None = None,
) -> list[tuple[str, str]]:
    """The prompts or entries of ``section`` a comment may point at: ``(anchor, label)``, in
    the order the section shows them."""
    return _anchors(workbook, section, _Writer(workbook, prompt_set, lang))


def _has_review(review: Review) -> bool:
    return bool(
        review.reviewer.strip()
        or review.comments
        or review.rubric
        or review.learning is not None
        or review.learning_note.strip()
        or review.overall_feedback.strip()
        or review.decision
    )


def summary_data(
    workbook: Workbook, *, prompt_set: PromptSet | None = None, lang: str | None = None
) -> dict[str, Any]:
    """Everything the summary shows, as plain data: in ``lang`` on a screen, in the
    workbook's own language (the default) on paper.

    ``prompt_set`` is the course's own set of perspective prompts, if the workbook was written
    with one; the built-in set otherwise.
    """
    writer = _Writer(workbook, prompt_set, lang or workbook.meta.language.value)
    t = writer.t
    comments: dict[Section, list[Block]] = {section: [] for section in Section}
    for comment in workbook.review.comments:
        comments[comment.section].append(writer.comment(comment))

    builders = (
        (Section.case, writer.case),
        (Section.perspective, writer.perspective),
        (Section.barriers, lambda: writer.factors(workbook.barriers)),
        (Section.facilitators, lambda: writer.factors(workbook.facilitators)),
        (Section.plan, writer.plan),
        (Section.reflection, writer.reflection),
    )
    sections = [
        {
            "id": section.value,
            "title": t(f"section.{section.value}"),
            "comments": comments[section],
            "blocks": build(),
        }
        for section, build in builders
    ]
    if _has_review(workbook.review):
        sections.append(
            {
                "id": "review",
                "title": t("field.review"),
                "comments": [],
                "blocks": writer.review(workbook.review),
            }
        )
    title = workbook.meta.title
    return {
        "lang": writer.lang,
        "document": writer.document(),
        "title_block": writer.title_block(comments[Section.meta]),
        "running_title": (
            title
            if len(title) <= RUNNING_TITLE_LENGTH
            else title[: RUNNING_TITLE_LENGTH - 1].rstrip() + "…"
        ),
        "sections": sections,
        "sources": writer.sources(),
        "labels": {
            "app": t("app.name"),
            "not_answered": t("summary.not_answered"),
            "page": t("export.page"),
            "contents": t("export.contents"),
            "sources": t("export.sources"),
            "sources_intro": t("export.sources_intro"),
            "comment": t("export.comment.label"),
            "unprintable": t("export.unprintable"),
        },
        "unprintable": False,
    }
