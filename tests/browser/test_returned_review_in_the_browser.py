"""A student opens the workbook their supervisor returned, in a real browser: the banner
above the step, a comment beside its section, a reply typed and sent, kept after a reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from physioreflect.content import message
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Status
from tests.browser.conftest import ARTIFACTS, Server, open_app, screenshot
from tests.browser.test_accessibility import UNLABELLED

pytestmark = pytest.mark.browser

CURRENT = re.compile(r"\bpr-current\b")


def test_a_returned_workbook_shows_its_review_and_keeps_a_reply(page: Page, server: Server) -> None:
    example = next(w for w in sample_workbooks() if w.meta.status is Status.returned)
    comment = next(c for c in example.review.comments if c.section.value == "perspective")
    address = f"{server.url}?workbook={example.meta.id}&step=perspective&lang=nb"
    open_app(page, address)
    expect(page.locator(".pr-step-perspective")).to_have_class(CURRENT)

    banner = page.locator(".pr-review-banner")
    expect(banner).to_contain_text(message("feedback.heading.returned", "nb"))
    expect(banner).to_contain_text("Vurdert av Praksisveileder")
    expect(banner).to_contain_text("Åpne kommentarer: 3 av 4")
    expect(banner).to_contain_text(example.review.overall_feedback[:80])
    ARTIFACTS.mkdir(exist_ok=True)
    banner.screenshot(path=str(ARTIFACTS / "review-received-banner.png"))

    # The comment beside its section: at the top of the Perspective step, with its author.
    thread = page.locator(".pr-perspective .pr-comment-thread").filter(has_text=comment.text[:60])
    expect(thread).to_have_count(1)
    expect(thread).to_contain_text("Praksisveileder, 12. mars 2026")
    assert page.evaluate(UNLABELLED) == [], "the reply box and the switch have labels"
    reply = "Jeg trodde hun ikke ville tåle mer, så jeg foreslo mindre enn hun ba om. <ærlig>"
    thread.locator(".pr-comment-reply-text textarea").fill(reply)
    thread.locator(".pr-comment-reply-send").click()
    expect(thread.locator(".pr-comment-reply")).to_contain_text(reply)
    expect(thread.locator(".pr-comment-reply-text textarea")).to_have_value("")
    thread.screenshot(path=str(ARTIFACTS / "review-received-comment.png"))
    page.screenshot(path=str(ARTIFACTS / "review-received-perspective.png"))
    screenshot(page, "review-received-perspective-whole")

    # Kept: the page opened again shows the reply in the thread, from the saved file.
    open_app(page, address)
    thread = page.locator(".pr-perspective .pr-comment-thread").filter(has_text=comment.text[:60])
    expect(thread.locator(".pr-comment-reply")).to_contain_text(reply)
    saved = server.open_workspace().open(str(example.meta.id))
    assert [r.text for r in saved.review.comments[0].replies] == [reply]
    assert saved.review.overall_feedback == example.review.overall_feedback
