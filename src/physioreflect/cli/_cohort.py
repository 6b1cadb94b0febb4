"""``physioreflect cohort``: a class's submissions as one table, on screen and as CSV / Excel.

Every output is checked before the download is read (an existing file stops the command
unless ``--force``), so a long read never ends in a refusal to write.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from physioreflect.cli._common import lang_of, prompts_option
from physioreflect.content import describe_error, describe_problem, message
from physioreflect.errors import ContentError, OutputExists, PhysioreflectError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["cohort"]

# Text from the files is printed to a terminal: control characters (escape sequences that
# move the cursor, retitle the window, …) are shown as a replacement character instead.
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TITLE_WIDTH: Final = 36


def _safe(text: str, width: int | None = None) -> str:
    text = _CONTROL.sub("\ufffd", text).replace("\n", " ")
    if width is not None and len(text) > width:
        return text[: width - 1] + "…"
    return text


def _one_line(error: PhysioreflectError, lang: str) -> str:
    headline = describe_error(error, lang)
    if isinstance(error, ContentError) and error.problems:
        return f"{headline} {describe_problem(error.problems[0], lang)}"
    return headline


def _rows(table: pd.DataFrame, lang: str) -> list[list[str]]:
    import pandas as pd  # noqa: PLC0415 - loaded already, with the cohort package

    lines = []
    for values in table[table["problem"] == ""].to_dict("records"):
        complete, privacy, decision = (
            values["complete"],
            values["privacy_findings"],
            values["decision"],
        )
        lines.append(
            [
                _safe(str(values["student"]), 24),
                _safe(str(values["title"]), _TITLE_WIDTH),
                message(f"status.{values['status']}", lang),
                "" if pd.isna(complete) else f"{round(complete * 100)} %",
                str(values["barriers"]),
                message(f"decision.{decision}", lang) if decision else "",
                "" if pd.isna(privacy) else str(privacy),
            ]
        )
    return lines


def _print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=False)]
    for line in (header, *rows):
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))


def _print_summary(table: pd.DataFrame, source: Path, lang: str, *, blind: bool) -> None:
    """The workbooks as a table, then counts, then every file that could not be read."""
    problems = table[table["problem"] != ""]
    if table.empty:
        click.echo(message("cohort.cli.empty", lang))
        return
    header = [
        message("cohort.column.student", lang),
        message("cohort.column.title", lang),
        message("cohort.column.status", lang),
        message("cohort.column.complete", lang),
        message("cohort.column.barriers", lang),
        message("cohort.column.decision", lang),
        message("cohort.column.privacy_findings", lang),
    ]
    rows = _rows(table, lang)
    if rows:
        _print_table(header, rows)
        click.echo("")
    click.echo(
        message(
            "cohort.cli.read",
            lang,
            count=len(table),
            source=_safe(str(source)),
            workbooks=len(table) - len(problems),
            problems=len(problems),
        )
    )
    if blind:
        click.echo(message("cohort.cli.blind", lang))
    workbooks = table[table["problem"] == ""]
    if not workbooks.empty:
        counts = workbooks["status"].value_counts()
        by_status = ", ".join(
            f"{message(f'status.{status}', lang)} {count}" for status, count in counts.items()
        )
        click.echo(f"{message('cohort.cli.by_status', lang)} {by_status}")
        mean = workbooks["complete"].mean()
        click.echo(message("cohort.cli.mean_complete", lang, percent=round(float(mean) * 100)))
    if not problems.empty:
        click.echo(message("cohort.cli.problems", lang))
        for name, reason in zip(problems["file"], problems["problem"], strict=True):
            click.echo(f"  {_safe(str(name))}: {_safe(str(reason))}")


@click.command(name="cohort")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the table as CSV (UTF-8, for any spreadsheet).",
)
@click.option(
    "--xlsx",
    "xlsx_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the table as an Excel workbook (.xlsx).",
)
@click.option(
    "--blind", is_flag=True, help="Show students as codes, in file names too (anonymised grading)."
)
@prompts_option
@click.option(
    "--no-privacy",
    is_flag=True,
    help="Leave out the privacy scan (most of the time a large class takes); the column "
    "stays empty.",
)
@click.option(
    "--rubric",
    "rubric_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The course's own rubric (YAML) the class was scored with, for the rubric columns "
    "and their names; REFLECT without it.",
)
@click.option("--force", is_flag=True, help="Replace CSV or Excel files that already exist.")
@click.pass_context
def cohort(
    ctx: click.Context,
    source: Path,
    csv_path: Path | None,
    xlsx_path: Path | None,
    blind: bool,
    prompts: Path | None,
    no_privacy: bool,
    rubric_path: Path | None,
    force: bool,
) -> int:
    """Read a folder or zip of submitted workbooks into one table: one row per file.

    physioreflect cohort submissions.zip --xlsx class.xlsx

    A file that cannot be read is listed with its reason. Cells that a spreadsheet would
    read as a formula are written as text.
    """
    from physioreflect.cohort import (  # noqa: PLC0415 - pandas loads with the command
        default_key_path,
        load_or_create_key,
        read_cohort,
        write_csv,
        write_xlsx,
    )
    from physioreflect.content import library, load_prompt_set, load_rubric  # noqa: PLC0415
    from physioreflect.privacy import scan_workbook  # noqa: PLC0415

    lang = lang_of(ctx)
    try:
        for target in (csv_path, xlsx_path):
            if target is not None and target.exists() and not force:
                raise OutputExists(source=str(target))
        prompt_set = load_prompt_set(prompts) if prompts is not None else None
        lib = library()
        course_rubric = load_rubric(rubric_path) if rubric_path is not None else None
        key = load_or_create_key(default_key_path()) if blind else None
        result = read_cohort(
            source,
            required_prompts=lib.required_prompt_ids(prompt_set),
            lang=lang,
            blind_key=key,
            scan=None if no_privacy else lambda workbook: len(scan_workbook(workbook)),
            rubric_criteria=None if course_rubric is None else course_rubric.criterion_ids(),
        )
        table = result.table
        # Without the course's file, the names its reviews kept; else REFLECT's.
        rubric = course_rubric or result.course_rubric or lib.rubric
        if csv_path is not None:
            write_csv(table, csv_path, lang=lang, force=force, rubric=rubric)
        if xlsx_path is not None:
            write_xlsx(table, xlsx_path, lang=lang, force=force, rubric=rubric)
    except PhysioreflectError as error:
        raise click.ClickException(_one_line(error, lang)) from None

    _print_summary(table, source, lang, blind=blind)
    for target in (csv_path, xlsx_path):
        if target is not None:
            click.echo(message("cohort.cli.written", lang, path=target))
    return 0
