"""The way back, in a real browser: "Fjern" then "Angre" after the removal was saved, a
workbook to the trash and back, and an earlier version restored from its history."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from physioreflect.app import new_factor
from physioreflect.content import library, message
from physioreflect.model import Workbook
from tests.browser.conftest import Server, open_app, saved, screenshot

pytestmark = pytest.mark.browser


def _workbook_with_two_barriers(server: Server, title: str) -> str:
    """A workbook with two barriers saved twice: its history has versions 1 and 2."""
    workspace = server.open_workspace()
    workbook = Workbook.new(title=title)
    for label in ("Frykt for smerte", "Lite tid"):
        barrier = new_factor(library(), "barriers", None, lang="en")
        barrier.label = label
        workbook.barriers.append(barrier)
    first = workspace.create(workbook)
    second = first.model_copy(deep=True)
    second.reflection.what = "Skrevet i versjon 2."
    workspace.save(second)
    return str(first.meta.id)


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_remove_then_undo_after_the_removal_was_saved(
    page: Page, server: Server, lang: str
) -> None:
    workbook_id = _workbook_with_two_barriers(server, f"Case: undo ({lang})")
    open_app(page, server.url + f"?workbook={workbook_id}&step=barriers&lang={lang}")
    expect(page.locator(".pr-barrier")).to_have_count(2)
    page.locator(".pr-barrier").first.locator(".pr-remove-entry").click()
    expect(page.locator(".pr-barrier")).to_have_count(1)
    undo = page.locator(".pr-undo-button")
    expect(undo).to_be_visible()
    kind = message("undo.kind.barrier", lang)
    expected = message("undo.removed_named", lang, kind=kind, label="Frykt for smerte")
    expect(page.locator(".pr-undo-text")).to_have_text(expected)
    saved(server, workbook_id, lambda w: len(w.barriers) == 1, "the removal")
    screenshot(page, f"way-back-{lang}-1-removed")
    undo.click()
    expect(page.locator(".pr-barrier")).to_have_count(2)
    expect(page.locator(".pr-barrier").first).to_contain_text("Frykt for smerte")
    expect(undo).to_be_hidden()
    saved(
        server,
        workbook_id,
        lambda w: [b.label for b in w.barriers] == ["Frykt for smerte", "Lite tid"],
        "the undo",
    )
    revisions = [r.revision for r in server.open_workspace().history(workbook_id)]
    assert revisions[-2:] == [3, 4], "the removal and the undo are revisions of their own"


def test_to_the_trash_and_back(page: Page, server: Server) -> None:
    title = "Case: to the trash and back"
    workbook_id = _workbook_with_two_barriers(server, title)
    open_app(page, server.url + "?lang=en")
    row = page.locator(".pr-workbook-row", has_text=title)
    row.locator(".pr-trash-move").click()
    expect(row).to_have_count(0)
    expect(page.locator(".pr-undo-text")).to_contain_text("was moved to the trash")
    assert server.open_workspace().in_trash(workbook_id)
    page.locator(".pr-trash-toggle").click()
    trashed = page.locator(".pr-trash-row", has_text=title)
    expect(trashed).to_be_visible()
    screenshot(page, "way-back-en-2-trash")
    trashed.locator(".pr-trash-restore").click()
    expect(page.locator(".pr-workbook-row", has_text=title)).to_be_visible()
    expect(trashed).to_have_count(0)
    assert not server.open_workspace().in_trash(workbook_id)
    assert server.open_workspace().open(workbook_id).meta.title == title


def test_an_earlier_version_is_looked_at_and_restored(page: Page, server: Server) -> None:
    title = "Case: restore version 1"
    workbook_id = _workbook_with_two_barriers(server, title)
    open_app(page, server.url + "?lang=en")
    page.locator(".pr-workbook-row", has_text=title).locator(".pr-history-open").click()
    versions = page.locator(".pr-history-versions select")
    expect(versions.locator("option")).to_have_count(2)
    expect(page.locator(".pr-history-preview")).to_contain_text("Skrevet i versjon 2.")
    expect(page.locator(".pr-history-restore")).to_be_disabled()
    expect(versions.locator("option").nth(1)).to_have_text(re.compile(r"^Version\s1\s·\s"))
    versions.select_option(index=1)
    expect(page.locator(".pr-history-preview")).not_to_contain_text("Skrevet i versjon 2.")
    expect(page.locator(".pr-history-preview")).to_contain_text("Frykt for smerte")
    screenshot(page, "way-back-en-3-history")
    page.locator(".pr-history-restore").click()
    expect(page.locator(".pr-banner")).to_contain_text(
        message("history.restored", "en", revision=1, new=3)
    )
    expect(versions.locator("option")).to_have_count(3)
    expect(versions.locator("option").first).to_have_text(re.compile(r"^Version\s3\s.*current$"))
    restored = server.open_workspace().open(workbook_id)
    assert restored.meta.revision == 3
    assert restored.reflection.what == ""
    assert server.open_workspace().open_revision(workbook_id, 2).reflection.what
