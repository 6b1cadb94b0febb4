"""What changed between two rounds of one workbook, section by section, as a reader sees it.

Both workbooks are drawn as the document blocks the Summary, the review and the PDF show
(:func:`~physioreflect.render.summary_data`), both in one language, so a workbook whose
language was switched between rounds does not show every label as changed. Each section's
blocks are flattened to lines (a heading, a fact, a paragraph or a line of one, a list item, a
table row) and the two versions compared with :mod:`difflib`. A line edited in place is shown
as the old line and the new one, with the words that differ marked: a sentence changed in the
middle of a long answer stands out without reading the whole answer twice.

Only the student's work is compared: the supervisor's comments, the review and the list of
sources are left out, and so are the facts that move by themselves between rounds (the time
of the last change, the status).

The result is plain data (JSON-compatible), like ``summary_data``::

    {"lang", "changed", "sections": [{"id", "title", "changed", "added", "removed", "summary",
      "lines": [{"kind", "role", "parts": [{"text", "changed"}], "count"}]}], "labels"}

``kind`` is ``same``, ``added``, ``removed`` or ``skipped`` (``count`` unchanged lines left
out between changes, said in ``parts``); ``role`` is ``heading`` (a field's label, a
question, a group's title, a table's columns) or ``text``. Pure: no widgets, no files, no clock.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final, Literal, TypedDict

from physioreflect.content import PromptSet, message
from physioreflect.model import Workbook
from physioreflect.render._document import summary_data

__all__ = ["ChangeLine", "workbook_changes"]

Kind = Literal["same", "added", "removed", "skipped"]
Role = Literal["heading", "text"]
Line = tuple[Role, str]


class Part(TypedDict):
    text: str
    changed: bool


class ChangeLine(TypedDict):
    kind: Kind
    role: Role
    parts: list[Part]
    count: int
    """How many unchanged lines a ``skipped`` line stands for (0 otherwise)."""


CONTEXT: Final = 2
"""Unchanged lines shown before and after a change; more between two changes are folded."""
_SIMILAR: Final = 0.5
"""Two lines at least this alike (difflib's ratio, by words) are one line edited: the words
that differ are marked. Less alike, they are one line removed and another added."""
_TOKENS: Final = re.compile(r"\s+|\w+|[^\w\s]")


# ── blocks to lines ────────────────────────────────────────────────────────────────────────
def _text_lines(text: str) -> Iterator[Line]:
    for line in text.split("\n"):
        # Runs of spaces read as one on a screen and on paper: no change a reader can see.
        words = " ".join(line.split())
        if words:
            yield ("text", words)


def _paragraph_lines(paragraphs: Sequence[Mapping[str, Any]]) -> Iterator[Line]:
    for paragraph in paragraphs:
        yield from _text_lines(str(paragraph["text"]))


class _Flattener:
    def __init__(self, missing: str) -> None:
        self.missing = missing

    def value(self, text: object) -> str:
        return str(text) if text is not None and str(text).strip() else self.missing

    def blocks(self, blocks: Sequence[Mapping[str, Any]]) -> Iterator[Line]:
        for block in blocks:
            yield from self.block(block)

    def block(self, block: Mapping[str, Any]) -> Iterator[Line]:
        kind = block["type"]
        if kind in ("barrier_chart", "progression_chart", "rubric_table"):
            # The charts draw the numbers their tables list; the rubric is the review's.
            return iter(())
        flatten = getattr(self, f"b_{kind}", None)
        if flatten is None:
            msg = f"no lines for the document block {kind!r}"
            raise ValueError(msg)
        lines: Iterator[Line] = flatten(block)
        return lines

    def b_missing(self, _block: Mapping[str, Any]) -> Iterator[Line]:
        yield ("text", self.missing)

    def b_facts(self, block: Mapping[str, Any]) -> Iterator[Line]:
        for row in block["rows"]:
            yield ("text", f"{row['label']}: {self.value(row['text'])}")

    def b_field(self, block: Mapping[str, Any]) -> Iterator[Line]:
        yield ("heading", str(block["label"]))
        yield from self.field(block)

    def b_group(self, block: Mapping[str, Any]) -> Iterator[Line]:
        badge = f" ({block['badge']})" if block.get("badge") else ""
        yield ("heading", f"{block['title']}{badge}")
        yield from self.blocks(block["blocks"])

    def b_answer(self, block: Mapping[str, Any]) -> Iterator[Line]:
        optional = f" ({block['optional']})" if block.get("optional") else ""
        yield ("heading", f"{block['question']}{optional}")
        found = list(_paragraph_lines(block["prose"]))
        yield from found or [("text", self.missing)]
        if block.get("marker"):
            yield ("text", f"[{block['marker']['label']}]")

    def b_scale(self, block: Mapping[str, Any]) -> Iterator[Line]:
        value = None if block["value"] is None else f"{block['value']}/{block['max']}"
        yield ("text", f"{block['label']}: {self.value(value)}")

    def b_factor_table(self, block: Mapping[str, Any]) -> Iterator[Line]:
        yield ("heading", " · ".join(str(column) for column in block["columns"]))
        for row in block["rows"]:
            quadrant = [row["quadrant"]] if row.get("quadrant") is not None else []
            cells = [row["number"], row["label"], row["com_b"], *row["ratings"], *quadrant]
            yield ("text", " · ".join(str(cell) for cell in cells))

    def b_goals_table(self, block: Mapping[str, Any]) -> Iterator[Line]:
        return self.table(block, ("activity", "baseline", "target", "change"))

    def b_progression_table(self, block: Mapping[str, Any]) -> Iterator[Line]:
        return self.progression(block)

    def field(self, block: Mapping[str, Any]) -> Iterator[Line]:
        if "prose" in block or "quotes" in block:
            found = list(_paragraph_lines(block.get("prose") or block.get("quotes") or []))
        elif "items" in block:
            numbered = block.get("numbered")
            found = [
                ("text", f"{f'{n}.' if numbered else '•'} {line}")
                for n, item in enumerate(block["items"], start=1)
                for _, line in _text_lines(str(item))
            ]
        else:
            found = [("text", self.value(block.get("text")))]
        yield from found or [("text", self.missing)]

    @staticmethod
    def table(block: Mapping[str, Any], keys: Sequence[str]) -> Iterator[Line]:
        """The column names once, as a heading, then a line per row: as a table reads, and
        two rows are alike by what they hold, not by the names of their columns."""
        columns = list(block["columns"])[: len(keys) + 1]
        yield ("heading", " · ".join(str(column) for column in columns))
        for row in block["rows"]:
            cells = [str(row["number"]), *(str(row[k]) for k in keys if row.get(k) is not None)]
            yield ("text", " · ".join(cells))

    @staticmethod
    def progression(block: Mapping[str, Any]) -> Iterator[Line]:
        if block["empty"]:
            return
        weeks = [f"{block['week_label']} {week}" for week in block["weeks"]]
        for row in [*block["rows"], *block["totals"]]:
            values = " · ".join(
                f"{week}: {value}" for week, value in zip(weeks, row["values"], strict=False)
            )
            yield ("text", f"{row['label']}: {values}")


def _sections(data: Mapping[str, Any], lang: str) -> list[tuple[str, str, list[Line]]]:
    """``(id, title, lines)`` of every section of the student's work, in reading order: the
    title block first, as the section "about the workbook"."""
    flat = _Flattener(str(data["labels"]["not_answered"]))
    title = data["title_block"]
    moving = {message("field.updated", lang)}  # moves with every save, not the student's text
    head: list[Line] = [("text", f"{message('field.title', lang)}: {title['title']}")]
    head += [
        ("text", f"{row['label']}: {flat.value(row['text'])}")
        for row in title["facts"]
        if row["label"] not in moving
    ]
    found = [("meta", message("section.meta", lang), head)]
    for section in data["sections"]:
        if section["id"] != "review":
            found.append((section["id"], section["title"], list(flat.blocks(section["blocks"]))))
    return found


# ── comparing ─────────────────────────────────────────────────────────────────────────────
def _line(kind: Kind, line: Line, parts: list[Part] | None = None) -> ChangeLine:
    role, text = line
    return {
        "kind": kind,
        "role": role,
        "parts": parts or [{"text": text, "changed": False}],
        "count": 0,
    }


def _merged(parts: list[Part]) -> list[Part]:
    merged: list[Part] = []
    for part in parts:
        if not part["text"]:
            continue
        if merged and merged[-1]["changed"] == part["changed"]:
            merged[-1] = {"text": merged[-1]["text"] + part["text"], "changed": part["changed"]}
        else:
            merged.append(part)
    return merged


def _word_marks(old: str, new: str) -> tuple[list[Part], list[Part]] | None:
    """The words of ``old`` and ``new`` that differ, when the two are one line edited."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    if matcher.ratio() < _SIMILAR:
        return None
    before: list[Part] = []
    after: list[Part] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        same = tag == "equal"
        before.append({"text": "".join(a[i1:i2]), "changed": not same})
        after.append({"text": "".join(b[j1:j2]), "changed": not same})
    return _merged(before), _merged(after)


def _alike(old: Line, new: Line) -> tuple[list[Part], list[Part]] | None:
    return _word_marks(old[1], new[1]) if old[0] == new[0] else None


def _replaced(old: Sequence[Line], new: Sequence[Line]) -> Iterator[ChangeLine]:
    """Lines replaced by others, in order: an old line alike to a new one is shown beside it
    with the differing words marked; a new line before it is an addition, an old line alike
    to none a removal."""
    i = j = 0
    while i < len(old) and j < len(new):
        marks = _alike(old[i], new[j])
        if marks is not None:
            yield _line("removed", old[i], marks[0])
            yield _line("added", new[j], marks[1])
            i, j = i + 1, j + 1
        elif any(_alike(old[i], later) for later in new[j + 1 :]):
            yield _line("added", new[j])
            j += 1
        else:
            yield _line("removed", old[i])
            i += 1
    yield from (_line("removed", line) for line in old[i:])
    yield from (_line("added", line) for line in new[j:])


def _compared(before: Sequence[Line], after: Sequence[Line]) -> list[ChangeLine]:
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    lines: list[ChangeLine] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [_line("same", line) for line in before[i1:i2]]
        elif tag == "delete":
            lines += [_line("removed", line) for line in before[i1:i2]]
        elif tag == "insert":
            lines += [_line("added", line) for line in after[j1:j2]]
        else:
            lines += _replaced(before[i1:i2], after[j1:j2])
    return lines


def _folded(lines: list[ChangeLine], context: int) -> list[ChangeLine]:
    """Unchanged lines far from any change folded into one ``skipped`` line; the heading
    nearest above each change is kept, so a changed paragraph says which question it
    answers."""
    keep = [False] * len(lines)
    for index, line in enumerate(lines):
        if line["kind"] == "same":
            continue
        for near in range(max(0, index - context), min(len(lines), index + context + 1)):
            keep[near] = True
        for above in range(index - 1, -1, -1):
            if lines[above]["role"] == "heading" and lines[above]["kind"] == "same":
                keep[above] = True
                break
    folded: list[ChangeLine] = []
    for index, line in enumerate(lines):
        if keep[index]:
            folded.append(line)
        elif folded and folded[-1]["kind"] == "skipped":
            folded[-1]["count"] += 1
        else:
            folded.append({"kind": "skipped", "role": "text", "parts": [], "count": 1})
    return folded


def workbook_changes(
    before: Workbook,
    after: Workbook,
    *,
    lang: str,
    prompt_set: PromptSet | None = None,
    context: int = CONTEXT,
) -> dict[str, Any]:
    """What changed from ``before`` (the round reviewed last) to ``after`` (the round now),
    two versions of one workbook, section by section; see the module's description of the
    result. Raises :class:`ValueError` for two different workbooks."""
    if before.meta.id != after.meta.id:
        msg = "only two versions of the same workbook can be compared"
        raise ValueError(msg)
    old = {
        section_id: lines
        for section_id, _, lines in _sections(
            summary_data(before, prompt_set=prompt_set, lang=lang), lang
        )
    }
    sections = []
    for section_id, title, new in _sections(
        summary_data(after, prompt_set=prompt_set, lang=lang), lang
    ):
        compared = _compared(old.get(section_id, []), new)
        added = sum(1 for line in compared if line["kind"] == "added")
        removed = sum(1 for line in compared if line["kind"] == "removed")
        changed = bool(added or removed)
        shown = _folded(compared, context) if changed else []
        for line in shown:
            if line["kind"] == "skipped":
                text = message("changes.skipped", lang, count=line["count"])
                line["parts"] = [{"text": text, "changed": False}]
        summary = (
            message("changes.counts", lang, added=added, removed=removed)
            if changed
            else message("changes.unchanged", lang)
        )
        sections.append(
            {
                "id": section_id,
                "title": title,
                "changed": changed,
                "added": added,
                "removed": removed,
                "summary": summary,
                "lines": shown,
            }
        )
    return {
        "lang": lang,
        "changed": any(section["changed"] for section in sections),
        "sections": sections,
        "labels": {
            "added": message("changes.added", lang),
            "removed": message("changes.removed", lang),
            "nothing": message("changes.nothing", lang),
        },
    }
