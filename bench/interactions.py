"""Interaction latency of the workbook dashboard in a real browser, as a ratio to a bare
ipywidgets round trip measured in the same run.

    PYTHONPATH=src .venv/bin/python bench/interactions.py [--runs 5] [--json out.json]

Two Voila servers run side by side on 127.0.0.1, driven by headless Chromium through
Playwright: a bare notebook (a Button whose click changes an HTML widget's value) and the
workbook, opened on the longest example workbook at ``?workbook=<id>&step=case&lang=nb``.
Every interaction is timed in the page, with ``performance.now()``, from the click event to
the last DOM mutation before the page stays quiet (no mutation for ``--quiet-ms``), once the
interaction's expected result is on screen. Mutations inside the save-status indicator
(``.pr-save-status``) do not count; everything else does, so an autosave that redraws the
stepper while the page is still busy is part of the figure.

Interactions, in each run (each run opens the workbook in a fresh page, so a fresh kernel):

0. the bare round trip: four clicks spread over the run (before, between and after the
   workbook's interactions), so that the baseline sees the same load as the rest;
1. step switch, first visit: Perspective, Barriers, Plan, Reflection, Summary, Start (the
   page was opened on Case); done when the step's view is visible and its stepper button is
   marked current;
1b. the same first visits in a second page, left alone after opening until it has built every
   step while quiet (``.pr-steps-ready``), as for someone who reads the first step a while;
   how long that took from opening the page is reported too;
2. step switch, returning to a step already visited: Case, Perspective, Plan, Reflection,
   Summary, Start, Barriers;
3. language switch on the Barriers step, to English and back to bokmål; done when the step's
   intro and stepper label are in the new language;
4. adding a catalogue barrier (an item selected in the catalogue, then "add selected");
   done when one more barrier card is visible. The barrier is removed again, untimed, so every
   run starts from the same workbook;
5. a rating reaching the chart: a different impact rating clicked on a barrier that is on the
   chart; done when the plotly chart's data holds the point with the new rating (its
   ``customdata`` is ``[number, impact, modifiability]``) and the drawing has stopped.

Reports median, min and max (ms) over all samples of each interaction and the ratio of the
median to the bare round trip's median; "shown" is the median time until the expected result
first held, before the page went quiet. Timing is never asserted: this only measures.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

# bench/dashboard.py, next to this script: its Voila server and Chromium settings.
from dashboard import CHROMIUM_ARGS, ROOT, voila
from physioreflect.content import message
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Status, dump_workbook, is_editable_by_author
from physioreflect.storage import Workspace

STEP_VIEWS = {
    "start": ".pr-start",
    "case": ".pr-case",
    "perspective": ".pr-perspective",
    "barriers": ".pr-barriers",
    "plan": ".pr-plan",
    "reflection": ".pr-reflection",
    "summary": ".pr-summary-view",
}
FIRST_VISITS = ("perspective", "barriers", "plan", "reflection", "summary", "start")
RETURNS = ("case", "perspective", "plan", "reflection", "summary", "start", "barriers")
BARE_BUTTON = ".bench-go"
BARE_OUTPUT = ".bench-out"
CHART = ".pr-barrier-chart .js-plotly-plot"
LOAD_TIMEOUT_MS = 180_000
CONDITION_MAX_MS = 120_000
SETTLE_MAX_MS = 30_000

ROWS = (
    # key, label, goal in the issue (median ratio; "none slower than 40×" where given)
    ("bare", "bare ipywidgets round trip (Button → HTML)", "1×"),
    ("step_first", "step switch, first visit", "≤ 25×"),
    ("step_prepared", "step switch, first visit once the page has prepared the steps", "≤ 25×"),
    ("step_return", "step switch, step already visited", "≤ 8×, max ≤ 40×"),
    ("step_all", "step switch, all", ""),
    ("language", "language switch (Barriers step)", "≤ 15×"),
    ("add_barrier", "add a catalogue barrier", "≤ 8×, max ≤ 40×"),
    ("rating_chart", "rating → chart redrawn", "≤ 15×"),
)

BARE_NOTEBOOK = """\
import ipywidgets as widgets

output = widgets.HTML("<span>clicked 0</span>")
output.add_class("bench-out")
button = widgets.Button(description="Go")
button.add_class("bench-go")
clicks = 0


def on_click(_button):
    global clicks
    clicks += 1
    output.value = f"<span>clicked {clicks}</span>"


button.on_click(on_click)
display(widgets.VBox([button, output]))
"""

# The probe: one MutationObserver for the whole document, the time of the click (capture
# phase, so before any widget handler runs) and a wait that first polls the expected result,
# then waits for the quiet window. All times are the page's performance.now().
INSTALL_PROBE = """
() => {
  if (window.__bench) return;
  const probe = { last: 0, lastNode: null, click: null, armed: false };
  const counts = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement;
    return !(element && element.closest('.pr-save-status'));
  };
  new MutationObserver((records) => {
    const counted = records.filter((record) => counts(record.target));
    if (counted.length === 0) return;
    probe.last = performance.now();
    probe.lastNode = counted[counted.length - 1].target;
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('click', () => {
    if (probe.armed) { probe.armed = false; probe.click = performance.now(); }
  }, true);
  window.__bench = probe;
}
"""

ARM = "() => { window.__bench.click = null; window.__bench.armed = true; }"

WAIT = """
async ({ clauses, quiet, conditionMax, settleMax, fromNow }) => {
  const probe = window.__bench;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const visible = (element) =>
    element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  const onChart = (plot, [number, impact]) => (plot.data || []).some((trace) =>
    (trace.customdata || []).some((point) => point[0] === number && point[1] === impact));
  const holds = (clause) => {
    let found = [...document.querySelectorAll(clause.selector)];
    if (clause.visible) found = found.filter(visible);
    if (clause.text !== undefined) found = found.filter((e) => e.textContent.includes(clause.text));
    if (clause.point !== undefined) found = found.filter((e) => onChart(e, clause.point));
    return clause.count !== undefined ? found.length === clause.count : found.length > 0;
  };
  // Where the last counted mutation happened: the nearest element with our classes.
  const describe = (node) => {
    let element = node && (node.nodeType === 1 ? node : node.parentElement);
    const own = (e) => [...e.classList].filter((c) => /^(pr|bench)-/.test(c));
    const tag = element ? element.tagName.toLowerCase() : '';
    while (element && own(element).length === 0) element = element.parentElement;
    return element ? `.${own(element).join('.')} ${tag}` : tag;
  };
  const begun = performance.now();
  if (fromNow) { probe.armed = false; probe.click = begun; }
  while (probe.click === null) {
    if (performance.now() - begun > 10000) return { error: 'the click never reached the page' };
    await sleep(5);
  }
  let shown = null;
  while (shown === null) {
    if (clauses.every(holds)) { shown = performance.now(); break; }
    if (performance.now() - probe.click > conditionMax) {
      return { error: 'expected result not seen', failing: clauses.filter((c) => !holds(c)) };
    }
    await sleep(10);
  }
  for (;;) {
    const now = performance.now();
    const last = Math.max(probe.last, probe.click);
    const settled = now - last >= quiet;
    if (settled || now - shown > settleMax) {
      return { click: probe.click, shown, last, settled, where: describe(probe.lastNode) };
    }
    await sleep(20);
  }
}
"""

Clause = dict[str, Any]


class BenchError(RuntimeError):
    pass


@dataclass
class Sample:
    total_ms: float  # click → last mutation before the quiet window
    shown_ms: float  # click → the expected result first held
    settled: bool
    detail: str = ""
    last_change: str = ""  # where the last counted mutation was


@dataclass
class Results:
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    prepared_s: list[float] = field(default_factory=list)
    """Seconds from opening a page until it had built every step (``.pr-steps-ready``)."""

    def add(self, key: str, sample: Sample) -> None:
        self.samples.setdefault(key, []).append(sample)


class Probe:
    """Times clicks on one page."""

    def __init__(self, page: Page, *, quiet_ms: float) -> None:
        self.page = page
        self.quiet_ms = quiet_ms
        page.evaluate(INSTALL_PROBE)
        state = page.evaluate("() => document.visibilityState")
        if state != "visible":
            # A hidden page would throttle its timers and flush the workbook's edits.
            msg = f"the page is {state}, not visible"
            raise BenchError(msg)

    def _wait(self, clauses: Sequence[Clause], *, quiet_ms: float, from_now: bool) -> Any:
        result = self.page.evaluate(
            WAIT,
            {
                "clauses": list(clauses),
                "quiet": quiet_ms,
                "conditionMax": CONDITION_MAX_MS,
                "settleMax": SETTLE_MAX_MS,
                "fromNow": from_now,
            },
        )
        if "error" in result:
            msg = f"{result['error']}: {json.dumps(result.get('failing', []), ensure_ascii=False)}"
            raise BenchError(msg)
        return result

    def time(self, click: Callable[[], None], clauses: Sequence[Clause], detail: str) -> Sample:
        self.page.evaluate(ARM)
        click()
        result = self._wait(clauses, quiet_ms=self.quiet_ms, from_now=False)
        return Sample(
            total_ms=result["last"] - result["click"],
            shown_ms=result["shown"] - result["click"],
            settled=bool(result["settled"]),
            detail=detail,
            last_change=str(result.get("where", "")),
        )

    def settle(self, clauses: Sequence[Clause] = (), *, quiet_ms: float = 1000) -> None:
        """Wait, untimed, until ``clauses`` hold and the page has been quiet a while."""
        self._wait(clauses, quiet_ms=quiet_ms, from_now=True)


def write_bare_notebook(folder: Path) -> Path:
    """The bare baseline's notebook (``BARE_NOTEBOOK``) in ``folder``."""
    path = folder / "bare.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(BARE_NOTEBOOK)]
    nbformat.write(notebook, path)
    return path


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's headless Chromium with bench/dashboard.py's settings."""
    return playwright.chromium.launch(
        executable_path=shutil.which("chromium") or "/usr/bin/chromium",
        headless=True,
        args=CHROMIUM_ARGS,
    )


# ── the bare round trip ───────────────────────────────────────────────────────────────────
def open_bare(browser: Browser, url: str, quiet_ms: float) -> Probe:
    page = browser.new_context().new_page()
    page.goto(url, timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(BARE_BUTTON, state="visible", timeout=LOAD_TIMEOUT_MS)
    probe = Probe(page, quiet_ms=quiet_ms)
    probe.settle([{"selector": BARE_OUTPUT, "visible": True}])
    return probe


def bare_click(probe: Probe) -> Sample:
    text = probe.page.locator(BARE_OUTPUT).inner_text().strip()
    expected = f"clicked {int(text.split()[-1]) + 1}"
    return probe.time(
        lambda: probe.page.locator(BARE_BUTTON).click(),
        [{"selector": BARE_OUTPUT, "text": expected}],
        expected,
    )


# ── the workbook ──────────────────────────────────────────────────────────────────────────
def prepare_workspace(folder: Path) -> str:
    """The example workspace, as ``bench/dashboard.py`` seeds it; the id of the longest
    example, which must be editable for the edits below."""
    workspace = Workspace(folder)
    workspace.seed_examples(sample_workbooks())
    longest = max(sample_workbooks(), key=lambda w: len(dump_workbook(w)))
    if is_editable_by_author(longest):
        return str(longest.meta.id)
    draft = longest.model_copy(
        update={"meta": longest.meta.model_copy(update={"status": Status.draft})}
    )
    return str(workspace.import_workbook(draft).meta.id)


def step_clauses(step: str) -> list[Clause]:
    return [
        {"selector": STEP_VIEWS[step], "visible": True},
        {"selector": f".pr-step-{step}.pr-current", "visible": True},
    ]


def open_workbook(browser: Browser, url: str, quiet_ms: float) -> Probe:
    page = browser.new_context().new_page()
    page.goto(url, timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(STEP_VIEWS["case"], state="visible", timeout=LOAD_TIMEOUT_MS)
    probe = Probe(page, quiet_ms=quiet_ms)
    probe.settle(step_clauses("case"))
    return probe


def open_prepared(browser: Browser, url: str, quiet_ms: float) -> tuple[Probe, float]:
    """The workbook in a new page, left alone until it has built every step while quiet, as
    for someone reading the first step; and how long that took from opening the page."""
    started = time.monotonic()
    probe = open_workbook(browser, url, quiet_ms)
    probe.page.wait_for_selector(
        ".pr-app.pr-steps-ready", state="attached", timeout=LOAD_TIMEOUT_MS
    )
    ready = time.monotonic() - started
    probe.settle(quiet_ms=1000)
    return probe, ready


def switch_step(probe: Probe, step: str) -> Sample:
    return probe.time(
        lambda: probe.page.locator(f".pr-step-{step}").click(), step_clauses(step), step
    )


def switch_language(probe: Probe, lang: str, step: str) -> Sample:
    name = {"nb": "Bokmål", "en": "English"}[lang]
    clauses = [
        {"selector": STEP_VIEWS[step], "visible": True, "text": message(f"{step}.intro", lang)},
        {"selector": f".pr-step-{step}", "visible": True, "text": message(f"step.{step}", lang)},
    ]
    return probe.time(
        lambda: probe.page.locator(".pr-language").get_by_role("button", name=name).click(),
        clauses,
        f"→ {lang}",
    )


def add_catalogue_barrier(probe: Probe, choice: int) -> Sample:
    page = probe.page
    # Only what is on screen: a dashboard may keep other steps' widgets, hidden.
    cards = {"selector": ".pr-barriers .pr-barrier", "visible": True}
    before = page.locator(".pr-barriers .pr-barrier").filter(visible=True).count()
    select = page.locator(".pr-barriers .pr-catalogue select").filter(visible=True).first
    options = select.locator("option").all_inner_texts()
    if not options:
        msg = "the barrier catalogue offers nothing to add"
        raise BenchError(msg)
    picked = options[choice % len(options)]
    select.select_option(label=picked)
    probe.settle()  # the selection reaches the kernel before the timed click
    sample = probe.time(
        lambda: page.locator(".pr-add-barriers-catalogue").click(),
        [{**cards, "count": before + 1}],
        picked,
    )
    # Remove it again, untimed, so that every run works on the same workbook.
    added = page.locator(".pr-barriers .pr-barrier").filter(visible=True).last
    added.locator(".pr-remove-entry").click()
    probe.settle([{**cards, "count": before}])
    return sample


def rate_on_chart(probe: Probe) -> Sample:
    page = probe.page
    chart = page.locator(CHART).filter(visible=True).first
    chart.wait_for(timeout=LOAD_TIMEOUT_MS)
    numbers = chart.evaluate(
        "(plot) => (plot.data || [])"
        ".flatMap((trace) => (trace.customdata || []).map((point) => point[0]))"
    )
    if not numbers:
        msg = "no rated barrier on the chart"
        raise BenchError(msg)
    number = min(numbers)
    card = page.locator(".pr-barriers .pr-barrier").filter(visible=True).nth(number - 1)
    ratings = card.locator(".pr-entry-impact")
    active = ratings.locator("button.mod-active")
    current = int(active.inner_text().strip()) if active.count() else 0
    new = current % 5 + 1
    return probe.time(
        lambda: ratings.get_by_role("button", name=str(new), exact=True).click(),
        [{"selector": CHART, "visible": True, "point": [number, new]}],
        f"barrier {number}: impact {current} → {new}",
    )


def one_run(browser: Browser, bare: Probe, url: str, results: Results, index: int) -> None:
    results.add("bare", bare_click(bare))
    probe = open_workbook(browser, url, bare.quiet_ms)
    try:
        for step in FIRST_VISITS:
            results.add("step_first", switch_step(probe, step))
        results.add("bare", bare_click(bare))
        for step in RETURNS:
            results.add("step_return", switch_step(probe, step))
        results.add("bare", bare_click(bare))
        for lang in ("en", "nb"):
            results.add("language", switch_language(probe, lang, "barriers"))
        results.add("add_barrier", add_catalogue_barrier(probe, index * 7))
        for _ in range(2):
            results.add("rating_chart", rate_on_chart(probe))
        probe.settle(quiet_ms=1500)  # let the last autosave finish before the page closes
    finally:
        probe.page.context.close()
    results.add("bare", bare_click(bare))
    probe, ready = open_prepared(browser, url, bare.quiet_ms)
    results.prepared_s.append(ready)
    try:
        for step in FIRST_VISITS:
            results.add("step_prepared", switch_step(probe, step))
    finally:
        probe.page.context.close()
    results.add("bare", bare_click(bare))


# ── report ────────────────────────────────────────────────────────────────────────────────
def summarise(results: Results) -> dict[str, Any]:
    samples = dict(results.samples)
    samples["step_all"] = samples.get("step_first", []) + samples.get("step_return", [])
    bare = statistics.median(s.total_ms for s in samples["bare"])
    rows: dict[str, Any] = {}
    for key, label, goal in ROWS:
        items = samples.get(key, [])
        if not items:
            continue
        totals = [s.total_ms for s in items]
        rows[key] = {
            "label": label,
            "goal": goal,
            "n": len(items),
            "median_ms": statistics.median(totals),
            "min_ms": min(totals),
            "max_ms": max(totals),
            "ratio": statistics.median(totals) / bare,
            "max_ratio": max(totals) / bare,
            "shown_median_ms": statistics.median(s.shown_ms for s in items),
            "unsettled": sum(not s.settled for s in items),
            "samples": [
                {
                    "total_ms": s.total_ms,
                    "shown_ms": s.shown_ms,
                    "detail": s.detail,
                    "last_change": s.last_change,
                }
                for s in items
            ],
        }
    steps: dict[str, Any] = {}
    for key in ("step_first", "step_prepared", "step_return"):
        for sample in samples.get(key, []):
            steps.setdefault(sample.detail, {}).setdefault(key, []).append(sample.total_ms)
    return {
        "bare_median_ms": bare,
        "rows": rows,
        "steps": steps,
        "prepared_s": results.prepared_s,
    }


def markdown(summary: dict[str, Any]) -> str:
    lines = [
        "| interaction | n | median | min | max | median ÷ bare | max ÷ bare | shown (median) "
        "| goal |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in summary["rows"].values():
        unsettled = f" ({row['unsettled']} not quiet)" if row["unsettled"] else ""
        lines.append(
            f"| {row['label']}{unsettled} | {row['n']} | {row['median_ms']:.0f} ms "
            f"| {row['min_ms']:.0f} ms | {row['max_ms']:.0f} ms | {row['ratio']:.1f}× "
            f"| {row['max_ratio']:.1f}× | {row['shown_median_ms']:.0f} ms | {row['goal']} |"
        )
    if summary["prepared_s"]:
        ready = summary["prepared_s"]
        lines += [
            "",
            f"Every step built while the page was quiet {min(ready):.1f}–{max(ready):.1f} s "
            "after the page was opened (median "
            f"{statistics.median(ready):.1f} s, {len(ready)} pages).",
        ]
    lines += [
        "",
        "| step | first visit (median) | first visit, prepared | returning (median) |",
        "|---|---|---|---|",
    ]
    for step in STEP_VIEWS:
        times = summary["steps"].get(step, {})
        cells = [
            f"{statistics.median(times[key]):.0f} ms" if key in times else "–"
            for key in ("step_first", "step_prepared", "step_return")
        ]
        lines.append(f"| {step} | {cells[0]} | {cells[1]} | {cells[2]} |")
    return "\n".join(lines)


def _commit() -> str:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures and samples here")
    parser.add_argument(
        "--quiet-ms",
        type=float,
        default=300,
        help="the page counts as settled after this long without a DOM mutation",
    )
    args = parser.parse_args()
    started = time.monotonic()
    load_before = os.getloadavg()
    results = Results()

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        bare_notebook = write_bare_notebook(base)
        workspace = base / "workspace"
        workbook_id = prepare_workspace(workspace)
        env = dict(
            os.environ,
            PHYSIOREFLECT_WORKSPACE=str(workspace),
            PHYSIOREFLECT_LANG="nb",
            JUPYTER_PATH=str(ROOT / "src/physioreflect/jupyter"),
        )
        ours = ROOT / "workbooks/reflection.ipynb"
        with (
            voila(bare_notebook, env=env, preheat=False, ours=False) as bare_url,
            voila(ours, env=env, preheat=False, ours=True) as our_url,
            sync_playwright() as playwright,
        ):
            browser = launch_chromium(playwright)
            try:
                bare = open_bare(browser, bare_url, args.quiet_ms)
                url = f"{our_url}?workbook={workbook_id}&step=case&lang=nb"
                for index in range(args.runs):
                    one_run(browser, bare, url, results, index)
                    print(
                        f"run {index + 1}/{args.runs} done ({time.monotonic() - started:.0f} s)",
                        file=sys.stderr,
                    )
            finally:
                browser.close()

    summary = summarise(results)
    load_after = os.getloadavg()
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cores": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "runs": args.runs,
        "quiet_ms": args.quiet_ms,
        "seconds": time.monotonic() - started,
    }
    print(
        f"{args.runs} runs, quiet window {args.quiet_ms:.0f} ms, "
        f"{meta['seconds']:.0f} s; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after, {os.cpu_count()} cores; commit {meta['commit']}\n"
    )
    print(markdown(summary))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"meta": meta, **summary}, indent=2, ensure_ascii=False), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
