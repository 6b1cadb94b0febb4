"""Benchmarks of the workbook dashboard in a real browser, each against its baseline in the
same run.

    .venv/bin/python bench/dashboard.py [--runs 5]

1. Time to interactive (the Start section's first button visible) of the workbook against a
   bare Voila notebook with one ipywidgets Button, median of N page loads each, with fresh
   kernels, as ``physioreflect serve`` runs them. (Voila refuses preheated kernels together
   with the hook that gives each page the cookie its kernel's release needs; the workbook's
   server has that hook, so it has no preheated kernels to measure.)
2. Kernel memory (RSS) of the workbook's kernel against the bare notebook's, after the page is
   interactive, and after the chart sections were opened (plotly loaded).
3. One edit's round trip: a rating changed → model → save → chart figure rebuilt, measured
   in-process (median of 200), and in the browser from the click to the redrawn chart.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from playwright.sync_api import Page, sync_playwright

from physioreflect.app import ManualScheduler, Step
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Barrier, ComB, PlannedActivity, Status, Theme, Workbook
from physioreflect.serving import ServerDidNotStart, voila_environment, voila_server
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def voila(notebook: Path, *, env: dict[str, str], preheat: bool, ours: bool) -> Iterator[str]:
    """Voila on ``notebook``: with our settings (``ours``) or Voila's defaults (the bare
    baseline), its log kept in a temporary file and shown if it does not start."""
    with tempfile.TemporaryDirectory() as folder:
        server = voila_server(
            notebook, env=env, log=Path(folder) / "voila.log", ours=ours, preheat=preheat
        )
        running = contextlib.ExitStack()
        try:
            running.enter_context(server)
        except ServerDidNotStart as error:
            print(error.log, file=sys.stderr)  # what Voila said before it stopped
            raise
        with running:
            if preheat:
                time.sleep(8)  # let the pool fill before the first timed load
            yield server.url


def kernel_rss_mb() -> dict[int, float]:
    """RSS of every ipykernel process on this machine, by pid."""
    sizes = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            if b"ipykernel" not in cmdline:
                continue
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[int(pid)] = int(line.split()[1]) / 1024
        except OSError:
            continue
    return sizes


def time_to_interactive(page: Page, url: str, selector: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(selector, state="visible", timeout=120_000)
    return time.perf_counter() - start


def measure_loads(browser: object, url: str, selector: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        context = browser.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        times.append(time_to_interactive(page, url, selector))
        context.close()
    return times


def in_process_round_trip(rounds: int) -> list[float]:
    with contextlib.redirect_stdout(io.StringIO()):  # figures "displayed" outside a kernel
        return _in_process_round_trip(rounds)


def _in_process_round_trip(rounds: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(Path(folder))
        example = max(sample_workbooks(), key=lambda w: len(w.barriers))
        # A draft: a submitted workbook is read-only and would refuse the edit.
        draft = example.model_copy(
            update={"meta": example.meta.model_copy(update={"status": Status.draft})}
        )
        saved = workspace.import_workbook(draft)
        app = ReflectionApp(
            workspace=workspace,
            lang="nb",
            scheduler=ManualScheduler(),
            query=f"workbook={saved.meta.id}&step=barriers",
        )
        app.go(Step.barriers)
        control = next(
            w for w in _walk(app.widget) if "pr-entry-impact" in getattr(w, "_dom_classes", ())
        )
        assert app.session is not None
        times = []
        for index in range(rounds):
            before = app.session.workbook.meta.revision
            start = time.perf_counter()
            control.value = 1 + index % 5  # → model → chart figure rebuilt
            app.session.save_now()  # → autosave, without waiting for the debounce
            times.append(time.perf_counter() - start)
            assert app.session.workbook.meta.revision == before + 1, "the edit was not saved"
        return times


def _walk(widget: object) -> Iterator[object]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def browser_round_trip(page: Page, url: str, runs: int) -> list[float]:
    page.goto(url)
    page.wait_for_selector(".pr-barrier-chart .js-plotly-plot", timeout=120_000)
    times = []
    for index in range(runs):
        value = 1 + index % 5
        target = f"[[{value},5]]"
        start = time.perf_counter()
        page.locator(".pr-barrier").first.locator(".pr-entry-modifiability").get_by_role(
            "button", name=str(value), exact=True
        ).click()
        page.wait_for_function(
            "t => { const p = document.querySelector('.pr-barrier-chart .js-plotly-plot');"
            " return !!(p && p.data) && JSON.stringify(p.data.flatMap(d => (d.x || []).map("
            "(x, i) => [x, d.y[i]]))) === t; }",
            arg=target,
            timeout=30_000,
        )
        times.append(time.perf_counter() - start)
    return times


def one_barrier_workbook(workspace: Workspace) -> str:
    """A workbook with one barrier (impact 5), so the chart's only point is known."""
    workbook = Workbook.new(title="Bench: one barrier")
    workbook.barriers.append(
        Barrier(
            entry_id="b1",
            label="Pain",
            theme=Theme.physical,
            com_b=ComB.physical_capability,
            impact=5,
            modifiability=3,
        )
    )
    workbook.plan.activities.append(
        PlannedActivity(entry_id="a1", name="Walk", weekly_minutes=[105] * 12)
    )
    return str(workspace.create(workbook).meta.id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/dashboard.json")
    args = parser.parse_args()
    results: dict[str, object] = {}

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        bare = base / "bare.ipynb"
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [
            nbformat.v4.new_code_cell(
                "import ipywidgets as widgets\n\ndisplay(widgets.Button(description='Go'))"
            )
        ]
        nbformat.write(notebook, bare)
        workspace = base / "workspace"
        Workspace(workspace).seed_examples(sample_workbooks())
        env = voila_environment(workspace=workspace, lang="nb")
        ours = ROOT / "workbooks/reflection.ipynb"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                headless=True,
                args=CHROMIUM_ARGS,
            )
            for preheat in (False,):
                label = "preheated" if preheat else "fresh"
                with voila(bare, env=env, preheat=preheat, ours=False) as url:
                    bare_times = measure_loads(browser, url, ".widget-button", args.runs)
                    bare_rss = sorted(kernel_rss_mb().values())
                with voila(ours, env=env, preheat=preheat, ours=True) as url:
                    our_times = measure_loads(browser, url, ".pr-create", args.runs)
                    our_rss = sorted(kernel_rss_mb().values())
                    if not preheat:
                        page = browser.new_page()
                        example = one_barrier_workbook(Workspace(workspace))
                        chart_url = f"{url}?workbook={example}&step=barriers"
                        results["browser_round_trip_s"] = browser_round_trip(
                            page, chart_url, max(args.runs, 10)
                        )
                        page.goto(f"{url}?workbook={example}&step=plan")
                        page.wait_for_selector(
                            ".pr-progression-chart .js-plotly-plot",
                            state="attached",
                            timeout=120_000,
                        )
                        results["rss_after_charts_mb"] = sorted(kernel_rss_mb().values())
                        page.close()
                results[label] = {
                    "bare_s": bare_times,
                    "ours_s": our_times,
                    "bare_median": statistics.median(bare_times),
                    "ours_median": statistics.median(our_times),
                    "ratio": statistics.median(our_times) / statistics.median(bare_times),
                    "bare_kernel_rss_mb": bare_rss,
                    "our_kernel_rss_mb": our_rss,
                }
            browser.close()
    results["in_process_round_trip_s"] = in_process_round_trip(200)

    for label in ("fresh",):
        row = results[label]
        assert isinstance(row, dict)
        print(
            f"{label:>9}: bare Voila + Button {row['bare_median']:.2f} s, workbook "
            f"{row['ours_median']:.2f} s, ratio {row['ratio']:.2f}× "
            f"(runs: {', '.join(f'{t:.2f}' for t in row['ours_s'])})"
        )
        print(
            f"           kernel RSS MB bare {row['bare_kernel_rss_mb']}, "
            f"workbook {row['our_kernel_rss_mb']}"
        )
    print(f"kernel RSS after the chart sections (MB): {results['rss_after_charts_mb']}")
    trip = results["in_process_round_trip_s"]
    assert isinstance(trip, list)
    print(
        f"edit → model → save → chart figure, in process: median "
        f"{statistics.median(trip) * 1000:.1f} ms, p95 "
        f"{sorted(trip)[int(len(trip) * 0.95)] * 1000:.1f} ms"
    )
    browser_trip = results["browser_round_trip_s"]
    assert isinstance(browser_trip, list)
    print(
        f"click → redrawn chart in the browser: median "
        f"{statistics.median(browser_trip) * 1000:.0f} ms"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
