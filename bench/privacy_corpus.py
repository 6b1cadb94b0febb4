"""Precision and recall of the privacy scan, per kind, on the labelled corpus; and the time
to scan the longest example workbook.

    .venv/bin/python bench/privacy_corpus.py [--rounds 50] [--show-misses]

Recall counts a label as found when findings of its kind (of either confidence) cover all
of it; "recall, high" counts high-confidence findings alone. Precision counts a finding
that overlaps no label of its kind as false only when it is of high confidence; the
low-confidence ones on hard negatives are counted apart ("low on negatives").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

# The corpus lives with the tests (tests/unit/privacy/corpus.py), importable from the
# checkout's root, which a script run as ``python bench/…`` does not have on its path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from physioreflect.fixtures import sample_workbooks
from physioreflect.model import dump_workbook
from physioreflect.privacy import Kind, scan_text, scan_workbook
from tests.unit.privacy.corpus import (
    PRECISION_GOAL,
    RECALL_GOALS,
    SNIPPETS,
    evaluate,
    overall_precision,
)


def corpus_table(*, show_misses: bool) -> None:
    scores = evaluate(lambda text, lang: scan_text(text, lang=lang))
    positives = sum(1 for snippet in SNIPPETS if snippet.labels)
    by_lang = {lang: sum(1 for s in SNIPPETS if s.lang == lang) for lang in ("nb", "en")}
    print(
        f"Corpus: {len(SNIPPETS)} snippets ({by_lang['nb']} nb, {by_lang['en']} en; "
        f"{positives} with personal data, {len(SNIPPETS) - positives} hard negatives)\n"
    )
    header = (
        f"{'kind':<14} {'labels':>6} {'recall':>7} {'goal':>5} {'recall, high':>12} "
        f"{'precision':>9} {'false high':>10} {'low on negatives':>16}"
    )
    print(header)
    print("-" * len(header))
    for kind in Kind:
        score = scores[kind]
        goal = f"{RECALL_GOALS[kind]:.2f}" if kind in RECALL_GOALS else "–"
        print(
            f"{kind.value:<14} {score.labels:>6} {score.recall:>7.3f} {goal:>5} "
            f"{score.recall_high:>12.3f} {score.precision:>9.3f} {score.false_high:>10} "
            f"{score.false_low:>16}"
        )
    print("-" * len(header))
    print(f"{'overall precision':<30} {overall_precision(scores):.3f} (goal {PRECISION_GOAL})")
    if show_misses:
        for kind, score in scores.items():
            for text in score.missed:
                print(f"missed {kind.value}: {text}")
            for text in score.false:
                print(f"false {kind.value}: {text}")


def scan_timing(rounds: int) -> None:
    longest = max(sample_workbooks(), key=lambda workbook: len(dump_workbook(workbook)))
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        scan_workbook(longest)
        timings.append(time.perf_counter() - start)
    size = len(dump_workbook(longest))
    print(
        f"\nScan of the longest example ({size / 1000:.1f} kB): median "
        f"{statistics.median(timings) * 1000:.2f} ms, best {min(timings) * 1000:.2f} ms "
        f"over {rounds} rounds (goal: well under 50 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="Timing rounds (default 50).")
    parser.add_argument(
        "--show-misses", action="store_true", help="List every missed label and false finding."
    )
    args = parser.parse_args()
    corpus_table(show_misses=args.show_misses)
    scan_timing(args.rounds)


if __name__ == "__main__":
    main()
