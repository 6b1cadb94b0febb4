"""Version 3 → 4: review threads, anchors and stable goal ids; when it was handed in.

A supervisor's comment may now point at one prompt or entry of its section (``anchor``),
records when its author last ``edited`` it, and is followed by a thread of ``replies`` instead
of the single ``reply`` / ``replied`` pair. A version-3 reply becomes the thread's first
message, written by the workbook's author, at the time it was replied (or, when that was not
recorded, at the comment's own time: a reply cannot be older than what it answers).

Comments anchor to entries by id, so each PSFS goal gains an ``entry_id`` like barriers and
activities have. It is derived from the workbook's id and the goal's place, so the same
version-3 file upgraded twice (the copy handed in and the student's own) gives its goals the
same ids, and the two can be compared.

``meta.submitted`` and ``meta.reviewed`` were not recorded before: they stay unknown.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

__all__ = ["GOAL_ID_NAMESPACE", "review_threads_and_goal_ids"]

GOAL_ID_NAMESPACE: Final = uuid.UUID("4f1d2c3b-8a7e-4d6f-9b0c-2e5a7d9c1b34")


def _goal_ids(data: dict[str, Any], workbook_id: str) -> None:
    plan = data.get("plan")
    goals = plan.get("goals") if isinstance(plan, dict) else None
    if not isinstance(goals, list):
        return
    for index, goal in enumerate(goals):
        if isinstance(goal, dict):
            name = f"{workbook_id}:goal:{index}"
            goal.setdefault("entry_id", uuid.uuid5(GOAL_ID_NAMESPACE, name).hex[:12])


def _threads(data: dict[str, Any], author: str) -> None:
    review = data.get("review")
    comments = review.get("comments") if isinstance(review, dict) else None
    if not isinstance(comments, list):
        return
    for comment in comments:
        if not isinstance(comment, dict) or "replies" in comment:
            continue  # damaged, or already in the new form: left for validation
        reply, replied = comment.get("reply", ""), comment.get("replied")
        if not isinstance(reply, str) or not (replied is None or isinstance(replied, str)):
            continue  # kept as it is, where validation names the problem
        comment.pop("reply", None)
        comment.pop("replied", None)
        comment.setdefault("anchor", None)
        comment.setdefault("edited", None)
        when = replied or comment.get("created")
        comment["replies"] = (
            [{"author": author, "from_supervisor": False, "created": when, "text": reply}]
            if reply.strip()
            else []
        )


def review_threads_and_goal_ids(data: dict[str, Any]) -> dict[str, Any]:
    meta = data.get("meta")
    if isinstance(meta, dict):
        meta.setdefault("submitted", None)
        meta.setdefault("reviewed", None)
        workbook_id = meta.get("id")
        author = meta.get("author", "")
    else:
        workbook_id, author = None, ""
    _goal_ids(data, str(workbook_id))
    _threads(data, author if isinstance(author, str) else "")
    return data
