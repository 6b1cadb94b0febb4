"""How quickly the command line answers, against its floors, measured in the same run.

    PYTHONPATH=src .venv/bin/python bench/cli.py [--runs 30] [--before TREE] [--hyperfine]

Floors: ``python -c pass`` for ``physioreflect --help`` (goal: within 150 ms of it), and a
bare script that imports the model and validates the file (``parse_workbook``) for
``validate`` and ``privacy`` of that file (goal: within 1.2× of it). The file is the longest
example workbook.

Every command runs as a new process, in turn (one run of each, then the next round), so a
machine whose load changes treats them alike; medians and minimums over ``--runs`` rounds,
of the wall time and of the CPU time (user + system) the process used: on a shared machine
the CPU time moves less with what else runs.

Run as an installed copy runs: with its bytecode written (``PYTHONDONTWRITEBYTECODE`` is
cleared for the runs, so the first run writes ``__pycache__`` as pip does at install) and
with the cache of derived data (``physioreflect._derived``) in a folder of its own, filled
by that first run. The first run of each command, on an empty cache, is reported apart:
what the very first command after installing costs. The commands run through a launcher
that does what the installed ``physioreflect`` script does, from whichever tree is measured.
``--before TREE`` adds the same commands run from another source tree (e.g. ``git archive
<commit> src | tar -x -C TREE``). ``--hyperfine`` also runs hyperfine (``apt-get install
hyperfine``) on the same commands and prints its table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


LAUNCHER = """\
import sys
try:
    from physioreflect.cli import run as entry
except ImportError:  # a source tree from before run(): its entry point was main()
    from physioreflect.cli import main as entry
sys.argv[0] = "physioreflect"
entry()
"""
"""What the installed ``physioreflect`` script does, for any source tree given."""
SLOW_EXIT = """\
import sys
from physioreflect.cli import main
sys.argv[0] = "physioreflect"
main()
"""
"""The command exiting as Python does (``main()``, which frees every object at exit), to show
what the quick exit of ``run()`` is worth."""


Table = dict[str, tuple[list[str], Path]]


def commands(
    workbook: Path, floor: Path, launcher: Path, slow_exit: Path, trees: dict[str, Path]
) -> Table:
    """Label → (command, the src tree it runs with)."""
    python, cli = sys.executable, str(launcher)
    ours = trees["now"]
    table: Table = {
        "python -c pass": ([python, "-c", "pass"], ours),
        "floor: import the model, validate the file": ([python, str(floor), str(workbook)], ours),
    }
    for label, tree in trees.items():
        suffix = "" if label == "now" else f" ({label})"
        for command in ("--help", "validate FILE", "privacy FILE"):
            args = [part if part != "FILE" else str(workbook) for part in command.split()]
            table[f"physioreflect {command}{suffix}"] = ([python, cli, *args], tree)
    for command in ("validate", "privacy"):
        args = [python, str(slow_exit), command, str(workbook)]
        table[f"physioreflect {command} FILE, exiting as Python does"] = (args, ours)
    return table


_CACHE: dict[Path, Path] = {}
"""Each source tree's cache folder of derived data."""


def _env(tree: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), PHYSIOREFLECT_LANG="en")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PHYSIOREFLECT_CACHE_DIR"] = str(_CACHE[tree])
    return env


def _run(command: list[str], tree: Path) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system) and exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=_env(tree), capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1) or b"Traceback" in done.stderr:
        msg = f"{command}: exit {done.returncode}\n{done.stderr.decode(errors='replace')}"
        raise SystemExit(msg)
    return wall, cpu, done.returncode


Times = dict[str, dict[str, list[float]]]


def loop(table: Table, runs: int) -> tuple[Times, dict[str, float]]:
    """Per label, the wall and CPU times of ``runs`` rounds; and each label's first run,
    on an empty cache (the cache folders are new here)."""
    times: Times = {label: {"wall": [], "cpu": []} for label in table}
    first = {label: _run(command, tree)[0] for label, (command, tree) in table.items()}
    for _ in range(runs):
        for label, (command, tree) in table.items():
            wall, cpu, _code = _run(command, tree)
            times[label]["wall"].append(wall)
            times[label]["cpu"].append(cpu)
    return times, first


def hyperfine(table: Table, runs: int, out: Path) -> None:
    program = shutil.which("hyperfine")
    if program is None:
        print("hyperfine is not installed (apt-get install hyperfine)")
        return
    args = [program, "--shell=none", "--warmup", "3", "--runs", str(runs)]
    args += ["--export-json", str(out), "--style", "basic"]
    for label, (command, tree) in table.items():
        # hyperfine runs every command with one environment: the tree goes into the command.
        env = [f"PYTHONPATH={tree}", f"PHYSIOREFLECT_CACHE_DIR={_CACHE[tree]}"]
        args += ["--command-name", label, " ".join(["env", *env, *command])]
    hyperfine_env = dict(os.environ, PHYSIOREFLECT_LANG="en")
    hyperfine_env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(args, check=True, env=hyperfine_env)
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
        launcher = Path(folder) / "physioreflect_launcher.py"
        launcher.write_text(LAUNCHER, encoding="utf-8")
        slow_exit = Path(folder) / "physioreflect_slow_exit.py"
        slow_exit.write_text(SLOW_EXIT, encoding="utf-8")
        for index, tree in enumerate(trees.values()):
            _CACHE[tree] = Path(folder) / f"cache-{index}"
        table = commands(workbook, floor, launcher, slow_exit, trees)
        load_before = os.getloadavg()[0]
        times, first = loop(table, args.runs)
        load_after = os.getloadavg()[0]
        if args.hyperfine:
            hyperfine(table, args.runs, Path(folder) / "hyperfine.json")
    median = {
        label: {kind: statistics.median(values) for kind, values in kinds.items()}
        for label, kinds in times.items()
    }
    print(
        f"\n{workbook.name} ({workbook.stat().st_size:,} bytes), {args.runs} rounds, "
        f"load average {load_before:.1f} → {load_after:.1f}"
    )
    print("| command | wall, median | wall, min | CPU, median | first run, empty cache |")
    print("|---|---|---|---|---|")
    for label, kinds in times.items():
        print(
            f"| {label} | {median[label]['wall'] * 1000:.0f} ms "
            f"| {min(kinds['wall']) * 1000:.0f} ms | {median[label]['cpu'] * 1000:.0f} ms "
            f"| {first[label] * 1000:.0f} ms |"
        )
    floor_label = "floor: import the model, validate the file"
    print("\n| goal | wall | CPU |\n|---|---|---|")
    for label in trees:
        suffix = "" if label == "now" else f" ({label})"
        extra = {
            kind: median[f"physioreflect --help{suffix}"][kind] - median["python -c pass"][kind]
            for kind in ("wall", "cpu")
        }
        print(
            f"| --help{suffix} within 150 ms of python -c pass "
            f"| +{extra['wall'] * 1000:.0f} ms | +{extra['cpu'] * 1000:.0f} ms |"
        )
        for command in ("validate", "privacy"):
            ratio = {
                kind: median[f"physioreflect {command} FILE{suffix}"][kind]
                / median[floor_label][kind]
                for kind in ("wall", "cpu")
            }
            print(
                f"| {command}{suffix} within 1.2× of the floor "
                f"| {ratio['wall']:.2f}× | {ratio['cpu']:.2f}× |"
            )
    for command in ("validate", "privacy"):
        label = f"physioreflect {command} FILE, exiting as Python does"
        ratio = {kind: median[label][kind] / median[floor_label][kind] for kind in ("wall", "cpu")}
        print(
            f"| {command}, exiting as Python does, against the floor "
            f"| {ratio['wall']:.2f}× | {ratio['cpu']:.2f}× |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {"runs": times, "median": median, "first_run": first}
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
