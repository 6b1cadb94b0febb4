"""A real Voila server and a real Chromium, for tests that see what a person sees.

The server fixture: pick a free port, start ``physioreflect serve`` as a subprocess, poll until
it answers, print its output if it fails, stop it in ``finally``. Every page fails its test on
a JavaScript error or on any request that would leave the server (the workbook must work
offline).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright

from physioreflect.cli._serve import server_answers
from physioreflect.fixtures import sample_workbooks
from physioreflect.storage import Workspace

OUR_CODE = re.compile(r"physioreflect/(app|widgets|storage|model|content|cli|charts|fixtures)")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PAGE_TIMEOUT_MS = 90_000
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    workspace: Path
    log: Path

    def open_workspace(self) -> Workspace:
        return Workspace(self.workspace)


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited early:\n{log.read_text(errors='replace')}")
        if server_answers(url):
            return
        time.sleep(0.2)  # polling interval while the server starts, not a wait for the UI
    pytest.fail(f"server did not answer within {timeout} s:\n{log.read_text(errors='replace')}")


def start_server(base: Path, *, lang: str = "nb") -> tuple[Server, subprocess.Popen[bytes]]:
    workspace = base / "workspace"
    log = base / "server.log"
    port = _free_port()
    env = dict(os.environ, PHYSIOREFLECT_WORKSPACE=str(workspace))
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "physioreflect.cli",
                "--lang",
                lang,
                "serve",
                "--no-browser",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}/"
    _wait_for(url, process, log, timeout=120)
    return Server(url=url, workspace=workspace, log=log), process


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("`physioreflect serve` did not stop on SIGTERM")


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
    server, process = start_server(base)
    try:
        yield server
    finally:
        stop_server(process)
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


def new_page(browser_context: BrowserContext, guard: Guard) -> Page:
    page = browser_context.new_page()
    page.on("pageerror", lambda error: guard.errors.append(str(error)))
    return page


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".pr-app")).to_be_visible(timeout=PAGE_TIMEOUT_MS)


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
