"""A workbook as one line of a list: its title, status, when it was last saved and how
complete it is — the same in the list of workbooks and in the trash."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from physioreflect.content import describe_problem

if TYPE_CHECKING:
    from physioreflect.storage import WorkbookSummary
    from physioreflect.widgets._context import ViewContext

__all__ = ["workbook_line"]


def workbook_line(app: ViewContext, summary: WorkbookSummary) -> str:
    """The line's markup; a file that cannot be opened says why instead."""
    t = app.t
    if summary.problem is not None:
        problem = describe_problem(summary.problem, app.lang)
        text = t("workspace.broken", problem=problem)
        return (
            f"<div><b>{html.escape(summary.file_name)}</b><br>"
            f"<span class='pr-field-error'>{html.escape(text)}</span></div>"
        )
    stamp = summary.updated_at
    when = stamp.astimezone().strftime("%Y-%m-%d %H:%M") if stamp else ""
    badge = (
        f"<span class='pr-badge'>{html.escape(t('workspace.example_badge'))}</span>"
        if summary.is_example
        else ""
    )
    status = t(f"status.{summary.status}") if summary.status else ""
    return (
        f"<div><b>{html.escape(summary.title)}</b>{badge}<br>"
        f"<span class='pr-muted'>{html.escape(status)} · "
        f"{html.escape(t('start.last_saved', time=when))} · "
        f"{html.escape(t('start.complete', percent=round(summary.completeness * 100)))}"
        "</span></div>"
    )
