"""``physioreflect submit``: hand a workbook in to the shared submissions folder.

A workbook of the workspace (named by its id or its file there) is moved to submitted and
saved, as the dashboard's Submit does, after its frozen copy is written; any other workbook
file is handed in as a copy only, and the file itself is left as it is. Everything that can
refuse (the folder, the status, the privacy check) is decided before anything is written.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import click

from physioreflect.cli._cohort import _safe
from physioreflect.cli._common import lang_of, workspace_option
from physioreflect.content import message
from physioreflect.errors import InvalidWorkbook, Problem
from physioreflect.model import MAX_WORKBOOK_BYTES, Workbook, parse_workbook, utc_now
from physioreflect.privacy import scan_workbook
from physioreflect.storage import (
    SUBMISSIONS_ENV,
    Workspace,
    as_submitted,
    default_workspace_path,
    hand_in,
    submit_copy,
    workbook_file_name,
)

__all__ = ["submit"]


def _read(path: Path) -> Workbook:
    """The workbook in the file ``path``, or :class:`InvalidWorkbook` saying why not."""

    def fail(key: str, **params: object) -> InvalidWorkbook:
        return InvalidWorkbook(source=str(path), problems=[Problem(key, params=dict(params))])

    try:
        if not path.exists():
            raise fail("file.not_found")
        if path.is_dir():
            raise fail("file.is_folder")
        size = path.stat().st_size
        if size > MAX_WORKBOOK_BYTES:
            # Said without reading a huge file into memory.
            limit = round(MAX_WORKBOOK_BYTES / 1e6)
            raise fail("file.too_large", size_mb=round(size / 1e6, 1), limit_mb=limit)
        data = path.read_bytes()
    except OSError as error:
        raise fail("file.unreadable", detail=error.strerror or str(error)) from None
    return parse_workbook(data, source=str(path))


def _as_id(argument: str) -> str | None:
    """The workbook id ``argument`` is, if it is one (any case), else ``None``."""
    try:
        parsed = str(uuid.UUID(argument))
    except ValueError:
        return None
    # Only the usual written form: uuid.UUID also reads "{…}", "urn:uuid:…" and bare hex.
    return parsed if parsed == argument.lower() else None


def _workspace_id(argument: str, root: Path) -> str | None:
    """The id of the workspace workbook ``argument`` names, by its id or by the path of its
    file directly in the workspace folder; ``None`` for any other file."""
    workbook_id = _as_id(argument)
    if workbook_id is not None and not Path(argument).exists():
        return workbook_id
    path = Path(argument)
    workbook_id = _as_id(path.stem)
    if workbook_id is None or path.name.lower() != workbook_file_name(workbook_id):
        return None
    try:
        same_folder = path.resolve().parent == root.resolve()
    except OSError:
        return None
    return workbook_id if same_folder else None


def _check_privacy(workbook: Workbook, *, confirmed: bool, file: str, lang: str) -> Workbook:
    """The workbook to hand in: refused while the privacy check finds something no one has
    confirmed as de-identified; with ``--confirm-deidentified`` the confirmation is recorded,
    as the dashboard records it."""
    if workbook.meta.privacy_confirmed:
        return workbook
    findings = scan_workbook(workbook)
    if not findings:
        return workbook
    if not confirmed:
        raise click.ClickException(
            message(
                "cli.submit_privacy",
                lang,
                title=_safe(workbook.meta.title),
                count=len(findings),
                file=file,
            )
        )
    meta = workbook.meta.model_copy(update={"privacy_confirmed": True})
    return workbook.model_copy(update={"meta": meta})


@click.command()
@click.argument("workbook", metavar="FILE_OR_ID")
@click.option(
    "--submissions",
    type=click.Path(path_type=Path),
    envvar=SUBMISSIONS_ENV,
    default=None,
    metavar="DIR",
    help=f"The shared submissions folder (or ${SUBMISSIONS_ENV}); created if missing.",
)
@workspace_option
@click.option(
    "--confirm-deidentified",
    is_flag=True,
    help="Hand in although the privacy check finds something: you confirm the workbook is "
    "de-identified (recorded in it, as in the dashboard).",
)
@click.pass_context
def submit(
    ctx: click.Context,
    workbook: str,
    submissions: Path | None,
    workspace_path: str | None,
    confirm_deidentified: bool,
) -> int:
    """Hand a workbook in: a frozen copy goes to the submissions folder.

    FILE_OR_ID is a workbook of the workspace (its id, or its file there), which becomes
    submitted, as with the dashboard's Submit; or any other workbook file, of which only a
    copy is handed in (the file itself is not changed). The copy is
    DIR/<workbook id>/<time, UTC>.json; handing in again adds a copy and keeps the earlier
    ones.
    """
    lang = lang_of(ctx)
    if submissions is None:
        raise click.ClickException(message("cli.submit_no_folder", lang))
    root = default_workspace_path(workspace_path)
    workbook_id = _workspace_id(workbook, root)
    now = utc_now()
    if workbook_id is not None:
        workspace = Workspace(root)
        file = str(workspace.path_of(workbook_id))
        current = workspace.open(workbook_id)
        as_submitted(current, now=now)  # refuses one submitted or approved before all else
        current = _check_privacy(current, confirmed=confirm_deidentified, file=file, lang=lang)
        submitted, copy = hand_in(workspace, current, submissions, now=now)
        after = message("cli.submitted_in_workspace", lang)
    else:
        path = Path(workbook)
        submitted = as_submitted(_read(path), now=now)
        submitted = _check_privacy(
            submitted, confirmed=confirm_deidentified, file=str(path), lang=lang
        )
        copy = submit_copy(submitted, submissions, now=now)
        after = message("cli.submitted_file_untouched", lang, file=path)
    click.echo(message("cli.submitted", lang, title=_safe(submitted.meta.title), path=copy))
    click.echo(after)
    return 0
