"""Does ``physioreflect export`` write one PDF or a folder of them, refuse to overwrite
without --force, and fail in one translated line on bad input?"""

from __future__ import annotations

import types
from pathlib import Path

import click
from click.testing import CliRunner, Result

from physioreflect.cli._export import export
from physioreflect.fixtures import sample_paths
from physioreflect.model import Workbook, dump_workbook


def _run(*args: str | Path, lang: str | None = "en") -> Result:
    state = None if lang is None else types.SimpleNamespace(lang=lang)
    return CliRunner().invoke(export, [str(a) for a in args], obj=state)


def test_one_workbook_to_one_pdf(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = _run(sample_paths()[0], "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert result.output.strip() == f"Wrote {out}"


def test_several_workbooks_into_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "pdfs"
    result = _run(*sample_paths(), "-o", f"{folder}/", lang="nb")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in folder.iterdir())
    assert written == sorted(f"{p.stem}.pdf" for p in sample_paths())
    assert result.output.strip() == f"Skrev {len(written)} PDF-er til {folder}"


def test_an_existing_folder_needs_no_trailing_slash(tmp_path: Path) -> None:
    result = _run(sample_paths()[2], "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{sample_paths()[2].stem}.pdf").is_file()


def test_an_existing_pdf_is_never_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"mine")
    result = _run(sample_paths()[0], "-o", out)
    assert result.exit_code == 1
    assert out.read_bytes() == b"mine"
    assert result.output.strip() == (
        f"Error: {out} already exists; nothing was overwritten (use --force to overwrite)."
    )
    assert _run(sample_paths()[0], "-o", out, "--force").exit_code == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_nothing_is_written_when_one_output_of_many_exists(tmp_path: Path) -> None:
    paths = sample_paths()
    (tmp_path / f"{paths[1].stem}.pdf").write_bytes(b"mine")
    result = _run(*paths, "-o", f"{tmp_path}/")
    assert result.exit_code == 1
    assert [p.name for p in tmp_path.iterdir()] == [f"{paths[1].stem}.pdf"]


def test_an_invalid_workbook_fails_in_one_translated_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_bytes(dump_workbook(Workbook.new(title="x"))[:40])
    result = _run(sample_paths()[0], broken, "-o", f"{tmp_path}/out/", lang="nb")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: {broken} er ikke en gyldig arbeidsbok (1 problem).")
    assert "ikke gyldig JSON" in lines[0]
    assert not (tmp_path / "out").exists()


def test_missing_files_and_folders_are_named(tmp_path: Path) -> None:
    result = _run(tmp_path / "nope.json", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert "The file does not exist." in result.output
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert _run(folder, "-o", tmp_path / "x.pdf").exit_code != 0


def test_several_workbooks_need_a_folder(tmp_path: Path) -> None:
    result = _run(*sample_paths()[:2], "-o", tmp_path / "summary.pdf")
    assert result.exit_code == 1
    assert "need a folder" in result.output


def test_two_workbooks_with_the_same_name_are_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "case.json").write_bytes(sample_paths()[0].read_bytes())
    result = _run(tmp_path / "a/case.json", tmp_path / "b/case.json", "-o", f"{tmp_path}/out/")
    assert result.exit_code == 1
    assert "would both become" in result.output


def test_messages_are_english_without_a_language_and_the_pdf_follows_the_workbook(
    tmp_path: Path,
) -> None:
    result = _run(sample_paths()[0], "-o", tmp_path / "s.pdf", lang=None)
    assert result.output.startswith("Wrote ")


def test_the_command_is_a_click_command_named_export() -> None:
    assert isinstance(export, click.Command)
    assert export.name == "export"
    assert export.help and "summary PDF" in export.help
