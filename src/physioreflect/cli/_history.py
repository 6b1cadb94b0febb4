"""``physioreflect history``: a workbook's kept versions (when, how complete), one of them as
a file (JSON, or the summary PDF), and one restored as the current version — itself a new
version, so the one it replaces stays in the history."""

from __future__ import annotations

import json
from pathlib import Path

import click

from physioreflect.cli._cohort import _safe
from physioreflect.cli._common import lang_of, workspace_option
from physioreflect.cli._workbook_ids import workbook_named
from physioreflect.cli._workbooks import open_workspace
from physioreflect.content import message
from physioreflect.errors import OutputExists, WorkbookSubmitted
from physioreflect.model import dump_workbook
from physioreflect.storage import atomic_write

__all__ = ["history"]

_ID = click.argument("workbook", metavar="ID")
_REVISION = click.argument("revision", type=click.IntRange(min=1), metavar="VERSION")


@click.group()
def history() -> None:
    """List a workbook's versions, write one to a file, or restore one.

    Every save is a version; the history keeps the newest 20, one a minute for the last
    hour, one an hour for the last day and one a day for the last 30 days. ID is a
    workbook's id, or as much of its start as names only one workbook (in the trash too).
    """


@history.command(name="list")
@_ID
@workspace_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other programs.")
@click.pass_context
def list_versions(
    ctx: click.Context, workbook: str, workspace_path: str | None, as_json: bool
) -> int:
    """List a workbook's kept versions, newest first: when, how complete, status."""
    lang = lang_of(ctx)
    workspace = open_workspace(workspace_path)
    candidates = [*workspace.list_workbooks(), *workspace.trashed()]
    summary = workbook_named(workbook, candidates, lang=lang)
    infos = list(reversed(workspace.history(summary.id)))
    if as_json:
        rows = [
            {
                "revision": info.revision,
                "updated": info.updated,
                "completeness": info.completeness,
                "status": info.status,
                "title": info.title,
                "current": index == 0,
            }
            for index, info in enumerate(infos)
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    title = _safe(summary.title or summary.file_name)
    click.echo(message("cli.history_title", lang, title=title, id=summary.id))
    current = message("cli.history_current", lang)
    for index, info in enumerate(infos):
        stamp = info.updated_at
        when = stamp.astimezone().strftime("%Y-%m-%d %H:%M:%S") if stamp else "?"
        status = message(f"status.{info.status}", lang) if info.status else ""
        line = f"  {info.revision:>7}  {when}  {info.completeness:>4.0%}  {status}"
        click.echo(f"{line}  ({current})" if index == 0 else line)
    return 0


@history.command(name="show")
@_ID
@_REVISION
@workspace_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write it to this file: .json (the workbook file) or .pdf (its summary PDF).",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.pass_context
def show(
    ctx: click.Context,
    workbook: str,
    revision: int,
    workspace_path: str | None,
    output: Path | None,
    force: bool,
) -> int:
    """Print one version of a workbook as JSON, or write it to a file (-o), to look at; the
    workbook itself is not changed."""
    lang = lang_of(ctx)
    workspace = open_workspace(workspace_path)
    candidates = [*workspace.list_workbooks(), *workspace.trashed()]
    summary = workbook_named(workbook, candidates, lang=lang)
    earlier = workspace.open_revision(summary.id, revision)
    if output is None:
        click.echo(dump_workbook(earlier).decode("utf-8"), nl=False)
        return 0
    suffix = output.suffix.lower()
    if suffix not in (".json", ".pdf"):
        raise click.ClickException(message("cli.revision_format", lang, path=output))
    if output.exists() and not force:
        raise OutputExists(source=str(output))
    if suffix == ".pdf":
        from physioreflect.export import export_pdf  # noqa: PLC0415 - typesetting loads on demand

        data = export_pdf(earlier)
    else:
        data = dump_workbook(earlier)
    atomic_write(output, data, source=str(output))
    click.echo(message("cli.revision_written", lang, revision=revision, path=output))
    return 0


@history.command(name="restore")
@_ID
@_REVISION
@workspace_option
@click.pass_context
def restore(ctx: click.Context, workbook: str, revision: int, workspace_path: str | None) -> int:
    """Make an earlier version the current one: what was written then, with the review and
    status of now, saved as a new version (the one it replaces stays in the history)."""
    lang = lang_of(ctx)
    workspace = open_workspace(workspace_path)
    summary = workbook_named(workbook, workspace.list_workbooks(), lang=lang)
    try:
        restored = workspace.restore_revision(summary.id, revision)
    except WorkbookSubmitted:
        title = _safe(summary.title or summary.file_name)
        raise click.ClickException(
            message("history.restore_submitted", lang, source=title)
        ) from None
    click.echo(message("history.restored", lang, revision=revision, new=restored.meta.revision))
    return 0
