"""Is a workbook file always whole when the saving process is killed at a random moment?"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from physioreflect.model import parse_workbook
from physioreflect.storage import Workspace
from tests.strategies import new_workbook

KILLS = 100


def _save_forever(root: Path, workbook_id: str, progress: int) -> None:
    """Child process: save over and over, reporting each revision that is on disk."""
    workspace = Workspace(root)
    workbook = workspace.open(workbook_id)
    while True:
        text = f"revision {workbook.meta.revision + 1} " + "ø" * 3000
        reflection = workbook.reflection.model_copy(update={"what": text})
        workbook = workspace.save(workbook.model_copy(update={"reflection": reflection}))
        os.write(progress, f"{workbook.meta.revision}\n".encode())


def _kill_during_saves(root: Path, workbook_id: str, rng: random.Random) -> int:
    """Run a saving child, kill -9 it after a random time; return the last revision it
    reported as saved."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.close(read_end)
        try:
            _save_forever(root, workbook_id, write_end)
        finally:
            os._exit(0)
    os.close(write_end)
    reported = b""
    deadline = time.monotonic() + rng.uniform(0.002, 0.12)
    while (remaining := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([read_end], [], [], remaining)
        if ready:
            reported += os.read(read_end, 65536)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    reported += _drain(read_end)
    os.close(read_end)
    lines = reported.decode().split()
    return int(lines[-1]) if lines else 0


def _drain(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to kill a saving process")
def test_kill_9_mid_save_never_corrupts(tmp_path: Path) -> None:
    rng = random.Random(20261126)
    workspace = Workspace(tmp_path / "ws")
    workbook = workspace.create(new_workbook("Crash test"))
    workbook_id = str(workbook.meta.id)
    path = workspace.path_of(workbook_id)
    last_seen = 1
    for _ in range(KILLS):
        reported = _kill_during_saves(workspace.root, workbook_id, rng)
        on_disk = parse_workbook(path.read_bytes())  # never half a file
        revision = on_disk.meta.revision
        # The newest save the child reported, or the one it finished but could not report.
        lower = reported or last_seen
        assert lower <= revision <= lower + 1, (reported, last_seen, revision)
        if revision > 1:
            assert on_disk.reflection.what.startswith(f"revision {revision} ")
        last_seen = revision
        # The workspace keeps working after every crash: it lists, and a new save goes through.
        assert workspace.list_workbooks()[0].revision == revision
    assert last_seen > KILLS, "the child should have saved many times"
    saved = Workspace(workspace.root).save(workspace.open(workbook_id))
    assert saved.meta.revision == last_seen + 1
