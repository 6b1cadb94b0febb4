"""Benchmark of the patient's handout export, beside the summary's in the same run.

    .venv/bin/python bench/export_handout.py [--runs 20] [--cold-runs 5]

1. Warm: ``export_handout_pdf`` of the example workbook with the longest plan, in a process
   that has exported it before: the same workbook again, and with the note to the patient
   changed every round (an edit in the Plan step), in the workbook's language and in the
   other one; beside it ``export_pdf`` (the summary) of the same workbook, edited the same
   way.
2. Cold: a fresh Python process that imports ``physioreflect.export`` and exports the
   handout once.

Goal: warm export ≤ 100 ms, the summary's budget. Results also go to
``bench/results/export_handout.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

# The cold export is measured as the summary's is (bench/export_pdf.py, beside this script).
from export_pdf import bench_cold
from physioreflect.export import export_handout_pdf, export_pdf
from physioreflect.fixtures import sample_paths, sample_workbooks
from physioreflect.model import Workbook

ROOT = Path(__file__).resolve().parents[1]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _longest_plan() -> tuple[Workbook, Path]:
    pairs = list(zip(sample_workbooks(), sample_paths(), strict=True))
    return max(pairs, key=lambda pair: len(pair[0].plan.model_dump_json()))


def _edited(workbook: Workbook, index: int) -> Workbook:
    plan = workbook.plan.model_copy(deep=True)
    plan.for_patient.note = f"{plan.for_patient.note} Lykke til, uke {index}."
    return workbook.model_copy(update={"plan": plan})


def _median(runs: int, export: Callable[[int], object]) -> float:
    export(-1)  # the first export of a document loads fonts and parses its template
    times = []
    for index in range(runs):
        start = time.perf_counter()
        export(index)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_COLD = """
import sys, time
start = time.perf_counter()
from physioreflect.export import export_handout_pdf
from physioreflect.model import parse_workbook
workbook = parse_workbook(open(sys.argv[1], "rb").read(), source="bench")
pdf = export_handout_pdf(workbook)
sys.stdout.write(str(time.perf_counter() - start))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/export_handout.json")
    args = parser.parse_args()

    workbook, path = _longest_plan()
    other = "en" if workbook.meta.language.value == "nb" else "nb"
    print(f"Example with the longest plan: {workbook.meta.title}")
    warm = {
        "same": _median(args.runs, lambda _i: export_handout_pdf(workbook)),
        "edited": _median(args.runs, lambda i: export_handout_pdf(_edited(workbook, i))),
        "edited_other_language": _median(
            args.runs, lambda i: export_handout_pdf(_edited(workbook, i), lang=other)
        ),
        "summary_edited": _median(args.runs, lambda i: export_pdf(_edited(workbook, i))),
    }
    print(f"warm handout, same workbook again:      {_ms(warm['same'])} (median of {args.runs})")
    print(f"warm handout, note to the patient edited: {_ms(warm['edited'])}")
    print(f"warm handout, edited, in {other}:           {_ms(warm['edited_other_language'])}")
    print(f"warm summary of the same, edited:        {_ms(warm['summary_edited'])}")
    cold = bench_cold(path, args.cold_runs, script=_COLD)
    print(f"cold handout, whole fresh process:       {_ms(cold['process'])}")
    print(f"cold handout, import + first export:     {_ms(cold['import_and_export'])}")
    worst = max(warm["edited"], warm["edited_other_language"])
    print(f"goal warm <= 100 ms: {'met' if worst <= 0.1 else 'NOT met'}")
    results = {
        "machine": platform.platform(),
        "python": platform.python_version(),
        "workbook": workbook.meta.title,
        "warm": warm,
        "cold": cold,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
