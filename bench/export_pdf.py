"""Benchmark of the PDF summary export against ``jupyter nbconvert --to webpdf``, measured in
the same run.

    .venv/bin/python bench/export_pdf.py [--runs 20] [--cold-runs 5] [--webpdf-runs 3]

1. Warm: ``export_pdf`` of the longest example workbook in a process that has exported
   before. Twice: the same workbook again (Typst reuses what it laid out last time), and with
   one answer changed every round (an edit, as in the dashboard).
2. Cold: a fresh Python process that imports ``physioreflect.export`` and exports once; the
   wall time of the whole process and of the import and export inside it.
3. Baseline: ``jupyter nbconvert --to webpdf`` of a notebook holding the same content (the
   summary's headings, answers, comments and tables as Markdown cells; the two charts are
   left out, so this is the lower bound of what webpdf would take), as a fresh process each
   time, the way a user runs it. nbconvert launches Chromium through Playwright and has no
   setting for the browser's path, and Playwright cannot download its own build here, so
   ``PLAYWRIGHT_BROWSERS_PATH`` points at a folder that links Playwright's expected browser
   paths to Debian's Chromium (``PHYSIOREFLECT_CHROMIUM`` or ``/usr/lib/chromium/chromium``).
   If that still fails, the closest equivalent is measured instead and labelled as such:
   ``--to html`` then ``chromium --headless --print-to-pdf``.

Goal: warm export ≤ 100 ms and ≥ 20x faster than webpdf. Results also go to
``bench/results/export_pdf.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import nbformat

from physioreflect.export import export_pdf, summary_data
from physioreflect.fixtures import sample_paths, sample_workbooks
from physioreflect.model import Workbook, dump_workbook

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Where Playwright looks for its browsers, relative to each "Install location" it reports.
PLAYWRIGHT_EXECUTABLES = {
    "chromium-": "chrome-linux64/chrome",
    "chromium_headless_shell-": "chrome-headless-shell-linux64/chrome-headless-shell",
}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _longest() -> tuple[Workbook, Path]:
    pairs = list(zip(sample_workbooks(), sample_paths(), strict=True))
    return max(pairs, key=lambda pair: len(dump_workbook(pair[0])))


# ── 1. warm ─────────────────────────────────────────────────────────────────────────────────
def bench_warm(workbook: Workbook, runs: int) -> dict[str, float]:
    export_pdf(workbook)  # the first export loads fonts and parses the template
    same = []
    for _ in range(runs):
        start = time.perf_counter()
        export_pdf(workbook)
        same.append(time.perf_counter() - start)
    edited = []
    for index in range(runs):
        reflection = workbook.reflection.model_copy(
            update={"what": f"{workbook.reflection.what} Utkast {index}."}
        )
        changed = workbook.model_copy(update={"reflection": reflection})
        start = time.perf_counter()
        export_pdf(changed)
        edited.append(time.perf_counter() - start)
    return {"same": statistics.median(same), "edited": statistics.median(edited)}


# ── 2. cold ─────────────────────────────────────────────────────────────────────────────────
_COLD = """
import sys, time
start = time.perf_counter()
from physioreflect.export import export_pdf
from physioreflect.model import parse_workbook
workbook = parse_workbook(open(sys.argv[1], "rb").read(), source="bench")
pdf = export_pdf(workbook)
sys.stdout.write(str(time.perf_counter() - start))
"""


def bench_cold(path: Path, runs: int, script: str = _COLD) -> dict[str, float]:
    """A fresh process per run: ``script`` imports what it needs, exports ``path`` and says
    how long that took inside; the process's own time is measured around it."""
    process, inside = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        process.append(time.perf_counter() - start)
        inside.append(float(result.stdout))
    return {"process": statistics.median(process), "import_and_export": statistics.median(inside)}


# ── 3. webpdf ───────────────────────────────────────────────────────────────────────────────
def _markdown(data: dict[str, Any]) -> list[str]:
    """The summary's content as Markdown cells: what a notebook printout of it would hold."""
    title = data["title_block"]
    cells = [
        f"# {title['title']}\n\n"
        + "\n".join(f"- **{row['label']}**: {row['text'] or '–'}" for row in title["facts"])
    ]
    for section in data["sections"]:
        parts = [f"## {section['title']}"]
        for comment in section["comments"]:
            parts.append("> **" + comment["header"] + "**\n>\n> " + _prose(comment["prose"]))
        parts.extend(_blocks(section["blocks"]))
        cells.append("\n\n".join(parts))
    cells.append(
        "## "
        + data["labels"]["sources"]
        + "\n\n"
        + "\n".join(f"1. {source['citation']}" for source in data["sources"])
    )
    return cells


def _prose(paragraphs: list[dict[str, Any]]) -> str:
    return "\n\n".join(p["text"] for p in paragraphs) or "*–*"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _blocks(blocks: list[dict[str, Any]]) -> list[str]:
    parts: list[str] = []
    for block in blocks:
        kind = block["type"]
        if kind == "group":
            parts.append(f"### {block['title']}")
            parts.extend(_blocks(block["blocks"]))
        elif kind == "facts":
            parts.append(
                "\n".join(f"- **{r['label']}**: {r['text'] or '–'}" for r in block["rows"])
            )
        elif kind == "field":
            content = block.get("prose", block.get("quotes"))
            body = (
                _prose(content)
                if content is not None
                else "\n".join(f"- {item}" for item in block.get("items", []))
            )
            parts.append(f"**{block['label']}**\n\n{body}")
        elif kind == "answer":
            parts.append(f"**{block['question']}**\n\n{_prose(block['prose'])}")
        elif kind == "factor_table":
            rows = [
                [str(r["number"]), r["label"], r["com_b"], r["impact"], r["modifiability"]]
                for r in block["rows"]
            ]
            parts.append(_table(block["columns"][:5], rows))
        elif kind == "goals_table":
            rows = [
                [str(r["number"]), r["activity"], r["baseline"], r["target"], r["change"]]
                for r in block["rows"]
            ]
            parts.append(_table(block["columns"], rows))
        elif kind == "progression_table" and not block["empty"]:
            rows = [[r["label"], *map(str, r["values"])] for r in block["rows"] + block["totals"]]
            parts.append(_table([block["corner"], *map(str, block["weeks"])], rows))
        elif kind == "rubric_table":
            rows = [[r["criterion"], str(r["level"]), _prose(r["prose"])] for r in block["rows"]]
            parts.append(_table(block["columns"], rows))
    return parts


def _write_notebook(workbook: Workbook, folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(text) for text in _markdown(summary_data(workbook))
    ]
    path = folder / "summary.ipynb"
    nbformat.write(notebook, path)
    return path


def _chromium() -> str:
    found = os.environ.get("PHYSIOREFLECT_CHROMIUM")
    if found:
        return found
    debian = Path("/usr/lib/chromium/chromium")  # the binary behind Debian's wrapper script
    return str(debian) if debian.exists() else shutil.which("chromium") or "chromium"


def _playwright_browsers(folder: Path) -> Path:
    """A ``PLAYWRIGHT_BROWSERS_PATH`` whose expected browser executables link to Chromium."""
    listing = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "--dry-run", "chromium"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    browsers = folder / "browsers"
    for location in re.findall(r"Install location:\s+(\S+)", listing):
        name = Path(location).name
        for prefix, relative in PLAYWRIGHT_EXECUTABLES.items():
            if name.startswith(prefix) and name[len(prefix) :].isdigit():
                executable = browsers / name / relative
                executable.parent.mkdir(parents=True, exist_ok=True)
                executable.symlink_to(_chromium())
    return browsers


def _timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True, timeout=300)
    return time.perf_counter() - start


def bench_webpdf(workbook: Workbook, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        notebook = _write_notebook(workbook, folder)
        env = {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(_playwright_browsers(folder))}
        webpdf = [
            str(BIN / "jupyter"),
            "nbconvert",
            "--to",
            "webpdf",
            "--WebPDFExporter.disable_sandbox=True",
            str(notebook),
        ]
        try:
            times = [_timed(webpdf, env) for _ in range(runs)]
            pdf = notebook.with_suffix(".pdf")
            return {
                "method": "jupyter nbconvert --to webpdf (Debian's Chromium via Playwright)",
                "median": statistics.median(times),
                "pdf_bytes": pdf.stat().st_size,
            }
        except subprocess.CalledProcessError as error:
            print(f"webpdf failed ({error.stderr.decode()[-300:]!r}); measuring the fallback")
        html = [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(notebook)]
        pdf = folder / "summary.pdf"
        chromium = [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            notebook.with_suffix(".html").as_uri(),
        ]
        times = [_timed(html) + _timed(chromium) for _ in range(runs)]
        return {
            "method": "FALLBACK: nbconvert --to html + chromium --headless --print-to-pdf",
            "median": statistics.median(times),
            "pdf_bytes": pdf.stat().st_size,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--webpdf-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/export_pdf.json")
    args = parser.parse_args()

    workbook, path = _longest()
    size = len(dump_workbook(workbook))
    print(f"Longest example workbook: {workbook.meta.title} ({size / 1000:.1f} kB)")
    warm = bench_warm(workbook, args.runs)
    print(f"warm export, same workbook again:   {_ms(warm['same'])} (median of {args.runs})")
    print(f"warm export, one answer changed:    {_ms(warm['edited'])} (median of {args.runs})")
    cold = bench_cold(path, args.cold_runs)
    print(
        f"cold export, whole fresh process:   {_ms(cold['process'])} (median of {args.cold_runs})"
    )
    print(f"cold export, import + first export: {_ms(cold['import_and_export'])}")
    webpdf = bench_webpdf(workbook, args.webpdf_runs)
    print(f"{webpdf['method']}: {_ms(webpdf['median'])} (median of {args.webpdf_runs})")
    ratio_warm = webpdf["median"] / warm["edited"]
    ratio_cold = webpdf["median"] / cold["process"]
    print(f"ratio webpdf / warm export (edited): {ratio_warm:.0f}x  (goal >= 20x)")
    print(f"ratio webpdf / cold export process:  {ratio_cold:.1f}x")
    print(f"goal warm <= 100 ms: {'met' if warm['edited'] <= 0.1 else 'NOT met'}")

    results = {
        "machine": platform.platform(),
        "python": platform.python_version(),
        "workbook_bytes": size,
        "warm": warm,
        "cold": cold,
        "webpdf": webpdf,
        "ratio_webpdf_to_warm": ratio_warm,
        "ratio_webpdf_to_cold": ratio_cold,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
