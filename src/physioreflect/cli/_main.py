"""The ``physioreflect`` command.

Errors are one line in the user's language and a non-zero exit, never a traceback; an
unexpected error is written in full to the log file and named in one line.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click
import platformdirs

from physioreflect.cli._export import export
from physioreflect.cli._privacy import privacy
from physioreflect.content import (
    describe_error,
    describe_problem,
    library,
    load_prompt_set,
    message,
)
from physioreflect.errors import (
    ContentError,
    InvalidWorkbook,
    PhysioreflectError,
    Problem,
)
from physioreflect.fixtures import sample_workbooks, synthetic_workbooks
from physioreflect.model import (
    MAX_WORKBOOK_BYTES,
    Condition,
    Language,
    Role,
    Workbook,
    dump_workbook,
    parse_workbook,
)
from physioreflect.storage import Workspace, atomic_write, default_workspace_path
from physioreflect.storage._atomic import not_saved

__all__ = ["cli", "main"]

log = logging.getLogger("physioreflect")


def _language_from_environment() -> str:
    for name in ("PHYSIOREFLECT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").lower()
        if value:
            return "nb" if value[:2] in ("nb", "nn", "no") else "en"
    return "en"


class _State:
    def __init__(self, lang: str) -> None:
        self.lang = lang


def _lang(ctx: click.Context) -> str:
    state = ctx.find_object(_State)
    return state.lang if state else "en"


def _workspace(path: str | None, prompts: Path | None = None) -> Workspace:
    required = None
    if prompts is not None:
        required = library().required_prompt_ids(load_prompt_set(prompts))
    return Workspace(default_workspace_path(path), required_prompts=required)


_workspace_option = click.option(
    "--workspace",
    "workspace_path",
    metavar="DIR",
    help="Workspace folder (default: $PHYSIOREFLECT_WORKSPACE, else your user data folder).",
)
_prompts_option = click.option(
    "--prompts",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A course's own prompt set (YAML) instead of the built-in one.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    ctx.obj = _State(lang or _language_from_environment())


@cli.command()
@_workspace_option
@click.option("--title", required=True, help="Title of the workbook.")
@click.option("--author", default="", help="Your display name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default="student")
@click.option(
    "--language",
    "workbook_language",
    type=click.Choice(["nb", "en"]),
    default=None,
    help="Language of the workbook (default: the message language).",
)
@click.option("--course", "course_code", default=None, help="Course code, e.g. FYS2100.")
@click.option("--condition", type=click.Choice([c.value for c in Condition]), default=None)
@click.pass_context
def new(
    ctx: click.Context,
    workspace_path: str | None,
    title: str,
    author: str,
    role: str,
    workbook_language: str | None,
    course_code: str | None,
    condition: str | None,
) -> int:
    """Create a new workbook in the workspace."""
    lang = _lang(ctx)
    workspace = _workspace(workspace_path)
    workbook = workspace.create(
        Workbook.new(
            title=title,
            author=author,
            role=Role(role),
            language=Language(workbook_language or lang),
            course_code=course_code or None,
            condition=Condition(condition) if condition else None,
        )
    )
    path = workspace.path_of(workbook.meta.id)
    click.echo(
        message("cli.created", lang, title=workbook.meta.title, id=workbook.meta.id, path=path)
    )
    return 0


def _status_label(status: str, lang: str) -> str:
    return message(f"status.{status}", lang) if status else ""


@cli.command(name="list")
@_workspace_option
@_prompts_option
@click.option("--trash", is_flag=True, help="List the workbooks in the trash instead.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other programs.")
@click.pass_context
def list_(
    ctx: click.Context,
    workspace_path: str | None,
    prompts: Path | None,
    trash: bool,
    as_json: bool,
) -> int:
    """List the workbooks in the workspace, newest first."""
    lang = _lang(ctx)
    workspace = _workspace(workspace_path, prompts)
    summaries = workspace.trashed() if trash else workspace.list_workbooks()
    if as_json:
        rows = []
        for summary in summaries:
            row = summary.to_json()
            if summary.problem is not None:
                row["problem"] = describe_problem(summary.problem, lang)
            rows.append(row)
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    click.echo(message("workspace.title", lang, path=workspace.root))
    if not summaries:
        click.echo(message("workspace.empty", lang))
        return 0
    for summary in summaries:
        if summary.problem is not None:
            problem = describe_problem(summary.problem, lang)
            click.echo(
                f"  {summary.file_name}  " + message("workspace.broken", lang, problem=problem)
            )
            continue
        example = f" [{message('workspace.example_badge', lang)}]" if summary.is_example else ""
        stamp = summary.updated_at
        when = stamp.astimezone().strftime("%Y-%m-%d %H:%M") if stamp else "?"
        click.echo(
            f"  {summary.id}  {summary.completeness:>4.0%}  {when}  "
            f"{_status_label(summary.status, lang):<10}  {summary.title}{example}"
        )
    ok = sum(1 for s in summaries if s.ok)
    click.echo(message("workspace.count", lang, count=ok))
    broken = len(summaries) - ok
    if broken:
        click.echo(message("workspace.broken_count", lang, count=broken))
    return 0


def _read_for_validation(path: Path) -> bytes:
    def fail(key: str, **params: Any) -> InvalidWorkbook:
        return InvalidWorkbook(source=str(path), problems=[Problem(key, params=params)])

    if not path.exists():
        raise fail("file.not_found")
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise fail("file.is_folder")
        if size > MAX_WORKBOOK_BYTES:
            # Say so without reading a huge file into memory.
            raise fail("file.too_large", size_mb=round(size / 1e6, 1), limit_mb=16)
        return path.read_bytes()
    except OSError as error:
        raise fail("file.unreadable", detail=error.strerror or str(error)) from None


def _problems_of(error: PhysioreflectError) -> list[Problem]:
    if isinstance(error, InvalidWorkbook | ContentError):
        return error.problems
    return [Problem(error.key, params={"source": error.source, **error.params})]


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON report for other programs.")
@click.pass_context
def validate(ctx: click.Context, files: Sequence[Path], as_json: bool) -> int:
    """Check workbook files. Exit 0 when all are valid, 1 otherwise."""
    lang = _lang(ctx)
    report: list[dict[str, Any]] = []
    for path in files:
        problems: list[Problem] = []
        try:
            parse_workbook(_read_for_validation(path), source=str(path))
        except PhysioreflectError as error:
            problems = _problems_of(error)
        report.append({"file": str(path), "valid": not problems, "problems": problems})
    bad = sum(1 for entry in report if not entry["valid"])
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "file": entry["file"],
                        "valid": entry["valid"],
                        "problems": [
                            {
                                "message": describe_problem(p, lang),
                                "key": p.key,
                                "location": [str(part) for part in p.loc],
                                "line": p.line,
                            }
                            for p in entry["problems"]
                        ],
                    }
                    for entry in report
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for entry in report:
            if entry["valid"]:
                click.echo(message("cli.valid", lang, file=entry["file"]))
            for problem in entry["problems"]:
                click.echo(
                    message(
                        "problem.file",
                        lang,
                        file=entry["file"],
                        message=describe_problem(problem, lang),
                    )
                )
        key = "cli.summary_invalid" if bad else "cli.summary_valid"
        click.echo(message(key, lang, bad=bad, count=len(report)), err=bool(bad))
    return 1 if bad else 0


@cli.command(name="validate-prompts")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def validate_prompts(ctx: click.Context, file: Path) -> int:
    """Check a course prompt set file; every problem names its line."""
    lang = _lang(ctx)
    prompt_set = load_prompt_set(file)
    click.echo(
        message(
            "cli.prompts_loaded",
            lang,
            title=prompt_set.title.get(lang),
            count=len(prompt_set.prompts),
        )
    )
    return 0


@cli.command()
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the workbook files into (created if missing).",
)
@click.option(
    "--synthetic",
    type=click.IntRange(1, 100_000),
    default=None,
    help="Write N generated workbooks instead of the hand-written examples.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed for --synthetic: the same seed gives the same workbooks.",
)
@click.pass_context
def sample(ctx: click.Context, out_dir: Path, synthetic: int | None, seed: int) -> int:
    """Write the example workbooks (or N synthetic ones) into a folder."""
    lang = _lang(ctx)
    workbooks = list(synthetic_workbooks(synthetic, seed=seed)) if synthetic else sample_workbooks()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise not_saved(error, str(out_dir)) from None
    names = [f"{workbook.meta.id}.json" for workbook in workbooks]
    for name in names:
        if (out_dir / name).exists():
            raise click.ClickException(message("cli.out_not_empty", lang, path=out_dir, file=name))
    for name, workbook in zip(names, workbooks, strict=True):
        atomic_write(out_dir / name, dump_workbook(workbook), source=name)
    click.echo(message("cli.samples_written", lang, count=len(workbooks), path=out_dir))
    return 0


@cli.command()
@_workspace_option
@_prompts_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Keep the default unless you know why.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8866, show_default=True)
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.pass_context
def serve(
    ctx: click.Context,
    workspace_path: str | None,
    prompts: Path | None,
    host: str,
    port: int,
    no_browser: bool,
) -> int:
    """Open the workbook in the browser (Voila), on the workspace."""
    from physioreflect.cli._serve import run_voila  # noqa: PLC0415 - keeps other commands quick

    lang = _lang(ctx)
    workspace = _workspace(workspace_path, prompts)
    workspace.seed_examples(sample_workbooks())
    return run_voila(
        workspace=workspace.root,
        prompts=prompts,
        host=host,
        port=port,
        open_browser=not no_browser,
        lang=lang,
    )


cli.add_command(privacy)
cli.add_command(export)


def _log_path() -> Path:
    folder = platformdirs.user_log_path("physioreflect", appauthor=False)
    return folder / "physioreflect.log"


def _report_unexpected(lang: str) -> None:
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
    lang = _lang_argument(args) or _language_from_environment()
    try:
        result = cli.main(args=args, prog_name="physioreflect", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except click.exceptions.Abort:
        click.echo(message("cli.interrupted", lang), err=True)
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
    except PhysioreflectError as error:
        click.echo(describe_error(error, lang), err=True)
        problems = error.problems if isinstance(error, InvalidWorkbook | ContentError) else []
        for problem in problems[:20]:
            click.echo("  " + describe_problem(problem, lang), err=True)
        code = 1
    except KeyboardInterrupt:
        click.echo(message("cli.interrupted", lang), err=True)
        code = 130
    except Exception:
        _report_unexpected(lang)
        code = 1
    sys.exit(code)


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
