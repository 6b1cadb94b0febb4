"""A way back after "Fjern": the latest removal can be undone for a while.

Removing an entry is an edit like any other: validated, autosaved within a second. Putting
it back is another edit — the entry inserted again where it was — never a step back in the
file's history, so undo works just the same after the removal was saved, and leaves both in
the history.

One offer stands at a time: the latest removal (or workbook moved to the trash), for
:data:`UNDO_SECONDS`. The next removal takes its place; a change of the whole workbook (another
one opened, a reload after a conflict, a revision restored) ends an offer to put back an
entry, which would otherwise land in a workbook it never belonged to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from physioreflect.app._scheduler import Cancellable, Scheduler
from physioreflect.content import ContentLibrary, message
from physioreflect.model import Section, Workbook

__all__ = [
    "DONE_SECONDS",
    "UNDO_SECONDS",
    "EntryList",
    "Offer",
    "UndoNotice",
    "UndoOffers",
    "entries_of",
    "entry_label",
    "entry_message",
    "put_back",
    "section_of",
    "without",
]

UNDO_SECONDS: Final = 30.0
"""How long "Angre" is offered after a removal (unless another removal comes first)."""
DONE_SECONDS: Final = 8.0
"""How long "… is back" is said after an undo."""
LABEL_LENGTH: Final = 60


class EntryList(StrEnum):
    """The lists of a workbook whose entries have a "Fjern" button."""

    barrier = "barrier"
    facilitator = "facilitator"
    activity = "activity"
    goal = "goal"
    attempt = "attempt"
    quote = "quote"
    learning_point = "learning_point"


_PLACES: Final[dict[EntryList, tuple[Section, Callable[[Workbook], Any], str]]] = {
    EntryList.barrier: (Section.barriers, lambda w: w, "barriers"),
    EntryList.facilitator: (Section.facilitators, lambda w: w, "facilitators"),
    EntryList.activity: (Section.plan, lambda w: w.plan, "activities"),
    EntryList.goal: (Section.plan, lambda w: w.plan, "goals"),
    EntryList.attempt: (Section.case, lambda w: w.case, "previous_attempts"),
    EntryList.quote: (Section.case, lambda w: w.case, "patient_quotes"),
    EntryList.learning_point: (Section.reflection, lambda w: w.reflection, "learning_points"),
}


def section_of(kind: EntryList) -> Section:
    return _PLACES[kind][0]


def entries_of(workbook: Workbook, kind: EntryList) -> list[Any]:
    _, owner, name = _PLACES[kind]
    entries: list[Any] = getattr(owner(workbook), name)
    return entries


def _set_entries(workbook: Workbook, kind: EntryList, entries: list[Any]) -> None:
    _, owner, name = _PLACES[kind]
    setattr(owner(workbook), name, entries)


def _entry_id(entry: Any) -> str | None:
    value = getattr(entry, "entry_id", None)
    return value if isinstance(value, str) else None


def without(kind: EntryList, index: int) -> Callable[[Workbook], None]:
    """The edit that removes entry ``index`` of a list."""

    def remove(workbook: Workbook) -> None:
        entries = list(entries_of(workbook, kind))
        entries.pop(index)
        _set_entries(workbook, kind, entries)

    return remove


def put_back(kind: EntryList, index: int, entry: Any) -> Callable[[Workbook], None]:
    """The edit that inserts ``entry`` again at ``index`` (or at the end, should the list
    have become shorter); nothing when an entry of the same id is there already."""

    def insert(workbook: Workbook) -> None:
        entries = list(entries_of(workbook, kind))
        entry_id = _entry_id(entry)
        if entry_id is not None and any(_entry_id(e) == entry_id for e in entries):
            return
        copy = entry.model_copy(deep=True) if hasattr(entry, "model_copy") else entry
        entries.insert(min(index, len(entries)), copy)
        _set_entries(workbook, kind, entries)

    return insert


def entry_label(kind: EntryList, entry: Any, *, library: ContentLibrary, lang: str) -> str:
    """What the entry is called on screen, shortened for a one-line message ("" if blank)."""
    if kind in (EntryList.barrier, EntryList.facilitator):
        text = library.factor_label(entry, lang)
    elif kind is EntryList.activity:
        text = library.activity_name(entry, lang)
    elif kind is EntryList.goal:
        text = entry.activity
    elif kind is EntryList.attempt:
        text = entry.what
    else:
        text = str(entry)
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1] + "…"


@dataclass(frozen=True)
class UndoNotice:
    """What the page says about the latest removal, in the page's language."""

    text: str
    can_undo: bool
    """Whether "Angre" is offered (not after the undo, when the text says it is back)."""


@dataclass(frozen=True)
class Offer:
    """A removal that can be taken back."""

    said: Callable[[str], str]
    """The message in a language."""
    take_back: Callable[[], None]
    back: Callable[[str], str]
    """The message in a language once it was taken back."""
    of_workbook: bool
    """An entry of the open workbook (ended when the whole workbook changes)."""


def entry_message(
    key: str, kind: EntryList, label: Callable[[str], str], number: int
) -> Callable[[str], str]:
    """``undo.<key>`` (``undo.<key>_named`` for an entry with a name) in a language."""

    def said(lang: str) -> str:
        what = message(f"undo.kind.{kind.value}", lang)
        name = label(lang)
        if name:
            return message(f"undo.{key}_named", lang, kind=what, label=name)
        return message(f"undo.{key}", lang, kind=what, number=number)

    return said


class UndoOffers:
    """The one offer that stands, its timer, and who is told when it changes."""

    def __init__(self, scheduler: Scheduler) -> None:
        self._scheduler = scheduler
        self._offer: Offer | None = None
        self._back: Callable[[str], str] | None = None
        self._timer: Cancellable | None = None
        self._listeners: list[Callable[[], None]] = []

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def notice(self, lang: str) -> UndoNotice | None:
        if self._offer is not None:
            return UndoNotice(self._offer.said(lang), can_undo=True)
        if self._back is not None:
            return UndoNotice(self._back(lang), can_undo=False)
        return None

    def offer(self, offer: Offer) -> None:
        """``offer`` takes the place of any earlier one, for :data:`UNDO_SECONDS`."""
        self._offer, self._back = offer, None
        self._restart(UNDO_SECONDS)

    def take_back(self) -> bool:
        """Undo the standing offer; ``False`` when there is none (any more). An undo that
        fails raises, and the offer is gone: what failed is said, nothing half done."""
        offer = self._offer
        if offer is None:
            return False
        self._offer = None  # first: a second click does nothing
        try:
            offer.take_back()
        except Exception:
            self.end()
            raise
        self._back = offer.back
        self._restart(DONE_SECONDS)
        return True

    def end(self, *, of_workbook: bool | None = None) -> None:
        """End the standing offer (only one of an entry of the workbook, or only one of a
        workbook moved to the trash, when ``of_workbook`` says so)."""
        if self._offer is None and self._back is None:
            return
        if of_workbook is not None and (
            self._offer is None or self._offer.of_workbook != of_workbook
        ):
            return
        self._offer = self._back = None
        self._stop_timer()
        self._notify()

    def _restart(self, seconds: float) -> None:
        self._stop_timer()
        self._timer = self._scheduler.call_later(seconds, self._expire)
        self._notify()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expire(self) -> None:
        self._timer = None
        self._offer = self._back = None
        self._notify()

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()
