"""``physioreflect validate`` and ``validate-prompts``: check files, name every problem.

Imports only the model and the UI catalog: checking one file costs little more than parsing
it (bench/cli.py measures it against a bare script doing just that).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from physioreflect.cli._common import lang_of
from physioreflect.content import describe_problem, message
from physioreflect.errors import ContentError, InvalidWorkbook, PhysioreflectError, Problem
from physioreflect.model import MAX_WORKBOOK_BYTES, parse_workbook

__all__ = ["validate", "validate_prompts"]


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


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON report for other programs.")
@click.pass_context
def validate(ctx: click.Context, files: Sequence[Path], as_json: bool) -> int:
    """Check workbook files. Exit 0 when all are valid, 1 otherwise."""
    lang = lang_of(ctx)
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


@click.command(name="validate-prompts")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def validate_prompts(ctx: click.Context, file: Path) -> int:
    """Check a course prompt set file; every problem names its line."""
    # The content library comes with the prompt set's check, not with every validate.
    from physioreflect.content import load_prompt_set  # noqa: PLC0415

    lang = lang_of(ctx)
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
