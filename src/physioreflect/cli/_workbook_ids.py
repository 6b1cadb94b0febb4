"""Which workbook a command-line argument names: its id (in any case), the start of its id
(as long as only one workbook's id starts so), or its file in the workspace folder."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

import click

from physioreflect.cli._cohort import _safe
from physioreflect.content import message
from physioreflect.errors import WorkbookNotFound
from physioreflect.storage import WorkbookSummary

__all__ = ["MIN_PREFIX", "workbook_named"]

MIN_PREFIX = 4
"""The fewest characters of an id that may name a workbook."""


def _id_in(argument: str) -> str:
    """The id-like part of ``argument``: the file name without ``.json`` for a path."""
    name = Path(argument).name if ("/" in argument or argument.endswith(".json")) else argument
    return name.removesuffix(".json").strip().lower()


def workbook_named(
    argument: str, candidates: Sequence[WorkbookSummary], *, lang: str, in_trash: bool = False
) -> WorkbookSummary:
    """The one workbook of ``candidates`` that ``argument`` names, or a one-line error."""
    wanted = _id_in(argument)
    with_id = [c for c in candidates if c.id.lower() == wanted]
    if with_id:
        return with_id[0]
    try:
        complete = str(uuid.UUID(wanted)) == wanted
    except ValueError:
        complete = False
    matches = (
        []
        if complete or len(wanted) < MIN_PREFIX
        else [c for c in candidates if c.id.lower().startswith(wanted)]
    )
    if len(matches) == 1:
        return matches[0]
    shown = _safe(argument, 60)
    if len(matches) > 1:
        ids = ", ".join(c.id for c in matches[:5]) + (" …" if len(matches) > 5 else "")
        raise click.ClickException(message("cli.id_ambiguous", lang, prefix=shown, ids=ids))
    if in_trash:
        raise click.ClickException(message("cli.not_in_trash", lang, id=shown))
    raise WorkbookNotFound(source=shown, id=shown)
