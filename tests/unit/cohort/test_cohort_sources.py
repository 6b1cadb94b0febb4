"""Is a submissions download read safely: folders nested or not, zips without escapes,
bombs or archives inside archives?"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from physioreflect.cohort import MAX_MEMBER_BYTES, members
from physioreflect.cohort import _sources as sources
from physioreflect.errors import InvalidSubmissions
from physioreflect.fixtures import sample_paths


def _zip(path: Path, entries: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _by_name(source: Path) -> dict[str, sources.Member]:
    return {member.name: member for member in members(source)}


def test_nested_folders_are_read_in_a_stable_order(tmp_path: Path) -> None:
    """Are workbooks in per-student folders found, and clutter left out?"""
    first, second = sample_paths()[:2]
    (tmp_path / "Nordmann, Kari_1234").mkdir()
    (tmp_path / "Nordmann, Kari_1234" / "kasus.json").write_bytes(first.read_bytes())
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "deep.json").write_bytes(second.read_bytes())
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._kasus.json").write_bytes(b"\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.json").write_bytes(b"{}")
    found = [member.name for member in members(tmp_path)]
    assert found == ["Nordmann, Kari_1234/kasus.json", "b/c/deep.json"]
    assert all(member.data for member in members(tmp_path))


def test_a_zip_is_read_in_memory_with_the_same_names(tmp_path: Path) -> None:
    first = sample_paths()[0]
    archive = _zip(
        tmp_path / "class.zip",
        {
            "submissions/": b"",
            "submissions/kari_123_456_kasus.json": first.read_bytes(),
            "__MACOSX/submissions/._kari_123_456_kasus.json": b"\x00\x05",
            "submissions/.DS_Store": b"\x00",
            "submissions\\windows\\kasus.json": first.read_bytes(),
        },
    )
    found = _by_name(archive)
    assert sorted(found) == [
        "submissions/kari_123_456_kasus.json",
        "submissions/windows/kasus.json",
    ]
    assert found["submissions/kari_123_456_kasus.json"].data == first.read_bytes()
    assert list(tmp_path.iterdir()) == [archive], "nothing was extracted"


@pytest.mark.parametrize(
    "name",
    ["../evil.json", "a/../../evil.json", "/etc/evil.json", "C:/evil.json", "..\\evil.json"],
)
def test_names_leaving_the_target_are_problem_rows(tmp_path: Path, name: str) -> None:
    """Is a zip-slip name refused (and reported), never read or written?"""
    archive = _zip(tmp_path / "slip.zip", {name: b"{}", "fine.json": b"{}"})
    found = list(members(archive))
    assert [m.name for m in found if m.problem is None] == ["fine.json"]
    bad = [m for m in found if m.problem is not None]
    assert len(bad) == 1
    assert bad[0].problem is not None and bad[0].problem.key == "cohort.unsafe_name"
    assert bad[0].data is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slip.zip"]


def test_a_zip_bomb_is_stopped_by_the_bytes_it_really_unpacks(tmp_path: Path) -> None:
    """Is a member that is small compressed and huge uncompressed refused after reading just
    past the limit, whatever its header claims?"""
    huge = b"0" * (MAX_MEMBER_BYTES + 5 * 1024 * 1024)
    archive = _zip(tmp_path / "bomb.zip", {"bomb.json": huge, "ok.json": b"{}"})
    assert archive.stat().st_size < 100_000
    found = _by_name(archive)
    problem = found["bomb.json"].problem
    assert problem is not None and problem.key == "file.too_large"
    assert found["ok.json"].data == b"{}"


def test_a_header_that_lies_about_the_size_does_not_help(tmp_path: Path) -> None:
    """Does a member whose header claims 2 bytes still stop at the real limit?"""
    huge = b"0" * (MAX_MEMBER_BYTES + 1024 * 1024)
    archive = _zip(tmp_path / "liar.zip", {"liar.json": huge})
    data = bytearray(archive.read_bytes())
    real = len(huge).to_bytes(4, "little")
    # The uncompressed size in both the local header and the central directory.
    assert data.count(real) == 2
    archive.write_bytes(bytes(data.replace(real, (2).to_bytes(4, "little"))))
    (member,) = members(archive)
    assert member.data is None or len(member.data) <= MAX_MEMBER_BYTES
    if member.problem is None:
        # zipfile stops at the claimed size: what was read is what was claimed.
        assert member.data == b"00"
    else:
        assert member.problem.key in {"file.too_large", "cohort.member_damaged"}


def test_the_total_unpacked_size_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a zip unpacks to more than the total limit, is every remaining file a problem
    row (nothing silently dropped)?"""
    monkeypatch.setattr(sources, "MAX_TOTAL_BYTES", 2500)
    archive = _zip(tmp_path / "many.zip", {f"{i}.json": b"x" * 1000 for i in range(5)})
    found = list(members(archive))
    assert [m.name for m in found] == [f"{i}.json" for i in range(5)]
    assert [m.data is not None for m in found] == [True, True, False, False, False]
    assert {m.problem.key for m in found if m.problem} == {"cohort.archive_too_large"}


def test_too_many_entries_refuses_the_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_ENTRIES", 3)
    archive = _zip(tmp_path / "many.zip", {f"{i}.json": b"{}" for i in range(4)})
    with pytest.raises(InvalidSubmissions) as raised:
        list(members(archive))
    assert raised.value.params["reason"] == "submissions_too_many_entries"


def test_nested_archives_are_refused_by_name_and_by_content(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as nested:
        nested.writestr("a.json", b"{}")
    archive = _zip(
        tmp_path / "outer.zip",
        {
            "inner.zip": inner.getvalue(),
            "renamed.json": inner.getvalue(),
            "backup.tar.gz": b"\x1f\x8b\x08\x00",
        },
    )
    found = _by_name(archive)
    assert {name: m.problem.key if m.problem else None for name, m in found.items()} == {
        "inner.zip": "cohort.nested_archive",
        "renamed.json": "cohort.nested_archive",
        "backup.tar.gz": "cohort.nested_archive",
    }
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "inner.zip").write_bytes(inner.getvalue())
    (tmp_path / "folder" / "renamed.json").write_bytes(inner.getvalue())
    assert {m.problem.key for m in members(tmp_path / "folder") if m.problem} == {
        "cohort.nested_archive"
    }


def test_a_damaged_member_is_a_problem_row(tmp_path: Path) -> None:
    """Does a member whose bytes were damaged (CRC mismatch) become a problem row?"""
    payload = b'{"meta": {}}' * 100
    archive = _zip(tmp_path / "crc.zip", {"a.json": payload}, method=zipfile.ZIP_STORED)
    data = archive.read_bytes()
    archive.write_bytes(data.replace(b'{"meta": {}}', b'{"meta": []}', 1))
    (member,) = members(archive)
    assert member.problem is not None and member.problem.key == "cohort.member_damaged"


def test_a_large_file_in_a_folder_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_MEMBER_BYTES + 1)
    (member,) = members(tmp_path)
    assert member.problem is not None and member.problem.key == "file.too_large"


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.json"
    outside.write_bytes(sample_paths()[0].read_bytes())
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "link.json").symlink_to(outside)
    (member,) = members(folder)
    assert member.problem is not None and member.problem.key == "cohort.link_outside"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("class.zip", None, "submissions_not_found"),
        ("notes.txt", b"just text", "submissions_not_folder_or_zip"),
        ("class.zip", b"PK\x05\x06" + b"\x00" * 10, "submissions_damaged_zip"),
        ("class.zip", b"PK\x03\x04 cut off", "submissions_damaged_zip"),
    ],
)
def test_an_unusable_source_is_one_error(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InvalidSubmissions) as raised:
        list(members(path))
    assert raised.value.params["reason"] == reason
