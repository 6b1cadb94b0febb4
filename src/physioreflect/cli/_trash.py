"""``physioreflect trash``: move workbooks to the trash, list it, bring them back, delete them
for good and empty it. Deleting cannot be undone, so it is asked first (or ``--yes``)."""

from __future__ import annotations

from pathlib import Path

import click

from physioreflect.cli._cohort import _safe
from physioreflect.cli._common import lang_of, prompts_option, workspace_option
from physioreflect.cli._workbook_ids import workbook_named
from physioreflect.cli._workbooks import list_, open_workspace
from physioreflect.content import message

__all__ = ["trash"]

_YES = click.option("--yes", is_flag=True, help="Do not ask first.")


def confirmed(question: str, *, lang: str, yes: bool) -> bool:
    """``yes``, or the person at the terminal answering yes (in the message language)."""
    if yes:
        return True
    suffix = f" [{message('cli.yes_no', lang)}] "
    answer = click.prompt(question, default="", show_default=False, prompt_suffix=suffix)
    return str(answer).strip().casefold() in message("cli.yes_words", lang).split()


@click.group()
def trash() -> None:
    """Move workbooks to the trash, list it, restore from it, delete for good, empty it.

    A workbook in the trash keeps its history and can be restored until it is deleted for
    good. ID is a workbook's id, or as much of its start as names only one workbook.
    """


@trash.command(name="move")
@click.argument("workbooks", metavar="ID...", nargs=-1, required=True)
@workspace_option
@click.pass_context
def move(ctx: click.Context, workbooks: tuple[str, ...], workspace_path: str | None) -> int:
    """Move workbooks to the trash."""
    lang = lang_of(ctx)
    workspace = open_workspace(workspace_path)
    summaries = workspace.list_workbooks()
    chosen = [workbook_named(w, summaries, lang=lang) for w in workbooks]
    for summary in chosen:
        workspace.trash(summary.id)
        title = _safe(summary.title or summary.file_name)
        click.echo(message("cli.trashed", lang, title=title, id=summary.id))
    return 0


@trash.command(name="list")
@workspace_option
@prompts_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other programs.")
@click.pass_context
def list_trash(
    ctx: click.Context, workspace_path: str | None, prompts: Path | None, as_json: bool
) -> int:
    """List the workbooks in the trash (as "physioreflect list --trash" does)."""
    result: int = ctx.invoke(
        list_, workspace_path=workspace_path, prompts=prompts, trash=True, as_json=as_json
    )
    return result


@trash.command(name="restore")
@click.argument("workbooks", metavar="ID...", nargs=-1, required=True)
@workspace_option
@click.pass_context
def restore(ctx: click.Context, workbooks: tuple[str, ...], workspace_path: str | None) -> int:
    """Bring workbooks back from the trash, with their history."""
    lang = lang_of(ctx)
    workspace = open_workspace(workspace_path)
    trashed = workspace.trashed()
    chosen = [workbook_named(w, trashed, lang=lang, in_trash=True) for w in workbooks]
    for summary in chosen:
        workspace.restore(summary.id)
        title = _safe(summary.title or summary.file_name)
        click.echo(message("cli.untrashed", lang, title=title, id=summary.id))
    return 0


@trash.command(name="delete")
@click.argument("workbooks", metavar="ID...", nargs=-1, required=True)
@workspace_option
@_YES
@click.pass_context
def delete(
    ctx: click.Context, workbooks: tuple[str, ...], workspace_path: str | None, yes: bool
) -> int:
    """Delete workbooks in the trash for good (asked first).

    Their history goes with them; this cannot be undone."""
    lang = lang_of(ctx)
    workspace = open_workspace(workspace_path)
    trashed = workspace.trashed()
    chosen = [workbook_named(w, trashed, lang=lang, in_trash=True) for w in workbooks]
    code = 0
    for summary in chosen:
        title = _safe(summary.title or summary.file_name)
        question = message("cli.delete_question", lang, title=title, id=summary.id)
        if not confirmed(question, lang=lang, yes=yes):
            click.echo(message("cli.nothing_deleted", lang))
            code = 1
            continue
        workspace.delete_for_good(summary.id)
        click.echo(message("cli.deleted", lang, title=title, id=summary.id))
    return code


@trash.command(name="empty")
@workspace_option
@_YES
@click.pass_context
def empty(ctx: click.Context, workspace_path: str | None, yes: bool) -> int:
    """Delete everything in the trash for good (asked first).

    The history goes with it; this cannot be undone."""
    lang = lang_of(ctx)
    workspace = open_workspace(workspace_path)
    count = len(workspace.trashed())
    if count == 0:
        click.echo(message("start.trash_is_empty", lang))
        return 0
    question = (
        message("cli.empty_question_one", lang)
        if count == 1
        else message("cli.empty_question", lang, count=count)
    )
    if not confirmed(question, lang=lang, yes=yes):
        click.echo(message("cli.nothing_deleted", lang))
        return 1
    deleted = workspace.empty_trash()
    click.echo(message("cli.emptied", lang, count=len(deleted)))
    return 0
