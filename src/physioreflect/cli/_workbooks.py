"""``physioreflect new``, ``list`` and ``sample``: workbooks in a workspace or a folder."""

from __future__ import annotations

import json
from pathlib import Path

import click

from physioreflect.cli._common import lang_of, prompts_option, workspace_option
from physioreflect.content import describe_problem, library, load_prompt_set, message
from physioreflect.fixtures import sample_workbooks, synthetic_workbooks
from physioreflect.model import Condition, Language, Role, Workbook, dump_workbook
from physioreflect.storage import Workspace, atomic_write, default_workspace_path
from physioreflect.storage._atomic import not_saved

__all__ = ["list_", "new", "open_workspace", "sample"]


def open_workspace(path: str | None, prompts: Path | None = None) -> Workspace:
    required = None
    if prompts is not None:
        required = library().required_prompt_ids(load_prompt_set(prompts))
    return Workspace(default_workspace_path(path), required_prompts=required)


@click.command()
@workspace_option
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
    lang = lang_of(ctx)
    workspace = open_workspace(workspace_path)
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


@click.command(name="list")
@workspace_option
@prompts_option
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
    lang = lang_of(ctx)
    workspace = open_workspace(workspace_path, prompts)
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


@click.command()
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
    lang = lang_of(ctx)
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
