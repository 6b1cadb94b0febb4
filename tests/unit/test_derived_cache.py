"""The cache of derived data: built once, read back after, and never the reason a run
differs or fails — damaged, stale, unwritable or switched off."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import time
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
    newest = _derived._entry_path("thing", [f"v{_derived._ENTRIES_PER_NAME + 2}"], ())
    assert newest is not None
    assert newest.name in names


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\x01\x02 not marshal",
        marshal.dumps(("another key", "stale value")),
        marshal.dumps(["not", "a", "pair"]),
        marshal.dumps(("key", "value"))[:5],
        b"\xff" * 3 + b"\x7f\xff\xff\xff",
    ],
    ids=["empty", "garbage", "another key", "not a triple", "truncated", "hostile length"],
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


def test_is_an_entry_whose_contents_changed_built_again(folder: Path) -> None:
    """Bit rot, or an edit that kept the entry's key: its contents' digest no longer holds."""
    build = _Counted({"word": 4.5})
    derived("thing", [b"s"], build)
    (entry,) = _entries(folder)
    key, contents_digest, contents = marshal.loads(entry.read_bytes())  # noqa: S302
    changed = contents.replace(b"word", b"ward")
    assert changed != contents
    entry.write_bytes(marshal.dumps((key, contents_digest, changed)))
    assert derived("thing", [b"s"], build) == {"word": 4.5}
    assert build.calls == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners are POSIX")
def test_is_an_entry_others_may_write_or_own_not_read(folder: Path) -> None:
    build = _Counted("value")
    derived("thing", [b"s"], build)
    (entry,) = _entries(folder)
    entry.chmod(0o666)
    assert derived("thing", [b"s"], build) == "value"
    assert build.calls == 2  # ignored, built and written anew
    (entry,) = _entries(folder)
    assert entry.stat().st_mode & 0o022 == 0
    if os.getuid() == 0:  # only root can give a file away
        os.chown(entry, 12345, 12345)
        assert derived("thing", [b"s"], build) == "value"
        assert build.calls == 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_does_a_pipe_in_place_of_an_entry_not_hang(folder: Path) -> None:
    build = _Counted("value")
    derived("thing", [b"s"], build)
    (entry,) = _entries(folder)
    entry.unlink()
    os.mkfifo(entry)
    assert derived("thing", [b"s"], build) == "value"  # would block if read as a file
    assert build.calls == 2


def test_does_a_change_to_the_building_code_build_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key holds the source of the code that builds an entry: an update or an edited
    checkout that changes only code never reads what the old code built."""
    package = tmp_path / "package"
    package.mkdir()
    (package / "_derived.py").write_bytes(Path(_derived.__file__).read_bytes())
    builder = package / "builder.py"
    builder.write_text("VALUE = 1\n")
    monkeypatch.setattr(_derived, "_PACKAGE", package)
    first, second = _Counted("old"), _Counted("new")
    assert derived("thing", [b"s"], first, code=["physioreflect.builder"]) == "old"
    assert derived("thing", [b"s"], first, code=["physioreflect.builder"]) == "old"
    builder.write_text("VALUE = 2\n")
    assert derived("thing", [b"s"], second, code=["physioreflect.builder"]) == "new"
    assert (first.calls, second.calls) == (1, 1)
    builder.unlink()  # code that cannot be read: nothing is kept or read
    third = _Counted("unknown")
    derived("thing", [b"s"], third, code=["physioreflect.builder"])
    derived("thing", [b"s"], third, code=["physioreflect.builder"])
    assert third.calls == 2


def test_is_an_interrupted_write_cleaned_up(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_derived.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        derived("thing", [b"s"], lambda: "value")
    assert list(folder.iterdir()) == []


def test_are_temporary_files_of_stopped_runs_removed(folder: Path) -> None:
    folder.mkdir(parents=True)
    old, new = folder / ".thing-x.marshal.abc.tmp", folder / ".thing-y.marshal.def.tmp"
    old.write_bytes(b"half")
    new.write_bytes(b"being written")
    hours_ago = time.time() - 2 * _derived._STALE_TEMPORARY
    os.utime(old, (hours_ago, hours_ago))
    derived("thing", [b"s"], lambda: "value")
    assert not old.exists()
    assert new.exists()  # another run may be writing it right now


_WRITE_AT_ONCE = """
import sys
from physioreflect._derived import derived
from physioreflect.privacy import scan_text
value = derived("shared", [b"one source"], lambda: {"n": list(range(50_000))})
print(len(value["n"]), [f.text for f in scan_text("Jeg spurte Sigrid, tlf 912 34 567.")])
"""


def test_do_processes_that_start_together_agree(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
        "PATH": "/usr/bin:/bin",
        "PHYSIOREFLECT_CACHE_DIR": str(cache),
    }
    for _ in range(2):  # an empty cache, then a full one
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", _WRITE_AT_ONCE],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        outputs = [run.communicate(timeout=300) for run in runs]
        assert all(run.returncode == 0 for run in runs), [err for _, err in outputs]
        assert {out for out, _ in outputs} == {"50000 ['Sigrid', '912 34 567']\n"}
        assert not [entry for entry in cache.iterdir() if entry.name.endswith(".tmp")]


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


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file modes are POSIX")
def test_are_the_folder_and_entries_the_users_alone(folder: Path) -> None:
    old = os.umask(0o022)
    try:
        derived("thing", [b"s"], lambda: "value")
    finally:
        os.umask(old)
    (entry,) = _entries(folder)
    assert entry.stat().st_mode & 0o077 == 0
    assert folder.stat().st_mode & 0o077 == 0


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
