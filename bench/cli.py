"""How quickly the command line answers, against its floors, measured in the same run.

    PYTHONPATH=src .venv/bin/python bench/cli.py [--runs 30] [--before TREE] [--hyperfine]

Floors: ``python -c pass`` for ``physioreflect --help`` (goal: within 150 ms of it), and a
bare script that imports the model and validates the file (``parse_workbook``) for
``validate`` and ``privacy`` of that file (goal: within 1.2× of it). The file is the longest
example workbook.

Every command runs as a new process, in turn (one run of each, then the next round), so a
machine whose load changes treats them alike; medians and minimums over ``--runs`` rounds.
``--before TREE`` adds the same commands run from another source tree (e.g. ``git archive
<commit> src | tar -x -C TREE``). ``--hyperfine`` also runs hyperfine (``apt-get install
hyperfine``) on the same commands and prints its table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from physioreflect.fixtures import sample_paths

ROOT = Path(__file__).resolve().parents[1]
FLOOR = """\
import sys
from physioreflect.model import parse_workbook
with open(sys.argv[1], "rb") as handle:
    parse_workbook(handle.read(), source=sys.argv[1])
"""


def _console_script() -> str:
    """The installed ``physioreflect`` entry point (it imports ``physioreflect.cli`` from
    the PYTHONPATH given, so the source tree measured is the one named there)."""
    script = Path(sys.executable).parent / "physioreflect"
    return str(script) if script.exists() else shutil.which("physioreflect") or "physioreflect"


Table = dict[str, tuple[list[str], Path]]


def commands(workbook: Path, floor: Path, trees: dict[str, Path]) -> Table:
    """Label → (command, the src tree it runs with)."""
    python, cli = sys.executable, _console_script()
    ours = trees["now"]
    table: Table = {
        "python -c pass": ([python, "-c", "pass"], ours),
        "floor: import the model, validate the file": ([python, str(floor), str(workbook)], ours),
    }
    for label, tree in trees.items():
        suffix = "" if label == "now" else f" ({label})"
        table[f"physioreflect --help{suffix}"] = ([cli, "--help"], tree)
        table[f"physioreflect validate FILE{suffix}"] = ([cli, "validate", str(workbook)], tree)
        table[f"physioreflect privacy FILE{suffix}"] = ([cli, "privacy", str(workbook)], tree)
    return table


def _env(tree: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(tree), PHYSIOREFLECT_LANG="en")


def loop(table: Table, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {label: [] for label in table}
    for label, (command, tree) in table.items():  # warm the file cache, check they work
        done = subprocess.run(command, env=_env(tree), capture_output=True, check=False)
        if done.returncode not in (0, 1):
            msg = f"{label}: exit {done.returncode}\n{done.stderr.decode(errors='replace')}"
            raise SystemExit(msg)
    for _ in range(runs):
        for label, (command, tree) in table.items():
            start = time.perf_counter()
            subprocess.run(command, env=_env(tree), capture_output=True, check=False)
            times[label].append(time.perf_counter() - start)
    return times


def hyperfine(table: Table, runs: int, out: Path) -> None:
    program = shutil.which("hyperfine")
    if program is None:
        print("hyperfine is not installed (apt-get install hyperfine)")
        return
    args = [program, "--shell=none", "--warmup", "3", "--runs", str(runs)]
    args += ["--export-json", str(out), "--style", "basic"]
    for label, (command, tree) in table.items():
        # hyperfine runs every command with one environment: the tree goes into the command.
        args += ["--command-name", label, " ".join(["env", f"PYTHONPATH={tree}", *command])]
    subprocess.run(args, check=True, env=dict(os.environ, PHYSIOREFLECT_LANG="en"))
    results = json.loads(out.read_text())["results"]
    print("\nhyperfine medians:")
    for result in results:
        print(f"  {result['command']}: {result['median'] * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--before", type=Path, default=None)
    parser.add_argument("--hyperfine", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/cli.json")
    args = parser.parse_args()
    workbook = max(sample_paths(), key=lambda p: p.stat().st_size)
    trees = {"now": ROOT / "src", **({"before": args.before} if args.before else {})}
    with tempfile.TemporaryDirectory() as folder:
        floor = Path(folder) / "floor.py"
        floor.write_text(FLOOR, encoding="utf-8")
        table = commands(workbook, floor, trees)
        load_before = os.getloadavg()[0]
        times = loop(table, args.runs)
        load_after = os.getloadavg()[0]
        if args.hyperfine:
            hyperfine(table, args.runs, Path(folder) / "hyperfine.json")
    median = {label: statistics.median(values) for label, values in times.items()}
    print(
        f"\n{workbook.name} ({workbook.stat().st_size:,} bytes), {args.runs} rounds, "
        f"load average {load_before:.1f} → {load_after:.1f}"
    )
    print("| command | median | min |\n|---|---|---|")
    for label, values in times.items():
        print(f"| {label} | {median[label] * 1000:.0f} ms | {min(values) * 1000:.0f} ms |")
    floor_s = median["floor: import the model, validate the file"]
    print("\n| goal | figure |\n|---|---|")
    for label in trees:
        suffix = "" if label == "now" else f" ({label})"
        extra = median[f"physioreflect --help{suffix}"] - median["python -c pass"]
        print(f"| --help{suffix} within 150 ms of python -c pass | +{extra * 1000:.0f} ms |")
        for command in ("validate", "privacy"):
            ratio = median[f"physioreflect {command} FILE{suffix}"] / floor_s
            print(f"| {command}{suffix} within 1.2× of the floor | {ratio:.2f}× |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"runs": times, "median": median}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
