"""The cache of derived data: built once, read back after, and never the reason a run
differs or fails — damaged, stale, unwritable or switched off."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from physioreflect import _derived
from physioreflect._derived import cache_folder, derived, digest


class _Counted:
    """A build that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "cache"
    monkeypatch.setenv("PHYSIOREFLECT_CACHE_DIR", str(target))
    return target


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.marshal")) if folder.is_dir() else []


def test_is_the_value_built_once_and_read_back_after(folder: Path) -> None:
    value = {"a": {"nb": "Å", "en": "A"}, "b": frozenset({"x", "y"}), "c": (1, 2.5, None)}
    build = _Counted(value)
    assert derived("thing", [b"source"], build) == value
    assert derived("thing", [b"source"], build) == value
    assert build.calls == 1
    assert len(_entries(folder)) == 1


def test_does_a_changed_source_build_again_and_keep_both(folder: Path) -> None:
    first, second = _Counted("one"), _Counted("two")
    assert derived("thing", [b"v1"], first) == "one"
    assert derived("thing", [b"v2"], second) == "two"
    assert derived("thing", [b"v1"], first) == "one"
    assert (first.calls, second.calls) == (1, 1)
    assert len(_entries(folder)) == 2


def test_are_old_entries_of_a_name_removed_and_other_names_kept(folder: Path) -> None:
    derived("other", [b"x"], lambda: 0)
    for version in range(_derived._ENTRIES_PER_NAME + 3):
        derived("thing", [f"v{version}"], lambda version=version: version)
    names = [entry.name for entry in _entries(folder)]
    assert sum(name.startswith("thing-") for name in names) == _derived._ENTRIES_PER_NAME
    assert sum(name.startswith("other-") for name in names) == 1
    # The newest is among those kept.
    key = digest([f"v{_derived._ENTRIES_PER_NAME + 2}"])
    assert f"thing-{key}.marshal" in names


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\x01\x02 not marshal",
        marshal.dumps(("another key", "stale value")),
        marshal.dumps(["not", "a", "pair"]),
        marshal.dumps(("key", "value"))[:5],
    ],
    ids=["empty", "garbage", "another key", "not a pair", "truncated"],
)
def test_is_a_damaged_entry_built_again_and_repaired(folder: Path, damage: bytes) -> None:
    build = _Counted({"fresh": True})
    derived("thing", [b"s"], build)
    (entry,) = _entries(folder)
    entry.write_bytes(damage)
    assert derived("thing", [b"s"], build) == {"fresh": True}
    assert build.calls == 2
    assert derived("thing", [b"s"], build) == {"fresh": True}
    assert build.calls == 2  # repaired by the second build


def test_is_a_value_of_the_wrong_shape_built_again(folder: Path) -> None:
    def check(held: object) -> dict[str, int] | None:
        return held if isinstance(held, dict) else None

    derived("thing", [b"s"], lambda: [1, 2, 3])  # an older layout under the same key
    build = _Counted({"new": 1})
    assert derived("thing", [b"s"], build, check=check) == {"new": 1}
    assert build.calls == 1


def test_does_a_folder_that_cannot_be_written_only_cost_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    monkeypatch.setenv("PHYSIOREFLECT_CACHE_DIR", str(blocker / "cache"))
    build = _Counted("value")
    assert derived("thing", [b"s"], build) == "value"
    assert derived("thing", [b"s"], build) == "value"
    assert build.calls == 2
    assert blocker.read_text() == "x"
    assert [p.name for p in tmp_path.iterdir()] == [blocker.name]


def test_is_the_cache_off_when_the_variable_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PHYSIOREFLECT_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() is None
    build = _Counted("value")
    derived("thing", [b"s"], build)
    derived("thing", [b"s"], build)
    assert build.calls == 2
    assert list(tmp_path.iterdir()) == []


def test_is_the_folder_found_as_documented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PHYSIOREFLECT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "physioreflect"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "physioreflect"
    monkeypatch.setenv("PHYSIOREFLECT_CACHE_DIR", str(tmp_path / "own"))
    assert cache_folder() == tmp_path / "own"


def test_does_a_failing_build_reach_the_caller_and_leave_nothing(folder: Path) -> None:
    def build() -> object:
        raise ValueError("a broken source file")

    with pytest.raises(ValueError, match="broken source"):
        derived("thing", [b"s"], build)
    assert _entries(folder) == []


def test_is_a_value_marshal_cannot_write_returned_and_not_kept(folder: Path) -> None:
    value = [object()]
    assert derived("thing", [b"s"], lambda: value) is value
    assert _entries(folder) == []
    assert not folder.exists()


def test_is_nothing_half_written_left_behind(folder: Path) -> None:
    derived("thing", [b"s"], lambda: list(range(100_000)))
    assert [entry.name for entry in folder.iterdir() if entry.name.endswith(".tmp")] == []


def test_is_an_entry_only_readable_by_its_owner_when_the_umask_says_so(folder: Path) -> None:
    old = os.umask(0o077)
    try:
        derived("thing", [b"s"], lambda: "value")
    finally:
        os.umask(old)
    (entry,) = _entries(folder)
    assert entry.stat().st_mode & 0o077 == 0


@given(
    st.lists(st.one_of(st.binary(max_size=20), st.text(max_size=20)), max_size=5),
    st.lists(st.one_of(st.binary(max_size=20), st.text(max_size=20)), max_size=5),
)
def test_do_different_sources_give_different_keys(
    first: list[bytes | str], second: list[bytes | str]
) -> None:
    """Each part is delimited by its length: ["ab", "c"] and ["a", "bc"] differ. A text and
    its UTF-8 bytes are the same part (the files are read as bytes, the rest is text)."""

    def canonical(parts: list[bytes | str]) -> list[bytes]:
        return [p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p for p in parts]

    same = canonical(first) == canonical(second)
    assert (digest(first) == digest(second)) == same
