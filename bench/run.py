"""Benchmarks of the workspace, each against its floor, measured in the same run.

    ./dev bench                 # or: .venv/bin/python bench/run.py [--sizes 1000 10000]

1. Save latency of the longest example workbook through ``Workspace.save`` (lock, revision
   check, atomic durable write, history copy) against a plain ``json.dump`` + ``os.replace``
   of the same dict: median, p95 and the ratio.
2. Listing a workspace of N synthetic workbooks with ``Workspace.list_workbooks`` (cold: no
   cache; warm: cache present) against reading every file with a bare ``json.load`` loop.
3. The cohort table of N synthetic submissions (a folder and a zip) against reading and
   validating the same files, and its peak memory (``bench/cohort.py``; ``--cohort-privacy``
   adds the run with the privacy scan, which takes minutes at 10,000).

Timings are wall-clock medians of several rounds on this machine; compare the ratios, which
are measured side by side, rather than the absolute figures across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# bench/cohort.py, next to this script (run as a script, its folder is on the path).
from cohort import bench as bench_cohort
from cohort import print_results as print_cohort
from physioreflect.fixtures import sample_workbooks, synthetic_workbooks
from physioreflect.model import Workbook, dump_workbook
from physioreflect.storage import Workspace


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def bench_save(rounds: int) -> dict[str, float]:
    longest = max(sample_workbooks(), key=lambda w: len(dump_workbook(w)))
    size = len(dump_workbook(longest))
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(Path(folder) / "ws")
        fresh = longest.meta.model_copy(update={"revision": 0})
        workbook = workspace.create(longest.model_copy(update={"meta": fresh}))
        ours = []
        for index in range(rounds):
            reflection = workbook.reflection.model_copy(update={"what": f"utkast {index}"})
            edited = workbook.model_copy(update={"reflection": reflection})
            start = time.perf_counter()
            workbook = workspace.save(edited)
            ours.append(time.perf_counter() - start)

        plain_path = Path(folder) / "plain.json"
        data = workbook.to_json_dict()
        floor = []
        for index in range(rounds):
            data["reflection"]["what"] = f"utkast {index}"
            start = time.perf_counter()
            temp = plain_path.with_suffix(".tmp")
            with temp.open("w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=2)
            os.replace(temp, plain_path)
            floor.append(time.perf_counter() - start)
    result = {
        "bytes": size,
        "ours_median": statistics.median(ours),
        "ours_p95": _percentile(ours, 0.95),
        "floor_median": statistics.median(floor),
        "floor_p95": _percentile(floor, 0.95),
    }
    result["ratio_median"] = result["ours_median"] / result["floor_median"]
    return result


def _median_time(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _json_load_all(folder: Path) -> None:
    for path in folder.glob("*.json"):
        with path.open("rb") as handle:
            json.load(handle)


def bench_list(size: int, rounds: int) -> dict[str, float]:
    workbooks: list[Workbook] = list(synthetic_workbooks(size, seed=size))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ws"
        root.mkdir()
        for workbook in workbooks:
            (root / f"{workbook.meta.id}.json").write_bytes(dump_workbook(workbook))
        workspace = Workspace(root)
        index = root / ".physioreflect" / "index.json"

        def cold() -> None:
            index.unlink(missing_ok=True)
            workspace.list_workbooks()

        floor = _median_time(lambda: _json_load_all(root), rounds)
        cold_time = _median_time(cold, rounds)
        workspace.list_workbooks()
        warm_time = _median_time(workspace.list_workbooks, rounds)
        assert len(workspace.list_workbooks()) == size
    return {
        "files": size,
        "floor": floor,
        "cold": cold_time,
        "warm": warm_time,
        "cold_ratio": cold_time / floor,
        "warm_ratio": warm_time / floor,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--save-rounds", type=int, default=200)
    parser.add_argument("--list-rounds", type=int, default=5)
    parser.add_argument("--cohort-rounds", type=int, default=3)
    parser.add_argument("--cohort-privacy", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("bench/results/latest.json"))
    args = parser.parse_args()

    print(
        f"python {platform.python_version()} on {platform.platform()}, "
        f"{os.cpu_count()} cores, {shutil.disk_usage('/').free // 2**30} GiB free"
    )
    save = bench_save(args.save_rounds)
    print(
        f"\nSave of the longest example workbook ({save['bytes']:,} bytes), "
        f"{args.save_rounds} rounds"
    )
    print("| | median | p95 |\n|---|---|---|")
    print(f"| Workspace.save | {_ms(save['ours_median'])} | {_ms(save['ours_p95'])} |")
    print(f"| json.dump + os.replace | {_ms(save['floor_median'])} | {_ms(save['floor_p95'])} |")
    print(f"| ratio | {save['ratio_median']:.1f}× | |")

    lists = [bench_list(size, args.list_rounds) for size in args.sizes]
    print(f"\nListing synthetic workspaces, median of {args.list_rounds} rounds")
    print("| files | json.load loop | list, cold | ratio | list, warm (cache) | ratio |")
    print("|---|---|---|---|---|---|")
    for row in lists:
        print(
            f"| {row['files']:,} | {_ms(row['floor'])} | {_ms(row['cold'])} | "
            f"{row['cold_ratio']:.2f}× | {_ms(row['warm'])} | {row['warm_ratio']:.2f}× |"
        )
    cohort = [
        bench_cohort(size, args.cohort_rounds, privacy=args.cohort_privacy) for size in args.sizes
    ]
    print_cohort(cohort, args.cohort_rounds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"save": save, "list": lists, "cohort": cohort}, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
