"""Does ``physioreflect export --handout`` write the patient's handout in the language asked
for, and refuse — in one line, naming the reason and the findings — a plan it cannot print?"""

from __future__ import annotations

import types
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from physioreflect.cli._export import export
from physioreflect.fixtures import sample_paths
from physioreflect.model import ForPatient, dump_workbook, parse_workbook
from tests.unit.export.pdf_tools import pdf_text, reader


def _run(*args: str | Path, lang: str = "en") -> Result:
    return CliRunner().invoke(export, [str(a) for a in args], obj=types.SimpleNamespace(lang=lang))


def _sample(name: str) -> Path:
    return next(path for path in sample_paths() if path.name.startswith(name))


def test_the_handout_is_written_in_the_workbooks_language(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    result = _run(_sample("3f6c2a1e"), "--handout", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Wrote {out}"
    pdf = out.read_bytes()
    assert reader(pdf).metadata.title == "Min aktivitetsplan"  # type: ignore[union-attr]
    assert "Dette skal jeg gjøre" in pdf_text(pdf)


def test_language_chooses_the_handouts_and_lang_the_messages(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    result = _run(_sample("3f6c2a1e"), "--handout", "--language", "en", "-o", out, lang="nb")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Skrev {out}"
    assert "What I will do" in pdf_text(out.read_bytes())


def test_without_o_the_handout_is_named_after_the_file_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(_sample("e71b3d58"), "--handout")
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{_sample('e71b3d58').stem}-handout.pdf").is_file()


def test_several_handouts_into_a_folder(tmp_path: Path) -> None:
    paths = [_sample("3f6c2a1e"), _sample("a8d41f07")]
    result = _run(*paths, "--handout", "-o", f"{tmp_path}/")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{p.stem}-handout.pdf" for p in paths
    )


def test_a_plan_without_activities_is_refused_with_the_reason(tmp_path: Path) -> None:
    empty = _sample("9b0d6e23")
    result = _run(_sample("3f6c2a1e"), empty, "--handout", "-o", f"{tmp_path}/out/")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        f"Error: {empty}: The patient's handout was not made: the plan has no activities yet. "
        "Add at least one activity on the Plan step."
    ]
    assert not (tmp_path / "out").exists()  # nothing written, not even the first


def test_personal_data_blocks_the_handout_and_the_findings_are_named(tmp_path: Path) -> None:
    workbook = parse_workbook(_sample("3f6c2a1e").read_bytes())
    workbook.plan.for_patient = ForPatient(note="Ring meg på 912 34 567.")
    path = tmp_path / "case.json"
    path.write_bytes(dump_workbook(workbook))
    result = _run(path, "--handout", "-o", tmp_path / "plan.pdf", lang="nb")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {path}: Arket til pasienten ble ikke laget: personvernsjekken fant 1 mulig "
        "personopplysning i det arket ville vise. Bytt den ut, så kan du laste ned arket. "
        "Funnet: plan.for_patient.note: «912 34 567»."
    ]
    assert not (tmp_path / "plan.pdf").exists()


def test_an_existing_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"mine")
    assert _run(_sample("3f6c2a1e"), "--handout", "-o", out).exit_code == 1
    assert out.read_bytes() == b"mine"
    assert _run(_sample("3f6c2a1e"), "--handout", "-o", out, "--force").exit_code == 0


@pytest.mark.parametrize("other", ["--feedback", "--blind"])
def test_the_handout_goes_alone(tmp_path: Path, other: str) -> None:
    result = _run(_sample("3f6c2a1e"), "--handout", other, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert "cannot be combined" in result.output


def test_language_belongs_to_the_handout_and_a_summary_needs_o(tmp_path: Path) -> None:
    result = _run(_sample("3f6c2a1e"), "--language", "en", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert "--language chooses the language of the patient's handout" in result.output
    result = _run(_sample("3f6c2a1e"))
    assert result.exit_code == 1
    assert "Say where to write the PDF" in result.output
