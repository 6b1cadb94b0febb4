"""The student workbook's controller: everything a dashboard tab does, without a widget.

It holds the tab's state — language, step, the open workbook's :class:`Session` — and the
rules that used to live in views: which step can be shown, that switching saves pending work,
that submitting with unresolved privacy findings needs a recorded confirmation, how
replacing personal data with placeholders is applied. Views call it and listen to it; tests
drive it directly, with a :class:`~physioreflect.app.ManualScheduler` as the clock.

Data flows one way: an event → :meth:`WorkbookController.edit` (validated in the model) →
autosave through storage → the listeners of the part that changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from physioreflect.app._received import ReceivedReview, received_review
from physioreflect.app._scheduler import AsyncioScheduler, Scheduler
from physioreflect.app._session import SaveState, Session
from physioreflect.app._steps import STEPS, Step, parse_query, step_progress
from physioreflect.content import ContentLibrary, PromptSet, library, message
from physioreflect.errors import (
    InvalidWorkbook,
    PhysioreflectError,
    ReviewRefused,
    UnsafeWorkbookId,
)
from physioreflect.model import (
    Edit,
    Section,
    Status,
    Workbook,
    completeness,
    is_returned_file,
    parse_workbook,
    problems_from_validation_error,
    receive_review,
    reply_as_student,
    set_resolved,
    utc_now,
)
from physioreflect.privacy import (
    Finding,
    IndirectWarning,
    indirect_identifiers,
    indirect_warning,
    redact_everywhere,
    scan_workbook,
)
from physioreflect.storage import Submission, Workspace, returned_to_student

__all__ = ["PrivacyNotConfirmed", "Redaction", "WorkbookController"]

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

    def _notify_workbook(self, section: Section | None) -> None:
        for listener in list(self._workbook_listeners):
            listener(section)

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
        return scan_workbook(self.workbook) if self.session is not None else []

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
                returned = parse_workbook(newest.returned.read_bytes())  # type: ignore[union-attr]
                workbook = self.workspace.open(summary.id)
            except (OSError, PhysioreflectError):
                log.warning("a returned workbook could not be read: %s", newest.returned)
                continue
            had, got = workbook.meta.reviewed, returned.meta.reviewed
            if got is not None and (had is None or got > had):
                waiting.append((workbook, newest))
        return waiting

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
        report = redact_everywhere(self.workspace, self.workbook.meta.id, findings)
        self.session.reload()
        return Redaction(replaced=len(findings), files_cleaned=report.files_cleaned)

    def indirect_warning(self) -> IndirectWarning | None:
        """Details that identify a patient only together (an exact age, a small place …):
        a soft warning when two or more kinds meet in the workbook; never replaced."""
        if self.session is None:
            return None
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
