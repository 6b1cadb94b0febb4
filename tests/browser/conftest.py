"""A real Voila server and a real Chromium, for tests that see what a person sees.

The server fixture (physioreflect.serving's helper): pick a free port, start ``physioreflect
serve`` as a subprocess, poll until it answers, print its output if it fails, stop it and its
kernels in ``finally``. Every page fails its test on
a JavaScript error or on any request that would leave the server (the workbook must work
offline).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Error,
    Page,
    Route,
    expect,
    sync_playwright,
)

from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Workbook
from physioreflect.serving import ServerDidNotStart, ServerProcess, free_port
from physioreflect.storage import Workspace

OUR_CODE = re.compile(r"physioreflect/(app|widgets|storage|model|content|cli|charts|fixtures)")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PAGE_TIMEOUT_MS = 120_000
# Assertions wait for the page (a kernel can be slow on a loaded 2-core machine); they still
# fail fast on a wrong value once the page has settled.
expect.set_options(timeout=30_000)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    path = os.environ.get("PHYSIOREFLECT_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is needed for the browser tests: `apt-get install chromium`.")
    return path


@dataclass
class Server:
    url: str
    workspace: Path
    log: Path
    process: ServerProcess

    def open_workspace(self) -> Workspace:
        return Workspace(self.workspace)

    def kernels(self) -> set[int]:
        """The kernels the server runs now (one per open page, give or take a closing one)."""
        return self.process.kernel_pids()


def start_server(
    base: Path,
    *,
    lang: str = "nb",
    args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> Server:
    """``physioreflect serve`` (with ``args`` after it) on a workspace in ``base``, started;
    ``env`` replaces the environment it inherits."""
    workspace = base / "workspace"
    log = base / "server.log"
    port = free_port()
    process = ServerProcess(
        [
            *(sys.executable, "-m", "physioreflect.cli", "--lang", lang, "serve"),
            *("--no-browser", "--port", str(port), *args),
        ],
        url=f"http://127.0.0.1:{port}/",
        env={**(os.environ if env is None else env), "PHYSIOREFLECT_WORKSPACE": str(workspace)},
        log=log,
        stop_timeout=40,
    )
    try:
        process.start()
    except ServerDidNotStart as failure:
        pytest.fail(f"server did not start ({failure.detail}):\n{failure.log}")
    return Server(url=process.url, workspace=workspace, log=log, process=process)


def stop_server(server: Server) -> None:
    server.process.stop()
    if server.process.forced:
        pytest.fail(f"`physioreflect serve` did not stop on SIGTERM:\n{server.process.log_text()}")


def assert_no_tracebacks_of_ours(log: Path) -> None:
    """Tornado logs a traceback when a browser closes its websocket; one through our own
    code would be a bug that a user never saw."""
    text = log.read_text(errors="replace")
    ours = [
        block
        for block in text.split("Traceback (most recent call last):")[1:]
        if OUR_CODE.search(block.split("\n\n")[0])
    ]
    assert not ours, text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("server")
    server = start_server(base)
    try:
        yield server
    finally:
        stop_server(server)
        assert_no_tracebacks_of_ours(server.log)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


class Guard:
    """Collects what must never happen on a page: script errors and outside requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.closing: set[int] = set()
        """Pages being closed (by ``id``): what they do from then on, nobody sees."""

    def route(self, route: Route) -> None:
        url = route.request.url
        if re.match(r"^(https?|wss?)://127\.0\.0\.1(:\d+)?/", url) or url.startswith(
            ("data:", "blob:")
        ):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def context(browser: Browser) -> Iterator[tuple[BrowserContext, Guard]]:
    guard = Guard()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.route("**/*", guard.route)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield context, guard
    finally:
        context.close()
    assert not guard.outside, f"requests left the server: {guard.outside}"
    assert not guard.errors, f"JavaScript errors: {guard.errors}"


@pytest.fixture
def page(context: tuple[BrowserContext, Guard]) -> Page:
    browser_context, guard = context
    return new_page(browser_context, guard)


TOLERATED_ON_A_BUSY_PAGE = frozenset({"[anywidget] Failed to initialize model."})
"""anywidget gives a widget 2 s to start and reports it when the page's main thread was busy
longer (a whole step's widgets being created on a loaded machine). The widgets built on it
fall back — a chart goes on being drawn in its Output, which a test reads like the live one —
and what they do is checked by the tests themselves."""


def new_page(browser_context: BrowserContext, guard: Guard) -> Page:
    page = browser_context.new_page()

    def collect(error: Error) -> None:
        if id(page) in guard.closing or str(error) in TOLERATED_ON_A_BUSY_PAGE:
            return
        guard.errors.append(str(error))

    page.on("pageerror", collect)
    return page


def close_tab(page: Page, guard: Guard) -> None:
    """Close the tab as a person does: its beforeunload and pagehide handlers run. Script
    errors from here on happen in a page nobody sees any more (a widget's last message,
    sent after Voila closed the kernel's connection), so they are not held against it."""
    guard.closing.add(id(page))
    page.close(run_before_unload=True)


def open_app(page: Page, url: str) -> None:
    # Wait for the workbook itself, not for every resource of the page to have loaded: on a
    # busy machine the page's load event can come long after the workbook is usable.
    page.goto(url, wait_until="commit")
    expect(page.locator(".pr-app")).to_be_visible(timeout=PAGE_TIMEOUT_MS)


SAVED_WAIT_S = 30


def saved(
    server: Server, workbook_id: object, check: Callable[[Workbook], object], what: str
) -> Workbook:
    """Wait until the workbook file passes ``check`` (an autosave is debounced): ``check``
    raises ``AssertionError`` or returns ``False`` while the file is not there yet."""
    deadline = time.monotonic() + SAVED_WAIT_S
    while True:
        workbook = server.open_workspace().open(str(workbook_id))
        try:
            passed = check(workbook) is not False
            reason = "" if passed else "not yet"
        except AssertionError as error:
            passed, reason = False, str(error)
        if passed:
            return workbook
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not reach the saved file within {SAVED_WAIT_S} s: {reason}")
        time.sleep(0.25)  # polling the file while the autosave runs, not a wait for the UI


def screenshot_path(name: str) -> Path:
    """Where a picture named ``name`` goes, for a picture of the window as it is."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


def screenshot(page: Page, name: str) -> Path:
    """The whole workbook page. Voila scrolls an inner box, so the window is made as tall as
    the page for the picture, then put back."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size or {"width": 1280, "height": 900}
    height = page.evaluate(
        "() => Math.ceil(document.querySelector('.pr-app')?.getBoundingClientRect().height || 0)"
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height + 40)})
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def examples() -> list[str]:
    return [w.meta.title for w in sample_workbooks()]
