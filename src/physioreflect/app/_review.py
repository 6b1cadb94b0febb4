"""A supervisor reviewing one submission: the review dashboard's controller, without widgets.

The submission is read once and never written. Every change goes to the supervisor's
:class:`~physioreflect.model.ReviewRecord` through the model's role rules and is saved at
once beside the submission; releasing writes the workbook the student receives. A record
made for other bytes than the file has now (the student handed in again under the same name,
or the file was replaced) is never overwritten: it is kept under a dated name and a new review
starts, and a review changed by hand since its release is found and shown.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from physioreflect.cohort import (
    ReviewDesk,
    read_member,
    read_submission,
    scrub_name,
    scrub_name_in_prose,
)
from physioreflect.content import BUILT_IN_RUBRIC, PromptSet, Rubric, library
from physioreflect.errors import InvalidWorkbook, PhysioreflectError, Problem, ReviewRefused
from physioreflect.model import (
    Decision,
    LearningJudgement,
    Review,
    ReviewRecord,
    RubricScore,
    Section,
    Status,
    Workbook,
    add_comment,
    delete_comment,
    edit_comment,
    release,
    reply_as_supervisor,
    review_differences,
    submission_digest,
    utc_now,
)
from physioreflect.render import workbook_changes
from physioreflect.storage import submissions_of

__all__ = ["EarlierRound", "ReviewSession", "blinded"]

log = logging.getLogger("physioreflect.app")

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class EarlierRound:
    """The workbook as it was reviewed in the round before the one open now."""

    workbook: Workbook
    found_as: Literal["copy", "returned"]
    """``copy``: the previous hand-in in the shared submissions folder; ``returned``: the
    workbook returned to the student last time, kept beside the submission (it holds the
    student's text as it was reviewed)."""
    name: str
    """The file, as the download names it."""


_NOT_PROSE: Final = frozenset(
    {
        "id",
        "entry_id",
        "catalogue_id",
        "idea_id",
        "comment_id",
        "strategies",
        "techniques",
        "side_benefits",
    }
)
"""Keys whose texts are ids, never something a person wrote."""


def _scrubbed(value: Any, names: list[str], code: str, key: str = "") -> Any:
    """Every text a person wrote in ``value`` (a workbook's plain form) without the names."""
    if key in _NOT_PROSE:
        return value
    if type(value) is str:  # enum members are ``str`` too, and are left alone
        for name in names:
            value = scrub_name_in_prose(value, name, code)
        return value
    if isinstance(value, dict):
        return {k: _scrubbed(v, names, code, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v, names, code, key) for v in value]
    return value


def blinded(workbook: Workbook, *, author: str, code: str) -> Workbook:
    """``workbook`` with the code ``code`` where the student's name ``author`` was: the
    author field, any word of the name in the title, the name wherever the student wrote it
    (a signature, "Karis refleksjon"), and the student's replies."""
    names = [name for name in dict.fromkeys((author, workbook.meta.author)) if name.strip()]
    data = _scrubbed(workbook.model_dump(), names, code)
    data["meta"]["author"] = code
    for name in names:
        data["meta"]["title"] = scrub_name(data["meta"]["title"], name, "…") or "…"
    for comment in data["review"]["comments"]:
        for reply in comment["replies"]:
            if not reply["from_supervisor"]:
                reply["author"] = code
    return Workbook.model_validate(data)


class ReviewSession:
    """One supervisor's review of the submission ``name`` in the folder or zip ``source``.

    Raises :class:`InvalidWorkbook` (and the other errors of reading a workbook) when the
    submission cannot be read, and when its record is damaged: a damaged record is the
    supervisor's work, never replaced by an empty one.
    """

    def __init__(
        self,
        source: Path,
        name: str,
        *,
        reviewer: str = "",
        clock: Clock = utc_now,
        prompt_set: PromptSet | None = None,
        rubric: Rubric | None = None,
    ) -> None:
        self.source, self.name, self.clock, self.prompt_set = source, name, clock, prompt_set
        self.course_rubric = rubric
        """The course's own rubric (``serve --rubric``); ``None``: REFLECT."""
        self._data, self.submission = _read(source, name)
        self.desk = ReviewDesk(source)
        found = self.desk.record(name)
        self.kept_earlier: Path | None = None
        """Where an earlier record of this name was kept, when this file is not the one it
        was made for (set once the new review is first saved)."""
        self._earlier: ReviewRecord | None = None
        if found is not None and found.submission_sha256 != submission_digest(self._data):
            self._earlier, found = found, None
        self.saved = found is not None
        self.record = found or ReviewRecord.start(
            self.submission, name=name, data=self._data, reviewer=reviewer, now=clock()
        )
        if reviewer.strip() and not self.record.reviewer.strip():
            self.record = self.record.model_copy(update={"reviewer": reviewer.strip()})

    # ── what the screen shows ──────────────────────────────────────────────────────────────
    @property
    def released(self) -> bool:
        return self.record.released is not None

    @property
    def reviewable(self) -> bool:
        """Only a submitted workbook is reviewed; a draft or an already returned or approved
        file in the folder is shown, read-only."""
        return self.submission.meta.status is Status.submitted

    @property
    def read_only(self) -> bool:
        return self.released or not self.reviewable

    @property
    def reviewer(self) -> str:
        return self.record.reviewer

    @property
    def review(self) -> Review:
        return self.record.review

    def preview(self, *, blind_as: str | None = None) -> Workbook:
        """The submission with the review as it stands: what the student will receive.
        ``blind_as``: the code shown instead of the student's name (blind review), in the
        author field, the title and the student's replies."""
        review = self.record.review
        shown = self.submission.model_copy(update={"review": review})
        if blind_as is None:
            return shown
        return blinded(shown, author=self.submission.meta.author, code=blind_as)

    @property
    def record_for_other_file(self) -> bool:
        """A record lies beside the submission, made for other bytes than the file has now
        (an earlier round handed in under the same name): it is not this file's review."""
        return self._earlier is not None and not self.saved

    # ── the round before ───────────────────────────────────────────────────────────────────
    def earlier_round(self) -> EarlierRound | None:
        """The workbook of the round reviewed before this one; ``None`` when there is none.

        In the shared submissions folder (``DIR/<workbook-id>/<stamp>.json``) it is the
        previous copy in the same folder. Elsewhere (a learning platform's download, where a
        new hand-in replaces the file) it is the workbook returned last time, beside the
        submission; a returned file written for this very file is not an earlier round.
        Raises :class:`InvalidWorkbook` when the earlier file cannot be read.

        Found once: releasing this round writes a returned file, which is not an earlier
        round, and the screen keeps showing what it compared with."""
        if self._round_before is None:
            self._round_before = (self._find_earlier_round(),)
        return self._round_before[0]

    _round_before: tuple[EarlierRound | None] | None = None

    def _find_earlier_round(self) -> EarlierRound | None:
        copies = self._shared_copies()
        if copies is not None:
            before, _ = copies
            if before is None:
                return None
            return EarlierRound(_read(self.source, before)[1], "copy", before)
        return self._earlier_returned()

    def _shared_copies(self) -> tuple[str | None, str] | None:
        """In the shared submissions folder: the name of the copy before this one (``None``
        for the first) and this one's; ``None`` when the submission is not laid out so."""
        folder, _, file_name = self.name.rpartition("/")
        workbook_id = self.submission.meta.id
        if folder != str(workbook_id) or not self.source.is_dir():
            return None
        try:
            copies = [c.path.name for c in submissions_of(self.source, workbook_id)]
        except PhysioreflectError:
            log.exception("the copies of %s could not be listed", workbook_id)
            return None
        if file_name not in copies:
            return None
        index = copies.index(file_name)
        return (f"{folder}/{copies[index - 1]}" if index > 0 else None), self.name

    def _earlier_returned(self) -> EarlierRound | None:
        """The newest workbook returned for an earlier hand-in under this name."""
        found: list[EarlierRound] = []
        own = self.desk.returned_path(self.name) if self.released else None
        for path in self.desk.returned_rounds(self.name):
            if path == own:
                continue  # this round's, once released
            earlier = self._returned_round(path)
            if earlier is not None:
                found.append(earlier)
        return max(
            found,
            key=lambda e: e.workbook.meta.reviewed or e.workbook.meta.updated,
            default=None,
        )

    def _returned_round(self, path: Path) -> EarlierRound | None:
        shown = path.relative_to(self.desk.root).as_posix()
        if not path.exists():
            return None  # taken away since it was listed
        _, workbook = _read(self.desk.root, shown, reviews=True)
        this = self.submission.meta
        if workbook.meta.id != this.id or (
            workbook.meta.submitted is not None and workbook.meta.submitted == this.submitted
        ):
            # Another workbook handed in under this name, or this very hand-in returned.
            return None
        return EarlierRound(workbook, "returned", shown)

    def changes(
        self, lang: str, *, blind_as: str | None = None
    ) -> tuple[EarlierRound, dict[str, Any]] | None:
        """What changed since the round before (:func:`physioreflect.render.workbook_changes`)
        with the earlier round it was compared with; ``None`` when there is no earlier round.
        ``blind_as`` hides the student's name in both, as :meth:`preview` does."""
        earlier = self.earlier_round()
        if earlier is None:
            return None
        before = earlier.workbook
        if blind_as is not None:
            before = blinded(before, author=self.submission.meta.author, code=blind_as)
        after = self.preview(blind_as=blind_as)
        data = workbook_changes(before, after, lang=lang, prompt_set=self.prompt_set)
        return earlier, data

    def received_comments(self) -> frozenset[str]:
        """Comments the student already has (from an earlier round): part of the record."""
        return frozenset(c.comment_id for c in self.submission.review.comments)

    def changed_by_hand(self) -> list[str]:
        """Where the review this file carries differs from what the supervisor released in
        the previous round (the student's replies and marks aside). Empty when there is no
        earlier released record to compare with, or nothing differs."""
        earlier = self._released_before()
        if earlier is None:
            return []
        released = earlier.review.model_copy(update={"reviewer": earlier.reviewer})
        return review_differences(released, self.submission.review)

    def _released_before(self) -> ReviewRecord | None:
        if self._earlier is not None and self._earlier.released is not None:
            return self._earlier
        return self.desk.latest_release(
            self.name, self.submission.meta.id, exclude=self.record.submission_sha256
        )

    @property
    def rubric(self) -> Rubric:
        """The rubric this review scores with: the course's own, else REFLECT."""
        return self.course_rubric or library().rubric

    def criteria(self, lang: str) -> list[tuple[str, str]]:
        """The rubric's criteria as ``(id, label)``, then any scored criterion it lacks (by
        the name the review kept, else by its id)."""
        rubric = self.rubric
        known = [(c.id, c.label.get(lang)) for c in rubric.criteria]
        ids = {criterion_id for criterion_id, _ in known}
        kept = self.review.course_rubric
        return known + [
            (c, (kept.criterion_label(c, lang) if kept else None) or c)
            for c in sorted(self.review.rubric)
            if c not in ids
        ]

    def is_outcome(self, criterion_id: str) -> bool:
        """Whether the criterion is one of the course's learning outcomes (læringsutbytte)."""
        criterion = self.rubric.criterion(criterion_id)
        return criterion is not None and criterion.outcome

    def learning_kinds(self, lang: str) -> list[tuple[str, str]]:
        """The rubric's judgements of learning as ``(label, id)``; none for a course rubric
        that asks for none, unless the review already holds one (kept, by REFLECT's name)."""
        kinds = [(kind.label.get(lang), kind.id) for kind in self.rubric.learning]
        held = self.review.learning
        if held is not None and held.value not in {kind_id for _, kind_id in kinds}:
            named = {kind.id: kind.label.get(lang) for kind in library().rubric.learning}
            kinds.append((named.get(held.value, held.value), held.value))
        return kinds

    def levels(self, lang: str) -> list[tuple[int, str]]:
        return [(level.level, level.label.get(lang)) for level in self.rubric.levels]

    def descriptor(self, criterion_id: str, level: int | None, lang: str) -> str:
        """What ``level`` means for the criterion, in the course rubric's own words ("" for
        none, for REFLECT, and for no level chosen)."""
        return "" if level is None else self.rubric.descriptor(criterion_id, level, lang)

    def scored_with_another_rubric(self) -> str | None:
        """The id of the rubric this review was scored with when it is not the one open now
        (its scores are kept, and no more are given with this one); else ``None``."""
        review = self.review
        if not review.rubric:
            return None
        scored_with = review.course_rubric.id if review.course_rubric else BUILT_IN_RUBRIC
        return None if scored_with == self.rubric.id else scored_with

    # ── changes ────────────────────────────────────────────────────────────────────────────
    def _check_open(self) -> None:
        if self.released:
            raise ReviewRefused(reason="review_released")
        if not self.reviewable:
            raise ReviewRefused(reason="not_submitted")

    def _save(self, record: ReviewRecord) -> None:
        if self._earlier is not None and self.kept_earlier is None:
            self.kept_earlier = self.desk.keep_aside(self.name, self._earlier)
        self.desk.save(record)
        self.record, self.saved = record, True

    def _change(self, change: Callable[[Review], Review]) -> None:
        self._check_open()
        review = change(self.record.review)
        if review != self.record.review:
            self._save(self.record.revised(review, now=self.clock()))

    def set_reviewer(self, name: str) -> None:
        """The supervisor's name, typed once; comments are signed with it."""
        self._check_open()
        name = name.strip()
        if name != self.record.reviewer:
            record = self.record.model_copy(update={"reviewer": name})
            self._save(record.revised(record.review, now=self.clock()))

    def _author(self) -> str:
        if not self.record.reviewer.strip():
            raise ReviewRefused(reason="no_reviewer")
        return self.record.reviewer

    def add_comment(self, section: Section, text: str, *, anchor: str | None = None) -> None:
        if not text.strip():
            return
        author, now = self._author(), self.clock()
        self._change(
            lambda r: add_comment(
                r, author=author, section=section, anchor=anchor, text=text, now=now
            )
        )

    def edit_comment(self, comment_id: str, text: str) -> None:
        if not text.strip():
            self.delete_comment(comment_id)
            return
        author, now, received = self._author(), self.clock(), self.received_comments()
        self._change(
            lambda r: edit_comment(
                r, comment_id, author=author, text=text, now=now, received=received
            )
        )

    def delete_comment(self, comment_id: str) -> None:
        author, received = self._author(), self.received_comments()
        self._change(lambda r: delete_comment(r, comment_id, author=author, received=received))

    def reply(self, comment_id: str, text: str) -> None:
        """The supervisor's answer in a thread (to a student's reply of an earlier round)."""
        if not text.strip():
            return
        author, now = self._author(), self.clock()
        self._change(
            lambda r: reply_as_supervisor(r, comment_id, author=author, text=text, now=now)
        )

    def score(self, criterion: str, level: int | None) -> None:
        """Score ``criterion`` (``None``: take its score away). A review keeps the names of
        the course rubric it is scored with from its first score, so that the student and
        the PDF read them without the course's file; scores given with one rubric are never
        mixed with another's."""
        if self.scored_with_another_rubric() is not None:
            self._check_open()
            raise ReviewRefused(reason="other_rubric")
        if level is not None and self.rubric.level_label(level, "en") is None:
            msg = f"not a level of the rubric {self.rubric.id}: {level}"
            raise ValueError(msg)
        names = None if self.course_rubric is None else self.course_rubric.names()

        def change(review: Review) -> Review:
            rubric = dict(review.rubric)
            if level is None:
                rubric.pop(criterion, None)
            else:
                note = rubric[criterion].note if criterion in rubric else ""
                rubric[criterion] = RubricScore(level=level, note=note)
            kept = (review.course_rubric or names) if rubric else None
            return Review.model_validate(
                {
                    **review.model_dump(),
                    "rubric": _dumped(rubric),
                    "course_rubric": None if kept is None else kept.model_dump(),
                }
            )

        self._change(change)

    def set_learning(self, judgement: LearningJudgement | None) -> None:
        self._change(lambda r: r.model_copy(update={"learning": judgement}))

    def set_text(self, field: str, text: str) -> None:
        """``overall_feedback`` or ``learning_note``."""
        if field not in ("overall_feedback", "learning_note"):
            msg = f"not a text of the review: {field}"
            raise ValueError(msg)
        self._change(lambda r: Review.model_validate({**r.model_dump(), field: text}))

    def set_decision(self, decision: Decision | None) -> None:
        self._change(lambda r: r.model_copy(update={"decision": decision}))

    def release(self) -> Path:
        """Send the review to the student: the returned (or approved) workbook is written
        beside the submission, and the record becomes final. Returns the returned file."""
        self._check_open()
        self._author()
        returned, final = release(self.submission, self.record, now=self.clock())
        path = self.desk.write_returned(self.name, returned)
        self._save(final)
        self.returned = returned
        return path

    def returned_path(self) -> Path | None:
        path = self.desk.returned_path(self.name)
        return path if self.released and path.exists() else None


def _dumped(rubric: dict[str, RubricScore]) -> dict[str, Any]:
    return {criterion: score.model_dump() for criterion, score in rubric.items()}


def _read(source: Path, name: str, *, reviews: bool = False) -> tuple[bytes, Workbook]:
    """The file ``name`` of ``source`` as its bytes and its workbook, read with the limits of
    a submission; :class:`InvalidWorkbook` (with the problem) when it cannot be."""
    member = read_member(source, name, reviews=reviews)
    if member.data is None:
        raise InvalidWorkbook(source=name, problems=[member.problem or Problem("error.unexpected")])
    return member.data, read_submission(member.data, source=name)
