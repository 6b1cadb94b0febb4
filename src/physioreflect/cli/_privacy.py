"""``physioreflect privacy``: look for personal data in workbook files and text files, in a
whole workspace (history, trash and copies included), and replace it with placeholders.

Kept apart from ``_main`` (which registers it) so that this module imports nothing from
there: the command reads the message language from ``ctx.obj`` like the others do.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import click

from physioreflect.cli._common import lang_of
from physioreflect.content import describe_error, describe_problem, message
from physioreflect.errors import InvalidWorkbook, PhysioreflectError, Problem, WorkbookSubmitted
from physioreflect.model import (
    MAX_WORKBOOK_BYTES,
    Workbook,
    dump_workbook,
    is_editable_by_author,
    parse_workbook,
)
from physioreflect.privacy import (
    Finding,
    redact,
    redact_workbook,
    scan_text,
    scan_workbook,
)

if TYPE_CHECKING:
    from physioreflect.storage import Workspace

__all__ = ["privacy"]

EXIT_CLEAN: Final = 0
EXIT_FOUND: Final = 1
"""Personal data found, or a workbook file that is not a valid workbook (as ``validate``)."""
EXIT_UNREADABLE: Final = 2
"""A file could not be read as text at all: missing, a folder, too large, binary."""


class _Unreadable(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.key)


def _read(path: Path) -> bytes:
    if not path.exists():
        raise _Unreadable(Problem("file.not_found"))
    if path.is_dir():
        raise _Unreadable(Problem("file.is_folder"))
    try:
        size = path.stat().st_size
        if size > MAX_WORKBOOK_BYTES:
            # Say so without reading a huge file into memory.
            params = {"size_mb": round(size / 1e6, 1), "limit_mb": MAX_WORKBOOK_BYTES >> 20}
            raise _Unreadable(Problem("file.too_large", params=params))
        return path.read_bytes()
    except OSError as error:
        detail = error.strerror or str(error)
        raise _Unreadable(Problem("file.unreadable", params={"detail": detail})) from None


def _decode_text(data: bytes) -> str:
    if b"\x00" in data:
        raise _Unreadable(Problem("file.binary"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Unreadable(Problem("file.not_utf8", params={"position": error.start})) from None


@dataclass(frozen=True)
class _Report:
    file: str
    findings: list[Finding]
    text: str | None
    """The scanned text of a plain text file, to tell line numbers; None for a workbook."""


def _line_of(text: str, finding: Finding) -> int:
    return text.count("\n", 0, finding.start) + 1


def _scan_file(path: Path, lang: str) -> _Report:
    """Raises _Unreadable, or a PhysioreflectError for a workbook file that is not valid.

    A workbook's replacements are in the workbook's language, a text file's in ``lang``.
    """
    data = _read(path)
    if path.suffix.lower() == ".json":
        return _Report(str(path), scan_workbook(parse_workbook(data, source=str(path))), None)
    text = _decode_text(data)
    return _Report(str(path), scan_text(text, lang=lang), text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _finding_line(report: _Report, finding: Finding, lang: str) -> str:
    if report.text is None:
        where = finding.field or ""
    else:
        where = message("privacy.line", lang, line=_line_of(report.text, finding))
    return message(
        "privacy.finding",
        lang,
        file=report.file,
        field=where,
        kind=message(f"privacy.kind.{finding.kind.value}", lang),
        confidence=message(f"privacy.confidence.{finding.confidence.value}", lang),
        text=_one_line(finding.text),
        replacement=finding.replacement,
    )


def _finding_json(report: _Report, finding: Finding) -> dict[str, Any]:
    row: dict[str, Any] = {"file": report.file, **finding.to_json()}
    if report.text is not None:
        row["line"] = _line_of(report.text, finding)
    return row


# The storage package loads only where a workspace or a write is involved: scanning a file
# needs neither, and the storage's imports would make it slower than checking the file.
def _is_workspace(root: Path) -> bool:
    from physioreflect.storage._workspace import INTERNAL  # noqa: PLC0415

    return (root / INTERNAL).is_dir()


def _workspace_files(root: Path) -> Iterator[Path]:
    """Every workbook file a workspace keeps: the workbooks, their revisions, the trash."""
    from physioreflect.storage._workspace import INTERNAL  # noqa: PLC0415

    internal = root / INTERNAL
    yield from sorted(root.glob("*.json"))
    yield from sorted((internal / "history").glob("*/*.json"))
    yield from sorted((internal / "trash").glob("*.json"))


def _report_unreadable(path: Path, error: Exception, lang: str) -> int:
    """Say in one line why ``path`` could not be checked; the exit code it earns."""
    if isinstance(error, _Unreadable):
        text = describe_problem(error.problem, lang)
        click.echo(message("problem.file", lang, file=path, message=text), err=True)
        return EXIT_UNREADABLE
    assert isinstance(error, PhysioreflectError)
    problems = error.problems if isinstance(error, InvalidWorkbook) else []
    detail = describe_problem(problems[0], lang) if problems else describe_error(error, lang)
    click.echo(message("privacy.not_a_workbook", lang, file=path, problem=detail), err=True)
    return EXIT_FOUND


def _scan_and_print(files: Sequence[Path], lang: str, *, as_json: bool) -> int:
    reports: list[_Report] = []
    code = EXIT_CLEAN
    for path in files:
        try:
            reports.append(_scan_file(path, lang))
        except (_Unreadable, PhysioreflectError) as error:
            code = max(code, _report_unreadable(path, error, lang))
    found = [report for report in reports if report.findings]
    if found:
        code = max(code, EXIT_FOUND)
    if as_json:
        rows = [_finding_json(r, f) for r in reports for f in r.findings]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return code
    for report in reports:
        if not report.findings:
            click.echo(message("privacy.clean", lang, file=report.file))
        for finding in report.findings:
            click.echo(_finding_line(report, finding, lang))
    if found:
        count = sum(len(report.findings) for report in found)
        summary = message(
            "privacy.summary_found", lang, count=count, files=len(found), total=len(files)
        )
        click.echo(summary, err=True)
    elif reports and code == EXIT_CLEAN:
        click.echo(message("privacy.summary_clean", lang, total=len(files)))
    unchecked = len(files) - len(reports)
    if unchecked:
        click.echo(
            message("privacy.summary_unchecked", lang, bad=unchecked, total=len(files)), err=True
        )
    return code


def _workspace_of(path: Path) -> Workspace | None:
    """The workspace ``path`` is a workbook of (``<root>/<uuid>.json`` next to the
    workspace's own folder), or None for a loose file."""
    try:
        uuid.UUID(path.stem)
    except ValueError:
        return None
    from physioreflect.storage import Workspace  # noqa: PLC0415

    root = path.absolute().parent
    return Workspace(root) if _is_workspace(root) else None


def _redact_workbook_file(path: Path, data: bytes, lang: str, *, force: bool) -> int:
    from physioreflect.storage import atomic_write  # noqa: PLC0415

    workbook = parse_workbook(data, source=str(path))
    if not (force or is_editable_by_author(workbook)):
        raise WorkbookSubmitted(source=str(path))
    findings = scan_workbook(workbook)
    if not findings:
        click.echo(message("privacy.clean", lang, file=path))
        return EXIT_CLEAN
    workspace = _workspace_of(path)
    if workspace is None:
        redacted: Workbook = redact_workbook(workbook, findings)
        atomic_write(path, dump_workbook(redacted), source=str(path))
        click.echo(message("privacy.redacted", lang, file=path, count=len(findings)))
        return EXIT_CLEAN
    from physioreflect.privacy import redact_everywhere  # noqa: PLC0415 - only with --redact

    report = redact_everywhere(workspace, workbook.meta.id, findings, force=force)
    click.echo(
        message(
            "privacy.redacted_workspace",
            lang,
            file=path,
            count=len(findings),
            files=report.files_cleaned,
        )
    )
    code = EXIT_CLEAN
    if report.unreadable:
        click.echo(
            message("privacy.redact_unreadable", lang, file=path, count=len(report.unreadable)),
            err=True,
        )
        code = EXIT_FOUND
    if report.refused:
        click.echo(
            message("privacy.redact_refused_copies", lang, file=path, count=len(report.refused)),
            err=True,
        )
        code = EXIT_FOUND
    return code


def _redact_text_file(path: Path, data: bytes, lang: str) -> int:
    from physioreflect.storage import atomic_write  # noqa: PLC0415

    text = _decode_text(data)
    findings = scan_text(text, lang=lang)
    if not findings:
        click.echo(message("privacy.clean", lang, file=path))
        return EXIT_CLEAN
    atomic_write(path, redact(text, findings, lang).encode("utf-8"), source=str(path))
    click.echo(message("privacy.redacted", lang, file=path, count=len(findings)))
    return EXIT_CLEAN


def _redact_files(files: Sequence[Path], lang: str, *, force: bool) -> int:
    code = EXIT_CLEAN
    for path in files:
        try:
            data = _read(path)
            if path.suffix.lower() == ".json":
                code = max(code, _redact_workbook_file(path, data, lang, force=force))
            else:
                code = max(code, _redact_text_file(path, data, lang))
        except WorkbookSubmitted:
            click.echo(message("privacy.refused_submitted", lang, file=path), err=True)
            code = max(code, EXIT_FOUND)
        except (_Unreadable, InvalidWorkbook) as error:
            code = max(code, _report_unreadable(path, error, lang))
        except PhysioreflectError as error:
            text = describe_error(error, lang)
            click.echo(message("problem.file", lang, file=path, message=text), err=True)
            code = max(code, EXIT_UNREADABLE)
    return code


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of findings.")
@click.option(
    "--workspace",
    "workspace_dir",
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    help="Scan every workbook of a workspace folder, its history, the trash and the copies.",
)
@click.option(
    "--redact",
    "replace",
    is_flag=True,
    help="Replace what is found with placeholders, in place. Inside a workspace: as a new "
    "revision, with the history, the trash and the copies cleaned too.",
)
@click.option("--force", is_flag=True, help="With --redact: change a submitted workbook too.")
@click.pass_context
def privacy(
    ctx: click.Context,
    files: Sequence[Path],
    as_json: bool,
    workspace_dir: Path | None,
    replace: bool,
    force: bool,
) -> int:
    """Look for names, ID numbers, phone numbers, e-mail addresses, dates of birth and
    addresses in workbook files (.json) and text files (any other name, read as UTF-8).

    Exit 0 when every file was checked and nothing was found (or, with --redact, replaced);
    1 when something was found, a workbook file is not a valid workbook, or a submitted
    workbook was left alone; 2 when a file could not be read at all (missing, a folder, over
    16 MiB, not UTF-8 text), whatever the other files hold. A file that cannot be read is
    never changed.
    """
    lang = lang_of(ctx)
    if replace:
        if workspace_dir is not None or as_json or not files:
            click.echo(message("privacy.redact_usage", lang), err=True)
            return EXIT_UNREADABLE
        return _redact_files(files, lang, force=force)
    if workspace_dir is not None:
        if not _is_workspace(workspace_dir):
            click.echo(message("privacy.not_a_workspace", lang, folder=workspace_dir), err=True)
            return EXIT_UNREADABLE
        files = [*files, *_workspace_files(workspace_dir)]
    elif not files:
        click.echo(message("privacy.needs_files", lang), err=True)
        return EXIT_UNREADABLE
    return _scan_and_print(files, lang, as_json=as_json)
