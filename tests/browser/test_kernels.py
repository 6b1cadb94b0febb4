"""Kernels and connections: a tab that goes frees its kernel, nothing typed is lost on the way,
and a page whose connection drops gets it back or says it must be reloaded."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from physioreflect.content import message
from tests.browser._network import Relay
from tests.browser.conftest import Guard, Server, close_tab, new_page, open_app

pytestmark = pytest.mark.browser

# Generous: on a loaded 2-core machine a kernel can take a while to start or to stop. How
# fast a kernel is released is measured in bench/kernels.py, not asserted here.
KERNEL_WAIT_S = 90.0


def wait_until(condition: Callable[[], bool], what: str, server: Server) -> None:
    deadline = time.monotonic() + KERNEL_WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} (waited {KERNEL_WAIT_S:.0f} s):\n{server.process.log_text()}")
        time.sleep(0.1)  # polling the process list, not waiting for the page


def test_closed_and_reloaded_tabs_leave_no_kernels(
    context: tuple[BrowserContext, Guard], server: Server
) -> None:
    browser_context, guard = context
    at_start = len(server.kernels())
    pages = [new_page(browser_context, guard) for _ in range(3)]
    for page in pages:
        open_app(page, server.url + "?lang=en")
    wait_until(lambda: len(server.kernels()) >= at_start + 3, "three tabs, three kernels", server)
    pages[0].reload()
    expect(pages[0].locator(".pr-app")).to_be_visible()
    for page in pages:
        close_tab(page, guard)
    wait_until(
        lambda: len(server.kernels()) <= at_start,
        f"kernels left after the tabs closed: {len(server.kernels())}, at start {at_start}",
        server,
    )
    assert "'_xsrf' argument missing" not in server.process.log_text()


def test_words_typed_just_before_a_reload_are_all_kept(
    context: tuple[BrowserContext, Guard], server: Server
) -> None:
    browser_context, guard = context
    page = new_page(browser_context, guard)
    open_app(page, server.url + "?lang=en")
    page.locator(".pr-new-title input[type=text], .pr-new-title textarea").first.fill(
        "Case: typed then reloaded"
    )
    page.locator(".pr-create").click()
    expect(page.locator(".pr-case")).to_be_visible()
    page.wait_for_url(re.compile(r"workbook="))
    words = "Cycling to work every day, and swimming on Sundays with her sister"
    likes = page.locator(".pr-likes textarea").first
    likes.click()
    page.keyboard.type(words)  # key by key, as a person types
    page.reload()  # at once: no waiting for the autosave
    expect(page.locator(".pr-case")).to_be_visible()
    expect(page.locator(".pr-likes textarea").first).to_have_value(words)
    close_tab(page, guard)


@pytest.mark.parametrize("cut_when", ["idle", "building"])
def test_a_dropped_connection_is_told_and_so_is_its_return(
    context: tuple[BrowserContext, Guard], server: Server, cut_when: str
) -> None:
    """The network between page and server goes for a few seconds: every connection is cut
    and new ones are refused. "building": it goes the moment a workbook is created, while the
    kernel is still sending the new step to the page."""
    browser_context, guard = context
    page = new_page(browser_context, guard)
    with Relay(server.url) as network:
        open_app(page, network.url + "?lang=nb")
        page.locator(".pr-new-title input[type=text], .pr-new-title textarea").first.fill(
            "Kasus: brutt forbindelse"
        )
        page.locator(".pr-create").click()
        if cut_when == "idle":
            expect(page.locator(".pr-case")).to_be_visible()
        network.cut()
        notice = page.locator(".pr-connection-lost")
        expect(notice).to_contain_text(message("connection.lost", "nb"))
        network.restore()
        expect(page.locator(".pr-connection-back")).to_contain_text(
            message("connection.back", "nb"), timeout=60_000
        )
        expect(notice).to_have_count(0)
        expect(page.locator(".pr-case")).to_be_visible()
        page.wait_for_url(re.compile(r"workbook="))
        found = re.search(r"workbook=([0-9a-f-]+)", page.url)
        assert found is not None
        workbook_id = found.group(1)
        # Back for real: edits made now reach the kernel and are saved, one after another.
        for words in ("Skrevet etter at forbindelsen kom tilbake", "Og rettet litt etterpå"):
            page.locator(".pr-likes textarea").first.fill(words)
            wait_until(
                lambda words=words: (
                    server.open_workspace().open(workbook_id).case.likes_to_do == words
                ),
                f"an edit after the connection came back was not saved: {words!r}",
                server,
            )
        close_tab(page, guard)


def test_a_page_whose_kernel_is_gone_says_it_must_be_reloaded(
    context: tuple[BrowserContext, Guard], server: Server
) -> None:
    browser_context, guard = context
    page = new_page(browser_context, guard)
    open_app(page, server.url + "?lang=en")
    before = server.kernels()
    # Stands for a kernel culled while the laptop slept: shut down behind the page's back.
    kernel_id = page.evaluate("() => window.jupyterapp.widgetManager.kernel.id")
    page.evaluate(
        """async (id) => {
            const xsrf = document.cookie.match(/\\b_xsrf=([^;]*)/)[1];
            const form = new FormData();
            form.append("_xsrf", xsrf);
            await fetch(`/voila/api/shutdown/${id}`, {method: "POST", body: form});
        }""",
        kernel_id,
    )
    wait_until(lambda: len(server.kernels() & before) < len(before), "kernel not shut", server)
    notice = page.locator(".pr-connection-reload")
    # The page asks every 15 s whether its kernel is still there.
    expect(notice).to_contain_text(message("connection.reload", "en"), timeout=60_000)
    typed = "A sentence typed after the kernel went"
    page.locator(".pr-new-title input[type=text], .pr-new-title textarea").first.fill(typed)
    expect(notice.locator(".pr-connection-unsent")).to_have_value(typed)
    notice.locator(".pr-reload-page").click()
    kept = page.locator(".pr-connection-kept")
    expect(kept.locator(".pr-connection-unsent")).to_have_value(typed)
    expect(page.locator(".pr-app")).to_be_visible()
    close_tab(page, guard)
