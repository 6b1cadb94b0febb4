"""Does ``physioreflect export --feedback`` print a submission with the supervisor's review
beside it — comments with what they are about and their threads, rubric, learning, feedback,
decision — say clearly when there is no review, and, with ``--blind``, leave the student's
name out of the text, the metadata and the file name?"""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from physioreflect.app import ReviewSession
from physioreflect.cli._export import export
from physioreflect.cohort import blind_code, load_or_create_key
from physioreflect.content import library
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import (
    Decision,
    LearningJudgement,
    Section,
    Status,
    Workbook,
    dump_workbook,
    parse_workbook,
    reply_as_student,
    with_status,
)
from tests.unit.export.pdf_tools import pdf_text, reader, squash

AUTHOR = "Kari Nordmann"
NAME_WORDS = ("kari", "nordmann")


def _run(*args: str | Path, lang: str = "en") -> Result:
    return CliRunner().invoke(export, [str(a) for a in args], obj=types.SimpleNamespace(lang=lang))


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The blind key is made in a configuration folder of the test's own."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def _handed_in() -> Workbook:
    richest = max(sample_workbooks(), key=lambda w: len(w.barriers))
    meta = richest.meta.model_copy(
        update={"author": AUTHOR, "title": "Karis kasus: korsrygg", "status": Status.draft}
    )
    return with_status(richest.model_copy(update={"meta": meta}), Status.submitted)


def _reviewed(folder: Path) -> Path:
    """Round one returned with a comment the student answered; round two's draft review
    answers back, scores, judges the learning, gives feedback and decides."""
    (folder / "kari").mkdir(parents=True)
    path = folder / "kari/refleksjon.json"
    path.write_bytes(dump_workbook(_handed_in()))
    barrier = _handed_in().barriers[0]
    first = ReviewSession(folder, "kari/refleksjon.json", reviewer="Vera Veileder")
    asked = "What did the doctor actually say?"
    first.add_comment(Section.barriers, asked, anchor=barrier.entry_id)
    first.set_decision(Decision.returned)
    returned = parse_workbook(first.release().read_bytes())
    comment = returned.review.comments[0].comment_id
    answered = reply_as_student(
        returned, comment, text="He said the back was worn out.", now=dt.datetime.now(dt.UTC)
    )
    path.write_bytes(dump_workbook(with_status(answered, Status.submitted)))
    second = ReviewSession(folder, "kari/refleksjon.json", reviewer="Vera Veileder")
    second.reply(comment, "What does 'worn out' mean to him?")
    second.add_comment(Section.case, "Good that you asked what he likes to do.")
    second.score("reflect.description", 3)
    second.set_learning(LearningJudgement.transformative)
    second.set_text("overall_feedback", "Solid work; revisit the pain rule.")
    second.set_decision(Decision.approved)
    return path


def test_feedback_prints_the_review_beside_the_work(tmp_path: Path) -> None:
    submission = _reviewed(tmp_path / "subs")
    out = tmp_path / "out"
    result = _run("--feedback", submission, "-o", f"{out}/")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Wrote {out / 'refleksjon.pdf'}"
    text = squash(pdf_text((out / "refleksjon.pdf").read_bytes()))
    barrier = library().factor_label(_handed_in().barriers[0], "nb")
    for expected in (
        "What did the doctor actually say?",
        f"Gjelder: {barrier}",  # what the comment is about, in the workbook's language
        "Svar fra studenten",
        "He said the back was worn out.",
        "Svar fra Vera Veileder",
        "What does 'worn out' mean to him?",
        "Good that you asked what he likes to do.",
        "3 – Refleksjon",
        "Transformerende",
        "Solid work; revisit the pain rule.",
        "Godkjent",
    ):
        assert squash(expected) in text, expected
    assert "Kari" in text  # not blind: the author is named


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "has no review beside it"),
        ("nb", "har ingen vurdering ved siden av seg"),
    ],
)
def test_a_submission_without_a_review_is_a_clear_message(
    tmp_path: Path, lang: str, expected: str
) -> None:
    (tmp_path / "kari.json").write_bytes(dump_workbook(_handed_in()))
    result = _run("--feedback", tmp_path / "kari.json", "-o", tmp_path / "x.pdf", lang=lang)
    assert result.exit_code == 1
    assert expected in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_a_review_of_an_earlier_version_of_the_file_is_not_printed(tmp_path: Path) -> None:
    submission = _reviewed(tmp_path / "subs")
    revised = parse_workbook(submission.read_bytes())
    revised.case.likes_to_do += " And walking the dog."
    submission.write_bytes(dump_workbook(revised))
    result = _run("--feedback", submission, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert "made for an earlier version of the file" in result.output


def test_a_review_file_given_instead_of_the_submission_is_named(tmp_path: Path) -> None:
    submission = _reviewed(tmp_path / "subs")
    record = submission.with_name("refleksjon.review.json")
    result = _run("--feedback", record, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert "is a review file, not a submission" in result.output


def _metadata_text(pdf: bytes) -> str:
    document = reader(pdf)
    info = " ".join(str(value) for value in (document.metadata or {}).values())
    xmp = document.trailer["/Root"].get("/Metadata")
    raw = xmp.get_object().get_data().decode("utf-8", "replace") if xmp is not None else ""
    return info + raw


def _assert_nameless(pdf: bytes) -> None:
    for where in (squash(pdf_text(pdf)).lower(), _metadata_text(pdf).lower()):
        for word in NAME_WORDS:
            assert word not in where


def test_a_blind_feedback_pdf_names_no_one_and_is_named_by_the_code(
    tmp_path: Path, config_home: Path
) -> None:
    submission = _reviewed(tmp_path / "subs")
    out = tmp_path / "out"
    result = _run("--feedback", "--blind", submission, "-o", f"{out}/", lang="nb")
    assert result.exit_code == 0, result.output
    key = load_or_create_key(config_home / "physioreflect" / "blind-key")
    code = blind_code(key, str(_handed_in().meta.id))
    assert [p.name for p in out.iterdir()] == [f"{code}.pdf"]
    pdf = (out / f"{code}.pdf").read_bytes()
    _assert_nameless(pdf)
    assert code in pdf_text(pdf)
    assert reader(pdf).metadata is not None and reader(pdf).metadata.author == code
    # The same name in a plain export is there, so the check above can fail.
    plain = tmp_path / "plain.pdf"
    assert _run("--feedback", submission, "-o", plain).exit_code == 0
    assert "kari" in _metadata_text(plain.read_bytes()).lower()


def test_a_blind_plain_export_names_no_one_either(tmp_path: Path) -> None:
    (tmp_path / "kari-nordmann_1234_refleksjon.json").write_bytes(dump_workbook(_handed_in()))
    out = tmp_path / "out"
    result = _run("--blind", tmp_path / "kari-nordmann_1234_refleksjon.json", "-o", f"{out}/")
    assert result.exit_code == 0, result.output
    (written,) = out.iterdir()
    assert written.name.startswith("S-") and "kari" not in written.name.lower()
    _assert_nameless(written.read_bytes())
