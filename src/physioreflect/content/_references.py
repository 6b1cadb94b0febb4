"""APA 7 references from a source's details, framed in the reader's language.

The reference itself (authors, title, journal) stays in the language it was published in; the
framing words around it follow the workbook's language, as Norwegian APA guides do:
"(red.)", "(u.å.)", "I …", "s.", "utg." in bokmål; "(Eds.)", "(n.d.)", "In …", "pp.", "ed." in
English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from physioreflect.content._schema import Source

__all__ = [
    "ReferencePart",
    "reference_note",
    "reference_parts",
    "reference_sort_key",
    "reference_text",
]

APA_MAX_LISTED_AUTHORS: Final = 20
"""APA 7 lists up to 20 authors; with 21 or more, the first 19, an ellipsis and the last."""

_WORDS: Final = {
    "nb": {
        "no_date": "u.å.",
        "editor": "red.",
        "editors": "red.",
        "in": "I",
        "page": "s.",
        "pages": "s.",
        "edition": "{n}. utg.",
        "article": "Artikkel",
        "unverified": "Opplysningene i denne referansen er ikke bekreftet.",
    },
    "en": {
        "no_date": "n.d.",
        "editor": "Ed.",
        "editors": "Eds.",
        "in": "In",
        "page": "p.",
        "pages": "pp.",
        "edition": "{n}{suffix} ed.",
        "article": "Article",
        "unverified": "The details of this reference are not confirmed.",
    },
}


@dataclass(frozen=True)
class ReferencePart:
    """A run of reference text; APA sets titles of whole works and journal names in italics."""

    text: str
    italic: bool = False


def _words(lang: str) -> dict[str, str]:
    return _WORDS["nb" if lang == "nb" else "en"]


def _name_list(names: list[str]) -> str:
    if len(names) > APA_MAX_LISTED_AUTHORS:
        return ", ".join(names[: APA_MAX_LISTED_AUTHORS - 1]) + ", . . . " + names[-1]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}, & {names[1]}"
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _initials_first(name: str) -> str:
    """``"Allen, J. G."`` → ``"J. G. Allen"``: editors inside a chapter reference."""
    surname, _, initials = name.partition(", ")
    return f"{initials} {surname}" if initials else name


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def reference_parts(source: Source, lang: str) -> list[ReferencePart]:
    """The reference as runs of text, without the DOI or URL (printed as links after it)."""
    if source.kind == "text":
        return [ReferencePart(source.citation or "")]
    w = _words(lang)
    parts = _lead(source, lang)
    if source.kind == "article":
        parts.extend(_journal(source, w))
    elif source.kind == "chapter":
        parts.extend(_chapter(source, w))
    elif source.kind == "essay" and source.container:
        parts.extend([ReferencePart(" "), ReferencePart(source.container, italic=True)])
        parts.append(ReferencePart("."))
    elif source.kind == "web" and source.container and source.container not in source.authors:
        parts.append(ReferencePart(f" {_end(source.container)}"))
    # APA leaves out a publisher that is also the author.
    if (
        source.kind in ("book", "report")
        and source.publisher
        and source.publisher not in source.authors
    ):
        parts.append(ReferencePart(f" {_end(source.publisher)}"))
    return _joined(parts)


def _lead(source: Source, lang: str) -> list[ReferencePart]:
    """Author (or editors, or the title in the author's place), date and title."""
    w = _words(lang)
    whole_work = source.kind in ("book", "report", "web")
    title = source.title or ""
    year = f"({source.year if source.year is not None else w['no_date']})."
    title_extra = []
    if source.edition:
        title_extra.append(w["edition"].format(n=source.edition, suffix=_ordinal(source.edition)))
    if source.report_number:
        title_extra.append(source.report_number)
    after_title = f" ({', '.join(title_extra)})" if title_extra else ""
    if source.description:
        after_title += f" [{source.description.get(lang)}]"
    if source.authors:
        lead = ReferencePart(_end(_name_list(source.authors)) + " " + year + " ")
    elif source.editors and source.kind == "book":
        label = w["editors"] if len(source.editors) > 1 else w["editor"]
        lead = ReferencePart(f"{_name_list(source.editors)} ({label.capitalize()}). {year} ")
    else:
        # No author: the title moves to the author's place (APA 7, 9.12).
        return [
            ReferencePart(_end(title + after_title), italic=whole_work),
            ReferencePart(" " + year),
        ]
    if whole_work:
        return [
            lead,
            ReferencePart(title, italic=True),
            ReferencePart(_end(title + after_title)[len(title) :]),
        ]
    return [lead, ReferencePart(_end(title + after_title))]


def _journal(source: Source, w: dict[str, str]) -> list[ReferencePart]:
    parts: list[ReferencePart] = []
    if not source.container:
        return parts
    parts.append(ReferencePart(" "))
    if source.volume:
        parts.append(ReferencePart(f"{source.container}, {source.volume}", italic=True))
    else:
        parts.append(ReferencePart(source.container, italic=True))
    if source.issue:
        parts.append(ReferencePart(f"({source.issue})"))
    location = source.pages or (
        f"{w['article']} {source.article_number}" if source.article_number else None
    )
    parts.append(ReferencePart(f", {location}." if location else "."))
    return parts


def _chapter(source: Source, w: dict[str, str]) -> list[ReferencePart]:
    editors = [_initials_first(name) for name in source.editors]
    label = w["editors"] if len(editors) > 1 else w["editor"]
    names = " & ".join(editors) if len(editors) <= 2 else _name_list(editors)
    parts = [
        ReferencePart(f" {w['in']} {names} ({label}), "),
        ReferencePart(source.container or "", italic=True),
    ]
    if source.pages:
        pages = w["pages"] if "–" in source.pages or "-" in source.pages else w["page"]
        parts.append(ReferencePart(f" ({pages} {source.pages})."))
    else:
        parts.append(ReferencePart("."))
    if source.publisher:
        parts.append(ReferencePart(f" {_end(source.publisher)}"))
    return parts


def _joined(parts: list[ReferencePart]) -> list[ReferencePart]:
    """Neighbouring runs in the same style as one run; empty runs dropped."""
    joined: list[ReferencePart] = []
    for part in parts:
        if not part.text:
            continue
        if joined and joined[-1].italic == part.italic:
            joined[-1] = ReferencePart(joined[-1].text + part.text, part.italic)
        else:
            joined.append(part)
    return joined


def reference_note(source: Source, lang: str) -> str | None:
    """Said after a reference whose details could not all be confirmed; shown as given."""
    return None if source.verified else _words(lang)["unverified"]


def reference_text(source: Source, lang: str) -> str:
    """The reference as plain text, with its DOI or URL."""
    text = "".join(part.text for part in reference_parts(source, lang))
    if source.doi:
        text += f" https://doi.org/{source.doi}"
    elif source.url:
        text += f" {source.url}"
    note = reference_note(source, lang)
    return f"{text} ({note})" if note else text


def reference_sort_key(source: Source, lang: str) -> str:
    """APA orders the list by the first word of each reference; a quotation mark does not count."""
    return reference_text(source, lang).lstrip("«“\"'").casefold()
