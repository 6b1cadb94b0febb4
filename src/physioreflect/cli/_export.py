"""``physioreflect export``: workbook files to summary PDFs.

Every file is read and checked, and every output path is checked, before anything is written:
a bad input or an existing output stops the command with one line and leaves the disk as it
was.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import click

from physioreflect.cli._common import lang_of
from physioreflect.content import describe_error, describe_problem, load_prompt_set, message
from physioreflect.errors import ContentError, InvalidWorkbook, PhysioreflectError, Problem
from physioreflect.export import export_pdf
from physioreflect.model import MAX_WORKBOOK_BYTES, Workbook, parse_workbook
from physioreflect.storage import atomic_write
from physioreflect.storage._atomic import not_saved

__all__ = ["export"]


def _read(path: Path) -> bytes:
    def fail(key: str, **params: object) -> InvalidWorkbook:
        return InvalidWorkbook(source=str(path), problems=[Problem(key, params=dict(params))])

    if not path.exists():
        raise fail("file.not_found")
    if path.is_dir():
        raise fail("file.is_folder")
    try:
        size = path.stat().st_size
        if size > MAX_WORKBOOK_BYTES:
            # Said without reading a huge file into memory.
            raise fail(
                "file.too_large",
                size_mb=round(size / 1e6, 1),
                limit_mb=round(MAX_WORKBOOK_BYTES / 1e6),
            )
        return path.read_bytes()
    except OSError as error:
        raise fail("file.unreadable", detail=error.strerror or str(error)) from None


def _one_line(error: PhysioreflectError, lang: str) -> str:
    """The error's headline and, for a bad file, its first problem: one line for a terminal;
    ``physioreflect validate`` lists every problem."""
    if "reason" in error.params:
        # A failed write names its reason in words ("the disk is full"), not as a code.
        reason = message(f"error.reason.{error.params['reason']}", lang, **error.params)
        headline = message(error.key, lang, **{**error.params, "reason": reason})
    else:
        headline = describe_error(error, lang)
    if isinstance(error, InvalidWorkbook | ContentError) and error.problems:
        return f"{headline} {describe_problem(error.problems[0], lang)}"
    return headline


def _targets(files: Sequence[Path], output: str, lang: str) -> list[Path]:
    """Where each workbook's PDF goes: the ``-o`` file for a single workbook, else
    ``FOLDER/<workbook file name>.pdf``."""
    out = Path(output)
    into_folder = output.endswith(("/", os.sep)) or out.is_dir()
    if not into_folder:
        if len(files) > 1:
            raise click.ClickException(message("export.cli.needs_folder", lang, path=output))
        return [out]
    targets: dict[Path, Path] = {}
    for path in files:
        target = out / f"{path.stem}.pdf"
        if target in targets:
            raise click.ClickException(
                message(
                    "export.cli.same_name", lang, first=targets[target], second=path, path=target
                )
            )
        targets[target] = path
    return list(targets)


@click.command(name="export")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="PDF|FOLDER/",
    help="The PDF to write, or a folder (ending in /, or an existing folder) for one PDF per "
    "workbook, named after its file.",
)
@click.option("--force", is_flag=True, help="Overwrite PDFs that already exist.")
@click.option(
    "--prompts",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The course prompt set (YAML) the workbooks were written with.",
)
@click.pass_context
def export(
    ctx: click.Context, files: Sequence[Path], output: str, force: bool, prompts: Path | None
) -> int:
    """Write the summary PDF of workbook files, in each workbook's own language.

    physioreflect export WORKBOOK.json -o summary.pdf

    physioreflect export *.json -o pdfs/
    """
    lang = lang_of(ctx)
    targets = _targets(files, output, lang)
    workbooks: list[Workbook] = []
    try:
        prompt_set = load_prompt_set(prompts) if prompts is not None else None
        for path in files:
            workbooks.append(parse_workbook(_read(path), source=str(path)))
    except PhysioreflectError as error:
        raise click.ClickException(_one_line(error, lang)) from None
    if not force:
        for target in targets:
            if target.exists():
                raise click.ClickException(message("export.cli.exists", lang, path=target))
    folder = targets[0].parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise click.ClickException(_one_line(not_saved(error, str(folder)), lang)) from None
    for target, workbook in zip(targets, workbooks, strict=True):
        try:
            atomic_write(target, export_pdf(workbook, prompt_set=prompt_set), source=str(target))
        except PhysioreflectError as error:
            raise click.ClickException(_one_line(error, lang)) from None
    if len(targets) == 1:
        click.echo(message("export.cli.written", lang, path=targets[0]))
    else:
        click.echo(message("export.cli.written_many", lang, count=len(targets), path=folder))
    return 0
