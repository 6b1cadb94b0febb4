"""The installed command exits without the interpreter's teardown only after a command that
leaves nothing to finalise, and says and returns exactly what it would otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from physioreflect.cli import _main
from physioreflect.fixtures import sample_paths
from tests.cli_runner import run

ROOT = Path(__file__).resolve().parents[3]

# A handler of the program's own, registered before the command runs: Python runs it at a
# normal exit; the quick exit skips it (with the whole teardown).
_PROGRAM = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("<finalised>"))
from physioreflect.cli import run
sys.argv = ["physioreflect", *sys.argv[1:]]
run()
"""


def _installed(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        "PYTHONPATH": str(ROOT / "src"),
        "PATH": "/usr/bin:/bin",
        "PHYSIOREFLECT_LANG": "en",
        "HOME": str(cwd or ROOT),
        # The session's cache folder (conftest), never one in the checkout or the home.
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
    }
    return subprocess.run(
        [sys.executable, "-c", _PROGRAM, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.fixture
def text_with_findings(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("Jeg spurte Sigrid hva hun liker, tlf. 912 34 567.\n" * 3000, encoding="utf-8")
    return path


def test_does_a_quick_exit_say_and_return_what_main_does(
    capsys: pytest.CaptureFixture[str], text_with_findings: Path
) -> None:
    code, out, err = run(capsys, "--lang", "en", "privacy", "--json", str(text_with_findings))
    done = _installed("--lang", "en", "privacy", "--json", str(text_with_findings))
    assert (done.returncode, done.stdout, done.stderr) == (code, out, err)
    assert code == 1
    assert len(out) > 1_000_000  # all of it, flushed before the exit
    assert "<finalised>" not in done.stderr  # the teardown was skipped


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("validate", "{sample}"), 0),
        (("validate", "{missing}"), 1),
        (("privacy", "{sample}"), 0),
        (("privacy",), 2),
        (("--help",), 0),
        (("no-such-command",), 2),
    ],
)
def test_are_exit_codes_kept(tmp_path: Path, args: tuple[str, ...], code: int) -> None:
    sample = str(sample_paths()[0])
    filled = [a.format(sample=sample, missing=tmp_path / "missing.json") for a in args]
    done = _installed(*filled)
    assert done.returncode == code, done.stderr
    assert "<finalised>" not in done.stderr
    assert "Traceback" not in done.stderr


def test_does_another_command_exit_as_python_does(tmp_path: Path) -> None:
    done = _installed("--lang", "en", "list", "--workspace", str(tmp_path / "ws"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith("<finalised>")


def test_is_a_quick_exit_only_taken_when_nothing_is_left_to_finalise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for module in ("multiprocessing", "physioreflect.export._pipeline"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setattr(_main, "_command_run", "privacy")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert _main._may_exit_at_once()
    monkeypatch.setattr(_main, "_command_run", None)
    assert _main._may_exit_at_once()
    for command in ("export", "serve", "submit", "trash", "cohort"):
        monkeypatch.setattr(_main, "_command_run", command)
        assert not _main._may_exit_at_once(), command
    monkeypatch.setattr(_main, "_command_run", "validate")
    assert _main._may_exit_at_once()
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # a thread still running
    assert not _main._may_exit_at_once()
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setitem(sys.modules, "multiprocessing", sys)
    assert not _main._may_exit_at_once()
    monkeypatch.delitem(sys.modules, "multiprocessing")
    monkeypatch.setitem(sys.modules, "physioreflect.export._pipeline", sys)
    assert not _main._may_exit_at_once()
