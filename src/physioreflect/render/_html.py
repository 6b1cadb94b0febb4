"""Document blocks as HTML for a screen: the Summary step (and the review screens) show the
same blocks the PDF prints, so what a student checks is what is handed in.

Every text is escaped on its way out: nothing a user typed is ever read as markup. The block
vocabulary is the one :mod:`physioreflect.render._document` describes; an unknown block type
is a bug, so it raises rather than vanishing from the screen.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["changes_html", "comment_html", "document_html", "section_html", "title_html"]

Block = Mapping[str, Any]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _paragraphs(items: Sequence[Mapping[str, Any]], css: str = "") -> str:
    extra = f" class='{css}'" if css else ""
    rtl = " dir='rtl'"
    return "".join(f"<p{extra}{rtl if p.get('rtl') else ''}>{_e(p['text'])}</p>" for p in items)


class _Html:
    def __init__(self, labels: Mapping[str, str]) -> None:
        self.missing = f"<span class='pr-not-answered'>{_e(labels['not_answered'])}</span>"

    def value(self, text: str | None) -> str:
        return _e(text) if text is not None and str(text).strip() else self.missing

    def blocks(self, blocks: Iterable[Block]) -> str:
        return "".join(self.block(block) for block in blocks)

    def block(self, block: Block) -> str:
        kind = block["type"]
        render = getattr(self, f"b_{kind}", None)
        if render is None:
            msg = f"no screen form for the document block {kind!r}"
            raise ValueError(msg)
        result: str = render(block)
        return result

    # ── blocks ─────────────────────────────────────────────────────────────────────────────
    def b_missing(self, _block: Block) -> str:
        return f"<p>{self.missing}</p>"

    def b_facts(self, block: Block) -> str:
        rows = "".join(
            f"<dt>{_e(row['label'])}</dt><dd>{self.value(row['text'])}</dd>"
            for row in block["rows"]
        )
        return f"<dl class='pr-doc-facts'>{rows}</dl>"

    def b_field(self, block: Block) -> str:
        hint = f"<div class='pr-doc-hint'>{_e(block['hint'])}</div>" if block.get("hint") else ""
        if "prose" in block:
            body = _paragraphs(block["prose"]) or self.missing
        elif "items" in block:
            tag = "ol" if block.get("numbered") else "ul"
            items = "".join(f"<li>{_e(item)}</li>" for item in block["items"])
            body = f"<{tag}>{items}</{tag}>" if items else self.missing
        elif "quotes" in block:
            body = _paragraphs(block["quotes"], "pr-quote") or self.missing
        else:
            body = self.value(block.get("text"))
        return (
            f"<div class='pr-doc-field'><div class='pr-doc-label'>{_e(block['label'])}</div>"
            f"{hint}<div class='pr-doc-value'>{body}</div></div>"
        )

    def b_group(self, block: Block) -> str:
        badge = f" <span class='pr-badge'>{_e(block['badge'])}</span>" if block.get("badge") else ""
        return (
            f"<div class='pr-doc-group'><h4>{_e(block['title'])}{badge}</h4>"
            f"{self.blocks(block['blocks'])}</div>"
        )

    def b_answer(self, block: Block) -> str:
        optional = (
            f" <span class='pr-muted'>({_e(block['optional'])})</span>"
            if block.get("optional")
            else ""
        )
        marker = block.get("marker")
        badge = (
            f"<span class='pr-badge pr-marker-{_e(marker['key'])}'>{_e(marker['label'])}</span>"
            if marker
            else ""
        )
        body = _paragraphs(block["prose"]) or self.missing
        return (
            f"<div class='pr-doc-answer'><div class='pr-doc-label'>{_e(block['question'])}"
            f"{optional}</div><div class='pr-doc-value'>{body}{badge}</div></div>"
        )

    def b_scale(self, block: Block) -> str:
        value = None if block["value"] is None else f"{block['value']}/{block['max']}"
        return (
            f"<dl class='pr-doc-facts'><dt>{_e(block['label'])}</dt>"
            f"<dd>{self.value(value)}</dd></dl>"
        )

    @staticmethod
    def table(columns: Sequence[str], rows: Iterable[Sequence[str]], caption: str) -> str:
        head = "".join(f"<th>{_e(c)}</th>" for c in columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows
        )
        return (
            f"<table class='pr-table'><caption>{_e(caption)}</caption><thead><tr>{head}</tr>"
            f"</thead><tbody>{body}</tbody></table>"
        )

    def b_factor_table(self, block: Block) -> str:
        rows = [
            [
                _e(r["number"]),
                _e(r["label"]),
                _e(r["com_b"]),
                *(_e(rating) for rating in r["ratings"]),
                *([_e(r["quadrant"])] if r.get("quadrant") is not None else []),
            ]
            for r in block["rows"]
        ]
        return self.table(block["columns"], rows, block["caption"])

    def b_goals_table(self, block: Block) -> str:
        rows = [
            [_e(r[key]) for key in ("number", "activity", "baseline", "target", "change")]
            for r in block["rows"]
        ]
        return self.table(block["columns"], rows, block["caption"])

    def b_progression_table(self, block: Block) -> str:
        if block["empty"]:
            return ""
        columns = [block["corner"], *(str(w) for w in block["weeks"])]
        rows = [
            [_e(r["label"]), *(_e(v) for v in r["values"])]
            for r in [*block["rows"], *block["totals"]]
        ]
        return self.table(columns, rows, f"{block['caption']} ({block['week_label']})")

    def b_rubric_table(self, block: Block) -> str:
        rows = [
            [
                _e(r["criterion"]),
                f"{_e(r['level'])}/{_e(block['levels'])} – {_e(r['level_label'])}",
                _paragraphs(r["prose"]),
            ]
            for r in block["rows"]
        ]
        return self.table(block["columns"], rows, block["caption"])

    def chart(self, block: Block, texts: Iterable[str | None]) -> str:
        """On screen the dashboard draws the chart itself; here its words stand in for it:
        what the chart shows, its notes and the description a screen reader gets."""
        notes = "".join(f"<p class='pr-help'>{_e(t)}</p>" for t in texts if t)
        legend = ", ".join(item["label"] for item in block.get("legend", []))
        if legend:
            notes += f"<p class='pr-help'>{_e(legend)}</p>"
        return (
            f"<figure class='pr-doc-chart'><figcaption><b>{_e(block['title'])}</b> "
            f"({_e(block['x_label'])} / {_e(block['y_label'])})</figcaption>"
            f"{notes}"
            f"<p class='pr-doc-alt'>{_e(block['alt'])}</p></figure>"
        )

    def b_barrier_chart(self, block: Block) -> str:
        quadrants = ", ".join(q["label"] for q in block["quadrants"])
        return self.chart(
            block,
            [quadrants, block.get("empty_note"), block.get("unrated_note"), block["caption"]],
        )

    def b_progression_chart(self, block: Block) -> str:
        return self.chart(
            block,
            [
                block["band"]["label"],
                block.get("note"),
                block.get("line_rule"),
                block.get("empty_note"),
                block["caption"],
            ],
        )

    # ── comments beside a section ──────────────────────────────────────────────────────────
    def comment(self, comment: Mapping[str, Any], labels: Mapping[str, str]) -> str:
        replies = "".join(
            f"<div class='pr-comment-reply'><b>{_e(reply['label'])}</b>"
            f"{_paragraphs(reply['prose'])}</div>"
            for reply in comment["replies"]
        )
        about = comment.get("about")
        about_html = f"<div class='pr-comment-about'>{_e(about)}</div>" if about else ""
        state = "pr-resolved" if comment["resolved"] else "pr-open"
        return (
            f"<aside class='pr-comment {state}' aria-label='{_e(labels['comment'])}' "
            f"data-comment='{_e(comment['id'])}'>"
            f"<div class='pr-comment-header'>{_e(comment['header'])} · {_e(comment['state'])}"
            f"</div>{about_html}{_paragraphs(comment['prose'])}{replies}</aside>"
        )


def comment_html(comment: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """One comment block of :func:`physioreflect.render.summary_data` with its thread: the
    student's dashboard shows it beside its section, with a reply box of its own."""
    return _Html(labels).comment(comment, labels)


def section_html(section: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """One section of :func:`physioreflect.render.summary_data`: its title, the supervisor's
    comments on it and its blocks."""
    writer = _Html(labels)
    comments = "".join(writer.comment(c, labels) for c in section["comments"])
    return (
        f"<section class='pr-doc-section pr-doc-{_e(section['id'])}'>"
        f"<h3>{_e(section['title'])}</h3>{comments}{writer.blocks(section['blocks'])}</section>"
    )


def title_html(data: Mapping[str, Any]) -> str:
    """The document's title block: title, kind and status, facts, comments on the whole."""
    labels = data["labels"]
    writer = _Html(labels)
    title = data["title_block"]
    example = (
        f"<p class='pr-message pr-info'>{_e(title['example_note'])}</p>"
        if title.get("example_note")
        else ""
    )
    return (
        f"<div class='pr-doc-title'><h2>{_e(title['title'])}</h2>"
        f"<div class='pr-muted'>{_e(title['kind'])} · "
        f"{_e(title['status']['label'])}</div>{example}"
        f"{writer.b_facts({'rows': title['facts']})}"
        + "".join(writer.comment(c, labels) for c in title["comments"])
        + "</div>"
    )


def document_html(data: Mapping[str, Any]) -> str:
    """The whole document: the title block's facts and comments, every section in reading
    order, and the sources cited."""
    labels = data["labels"]
    head = title_html(data)
    sections = "".join(section_html(s, labels) for s in data["sections"])
    sources = "".join(
        "<li>"
        + _e(source["citation"])
        + (f" doi:{_e(source['doi'])}" if source.get("doi") else "")
        + (f" {_e(source['url_text'])}" if source.get("url_text") else "")
        + "</li>"
        for source in data["sources"]
    )
    references = (
        f"<section class='pr-doc-sources'><h3>{_e(labels['sources'])}</h3>"
        f"<p class='pr-help'>{_e(labels['sources_intro'])}</p><ul>{sources}</ul></section>"
        if sources
        else ""
    )
    return f"<div class='pr-document'>{head}{sections}{references}</div>"


_SIGNS: Mapping[str, tuple[str, str, str]] = {
    # kind: (sign, the tag a whole line is set in, the tag for the words that changed)
    "added": ("+", "ins", "ins"),
    "removed": ("\u2212", "del", "del"),
    "same": ("\u00a0", "span", "span"),
}


def _change_line(line: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    kind = line["kind"]
    if kind == "skipped":
        text = "".join(part["text"] for part in line["parts"])
        return f"<div class='pr-change pr-change-skipped'>{_e(text)}</div>"
    sign, whole, word = _SIGNS[kind]
    parts = line["parts"]
    marked = any(part["changed"] for part in parts)
    if marked:
        # One line edited: the words that differ are struck out or underlined, the rest plain.
        body = "".join(
            f"<{word}>{_e(part['text'])}</{word}>" if part["changed"] else _e(part["text"])
            for part in parts
        )
    else:
        body = f"<{whole}>{_e(''.join(part['text'] for part in parts))}</{whole}>"
    if line["role"] == "heading":
        body = f"<b>{body}</b>"
    said = (
        f"<span class='pr-visually-hidden'>{_e(labels[kind])}: </span>"
        if kind in ("added", "removed")
        else ""
    )
    return (
        f"<div class='pr-change pr-change-{kind}'>"
        f"<span class='pr-change-sign' aria-hidden='true'>{sign}</span>"
        f"<span class='pr-change-text'>{said}{body}</span></div>"
    )


def changes_html(data: Mapping[str, Any]) -> str:
    """:func:`physioreflect.render.workbook_changes` for a screen. Added lines carry a + and
    are underlined, removed ones a \u2212 and are struck out, so the difference reads without
    colour too."""
    words = data["labels"]
    found = []
    for section in data["sections"]:
        body = ""
        if section["changed"]:
            lines = "".join(_change_line(line, words) for line in section["lines"])
            body = f"<div class='pr-changes-lines'>{lines}</div>"
        state = "pr-changes-changed" if section["changed"] else "pr-changes-same"
        found.append(
            f"<section class='pr-changes-section {state}' data-section='{_e(section['id'])}'>"
            f"<h4>{_e(section['title'])} "
            f"<span class='pr-changes-count'>{_e(section['summary'])}</span></h4>"
            f"{body}</section>"
        )
    nothing = "" if data["changed"] else f"<p class='pr-changes-nothing'>{_e(words['nothing'])}</p>"
    return f"<div class='pr-changes'>{nothing}{''.join(found)}</div>"
