"""A new user, in a real browser, from Start to Summary — and what must never go wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from physioreflect.content import message
from physioreflect.model import Source, Status, parse_workbook
from tests.browser.conftest import Server, examples, new_page, open_app, saved, screenshot

pytestmark = pytest.mark.browser


def field(page: Page, css: str) -> Locator:
    return page.locator(f".{css} textarea, .{css} input[type=text]").first


def type_into(page: Page, css: str, text: str) -> None:
    field(page, css).fill(text)


def choose(page: Page, css: str, label: str) -> None:
    page.locator(f".{css} select").first.select_option(label=label)


def toggle(scope: Locator | Page, css: str, label: str) -> None:
    scope.locator(f".{css}").first.get_by_role("button", name=label, exact=True).click()


def wait_saved(page: Page) -> None:
    expect(page.locator(".pr-save-status")).to_have_class(re.compile(r"\bpr-saved\b"))


def go(page: Page, step: str, lang: str) -> None:
    page.locator(f".pr-step-{step}").click()
    expect(page.locator(f".pr-step-{step}")).to_have_class(re.compile(r"\bpr-current\b"))
    del lang


TEXT = {
    "nb": {
        "title": "Kasus: lærer med langvarige nakkesmerter",
        "history": "Gikk mye på tur før, nesten ingenting det siste året.",
        "likes": "Å gå tur i skogen med hunden",
        "wants": "Å orke en hel arbeidsdag og en kveldstur",
        "answer": "Hun sa at det alltid blir verre etterpå, og at hun da gir opp.",
        "reflection": "Jeg merket at jeg ville gi øvelser før jeg hadde forstått henne.",
        "done": "Alt som kreves, er fylt ut.",
        "attempt": "Treningssenter",
    },
    "en": {
        "title": "Case: teacher with persistent neck pain",
        "history": "Used to walk a lot; almost nothing in the last year.",
        "likes": "Walking in the forest with the dog",
        "wants": "To manage a full working day and an evening walk",
        "answer": "She said it always gets worse afterwards, and then she gives up.",
        "reflection": "I noticed I wanted to hand out exercises before I understood her.",
        "done": "Everything required is filled in.",
        "attempt": "Gym",
    },
}


def complete_a_workbook(page: Page, server: Server, lang: str, shots: str) -> str:
    """Fill in every required part through the interface; return the workbook's id."""
    text = TEXT[lang]
    t = lambda key, **p: message(key, lang, **p)  # noqa: E731 - a short alias in a test

    open_app(page, server.url + f"?lang={lang}")
    expect(page.locator(".pr-start")).to_be_visible()
    screenshot(page, f"{shots}-1-start")
    type_into(page, "pr-new-title", text["title"])
    choose(page, "pr-new-condition", t("condition.neck_pain"))
    page.locator(".pr-create").click()

    expect(page.locator(".pr-case")).to_be_visible()
    type_into(page, "pr-case-label", "Pasient X" if lang == "nb" else "Patient X")
    choose(page, "pr-duration", t("duration.years_1_to_5"))
    choose(page, "pr-age-band", t("age_band.40-49"))
    type_into(page, "pr-activity-history", text["history"])
    type_into(page, "pr-likes", text["likes"])
    type_into(page, "pr-wants", text["wants"])
    page.locator(".pr-add-attempt").click()
    type_into(page, "pr-attempt-what", text["attempt"])
    wait_saved(page)
    screenshot(page, f"{shots}-2-case")
    expect(page.locator(".pr-step-case")).to_have_class(re.compile(r"\bpr-complete\b"))

    page.locator(".pr-next").click()
    expect(page.locator(".pr-perspective")).to_be_visible()
    prompts = page.locator(".pr-prompt")
    for index in range(prompts.count()):
        card = prompts.nth(index)
        card.locator(".pr-answer textarea").fill(f"{text['answer']} ({index + 1})")
        toggle(card, "pr-marker", t("marker.patient_said"))
    toggle(page, "pr-conviction", "6")
    wait_saved(page)
    screenshot(page, f"{shots}-3-perspective")

    page.locator(".pr-next").click()
    expect(page.locator(".pr-barriers")).to_be_visible()
    picker = page.locator(".pr-barriers-picker")
    picker.locator(".pr-filter-search input").fill(t("step.barriers") and "")
    picker.locator(".pr-catalogue select").select_option(index=0)
    # As a person does: the choice's description is shown (the kernel has it), then "add".
    expect(picker.locator(".pr-catalogue-description p")).to_be_visible()
    page.locator(".pr-add-barriers-catalogue").click()
    barrier = page.locator(".pr-barrier").first
    expect(barrier).to_be_visible()
    # Told or assumed is for the author to say: nothing is chosen for them.
    expect(barrier.locator(".pr-entry-source button")).to_have_count(2)
    expect(barrier.locator(".pr-entry-source button.mod-active")).to_have_count(0)
    toggle(barrier, "pr-entry-source", t("source.patient_reported"))
    toggle(barrier, "pr-entry-impact", "5")
    toggle(barrier, "pr-entry-modifiability", "4")
    barrier.locator(".pr-strategy input").first.check()
    facilitators = page.locator(".pr-facilitators-picker")
    facilitators.locator(".pr-catalogue select").select_option(index=0)
    expect(facilitators.locator(".pr-catalogue-description p")).to_be_visible()
    page.locator(".pr-add-facilitators-catalogue").click()
    facilitator = page.locator(".pr-facilitator").first
    expect(facilitator).to_be_visible()
    expect(facilitator.locator(".pr-entry-source button.mod-active")).to_have_count(0)
    toggle(facilitator, "pr-entry-source", t("source.therapist_inferred"))
    expect(facilitator.locator(".pr-entry-modifiability")).to_have_count(0)
    toggle(facilitator, "pr-entry-build-on", "4")
    expect(page.locator(".pr-barrier-chart .js-plotly-plot")).to_be_visible()
    wait_saved(page)
    screenshot(page, f"{shots}-4-barriers")

    page.locator(".pr-next").click()
    expect(page.locator(".pr-plan")).to_be_visible()
    page.locator(".pr-add-goal").click()
    choose(page, "pr-goal-baseline", "3")
    choose(page, "pr-goal-target", "7")
    page.locator(".pr-add-activity").click()
    activity = page.locator(".pr-activity").first
    expect(activity).to_be_visible()
    choose(page, "pr-frequency", "7")
    choose(page, "pr-minutes", "15")
    toggle(activity, "pr-intensity", t("intensity.moderate"))
    page.locator(".pr-fill-weeks").click()
    expect(page.locator(".pr-week-1 input")).to_have_value("105")
    choose(page, "pr-max-pain", "5/10")
    page.locator(".pr-next-morning input").check()
    type_into(page, "pr-flare-up", text["answer"])
    type_into(page, "pr-expectations", text["reflection"])
    page.locator(".pr-side-benefit input").first.check()
    page.locator(".pr-follow-up input").fill("2026-12-15")
    page.locator(".pr-follow-up input").press("Tab")
    expect(page.locator(".pr-progression-chart .js-plotly-plot")).to_be_visible()
    wait_saved(page)
    screenshot(page, f"{shots}-5-plan")

    page.locator(".pr-next").click()
    expect(page.locator(".pr-reflection")).to_be_visible()
    for css in ("pr-reflection-what", "pr-reflection-so-what", "pr-reflection-now-what"):
        type_into(page, css, text["reflection"])
    wait_saved(page)
    screenshot(page, f"{shots}-6-reflection")

    page.locator(".pr-next").click()
    expect(page.locator(".pr-summary-view")).to_be_visible()
    expect(page.locator(".pr-checklist-card")).to_contain_text(text["done"])
    expect(page.locator(".pr-overview")).to_contain_text(text["likes"])
    screenshot(page, f"{shots}-7-summary")
    match = re.search(r"workbook=([0-9a-f-]{36})", page.url)
    assert match, page.url
    return match.group(1)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_new_user_completes_a_workbook(
    page: Page, server: Server, lang: str, tmp_path: Path
) -> None:
    workbook_id = complete_a_workbook(page, server, lang, shots=f"flow-{lang}")
    saved = server.open_workspace().open(workbook_id)
    assert saved.meta.language.value == lang
    assert saved.case.likes_to_do == TEXT[lang]["likes"]
    assert saved.plan.activities[0].weekly_minutes[0] == 105
    assert [b.source for b in saved.barriers] == [Source.patient_reported]
    assert [(f.source, f.build_on) for f in saved.facilitators] == [(Source.therapist_inferred, 4)]

    with page.expect_download() as download_info:
        page.locator(".pr-download-json").click()
    download = download_info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.suffix == ".json"
    downloaded = parse_workbook(path.read_bytes())
    assert downloaded.meta.id == saved.meta.id
    assert downloaded.reflection.what == TEXT[lang]["reflection"]

    page.locator(".pr-submit").click()
    page.locator(".pr-submit-confirm").click()
    expect(page.locator(".pr-banner")).to_contain_text(message("summary.submitted", lang))
    assert server.open_workspace().open(workbook_id).meta.status is Status.submitted
    go(page, "case", lang)
    expect(page.locator(".pr-likes textarea")).to_be_disabled()


def test_reload_mid_flow_returns_to_the_same_place(page: Page, server: Server) -> None:
    open_app(page, server.url + "?lang=en")
    type_into(page, "pr-new-title", "Case: reload me")
    page.locator(".pr-create").click()
    expect(page.locator(".pr-case")).to_be_visible()
    type_into(page, "pr-likes", "Swimming on Sundays")
    page.locator(".pr-next").click()
    expect(page.locator(".pr-perspective")).to_be_visible()
    page.wait_for_url(re.compile(r"step=perspective"))
    page.locator(".pr-prompt .pr-answer textarea").first.fill("Written just before reload")
    # No waiting for the autosave: a new page waits for the old one's pending edits.
    page.reload()
    expect(page.locator(".pr-perspective")).to_be_visible(timeout=90_000)
    expect(page.locator(".pr-prompt .pr-answer textarea").first).to_have_value(
        "Written just before reload"
    )
    go(page, "case", "en")
    expect(page.locator(".pr-likes textarea")).to_have_value("Swimming on Sundays")


def test_the_start_page_lists_the_examples_and_continues(page: Page, server: Server) -> None:
    open_app(page, server.url + "?lang=nb")
    listing = page.locator(".pr-open-card")
    for title in examples():
        expect(listing).to_contain_text(title)
    listing.locator(".pr-search input").fill("fibromyalgi")
    expect(listing.locator(".pr-workbook-row")).to_have_count(1)
    listing.locator(".pr-open").first.click()
    expect(page.locator(".pr-case")).to_be_visible()
    open_app(page, server.url + "?lang=nb")
    expect(page.locator(".pr-continue")).to_contain_text("fibromyalgi")


def test_invalid_upload_shows_a_message_and_writes_nothing(
    page: Page, server: Server, tmp_path: Path
) -> None:
    before = sorted(p.name for p in server.workspace.glob("*.json"))
    bad = tmp_path / "not-a-workbook.json"
    bad.write_text(
        json.dumps({"meta": {"schema_version": 1, "title": "<b>x</b>"}}), encoding="utf-8"
    )
    open_app(page, server.url + "?lang=en")
    with page.expect_file_chooser() as chooser:
        page.locator(".pr-upload").click()
    chooser.value.set_files(str(bad))
    result = page.locator(".pr-upload-result")
    expect(result).to_contain_text("could not be opened as a workbook")
    expect(result).to_contain_text("not-a-workbook.json")
    assert sorted(p.name for p in server.workspace.glob("*.json")) == before


def test_two_tabs_on_one_workbook_conflict_without_losing_anything(
    page: Page, server: Server, context: tuple[object, object]
) -> None:
    open_app(page, server.url + "?lang=en")
    type_into(page, "pr-new-title", "Case: two tabs")
    page.locator(".pr-create").click()
    expect(page.locator(".pr-case")).to_be_visible()
    wait_saved(page)
    url = page.url
    browser_context, guard = context
    second = new_page(browser_context, guard)  # type: ignore[arg-type]
    open_app(second, url)
    expect(second.locator(".pr-case")).to_be_visible()
    type_into(page, "pr-likes", "Typed in the first tab")
    # On disk before the second tab types (the status already said "saved" before it).
    workbook_id = re.search(r"workbook=([0-9a-f-]+)", url)
    assert workbook_id is not None
    saved(
        server,
        workbook_id.group(1),
        lambda wb: wb.case.likes_to_do == "Typed in the first tab",
        "the first tab's text",
    )
    type_into(second, "pr-likes", "Typed in the second tab")
    conflict = second.locator(".pr-conflict-banner")
    expect(conflict).to_be_visible()
    screenshot(second, "conflict")
    second.locator(".pr-conflict-keep").click()
    expect(second.locator(".pr-likes textarea")).to_have_value("Typed in the second tab")
    titles = [s.title for s in server.open_workspace().list_workbooks()]
    assert "Case: two tabs" in titles
    assert any(title.startswith("Case: two tabs (conflict copy") for title in titles)


def test_rating_a_barrier_moves_its_point(page: Page, server: Server) -> None:
    open_app(page, server.url + "?lang=en")
    type_into(page, "pr-new-title", "Case: chart")
    page.locator(".pr-create").click()
    go(page, "barriers", "en")
    page.locator(".pr-add-barriers-own").click()
    barrier = page.locator(".pr-barrier").first
    toggle(barrier, "pr-entry-impact", "5")
    toggle(barrier, "pr-entry-modifiability", "2")
    plot = page.locator(".pr-barrier-chart .js-plotly-plot")
    expect(plot).to_be_visible()
    points = (
        "e => (e && e.data ? e.data.flatMap(t => (t.x || []).map((x, i) => [x, t.y[i]])) : null)"
    )
    page.wait_for_function(
        f"() => JSON.stringify(({points})(document.querySelector("
        "'.pr-barrier-chart .js-plotly-plot'))) === '[[2,5]]'"
    )
    toggle(barrier, "pr-entry-modifiability", "4")
    page.wait_for_function(
        f"() => JSON.stringify(({points})(document.querySelector("
        "'.pr-barrier-chart .js-plotly-plot'))) === '[[4,5]]'"
    )
    screenshot(page, "barrier-chart")


def test_an_own_barrier_chooses_techniques_from_the_taxonomy(page: Page, server: Server) -> None:
    """Searched by number and by word, checked, named under the list and saved; the Summary
    shows them as the PDF prints them."""
    open_app(page, server.url + "?lang=en")
    type_into(page, "pr-new-title", "Case: techniques")
    page.locator(".pr-create").click()
    go(page, "barriers", "en")
    page.locator(".pr-add-barriers-own").click()
    barrier = page.locator(".pr-barrier").first
    techniques = barrier.locator(".pr-technique")
    expect(techniques.first).to_have_text("BCT 1.1 Goal setting (behavior)")
    search = barrier.locator(".pr-technique-search input")
    search.fill("8.7")
    expect(techniques).to_have_count(1)
    techniques.first.locator("input").check()
    search.fill("problem")
    expect(techniques).to_have_text(["BCT 1.2 Problem solving"])
    techniques.first.locator("input").check()
    search.fill("wand")
    expect(techniques).to_have_count(0)
    expect(barrier.locator(".pr-technique-none")).to_contain_text("No technique matches")
    expect(barrier.locator(".pr-techniques-chosen")).to_have_text(
        "Chosen: BCT 8.7 Graded tasks; BCT 1.2 Problem solving"
    )
    wait_saved(page)
    workbook_id = re.search(r"workbook=([0-9a-f-]+)", page.url)
    assert workbook_id
    saved = server.open_workspace().open(workbook_id.group(1))
    assert saved.barriers[0].techniques == ["8.7", "1.2"]
    screenshot(page, "own-barrier-techniques")
    go(page, "summary", "en")
    expect(page.locator(".pr-summary")).to_contain_text("BCT 8.7 Graded tasks")


def test_plan_chart_follows_the_table(page: Page, server: Server) -> None:
    open_app(page, server.url + "?lang=nb")
    type_into(page, "pr-new-title", "Kasus: plan")
    page.locator(".pr-create").click()
    go(page, "plan", "nb")
    page.locator(".pr-add-activity").click()
    page.locator(".pr-week-1 input").fill("105")
    page.locator(".pr-week-1 input").press("Tab")
    page.locator(".pr-week-2 input").fill("140")
    page.locator(".pr-week-2 input").press("Tab")
    page.wait_for_function(
        "() => { const p = document.querySelector('.pr-progression-chart .js-plotly-plot');"
        " return !!(p && p.data && p.data[0] && p.data[0].y)"
        " && JSON.stringify(p.data[0].y.slice(0, 3)) === '[105,140,0]'; }"
    )
    screenshot(page, "plan-chart")


def test_plan_pain_rule_choice_shows_only_its_fields(page: Page, server: Server) -> None:
    """Does choosing graded activity hide the pain limit, show the baseline, and save it?"""
    open_app(page, server.url + "?lang=nb")
    type_into(page, "pr-new-title", "Kasus: smerteregel")
    page.locator(".pr-create").click()
    choose(page, "pr-condition", message("condition.fibromyalgia", "nb"))
    wait_saved(page)
    go(page, "plan", "nb")
    expect(page.locator(".pr-pain-rule-suggested")).to_contain_text(
        message("export.pain_model.graded_activity", "nb")
    )
    expect(page.locator(".pr-max-pain select")).to_be_visible()
    expect(page.locator(".pr-graded-baseline input")).to_be_hidden()
    toggle(page, "pr-pain-rule-model", message("export.pain_model.graded_activity", "nb"))
    expect(page.locator(".pr-max-pain select")).to_be_hidden()
    type_into(page, "pr-graded-baseline", "10 minutters gange, også på dårlige dager")
    type_into(page, "pr-increase-step", "2 minutter mer hver uke")
    wait_saved(page)
    screenshot(page, "plan-pain-rule")
    match = re.search(r"workbook=([0-9a-f-]{36})", page.url)
    assert match, page.url
    rule = server.open_workspace().open(match.group(1)).plan.pain_rule
    assert rule.model.value == "graded_activity"
    assert rule.baseline == "10 minutters gange, også på dårlige dager"
    assert rule.increase_step == "2 minutter mer hver uke"


def test_pdf_preview_and_download(page: Page, server: Server, tmp_path: Path) -> None:
    example = next(s for s in server.open_workspace().list_workbooks() if "hairdresser" in s.title)
    open_app(page, server.url + f"?workbook={example.id}&step=summary&lang=en")
    expect(page.locator(".pr-privacy-card")).to_contain_text("No personal data found")
    page.locator(".pr-pdf-preview").click()
    expect(page.locator(".pr-pdf-page").first).to_be_visible()
    screenshot(page, "pdf-preview")
    with page.expect_download() as download_info:
        page.locator(".pr-download-pdf").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    assert path.suffix == ".pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert example.title in " ".join(text.split())
