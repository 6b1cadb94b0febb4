"""The cohort overview in a real browser: how long a supervisor waits for each click, as a
ratio to a bare ipywidgets round trip measured in the same run.

    PYTHONPATH=src .venv/bin/python bench/cohort_dashboard.py [--class-size 200] [--runs 3]
        [--json out.json]

A bare Voila notebook (bench/interactions.py's Button → HTML) and ``workbooks/cohort.ipynb``
run side by side on 127.0.0.1, the overview on a folder of ``--class-size`` synthetic
submissions (one of them damaged). Timed in the page with bench/interactions.py's probe,
from the click to the last DOM mutation before the page stays quiet:

- open: the page loaded until the table and its four charts are drawn (from navigation);
- filter: a status chosen in the filter, until only that status's rows are shown;
- blind: blind review turned on or off, until the names (or the codes) are shown;
- language: the interface language switched, until the title is in it;
- read: another folder typed in and "Read" pressed (the class without its damaged file, then
  the class again), until its summary is shown.

Only measures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from dashboard import ROOT, voila
from interactions import (
    LOAD_TIMEOUT_MS,
    Probe,
    Results,
    Sample,
    bare_click,
    launch_chromium,
    open_bare,
    write_bare_notebook,
)
from physioreflect.content import message
from physioreflect.fixtures import synthetic_workbooks
from physioreflect.model import dump_workbook

CHARTS = [
    f".pr-class-{name}-chart .js-plotly-plot"
    for name in ("status", "completeness", "barriers", "rubric")
]
# A choice in a <select> is no click: its time is taken as the choice is made.
CHOOSE = """
(label) => {
  const select = document.querySelector('.pr-cohort-status select');
  const option = [...select.options].find((o) => o.text === label);
  window.__bench.armed = false;
  window.__bench.click = performance.now();
  select.value = option.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}
"""
ROWS = (
    ("bare", "bare ipywidgets round trip (Button → HTML)"),
    ("open", "page opened → table and charts drawn"),
    ("filter", "status filter"),
    ("blind", "blind review on / off"),
    ("language", "language switch"),
    ("read", "read another folder"),
)


def write_class(folder: Path, size: int) -> None:
    folder.mkdir(parents=True)
    for index, workbook in enumerate(synthetic_workbooks(size - 1, seed=17)):
        (folder / f"{index:04}.json").write_bytes(dump_workbook(workbook))
    (folder / "damaged.json").write_text('{"schema_version": 3, "meta": ')


def open_overview(browser: Browser, url: str, quiet_ms: float) -> tuple[Probe, float]:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".pr-cohort-row", timeout=LOAD_TIMEOUT_MS)
    for chart in CHARTS:
        page.wait_for_selector(chart, timeout=LOAD_TIMEOUT_MS)
    opened_ms = (time.perf_counter() - started) * 1000
    probe = Probe(page, quiet_ms=quiet_ms)
    probe.settle(quiet_ms=1000)
    return probe, opened_ms


def one_run(
    browser: Browser, bare: Probe, url: str, submissions: Path, size: int, results: Results
) -> None:
    results.add("bare", bare_click(bare))
    probe, opened_ms = open_overview(browser, url, bare.quiet_ms)
    results.add("open", Sample(total_ms=opened_ms, shown_ms=opened_ms, settled=True))
    page = probe.page
    other = submissions.with_name("without-damaged")
    try:
        for status, label in (("approved", "Approved"), ("", "All")):
            rows = ".pr-cohort-row.pr-status-draft"
            clause: dict[str, Any] = (
                {"selector": rows, "count": 0} if status else {"selector": rows}
            )
            results.add(
                "filter",
                probe.time(
                    lambda label=label: page.evaluate(CHOOSE, label),
                    [clause],
                    label,
                ),
            )
        results.add("bare", bare_click(bare))
        for blind in (True, False):
            expected = "S-" if blind else "student-"
            results.add(
                "blind",
                probe.time(
                    lambda: page.locator(".pr-cohort-blind input").click(),
                    [{"selector": ".pr-cohort-table", "text": expected}],
                    f"blind {blind}",
                ),
            )
        for lang, label in (("nb", "Bokmål"), ("en", "English")):
            results.add(
                "language",
                probe.time(
                    lambda label=label: page.locator(".pr-language button", has_text=label).click(),
                    [{"selector": ".pr-cohort-title", "text": message("cohort.page.title", lang)}],
                    lang,
                ),
            )
        results.add("bare", bare_click(bare))
        for folder, files, problems in ((other, size - 1, 0), (submissions, size, 1)):
            summary = message(
                "cohort.page.summary",
                "en",
                files=files,
                workbooks=size - 1,
                problems=problems,
                shown=size - 1,
            )
            page.locator(".pr-cohort-source input").fill(str(folder))
            results.add(
                "read",
                probe.time(
                    lambda: page.locator(".pr-cohort-read").click(),
                    [{"selector": ".pr-cohort-summary", "text": summary}],
                    folder.name,
                ),
            )
    finally:
        page.context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--class-size", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quiet-ms", type=float, default=300)
    args = parser.parse_args()
    started = time.monotonic()
    load_before = os.getloadavg()
    results = Results()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        bare_notebook = write_bare_notebook(base)
        submissions = base / "submissions"
        write_class(submissions, args.class_size)
        shutil.copytree(submissions, base / "without-damaged")
        (base / "without-damaged" / "damaged.json").unlink()
        env = dict(
            os.environ,
            PHYSIOREFLECT_WORKSPACE=str(base / "workspace"),
            PHYSIOREFLECT_LANG="en",
            PHYSIOREFLECT_SUBMISSIONS=str(submissions),
            JUPYTER_PATH=str(ROOT / "src/physioreflect/jupyter"),
        )
        with (
            voila(bare_notebook, env=env, preheat=False, ours=False) as bare_url,
            voila(ROOT / "workbooks/cohort.ipynb", env=env, preheat=False, ours=True) as url,
            sync_playwright() as playwright,
        ):
            browser = launch_chromium(playwright)
            try:
                bare = open_bare(browser, bare_url, args.quiet_ms)
                for index in range(args.runs):
                    one_run(browser, bare, url + "?lang=en", submissions, args.class_size, results)
                    print(f"run {index + 1}/{args.runs} done", file=sys.stderr)
            finally:
                browser.close()
    bare_median = statistics.median(s.total_ms for s in results.samples["bare"])
    load_after = os.getloadavg()
    print(
        f"class of {args.class_size} files, {args.runs} runs, {time.monotonic() - started:.0f} s; "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after\n"
    )
    print("| interaction | n | median | min | max | median ÷ bare |")
    print("|---|---|---|---|---|---|")
    for key, label in ROWS:
        totals = [s.total_ms for s in results.samples.get(key, [])]
        if totals:
            median = statistics.median(totals)
            print(
                f"| {label} | {len(totals)} | {median:.0f} ms | {min(totals):.0f} ms "
                f"| {max(totals):.0f} ms | {median / bare_median:.1f}× |"
            )


if __name__ == "__main__":
    main()
