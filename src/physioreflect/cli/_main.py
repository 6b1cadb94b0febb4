"""The ``physioreflect`` command.

Errors are one line in the user's language and a non-zero exit, never a traceback; an
unexpected error is written in full to the log file and named in one line.

Quick to start: this module imports click and nothing of the domain. Each command lives in
a module of its own, imported only when that command runs, so ``physioreflect --help`` costs
little more than starting Python, and ``validate`` little more than the model it checks with.
The group's help lists the commands from :data:`COMMANDS` without importing them (a test
keeps that list the same as the commands' own help).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final, NamedTuple, NoReturn

import click

from physioreflect.cli._common import State, language_from_environment

__all__ = ["COMMANDS", "cli", "main", "run"]


class LazyCommand(NamedTuple):
    module: str
    attribute: str
    summary: str
    """The first line of the command's help, for the group's list of commands."""


COMMANDS: Final = {
    "cohort": LazyCommand(
        "physioreflect.cli._cohort",
        "cohort",
        "Read a folder or zip of submitted workbooks into one table: one row per file.",
    ),
    "export": LazyCommand(
        "physioreflect.cli._export",
        "export",
        "Write the summary PDF of workbook files, in each workbook's own language; or, with "
        "--handout, the patient's handout.",
    ),
    "history": LazyCommand(
        "physioreflect.cli._history",
        "history",
        "List a workbook's versions, write one to a file, or restore one.",
    ),
    "list": LazyCommand(
        "physioreflect.cli._workbooks",
        "list_",
        "List the workbooks in the workspace, newest first.",
    ),
    "new": LazyCommand(
        "physioreflect.cli._workbooks", "new", "Create a new workbook in the workspace."
    ),
    "privacy": LazyCommand(
        "physioreflect.cli._privacy",
        "privacy",
        "Look for names, ID numbers, phone numbers, e-mail addresses, dates of birth and "
        "addresses in workbook files (.json) and text files (any other name, read as UTF-8).",
    ),
    "sample": LazyCommand(
        "physioreflect.cli._workbooks",
        "sample",
        "Write the example workbooks (or N synthetic ones) into a folder.",
    ),
    "serve": LazyCommand(
        "physioreflect.cli._serve",
        "serve",
        "Open the workbook in the browser (Voila), on the workspace; or, with "
        "``--dashboard cohort``, the overview of a class's submissions.",
    ),
    "submit": LazyCommand(
        "physioreflect.cli._submit",
        "submit",
        "Hand a workbook in: a frozen copy goes to the submissions folder.",
    ),
    "trash": LazyCommand(
        "physioreflect.cli._trash",
        "trash",
        "Move workbooks to the trash, list it, restore from it, delete for good, empty it.",
    ),
    "validate": LazyCommand(
        "physioreflect.cli._validate",
        "validate",
        "Check workbook files. Exit 0 when all are valid, 1 otherwise.",
    ),
    "validate-prompts": LazyCommand(
        "physioreflect.cli._validate",
        "validate_prompts",
        "Check a course prompt set file; every problem names its line.",
    ),
}


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pauses the cycle collector while a command's module is imported.

    The module brings in the domain, and pydantic builds the model's validators: some
    hundred thousand objects that live as long as the process. The collector would go
    through them again and again while they are made, and find nothing to free; paused, the
    import is about a tenth quicker (see bench/README). It runs again for the command.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _LazyGroup(click.Group):
    """A group whose commands are imported when they run (click's documented lazy loading),
    and whose help lists them without importing any."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        global _command_run  # noqa: PLW0603 - what run() needs to know of this process
        _command_run = cmd_name
        with _collector_paused():
            module = importlib.import_module(entry.module)
        command = getattr(module, entry.attribute)
        if not isinstance(command, click.Command):
            msg = f"{entry.module}.{entry.attribute} is not a click command"
            raise TypeError(msg)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        # Shortened as click shortens a loaded command's help (its public way to do so).
        rows = [
            (name, click.Command(name, help=COMMANDS[name].summary).get_short_help_str(limit))
            for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["nb", "en"]),
    default=None,
    help="Language of messages (default: from PHYSIOREFLECT_LANG or LANG; nb or en).",
)
@click.version_option(package_name="physioreflect")
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """physioreflect: a reflection workbook for exercise in musculoskeletal pain."""
    ctx.obj = State(lang or language_from_environment())


def _log_path() -> Path:
    import platformdirs  # noqa: PLC0415 - only when something went wrong

    folder = platformdirs.user_log_path("physioreflect", appauthor=False)
    return folder / "physioreflect.log"


def _report_unexpected(lang: str) -> None:
    import traceback  # noqa: PLC0415 - only when something went wrong

    from physioreflect.content import message  # noqa: PLC0415 - the domain loads on demand

    text = traceback.format_exc()
    try:
        path = _log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
        where = f" ({path})"
    except OSError:
        where = ""
    click.echo(message("error.unexpected", lang) + where, err=True)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point: run the command and exit with its status."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_argument(args) or language_from_environment()
    try:
        result = cli.main(args=args, prog_name="physioreflect", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except click.exceptions.Abort:
        click.echo(_message("cli.interrupted", lang), err=True)
        code = 130
    except click.exceptions.Exit as exit_:
        code = exit_.exit_code
    except click.UsageError as error:
        error.show()
        code = error.exit_code
    except click.ClickException as error:
        # Our own messages are already translated: no English "Error:" in front of them.
        click.echo(error.format_message(), err=True)
        code = error.exit_code
    except KeyboardInterrupt:
        click.echo(_message("cli.interrupted", lang), err=True)
        code = 130
    except Exception as error:  # ours become one line; the rest go to the log
        code = _report(error, lang)
    sys.exit(code)


_QUICK_EXIT: Final = frozenset({"validate", "privacy"})
"""Commands that leave nothing to finalise: every file they write is closed (and renamed
into place) before they return, and they start no thread or process."""
_command_run: str | None = None
"""The command this process ran (None: the group's help, version or a usage error)."""


def run() -> NoReturn:
    """The installed ``physioreflect`` command: :func:`main`, and then, after a command that
    leaves nothing to finalise, an exit that skips the interpreter's teardown.

    Freeing every object at exit (the model's validators, the scanner's lists) took 35–50 ms
    of each ``validate`` or ``privacy``, longer than some of the work. The output is flushed
    and logging shut down first; anything else (a thread still running, an export's
    temporary folder, another command) exits as Python always does.
    """
    try:
        main()
    except SystemExit as done:
        if (done.code is None or isinstance(done.code, int)) and _may_exit_at_once():
            _exit_at_once(done.code or 0)
        raise


def _may_exit_at_once() -> bool:
    threading = sys.modules.get("threading")
    return (
        (_command_run is None or _command_run in _QUICK_EXIT)
        and (threading is None or threading.active_count() == 1)
        and "multiprocessing" not in sys.modules
        and "physioreflect.export._pipeline" not in sys.modules
    )


def _exit_at_once(code: int) -> None:
    """Returns only if the output could not be flushed (a closed pipe): the caller then
    exits as Python does, which reports it."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()
    os._exit(code)


def _report(error: Exception, lang: str) -> int:
    """A domain error in one line (and its problems), anything else written to the log."""
    # Imported here: a domain error means the domain is loaded already; --help never is.
    from physioreflect.errors import (  # noqa: PLC0415
        ContentError,
        InvalidWorkbook,
        PhysioreflectError,
    )

    if not isinstance(error, PhysioreflectError):
        _report_unexpected(lang)
        return 1
    from physioreflect.content import describe_error, describe_problem  # noqa: PLC0415

    click.echo(describe_error(error, lang), err=True)
    problems = error.problems if isinstance(error, InvalidWorkbook | ContentError) else []
    for problem in problems[:20]:
        click.echo("  " + describe_problem(problem, lang), err=True)
    return 1


def _message(key: str, lang: str) -> str:
    from physioreflect.content import message  # noqa: PLC0415 - the domain loads on demand

    return message(key, lang)


def _lang_argument(args: list[str]) -> str | None:
    """``--lang`` as given, so errors raised before click parses it are in that language."""
    for index, arg in enumerate(args):
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        elif arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        else:
            continue
        return value if value in ("nb", "en") else None
    return None
