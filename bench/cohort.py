"""The cohort table against its floor, measured in the same run.

    PYTHONPATH=src .venv/bin/python bench/cohort.py [--sizes 1000 10000] [--rounds 3]

For N synthetic submissions (``fixtures.synthetic_workbooks``), each in a folder of its own
as a learning platform's download has them, and the same files in a zip:

- floor: every file read, ``json.load`` and ``Workbook.model_validate`` (what opening a
  workbook cannot do without);
- the cohort table (``read_cohort``) of the folder and of the zip, without the privacy scan;
- the same with the privacy scan, as ``physioreflect cohort`` runs it (one round: the scan
  dominates and its cost is the scanner's, measured in ``bench/privacy_corpus.py``).

Times are CPU time of the process (see ``_median``). Peak memory is traced
(``tracemalloc``) in a separate, untimed run of each, since tracing slows Python down.
Compare the ratios, which are measured side by side; the goal is ≤ 1.5× the floor, growing
linearly with N.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from physioreflect.cohort import read_cohort
from physioreflect.content import library
from physioreflect.fixtures import synthetic_workbooks
from physioreflect.model import Workbook, dump_workbook
from physioreflect.privacy import scan_workbook


def write_download(folder: Path, size: int) -> Path:
    """N submissions in per-student folders, and the same as a zip; returns the zip."""
    archive = folder / "submissions.zip"
    root = folder / "submissions"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for index, workbook in enumerate(synthetic_workbooks(size, seed=size)):
            name = f"student {index:05d}_{index * 7919}/{workbook.meta.id}.json"
            data = dump_workbook(workbook)
            (root / name).parent.mkdir(parents=True)
            (root / name).write_bytes(data)
            zipped.writestr(name, data)
    return archive


def floor(root: Path) -> int:
    count = 0
    for path in sorted(root.rglob("*.json")):
        with path.open("rb") as handle:
            Workbook.model_validate(json.load(handle))
        count += 1
    return count


def _median(action: Callable[[], object], rounds: int) -> float:
    """CPU time of this process, median of ``rounds``: on a machine shared with others (a
    load of 6–8 on 2 cores while these figures were taken), wall-clock time measures the
    neighbours; the file system's share is CPU time of this process too."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _peak(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench(size: int, rounds: int, *, privacy: bool) -> dict[str, Any]:
    required = library().required_prompt_ids()

    def count(workbook: Workbook) -> int:
        return len(scan_workbook(workbook))

    with tempfile.TemporaryDirectory() as temp:
        archive = write_download(Path(temp), size)
        root = Path(temp) / "submissions"

        def table(source: Path, scan: Callable[[Workbook], int] | None = None) -> None:
            result = read_cohort(source, required_prompts=required, scan=scan)
            assert len(result.table) == size
            assert not result.problems

        assert floor(root) == size
        scan_workbook(next(synthetic_workbooks(1)))  # the scanner's word lists, loaded once
        result: dict[str, Any] = {"files": size}
        # Interleaved: each round runs the floor and both tables, so load changes hit all.
        times: dict[str, list[float]] = {"floor": [], "folder": [], "zip": []}
        for _ in range(rounds):
            times["floor"].append(_median(lambda: floor(root), 1))
            times["folder"].append(_median(lambda: table(root), 1))
            times["zip"].append(_median(lambda: table(archive), 1))
        for name, values in times.items():
            result[name] = statistics.median(values)
        result["folder_ratio"] = result["folder"] / result["floor"]
        result["zip_ratio"] = result["zip"] / result["floor"]
        if privacy:
            result["privacy"] = _median(lambda: table(root, count), 1)
            result["privacy_ratio"] = result["privacy"] / result["floor"]
        result["floor_peak"] = _peak(lambda: floor(root))
        result["folder_peak"] = _peak(lambda: table(root))
        result["zip_peak"] = _peak(lambda: table(archive))
    return result


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def print_results(results: list[dict[str, Any]], rounds: int) -> None:
    print(f"\nCohort table of N synthetic submissions, median of {rounds} rounds")
    print(
        "| files | floor: json.load + validate | table, folder | ratio | table, zip | ratio "
        "| with privacy scan | ratio |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in results:
        privacy = (
            f"{_s(row['privacy'])} | {row['privacy_ratio']:.1f}×" if "privacy" in row else "– | –"
        )
        print(
            f"| {row['files']:,} | {_s(row['floor'])} | {_s(row['folder'])} | "
            f"{row['folder_ratio']:.2f}× | {_s(row['zip'])} | {row['zip_ratio']:.2f}× | {privacy} |"
        )
    print("\nPeak memory traced (tracemalloc), one untimed run each")
    print("| files | floor | table, folder | table, zip |\n|---|---|---|---|")
    for row in results:
        print(
            f"| {row['files']:,} | {_mb(row['floor_peak'])} | {_mb(row['folder_peak'])} | "
            f"{_mb(row['zip_peak'])} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-privacy", action="store_true", help="Skip the privacy-scan run.")
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON.")
    args = parser.parse_args()
    results = [bench(size, args.rounds, privacy=not args.no_privacy) for size in args.sizes]
    print_results(results, args.rounds)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
