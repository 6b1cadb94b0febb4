"""``physioreflect export``: workbook files to summary PDFs; with ``--feedback``, submissions
with the supervisor's review beside them; with ``--blind``, with a code for the student's name;
with ``--handout``, the patient's handout instead of the summary.

Every file is read and checked, and every output path is checked, before anything is written:
a bad input or an existing output stops the command with one line and leaves the disk as it
was.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from physioreflect.cli._common import lang_of
from physioreflect.content import (
    PromptSet,
    describe_error,
    describe_problem,
    load_prompt_set,
    message,
)
from physioreflect.errors import (
    ContentError,
    HandoutRefused,
    InvalidWorkbook,
    PhysioreflectError,
    Problem,
)
from physioreflect.export import export_handout_pdf, export_pdf
from physioreflect.model import MAX_WORKBOOK_BYTES, Workbook, parse_workbook
from physioreflect.storage import RETURNED_SUFFIX, REVIEW_SUFFIX, atomic_write
from physioreflect.storage._atomic import not_saved

if TYPE_CHECKING:
    from physioreflect.app._review import ReviewSession

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


def _targets(
    files: Sequence[Path],
    output: str,
    lang: str,
    *,
    codes: Sequence[str] | None = None,
    suffix: str = "",
) -> list[Path]:
    """Where each workbook's PDF goes: the ``-o`` file for a single workbook, else
    ``FOLDER/<workbook file name><suffix>.pdf``; blind (``codes``), ``FOLDER/<code>.pdf``,
    since a learning platform puts the student's name in the file's (a second round of the
    same workbook is ``<code>-2.pdf``)."""
    out = Path(output)
    into_folder = output.endswith(("/", os.sep)) or out.is_dir()
    if not into_folder:
        if len(files) > 1:
            raise click.ClickException(message("export.cli.needs_folder", lang, path=output))
        return [out]
    if codes is not None:
        seen: dict[str, int] = {}
        named = []
        for code in codes:
            seen[code] = seen.get(code, 0) + 1
            named.append(out / (f"{code}.pdf" if seen[code] == 1 else f"{code}-{seen[code]}.pdf"))
        return named
    targets: dict[Path, Path] = {}
    for path in files:
        target = out / f"{path.stem}{suffix}.pdf"
        if target in targets:
            raise click.ClickException(
                message(
                    "export.cli.same_name", lang, first=targets[target], second=path, path=target
                )
            )
        targets[target] = path
    return list(targets)


def _feedback(path: Path, prompt_set: PromptSet | None) -> tuple[Workbook, ReviewSession]:
    """The submission ``path`` with the supervisor's review beside it applied, draft or sent.
    Raises :class:`click.ClickException` (through :class:`_NoReview`) when there is none."""
    from physioreflect.app._review import ReviewSession  # noqa: PLC0415 - with --feedback

    if path.name.lower().endswith((REVIEW_SUFFIX, RETURNED_SUFFIX)):
        raise _NoReview("export.cli.feedback_review_file", path)
    _read(path)  # the same checks and messages as a plain export
    session = ReviewSession(path.parent, path.name, prompt_set=prompt_set)
    if not session.saved:
        key = (
            "export.cli.feedback_other_file"
            if session.record_for_other_file
            else "export.cli.feedback_none"
        )
        raise _NoReview(key, path)
    return session.submission, session


class _NoReview(Exception):
    def __init__(self, key: str, path: Path) -> None:
        super().__init__(key)
        self.key, self.path = key, path


def _read_all(
    files: Sequence[Path], prompts: Path | None, *, feedback: bool, lang: str
) -> tuple[PromptSet | None, list[tuple[Workbook, ReviewSession | None]]]:
    """The prompt set and every file, read and checked; with ``feedback``, each with the
    review session holding the record beside it."""
    read: list[tuple[Workbook, ReviewSession | None]] = []
    try:
        prompt_set = load_prompt_set(prompts) if prompts is not None else None
        for path in files:
            if feedback:
                read.append(_feedback(path, prompt_set))
            else:
                read.append((parse_workbook(_read(path), source=str(path)), None))
    except _NoReview as missing:
        raise click.ClickException(message(missing.key, lang, path=missing.path)) from None
    except PhysioreflectError as error:
        raise click.ClickException(_one_line(error, lang)) from None
    return prompt_set, read


def _shown(
    read: Sequence[tuple[Workbook, ReviewSession | None]], *, blind: bool, lang: str
) -> tuple[list[Workbook], list[str] | None]:
    """What each PDF prints (with its review, for ``--feedback``) and, when ``blind``, the
    code printed instead of each student's name: the cohort's code, by the same key."""
    if not blind:
        return [
            workbook if session is None else session.preview() for workbook, session in read
        ], None
    from physioreflect.app._review import blinded  # noqa: PLC0415 - only a blind export
    from physioreflect.cohort import (  # noqa: PLC0415
        blind_code,
        default_key_path,
        load_or_create_key,
    )

    try:
        key = load_or_create_key(default_key_path())
    except PhysioreflectError as error:
        raise click.ClickException(_one_line(error, lang)) from None
    shown, codes = [], []
    for workbook, session in read:
        code = blind_code(key, str(workbook.meta.id))
        if session is None:
            shown.append(blinded(workbook, author=workbook.meta.author, code=code))
        else:
            shown.append(session.preview(blind_as=code))
        codes.append(code)
    return shown, codes


def _refused(error: HandoutRefused, path: Path, lang: str) -> str:
    """One line: the file, why, and what the privacy check found (as for submitting)."""
    reason = describe_error(error, lang)
    line = message("export.cli.handout_refused", lang, path=path, reason=reason)
    if error.findings:
        found = "; ".join(f"{f.field}: «{f.text}»" for f in error.findings)
        line += " " + message("export.cli.handout_findings", lang, findings=found)
    return line


def _check_targets(targets: Sequence[Path], *, force: bool, lang: str) -> None:
    if not force:
        for target in targets:
            if target.exists():
                raise click.ClickException(message("export.cli.exists", lang, path=target))


def _write_all(targets: Sequence[Path], pdfs: Sequence[bytes], *, lang: str) -> None:
    folder = targets[0].parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise click.ClickException(_one_line(not_saved(error, str(folder)), lang)) from None
    for target, pdf in zip(targets, pdfs, strict=True):
        try:
            atomic_write(target, pdf, source=str(target))
        except PhysioreflectError as error:
            raise click.ClickException(_one_line(error, lang)) from None
    if len(targets) == 1:
        click.echo(message("export.cli.written", lang, path=targets[0]))
    else:
        click.echo(message("export.cli.written_many", lang, count=len(targets), path=folder))


def _export_handouts(
    files: Sequence[Path], output: str | None, *, force: bool, language: str | None, lang: str
) -> int:
    """Every handout is made, and every refusal found, before anything is written."""
    if output is None:
        if len(files) > 1:
            raise click.ClickException(message("export.cli.needs_output", lang))
        output = f"{files[0].stem}-handout.pdf"
    targets = _targets(files, output, lang, suffix="-handout")
    _prompt_set, read = _read_all(files, None, feedback=False, lang=lang)
    _check_targets(targets, force=force, lang=lang)
    pdfs = []
    for path, (workbook, _session) in zip(files, read, strict=True):
        try:
            pdfs.append(export_handout_pdf(workbook, lang=language))
        except HandoutRefused as refused:
            raise click.ClickException(_refused(refused, path, lang)) from None
    _write_all(targets, pdfs, lang=lang)
    return 0


@click.command(name="export")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    metavar="PDF|FOLDER/",
    help="The PDF to write, or a folder (ending in /, or an existing folder) for one PDF per "
    "workbook, named after its file. With --handout it may be left out: "
    "<workbook file name>-handout.pdf in the current folder.",
)
@click.option("--force", is_flag=True, help="Overwrite PDFs that already exist.")
@click.option(
    "--prompts",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The course prompt set (YAML) the workbooks were written with.",
)
@click.option(
    "--feedback",
    is_flag=True,
    help="The files are submissions in a folder: print each with the supervisor's review "
    "kept beside it (draft or sent) — comments beside the sections, rubric, learning, "
    "feedback and decision.",
)
@click.option(
    "--blind",
    is_flag=True,
    help="Show the student as a blind code (anonymised grading): not in the text, the PDF's "
    "metadata or the names of the PDFs in a folder.",
)
@click.option(
    "--handout",
    is_flag=True,
    help="The patient's handout instead of the summary: the plan agreed, in plain words, "
    "with the goals, activities, weeks 1–12, the pain rule, when to get help and lines to "
    "write on; none of the clinician's notes or reflection. Refused for a plan without "
    "activities, or when the privacy check finds personal data in what it would print.",
)
@click.option(
    "--language",
    type=click.Choice(["nb", "en"]),
    help="The handout's language (default: the workbook's). What the clinician wrote stays "
    "as written. Messages follow --lang.",
)
@click.pass_context
def export(
    ctx: click.Context,
    files: Sequence[Path],
    output: str | None,
    force: bool,
    prompts: Path | None,
    feedback: bool,
    blind: bool,
    handout: bool,
    language: str | None,
) -> int:
    """Write the summary PDF of workbook files, in each workbook's own language; or, with
    --handout, the patient's handout.

    physioreflect export WORKBOOK.json -o summary.pdf

    physioreflect export *.json -o pdfs/

    physioreflect export --feedback --blind submissions/kari/refleksjon.json -o pdfs/

    physioreflect export WORKBOOK.json --handout --language en
    """
    lang = lang_of(ctx)
    if handout and (feedback or blind):
        raise click.ClickException(message("export.cli.handout_alone", lang))
    if handout:
        return _export_handouts(files, output, force=force, language=language, lang=lang)
    if language is not None:
        raise click.ClickException(message("export.cli.language_needs_handout", lang))
    if output is None:
        raise click.ClickException(message("export.cli.needs_output", lang))
    targets = _targets(files, output, lang)
    prompt_set, read = _read_all(files, prompts, feedback=feedback, lang=lang)
    workbooks, codes = _shown(read, blind=blind, lang=lang)
    if codes is not None:
        targets = _targets(files, output, lang, codes=codes)
    _check_targets(targets, force=force, lang=lang)
    try:
        pdfs = [export_pdf(workbook, prompt_set=prompt_set) for workbook in workbooks]
    except PhysioreflectError as error:
        raise click.ClickException(_one_line(error, lang)) from None
    _write_all(targets, pdfs, lang=lang)
    return 0
