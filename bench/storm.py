"""N pages opened at once: the start of a class, against a bare Voila page in the same run.

    PYTHONPATH=src .venv/bin/python bench/storm.py [--pages 1 5 10] [--with-20]
        [--before TREE] [--after TREE] [--limit 240] [--out bench/results/storm.json]

For each N, one server at a time (started fresh, so no kernel from an earlier round is left):

- bare: Voila's defaults on a notebook holding one ipywidgets Button;
- workbook: ``physioreflect serve`` from this checkout, on a fresh example workspace;
- before (``--before TREE``): ``physioreflect serve`` from another source tree, e.g.
  ``git archive <commit> src | tar -x -C TREE``, for a before/after in the same run.

N headless Chromium pages (one browser context each, as N students) are opened together. A
page is interactive when its first button is visible (bare: the Button; the workbook: the
Start step's "create" button). A page that is not interactive within ``--limit`` seconds
counts as never interactive; what it showed then is kept (blank, a starting notice, an error).

Per round: pages never interactive, median and slowest time to interactive, kernel memory
(RSS) 5 s after the last page became interactive, the CPU time the server and its kernels
used (what a server alone needs per student, without the browsers), the server log's IOPub
timeouts, and the load average before and after (the browsers share the machine with the
server).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from playwright.async_api import Browser, async_playwright

from physioreflect.fixtures import sample_workbooks
from physioreflect.serving import ServerProcess, free_port, voila_server
from physioreflect.storage import Workspace

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY = {"bare": ".widget-button", "workbook": ".pr-create", "before": ".pr-create"}
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class PageResult:
    seconds: float | None
    """Time to interactive; None when the page never became interactive."""
    shown: str = ""
    """What a page that never became interactive showed (its text, shortened)."""


@dataclass
class Round:
    kind: str
    pages: int
    results: list[PageResult] = field(default_factory=list)
    kernel_rss_mb: list[float] = field(default_factory=list)
    server_rss_mb: float = 0.0
    cpu_seconds: float = 0.0
    iopub_timeouts: int = 0
    load_before: float = 0.0
    load_after: float = 0.0
    wall_seconds: float = 0.0

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.results if r.seconds is not None]

    @property
    def never(self) -> int:
        return sum(1 for r in self.results if r.seconds is None)

    def summary(self) -> dict[str, object]:
        times = self.times
        return {
            "kind": self.kind,
            "pages": self.pages,
            "never_interactive": self.never,
            "median_s": statistics.median(times) if times else None,
            "slowest_s": max(times) if times else None,
            "kernel_rss_mb_median": (
                round(statistics.median(self.kernel_rss_mb), 1) if self.kernel_rss_mb else None
            ),
            "server_rss_mb": self.server_rss_mb,
            "cpu_seconds_per_page": self.cpu_seconds / self.pages,
            "iopub_timeouts": self.iopub_timeouts,
            "load_before": self.load_before,
            "load_after": self.load_after,
        }


# ── processes ───────────────────────────────────────────────────────────────────────────────
def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """User and system time of ``pid`` and of its children that were waited for."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rfind(")") + 2 :].split()
    # utime, stime, cutime, cstime: fields 14-17 of proc(5), here from the state field on.
    return sum(int(value) for value in fields[11:15]) / _CLOCK_TICKS


def _tree(pid: int) -> set[int]:
    """``pid`` and every process below it."""
    parents: dict[int, int] = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat[stat.rfind(")") + 2 :].split()[1])
    found = {pid}
    grew = True
    while grew:
        below = {child for child, parent in parents.items() if parent in found}
        grew = not below <= found
        found |= below
    return found


def _tree_cpu_seconds(pid: int) -> float:
    return sum(_cpu_seconds(one) for one in _tree(pid))


def _load() -> float:
    return os.getloadavg()[0]


# ── servers ─────────────────────────────────────────────────────────────────────────────────
def bare_notebook(folder: Path) -> Path:
    path = folder / "bare.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import ipywidgets as widgets\n\ndisplay(widgets.Button(description='Go'))"
        )
    ]
    nbformat.write(notebook, path)
    return path


def workbook_server(source: Path, workspace: Path, log: Path) -> ServerProcess:
    """``physioreflect serve`` with the package from ``source`` (a ``src`` folder)."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(source), PHYSIOREFLECT_WORKSPACE=str(workspace))
    command = [sys.executable, "-m", "physioreflect.cli", "--lang", "nb", "serve"]
    command += ["--no-browser", "--port", str(port)]
    return ServerProcess(
        command, url=f"http://127.0.0.1:{port}/", env=env, log=log, stop_timeout=60
    )


def make_server(kind: str, base: Path, before: Path | None, after: Path) -> ServerProcess:
    log = base / f"{kind}.log"
    log.unlink(missing_ok=True)
    if kind == "bare":
        env = dict(os.environ)
        return voila_server(bare_notebook(base), env=env, log=log, ours=False)
    workspace = base / f"workspace-{kind}"
    shutil.rmtree(workspace, ignore_errors=True)
    Workspace(workspace).seed_examples(sample_workbooks())
    source = before if kind == "before" and before is not None else after
    return workbook_server(source, workspace, log)


# ── pages ───────────────────────────────────────────────────────────────────────────────────
async def open_page(browser: Browser, url: str, selector: str, limit: float) -> PageResult:
    # A context of its own, as another student's browser; left open until the round is
    # measured (its kernel stays), closed with the browser.
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    start = time.perf_counter()
    try:
        # "commit": Voila streams the page while the notebook runs; its load event comes last.
        await page.goto(url, wait_until="commit", timeout=limit * 1000)
        left = limit - (time.perf_counter() - start)
        await page.wait_for_selector(selector, state="visible", timeout=max(left, 1) * 1000)
        return PageResult(time.perf_counter() - start)
    except Exception:
        try:
            shown = await page.evaluate("() => document.body ? document.body.innerText : ''")
        except Exception:
            shown = "(page not readable)"
        return PageResult(None, " ".join(str(shown).split())[:200] or "(blank)")


async def storm(
    kind: str, pages: int, base: Path, before: Path | None, after: Path, limit: float
) -> Round:
    server = make_server(kind, base, before, after)
    result = Round(kind=kind, pages=pages)
    with server:
        await asyncio.sleep(2)  # the server answered; let it settle before the storm
        result.load_before = _load()
        cpu_before = _tree_cpu_seconds(server.pid)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                headless=True,
                args=CHROMIUM_ARGS,
            )
            started = time.perf_counter()
            result.results = list(
                await asyncio.gather(
                    *(open_page(browser, server.url, READY[kind], limit) for _ in range(pages))
                )
            )
            result.wall_seconds = time.perf_counter() - started
            await asyncio.sleep(5)  # "5 s after the page is interactive"
            kernels = server.kernel_pids()
            result.kernel_rss_mb = sorted(round(_rss_mb(pid), 1) for pid in kernels)
            voila = _tree(server.pid) - kernels
            result.server_rss_mb = round(sum(_rss_mb(pid) for pid in voila), 1)
            result.cpu_seconds = _tree_cpu_seconds(server.pid) - cpu_before
            result.load_after = _load()
            await browser.close()
    result.iopub_timeouts = server.log_text().count("Timeout waiting for IOPub output")
    return result


def _fmt(seconds: object) -> str:
    return f"{seconds:.1f} s" if isinstance(seconds, float) else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--with-20", action="store_true", help="add N = 20 (takes long)")
    parser.add_argument("--before", type=Path, default=None, help="another src tree to compare")
    parser.add_argument(
        "--after", type=Path, default=ROOT / "src", help="the workbook's src tree (default: ours)"
    )
    parser.add_argument("--limit", type=float, default=240.0, help="seconds a page may take")
    parser.add_argument("--kinds", nargs="+", default=None, help="subset of bare workbook before")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/storm.json")
    args = parser.parse_args()
    counts = [*args.pages, *([20] if args.with_20 and 20 not in args.pages else [])]
    kinds = args.kinds or ["bare", "workbook", *(["before"] if args.before else [])]

    rounds: list[Round] = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for pages in counts:
            for kind in kinds:
                one = asyncio.run(storm(kind, pages, base, args.before, args.after, args.limit))
                rounds.append(one)
                row = one.summary()
                print(
                    f"N={pages:>2} {kind:<8} never {one.never}/{pages}, median "
                    f"{_fmt(row['median_s'])}, slowest {_fmt(row['slowest_s'])}, kernel RSS "
                    f"{row['kernel_rss_mb_median']} MB, CPU/page {row['cpu_seconds_per_page']:.2f}"
                    f" s, IOPub timeouts {one.iopub_timeouts}, load {one.load_before:.1f}→"
                    f"{one.load_after:.1f}",
                    flush=True,
                )
                for failed in (r for r in one.results if r.seconds is None):
                    print(f"      not interactive, showed: {failed.shown!r}", flush=True)

    print(
        "\n| N | page | never interactive | median | slowest | kernel RSS (median) "
        "| CPU s per page (server + kernel) | IOPub timeouts | load avg before → after |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for one in rounds:
        row = one.summary()
        print(
            f"| {one.pages} | {one.kind} | {one.never} / {one.pages} | {_fmt(row['median_s'])} | "
            f"{_fmt(row['slowest_s'])} | {row['kernel_rss_mb_median']} MB | "
            f"{row['cpu_seconds_per_page']:.2f} | {one.iopub_timeouts} | "
            f"{one.load_before:.1f} → {one.load_after:.1f} |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            [
                {
                    **one.summary(),
                    "results": [asdict(r) for r in one.results],
                    "kernel_rss_mb": one.kernel_rss_mb,
                }
                for one in rounds
            ],
            indent=2,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
