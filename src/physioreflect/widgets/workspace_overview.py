"""A read-only overview of the workspace: title, status, last saved, completeness."""

from __future__ import annotations

import html
import os

import ipywidgets as widgets

from physioreflect.content import describe_error, describe_problem, message
from physioreflect.errors import PhysioreflectError
from physioreflect.storage import Workspace, default_workspace_path

__all__ = ["workspace_overview"]

_STYLE = """<style>
.pr-workspace-overview { font-family: system-ui, sans-serif; color: #1f2933; max-width: 60rem; }
.pr-workspace-overview h2 { font-weight: 600; font-size: 1.3rem; margin: 0 0 1rem; }
.pr-table { border-collapse: collapse; width: 100%; }
.pr-table th { text-align: left; font-weight: 600; border-bottom: 2px solid #cbd2d9; }
.pr-table th, .pr-table td { padding: 0.45rem 0.75rem; vertical-align: top; }
.pr-table tbody tr { border-bottom: 1px solid #e4e7eb; }
.pr-badge { background: #e3f2fd; color: #0b4f8a; border-radius: 0.6rem; font-size: 0.8rem;
            padding: 0.05rem 0.5rem; margin-left: 0.4rem; }
.pr-broken td { color: #8a1c1c; }
</style>"""


def _rows(workspace: Workspace, lang: str) -> str:
    rows = []
    for summary in workspace.list_workbooks():
        if summary.problem is not None:
            problem = describe_problem(summary.problem, lang)
            rows.append(
                f"<tr class='pr-broken'><td>{html.escape(summary.file_name)}</td>"
                f"<td colspan='3'>{html.escape(message('workspace.broken', lang, problem=problem))}"
                "</td></tr>"
            )
            continue
        example = html.escape(message("workspace.example_badge", lang))
        badge = f" <span class='pr-badge'>{example}</span>" if summary.is_example else ""
        stamp = summary.updated_at
        when = stamp.astimezone().strftime("%Y-%m-%d %H:%M") if stamp else ""
        status = message(f"status.{summary.status}", lang) if summary.status else ""
        rows.append(
            f"<tr><td>{html.escape(summary.title)}{badge}</td><td>{html.escape(status)}</td>"
            f"<td>{html.escape(when)}</td><td>{summary.completeness:.0%}</td></tr>"
        )
    return "".join(rows)


def workspace_overview(
    *, workspace: Workspace | None = None, lang: str | None = None
) -> widgets.Widget:
    """The workspace list as a widget (``PHYSIOREFLECT_WORKSPACE`` and ``PHYSIOREFLECT_LANG``
    pick the folder and language when not given)."""
    lang = lang or os.environ.get("PHYSIOREFLECT_LANG", "nb")
    try:
        workspace = workspace or Workspace(default_workspace_path())
    except PhysioreflectError as error:
        return widgets.HTML(
            f"<p class='pr-error'>{html.escape(describe_error(error, lang))}</p>",
            _dom_classes=["pr-workspace-overview"],
        )
    header = "".join(
        f"<th>{html.escape(message(f'workspace.column.{name}', lang))}</th>"
        for name in ("title", "status", "updated", "completeness")
    )
    body = _rows(workspace, lang) or (
        f"<tr><td colspan='4'>{html.escape(message('workspace.empty', lang))}</td></tr>"
    )
    title = html.escape(message("workspace.title", lang, path=workspace.root))
    return widgets.HTML(
        f"{_STYLE}<h2>{title}</h2><table class='pr-table'><thead><tr>{header}</tr></thead>"
        f"<tbody>{body}</tbody></table>",
        _dom_classes=["pr-workspace-overview"],
    )
