"""One open workbook in one browser tab: edits, autosave, conflicts and read-only state.

Data flows one way: a widget calls :meth:`Session.edit`, the edit is applied to the model
(pydantic validates the assignment), an autosave is scheduled, and observers re-render.
Widgets never write files.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from physioreflect.app._scheduler import Cancellable, Scheduler
from physioreflect.errors import (
    InvalidWorkbook,
    PhysioreflectError,
    WorkbookConflict,
    WorkbookNotSaved,
)
from physioreflect.model import (
    Section,
    Workbook,
    apply_edit,
    check_student_edit,
    is_editable_by_author,
    problems_from_validation_error,
    utc_now,
)
from physioreflect.storage import Workspace, hand_in

__all__ = ["ReadOnlyWorkbook", "SaveState", "SaveStatus", "Session"]

log = logging.getLogger("physioreflect.app")

DEBOUNCE_SECONDS: Final = 0.8
"""Save this long after the last change…"""
MAX_WAIT_SECONDS: Final = 4.0
"""…but at least this often while someone keeps typing."""


class SaveStatus(StrEnum):
    saved = "saved"
    pending = "pending"
    failed = "failed"
    conflict = "conflict"


@dataclass(frozen=True)
class SaveState:
    status: SaveStatus
    at: dt.datetime | None = None
    error: PhysioreflectError | None = None


class ReadOnlyWorkbook(PhysioreflectError):
    """An edit was attempted on a submitted or approved workbook, or during a conflict."""

    key = "app.read_only"


Listener = Callable[[Section | None], None]
StateListener = Callable[[SaveState], None]


class Session:
    def __init__(
        self,
        *,
        workspace: Workspace,
        workbook: Workbook,
        scheduler: Scheduler,
        debounce: float = DEBOUNCE_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
    ) -> None:
        self.workspace = workspace
        self._workbook = workbook
        self._scheduler = scheduler
        self._debounce = debounce
        self._max_wait = max_wait
        self._timer: Cancellable | None = None
        self._dirty_since: float | None = None
        self._listeners: list[Listener] = []
        self._state_listeners: list[StateListener] = []
        self._state = SaveState(SaveStatus.saved, workbook.meta.updated)

    # ── reading ───────────────────────────────────────────────────────────────────────────
    @property
    def workbook(self) -> Workbook:
        return self._workbook

    @property
    def state(self) -> SaveState:
        return self._state

    @property
    def dirty(self) -> bool:
        return self._dirty_since is not None

    @property
    def read_only(self) -> bool:
        """Submitted and approved workbooks are read-only for the author; so is a workbook
        whose save hit a conflict, until the user chooses what to keep."""
        return (
            not is_editable_by_author(self._workbook) or self._state.status is SaveStatus.conflict
        )

    # ── observing ─────────────────────────────────────────────────────────────────────────
    def on_change(self, listener: Listener) -> None:
        """Called after every edit with the section it touched (``None``: everything)."""
        self._listeners.append(listener)

    def on_state(self, listener: StateListener) -> None:
        self._state_listeners.append(listener)

    def _notify(self, section: Section | None) -> None:
        for listener in list(self._listeners):
            listener(section)

    def _set_state(self, state: SaveState) -> None:
        self._state = state
        for listener in list(self._state_listeners):
            listener(state)

    # ── editing ───────────────────────────────────────────────────────────────────────────
    def edit(self, apply: Callable[[Workbook], object], *, section: Section | None) -> None:
        """Apply ``apply`` (see :func:`physioreflect.model.apply_edit`) and schedule an autosave.

        Raises :class:`InvalidWorkbook` (with field-level problems) when the edited workbook
        is not valid, and :class:`ReviewRefused` when it changes what only the supervisor may
        change (the review, beyond the student's own replies and "resolved" marks) or the
        status (which moves by submitting and by a released review, never by an edit). The
        workbook then stays as it was and nothing is saved."""
        if self.read_only:
            raise ReadOnlyWorkbook(source=self._workbook.meta.title)
        before = self._workbook
        after = apply_edit(before, apply)
        # The student's dashboard holds the student's role: checked here, where every edit
        # passes, so that no view can reach around it.
        check_student_edit(before, after)
        self._workbook = after
        self._mark_dirty()
        self._notify(section)

    def _mark_dirty(self) -> None:
        now = self._scheduler.now()
        if self._dirty_since is None:
            self._dirty_since = now
            self.workspace.mark_pending(self._workbook.meta.id)
        if self._timer is not None:
            self._timer.cancel()
        waited = now - self._dirty_since
        delay = max(0.0, min(self._debounce, self._max_wait - waited))
        self._timer = self._scheduler.call_later(delay, self._autosave)
        if self._state.status is not SaveStatus.failed:
            self._set_state(SaveState(SaveStatus.pending, self._state.at))

    def _autosave(self) -> None:
        self._timer = None
        try:
            self.save_now()
        except Exception:
            # A timer callback has nobody to raise to: log it and say so on the page.
            log.exception("autosave failed")
            self._set_state(
                SaveState(SaveStatus.failed, self._state.at, PhysioreflectError(source=""))
            )

    def save_now(self) -> SaveState:
        """Save pending changes now (also called by the debounce timer)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._dirty_since is None or self._state.status is SaveStatus.conflict:
            return self._state
        self._store(self._workbook, self.workspace.save)
        return self._state

    def _store(self, workbook: Workbook, save: Callable[[Workbook], Workbook]) -> bool:
        """Save ``workbook`` with ``save`` and take it as this session's on success; on
        failure the session's workbook stays as it was and the state says why."""
        try:
            checked = Workbook.model_validate(workbook.model_dump())
            saved = save(checked)
        except ValidationError as error:
            failure = InvalidWorkbook(
                source=self._workbook.meta.title,
                problems=problems_from_validation_error(error),
            )
            self._set_state(SaveState(SaveStatus.failed, self._state.at, failure))
            return False
        except WorkbookConflict as conflict:
            # The refused version is safe in the conflict copy: nothing is pending any more.
            self.workspace.clear_pending(self._workbook.meta.id)
            self._set_state(SaveState(SaveStatus.conflict, self._state.at, conflict))
            return False
        except WorkbookNotSaved as failure:
            self._set_state(SaveState(SaveStatus.failed, self._state.at, failure))
            return False
        # Keep our objects (widgets may hold them); take the new revision and timestamp.
        self._workbook.meta = saved.meta
        self._dirty_since = None
        self.workspace.clear_pending(saved.meta.id)
        self._set_state(SaveState(SaveStatus.saved, utc_now()))
        return True

    # ── lifecycle ─────────────────────────────────────────────────────────────────────────
    def submit(self, *, submissions: Path | None = None) -> Path | None:
        """Hand the workbook in: pending edits saved first, then the workbook moved to
        submitted (``meta.submitted`` is now) and saved again. With a ``submissions`` folder,
        its frozen copy is written there first, and the path of the copy is returned.

        Raises :class:`SubmissionNotWritten` when the copy cannot be written: the workbook
        then stays as it was (a draft, or returned). A save that fails leaves it so too, the
        copy taken back, and the save state says why."""
        self.save_now()
        if self._state.status is not SaveStatus.saved:
            return None
        now = utc_now()
        copy: Path | None = None

        def save(workbook: Workbook) -> Workbook:
            nonlocal copy
            saved, copy = hand_in(self.workspace, workbook, submissions, now=now)
            return saved

        if self._store(self._workbook, save):
            self._notify(None)
        return copy

    def reload(self) -> None:
        """Replace the in-memory workbook with what is on disk (after a conflict, the user's
        own version is safe in the conflict copy)."""
        self._replace(self.workspace.open(self._workbook.meta.id))

    def switch_to(self, workbook_id: str) -> None:
        """Continue in another workbook (e.g. the conflict copy)."""
        self._replace(self.workspace.open(workbook_id))

    def _replace(self, workbook: Workbook) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._dirty_since is not None:
            self.workspace.clear_pending(self._workbook.meta.id)
        self._dirty_since = None
        self._workbook = workbook
        self._set_state(SaveState(SaveStatus.saved, workbook.meta.updated))
        self._notify(None)
