"""The supervisor's review dashboard in a real browser: how long a supervisor waits for each
click, as a ratio to a bare ipywidgets round trip measured in the same run; and the same
steps in this process, without a kernel or a browser, to see what the kernel's share is.

    PYTHONPATH=src .venv/bin/python bench/review_dashboard.py [--class-size 200] [--runs 5]
        [--kernel-rounds 5] [--profile] [--json out.json]

A shared submissions folder of ``--class-size`` synthetic workbooks
(``fixtures.synthetic_workbooks``; drafts and returned ones moved to submitted with
``model.with_status``, approved ones passed over), each handed in as ``submit`` leaves it
(``<id>/<time>.json``). Three Voila servers run side by side on 127.0.0.1: the bare Button →
HTML notebook of bench/interactions.py, ``workbooks/review.ipynb`` and ``workbooks/cohort.ipynb``
on that folder (as ``physioreflect serve --dashboard review|cohort --submissions DIR`` serves
them). Timed in the page with bench/interactions.py's probe: from the click (or the change of a
field) to the last DOM mutation before the page stays quiet for ``--quiet-ms``, once the
expected result is on screen; "shown" is when the expected result first held. Each run:

- open (twice, two fresh pages and kernels): ``/?submission=FILE`` from navigation until the
  review is shown (its last section and the state line visible; wall-clock in this process);
- rubric level chosen, the first change of a fresh review: until ``.pr-review-state`` says
  "Draft, saved <time>" (it said "Not reviewed yet"); the level is then checked in the record
  on disk;
- reviewer's name typed (committed as the field's change, as leaving the field does): until
  the state says "Draft, saved <time>" (again the first change of a fresh review, on the
  second page);
- comment added beside the barriers (an anchor chosen, the text filled in, untimed; then
  "Add comment"): until the comment's text is visible in ``.pr-review-section-barriers
  .pr-comment``;
- release asked ("Send to the student", after a decision chosen untimed): until the question
  is shown; release confirmed: until the state says "Sent to the student" (the returned file
  is then checked on disk);
- from the class overview (one page, kept open through the runs): a row chosen (untimed) and
  "Open" pressed, until its review is shown; a rubric level chosen there (untimed), then
  "Back", until the overview is shown again (``shown``) and its table, read again, has the row
  marked "Draft" (``done``).

The bare round trip is clicked between the steps, so that it sees the same load.

Then, in this process (``--kernel-rounds``, median): the same steps as the kernel runs them,
with the number of widget models each creates (every one is a message to the browser), and
with ``--profile`` the functions that take the time (cProfile, cumulative).

Only measures; nothing is asserted about time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets import widget as widget_module
from playwright.sync_api import Browser, Page, sync_playwright

# bench/dashboard.py and bench/interactions.py, next to this script.
from dashboard import ROOT, voila
from interactions import (
    ARM,
    BARE_BUTTON,
    LOAD_TIMEOUT_MS,
    Probe,
    Results,
    Sample,
    bare_click,
    launch_chromium,
    open_bare,
    write_bare_notebook,
)
from physioreflect.cohort import RETURNED_SUFFIX, ReviewDesk
from physioreflect.content import message
from physioreflect.fixtures import synthetic_workbooks
from physioreflect.model import Status, Workbook, parse_workbook, with_status
from physioreflect.storage import submit_copy

REVIEWER = "Vera Veileder"
SECTION = "barriers"
LAST_SECTION = ".pr-review-section-reflection"
HANDED_IN = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

# A field's change is no click: its time is taken as the change is made, then the change
# event is sent as the browser sends it (a <select> chosen, a text field left).
CHANGE = """
([selector, value]) => {
  const element = document.querySelector(selector);
  window.__bench.armed = false;
  window.__bench.click = performance.now();
  if (value !== null) element.value = value;
  element.dispatchEvent(new Event('change', { bubbles: true }));
}
"""

ROWS = (
    ("bare", "bare ipywidgets round trip (Button → HTML)"),
    ("bare_open", "bare Voila page opened → its button shown"),
    ("open", "page opened → review shown"),
    ("rubric", "rubric level chosen → state “saved”"),
    ("reviewer", "reviewer's name typed → state “saved”"),
    ("comment", "comment added → comment shown"),
    ("release_ask", "“Send to the student” → question shown"),
    ("release", "release confirmed → state “sent”"),
    ("from_overview", "overview: “Open” → review shown"),
    ("back", "review: “Back” → overview shown"),
    ("back_read", "review: “Back” → table read again (row marked)"),
)


@dataclass(frozen=True)
class Handed:
    name: str  # as the folder names it: "<id>/<time>.json"
    label: str  # as the overview's "open" list names it: "student – title"


# ── the class ─────────────────────────────────────────────────────────────────────────────
def submittable(count: int, *, seed: int = 17) -> Iterator[Workbook]:
    """``count`` synthetic workbooks, submitted: drafts and returned ones moved on, the
    submitted kept, the approved (final) passed over."""
    made = 0
    for workbook in synthetic_workbooks(count * 3, seed=seed):
        if made == count:
            return
        status = workbook.meta.status
        if status is Status.approved:
            continue
        yield workbook if status is Status.submitted else with_status(workbook, Status.submitted)
        made += 1
    msg = f"fewer than {count} submittable synthetic workbooks"
    raise RuntimeError(msg)


def write_class(folder: Path, size: int) -> list[Handed]:
    folder.mkdir(parents=True)
    handed = []
    for index, workbook in enumerate(submittable(size)):
        path = submit_copy(workbook, folder, now=HANDED_IN + dt.timedelta(minutes=index))
        name = path.relative_to(folder).as_posix()
        label = f"{workbook.meta.author} – {workbook.meta.title}"
        handed.append(Handed(name, label))
    return handed


# ── who is reviewed where ─────────────────────────────────────────────────────────────────
# Every step reviews a file nobody reviewed before: the first ``2 × runs`` for the two pages
# of each run, then files spread over the class for the overview (one a run, its label
# unique in the "open" list); the last ``3 × kernel rounds + 1`` for this process.
def kernel_pool(handed: list[Handed], rounds: int) -> tuple[Handed, list[Handed], list[Handed]]:
    pool = handed[-(3 * rounds + 1) :]
    return pool[0], pool[1 : 2 * rounds + 1], pool[2 * rounds + 1 :]


def browser_pools(
    handed: list[Handed], runs: int, rounds: int
) -> tuple[list[Handed], list[Handed]]:
    pages = handed[: 2 * runs]
    rest = handed[2 * runs : -(3 * rounds + 1)]
    labels = [h.label for h in handed]
    unique = [h for h in rest if labels.count(h.label) == 1]
    opened = unique[:: max(1, len(unique) // runs)][:runs]
    if len(opened) < runs:
        msg = "the class is too small for that many runs"
        raise RuntimeError(msg)
    return pages, opened


# ── the browser ───────────────────────────────────────────────────────────────────────────
# The browser's own share: the time its main thread spent in long tasks (over 50 ms: script,
# layout, drawing) between the click and the last change, by interaction.
WATCH_LONG_TASKS = """
() => {
  if (window.__longtasks) return;
  window.__longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}
"""
BUSY_SINCE_CLICK = """
(span) => {
  const start = window.__bench.click, end = start + span;
  return window.__longtasks
    .filter(([s, d]) => s + d > start && s < end)
    .reduce((sum, [s, d]) => sum + Math.min(s + d, end) - Math.max(s, start), 0);
}
"""
BUSY: dict[str, list[float]] = {}
# What the kernel sent: websocket frames and their bytes received by the page, by interaction.
FRAMES: dict[str, list[tuple[int, int]]] = {}
_RECEIVED: dict[int, list[int]] = {}


def count_frames(page: Page) -> None:
    """Count every websocket frame the page receives from now on (frames, bytes)."""
    counter = _RECEIVED.setdefault(id(page), [0, 0])

    def received(payload: str | bytes) -> None:
        counter[0] += 1
        counter[1] += len(payload)

    page.on("websocket", lambda socket: socket.on("framereceived", received))


def frames_since(page: Page, before: list[int], key: str) -> None:
    now = _RECEIVED.get(id(page), [0, 0])
    FRAMES.setdefault(key, []).append((now[0] - before[0], now[1] - before[1]))


def busy(probe: Probe, key: str, span_ms: float) -> None:
    BUSY.setdefault(key, []).append(float(probe.page.evaluate(BUSY_SINCE_CLICK, span_ms)))


def timed(
    results: Results,
    key: str,
    probe: Probe,
    click: Callable[[], None],
    clauses: list[dict[str, Any]],
    detail: str,
) -> None:
    probe.page.evaluate(WATCH_LONG_TASKS)
    before = list(_RECEIVED.get(id(probe.page), [0, 0]))
    sample = probe.time(click, clauses, detail)
    results.add(key, sample)
    busy(probe, key, sample.total_ms)
    frames_since(probe.page, before, key)


def review_shown(state: str | None = None) -> list[dict[str, Any]]:
    clauses: list[dict[str, Any]] = [
        {"selector": ".pr-review", "visible": True},
        {"selector": LAST_SECTION, "visible": True},
        {"selector": ".pr-review-state", "visible": True},
    ]
    if state is not None:
        clauses[-1]["text"] = state
    return clauses


def change(probe: Probe, selector: str, value: str | None) -> None:
    probe.page.evaluate(CHANGE, [selector, value])


def open_review(
    browser: Browser, url: str, quiet_ms: float, results: Results
) -> tuple[Probe, Page]:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    count_frames(page)
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        for clause in review_shown(message("review.page.state_new", "en")):
            locator = page.locator(clause["selector"])
            if "text" in clause:
                locator = locator.filter(has_text=clause["text"])
            locator.first.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
        opened_ms = (time.perf_counter() - started) * 1000
        results.add("open", Sample(total_ms=opened_ms, shown_ms=opened_ms, settled=True))
        probe = Probe(page, quiet_ms=quiet_ms)
        probe.settle(quiet_ms=1000)
        frames_since(page, [0, 0], "open")
    except BaseException:
        page.context.close()
        raise
    return probe, page


def before_date(key: str) -> str:
    """A state line's words before its date: "Draft, saved", "Sent to the student on"."""
    return message(key, "en", date="\0").split("\0")[0].rstrip()


def saved_state() -> str:
    return before_date("review.page.state_draft")


def first_option(page: Page, selector: str, index: int) -> str:
    return str(page.locator(f"{selector} option").nth(index).get_attribute("value"))


def score_first(probe: Probe, submissions: Path, handed: Handed, results: Results) -> None:
    """A rubric level chosen as the first change of a fresh review."""
    select = ".pr-review-score select"
    level = first_option(probe.page, select, 3)
    timed(
        results,
        "rubric",
        probe,
        lambda: change(probe, select, level),
        [{"selector": ".pr-review-state", "text": saved_state()}],
        handed.name,
    )
    record = ReviewDesk(submissions).record(handed.name)
    assert record is not None, "the rubric level was not saved"
    assert 3 in {score.level for score in record.review.rubric.values()}, record.review.rubric


def review_and_release(
    probe: Probe, submissions: Path, handed: Handed, results: Results, run: int
) -> None:
    page = probe.page
    field = ".pr-review-reviewer input"
    page.locator(field).fill(REVIEWER)  # typed; sent when the field is left
    timed(
        results,
        "reviewer",
        probe,
        lambda: change(probe, field, None),
        [{"selector": ".pr-review-state", "text": saved_state()}],
        handed.name,
    )

    section = page.locator(f".pr-review-section-{SECTION}")
    anchor = section.locator(".pr-review-anchor select")
    anchor.select_option(index=min(1, anchor.locator("option").count() - 1))  # a barrier
    text = f"Run {run}: what did she say about the pain, in her own words?"
    section.locator(".pr-review-comment-text textarea").fill(text)
    probe.settle()  # the anchor and the text reach the kernel before the timed click
    timed(
        results,
        "comment",
        probe,
        lambda: section.locator("button.pr-review-comment-add").click(),
        [{"selector": f".pr-review-section-{SECTION} .pr-comment", "text": text}],
        handed.name,
    )

    returned = message("review.page.decide_return", "en")
    page.locator(".pr-review-decision button", has_text=returned).click()
    probe.settle()
    timed(
        results,
        "release_ask",
        probe,
        lambda: page.locator("button.pr-review-release").click(),
        [{"selector": ".pr-review-release-question", "visible": True}],
        handed.name,
    )
    sent = before_date("review.page.state_released")
    timed(
        results,
        "release",
        probe,
        lambda: page.locator("button.pr-review-release-confirm").click(),
        [{"selector": ".pr-review-state", "text": sent}],
        handed.name,
    )
    stem = handed.name.removesuffix(".json")
    returned_file = submissions / f"{stem}{RETURNED_SUFFIX}"
    assert parse_workbook(returned_file.read_bytes()).meta.status is Status.returned


def open_bare_page(browser: Browser, url: str) -> Sample:
    """The baseline of opening a page: the bare notebook in a fresh page (a fresh kernel)."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        page.locator(BARE_BUTTON).wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
        opened_ms = (time.perf_counter() - started) * 1000
    finally:
        page.context.close()
    return Sample(total_ms=opened_ms, shown_ms=opened_ms, settled=True)


def open_overview(browser: Browser, url: str, quiet_ms: float) -> Probe:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    count_frames(page)
    try:
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_selector(".pr-cohort-row", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_selector(".pr-class-status-chart .js-plotly-plot", timeout=LOAD_TIMEOUT_MS)
        probe = Probe(page, quiet_ms=quiet_ms)
        probe.settle(quiet_ms=1000)
    except BaseException:
        page.context.close()
        raise
    return probe


def from_overview(probe: Probe, handed: Handed, results: Results) -> None:
    page = probe.page
    choice = ".pr-cohort-open-choice select"
    # The list shows its spaces as no-break spaces.
    labels = [t.replace("\xa0", " ") for t in page.locator(f"{choice} option").all_inner_texts()]
    # An option reads "student – title · handed in <time>": two hand-ins are told apart.
    index = next(i for i, label in enumerate(labels) if label.startswith(handed.label + " · "))
    value = first_option(page, choice, index)
    row = f".pr-cohort-table tbody tr:nth-child({index + 1})"
    draft = message("review_state.draft", "en")
    assert handed.label.split(" – ")[0] in page.locator(row).inner_text(), "not the row opened"
    assert draft not in page.locator(row).inner_text(), "the row was reviewed before"
    change(probe, choice, value)
    probe.settle()
    timed(
        results,
        "from_overview",
        probe,
        lambda: page.locator("button.pr-cohort-open").click(),
        review_shown(message("review.page.state_new", "en")),
        handed.name,
    )
    select = ".pr-review-score select"
    change(probe, select, first_option(page, select, 2))
    probe.settle([{"selector": ".pr-review-state", "text": saved_state()}])
    # Two figures of one click: the overview on screen again (with its earlier table), then
    # the table read again with this row's new review state, until the page is quiet.
    page.evaluate(WATCH_LONG_TASKS)
    before = list(_RECEIVED.get(id(page), [0, 0]))
    page.evaluate(ARM)
    page.locator("button.pr-review-back").click()
    back = probe._wait(
        [{"selector": ".pr-review", "count": 0}, {"selector": ".pr-cohort-table", "visible": True}],
        quiet_ms=0,
        from_now=False,
    )
    results.add(
        "back",
        Sample(
            total_ms=back["shown"] - back["click"],
            shown_ms=back["shown"] - back["click"],
            settled=True,
            detail=handed.name,
        ),
    )
    read = probe._wait([{"selector": row, "text": draft}], quiet_ms=probe.quiet_ms, from_now=False)
    busy(probe, "back", back["shown"] - back["click"])
    busy(probe, "back_read", read["last"] - read["click"])
    frames_since(page, before, "back_read")
    results.add(
        "back_read",
        Sample(
            total_ms=read["last"] - read["click"],
            shown_ms=read["shown"] - read["click"],
            settled=bool(read["settled"]),
            detail=handed.name,
            last_change=str(read.get("where", "")),
        ),
    )


def run_browser(
    args: argparse.Namespace, base: Path, handed: list[Handed], submissions: Path
) -> Results:
    results = Results()
    bare_notebook = write_bare_notebook(base)
    common = dict(
        os.environ,
        PHYSIOREFLECT_WORKSPACE=str(base / "workspace"),
        PHYSIOREFLECT_LANG="en",
        PHYSIOREFLECT_SUBMISSIONS=str(submissions),
        JUPYTER_PATH=str(ROOT / "src/physioreflect/jupyter"),
    )
    common.pop("PHYSIOREFLECT_REVIEWER", None)
    review_env = {**common, "PHYSIOREFLECT_DASHBOARD": "review"}
    cohort_env = {**common, "PHYSIOREFLECT_DASHBOARD": "cohort"}
    pages, opened = browser_pools(handed, args.runs, args.kernel_rounds)
    with (
        voila(bare_notebook, env=common, preheat=False, ours=False) as bare_url,
        voila(ROOT / "workbooks/review.ipynb", env=review_env, preheat=False, ours=True) as url,
        voila(ROOT / "workbooks/cohort.ipynb", env=cohort_env, preheat=False, ours=True) as curl,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        try:
            bare = open_bare(browser, bare_url, args.quiet_ms)
            overview = open_overview(browser, curl + "?lang=en", args.quiet_ms)
            for run in range(args.runs):
                first, second = pages[2 * run], pages[2 * run + 1]
                results.add("bare", bare_click(bare))
                results.add("bare_open", open_bare_page(browser, bare_url))
                probe, page = open_review(
                    browser, f"{url}?lang=en&submission={first.name}", args.quiet_ms, results
                )
                try:
                    score_first(probe, submissions, first, results)
                finally:
                    page.context.close()
                results.add("bare", bare_click(bare))
                probe, page = open_review(
                    browser, f"{url}?lang=en&submission={second.name}", args.quiet_ms, results
                )
                try:
                    review_and_release(probe, submissions, second, results, run)
                    probe.settle()
                finally:
                    page.context.close()
                results.add("bare", bare_click(bare))
                from_overview(overview, opened[run], results)
                results.add("bare", bare_click(bare))
                print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
        finally:
            browser.close()
    return results


# ── the kernel's share, in this process ───────────────────────────────────────────────────
def _models() -> int:
    return len(widget_module._instances)


def _find(root: widgets.Widget, css: str) -> Any:
    stack = [root]
    while stack:
        item = stack.pop()
        if css in getattr(item, "_dom_classes", ()):
            return item
        stack.extend(getattr(item, "children", ()))
    msg = f"no widget {css}"
    raise LookupError(msg)


def kernel_side(
    submissions: Path, handed: list[Handed], rounds: int, *, profile: bool
) -> dict[str, Any]:
    """Each step as the kernel runs it, ``rounds`` times on fresh submissions: time, widget
    models created; with ``profile``, the first round's top functions."""
    from physioreflect.app import CohortQuery, ReviewSession  # noqa: PLC0415
    from physioreflect.privacy import scan_workbook  # noqa: PLC0415
    from physioreflect.widgets.cohort_view import CohortApp  # noqa: PLC0415
    from physioreflect.widgets.review_view import ReviewApp  # noqa: PLC0415

    times: dict[str, list[float]] = {}
    models: dict[str, list[int]] = {}
    profiles: dict[str, str] = {}

    def step(key: str, action: Callable[[], Any], first: bool) -> Any:
        before = _models()
        profiler = cProfile.Profile() if profile and first else None
        started = time.perf_counter()
        result = profiler.runcall(action) if profiler is not None else action()
        times.setdefault(key, []).append((time.perf_counter() - started) * 1000)
        models.setdefault(key, []).append(_models() - before)
        if profiler is not None:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(18)
            profiles[key] = out.getvalue()
        return result

    # Warm: the content, the renderer and the privacy lists, as a kernel has them after
    # its first page; the first-time costs are part of "open" in the browser.
    spare, used, opened = kernel_pool(handed, rounds)
    ReviewApp(ReviewSession(submissions, spare.name), lang="en")
    scan_workbook(parse_workbook((submissions / spare.name).read_bytes()))
    for index in range(rounds):
        first = index == 0
        for handed_one in used[2 * index : 2 * index + 2]:
            app = step(
                "open",
                lambda h=handed_one: ReviewApp(ReviewSession(submissions, h.name), lang="en"),
                first,
            )
        step("reviewer", lambda app=app: setattr(app.reviewer, "value", REVIEWER), first)
        section = _find(app.sections, f"pr-review-section-{SECTION}")
        anchor = _find(section, "pr-review-anchor")
        anchor.index = min(1, len(anchor.options) - 1)  # a barrier, when there is one
        _find(section, "pr-review-comment-text").value = "What did she say, in her own words?"
        add = _find(section, "pr-review-comment-add")
        step("comment", add.click, first)
        score = next(iter(app.scores.values()))
        step("rubric", lambda score=score: setattr(score, "value", 3), first)
        app.decision.value = "returned"
        step("release_ask", app.release.click, first)
        step("release", app.confirm.click, first)

    query = CohortQuery(lang="en", scan=lambda workbook: len(scan_workbook(workbook)))
    overview = CohortApp(lang="en", source=str(submissions), query=query)
    for index in range(rounds):
        first = index == 0
        row = opened[index].label
        choices = overview.open_choice.options
        chosen = (v for label, v in choices if label.startswith(row + " · "))
        overview.open_choice.value = next(chosen)
        step("from_overview", overview.open_button.click, first)
        review = overview._review
        next(iter(review.scores.values())).value = 2
        step("back_read", review.back.click, first)
    return {"times": times, "models": models, "profiles": profiles}


# ── report ────────────────────────────────────────────────────────────────────────────────
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--class-size", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kernel-rounds", type=int, default=5)
    parser.add_argument("--quiet-ms", type=float, default=300)
    parser.add_argument("--profile", action="store_true", help="cProfile the kernel's steps")
    parser.add_argument("--no-browser", action="store_true", help="only the kernel's share")
    parser.add_argument("--json", type=Path, help="also write the figures and samples here")
    args = parser.parse_args()
    if args.class_size < 4 * args.runs + 3 * args.kernel_rounds + 1:
        parser.error("--class-size is too small for that many runs")
    started = time.monotonic()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        submissions = base / "submissions"
        handed = write_class(submissions, args.class_size)
        results = Results() if args.no_browser else run_browser(args, base, handed, submissions)
        kernel = kernel_side(submissions, handed, args.kernel_rounds, profile=args.profile)
    load_after = os.getloadavg()
    print(
        f"class of {args.class_size} submissions, {args.runs} runs, "
        f"{time.monotonic() - started:.0f} s; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after, {os.cpu_count()} cores\n"
    )
    summary: dict[str, Any] = {"rows": {}, "kernel": kernel}
    if results.samples:
        print_browser(results, kernel, summary)
    print_kernel(kernel)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")


def print_browser(results: Results, kernel: dict[str, Any], summary: dict[str, Any]) -> None:
    bare_median = statistics.median(s.total_ms for s in results.samples["bare"])
    print(
        "| interaction | n | median (done) | min | max | median ÷ bare | shown (median) "
        "| browser long tasks (median) | frames received (median) "
        "| in the kernel, in process (median) | widget models made |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for key, label in ROWS:
        items = results.samples.get(key, [])
        if not items:
            continue
        totals = [s.total_ms for s in items]
        median = statistics.median(totals)
        shown = statistics.median(s.shown_ms for s in items)
        unsettled = sum(not s.settled for s in items)
        note = f" ({unsettled} not quiet)" if unsettled else ""
        busy_ms = BUSY.get(key)
        in_kernel = kernel["times"].get(key)
        made = kernel["models"].get(key)
        cells = [
            f"{label}{note}",
            str(len(totals)),
            f"{median:.0f} ms",
            f"{min(totals):.0f} ms",
            f"{max(totals):.0f} ms",
            f"{median / bare_median:.1f}×",
            f"{shown:.0f} ms",
            f"{statistics.median(busy_ms):.0f} ms" if busy_ms else "–",
            _frames(FRAMES.get(key)),
            f"{statistics.median(in_kernel):.0f} ms" if in_kernel else "–",
            f"{statistics.median(made):.0f}" if made else "–",
        ]
        print("| " + " | ".join(cells) + " |")
        summary["rows"][key] = {
            "label": label,
            "median_ms": median,
            "ratio": median / bare_median,
            "shown_median_ms": shown,
            "busy_ms": busy_ms,
            "samples": [
                {"total_ms": s.total_ms, "shown_ms": s.shown_ms, "where": s.last_change}
                for s in items
            ],
        }
    if "bare_open" in results.samples and "open" in results.samples:
        ratio = statistics.median(s.total_ms for s in results.samples["open"]) / (
            statistics.median(s.total_ms for s in results.samples["bare_open"])
        )
        print(f"\npage opened ÷ bare page opened: {ratio:.2f}×")
    summary["bare_median_ms"] = bare_median


def _frames(counts: list[tuple[int, int]] | None) -> str:
    if not counts:
        return "–"
    frames = statistics.median(c for c, _ in counts)
    size = statistics.median(b for _, b in counts)
    return f"{frames:.0f} ({size / 1000:.0f} kB)"


def print_kernel(kernel: dict[str, Any]) -> None:
    print("\nIn this process, without kernel or browser (median of the rounds):")
    print("| step | median | min | max | widget models made |\n|---|---|---|---|---|")
    for key, values in kernel["times"].items():
        made = kernel["models"][key]
        print(
            f"| {key} | {statistics.median(values):.1f} ms | {min(values):.1f} ms "
            f"| {max(values):.1f} ms | {statistics.median(made):.0f} |"
        )
    for key, text in kernel["profiles"].items():
        print(f"\n── profile: {key} ──\n{text}")


if __name__ == "__main__":
    main()
