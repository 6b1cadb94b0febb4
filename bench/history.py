"""What a history that reaches back a month costs: saving with it, listing it, showing a
version, against the history of only the last 20 saves.

    .venv/bin/python bench/history.py [--rounds 200]

1. ``Workspace.save`` of the longest example workbook whose history holds a month of work
   (every 10 minutes through 8 hours a day for 31 days, pruned by the retention policy as it
   went), in the same process (the saved times of the history files are known) and in a
   fresh ``Workspace`` (the first save reads them all), against the same saves with a policy
   that keeps only the last 20.
2. ``Workspace.history`` (the dashboard's "History" and ``physioreflect history list``): every
   kept file read, with its completeness.
3. One version shown as the Summary shows it (``WorkbookController.revision_html``).

Timings are medians on this machine; compare the ratios, measured side by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import physioreflect.storage._workspace as workspace_module
from physioreflect.app import ManualScheduler, WorkbookController
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Workbook, dump_workbook
from physioreflect.storage import DEFAULT_RETENTION, RetentionPolicy, Workspace


def _longest() -> Workbook:
    longest = max(sample_workbooks(), key=lambda w: len(dump_workbook(w)))
    fresh = longest.meta.model_copy(update={"revision": 0, "is_example": False})
    return longest.model_copy(update={"meta": fresh})


def _edited(workbook: Workbook, text: str) -> Workbook:
    reflection = workbook.reflection.model_copy(update={"what": text})
    return workbook.model_copy(update={"reflection": reflection})


def _month_of_work(root: Path, policy: RetentionPolicy) -> tuple[Workspace, Workbook, int]:
    """A workspace whose one workbook was saved through a month, as the clock went."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    clock = [now - dt.timedelta(days=31)]
    real = workspace_module.utc_now
    workspace_module.utc_now = lambda: clock[0]  # type: ignore[assignment]
    try:
        workspace = Workspace(root, retention=policy)
        workbook = workspace.create(_longest())
        saves = 1
        for day in range(31):
            for minute in range(0, 8 * 60, 10):
                clock[0] = now - dt.timedelta(days=31 - day) + dt.timedelta(minutes=minute)
                workbook = workspace.save(_edited(workbook, f"dag {day}, minutt {minute}"))
                saves += 1
    finally:
        workspace_module.utc_now = real  # type: ignore[assignment]
    return workspace, workbook, saves


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _time(action: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


class _Subject:
    """One workspace with a month of work, saved again and again."""

    def __init__(self, root: Path, policy: RetentionPolicy) -> None:
        self.root = root
        self.policy = policy
        self.workspace, self.workbook, self.saves = _month_of_work(root, policy)
        self.count = 0

    def save(self) -> None:
        self.count += 1
        self.workbook = self.workspace.save(_edited(self.workbook, f"runde {self.count}"))

    def first_save(self) -> None:
        """A save by a fresh ``Workspace``, as in a new process (nothing known yet)."""
        fresh = Workspace(self.root, retention=self.policy)
        self.count += 1
        self.workbook = fresh.save(_edited(self.workbook, f"ny prosess {self.count}"))

    def history(self) -> None:
        self.workspace.history(self.workbook.meta.id)


def _side_by_side(actions: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Each action timed ``rounds`` times, the actions taking turns: a disk that is slower
    for a while slows both alike."""
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            samples[name].append(time.perf_counter() - start)
    return samples


def bench(rounds: int) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        subjects = {
            "month": _Subject(Path(folder) / "month", DEFAULT_RETENTION),
            "last20": _Subject(Path(folder) / "last20", RetentionPolicy(keep_last=20, tiers=())),
        }
        results["saves"] = subjects["month"].saves
        few = max(5, rounds // 10)
        for label, per_subject, count in (
            ("save", lambda s: s.save, rounds),
            ("first_save", lambda s: s.first_save, few),
            ("history", lambda s: s.history, few),
        ):
            timed = _side_by_side({n: per_subject(s) for n, s in subjects.items()}, count)
            for name, samples in timed.items():
                results[f"{name}_{label}_ms"] = _median_ms(samples)
        for name, subject in subjects.items():
            results[f"{name}_files"] = len(subject.workspace.history(subject.workbook.meta.id))
        month = subjects["month"]
        controller = WorkbookController(
            workspace=month.workspace, lang="nb", scheduler=ManualScheduler()
        )
        workbook_id = str(month.workbook.meta.id)
        oldest = month.workspace.history(workbook_id)[0].revision
        shown = _time(lambda: controller.revision_html(workbook_id, oldest), few)
        results["month_show_ms"] = _median_ms(shown)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    r = bench(args.rounds)
    print(f"A month of work: {int(r['saves'])} saves of the longest example workbook.")
    print("| history | files kept | save (median) | first save of a process | history list |")
    print("|---|---|---|---|---|")
    for name, label in (("last20", "the last 20"), ("month", "the retention policy")):
        print(
            f"| {label} | {int(r[name + '_files'])} | {r[name + '_save_ms']:.2f} ms "
            f"| {r[name + '_first_save_ms']:.2f} ms | {r[name + '_history_ms']:.1f} ms |"
        )
    print(f"save ratio: {r['month_save_ms'] / r['last20_save_ms']:.2f}x")
    print(f"one version shown (the Summary's document): {r['month_show_ms']:.1f} ms")


if __name__ == "__main__":
    main()
