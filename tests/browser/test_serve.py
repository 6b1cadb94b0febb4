"""Does `physioreflect serve` put the workspace in front of a person, in a real browser?"""

from __future__ import annotations

import urllib.request

import pytest
from playwright.sync_api import Page, expect

from physioreflect.fixtures import sample_workbooks
from tests.browser.conftest import Server, screenshot

pytestmark = pytest.mark.browser


def test_workspace_lists_the_examples(server: Server, page: Page) -> None:
    page.goto(server.url)
    overview = page.locator(".pr-workspace-overview")
    expect(overview).to_be_visible(timeout=60_000)
    for example in sample_workbooks():
        expect(overview).to_contain_text(example.meta.title)
    expect(overview.locator(".pr-badge").first).to_have_text("Example")
    screenshot(page, "workspace-overview")


def test_sources_and_tracebacks_stay_off_the_page(server: Server, page: Page) -> None:
    page.goto(server.url)
    expect(page.locator(".pr-workspace-overview")).to_be_visible(timeout=60_000)
    html = page.content()
    assert "from physioreflect" not in html, "notebook sources must be stripped"
    assert "Traceback" not in html


def test_server_listens_on_loopback_only(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(server.url, timeout=30) as response:  # noqa: S310 - loopback
        assert response.status == 200
