"""Can the workbook be used with the keyboard alone, and does every input have a label?"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server, open_app, screenshot

pytestmark = pytest.mark.browser

UNLABELLED = """() => [...document.querySelectorAll(
    '.pr-app input:not([type=hidden]), .pr-app textarea, .pr-app select')]
  .filter(e => e.offsetParent !== null)
  .filter(e => {
    const byFor = e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`);
    const wrapped = e.closest('label');
    const label = byFor || wrapped;
    const text = (label ? label.textContent : e.getAttribute('aria-label') || '').trim();
    return !text;
  })
  .map(e => e.outerHTML.slice(0, 120))"""


def focus_by_tab(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => !!document.activeElement.closest('{selector}')"):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_a_workbook_can_be_started_with_the_keyboard_alone(page: Page, server: Server) -> None:
    open_app(page, server.url + "?lang=en")
    focus_by_tab(page, ".pr-new-title")
    page.keyboard.type("Case: keyboard only")
    focus_by_tab(page, ".pr-create")
    page.keyboard.press("Enter")
    expect(page.locator(".pr-case")).to_be_visible()
    focus_by_tab(page, ".pr-likes")
    page.keyboard.type("Cycling")
    expect(page.locator(".pr-likes textarea")).to_have_value("Cycling")


@pytest.mark.parametrize(
    "step", ["start", "case", "perspective", "barriers", "plan", "reflection", "summary"]
)
def test_every_visible_input_has_a_visible_label(page: Page, server: Server, step: str) -> None:
    workspace = server.open_workspace()
    draft = next(s for s in workspace.list_workbooks() if s.status == "draft")
    query = "?lang=nb" if step == "start" else f"?workbook={draft.id}&step={step}&lang=nb"
    open_app(page, server.url + query)
    # The step shown; steps prepared while the page is quiet are in the page too, hidden.
    expect(page.locator(".pr-section:visible")).to_be_visible()
    assert page.evaluate(UNLABELLED) == []
    if step in ("barriers", "plan"):
        page.set_viewport_size({"width": 800, "height": 900})
        screenshot(page, f"narrow-{step}")


@pytest.mark.parametrize(
    "path",
    [
        "voila/files/reflection.ipynb",
        "voila/files/../../pyproject.toml",
        "voila/tree",
        "api/contents",
        "voila/files/workspace.ipynb",
    ],
)
def test_the_server_serves_no_files_beyond_the_page(server: Server, path: str) -> None:
    try:
        with urllib.request.urlopen(server.url + path, timeout=30) as response:  # noqa: S310
            body = response.read(2000)
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
        body = b""
    assert status != 200 or (b"nbformat" not in body and b"[project]" not in body)
    assert b"cell_type" not in body
