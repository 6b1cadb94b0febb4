"""Does the cohort table say, for every file, what a supervisor needs, and does a file that
cannot be opened become a problem row with its reason instead of an error?"""

from __future__ import annotations

import datetime as dt
import json
import string
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from physioreflect.cohort import (
    COMPLETENESS_SECTIONS,
    blind_code,
    csv_bytes,
    read_cohort,
    read_submission,
    scrub_name,
    top_com_b,
)
from physioreflect.content import library, parse_prompt_set
from physioreflect.fixtures import sample_paths, synthetic_workbooks
from physioreflect.model import (
    CURRENT_SCHEMA_VERSION,
    Barrier,
    ComB,
    Section,
    Status,
    Theme,
    Workbook,
    completeness_counts,
    dump_workbook,
    parse_workbook,
)
from physioreflect.privacy import scan_workbook

KEY = b"k" * 32
REQUIRED = library().required_prompt_ids()


def _read(source: Path, **options: Any) -> pd.DataFrame:
    options.setdefault("required_prompts", REQUIRED)
    return read_cohort(source, **options).table


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _minimal(**meta: Any) -> dict[str, Any]:
    """A workbook with only its required parts, as hand-written files are."""
    return {
        "meta": {
            "id": str(uuid.uuid4()),
            "schema_version": CURRENT_SCHEMA_VERSION,
            "title": "Kasus",
            "created": "2026-02-01T10:00:00+01:00",
            "updated": "2026-02-02T10:00:00+01:00",
            **meta,
        }
    }


def test_every_sample_is_a_row_with_its_facts(tmp_path: Path) -> None:
    for path in sample_paths():
        _write(tmp_path, f"{path.stem[:4]}/{path.name}", path.read_bytes())
    table = _read(tmp_path, scan=lambda w: len(scan_workbook(w)))
    assert len(table) == len(sample_paths())
    assert (table["problem"] == "").all()
    for row in table.to_dict("records"):
        path = next(p for p in sample_paths() if p.name == Path(row["file"]).name)
        data = json.loads(path.read_bytes())
        workbook = Workbook.model_validate(data)
        assert row["workbook_id"] == str(workbook.meta.id)
        assert row["student"] == workbook.meta.author
        assert row["title"] == workbook.meta.title
        assert row["status"] == workbook.meta.status.value
        assert row["barriers"] == len(workbook.barriers)
        assert row["privacy_findings"] == len(scan_workbook(workbook))
        counts = completeness_counts(data, required_prompts=REQUIRED)
        for section in COMPLETENESS_SECTIONS:
            done, total = counts[section]
            assert row[f"complete.{section.value}"] == pytest.approx(done / total if total else 1)
        for criterion, score in workbook.review.rubric.items():
            assert row[f"rubric.{criterion}"] == score.level
        assert row["decision"] == (workbook.review.decision or "")
        assert row["learning"] == (workbook.review.learning or "")
        assert "rubric.reflect.learning" not in row  # a judgement, not a rubric level
    assert set(table["learning"]) > {""}, "the reviewed examples judge their learning"
    assert str(table["updated"].dt.tz) == "UTC"


COURSE_PROMPTS = """\
id: course
title: {nb: Emnet, en: The course}
prompts:
  - id: own.first
    group: patient_inside
    text: {nb: "Hva liker pasienten?", en: "What does the patient like?"}
    guidance: {nb: "Skriv ordene.", en: "Write the words."}
    example: {nb: "Å gå.", en: "Walking."}
    sources: [essay]
"""


def test_a_course_prompt_set_changes_completeness(tmp_path: Path) -> None:
    """Does completeness follow the course's prompts (``--prompts``), not only the built-in?"""
    data = _minimal()
    data["perspective"] = {"answers": {"own.first": {"text": "Svar"}}}
    _write(tmp_path, "a.json", json.dumps(data).encode())
    course = parse_prompt_set(COURSE_PROMPTS.encode(), source="course.yaml")
    built_in = _read(tmp_path)["complete.perspective"].iloc[0]
    own = _read(tmp_path, required_prompts=library().required_prompt_ids(course))
    assert built_in < own["complete.perspective"].iloc[0]
    # One of two required items: the prompt answered, conviction not set.
    assert own["complete.perspective"].iloc[0] == pytest.approx(0.5)


def test_hand_written_files_missing_optional_parts(tmp_path: Path) -> None:
    """Is a workbook with nothing but its meta a row (not a problem), with zeros?"""
    _write(tmp_path, "bare.json", json.dumps(_minimal()).encode())
    _write(
        tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps(_minimal(status="submitted")).encode()
    )
    table = _read(tmp_path)
    assert list(table["problem"]) == ["", ""]
    bare = table.iloc[0]
    assert bare["barriers"] == 0 and bare["top_com_b"] == "" and bare["decision"] == ""
    assert bare["course"] == "" and bare["condition"] == ""
    assert bare["complete.case"] == 0
    assert pd.isna(bare["submitted"]) and pd.isna(bare["reviewed"])
    assert pd.isna(bare["privacy_findings"]), "not scanned is not zero findings"
    submitted = table.iloc[1]
    assert submitted["submitted"] == pd.Timestamp("2026-02-02T09:00:00Z")


def test_an_older_schema_version_is_migrated_as_when_opening(tmp_path: Path) -> None:
    data = json.loads(sample_paths()[0].read_bytes())
    data["meta"]["schema_version"] = 1
    for barrier in data["barriers"]:
        barrier.pop("label_edited", None)
    for facilitator in data["facilitators"]:
        facilitator.pop("label_edited", None)
    for activity in data["plan"]["activities"]:
        activity.pop("name_edited", None)
    _write(tmp_path, "v1.json", json.dumps(data).encode())
    (row,) = _read(tmp_path).to_dict("records")
    assert row["problem"] == ""
    assert row["barriers"] == len(data["barriers"])


@pytest.mark.parametrize(
    ("content", "fragment_en", "fragment_nb"),
    [
        (b"{not json", "not valid JSON", "ikke gyldig JSON"),
        (b"", "empty", "tom"),
        (b"[1, 2]", "does not hold a workbook", "inneholder ikke en arbeidsbok"),
        (b"\xff\xfe\x00x", "not text", "ikke tekst"),
        (json.dumps({"name": "not ours"}).encode(), "version", "versjon"),
        (
            json.dumps(_minimal(schema_version=CURRENT_SCHEMA_VERSION + 1)).encode(),
            "newer version",
            "nyere versjon",
        ),
        (json.dumps(_minimal(schema_version=0)).encode(), "too old", "for gammelt"),
        (json.dumps({**_minimal(), "extra": 1}).encode(), "", ""),
        (json.dumps(_minimal(title="  ")).encode(), "", ""),
    ],
)
def test_a_file_that_cannot_be_opened_is_a_problem_row(
    tmp_path: Path, content: bytes, fragment_en: str, fragment_nb: str
) -> None:
    _write(tmp_path, "ok.json", sample_paths()[0].read_bytes())
    _write(tmp_path, "x/bad.json", content)
    for lang, fragment in (("en", fragment_en), ("nb", fragment_nb)):
        table = _read(tmp_path, lang=lang)
        assert list(table["file"]) == ["ok.json", "x/bad.json"]
        bad = table.iloc[1]
        assert bad["problem"], "a reason is given"
        assert fragment in bad["problem"]
        assert "{" not in bad["problem"], "every placeholder filled"
        assert bad["title"] == "" and pd.isna(bad["barriers"])


def test_too_large_and_not_a_workbook_files(tmp_path: Path) -> None:
    with (tmp_path / "huge.json").open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    _write(tmp_path, "report.pdf", b"%PDF-1.7\n\x00\x01binary")
    _write(tmp_path, "notes.txt", b"Hei, dette er ikke en arbeidsbok.")
    table = _read(tmp_path, lang="en").set_index("file")
    assert "too large" in table.loc["huge.json", "problem"]
    assert "not text" in table.loc["report.pdf", "problem"]
    assert "not valid JSON" in table.loc["notes.txt", "problem"]


def test_a_zip_and_the_same_folder_give_the_same_table(tmp_path: Path) -> None:
    folder = tmp_path / "submissions"
    for index, workbook in enumerate(synthetic_workbooks(12, seed=3)):
        _write(folder, f"student{index}/{workbook.meta.id}.json", dump_workbook(workbook))
    _write(folder, "broken.json", b"{")
    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(folder.rglob("*.json")):
            zipped.write(path, path.relative_to(folder).as_posix())
    from_folder = _read(folder)
    from_zip = _read(archive)
    pd.testing.assert_frame_equal(from_folder, from_zip)
    assert len(from_folder) == 13


def _barrier(entry_id: str, com_b: ComB, impact: int | None) -> Barrier:
    return Barrier(entry_id=entry_id, label="x", theme=Theme.physical, com_b=com_b, impact=impact)


def test_the_com_b_component_with_most_high_impact_barriers() -> None:
    base = Workbook.new(title="Kasus")
    social, capability = ComB.social_opportunity, ComB.physical_capability
    workbook = base.model_copy(
        update={
            "barriers": [
                _barrier("a", capability, 5),
                _barrier("b", social, 4),
                _barrier("c", social, 4),
                _barrier("d", capability, 3),
                _barrier("e", capability, 2),
                _barrier("f", capability, None),
            ]
        }
    )
    assert top_com_b(workbook) == social, "high impact counts, not the number of barriers"
    only_low = base.model_copy(update={"barriers": [_barrier("a", capability, 3)]})
    assert top_com_b(only_low) is None
    tie = base.model_copy(
        update={
            "barriers": [
                _barrier("a", social, 5),
                _barrier("b", capability, 5),
                _barrier("c", social, 1),
            ]
        }
    )
    assert top_com_b(tie) == social, "a tie goes to the component with more barriers"


def test_reviewed_is_the_newest_review_comment(tmp_path: Path) -> None:
    returned = next(w for w in synthetic_workbooks(60, seed=1) if w.meta.status is Status.returned)
    _write(tmp_path, "r.json", dump_workbook(returned))
    (row,) = _read(tmp_path).to_dict("records")
    newest = max(c.created for c in returned.review.comments)
    assert row["reviewed"] == pd.Timestamp(newest)
    assert pd.isna(row["submitted"])


# ── blind mode ────────────────────────────────────────────────────────────────────────────


def test_blind_codes_are_stable_and_keyed() -> None:
    workbook_id = str(uuid.uuid4())
    code = blind_code(KEY, workbook_id)
    assert code == blind_code(KEY, workbook_id)
    assert code != blind_code(b"another key" * 3, workbook_id)
    assert code.startswith("S-") and len(code) == 10
    assert set(code[2:]) <= set(string.digits + string.ascii_uppercase) - set("ILOU")


def test_a_resubmission_keeps_its_code_and_stays_a_row_of_its_own(tmp_path: Path) -> None:
    sample = sample_paths()[0]
    _write(tmp_path, "Kari Nordmann/round1.json", sample.read_bytes())
    _write(tmp_path, "Kari Nordmann/round2.json", sample.read_bytes())
    table = _read(tmp_path, blind_key=KEY)
    assert table["student"].nunique() == 1
    assert table["file"].nunique() == 2
    assert "workbook_id" not in table.columns


_NAME_LETTERS = "æøåÆØÅqxzQXZ"
_names = st.lists(st.text(_NAME_LETTERS, min_size=4, max_size=10), min_size=1, max_size=3).map(
    " ".join
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_names, data=st.data())
def test_a_blind_table_names_no_student_anywhere(
    tmp_path_factory: pytest.TempPathFactory, name: str, data: st.DataObject
) -> None:
    """Wherever the student's name is (author, title, folder and file names, a value quoted
    in a validation message, a damaged file's name), is it nowhere in a blind table or its
    CSV, in either language?"""
    folder = tmp_path_factory.mktemp("blind")
    sample = json.loads(sample_paths()[0].read_bytes())
    sample["meta"]["author"] = name
    sample["meta"]["title"] = data.draw(
        st.sampled_from([f"{name} – kasus", f"Kasus av {name.upper()}", "Kasus", name.lower()])
    )
    _write(folder, f"{name}_1234/{name}.json", json.dumps(sample).encode())
    too_long = _minimal(author=name * 20)  # "author" too long: the message quotes the value
    _write(folder, f"{name}_1234/{name} too long.json", json.dumps(too_long).encode())
    _write(folder, f"{name}_1234/{name} notes.txt", f"{name} skrev dette".encode())
    _write(folder, f"{name}.json", b"{")
    for lang in ("nb", "en"):
        table = _read(folder, blind_key=KEY, lang=lang)
        text = table.to_csv() + csv_bytes(table, lang).decode("utf-8-sig")
        for word in name.split():
            assert word.casefold() not in text.casefold()
        assert len(table) == 4


def test_scrub_name_takes_every_word_of_the_name() -> None:
    assert scrub_name("Kari Nordmanns kasus om Kari", "Kari Nordmann", "…") == "… …s kasus om …"
    assert scrub_name("GROSS", "Groß", "…") == "…", "case folding beyond ASCII"
    assert scrub_name("Kasus", "", "…") == "Kasus"


def test_the_same_file_at_a_later_time_keeps_its_row(tmp_path: Path) -> None:
    """Are rows in a stable order (by name), so two reads of a folder line up?"""
    for index, workbook in enumerate(synthetic_workbooks(5, seed=9)):
        _write(tmp_path, f"{4 - index}.json", dump_workbook(workbook))
    first = _read(tmp_path)
    assert list(first["file"]) == [f"{i}.json" for i in range(5)]
    pd.testing.assert_frame_equal(first, _read(tmp_path))


def test_dates_are_utc_timestamps(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", json.dumps(_minimal(status="submitted")).encode())
    (row,) = _read(tmp_path).to_dict("records")
    assert row["updated"].to_pydatetime() == dt.datetime(2026, 2, 2, 9, tzinfo=dt.UTC)
    assert Section.meta.value not in {c.removeprefix("complete.") for c in _read(tmp_path)}


def test_reading_a_submission_is_opening_it() -> None:
    """Does the table read every sample, current or older, exactly as opening it does?"""
    for path in sample_paths():
        data = path.read_bytes()
        older = json.loads(data)
        older["meta"]["schema_version"] = 1
        for version in (data, json.dumps(older).encode()):
            workbook = read_submission(version, source=path.name)
            assert workbook == parse_workbook(version, source=path.name)
            assert workbook.meta.schema_version == CURRENT_SCHEMA_VERSION


def _same_as_opening(data: bytes) -> None:
    """``read_submission`` gives what opening gives: the same workbook, or the same error
    with the same problems."""
    from physioreflect.errors import PhysioreflectError  # noqa: PLC0415

    try:
        expected: object = parse_workbook(data, source="a.json")
    except PhysioreflectError as error:
        expected = (type(error), error.key, getattr(error, "problems", None))
    try:
        got: object = read_submission(data, source="a.json")
    except PhysioreflectError as error:
        got = (type(error), error.key, getattr(error, "problems", None))
    assert got == expected


def _variants(data: bytes) -> list[bytes]:
    text = data.decode()
    raw = json.loads(data)
    newer = json.loads(data)
    newer["meta"]["schema_version"] = CURRENT_SCHEMA_VERSION + 1
    older = json.loads(data)
    older["meta"]["schema_version"] = CURRENT_SCHEMA_VERSION - 1
    duplicated = text.replace('"title":', '"title": "first", "title":', 1)
    return [
        data,
        b"\xef\xbb\xbf" + data,  # a byte-order mark, as Windows tools write
        json.dumps(older).encode(),
        json.dumps(newer).encode(),
        duplicated.encode(),
        text.replace('"revision": ', '"revision": NaN, "x": ', 1).encode(),
        text.replace('"title": "', '"title": "\\ud800', 1).encode(),  # a lone surrogate
        text.replace('"revision": ', '"revision": 1' + "0" * 40 + ', "y": ', 1).encode(),
        data + b" trailing",
        data[: len(data) // 2],
        json.dumps(raw, indent=None, ensure_ascii=True).encode(),
        b"[]",
        b"",
    ]


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_a_file_read_straight_from_its_bytes_says_what_opening_it_says(path: Path) -> None:
    for variant in _variants(path.read_bytes()):
        _same_as_opening(variant)


def test_a_file_with_many_problems_says_how_many_more(tmp_path: Path) -> None:
    data = _minimal(title="  ", status="unknown", language="xx")
    _write(tmp_path, "a.json", json.dumps(data).encode())
    (row,) = _read(tmp_path, lang="en").to_dict("records")
    assert row["problem"].endswith("(and 2 more; “physioreflect validate” lists them all)")
