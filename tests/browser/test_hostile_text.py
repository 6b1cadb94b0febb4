"""Is everything a user typed shown as text, never run as code, on every page?"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from physioreflect.app import Step
from physioreflect.fixtures import HOSTILE_TEXTS, hostile_workbook
from tests.browser.conftest import Server, open_app, screenshot

pytestmark = pytest.mark.browser


def test_no_payload_executes_on_any_step(page: Page, server: Server) -> None:
    workbook = server.open_workspace().import_workbook(hostile_workbook())
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, server.url + "?lang=en")
    expect(page.locator(".pr-open-card")).to_contain_text(HOSTILE_TEXTS[0])
    for step in Step:
        if step is Step.start:
            continue
        open_app(page, server.url + f"?workbook={workbook.meta.id}&step={step.value}&lang=en")
        expect(page.locator(f".pr-step-{step.value}")).to_have_class(re.compile(r"\bpr-current\b"))
        expect(page.locator(".pr-workbook-title")).to_have_text(workbook.meta.title)
        # Hover every point: plotly shows the (user-typed) labels in hover boxes.
        for point in page.locator(".js-plotly-plot .point").all():
            box = point.bounding_box()
            if box is not None:
                page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.move(5, 5)
        executed = page.evaluate("() => window.__pr_xss")
        assert executed is None, f"payload ran on {step.value}: {executed}"
        assert page.locator(".pr-app script, .pr-app iframe, .pr-app img[onerror]").count() == 0
        if step is Step.summary:
            expect(page.locator(".pr-overview")).to_contain_text(HOSTILE_TEXTS[1])
            screenshot(page, "hostile-summary")
    assert dialogs == []
