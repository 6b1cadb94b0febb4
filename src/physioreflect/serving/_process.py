"""A server started as a subprocess: a free port, polled until it answers, its log kept, and
always stopped, with every process it started (Voila's kernels included)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Final, Self

__all__ = ["ServerDidNotStart", "ServerProcess", "free_port", "server_answers"]

_POLL_SECONDS: Final = 0.2
_PROC: Final = Path("/proc")


class ServerDidNotStart(RuntimeError):
    """The server exited, or did not answer in time; ``log`` holds what it wrote."""

    def __init__(self, detail: str, log: str) -> None:
        super().__init__(detail)
        self.detail = detail
        self.log = log


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (the server binds it a moment later)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def server_answers(url: str) -> bool:
    """Whether a server answers at ``url``. A HEAD request: a GET of the page would make
    Voila start a kernel and run the notebook just to say it is up."""
    request = urllib.request.Request(url, method="HEAD")  # noqa: S310 - our own loopback URL
    try:
        with urllib.request.urlopen(request, timeout=2):  # noqa: S310
            return True
    except urllib.error.HTTPError:
        return True  # an HTTP answer (e.g. 405 for HEAD) means the server is up
    except (urllib.error.URLError, OSError):
        return False


class ServerProcess:
    """Start ``command`` and wait until ``url`` answers; stop it (and what it started) when
    done. Use it as a context manager so the server never outlives its user::

        with ServerProcess(command, url=url, log=tmp / "server.log") as server:
            ...  # server.url answers here

    ``log`` is a file for the server's output (stdout and stderr), read back by
    :meth:`log_text` and put into :class:`ServerDidNotStart`; without it the server writes to
    our own stdout and stderr (``physioreflect serve`` in a terminal).

    The server runs in a session of its own, so a Ctrl+C in the terminal reaches only us and
    we stop it in order: SIGTERM first (Voila then shuts its kernels down), SIGKILL if it
    does not go in time, and finally any process it started that is still running (a kernel
    left behind by a killed Voila).
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        url: str,
        env: Mapping[str, str] | None = None,
        log: Path | None = None,
        startup_timeout: float = 120.0,
        stop_timeout: float = 30.0,
    ) -> None:
        self.command = list(command)
        self.url = url
        self.env = dict(env) if env is not None else None
        self.log = log
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self.forced = False
        """Whether :meth:`stop` had to kill the server (it did not stop on SIGTERM)."""
        self._process: subprocess.Popen[bytes] | None = None
        self._descendants: dict[int, bytes] = {}

    # ── lifecycle ──────────────────────────────────────────────────────────────────────────
    def start(self) -> None:
        """Start the server and return once it answers; raise :class:`ServerDidNotStart`
        (after stopping it) when it exits first or does not answer in time."""
        out: IO[bytes] | None = None
        if self.log is not None:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            out = self.log.open("ab")
        try:
            self._process = subprocess.Popen(
                self.command,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT if out is not None else None,
                start_new_session=True,
            )
        finally:
            if out is not None:
                out.close()  # the child has its own copy of the descriptor
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise

    def _wait_until_up(self) -> None:
        process = self._require()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServerDidNotStart(f"exit {process.returncode}", self.log_text())
            if server_answers(self.url):
                return
            time.sleep(_POLL_SECONDS)  # polling while the server starts
        raise ServerDidNotStart(
            f"no answer at {self.url} within {self.startup_timeout:.0f} s", self.log_text()
        )

    def wait(self) -> int:
        """Block until the server exits by itself; its exit code."""
        return self._require().wait()

    def stop(self) -> int:
        """Stop the server and everything it started; its exit code. Safe to call twice."""
        process = self._process
        if process is None:
            return 0
        if process.poll() is None:
            self._descendants |= _with_cmdlines(_descendants(process.pid))
            process.terminate()
            try:
                process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.forced = True
                _signal_group(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        _signal_group(process.pid, signal.SIGTERM)  # helpers still in its session
        _stop_processes(self._descendants)
        self._descendants.clear()
        return process.returncode

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # ── what it is doing ───────────────────────────────────────────────────────────────────
    @property
    def pid(self) -> int:
        return self._require().pid

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def log_text(self) -> str:
        """What the server wrote so far ("" when it writes to our own terminal)."""
        if self.log is None or not self.log.exists():
            return ""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kernel_pids(self) -> set[int]:
        """The Jupyter kernels the server runs now (processes below it running ipykernel);
        remembered, so :meth:`stop` ends any that outlive the server."""
        found = {pid for pid in _descendants(self._require().pid) if b"ipykernel" in _cmdline(pid)}
        self._descendants |= _with_cmdlines(found)
        return found

    def _require(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            msg = "the server has not been started"
            raise RuntimeError(msg)
        return self._process


# ── processes (Linux /proc; elsewhere the process group and Voila's own shutdown suffice) ──
def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    if not _PROC.is_dir():
        return children
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # "pid (name) state ppid ...": the name may hold spaces and parentheses.
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _descendants(pid: int) -> set[int]:
    children = _children_by_parent()
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return (_PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""


def _with_cmdlines(pids: set[int]) -> dict[int, bytes]:
    return {pid: _cmdline(pid) for pid in pids}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def _stop_processes(pids: Mapping[int, bytes], *, grace: float = 5.0) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds, to those of ``pids`` still running
    the same command line (a pid freed meanwhile may belong to someone else now)."""
    left = {pid for pid, cmdline in pids.items() if _alive(pid) and _cmdline(pid) == cmdline}
    for pid in left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = {pid for pid in left if _alive(pid)}
    for pid in left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
