"""What every command shares, kept light: the message language and the common options.

Nothing here imports the domain; a command imports what it needs in its own module, which
the group loads only when that command runs (see :mod:`physioreflect.cli._main`).
"""

from __future__ import annotations

import os
from pathlib import Path

import click

__all__ = ["State", "lang_of", "language_from_environment", "prompts_option", "workspace_option"]


def language_from_environment() -> str:
    for name in ("PHYSIOREFLECT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").lower()
        if value:
            return "nb" if value[:2] in ("nb", "nn", "no") else "en"
    return "en"


class State:
    """``ctx.obj`` of every command: the message language the group chose."""

    def __init__(self, lang: str) -> None:
        self.lang = lang


def lang_of(ctx: click.Context) -> str:
    """The message language (``--lang`` or the environment); English when a command runs on
    its own, without the group."""
    lang = getattr(ctx.obj, "lang", None)  # a sub-command's context inherits the group's obj
    return lang if lang in ("nb", "en") else "en"


workspace_option = click.option(
    "--workspace",
    "workspace_path",
    metavar="DIR",
    help="Workspace folder (default: $PHYSIOREFLECT_WORKSPACE, else your user data folder).",
)
prompts_option = click.option(
    "--prompts",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A course's own prompt set (YAML) instead of the built-in one.",
)
