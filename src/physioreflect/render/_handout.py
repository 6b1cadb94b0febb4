"""The patient's handout as data: the plan agreed, in plain words, for the patient to keep.

The summary is the clinician's document; the handout is the patient's, and holds only what
was written for the patient or agreed with them:

- the goals, as the PSFS activities were written (no scores);
- each activity with how often, how long and how hard, in the fixed everyday words of
  ``handout.yaml`` (the talk test; how the last repetitions feel);
- weeks 1–12 with the planned minutes to tick, blanks to fill in by hand;
- the pain rule, laid out for the kind the workbook chose;
- the plan's texts for the patient (``plan.for_patient``) and the side benefits chosen;
- when to get help, chosen by condition, with its sources;
- lines to write on (name, physiotherapist, phone, next appointment).

Nothing else of the workbook is read here: no note, reflection, marker, barrier, technique,
quote, diagnosis, title, author or review. The fixed text follows ``lang``, which may differ
from the workbook's; what the clinician wrote stays as it was written.

Every part is plain JSON data for ``export/templates/handout.typ``. Blank values are
``None``: the template prints a line to write on. Pure: no widgets, no files, no clock.
"""

from __future__ import annotations

from typing import Any, Final

from physioreflect.content import ActivityKind, HandoutTexts, Source, library
from physioreflect.errors import HandoutRefused
from physioreflect.model import (
    WEEKS,
    PainRule,
    PainRuleModel,
    PlannedActivity,
    Workbook,
)
from physioreflect.privacy import FieldPath, Finding, scan_workbook
from physioreflect.render._document import pdf_date, written_date
from physioreflect.render._text import paragraphs

__all__ = ["HANDOUT_BLANK", "handout_data", "handout_findings", "printed_field"]

HANDOUT_BLANK: Final = "______"
"""A gap to write in, inside a printed sentence ("3 til ______")."""

WRITE_IN_LINES: Final = 3
"""Lines to write on where a text was left for the patient and therapist to fill in."""

_SAFE_ZONE: Final = "safe"
"""The pain zone (plan.yaml) below which activity is safe: the green light."""


def printed_field(path: FieldPath) -> bool:
    """Whether the handout prints the workbook's text at ``path`` (the privacy check reads
    exactly these). The graded-activity steps print only when that rule is chosen, so they
    are checked whenever they hold text."""
    match path:
        case ("plan", "goals", int(), "activity"):
            return True
        case ("plan", "activities", int(), "name"):
            return True
        case ("plan", "pain_rule", "baseline" | "increase_step"):
            return True
        case ("plan", "for_patient", str()):
            return True
    return False


def handout_findings(workbook: Workbook) -> list[Finding]:
    """What the privacy check finds in the texts the handout would print."""
    return scan_workbook(workbook, where=printed_field)


class _Writer:
    def __init__(self, workbook: Workbook, lang: str) -> None:
        self.workbook = workbook
        self.lang = lang
        self.library = library()
        self.texts: HandoutTexts = self.library.handout
        self.cited: list[str] = []

    def t(self, text_id: str, /, **params: object) -> str:
        return self.texts.text(text_id, self.lang, **params)

    def cite(self, source_ids: list[str]) -> None:
        self.cited += [source_id for source_id in source_ids if source_id not in self.cited]

    # ── parts ──────────────────────────────────────────────────────────────────────────────
    def write_in(self) -> list[dict[str, str | None]]:
        follow_up = self.workbook.plan.follow_up
        return [
            {"label": self.t("name"), "text": None},
            {"label": self.t("physiotherapist"), "text": None},
            {"label": self.t("phone"), "text": None},
            {
                "label": self.t("next_appointment"),
                "text": None if follow_up is None else written_date(follow_up, self.lang),
            },
        ]

    def goals(self) -> dict[str, Any]:
        items = [goal.activity for goal in self.workbook.plan.goals if goal.activity.strip()]
        return {
            "title": self.t("goals"),
            "items": items,
            "blank_lines": 0 if items else WRITE_IN_LINES,
        }

    def how_hard(self, activity: PlannedActivity) -> str | None:
        if activity.intensity is None:
            return None
        kind: ActivityKind = (
            "strength" if activity.idea_id in self.texts.repetition_ideas else "endurance"
        )
        return self.texts.intensity[kind][activity.intensity].get(self.lang)

    def how_often(self, activity: PlannedActivity) -> str | None:
        often = activity.frequency_per_week
        if not often:
            return None
        return self.t("once_a_week") if often == 1 else self.t("times_a_week", count=often)

    def how_long(self, activity: PlannedActivity) -> str | None:
        minutes = activity.minutes_per_session
        return self.t("minutes_each_time", minutes=minutes) if minutes else None

    def activity(self, number: int, activity: PlannedActivity) -> dict[str, Any]:
        return {
            "number": number,
            "name": self.library.activity_name(activity, self.lang),
            "rows": [
                {"label": self.t("how_often"), "text": self.how_often(activity)},
                {"label": self.t("how_long"), "text": self.how_long(activity)},
                {"label": self.t("how_hard"), "text": self.how_hard(activity)},
            ],
        }

    def weeks(self) -> dict[str, Any]:
        rows = []
        for number, activity in enumerate(self.workbook.plan.activities, start=1):
            minutes = list(activity.weekly_minutes) + [0] * (WEEKS - len(activity.weekly_minutes))
            rows.append(
                {
                    "number": number,
                    "label": self.t("activity_number", number=number),
                    # A week without minutes is left for the patient to fill in.
                    "minutes": [value or None for value in minutes[:WEEKS]],
                }
            )
        return {
            "title": self.t("weeks"),
            "intro": self.t("weeks_intro"),
            "start_label": self.t("start_date"),
            "week_labels": [self.t("week", week=week) for week in range(1, WEEKS + 1)],
            "rows": rows,
        }

    def _range(self, low: int | None, high: int | None) -> str:
        if low is not None and low == high:
            return str(low)
        return self.t(
            "range",
            low=HANDOUT_BLANK if low is None else low,
            high=HANDOUT_BLANK if high is None else high,
        )

    def zones(self, ceiling: int | None) -> list[dict[str, str]]:
        """Green up to the safe zone's top, yellow up to the workbook's ceiling, red above it;
        a ceiling not agreed is left to fill in."""
        safe = next(z for z in self.library.plan.pain_zones if z.id == _SAFE_ZONE).up_to
        bands: list[tuple[str, int | None, int | None]]
        if ceiling is None:
            bands = [("green", 0, safe), ("yellow", safe + 1, None), ("red", None, 10)]
        else:
            bands = [("green", 0, min(safe, ceiling))]
            if ceiling > safe:
                bands.append(("yellow", safe + 1, ceiling))
            if ceiling < 10:
                bands.append(("red", ceiling + 1, 10))
        return [
            {
                "key": key,
                "word": self.t(f"zone_{key}"),
                "range": self._range(low, high),
                "text": self.t(f"zone_{key}_text"),
            }
            for key, low, high in bands
        ]

    def pain(self, rule: PainRule) -> dict[str, Any]:
        pain: dict[str, Any] = {
            "title": self.t("pain"),
            "kind": "own",
            "scale": None,
            "zones": [],
            "steps": [],
            "lines": [],
            "blank_lines": 0,
            "hurt": self.t("hurt_not_harm"),
        }
        if rule.model is PainRuleModel.pain_monitoring_model:
            lines = []
            if rule.next_morning_rule:
                lines += [self.t("settles"), self.t("worse_next_morning")]
            if rule.week_to_week_rule:
                lines.append(self.t("week_to_week"))
            pain |= {
                "kind": "zones",
                "scale": self.t("pain_scale"),
                "zones": self.zones(rule.max_pain_during),
                "lines": lines,
            }
        elif rule.model is PainRuleModel.graded_activity:
            pain |= {
                "kind": "steps",
                "steps": [
                    {"label": self.t("steps_start"), "text": rule.baseline.strip() or None},
                    {"label": self.t("steps_increase"), "text": rule.increase_step.strip() or None},
                ],
                "lines": [self.t("steps_plan"), self.t("steps_same"), self.t("steps_back")],
            }
        else:
            # A rule of the clinician's own is in their note, written to a colleague: the
            # handout leaves room to write the rule as it was agreed with the patient.
            pain |= {"lines": [self.t("own_rule")], "blank_lines": WRITE_IN_LINES}
        return pain

    def texts_for_patient(self) -> list[dict[str, Any]]:
        plan = self.workbook.plan
        parts: list[dict[str, Any]] = [
            {
                "id": "flare_up",
                "title": self.t("flare_up"),
                "paragraphs": paragraphs(plan.for_patient.flare_up),
                "items_title": None,
                "items": [],
                "blank_lines": 0 if plan.for_patient.flare_up.strip() else WRITE_IN_LINES,
            }
        ]
        benefits = [
            self.texts.side_benefits[b].get(self.lang)
            for b in plan.side_benefits
            if b in self.texts.side_benefits
        ]
        expect = paragraphs(plan.for_patient.what_to_expect)
        if expect or benefits:
            parts.append(
                {
                    "id": "what_to_expect",
                    "title": self.t("what_to_expect"),
                    "paragraphs": expect,
                    "items_title": self.t("benefits") if benefits else None,
                    "items": benefits,
                    "blank_lines": 0,
                }
            )
        return parts

    def note(self) -> dict[str, Any] | None:
        """A few words to the patient, at the top, under the title."""
        note = paragraphs(self.workbook.plan.for_patient.note)
        return {"title": self.t("note"), "paragraphs": note} if note else None

    def help(self) -> dict[str, Any]:
        condition = self.workbook.case.condition
        groups = []
        for group in self.texts.help:
            items = group.items_for(condition)
            for item in items:
                self.cite(item.sources)
            groups.append(
                {
                    "id": group.id,
                    "lead": group.lead.get(self.lang),
                    "items": [item.text.get(self.lang) for item in items],
                }
            )
        return {"title": self.t("help"), "groups": groups}

    def sources(self) -> list[str]:
        """The sources of when to get help: the handout's only claims a patient must be able
        to check. The rest is the plan agreed, and the summary cites what it rests on."""
        known = self.library.sources
        return [_short_citation(known[s], self.lang) for s in self.cited if s in known]

    def document(self) -> dict[str, Any]:
        return {"title": self.t("title"), "date": pdf_date(self.workbook.meta.updated)}


def _short_citation(source: Source, lang: str) -> str:
    """ "Finucane mfl. (2020), Journal of Orthopaedic & Sports Physical Therapy": who, when
    and where, enough to find the work and short enough for a handout."""
    names = [author.split(",")[0].strip() for author in source.authors or source.editors]
    if len(names) > 2:
        who = names[0] + (" mfl." if lang == "nb" else " et al.")
    elif len(names) == 2:
        who = f"{names[0]} {'og' if lang == 'nb' else '&'} {names[1]}"
    else:
        who = names[0] if names else ""
    year = str(source.year) if source.year else ("u.å." if lang == "nb" else "n.d.")
    where = source.report_number or source.container or source.title or source.citation or ""
    return f"{who} ({year}), {where.strip()}"


def handout_data(workbook: Workbook, *, lang: str | None = None) -> dict[str, Any]:
    """The patient's handout for ``workbook``, its fixed text in ``lang`` (the workbook's
    language by default).

    Raises :class:`~physioreflect.errors.HandoutRefused` when the plan has no activity
    (``reason="handout_no_activities"``) or the privacy check finds personal data in what
    it would print (``reason="handout_personal_data"``, with the findings).
    """
    writer = _Writer(workbook, lang or workbook.meta.language.value)
    plan = workbook.plan
    if not plan.activities:
        raise HandoutRefused(reason="handout_no_activities")
    findings = handout_findings(workbook)
    if findings:
        raise HandoutRefused(reason="handout_personal_data", findings=findings)
    t = writer.t
    activities = [writer.activity(n, a) for n, a in enumerate(plan.activities, start=1)]
    return {
        "lang": writer.lang,
        "document": writer.document(),
        "title": t("title"),
        "intro": t("intro"),
        "note": writer.note(),
        "write_in": writer.write_in(),
        "goals": writer.goals(),
        "activities": {"title": t("activities"), "items": activities},
        "weeks": writer.weeks(),
        "pain": writer.pain(plan.pain_rule),
        "texts": writer.texts_for_patient(),
        "help": writer.help(),
        "sources_title": t("sources"),
        "sources": writer.sources(),
        "labels": {
            "page": t("page", page="{page}", pages="{pages}"),
            "more_pages": t("more_pages", pages="{pages}"),
            "unprintable": t("unprintable"),
            "blank": HANDOUT_BLANK,
        },
        "unprintable": False,
    }
