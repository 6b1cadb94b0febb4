"""The cohort table against its floor, measured in the same run.

    PYTHONPATH=src .venv/bin/python bench/cohort.py [--sizes 1000 10000] [--rounds 3]
        [--reviewed-every 3]

For N synthetic submissions (``fixtures.synthetic_workbooks``), each in a folder of its own
as a learning platform's download has them, and the same files in a zip:

- floor: every file read, ``json.load`` and ``Workbook.model_validate`` (what opening a
  workbook cannot do without); for the zip, also a floor that reads the same files out of the
  zip (``ZipFile.read`` of every member, then the same), since unpacking is part of reading
  them;
- the cohort table (``read_cohort``) of the folder and of the zip, without the privacy scan;
- the same files again, every ``--reviewed-every``-th (a third by default) with the
  supervisor's review record beside it (``ReviewRecord.start`` with comments, rubric levels,
  feedback and a decision, half of them released; saved by ``ReviewDesk.save``; a zip's go in
  its ``.reviews`` folder): the table of the folder and of the zip, against the floor and
  against a floor that also reads and validates every record (``ReviewRecord.model_validate``);
- the table with the privacy scan, as ``physioreflect cohort`` runs it (one round: the scan
  dominates and its cost is the scanner's, measured in ``bench/privacy_corpus.py``);
- with ``--lookup-cost``, the table of the folder without records once more with the look-up
  of each file's record left out (``cohort._table._record`` replaced, in this process only,
  by one that finds none): what looking for records costs when there are none.

Times are CPU time of the process (see ``_median``). Peak memory is traced
(``tracemalloc``) in a separate, untimed run of each, since tracing slows Python down.
Compare the ratios, which are measured side by side; the goal is ≤ 1.5× the floor, growing
linearly with N.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from physioreflect.cohort import RECORD_SUFFIX, RETURNED_SUFFIX, ReviewDesk, members, read_cohort
from physioreflect.content import library
from physioreflect.fixtures import synthetic_workbooks
from physioreflect.model import (
    Decision,
    LearningJudgement,
    ReviewRecord,
    RubricScore,
    Section,
    Workbook,
    add_comment,
    dump_workbook,
    parse_workbook,
)
from physioreflect.privacy import scan_workbook

REVIEWER = "Vera Veileder"
REVIEWED_AT = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def write_download(folder: Path, size: int, *, name: str = "submissions") -> Path:
    """N submissions in per-student folders (``folder/name``), and the same as a zip
    (``folder/name.zip``); returns the zip."""
    archive = folder / f"{name}.zip"
    root = folder / name
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for index, workbook in enumerate(synthetic_workbooks(size, seed=size)):
            name = f"student {index:05d}_{index * 7919}/{workbook.meta.id}.json"
            data = dump_workbook(workbook)
            (root / name).parent.mkdir(parents=True)
            (root / name).write_bytes(data)
            zipped.writestr(name, data)
    return archive


def review_record(workbook: Workbook, name: str, data: bytes, index: int) -> ReviewRecord:
    """What a supervisor leaves on a submission: two comments, every rubric criterion
    scored, a judgement of learning, feedback and a decision; every other one released."""
    record = ReviewRecord.start(workbook, name=name, data=data, reviewer=REVIEWER, now=REVIEWED_AT)
    review = record.review
    for section, text in (
        (Section.barriers, "What did she say about the pain, in her own words?"),
        (Section.plan, "Good: the plan starts where she is. How will you know it works?"),
    ):
        review = add_comment(review, author=REVIEWER, section=section, text=text, now=REVIEWED_AT)
    rubric = {c.id: RubricScore(level=1 + (index + n) % 4) for n, c in enumerate(_criteria())}
    review = review.model_copy(
        update={
            "rubric": rubric,
            "learning": LearningJudgement.confirmatory,
            "overall_feedback": "A careful description. Say more about what you would do next "
            "time, and why.",
            "decision": Decision.returned if index % 2 else Decision.approved,
        }
    )
    record = record.revised(review, now=REVIEWED_AT)
    if index % 2 == 0:
        record = record.model_copy(update={"released": REVIEWED_AT})
    return record


def _criteria() -> list[Any]:
    return list(library().rubric.criteria)


def write_records(source: Path, every: int) -> int:
    """A review record beside every ``every``-th submission of the folder or zip
    ``source`` (by the table's order), saved where the table reads it; returns how many."""
    desk = ReviewDesk(source)
    written = 0
    for index, member in enumerate(members(source)):
        if index % every or member.data is None:
            continue
        workbook = parse_workbook(member.data)
        desk.save(review_record(workbook, member.name, member.data, index))
        written += 1
    return written


def _submissions(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*.json") if not p.name.endswith((RECORD_SUFFIX, RETURNED_SUFFIX))
    )


def floor(root: Path) -> int:
    count = 0
    for path in _submissions(root):
        with path.open("rb") as handle:
            Workbook.model_validate(json.load(handle))
        count += 1
    return count


def floor_zip(archive: Path) -> int:
    """The floor, reading the files out of the zip."""
    count = 0
    with zipfile.ZipFile(archive) as zipped:
        for entry in sorted(zipped.infolist(), key=lambda e: e.filename):
            if entry.filename.endswith(".json"):
                Workbook.model_validate(json.loads(zipped.read(entry)))
                count += 1
    return count


def floor_with_records(root: Path, records: Path) -> int:
    """The floor, and every review record read and validated as well."""
    count = floor(root)
    for path in sorted(records.rglob(f"*{RECORD_SUFFIX}")):
        with path.open("rb") as handle:
            ReviewRecord.model_validate(json.load(handle))
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


@contextlib.contextmanager
def _no_record_lookup() -> Iterator[None]:
    """The table without looking for records (a diagnosis, never what the program does)."""
    from physioreflect.cohort import _table  # noqa: PLC0415

    original = _table._record
    _table._record = lambda _desk, _member: (None, "")
    try:
        yield
    finally:
        _table._record = original


def _ratios(result: dict[str, Any]) -> None:
    """Each table's time as a ratio to its floor, for the runs ``result`` holds."""
    result["folder_ratio"] = result["folder"] / result["floor"]
    result["zip_ratio"] = result["zip"] / result["floor"]
    result["zip_ratio_to_zip_floor"] = result["zip"] / result["floor_zip"]
    if "folder_no_lookup" in result:
        result["folder_no_lookup_ratio"] = result["folder_no_lookup"] / result["floor"]
    if "floor_records" in result:
        for kind in ("folder", "zip"):
            result[f"{kind}_records_ratio"] = result[f"{kind}_records"] / result["floor"]
            result[f"{kind}_records_ratio_to_records"] = (
                result[f"{kind}_records"] / result["floor_records"]
            )


def bench(
    size: int, rounds: int, *, privacy: bool, reviewed_every: int = 0, lookup_cost: bool = False
) -> dict[str, Any]:
    required = library().required_prompt_ids()

    def count(workbook: Workbook) -> int:
        return len(scan_workbook(workbook))

    with tempfile.TemporaryDirectory() as temp:
        archive = write_download(Path(temp), size)
        root = Path(temp) / "submissions"
        runs: dict[str, Callable[[], object]] = {}
        expected_reviews = 0
        if reviewed_every:
            # The same files again, a share of them with a record beside: the table's cost
            # of the records, side by side with the same files without them.
            reviewed_archive = write_download(Path(temp), size, name="reviewed")
            reviewed = Path(temp) / "reviewed"
            expected_reviews = write_records(reviewed, reviewed_every)
            assert write_records(reviewed_archive, reviewed_every) == expected_reviews
            records_of_zip = ReviewDesk(reviewed_archive).root

        def table(
            source: Path, scan: Callable[[Workbook], int] | None = None, reviews: int = 0
        ) -> None:
            result = read_cohort(source, required_prompts=required, scan=scan)
            assert len(result.table) == size
            assert not result.problems
            assert int((result.table["review"] != "").sum()) == reviews

        runs["floor"] = lambda: floor(root)
        runs["floor_zip"] = lambda: floor_zip(archive)
        runs["folder"] = lambda: table(root)
        runs["zip"] = lambda: table(archive)
        if lookup_cost:

            def without_lookup() -> None:
                with _no_record_lookup():
                    table(root)

            runs["folder_no_lookup"] = without_lookup
        if reviewed_every:
            runs["floor_records"] = lambda: floor_with_records(reviewed, reviewed)
            runs["folder_records"] = lambda: table(reviewed, reviews=expected_reviews)
            runs["zip_records"] = lambda: table(reviewed_archive, reviews=expected_reviews)
            assert floor_with_records(reviewed, reviewed) == size + expected_reviews
            assert floor_with_records(reviewed, records_of_zip) == size + expected_reviews

        assert floor(root) == size
        assert floor_zip(archive) == size
        scan_workbook(next(synthetic_workbooks(1)))  # the scanner's word lists, loaded once
        result: dict[str, Any] = {"files": size, "reviews": expected_reviews}
        # Interleaved: each round runs the floors and every table, so load changes hit all.
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(rounds):
            for name, action in runs.items():
                times[name].append(_median(action, 1))
        for name, values in times.items():
            result[name] = statistics.median(values)
        _ratios(result)
        if privacy:
            result["privacy"] = _median(lambda: table(root, count), 1)
            result["privacy_ratio"] = result["privacy"] / result["floor"]
        for name, action in runs.items():
            if name != "folder_no_lookup":
                result[f"{name}_peak"] = _peak(action)
    return result


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def print_results(results: list[dict[str, Any]], rounds: int) -> None:
    print(f"\nCohort table of N synthetic submissions, median of {rounds} rounds")
    print(
        "| files | floor: json.load + validate | table, folder | ratio | floor, out of the zip "
        "| table, zip | ÷ floor | ÷ zip floor | with privacy scan | ratio |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in results:
        privacy = (
            f"{_s(row['privacy'])} | {row['privacy_ratio']:.1f}×" if "privacy" in row else "– | –"
        )
        print(
            f"| {row['files']:,} | {_s(row['floor'])} | {_s(row['folder'])} | "
            f"{row['folder_ratio']:.2f}× | {_s(row['floor_zip'])} | {_s(row['zip'])} | "
            f"{row['zip_ratio']:.2f}× | {row['zip_ratio_to_zip_floor']:.2f}× | {privacy} |"
        )
    diagnosed = [row for row in results if "folder_no_lookup" in row]
    if diagnosed:
        print("\nThe folder's table without looking for records (a diagnosis)")
        print(
            "| files | table, folder | ratio | without the look-up | ratio |\n|---|---|---|---|---|"
        )
        for row in diagnosed:
            print(
                f"| {row['files']:,} | {_s(row['folder'])} | {row['folder_ratio']:.2f}× | "
                f"{_s(row['folder_no_lookup'])} | {row['folder_no_lookup_ratio']:.2f}× |"
            )
    reviewed = [row for row in results if "folder_records" in row]
    if reviewed:
        print(
            "\nThe same files, a share with a review record beside them, "
            f"median of {rounds} rounds (ratios to the floor without records, and to the "
            "floor that reads the records too)"
        )
        print(
            "| files | records | floor + records | table, folder | ÷ floor | ÷ floor + records "
            "| table, zip | ÷ floor | ÷ floor + records |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for row in reviewed:
            print(
                f"| {row['files']:,} | {row['reviews']:,} | {_s(row['floor_records'])} | "
                f"{_s(row['folder_records'])} | {row['folder_records_ratio']:.2f}× | "
                f"{row['folder_records_ratio_to_records']:.2f}× | {_s(row['zip_records'])} | "
                f"{row['zip_records_ratio']:.2f}× | {row['zip_records_ratio_to_records']:.2f}× |"
            )
    print("\nPeak memory traced (tracemalloc), one untimed run each")
    names = [
        "floor",
        "floor_zip",
        "folder",
        "zip",
        "floor_records",
        "folder_records",
        "zip_records",
    ]
    # The diagnosis is timed, not traced.
    labels = {
        "floor": "floor",
        "floor_zip": "floor, out of the zip",
        "folder": "table, folder",
        "zip": "table, zip",
        "floor_records": "floor + records",
        "folder_records": "table, folder with records",
        "zip_records": "table, zip with records",
    }
    shown = [name for name in names if all(f"{name}_peak" in row for row in results)]
    print("| files | " + " | ".join(labels[name] for name in shown) + " |")
    print("|---|" + "---|" * len(shown))
    for row in results:
        cells = " | ".join(_mb(row[f"{name}_peak"]) for name in shown)
        print(f"| {row['files']:,} | {cells} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-privacy", action="store_true", help="Skip the privacy-scan run.")
    parser.add_argument(
        "--reviewed-every",
        type=int,
        default=3,
        help="Also measure the files with a review record beside every N-th (0: not at all).",
    )
    parser.add_argument(
        "--lookup-cost",
        action="store_true",
        help="Also time the folder's table without looking for records (a diagnosis).",
    )
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON.")
    args = parser.parse_args()
    load_before = os.getloadavg()
    results = [
        bench(
            size,
            args.rounds,
            privacy=not args.no_privacy,
            reviewed_every=args.reviewed_every,
            lookup_cost=args.lookup_cost,
        )
        for size in args.sizes
    ]
    load_after = os.getloadavg()
    print(f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    print_results(results, args.rounds)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
