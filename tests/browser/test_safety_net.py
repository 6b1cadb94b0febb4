"""What a user does on today's dashboard, that no other browser test covers.

A safety net for restructuring the dashboard: each test follows one user goal through the
interface and checks what the user sees (texts, values, chart points) and what reaches the
workbook file. The CSS classes ``pr-*`` are the hooks; every wait is on a condition, with the
generous limits a loaded 2-core machine needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from physioreflect.app import STEPS, Step
from physioreflect.content import library, message
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import (
    WEEKS,
    Barrier,
    ComB,
    Language,
    Source,
    Status,
    Theme,
    Workbook,
    completeness,
    new_entry_id,
)
from tests.browser.conftest import Guard, Server, new_page, open_app, saved, screenshot

pytestmark = pytest.mark.browser

WAIT_MS = 30_000
"""How long a condition may take to show on a loaded machine before the test fails."""

SECTION_CSS = {
    Step.start: "pr-start",
    Step.case: "pr-case",
    Step.perspective: "pr-perspective",
    Step.barriers: "pr-barriers",
    Step.plan: "pr-plan",
    Step.reflection: "pr-reflection",
    Step.summary: "pr-summary-view",
}
LANGUAGE_BUTTON = {"nb": "Bokmål", "en": "English"}
CURRENT = re.compile(r"\bpr-current\b")


# ── helpers ───────────────────────────────────────────────────────────────────────────────
def t(key: str, lang: str, **params: Any) -> str:
    return message(key, lang, **params)


def new_workbook(server: Server, title: str, **case: str) -> Workbook:
    """A fresh draft in the server's workspace, as "New workbook" would make it; ``case``
    fills case fields that a test needs but does not exercise."""
    workbook = Workbook.new(title=title, language=Language.en)
    for name, value in case.items():
        setattr(workbook.case, name, value)
    return server.open_workspace().create(workbook)


def open_step(page: Page, server: Server, workbook: Workbook, step: Step, lang: str) -> None:
    open_app(page, server.url + f"?workbook={workbook.meta.id}&step={step.value}&lang={lang}")
    expect_step(page, step)


def expect_step(page: Page, step: Step) -> None:
    expect(page.locator(f".pr-step-{step.value}"), f"the stepper marks {step}").to_have_class(
        CURRENT
    )
    expect(page.locator(f".{SECTION_CSS[step]}"), f"the {step} page is shown").to_be_visible()


def expect_address(page: Page, **params: str) -> None:
    for name, value in params.items():
        pattern = re.compile(rf"[?&]{name}={re.escape(value)}(&|#|$)")
        expect(page, f"the address has {name}={value}").to_have_url(pattern)


def switch_language(page: Page, lang: str) -> None:
    page.locator(".pr-language").get_by_role(
        "button", name=LANGUAGE_BUTTON[lang], exact=True
    ).click()
    expect_address(page, lang=lang)


def labelled(page: Page, css: str, label: str) -> Locator:
    """The widget with class ``css`` whose label reads ``label``: after a re-render this is
    the new widget, never the one it replaced."""
    return page.locator(f".{css}", has=page.locator("label", has_text=label))


def toggle(scope: Locator, css: str, label: str) -> None:
    scope.locator(f".{css}").get_by_role("button", name=label, exact=True).click()


def chart_shows(page: Page, selector: str, extract: str, expected: object, what: str) -> None:
    """Wait until ``extract(plot)`` (JavaScript, run on the plotly div) equals ``expected``."""
    probe = f"sel => {{ const p = document.querySelector(sel); return ({extract})(p); }}"
    try:
        page.wait_for_function(
            f"([sel, want]) => JSON.stringify(({probe})(sel)) === JSON.stringify(want)",
            arg=[selector, expected],
            timeout=WAIT_MS,
        )
    except PlaywrightTimeoutError:
        actual = page.evaluate(probe, selector)
        pytest.fail(f"{what}: expected {expected}, the chart shows {actual}")


BARRIER_POINTS = (
    "p => (p && p.data ? p.data.flatMap(t => t.customdata || [])"
    ".map(c => [c[0], c[1], c[2]]).sort((a, b) => a[0] - b[0]) : null)"
)
"""[number, impact, modifiability] of every point on the barrier chart."""

PLAN_BARS = (
    "p => (p && p.data ? p.data.filter(t => t.type === 'bar')"
    ".map(t => [t.name, Array.from(t.y)]) : null)"
)
"""[activity name, weekly minutes] of every bar series on the progression chart."""


# ── language ──────────────────────────────────────────────────────────────────────────────
def test_switching_language_on_every_step_keeps_what_was_typed(page: Page, server: Server) -> None:
    """On Start and on each step of a workbook, does the other language's text appear, with
    every word typed just before the switch still in its field?"""
    workbook = Workbook.new(title="Case: two languages", language=Language.en)
    workbook.barriers.append(
        Barrier(
            entry_id=new_entry_id(),
            label="Fear of the gym",
            theme=Theme.psychological,
            com_b=ComB.automatic_motivation,
        )
    )
    workbook = server.open_workspace().create(workbook)
    driscoll_what = next(p for p in library().reflection_prompts if p.id == "driscoll.what")

    open_app(page, server.url + "?lang=nb")
    expect(labelled(page, "pr-new-title", t("start.new_title_label", "nb"))).to_be_visible()
    switch_language(page, "en")
    expect(labelled(page, "pr-new-title", t("start.new_title_label", "en"))).to_be_visible()
    expect(page.locator(".pr-section-title")).to_have_text(t("start.title", "en"))
    listing = page.locator(".pr-open-card")
    listing.locator(".pr-search input").fill("two languages")
    expect(listing.locator(".pr-workbook-row")).to_have_count(1)
    listing.locator(".pr-open").click()
    expect_step(page, Step.case)

    # (step, field class, element, label key or text, typed text); the language alternates.
    edits: list[tuple[Step, str, str, Callable[[str], str], str]] = [
        (
            Step.case,
            "pr-likes",
            "textarea",
            lambda lang: t("field.likes_to_do", lang),
            "Walking the dog before work",
        ),
        (
            Step.perspective,
            "pr-answer",
            "textarea",
            lambda lang: t("perspective.answer", lang),
            "She said the gym made her feel watched",
        ),
        (
            Step.barriers,
            "pr-entry-words",
            "textarea",
            lambda lang: t("field.patient_words", lang),
            "«Alle ser på meg der inne»",
        ),
        (
            Step.plan,
            "pr-flare-up",
            "textarea",
            lambda lang: t("field.flare_up_plan", lang),
            "Halve the minutes for two days, then build up again",
        ),
        (
            Step.reflection,
            "pr-reflection-what",
            "textarea",
            lambda lang: driscoll_what.text.get(lang)[:40],
            "I talked more than I listened",
        ),
    ]
    lang = "en"
    for step, css, element, label, text in edits:
        if step is not Step.case:
            page.locator(f".pr-step-{step.value}").click()
            expect_step(page, step)
        before = labelled(page, css, label(lang)).first
        before.locator(element).fill(text)
        lang = "nb" if lang == "en" else "en"
        switch_language(page, lang)
        after = labelled(page, css, label(lang)).first
        expect(after, f"the {step} field is labelled in {lang}").to_be_visible()
        expect(after.locator(element), f"the {step} field after switching to {lang}").to_have_value(
            text
        )
        expect(page.locator(f".pr-step-{step.value}")).to_contain_text(t(f"step.{step}", lang))
        expect(page.locator(".pr-next")).to_have_text(t("app.next", lang))
        expect_step(page, step)

    page.locator(".pr-step-summary").click()
    expect_step(page, Step.summary)
    lang = "nb" if lang == "en" else "en"
    switch_language(page, lang)
    expect(page.locator(".pr-checklist-card")).to_contain_text(t("summary.checklist", lang))
    for _step, _css, _element, _label, text in edits:
        expect(page.locator(".pr-overview")).to_contain_text(text)

    def everything_typed(saved_workbook: Workbook) -> None:
        assert saved_workbook.case.likes_to_do == edits[0][4]
        assert edits[1][4] in [a.text for a in saved_workbook.perspective.answers.values()]
        assert saved_workbook.barriers[0].patient_words == edits[2][4]
        assert saved_workbook.plan.flare_up_plan == edits[3][4]
        assert saved_workbook.reflection.what == edits[4][4]

    saved(server, workbook.meta.id, everything_typed, "every text typed before a language switch")


def test_switching_language_on_start_keeps_a_typed_title(page: Page, server: Server) -> None:
    open_app(page, server.url + "?lang=nb")
    labelled(page, "pr-new-title", t("start.new_title_label", "nb")).locator("input").fill(
        "Kasus: halvveis skrevet"
    )
    switch_language(page, "en")
    field = labelled(page, "pr-new-title", t("start.new_title_label", "en"))
    expect(field).to_be_visible()
    # The new form is drawn: its value is there at once or not at all.
    expect(field.locator("input")).to_have_value("Kasus: halvveis skrevet", timeout=5_000)


# ── navigation and the address ─────────────────────────────────────────────────────────────
def test_stepper_back_and_next_visit_every_step_and_the_address_follows(
    page: Page, server: Server
) -> None:
    """Next walks every step, Back returns, the stepper jumps (it is clicked for every other
    step in the language test); the address names workbook, step and language, and a reload
    comes back to the same place."""
    workbook = new_workbook(server, "Case: walking the stepper")
    workbook_id = str(workbook.meta.id)
    open_step(page, server, workbook, Step.case, "en")
    expect_address(page, workbook=workbook_id, step="case", lang="en")

    for step in STEPS[2:]:
        page.locator(".pr-next").click()
        expect_step(page, step)
        expect_address(page, workbook=workbook_id, step=step.value, lang="en")
    expect(page.locator(".pr-next"), "Next on the last step").to_be_disabled()
    page.locator(".pr-back").click()
    expect_step(page, Step.reflection)
    expect_address(page, workbook=workbook_id, step="reflection", lang="en")

    page.locator(".pr-step-start").click()
    expect_step(page, Step.start)
    expect_address(page, workbook=workbook_id, step="start", lang="en")
    expect(page.locator(".pr-back"), "Back on Start").to_be_disabled()
    expect(page.locator(".pr-workbook-title")).to_have_text(workbook.meta.title)

    page.locator(".pr-step-plan").click()
    expect_step(page, Step.plan)
    switch_language(page, "nb")
    expect_address(page, workbook=workbook_id, step="plan", lang="nb")
    page.reload()
    expect(page.locator(".pr-app")).to_be_visible(timeout=90_000)
    expect_step(page, Step.plan)
    expect(page.locator(".pr-workbook-title")).to_have_text(workbook.meta.title)
    expect(page.locator(".pr-next")).to_have_text(t("app.next", "nb"))
    expect_address(page, workbook=workbook_id, step="plan", lang="nb")


def test_summary_checklist_links_go_to_the_missing_step(page: Page, server: Server) -> None:
    """Does each "still missing" link on the Summary open the step where it is filled in?
    And on Reflection, does the optional Gibbs guidance open to show every stage?"""
    workbook = new_workbook(server, "Case: what is missing")
    lib = library()
    sections = completeness(
        workbook.to_json_dict(), required_prompts=lib.required_prompt_ids(lib.prompt_set)
    )
    prompts = {p.id: p for p in lib.prompt_set.prompts}

    def link_text(section: str) -> str:
        item = next(s for k, s in sections.items() if k.value == section).missing[0]
        if item.id.startswith("prompt:"):
            prompt = prompts[item.id.removeprefix("prompt:")]
            return t("completeness.prompt", "en", prompt=prompt.text.get("en"))[:90]
        return t(f"completeness.{item.id}", "en")[:90]

    open_step(page, server, workbook, Step.summary, "en")
    for section, step in (
        ("case", Step.case),
        ("perspective", Step.perspective),
        ("facilitators", Step.barriers),
        ("plan", Step.plan),
        ("reflection", Step.reflection),
    ):
        link = page.locator(".pr-checklist-card .pr-missing-link", has_text=link_text(section))
        link.first.click()
        expect_step(page, step)
        expect_address(page, step=step.value)
        if step is not Step.reflection:
            page.locator(".pr-step-summary").click()
            expect_step(page, Step.summary)

    # Sent to Reflection, the user may open the optional Gibbs guidance: folded, every stage.
    stages = [p.stage.get("en") for p in lib.reflection_prompts if p.framework == "gibbs"]
    assert stages, "the content library has Gibbs prompts"
    gibbs = page.locator("details.pr-guidance", has_text=t("reflection.gibbs", "en"))
    expect(gibbs.get_by_text(stages[1], exact=True)).to_be_hidden()
    gibbs.locator("summary").click()
    for stage in stages:
        expect(gibbs.get_by_text(stage, exact=True), f"Gibbs stage {stage}").to_be_visible()


# ── Start ─────────────────────────────────────────────────────────────────────────────────
def test_open_by_search_then_continue_where_you_left_off(page: Page, server: Server) -> None:
    """Search the Start list, open the match; a new visit offers to continue it, and does."""
    example = next(w for w in sample_workbooks() if "kneartrose" in w.meta.title)
    open_app(page, server.url + "?lang=en")
    listing = page.locator(".pr-open-card")
    listing.locator(".pr-search input").fill("KNEARTROSE")
    expect(listing.locator(".pr-workbook-row")).to_have_count(1)
    expect(listing.locator(".pr-workbook-row")).to_contain_text(example.meta.title)
    listing.locator(".pr-open").click()
    expect_step(page, Step.case)
    expect(page.locator(".pr-workbook-title")).to_have_text(example.meta.title)
    expect_address(page, workbook=str(example.meta.id), step="case")

    open_app(page, server.url + "?lang=en")
    expect_step(page, Step.start)
    resume = page.locator(".pr-continue")
    expect(resume).to_have_text(t("start.continue", "en", title=example.meta.title[:60]))
    resume.click()
    expect_step(page, Step.case)
    expect(page.locator(".pr-workbook-title")).to_have_text(example.meta.title)
    expect(page.locator(".pr-likes textarea")).to_have_value(example.case.likes_to_do)
    expect_address(page, workbook=str(example.meta.id), step="case", lang="en")


# ── read-only ─────────────────────────────────────────────────────────────────────────────
ENABLED_CONTROLS = """() => [...document.querySelectorAll(
    '.pr-body input, .pr-body textarea, .pr-body select, .pr-body button')]
  .filter(e => !e.disabled && e.offsetParent !== null)
  .filter(e => !e.closest(
    '.pr-download-json, .pr-download-pdf, .pr-pdf-preview, .pr-missing-link, .js-plotly-plot,'
    + ' .pr-handout'))
  .map(e => e.outerHTML.slice(0, 140))"""
"""Controls a user could still change; downloads, the PDF preview, checklist links, the
chart's own zoom and picture buttons and the patient's handout (its language, pages and
download) only read the workbook."""

READ_ONLY_MARKERS = {
    Step.case: [
        ".pr-likes textarea",
        ".pr-duration select",
        ".pr-add-attempt",
        ".pr-remove-attempt",
        ".pr-attempt-what input",
        ".pr-add-quote",
    ],
    Step.perspective: [
        ".pr-answer textarea",
        ".pr-marker button",
        ".pr-conviction button",
        ".pr-conviction-note textarea",
    ],
    Step.barriers: [
        ".pr-entry-label input",
        ".pr-entry-source button",
        ".pr-entry-impact button",
        ".pr-strategy input",
        ".pr-remove-entry",
        ".pr-facilitator .pr-entry-note textarea",
    ],
    Step.plan: [
        ".pr-add-goal",
        ".pr-goal-baseline select",
        ".pr-week-1 input",
        ".pr-fill-weeks",
        ".pr-remove-activity",
        ".pr-side-benefit input",
        ".pr-follow-up input",
    ],
    Step.reflection: [".pr-reflection-what textarea", ".pr-learning-point input", ".pr-add-point"],
}
"""Controls each step shows, that must be there and disabled."""


def test_a_submitted_example_shows_no_editing_controls(page: Page, server: Server) -> None:
    """Every step of a submitted workbook can be read, and nothing on it can be changed."""
    example = next(w for w in sample_workbooks() if w.meta.status is Status.submitted)
    before = server.open_workspace().open(str(example.meta.id)).meta.revision
    open_step(page, server, example, Step.case, "nb")
    notice = t("app.read_only_status", "nb", status=t("status.submitted", "nb"))
    expect(page.locator(".pr-banner")).to_contain_text(notice)
    expect(page.locator(".pr-likes textarea")).to_have_value(example.case.likes_to_do)

    for step in STEPS[1:]:
        if step is not Step.case:
            page.locator(".pr-next").click()
            expect_step(page, step)
        for selector in READ_ONLY_MARKERS.get(step, []):
            expect(page.locator(selector).first, f"{selector} on {step}").to_be_disabled()
        if step is Step.barriers:
            expect(page.locator(".pr-barrier")).to_have_count(len(example.barriers))
            expect(page.locator(".pr-barriers-picker, .pr-facilitators-picker")).to_have_count(0)
            expect(page.locator(".pr-add-barriers-own, .pr-add-facilitators-own")).to_have_count(0)
        if step is Step.plan:
            # Nothing to add to: no activity ideas, as Barriers shows no catalogue.
            expect(page.locator(".pr-activity-idea, .pr-add-activity")).to_have_count(0)
        if step is Step.summary:
            expect(page.locator(".pr-hand-in")).to_contain_text(
                t("summary.submitted_state", "nb", status=t("status.submitted", "nb"))
            )
            expect(page.locator(".pr-overview")).to_contain_text(example.case.likes_to_do)
            expect(page.locator(".pr-submit")).to_have_count(0)
        enabled = page.evaluate(ENABLED_CONTROLS)
        assert enabled == [], f"editable controls on the {step} step of a submitted workbook"
        expect(page.locator(".pr-banner")).to_contain_text(notice)
    screenshot(page, "safety-read-only-summary")
    after = server.open_workspace().open(str(example.meta.id)).meta.revision
    assert after == before, "reading a submitted workbook saved it"


# ── Case ──────────────────────────────────────────────────────────────────────────────────
def test_previous_attempts_are_added_and_removed(page: Page, server: Server) -> None:
    workbook = new_workbook(server, "Case: what she tried")
    open_step(page, server, workbook, Step.case, "en")
    attempts = page.locator(".pr-attempt")
    page.locator(".pr-add-attempt").click()
    expect(attempts).to_have_count(1)
    attempts.nth(0).locator(".pr-attempt-what input").fill("Gym membership")
    attempts.nth(0).locator(".pr-attempt-why textarea").fill("Felt watched")
    page.locator(".pr-add-attempt").click()
    expect(attempts).to_have_count(2)
    expect(attempts.nth(1)).to_contain_text(t("case.attempt_number", "en", number=2))
    attempts.nth(1).locator(".pr-attempt-what input").fill("Swimming")
    expect(attempts.nth(0).locator(".pr-attempt-what input")).to_have_value("Gym membership")

    attempts.nth(0).locator(".pr-remove-attempt").click()
    expect(attempts).to_have_count(1)
    expect(attempts.nth(0).locator(".pr-attempt-what input")).to_have_value("Swimming")
    expect(attempts.nth(0).locator(".pr-attempt-why textarea")).to_have_value("")
    expect(attempts.nth(0)).to_contain_text(t("case.attempt_number", "en", number=1))

    def only_swimming(saved_workbook: Workbook) -> None:
        assert [a.what for a in saved_workbook.case.previous_attempts] == ["Swimming"]

    saved(server, workbook.meta.id, only_swimming, "the remaining attempt")


# ── Barriers ──────────────────────────────────────────────────────────────────────────────
def test_barriers_found_in_the_catalogue_added_rated_and_removed(
    page: Page, server: Server
) -> None:
    """Theme, COM-B and search narrow the catalogue; a barrier chosen from it shows its
    description and is added, with one of the user's own; neither says yet whether the
    patient told it or it was assumed; both rated, a strategy chosen for one and a technique
    from the taxonomy for the other, one removed; a facilitator of their own, rated on its own
    scale. The chart has a point for each barrier rated on both scales, numbered by its place
    in the list."""
    catalogue = library().barriers
    pain = library().factors["pain"]
    strategy = pain.strategies[0]

    def labels(theme: str = "", com_b: str = "", words: str = "") -> list[str]:
        return [
            f.label.get("en")
            for f in catalogue
            if (not theme or f.theme.value == theme)
            and (not com_b or f.com_b.value == com_b)
            and all(
                w in (f.label.get("en") + " " + f.description.get("en")).casefold()
                for w in words.casefold().split()
            )
        ][:40]

    workbook = new_workbook(server, "Case: barriers to rate")
    open_step(page, server, workbook, Step.barriers, "en")
    picker = page.locator(".pr-barriers-picker")
    options = picker.locator(".pr-catalogue select option")
    expect(options).to_have_text(labels())
    picker.locator(".pr-filter-theme select").select_option(label=t("theme.physical", "en"))
    expect(options).to_have_text(labels(theme="physical"))
    picker.locator(".pr-filter-com-b select").select_option(
        label=t("com_b.physical_capability", "en")
    )
    narrowed = labels(theme="physical", com_b="physical_capability")
    assert pain.label.get("en") in narrowed
    assert len(narrowed) < len(labels(theme="physical"))
    expect(options).to_have_text(narrowed)

    barriers = page.locator(".pr-barrier-list .pr-barrier")
    picker.locator(".pr-catalogue select").select_option(label=pain.label.get("en"))
    expect(picker.locator(".pr-catalogue-description")).to_have_text(pain.description.get("en"))
    page.locator(".pr-add-barriers-catalogue").click()
    expect(barriers).to_have_count(1)
    expect(barriers.nth(0).locator(".pr-card-title")).to_have_text(f"1. {pain.label.get('en')}")

    picker.locator(".pr-filter-search input").fill("sleep")
    searched = labels(theme="physical", com_b="physical_capability", words="sleep")
    assert 0 < len(searched) < len(narrowed)
    expect(options).to_have_text(searched)
    picker.locator(".pr-filter-search input").fill("qqqq no such barrier")
    expect(options).to_have_count(0)

    page.locator(".pr-add-barriers-own").click()
    expect(barriers).to_have_count(2)
    own = t("barriers.own_label", "en")
    expect(barriers.nth(1).locator(".pr-card-title")).to_have_text(f"2. {own}")
    expect(barriers.nth(1).locator(".pr-strategy"), "own barrier strategies").to_have_count(0)
    expect(barriers.nth(0).locator(".pr-technique"), "catalogue barrier techniques").to_have_count(
        0
    )
    unset = page.locator(".pr-barrier .pr-entry-source button.mod-active")
    expect(unset, "a new barrier's source is not chosen for the author").to_have_count(0)
    toggle(barriers.nth(1), "pr-entry-source", t("source.therapist_inferred", "en"))
    expect(barriers.nth(1).locator(".pr-entry-source button.mod-active")).to_have_text(
        t("marker.my_assumption", "en")
    )

    toggle(barriers.nth(0), "pr-entry-impact", "4")
    toggle(barriers.nth(0), "pr-entry-modifiability", "2")
    toggle(barriers.nth(1), "pr-entry-impact", "3")  # rated on one scale only: no point yet
    chart = ".pr-barrier-chart .js-plotly-plot"
    chart_shows(page, chart, BARRIER_POINTS, [[1, 4, 2]], "one barrier rated on both scales")

    strategies = barriers.nth(0).locator(".pr-strategy")
    expect(strategies).to_have_count(len(pain.strategies))
    box = strategies.filter(has_text=strategy.text.get("en")[:40])
    box.locator("input").check()
    expect(box.locator("input")).to_be_checked()
    saved(
        server,
        workbook.meta.id,
        lambda w: _equal([b.strategies for b in w.barriers], [[strategy.id], []]),
        "the chosen strategy",
    )
    barriers.nth(1).locator(".pr-entry-label input").fill("Dark evenings")
    toggle(barriers.nth(1), "pr-entry-modifiability", "5")
    barriers.nth(1).locator(".pr-technique-search input").fill("12.1")
    technique = barriers.nth(1).locator(".pr-technique")
    expect(technique, "the technique searched for, alone").to_have_count(1)
    technique.locator("input").check()
    chart_shows(page, chart, BARRIER_POINTS, [[1, 4, 2], [2, 3, 5]], "both barriers rated")

    barriers.nth(0).locator(".pr-remove-entry").click()
    expect(barriers).to_have_count(1)
    expect(barriers.nth(0).locator(".pr-card-title")).to_have_text("1. Dark evenings")
    expect(barriers.nth(0).locator(".pr-entry-label input")).to_have_value("Dark evenings")
    chart_shows(page, chart, BARRIER_POINTS, [[1, 3, 5]], "after removing the first barrier")

    facilitators = page.locator(".pr-facilitator-list .pr-facilitator")
    page.locator(".pr-add-facilitators-own").click()
    expect(facilitators).to_have_count(1)
    expect(facilitators.nth(0).locator(".pr-card-title")).to_have_text(
        f"1. {t('facilitators.own_label', 'en')}"
    )
    facilitators.nth(0).locator(".pr-entry-label input").fill("Her sister walks every day")
    expect(facilitators.nth(0).locator(".pr-entry-source button.mod-active")).to_have_count(0)
    expect(facilitators.nth(0).locator(".pr-entry-modifiability")).to_have_count(0)
    expect(facilitators.nth(0).locator(".pr-entry-build-on label")).to_have_text(
        t("facilitators.build_on_label", "en")
    )
    toggle(facilitators.nth(0), "pr-entry-build-on", "5")
    screenshot(page, "safety-barriers")

    def as_entered(saved_workbook: Workbook) -> None:
        entries = [
            (b.label, b.catalogue_id, b.source, b.impact, b.modifiability, b.techniques)
            for b in saved_workbook.barriers
        ]
        assert entries == [("Dark evenings", None, Source.therapist_inferred, 3, 5, ["12.1"])]
        assert [(f.label, f.source, f.build_on) for f in saved_workbook.facilitators] == [
            ("Her sister walks every day", None, 5)
        ]

    saved(server, workbook.meta.id, as_entered, "barriers and facilitators")


# ── Plan ──────────────────────────────────────────────────────────────────────────────────
def test_plan_goals_activities_and_weekly_minutes(page: Page, server: Server) -> None:
    """A PSFS goal from what the patient wants (a target below the baseline is refused on its
    field), an activity from the ideas and one of the user's own, weekly minutes typed and
    filled from the prescription; the chart follows."""
    workbook = new_workbook(
        server,
        "Case: a plan to follow",
        likes_to_do="Walking the dog",
        wants_to_achieve="To walk in the forest again\nTo sleep better",
    )
    lib = library()
    idea = next(a for a in lib.activities if a.id == "daily_walk_15")
    open_step(page, server, workbook, Step.plan, "en")
    expect(page.locator(".pr-activities .pr-quote")).to_have_text("Walking the dog")

    page.locator(".pr-add-goal").click()
    goal = page.locator(".pr-goal")
    expect(goal).to_have_count(1)
    expect(goal.locator(".pr-goal-activity input")).to_have_value("To walk in the forest again")
    goal.locator(".pr-goal-baseline select").select_option(label="7")
    goal.locator(".pr-goal-target select").select_option(label="3")
    refused = goal.locator(".pr-goal-target-box .pr-field-error")
    expect(refused).to_contain_text(t("validation.target_below_baseline", "en"))
    # The baseline was accepted: no message under it (the line exists only to say something).
    expect(goal.locator(".pr-goal-baseline-box .pr-field-error:not(:empty)")).to_have_count(0)
    goal.locator(".pr-goal-target select").select_option(label="9")
    expect(refused).to_have_text("")

    page.locator(".pr-activity-idea select").select_option(label=idea.label.get("en"))
    page.locator(".pr-add-activity").click()
    activities = page.locator(".pr-activity")
    expect(activities).to_have_count(1)
    expect(activities.nth(0).locator(".pr-card-title")).to_have_text(f"1. {idea.label.get('en')}")
    page.locator(".pr-activity-idea select").select_option(label=t("plan.own_activity", "en"))
    page.locator(".pr-add-activity").click()
    expect(activities).to_have_count(2)
    own = t("plan.own_activity_name", "en")
    expect(activities.nth(1).locator(".pr-card-title")).to_have_text(f"2. {own}")

    week_1 = activities.nth(1).locator(".pr-week-1 input")
    week_1.fill("30")
    week_1.press("Tab")
    first = activities.nth(0)
    first.locator(".pr-frequency select").select_option(label="5")
    first.locator(".pr-minutes select").select_option(label="20")
    first.locator(".pr-fill-weeks").click()
    filled = [round(100 * (1 + 0.1 * week)) for week in range(WEEKS)]
    expect(first.locator(".pr-week-1 input")).to_have_value(str(filled[0]))
    expect(first.locator(f".pr-week-{WEEKS} input")).to_have_value(str(filled[-1]))
    expect(activities.nth(1).locator(".pr-week-1 input")).to_have_value("30")
    own_weeks = [30] + [0] * (WEEKS - 1)
    chart_shows(
        page,
        ".pr-progression-chart .js-plotly-plot",
        PLAN_BARS,
        [[idea.label.get("en"), filled], [own, own_weeks]],
        "the plan chart after filling the weeks",
    )
    screenshot(page, "safety-plan")

    def as_planned(saved_workbook: Workbook) -> None:
        plan = saved_workbook.plan
        assert [(g.activity, g.baseline, g.target) for g in plan.goals] == [
            ("To walk in the forest again", 7, 9)
        ]
        assert [
            (a.name, a.idea_id, a.intensity, a.frequency_per_week, a.minutes_per_session)
            for a in plan.activities
        ] == [
            (idea.label.get("en"), idea.id, idea.typical_intensity, 5, 20),
            (own, None, None, None, None),
        ]
        assert [list(a.weekly_minutes) for a in plan.activities] == [filled, own_weeks]

    saved(server, workbook.meta.id, as_planned, "the plan")


# ── two tabs ──────────────────────────────────────────────────────────────────────────────
def test_conflict_reload_shows_the_other_tab_and_keeps_a_copy(
    page: Page, server: Server, context: tuple[BrowserContext, Guard]
) -> None:
    """Two tabs edit one workbook; the second chooses to reload the saved version: it shows
    the first tab's words, its own are kept in a conflict copy, and it can go on editing."""
    title = "Case: two tabs, reload"
    workbook = new_workbook(server, title)
    url = server.url + f"?workbook={workbook.meta.id}&step=case&lang=en"
    open_app(page, url)
    expect_step(page, Step.case)
    browser_context, guard = context
    second = new_page(browser_context, guard)
    open_app(second, url)
    expect_step(second, Step.case)

    page.locator(".pr-likes textarea").fill("Typed in the first tab")
    saved(
        server,
        workbook.meta.id,
        lambda w: _equal(w.case.likes_to_do, "Typed in the first tab"),
        "the first tab's text",
    )
    second.locator(".pr-likes textarea").fill("Typed in the second tab")
    expect(second.locator(".pr-conflict-banner")).to_be_visible()
    second.locator(".pr-conflict-reload").click()
    expect(second.locator(".pr-conflict-banner")).to_have_count(0)
    expect(second.locator(".pr-likes textarea")).to_have_value("Typed in the first tab")

    copies = [
        s
        for s in server.open_workspace().list_workbooks()
        if s.title.startswith(f"{title} (conflict copy")
    ]
    assert len(copies) == 1, [s.title for s in server.open_workspace().list_workbooks()]
    kept = server.open_workspace().open(copies[0].id)
    assert kept.case.likes_to_do == "Typed in the second tab"

    second.locator(".pr-wants textarea").fill("Written after the reload")
    saved(
        server,
        workbook.meta.id,
        lambda w: _equal(
            (w.case.likes_to_do, w.case.wants_to_achieve),
            ("Typed in the first tab", "Written after the reload"),
        ),
        "an edit after choosing the saved version",
    )


def _equal(actual: object, expected: object) -> None:
    assert actual == expected, f"{actual!r} != {expected!r}"


def test_switching_back_to_a_language_shows_the_step_with_a_live_chart(
    page: Page, server: Server
) -> None:
    """After bokmål → English → bokmål on Barriers, is the chart drawn again (with its
    points, not a still picture), and is a barrier renamed in English shown as renamed?"""
    workbook = new_workbook(server, "Case: back and forth")
    open_step(page, server, workbook, Step.barriers, "nb")
    page.locator(".pr-add-barriers-own").click()
    toggle(page.locator(".pr-barrier").first, "pr-entry-impact", "4")
    toggle(page.locator(".pr-barrier").first, "pr-entry-modifiability", "2")
    chart_shows(page, ".pr-barrier-chart .js-plotly-plot", BARRIER_POINTS, [[1, 4, 2]], "nb")
    switch_language(page, "en")
    expect(page.locator(".pr-step-barriers")).to_contain_text("Barriers")
    page.locator(".pr-barrier .pr-entry-label input").fill("Afraid of slipping")
    saved(
        server,
        workbook.meta.id,
        lambda w: _equal([b.label for b in w.barriers], ["Afraid of slipping"]),
        "the renamed barrier",
    )
    switch_language(page, "nb")
    expect(page.locator(".pr-step-barriers")).to_contain_text("Barrierer")
    expect(page.locator(".pr-barrier .pr-entry-label input")).to_have_value("Afraid of slipping")
    chart_shows(page, ".pr-barrier-chart .js-plotly-plot", BARRIER_POINTS, [[1, 4, 2]], "nb again")
    # Nothing changed since English was shown: its view comes back, with a live chart.
    switch_language(page, "en")
    expect(page.locator(".pr-step-barriers")).to_contain_text("Barriers")
    chart_shows(page, ".pr-barrier-chart .js-plotly-plot", BARRIER_POINTS, [[1, 4, 2]], "en again")


# ── Charts on a step opened by its link ──────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("step", "chart", "empty_note"),
    [
        (Step.barriers, ".pr-barrier-chart", "chart.barriers.empty"),
        (Step.plan, ".pr-progression-chart", "chart.progression.empty"),
    ],
)
def test_a_step_opened_by_its_link_draws_its_chart(
    page: Page, server: Server, step: Step, chart: str, empty_note: str
) -> None:
    """A link straight to a step builds it after the page's cell has finished: its chart is
    drawn all the same (empty, it says what will show), and once drawn it is live — hover
    and zoom — not the Output's first drawing."""
    workbook = new_workbook(server, f"Case: {step.value} by its link")
    open_step(page, server, workbook, step, "nb")
    plot = page.locator(f"{chart} .pr-chart-plot.js-plotly-plot")
    expect(plot).to_be_visible(timeout=WAIT_MS)
    expect(plot).to_contain_text(t(empty_note, "nb"))
    expect(page.locator(f"{chart} .pr-chart-output")).to_be_hidden()


# ── A step opens at its top ───────────────────────────────────────────────────────────────
def test_a_step_opens_at_its_top_with_its_heading_focused(page: Page, server: Server) -> None:
    """ "Next" at the foot of a long step opens the next one at its top, not part-way down,
    and its heading takes the focus (keyboard and screen-reader users start there)."""
    workbook = new_workbook(server, "Case: from the foot of the page")
    open_step(page, server, workbook, Step.case, "en")
    forward = page.locator(".pr-next")
    forward.scroll_into_view_if_needed()  # the foot of the Case step: the page is scrolled
    assert page.locator(".pr-section-title[data-step='case']").evaluate(
        "e => e.getBoundingClientRect().bottom < 0"
    ), "the Case step's heading is scrolled out of view"
    forward.click()
    expect_step(page, Step.perspective)
    page.wait_for_function(
        "() => document.activeElement?.dataset?.step === 'perspective'", timeout=WAIT_MS
    )
    top = page.locator(".pr-section-title[data-step='perspective']").evaluate(
        "e => e.getBoundingClientRect().top"
    )
    assert 0 <= top < page.viewport_size["height"] / 2, f"the heading is at {top} px"


def test_the_page_is_in_the_interface_language(page: Page, server: Server) -> None:
    """``<html lang>`` follows the interface language, from the page's first byte and when
    the language is switched, so a screen reader reads bokmål as bokmål."""
    open_app(page, server.url + "?lang=nb")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    page.locator(".pr-language").get_by_role("button", name="English", exact=True).click()
    expect(page.locator(".pr-section-title")).to_have_text(t("start.title", "en"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_checklist_link_lands_on_the_missing_field(page: Page, server: Server) -> None:
    """The Summary lists what is missing; its link opens the step with the field focused, so
    the student can type at once."""
    workbook = new_workbook(server, "Case: what is missing")
    open_step(page, server, workbook, Step.summary, "en")
    page.locator(".pr-missing-link").filter(
        has_text=t("completeness.case.likes_to_do", "en")
    ).first.click()
    expect_step(page, Step.case)
    likes = page.locator(".pr-likes textarea")
    expect(likes).to_be_focused(timeout=WAIT_MS)
    page.keyboard.type("Swimming")
    expect(likes).to_have_value("Swimming")
