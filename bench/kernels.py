"""How soon a closed tab's kernel is released, in a real browser.

    PYTHONPATH=src .venv/bin/python bench/kernels.py [--cycles 5] [--before]

Opens the workbook page, waits until it is interactive, closes the tab (as a person does:
``beforeunload`` and ``pagehide`` run), and times how long the page's kernel process lives on,
``--cycles`` times; then reports the median and the kernels left running. ``--before``
serves with voila.json alone (Voila's own kernel manager, no XSRF cookie for the page): how
the server behaved before kernels were released.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from physioreflect.fixtures import sample_workbooks
from physioreflect.serving import CONFIG_DIR, ServerProcess, voila_environment, voila_server
from physioreflect.storage import Workspace

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]


def one_cycle(browser: object, server: ServerProcess, wait: float) -> float | None:
    """Seconds from the tab's close until its kernel is gone; None if it was not within
    ``wait`` seconds."""
    before = server.kernel_pids()
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server.url + "?lang=en")
    page.wait_for_selector(".pr-app", state="visible", timeout=120_000)
    # The page's kernel: the one that was not there before it opened.
    deadline = time.monotonic() + 30
    ours = server.kernel_pids() - before
    while not ours and time.monotonic() < deadline:
        time.sleep(0.05)
        ours = server.kernel_pids() - before
    closed = time.perf_counter()
    page.close(run_before_unload=True)
    context.close()
    while time.perf_counter() - closed < wait:
        if not ours & server.kernel_pids():
            return time.perf_counter() - closed
        time.sleep(0.05)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--before", action="store_true")
    parser.add_argument("--wait", type=float, default=20.0, help="seconds to wait per tab")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        workspace = base / "workspace"
        Workspace(workspace).seed_examples(sample_workbooks())
        server = voila_server(
            ROOT / "workbooks/reflection.ipynb",
            env=voila_environment(workspace=workspace, lang="en"),
            log=base / "voila.log",
        )
        if args.before:
            only_json = base / "config"
            only_json.mkdir()
            shutil.copy(CONFIG_DIR / "voila.json", only_json / "voila.json")
            server.command = [
                f"--Voila.config_file_paths={only_json}"
                if arg.startswith("--Voila.config_file_paths=")
                else arg
                for arg in server.command
            ]
        with server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                headless=True,
                args=CHROMIUM_ARGS,
            )
            at_start = len(server.kernel_pids())
            released = [one_cycle(browser, server, args.wait) for _ in range(args.cycles)]
            browser.close()
            left = len(server.kernel_pids()) - at_start
            # Kernels whose shutdown request was refused (each may be logged more than once).
            refusals = re.findall(r"403 POST /voila/api/shutdown/([\w-]+)", server.log_text())
            refused = len(set(refusals))
    times = [t for t in released if t is not None]
    result = {
        "mode": "before" if args.before else "after",
        "release_s": released,
        "median_release_s": statistics.median(times) if times else None,
        "kernels_left_after_cycles": left,
        "refused_shutdowns_in_log": refused,
    }
    label = "before" if args.before else "after"
    median = f"{result['median_release_s']:.2f} s" if times else f"none within {args.wait:.0f} s"
    print(
        f"{label}: {len(times)}/{args.cycles} kernels released, median {median} after the "
        f"tab closed; {left} kernel(s) left after {args.cycles} open/close cycles; "
        f"shutdown refused (403 _xsrf) for {refused} kernel(s)"
    )
    out = ROOT / f"bench/results/kernels-{label}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
