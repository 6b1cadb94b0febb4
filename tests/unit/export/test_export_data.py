"""Does the summary data hold every section in reading order, in the workbook's language,
with empty parts marked, comments beside their sections and the dashboard's chart numbers?"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest

from physioreflect.charts import COM_B_COLOURS, barrier_points, weekly_series
from physioreflect.content import library, parse_prompt_set, reference_text, ui_catalog
from physioreflect.export import print_ready, summary_data
from physioreflect.model import (
    Answer,
    Comment,
    Language,
    LearningJudgement,
    PainRule,
    PainRuleModel,
    Perspective,
    Plan,
    Review,
    RubricScore,
    Section,
    Workbook,
)

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


def _blocks(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "type" in value:
            yield value
        for item in value.values():
            yield from _blocks(item)
    elif isinstance(value, list):
        for item in value:
            yield from _blocks(item)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _of_type(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [block for block in _blocks(data["sections"]) if block["type"] == kind]


def _with_language(workbook: Workbook, lang: Language) -> Workbook:
    return workbook.model_copy(update={"meta": workbook.meta.model_copy(update={"language": lang})})


def test_sections_come_in_reading_order_with_the_review_last(samples: list[Workbook]) -> None:
    reviewed = next(w for w in samples if w.review.comments)
    data = summary_data(reviewed)
    assert [s["id"] for s in data["sections"]] == [
        "case",
        "perspective",
        "barriers",
        "facilitators",
        "plan",
        "reflection",
        "review",
    ]


@pytest.mark.parametrize(
    ("lang", "titles"), [("nb", ["Kasus", "Perspektiv"]), ("en", ["Case", "Perspective"])]
)
def test_labels_and_dates_follow_the_workbook_language(
    samples: list[Workbook], lang: str, titles: list[str]
) -> None:
    workbook = _with_language(samples[3], Language(lang))
    data = summary_data(workbook)
    assert data["lang"] == lang
    assert [s["title"] for s in data["sections"][:2]] == titles
    updated = {row["label"]: row["text"] for row in data["title_block"]["facts"]}
    assert (updated.get("Sist endret") or updated.get("Updated")) == (
        "14. mars 2026" if lang == "nb" else "14 March 2026"
    )


def test_no_label_is_an_untranslated_catalog_key(samples: list[Workbook]) -> None:
    catalog = ui_catalog()
    for workbook in samples:
        for lang in Language:
            data = summary_data(_with_language(workbook, lang))
            leaked = [text for text in _strings(data) if text in catalog]
            assert not leaked


def test_a_new_workbook_shows_every_section_as_not_answered() -> None:
    data = summary_data(Workbook.new(title="Ny", now=NOW))
    assert [s["id"] for s in data["sections"]] == [s.value for s in Section if s.value != "meta"]
    fields = _of_type(data, "field")
    assert fields
    for field in fields:
        content = field.get("prose", field.get("items", field.get("quotes")))
        assert content == [], field["label"]
    assert _of_type(data, "missing")  # barriers, facilitators, goals, activities, attempts
    answers = _of_type(data, "answer")
    assert len(answers) == len(library().prompt_set.prompts)
    assert all(a["prose"] == [] and a["marker"] is None for a in answers)
    assert _of_type(data, "scale")[0]["value"] is None


def test_comments_sit_beside_their_sections_with_replies(samples: list[Workbook]) -> None:
    reviewed = next(w for w in samples if w.meta.title.startswith("Kasus: eldre"))
    data = summary_data(reviewed)
    per_section = {s["id"]: s["comments"] for s in data["sections"]}
    expected: dict[str, int] = {}
    for comment in reviewed.review.comments:
        expected[comment.section.value] = expected.get(comment.section.value, 0) + 1
    assert {k: len(v) for k, v in per_section.items() if v} == expected
    replied = per_section["barriers"][0]
    assert replied["resolved"] is True
    assert [reply["label"] for reply in replied["replies"]] == ["Svar fra studenten, 14. mars 2026"]
    assert replied["header"] == "Praksisveileder, 12. mars 2026"


def test_comments_on_the_workbook_itself_go_with_the_title() -> None:
    workbook = Workbook.new(title="T", now=NOW).model_copy(
        update={
            "review": Review(
                comments=[
                    Comment(
                        comment_id="c1",
                        section=Section.meta,
                        author="V",
                        created=NOW,
                        text="Tittel?",
                    )
                ]
            )
        }
    )
    data = summary_data(workbook)
    assert [c["prose"][0]["text"] for c in data["title_block"]["comments"]] == ["Tittel?"]


def test_review_section_appears_only_when_there_is_a_review(samples: list[Workbook]) -> None:
    plain = Workbook.new(title="T", now=NOW)
    assert "review" not in [s["id"] for s in summary_data(plain)["sections"]]
    scored = plain.model_copy(
        update={
            "review": Review(
                rubric={
                    "course.own": RubricScore(level=2),
                    "reflect.presence": RubricScore(level=4),
                }
            )
        }
    )
    review = summary_data(scored)["sections"][-1]
    assert review["id"] == "review"
    rubric = _of_type(summary_data(scored), "rubric_table")[0]
    assert [row["criterion"] for row in rubric["rows"]] == ["Tilstedeværelse", "course.own"]
    assert [row["level_label"] for row in rubric["rows"]] == [
        "Kritisk refleksjon",
        "Gjennomtenkt handling eller introspeksjon",
    ]


def test_barrier_chart_uses_the_dashboard_numbers(samples: list[Workbook]) -> None:
    for workbook in samples:
        data = summary_data(workbook)
        charts = _of_type(data, "barrier_chart")
        if not workbook.barriers:
            assert not charts
            continue
        points = barrier_points(workbook.barriers, lang=data["lang"])
        assert [(p["number"], p["x"], p["y"]) for p in charts[0]["points"]] == [
            (p.number, p.x, p.y) for p in points
        ]
        assert [p["colour"] for p in charts[0]["points"]] == [
            COM_B_COLOURS[p.com_b] for p in points
        ]
        table = _of_type(data, "factor_table")[0]
        assert [row["number"] for row in table["rows"]] == list(
            range(1, len(workbook.barriers) + 1)
        )


def test_progression_chart_uses_the_dashboard_numbers(samples: list[Workbook]) -> None:
    facts = library().plan
    for workbook in samples:
        chart = _of_type(summary_data(workbook), "progression_chart")[0]
        series = weekly_series(workbook.plan, lang=workbook.meta.language.value)
        stacked = [max((s["y1"] for s in bar["segments"]), default=0) for bar in chart["bars"]]
        assert stacked == list(series.totals)
        assert chart["line"] == ([] if series.is_empty else list(series.moderate_equivalent))
        assert (chart["band"]["low"], chart["band"]["high"]) == (
            facts.who_moderate_min_per_week,
            facts.who_moderate_max_per_week,
        )
        assert chart["y_max"] >= max(series.totals)
        assert chart["ticks"][0] == 0 and len(chart["ticks"]) <= 7


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_daily_walk_at_light_intensity_is_its_own_line_in_print(lang: str) -> None:
    """Light minutes count nothing toward WHO's line, and are training all the same: the
    printed chart, its legend and its table show them apart, as the dashboard does."""
    from physioreflect.model import Intensity, PlannedActivity  # noqa: PLC0415

    workbook = Workbook.new(title="Kasus", language=lang)
    walk = PlannedActivity(
        entry_id="walk",
        name="Tur med hunden",
        intensity=Intensity.light,
        frequency_per_week=7,
        minutes_per_session=15,
        weekly_minutes=[105] * 12,
    )
    workbook.plan.activities = [walk]
    chart = _of_type(summary_data(workbook), "progression_chart")[0]
    assert chart["light"] == [105] * 12
    assert chart["line"] == [0] * 12
    label = ui_catalog()["chart.progression.light"][lang]
    assert {"label": label, "line": True, "dash": True}.items() <= next(
        e for e in chart["legend"] if e["label"] == label
    ).items()
    table = _of_type(summary_data(workbook), "progression_table")[0]
    assert {"label": label, "values": [105] * 12} in table["totals"]
    # Without light minutes, no such line.
    walk.intensity = Intensity.moderate
    chart = _of_type(summary_data(workbook), "progression_chart")[0]
    assert chart["light"] == [] and all(e["label"] != label for e in chart["legend"])


def test_every_chart_has_alt_text_and_a_caption(samples: list[Workbook]) -> None:
    data = summary_data(samples[3])
    for kind in ("barrier_chart", "progression_chart"):
        chart = _of_type(data, kind)[0]
        assert len(chart["alt"]) > 40 and chart["caption"]
    assert "1. Smerte: betydning 4, påvirkbarhet 3" in _of_type(data, "barrier_chart")[0]["alt"]


def _pain_rule_rows(rule: PainRule, lang: Language = Language.nb) -> dict[str, str | None]:
    workbook = _with_language(Workbook.new(title="T", now=NOW), lang)
    workbook = workbook.model_copy(update={"plan": Plan(pain_rule=rule)})
    data = summary_data(workbook)
    group = next(b for b in _of_type(data, "group") if b["title"] in ("Smerteregel", "Pain rule"))
    return {row["label"]: row["text"] for row in group["blocks"][0]["rows"]}


def test_graded_activity_shows_its_baseline_and_step_not_a_pain_limit() -> None:
    """Is the chosen rule shown with its own fields, and a leftover limit left out?"""
    rule = PainRule(
        model=PainRuleModel.graded_activity,
        max_pain_during=5,
        baseline="10 minutes' walking, also on bad days",
        increase_step="+2 minutes a week",
    )
    rows = _pain_rule_rows(rule, Language.en)
    assert rows == {
        "Model": "Graded activity from a baseline",
        "Baseline level": "10 minutes' walking, also on bad days",
        "Increase per step": "+2 minutes a week",
    }
    data = summary_data(
        Workbook.new(title="T", now=NOW).model_copy(update={"plan": Plan(pain_rule=rule)})
    )
    cited = {s["citation"] for s in data["sources"]}
    assert reference_text(library().sources["nielson2013"], "nb") in cited
    assert reference_text(library().sources["thomee1997"], "nb") not in cited


def test_pain_monitoring_model_shows_all_three_rules() -> None:
    rows = _pain_rule_rows(PainRule(max_pain_during=5, week_to_week_rule=True))
    assert rows == {
        "Modell": "Smertemonitoreringsmodellen",
        "Høyeste smerte under aktivitet": "5/10",
        "Neste-morgen-regelen": "Nei",
        "Uke-for-uke-regelen": "Ja",
    }


def test_own_rule_is_its_note() -> None:
    rows = _pain_rule_rows(PainRule(model=PainRuleModel.custom, max_pain_during=3))
    assert rows == {"Modell": "Egen regel"}


def test_learning_judgement_is_shown_beside_the_rubric() -> None:
    """Does the review show transformative/confirmatory and its note, in the language?"""
    workbook = Workbook.new(title="T", now=NOW).model_copy(
        update={
            "review": Review(
                rubric={"reflect.presence": RubricScore(level=3)},
                learning=LearningJudgement.transformative,
                learning_note="Endret syn på hva som teller som trening.",
            )
        }
    )
    review = summary_data(workbook)["sections"][-1]
    kinds = [block["type"] for block in review["blocks"]]
    assert kinds.index("rubric_table") < kinds.index("group")
    group = next(b for b in review["blocks"] if b["type"] == "group")
    assert group["title"] == "Læring"
    assert group["blocks"][0]["rows"] == [
        {"label": "Vurdering av læringen", "text": "Transformerende læring"}
    ]
    assert [p["text"] for p in group["blocks"][1]["prose"]] == [
        "Endret syn på hva som teller som trening."
    ]
    only_judged = workbook.model_copy(update={"review": Review(learning_note="Bekreftende?")})
    assert summary_data(only_judged)["sections"][-1]["id"] == "review"


def test_sources_are_the_frameworks_used(samples: list[Workbook]) -> None:
    sources = library().sources
    empty = summary_data(Workbook.new(title="T", now=NOW))["sources"]
    full = summary_data(next(w for w in samples if w.review.rubric))["sources"]
    full_data = summary_data(next(w for w in samples if w.review.rubric))
    citations = {s.id: reference_text(s, full_data["lang"]) for s in sources.values()}
    empty_citations = {s.id: reference_text(s, "nb") for s in sources.values()}
    for source_id in ("michie2011", "michie2013"):  # COM-B and BCTs: cited when used
        assert empty_citations[source_id] not in [s["citation"] for s in empty], source_id
    for source_id in (
        "michie2011",
        "michie2013",
        "who2020",
        "driscoll",
        "wald2012",
        "stratford1995",
    ):
        assert citations[source_id] in [s["citation"] for s in full], source_id
    assert [s["citation"] for s in full] == sorted(
        (s["citation"] for s in full), key=lambda c: c.lstrip("«“\"'").casefold()
    )
    for source in full:
        # The printed runs are the reference; DOI and URL follow as links.
        assert "".join(p["text"] for p in source["parts"]) in source["citation"]


def test_answers_to_prompts_outside_the_prompt_set_are_kept() -> None:
    workbook = Workbook.new(title="T", now=NOW).model_copy(
        update={"perspective": Perspective(answers={"course.gone": Answer(text="Mitt svar")})}
    )
    answers = _of_type(summary_data(workbook), "answer")
    assert answers[-1]["question"] == "course.gone"
    assert answers[-1]["prose"][0]["text"] == "Mitt svar"
    assert answers[-1]["marker"]["key"] == "none"


def test_a_course_prompt_set_replaces_the_built_in_prompts() -> None:
    own = parse_prompt_set(
        """
id: course
title: {nb: Emnets spørsmål, en: Course prompts}
prompts:
  - id: course.one
    group: context
    text: {nb: Hvordan er hjemmet?, en: What is home like?}
    guidance: {nb: Spør., en: Ask.}
    example: {nb: Et hus., en: A house.}
    sources: [essay]
""".encode(),
        source="course.yaml",
    )
    answers = _of_type(summary_data(Workbook.new(title="T", now=NOW), prompt_set=own), "answer")
    assert [a["question"] for a in answers] == ["Hvordan er hjemmet?"]


def test_data_is_plain_json_and_the_same_every_time(samples: list[Workbook]) -> None:
    for workbook in samples:
        first = json.dumps(print_ready(summary_data(workbook)), sort_keys=True)
        assert first == json.dumps(print_ready(summary_data(workbook)), sort_keys=True)


def test_print_ready_marks_unprintable_text() -> None:
    workbook = Workbook.new(title="中文 title", now=NOW)
    ready = print_ready(summary_data(workbook))
    assert ready["unprintable"] is True
    assert ready["title_block"]["title"] == "\ufffd\ufffd title"
    assert print_ready(summary_data(Workbook.new(title="T", now=NOW)))["unprintable"] is False


def test_an_unanswered_optional_prompt_adds_no_reference() -> None:
    """Is the reference list limited to what the workbook drew on?"""
    empty = Workbook.new(title="T", now=NOW)
    cited = {s["citation"] for s in summary_data(empty)["sources"]}
    law = reference_text(library().sources["pasientrettighetsloven"], "nb")
    assert law not in cited
    answered = empty.model_copy(
        update={
            "perspective": Perspective(
                answers={"context.what_matters": Answer(text="Å gå på ski med barnebarna.")}
            )
        }
    )
    assert law in {s["citation"] for s in summary_data(answered)["sources"]}
