"""The student workbook's controller: everything a dashboard tab does, without a widget.

It holds the tab's state — language, step, the open workbook's :class:`Session` — and the
rules that used to live in views: which step can be shown, that switching saves pending work,
that submitting with unresolved privacy findings needs a recorded confirmation, how
replacing personal data with placeholders is applied. Views call it and listen to it; tests
drive it directly, with a :class:`~physioreflect.app.ManualScheduler` as the clock.

Data flows one way: an event → :meth:`WorkbookController.edit` (validated in the model) →
autosave through storage → the listeners of the part that changed.

It also keeps the workspace's way back: removing an entry offers to undo it for a while
(:mod:`physioreflect.app._undo`), a workbook goes to the trash and comes back from it, and an
earlier revision can be looked at and restored as the current version.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from physioreflect import render  # its parts are imported when first asked for
from physioreflect.app._received import ReceivedReview, received_review
from physioreflect.app._scheduler import AsyncioScheduler, Scheduler
from physioreflect.app._session import SaveState, Session
from physioreflect.app._steps import STEPS, Step, parse_query, step_progress
from physioreflect.app._undo import (
    EntryList,
    Offer,
    UndoNotice,
    UndoOffers,
    entries_of,
    entry_label,
    entry_message,
    put_back,
    section_of,
    without,
)
from physioreflect.content import ContentLibrary, PromptSet, library, message
from physioreflect.errors import (
    InvalidWorkbook,
    PhysioreflectError,
    ReviewRefused,
    UnsafeWorkbookId,
    WorkbookSubmitted,
)
from physioreflect.model import (
    Edit,
    Section,
    Status,
    Workbook,
    completeness,
    is_editable_by_author,
    is_returned_file,
    parse_workbook,
    problems_from_validation_error,
    receive_review,
    reply_as_student,
    restored_revision,
    set_resolved,
    utc_now,
)
from physioreflect.storage import Submission, WorkbookSummary, Workspace, returned_to_student

if TYPE_CHECKING:
    # The scanner is imported when first used (its patterns and modules are not needed to
    # show the Start step).
    from physioreflect.privacy import Finding, IndirectWarning

__all__ = [
    "HistoryRow",
    "PrivacyNotConfirmed",
    "Redaction",
    "RestoreRefused",
    "WorkbookController",
]

log = logging.getLogger("physioreflect.app")

LANGUAGES = ("nb", "en")


class PrivacyNotConfirmed(PhysioreflectError):
    """Submitting a workbook in which the privacy scan found something needs the author's
    explicit confirmation that it is de-identified (recorded in the workbook)."""

    key = "summary.privacy_confirm_needed"


@dataclass(frozen=True)
class Redaction:
    """What "replace with placeholders" did: findings replaced, files rewritten."""

    replaced: int
    files_cleaned: int


class NoWorkbookOpen(PhysioreflectError):
    key = "app.no_workbook"


class RestoreRefused(PhysioreflectError):
    """An earlier revision of a submitted or approved workbook cannot be made the current
    version: the workbook is the course's until it is returned."""

    key = "history.restore_submitted"


@dataclass(frozen=True)
class HistoryRow:
    """One kept revision as the history list shows it, in the page's language."""

    revision: int
    text: str
    """When it was saved and how complete it was."""
    current: bool
    """The workbook as it is now (nothing to restore)."""


WHOLE_WORKBOOK: Final = None
"""The section an edit of the whole workbook names (a revision restored)."""


Listener = Callable[[], None]
SectionListener = Callable[[Section | None], None]
StateListener = Callable[[SaveState], None]


class WorkbookController:
    """One tab of the student workbook."""

    def __init__(
        self,
        *,
        workspace: Workspace,
        lang: str = "nb",
        prompt_set: PromptSet | None = None,
        scheduler: Scheduler | None = None,
        submissions: Path | None = None,
    ) -> None:
        self.workspace = workspace
        self.submissions = submissions
        """The shared submissions folder a hand-in leaves its frozen copy in, if there is one."""
        self.lang = lang if lang in LANGUAGES else "nb"
        self.library: ContentLibrary = library()
        self.prompt_set = prompt_set or self.library.prompt_set
        self.required_prompts = self.library.required_prompt_ids(self.prompt_set)
        self.scheduler = scheduler or AsyncioScheduler()
        self.step = Step.start
        self.session: Session | None = None
        self.drafts: dict[str, object] = {}
        """What is typed in forms that are no workbook yet (a new workbook's title, a search),
        kept while the tab lives: a language switch builds those forms again."""
        self._language_listeners: list[Listener] = []
        self._step_listeners: list[Listener] = []
        self._workbook_listeners: list[SectionListener] = []
        self._state_listeners: list[StateListener] = []
        self._workspace_listeners: list[Listener] = []
        self.undo_offers = UndoOffers(self.scheduler)
        self._reviewed_cache: dict[tuple[Path, int, int], dt.datetime | None] = {}

    # ── text ──────────────────────────────────────────────────────────────────────────────
    def t(self, key: str, /, **params: Any) -> str:
        return message(key, self.lang, **params)

    # ── observing ─────────────────────────────────────────────────────────────────────────
    def on_language(self, listener: Listener) -> None:
        self._language_listeners.append(listener)

    def on_step(self, listener: Listener) -> None:
        self._step_listeners.append(listener)

    def on_workbook(self, listener: SectionListener) -> None:
        """Called after every change with the section it touched; ``None`` means the whole
        workbook may be different (another one opened, reloaded, submitted, redacted)."""
        self._workbook_listeners.append(listener)

    def on_state(self, listener: StateListener) -> None:
        self._state_listeners.append(listener)

    def on_undo(self, listener: Listener) -> None:
        """Called when what :meth:`undo_notice` says changes."""
        self.undo_offers.on_change(listener)

    def on_workspace(self, listener: Listener) -> None:
        """Called when the workspace's lists changed: a workbook moved to the trash or back,
        deleted for good, or a revision restored."""
        self._workspace_listeners.append(listener)

    def _notify_workbook(self, section: Section | None) -> None:
        if section is None:
            # Another workbook, or this one reloaded: an entry put back would not belong.
            self.undo_offers.end(of_workbook=True)
        for listener in list(self._workbook_listeners):
            listener(section)

    def _notify_workspace(self) -> None:
        for listener in list(self._workspace_listeners):
            listener()

    def _notify_state(self, state: SaveState) -> None:
        for listener in list(self._state_listeners):
            listener(state)

    # ── reading ───────────────────────────────────────────────────────────────────────────
    @property
    def has_workbook(self) -> bool:
        return self.session is not None

    @property
    def workbook(self) -> Workbook:
        if self.session is None:
            raise NoWorkbookOpen(source="")
        return self.session.workbook

    @property
    def read_only(self) -> bool:
        return self.session is None or self.session.read_only

    def progress(self) -> dict[Step, tuple[int, int]]:
        """(required done, required total) per step that fills in sections."""
        if self.session is None:
            return {}
        sections = completeness(self.workbook, required_prompts=self.required_prompts)
        found = {step: step_progress(step, sections) for step in STEPS}
        return {step: value for step, value in found.items() if value is not None}

    def privacy_findings(self) -> list[Finding]:
        if self.session is None:
            return []
        from physioreflect.privacy import scan_workbook  # noqa: PLC0415 - when first used

        return scan_workbook(self.workbook)

    # ── language and steps ────────────────────────────────────────────────────────────────
    def set_language(self, lang: str) -> None:
        """Everything typed is already in the model, so switching loses nothing."""
        if lang not in LANGUAGES or lang == self.lang:
            return
        self.lang = lang
        for listener in list(self._language_listeners):
            listener()

    def go(self, step: Step) -> None:
        """Show ``step``; without an open workbook only the start step can be shown. Pending
        edits are saved first, so a step never shows older data than was typed."""
        if step is not Step.start and self.session is None:
            step = Step.start
        self.save_pending()
        if step is self.step:
            return
        self.step = step
        for listener in list(self._step_listeners):
            listener()

    def neighbour(self, offset: int) -> Step | None:
        index = STEPS.index(self.step) + offset
        return STEPS[index] if 0 <= index < len(STEPS) else None

    # ── opening ───────────────────────────────────────────────────────────────────────────
    def open_from_query(self, query: str) -> None:
        """Language, workbook and step from the page address; a bad link raises
        :class:`UnsafeWorkbookId` (or the storage's error) and leaves the start step."""
        requested = parse_query(query)
        if requested.lang:
            self.lang = requested.lang
        if not requested.workbook:
            return
        # After a reload, the previous page's kernel may still be saving the last edits.
        self.workspace.wait_for_pending(requested.workbook)
        workbook = self.workspace.open(requested.workbook)
        self._attach(workbook)
        # A link to the start step with a workbook open returns there, as the address says.
        self.step = requested.step if requested.step is not None else Step.case

    def open(self, workbook_id: str, *, step: Step = Step.case) -> None:
        self.open_workbook(self.workspace.open(workbook_id), step=step)

    def create(self, workbook: Workbook) -> None:
        self.open_workbook(self.workspace.create(workbook))

    def import_file(self, data: bytes, *, name: str) -> str:
        """An uploaded ``.json`` workbook: checked in full before anything is saved.

        A workbook a supervisor sent back, of a workbook in this workspace, updates that
        workbook (:meth:`receive`); any other is added (under a new id if its own is taken).
        Returns ``"received"``, ``"same"`` (that review was there already) or ``"added"``."""
        workbook = parse_workbook(data, source=name)
        if is_returned_file(workbook) and self._has(workbook):
            return self.receive(workbook)
        self.open_workbook(self.workspace.import_workbook(workbook))
        return "added"

    def _has(self, workbook: Workbook) -> bool:
        return self.workspace.exists(workbook.meta.id)

    def receive(self, returned: Workbook) -> str:
        """The review in ``returned`` joins the student's own workbook of the same id: what
        they wrote stays theirs, the review and status come from the file. Saved with the
        workspace's revision check, so a newer save elsewhere is never overwritten."""
        self.save_pending()
        self.workspace.wait_for_pending(returned.meta.id)
        current = self.workspace.open(returned.meta.id)
        merged = receive_review(current, returned)
        saved = current if merged is current else self.workspace.save(merged)
        self.open_workbook(saved)
        return "same" if merged is current else "received"

    def returned_waiting(self) -> list[tuple[Workbook, Submission]]:
        """Workbooks of this workspace whose newest return in the shared submissions folder
        has not reached them yet: ``(the workbook, its returned submission)``."""
        if self.submissions is None or not self.submissions.is_dir():
            return []
        waiting = []
        for summary in self.workspace.list_workbooks():
            if summary.problem is not None or summary.is_example:
                continue
            try:
                returns = returned_to_student(self.submissions, summary.id)
            except PhysioreflectError:
                continue  # an unusable folder is said where the student hands in
            if not returns:
                continue
            newest = returns[-1]
            try:
                got = self._reviewed_in(newest.returned)  # type: ignore[arg-type]
                if got is None:
                    continue
                workbook = self.workspace.open(summary.id)
            except (OSError, PhysioreflectError):
                log.warning("a returned workbook could not be read: %s", newest.returned)
                continue
            had = workbook.meta.reviewed
            if had is None or got > had:
                waiting.append((workbook, newest))
        return waiting

    def _reviewed_in(self, returned: Path) -> dt.datetime | None:
        """When the returned workbook ``returned`` was reviewed, read once per version of the
        file: the Start step asks every time it is built, and a returned file never changes
        once written (a new round is a new file)."""
        info = returned.stat()
        stamp = (returned, info.st_mtime_ns, info.st_size)
        if stamp not in self._reviewed_cache:
            self._reviewed_cache[stamp] = parse_workbook(returned.read_bytes()).meta.reviewed
        return self._reviewed_cache[stamp]

    def receive_from_folder(self, submission: Submission) -> str:
        """:meth:`receive` the returned workbook of a submission in the shared folder."""
        if submission.returned is None:
            msg = "the submission was not returned"
            raise ValueError(msg)
        data = submission.returned.read_bytes()
        return self.receive(parse_workbook(data, source=submission.returned.name))

    def open_workbook(self, workbook: Workbook, *, step: Step = Step.case) -> None:
        self.save_pending()
        self._attach(workbook)
        self.step = step
        self._notify_workbook(None)

    def _attach(self, workbook: Workbook) -> None:
        session = Session(workspace=self.workspace, workbook=workbook, scheduler=self.scheduler)
        session.on_state(self._notify_state)
        session.on_change(self._notify_workbook)
        self.session = session
        self.workspace.remember_last_opened(workbook.meta.id)

    def close(self) -> None:
        self.save_pending()
        self.session = None
        self.step = Step.start
        self._notify_workbook(None)

    # ── editing ───────────────────────────────────────────────────────────────────────────
    def edit(self, section: Section | None, change: Edit) -> None:
        """Apply ``change`` to the open workbook. Raises :class:`InvalidWorkbook` (the value
        is refused), :class:`ReviewRefused` (a change of the review, which is the
        supervisor's) or :class:`ReadOnlyWorkbook`; the workbook is then unchanged."""
        if self.session is None:
            raise NoWorkbookOpen(source="")
        self.session.edit(change, section=section)

    # ── the review received ───────────────────────────────────────────────────────────────
    def received_review(self) -> ReceivedReview | None:
        """The released review the open workbook carries, in short, in the page's language."""
        if self.session is None:
            return None
        return received_review(self.workbook, library=self.library, lang=self.lang)

    @property
    def can_reply(self) -> bool:
        """Whether the student may reply to comments and mark them resolved now: only while
        the workbook is returned to them (and not held by a save conflict)."""
        return (
            self.session is not None
            and not self.session.read_only
            and self.workbook.meta.status is Status.returned
        )

    def reply(self, comment_id: str, text: str) -> None:
        """Add the student's reply to a comment, autosaved like any edit. Raises
        :class:`ReviewRefused` (not returned, no such comment, nothing written) or
        :class:`InvalidWorkbook` (too long); the workbook is then unchanged."""
        workbook = self.workbook
        if not text.strip():
            raise ReviewRefused(source=workbook.meta.title, reason="empty_reply")
        try:
            replied = reply_as_student(workbook, comment_id, text=text, now=utc_now())
        except ValidationError as error:
            raise InvalidWorkbook(
                source=workbook.meta.title, problems=problems_from_validation_error(error)
            ) from None
        self._review_edit(comment_id, replied)

    def set_resolved(self, comment_id: str, resolved: bool) -> None:
        """Mark a comment resolved (or open again), autosaved like any edit. Raises
        :class:`ReviewRefused` when the workbook is not returned or has no such comment."""
        self._review_edit(comment_id, set_resolved(self.workbook, comment_id, resolved=resolved))

    def _review_edit(self, comment_id: str, changed: Workbook) -> None:
        section = next(c.section for c in changed.review.comments if c.comment_id == comment_id)
        review = changed.review
        # Through the same edit as every other change: validated, checked against the
        # student's role, autosaved, and the views of that section told.
        self.edit(section, lambda w: setattr(w, "review", review))

    def save_pending(self) -> None:
        if self.session is not None and self.session.dirty:
            self.session.save_now()

    # ── removing, with a way back ─────────────────────────────────────────────────────────
    def remove(self, kind: EntryList, key: str | int, *, shown: int | None = None) -> bool:
        """Remove an entry of the open workbook and offer to undo it (:meth:`undo`).

        ``key`` is the entry's ``entry_id``, or its place for lists without ids, with
        ``shown`` the number of entries the view showed: should the list have changed since
        (a second click on the same button, after the first removed the entry), nothing is
        removed. Returns whether an entry was removed; raises as :meth:`edit` does."""
        workbook = self.workbook
        entries = entries_of(workbook, kind)
        if isinstance(key, str):
            index = next(
                (i for i, e in enumerate(entries) if getattr(e, "entry_id", None) == key), None
            )
        else:
            fits = 0 <= key < len(entries) and shown in (None, len(entries))
            index = key if fits else None
        if index is None:
            return False
        entry = entries[index]
        entry = entry.model_copy(deep=True) if hasattr(entry, "model_copy") else entry
        section = section_of(kind)
        self.edit(section, without(kind, index))
        workbook_id = workbook.meta.id

        def take_back() -> None:
            if self.session is None or self.workbook.meta.id != workbook_id:
                raise NoWorkbookOpen(source="")
            self.edit(section, put_back(kind, index, entry))

        def label(lang: str) -> str:
            return entry_label(kind, entry, library=self.library, lang=lang)

        self.undo_offers.offer(
            Offer(
                said=entry_message("removed", kind, label, index + 1),
                take_back=take_back,
                back=entry_message("back", kind, label, index + 1),
                of_workbook=True,
            )
        )
        return True

    def undo_notice(self) -> UndoNotice | None:
        """What to say about the latest removal now, if anything, and whether it can be
        undone."""
        return self.undo_offers.notice(self.lang)

    def undo(self) -> bool:
        """Take the latest removal back (itself an edit, autosaved like any other); ``False``
        when there is nothing (any more) to undo."""
        return self.undo_offers.take_back()

    # ── the trash ─────────────────────────────────────────────────────────────────────────
    def trashed(self) -> list[WorkbookSummary]:
        return self.workspace.trashed()

    def _already(self, workbook_id: str, *, in_trash: bool) -> bool:
        """Whether the workbook is where a second click on the same button would move it:
        then the click does nothing (instead of saying the workbook is not found)."""
        return self.workspace.in_trash(workbook_id) == in_trash and (
            self.workspace.exists(workbook_id) != in_trash
        )

    def trash(self, workbook_id: str) -> None:
        """Move a workbook to the trash (closed first, if it is open here, with what was
        typed saved), and offer to undo that."""
        if self._already(workbook_id, in_trash=True):
            return
        title = self._title_of(workbook_id, self.workspace.list_workbooks())
        if self.session is not None and str(self.workbook.meta.id) == workbook_id:
            self.close()
        self.workspace.trash(workbook_id)
        self._notify_workspace()
        self.undo_offers.offer(
            Offer(
                said=lambda lang: message("undo.trashed", lang, title=title),
                take_back=lambda: self.restore_from_trash(workbook_id),
                back=lambda lang: message("undo.untrashed", lang, title=title),
                of_workbook=False,
            )
        )

    def restore_from_trash(self, workbook_id: str) -> None:
        """Take a workbook out of the trash; refused if the folder has one of that id."""
        if self._already(workbook_id, in_trash=False):
            return
        self.workspace.restore(workbook_id)
        self._notify_workspace()

    def delete_for_good(self, workbook_id: str) -> None:
        """Delete a workbook in the trash, with its history. The view asks first."""
        if not self.workspace.in_trash(workbook_id):
            return  # deleted already (a second click)
        self.workspace.delete_for_good(workbook_id)
        self.undo_offers.end(of_workbook=False)
        self._notify_workspace()

    def empty_trash(self) -> int:
        """Delete everything in the trash for good; how many workbooks. The view asks first."""
        deleted = self.workspace.empty_trash()
        self.undo_offers.end(of_workbook=False)
        self._notify_workspace()
        return len(deleted)

    @staticmethod
    def _title_of(workbook_id: str, summaries: list[WorkbookSummary]) -> str:
        found = next((s for s in summaries if s.id == workbook_id and s.title), None)
        return found.title if found is not None else workbook_id

    # ── history ───────────────────────────────────────────────────────────────────────────
    def history(self, workbook_id: str) -> list[HistoryRow]:
        """The kept revisions of a workbook, newest first, each with when it was saved and
        how complete it was."""
        infos = self.workspace.history(workbook_id)
        rows = []
        for info in reversed(infos):
            stamp = info.updated_at
            when = self._when(stamp) if stamp is not None else "?"
            text = self.t(
                "history.row",
                revision=info.revision,
                when=when,
                percent=round(info.completeness * 100),
            )
            rows.append(HistoryRow(info.revision, text, current=info is infos[-1]))
        return rows

    def _when(self, stamp: dt.datetime) -> str:
        local = stamp.astimezone()
        date = render.written_date(local.date(), self.lang)
        return self.t("history.when", date=date, time=local.strftime("%H:%M:%S"))

    def revision_html(self, workbook_id: str, revision: int) -> str:
        """An earlier revision as the Summary shows a workbook (the same document blocks, in
        the page's language), to be looked at, not changed."""
        earlier = self.workspace.open_revision(workbook_id, revision)
        return render.document_html(
            render.summary_data(earlier, lang=self.lang, prompt_set=self.prompt_set)
        )

    def restore_revision(self, workbook_id: str, revision: int) -> int:
        """Make an earlier revision the current version: what the author wrote then, with
        the review and status of now, saved as a new revision (the version it replaces stays
        in the history). Returns the new revision's number. Open here, the workbook takes it
        as an edit of the whole workbook, saved at once; a save that fails says why in the
        save state, and nothing on disk is changed."""
        if self.session is not None and str(self.workbook.meta.id) == workbook_id:
            self.save_pending()
            earlier = self.workspace.open_revision(workbook_id, revision)
            if not is_editable_by_author(self.workbook):
                raise RestoreRefused(source=self.workbook.meta.title)
            restored = restored_revision(self.workbook, earlier)
            self.edit(WHOLE_WORKBOOK, lambda w: _take_from(w, restored))
            self.session.save_now()
            number = self.workbook.meta.revision
        else:
            try:
                number = self.workspace.restore_revision(workbook_id, revision).meta.revision
            except WorkbookSubmitted as refused:
                raise RestoreRefused(source=refused.source) from None
        self._notify_workspace()
        return number

    # ── privacy and submitting ────────────────────────────────────────────────────────────
    def redact(self) -> Redaction:
        """Replace every high-confidence privacy finding with its placeholder — in the
        workbook (a new revision) and in every revision, trash copy and copy the workspace
        keeps of it, so the original text is left nowhere — and continue with the result."""
        if self.session is None:
            raise NoWorkbookOpen(source="")
        self.save_pending()
        findings = self.privacy_findings()
        if not findings:
            return Redaction(replaced=0, files_cleaned=0)
        from physioreflect.privacy import redact_everywhere  # noqa: PLC0415

        report = redact_everywhere(self.workspace, self.workbook.meta.id, findings)
        self.session.reload()
        return Redaction(replaced=len(findings), files_cleaned=report.files_cleaned)

    def indirect_warning(self) -> IndirectWarning | None:
        """Details that identify a patient only together (an exact age, a small place …):
        a soft warning when two or more kinds meet in the workbook; never replaced."""
        if self.session is None:
            return None
        from physioreflect.privacy import indirect_identifiers, indirect_warning  # noqa: PLC0415

        return indirect_warning(indirect_identifiers(self.workbook))

    def submit(self, *, privacy_confirmed: bool) -> bool:
        """Hand the workbook in. With privacy findings left, the author must confirm that it
        is de-identified; the confirmation is recorded in the workbook. With a submissions
        folder, the frozen copy goes there. Returns whether it was submitted: a failed save
        leaves it a draft and says why in the save state; a copy that cannot be written
        leaves it a draft and raises :class:`SubmissionNotWritten`, which says why."""
        if self.session is None:
            raise NoWorkbookOpen(source="")
        if self.privacy_findings() and not self.workbook.meta.privacy_confirmed:
            if not privacy_confirmed:
                raise PrivacyNotConfirmed(source=self.workbook.meta.title)
            self.edit(Section.case, lambda w: setattr(w.meta, "privacy_confirmed", True))
        self.session.submit(submissions=self.submissions)
        return self.workbook.meta.status is Status.submitted

    # ── conflicts ─────────────────────────────────────────────────────────────────────────
    def reload_theirs(self) -> None:
        """After a conflict: continue with the version on disk (ours is in the copy)."""
        if self.session is not None:
            self.session.reload()

    def keep_copy(self, copy_id: str) -> None:
        """After a conflict: continue in the copy that holds this tab's version."""
        if self.session is None:
            return
        if not copy_id:
            raise UnsafeWorkbookId(source=copy_id)
        self.session.switch_to(copy_id)
        self.workspace.remember_last_opened(copy_id)


def _take_from(workbook: Workbook, source: Workbook) -> None:
    """An edit: every part of ``workbook`` becomes ``source``'s."""
    for name in type(workbook).model_fields:
        setattr(workbook, name, getattr(source, name))
