"""Precision and recall of the privacy scan, per kind and per language, on the labelled
corpus and on an independent corpus of names; and the time to scan the longest example.

    .venv/bin/python bench/privacy_corpus.py [--rounds 50] [--show-misses]
        [--names bench/corpus/names_dev.jsonl ...]

Labelled corpus (tests/unit/privacy/corpus.py): recall counts a label as found when
findings of its kind (of either confidence) cover all of it; "recall, high" counts
high-confidence findings alone. Precision counts a finding that overlaps no label of its
kind as false only when it is of high confidence; the low-confidence ones on hard
negatives are counted apart ("low on negatives").

Corpora of names (JSON lines ``{"lang", "text", "names": [...]}``, written apart from the
scanner; by default the three in bench/corpus/, described in its READMEs): every occurrence of
a listed name is a label; a name finding that overlaps none is false. Precision is given
twice: counting every finding, and high-confidence ones only.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# The corpus lives with the tests (tests/unit/privacy/corpus.py), importable from the
# checkout's root, which a script run as ``python bench/…`` does not have on its path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from physioreflect.fixtures import sample_workbooks
from physioreflect.model import dump_workbook
from physioreflect.privacy import Confidence, Kind, scan_text, scan_workbook
from tests.unit.privacy.corpus import (
    PRECISION_GOAL,
    RECALL_GOALS,
    SNIPPETS,
    evaluate,
    overall_precision,
)

LANGUAGES = ("nb", "en")
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
# The first written in clean narrative prose; the second in other registers (SOAP notes,
# dialogue, chat, lower-case notes, longer paragraphs) and with a largely separate pool of
# names; the third by another writer, in yet other shapes (forms and tables, letters,
# sign-offs, initials, titles and roles; README_dev3.md); the fourth to sixth each written
# apart, measured once unseen, then released for development (README_dev4-6.md).
DEFAULT_NAMES = (
    CORPUS_DIR / "names_dev.jsonl",
    CORPUS_DIR / "names_dev2.jsonl",
    CORPUS_DIR / "names_dev3.jsonl",
    CORPUS_DIR / "names_dev4.jsonl",
    CORPUS_DIR / "names_dev5.jsonl",
    CORPUS_DIR / "names_dev6.jsonl",
)


def corpus_table(*, show_misses: bool) -> None:
    positives = sum(1 for snippet in SNIPPETS if snippet.labels)
    by_lang = {lang: sum(1 for s in SNIPPETS if s.lang == lang) for lang in LANGUAGES}
    print(
        f"Corpus: {len(SNIPPETS)} snippets ({by_lang['nb']} nb, {by_lang['en']} en; "
        f"{positives} with personal data, {len(SNIPPETS) - positives} hard negatives)\n"
    )
    header = (
        f"{'kind':<14} {'lang':<4} {'labels':>6} {'recall':>7} {'goal':>5} "
        f"{'recall, high':>12} {'precision':>9} {'false high':>10} {'low on negatives':>16}"
    )
    print(header)
    print("-" * len(header))
    all_scores = {}
    for lang in (*LANGUAGES, "all"):
        snippets = [s for s in SNIPPETS if lang in ("all", s.lang)]
        scores = evaluate(lambda text, lang: scan_text(text, lang=lang), snippets)
        all_scores[lang] = scores
    for kind in Kind:
        if kind not in RECALL_GOALS:
            continue
        for lang in (*LANGUAGES, "all"):
            score = all_scores[lang][kind]
            goal = f"{RECALL_GOALS[kind]:.2f}"
            print(
                f"{kind.value:<14} {lang:<4} {score.labels:>6} {score.recall:>7.3f} {goal:>5} "
                f"{score.recall_high:>12.3f} {score.precision:>9.3f} {score.false_high:>10} "
                f"{score.false_low:>16}"
            )
    print("-" * len(header))
    for lang in (*LANGUAGES, "all"):
        print(
            f"overall precision, {lang:<4} {overall_precision(all_scores[lang]):.3f} "
            f"(goal {PRECISION_GOAL})"
        )
    if show_misses:
        for kind, score in all_scores["all"].items():
            for text in score.missed:
                print(f"missed {kind.value}: {text}")
            for text in score.false:
                print(f"false {kind.value}: {text}")


@dataclass
class NameScore:
    labels: int = 0
    found: int = 0
    found_high: int = 0
    true_findings: int = 0
    true_high: int = 0
    false_findings: int = 0
    false_high: int = 0
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)


def _label_spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    spans = []
    for name in names:
        # At word boundaries where it stands as a word; anywhere where it does not ("Karis").
        pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
        found = [match.span() for match in re.finditer(pattern, text)]
        spans += found or [match.span() for match in re.finditer(re.escape(name), text)]
        if name not in text:
            msg = f"label {name!r} not in {text!r}"
            raise ValueError(msg)
    return spans


def _covered(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether findings cover every letter of the label at ``start``–``end``.

    Two allowances for how a corpus may label what the scan replaces apart: the commas and
    spaces between a name's parts ("OLSEN, MARIT" found as "OLSEN" and "MARIT"), and a
    Norwegian genitive's s, which one corpus labels with the name ("Karis") and the scan
    leaves outside the placeholder ("[NAVN]s mann").
    """
    if end - start > 3 and text[end - 1] == "s" and _covered(text, start, end - 1, spans):
        return True
    return all(
        not text[position].isalnum()
        or any(span_start <= position < span_end for span_start, span_end in spans)
        for position in range(start, end)
    )


def names_table(path: Path, *, show_misses: bool) -> None:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    scores = {lang: NameScore() for lang in (*LANGUAGES, "all")}
    for row in rows:
        text, lang = row["text"], row["lang"]
        labels = _label_spans(text, row["names"])
        findings = [f for f in scan_text(text, lang=lang) if f.kind is Kind.name]
        spans = [(f.start, f.end) for f in findings]
        high = [(f.start, f.end) for f in findings if f.confidence is Confidence.high]
        for score in (scores[lang], scores["all"]):
            for start, end in labels:
                score.labels += 1
                if _covered(text, start, end, spans):
                    score.found += 1
                    score.found_high += _covered(text, start, end, high)
                else:
                    score.missed.append(f"{text[start:end]!r} in {text!r}")
            for finding in findings:
                sure = finding.confidence is Confidence.high
                if any(finding.start < end and start < finding.end for start, end in labels):
                    score.true_findings += 1
                    score.true_high += sure
                else:
                    score.false_findings += 1
                    score.false_high += sure
                    score.false.append(f"{finding.text!r} ({finding.confidence.value}) in {text!r}")
    print(f"\nNames corpus {path} ({len(rows)} snippets)\n")
    header = (
        f"{'lang':<4} {'labels':>6} {'recall':>7} {'recall, high':>12} "
        f"{'precision':>9} {'precision, high':>15} {'false':>5} {'false high':>10}"
    )
    print(header)
    print("-" * len(header))
    for lang, score in scores.items():
        counted = score.true_findings + score.false_findings
        counted_high = score.true_high + score.false_high
        print(
            f"{lang:<4} {score.labels:>6} {score.found / max(score.labels, 1):>7.3f} "
            f"{score.found_high / max(score.labels, 1):>12.3f} "
            f"{score.true_findings / max(counted, 1):>9.3f} "
            f"{score.true_high / max(counted_high, 1):>15.3f} "
            f"{score.false_findings:>5} {score.false_high:>10}"
        )
    if show_misses:
        for text in scores["all"].missed:
            print(f"missed name: {text}")
        for text in scores["all"].false:
            print(f"false name: {text}")


def scan_timing(rounds: int) -> None:
    longest = max(sample_workbooks(), key=lambda workbook: len(dump_workbook(workbook)))
    start = time.perf_counter()
    scan_workbook(longest)
    first = time.perf_counter() - start
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        scan_workbook(longest)
        timings.append(time.perf_counter() - start)
    size = len(dump_workbook(longest))
    print(
        f"\nScan of the longest example ({size / 1000:.1f} kB): median "
        f"{statistics.median(timings) * 1000:.2f} ms, best {min(timings) * 1000:.2f} ms "
        f"over {rounds} rounds once the lists are loaded (goal: under 20 ms); "
        f"the first scan in a process (loading the lists) took {first * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50, help="Timing rounds (default 50).")
    parser.add_argument(
        "--show-misses", action="store_true", help="List every missed label and false finding."
    )
    parser.add_argument(
        "--names",
        type=Path,
        action="append",
        help="A corpus of names in JSON lines (default: the three in bench/corpus/).",
    )
    args = parser.parse_args()
    # Timing first, in a fresh process: the first scan loads the lists.
    scan_timing(args.rounds)
    corpus_table(show_misses=args.show_misses)
    for path in args.names or DEFAULT_NAMES:
        names_table(path, show_misses=args.show_misses)


if __name__ == "__main__":
    main()
