"""The patient's handout in a real browser: written on the Plan step, previewed and
downloaded there and in the Summary, in the language chosen for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from physioreflect.content import message
from tests.browser.conftest import Server, open_app, screenshot

pytestmark = pytest.mark.browser


def _pdf(page: Page, css: str, tmp_path: Path) -> tuple[Path, str]:
    with page.expect_download() as download_info:
        page.locator(f".{css} .pr-download-handout").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    reader = PdfReader(path)
    return path, " ".join("".join(p.extract_text() for p in reader.pages).split())


def test_the_handout_is_previewed_and_downloaded_from_the_plan_and_the_summary(
    page: Page, server: Server, tmp_path: Path
) -> None:
    example = next(s for s in server.open_workspace().list_workbooks() if "hairdresser" in s.title)
    open_app(page, server.url + f"?workbook={example.id}&step=plan&lang=en")
    card = page.locator(".pr-plan-handout")
    expect(card).to_contain_text(message("handout.heading", "en"))
    expect(page.locator(".pr-for-patient")).to_contain_text(message("plan.for_patient_help", "en"))
    expect(page.locator(".pr-for-patient-note textarea")).to_have_value(
        re.compile("You chose the walk by the lake")
    )
    card.locator(".pr-handout-language").get_by_role(
        "button", name=message("language.nb", "en"), exact=True
    ).click()
    card.locator(".pr-handout-preview").click()
    expect(card.locator(".pr-handout-page")).to_have_count(2)
    expect(card.locator(".pr-handout-page").first).to_have_attribute(
        "alt", "The patient's handout, page 1 of 2"
    )
    screenshot(page, "handout-preview")
    path, text = _pdf(page, "pr-plan-handout", tmp_path)
    assert path.name == "min-aktivitetsplan.pdf"
    assert PdfReader(path).metadata.title == "Min aktivitetsplan"  # type: ignore[union-attr]
    assert "Dette skal jeg gjøre" in text  # the fixed text in the language chosen …
    assert "keep up the walk" in text  # … what the clinician wrote, as written
    assert example.title not in text

    page.locator(".pr-step-summary").click()
    summary = page.locator(".pr-summary-handout")
    expect(summary).to_be_visible()
    path, text = _pdf(page, "pr-summary-handout", tmp_path)
    assert path.name == "my-activity-plan.pdf"
    assert "When to get help" in text


def test_a_plan_without_activities_says_so_and_offers_no_download(
    page: Page, server: Server
) -> None:
    open_app(page, server.url + "?lang=nb")
    page.locator(".pr-new-title input").fill("Kasus: uten plan")
    page.locator(".pr-create").click()
    page.locator(".pr-step-plan").click()
    card = page.locator(".pr-plan-handout")
    expect(card.locator(".pr-handout-message")).to_contain_text("planen har ingen aktiviteter ennå")
    expect(card.locator(".pr-download-handout")).to_be_disabled()
    hard = (
        "Smertemonitoreringsmodellen innebærer systematisk kartlegging av belastningstoleranse "
        "kombinert med individualisert progresjon basert på symptomrespons og funksjonsnivå."
    )
    page.locator(".pr-for-patient-what-to-expect textarea").fill(hard)
    expect(page.locator(".pr-lix-hint").filter(has_text="tungt å lese")).to_have_count(1)
