"""Starting up: pages opened together all come, every page opened straight to a step comes
(one after another in one tab, as a person following links does), a page says it is
starting (in its language) until the workbook is there, a page that cannot start says so
with a retry, and a server that requires a token turns away a page without it.

How fast pages come under load is measured in bench/storm.py, not asserted here: the limits
below are generous on purpose."""

from __future__ import annotations

import os
import re
import secrets
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, WebSocketRoute, expect

from physioreflect.app import Step
from physioreflect.content import message
from physioreflect.fixtures import sample_workbooks
from physioreflect.serving import TOKEN_ENV_VAR
from tests.browser.conftest import (
    PAGE_TIMEOUT_MS,
    Guard,
    Server,
    new_page,
    open_app,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.browser

TOGETHER_LIMIT_MS = 300_000
"""Three kernels starting at once on a busy 2-core machine: minutes, not seconds."""
KERNEL_SOCKET = re.compile(r"/api/kernels/[^/]+/channels")


def test_do_three_pages_opened_at_once_all_become_interactive(
    browser: Browser, server: Server
) -> None:
    guards = [Guard() for _ in range(3)]
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in guards]
    try:
        pages = []
        for context, guard, lang in zip(contexts, guards, ("nb", "en", "nb"), strict=True):
            context.route("**/*", guard.route)
            page = new_page(context, guard)
            # "commit": on to the next page as soon as this one's answer begins, so the three
            # kernels start together.
            page.goto(f"{server.url}?lang={lang}", wait_until="commit")
            pages.append(page)
        for page in pages:
            expect(page.locator(".pr-create")).to_be_visible(timeout=TOGETHER_LIMIT_MS)
            expect(page.locator("#pr-starting")).to_have_count(0)
        assert len(server.kernels()) >= 3
    finally:
        for context in contexts:
            context.close()
    for guard in guards:
        assert not guard.outside, f"requests left the server: {guard.outside}"
        assert not guard.errors, f"JavaScript errors: {guard.errors}"


def test_does_every_page_opened_straight_to_a_step_come(page: Page, server: Server) -> None:
    # A page opened at a step builds some 300 widgets. Built before the page was ready for
    # them, they now and then raced with the page loading its widgets, and one page in four
    # to six stayed on "starting" for good. Twelve pages in a row all come.
    workbook = server.open_workspace().import_workbook(sample_workbooks()[0])
    steps = [step for step in Step if step is not Step.start]
    for lang in ("en", "nb"):
        for step in steps:
            query = f"workbook={workbook.meta.id}&step={step.value}&lang={lang}"
            open_app(page, f"{server.url}?{query}")
            expect(page.locator(f".pr-step-{step.value}")).to_have_class(
                re.compile(r"\bpr-current\b"), timeout=PAGE_TIMEOUT_MS
            )
            expect(page.locator("#pr-starting")).to_have_count(0)
            expect(page.locator(".pr-page-open")).to_have_count(0)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_does_a_page_waiting_for_its_kernel_say_it_is_starting_in_its_language(
    browser: Browser, server: Server, lang: str
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        held: list[WebSocketRoute] = []

        def hold(socket: WebSocketRoute) -> None:
            held.append(socket)  # never connected to the server: the workbook cannot arrive

        page.route_web_socket(KERNEL_SOCKET, hold)
        page.goto(f"{server.url}?lang={lang}", wait_until="commit")
        notice = page.locator("#pr-starting")
        expect(notice).to_contain_text(message("start.waiting", lang), timeout=60_000)
        expect(notice).to_contain_text(message("start.waiting_detail", lang))
        expect(notice).to_have_attribute("lang", lang)
        page.wait_for_load_state("domcontentloaded", timeout=120_000)  # the page was sent
        expect(notice).to_contain_text(message("start.waiting", lang))
        expect(page.locator(".pr-start-reload")).to_have_count(0)
    finally:
        context.close()


def test_does_a_page_whose_output_was_lost_say_so_and_start_on_retry(
    browser: Browser, server: Server
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()

        def lose_the_output(route: Route) -> None:
            # What Voila sent when the notebook's output came too late: the page, no output.
            response = route.fetch()
            body = re.sub(
                r'<script type="application/vnd\.voila\.cell-output\+json">.*?</script>',
                "",
                response.text(),
                flags=re.DOTALL,
            )
            route.fulfill(response=response, body=body)

        page_address = re.compile(r"/\?lang=en$")
        page.route(page_address, lose_the_output)
        page.goto(f"{server.url}?lang=en", wait_until="commit")
        notice = page.locator("#pr-starting")
        expect(notice).to_contain_text(message("start.failed", "en"), timeout=120_000)
        expect(notice).to_contain_text(message("start.failed_detail", "en"))
        expect(notice).to_have_attribute("role", "alert")
        retry = page.locator(".pr-start-reload")
        expect(retry).to_have_text(message("start.retry", "en"))
        page.unroute(page_address)  # the next try reaches the server as it is
        retry.click()
        expect(page.locator(".pr-create")).to_be_visible(timeout=120_000)
        expect(page.locator("#pr-starting")).to_have_count(0)
    finally:
        context.close()


LINES_NEVER_COME = """
new MutationObserver(() => {
  document.querySelectorAll('.pr-starting-text, .pr-starting-detail').forEach((e) => e.remove());
}).observe(document, { childList: true, subtree: true });
"""
"""Runs before the page's own scripts: the notice's lines are gone as soon as they appear."""


def test_does_a_page_come_when_its_notice_arrives_before_its_lines(
    browser: Browser, server: Server
) -> None:
    # On a busy server the page arrives in pieces, and the starting notice can be on the page
    # before its lines are. The page's script once stopped there, and the button that brings
    # the workbook was never pressed. Here the lines never come at all.
    context = browser.new_context()
    guard = Guard()
    try:
        context.route("**/*", guard.route)
        page = new_page(context, guard)
        page.add_init_script(LINES_NEVER_COME)
        page.goto(f"{server.url}?lang=en", wait_until="commit")
        expect(page.locator(".pr-create")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
        expect(page.locator("#pr-starting")).to_have_count(0)
        expect(page.locator(".pr-page-open")).to_have_count(0)
    finally:
        context.close()
    assert not guard.errors, f"JavaScript errors: {guard.errors}"


def _status(url: str) -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_args: object, **_kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=120) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        return error.code


def test_does_a_server_with_a_token_turn_away_a_page_without_it(tmp_path: Path) -> None:
    token = secrets.token_urlsafe()
    server = start_server(tmp_path, lang="en", env={**os.environ, TOKEN_ENV_VAR: token})
    process = server.process
    try:
        assert _status(process.url) in (302, 403)
        assert _status(f"{process.url}?token=wrong-{token}") in (302, 403)
        assert _status(f"{process.url}?token={token}") == 200
        assert token not in " ".join(process.command)
        # `serve` says the address once its own check that Voila answers has passed, which
        # may be a moment after this test's: waited for, not read once.
        deadline = time.monotonic() + 120
        while f"?token={token}" not in process.log_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        log = process.log_text()
        assert f"?token={token}" in log, "serve shows the address to open, with its token"
    finally:
        stop_server(server)
