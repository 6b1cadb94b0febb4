"""Starting Voila on the bundled notebooks, bound to loopback, with safe settings."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from pathlib import Path
from typing import Final

import click

from physioreflect._paths import bundled_folder
from physioreflect.content import message
from physioreflect.storage import ENV_VAR

__all__ = ["run_voila", "voila_arguments"]

NOTEBOOK: Final = "reflection.ipynb"
TEMPLATE: Final = "physioreflect"
CONFIG_DIR: Final = Path(__file__).resolve().parents[1] / "jupyter" / "config"
"""voila.json: tornado's websocket message limit raised to 32 MiB, above the upload limit
(8 MiB), so a too-large file gets a message instead of a silently dropped connection."""
_STARTUP_SECONDS: Final = 120.0


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def voila_arguments(notebook: Path, *, host: str, port: int) -> list[str]:
    """The Voila command line: sources stripped, no tracebacks on the page, idle kernels
    culled (Voila does not shut a kernel down when its tab closes)."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--template={TEMPLATE}",
        # Only our own settings file: the machine's Jupyter config does not change the app.
        f"--Voila.config_file_paths={CONFIG_DIR}",
        "--MappingKernelManager.cull_idle_timeout=1800",
        "--MappingKernelManager.cull_interval=300",
        "--MappingKernelManager.cull_connected=False",
    ]


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


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if server_answers(url):
            return True
        time.sleep(0.25)
    return False


def run_voila(
    *,
    workspace: Path,
    prompts: Path | None,
    host: str,
    port: int,
    open_browser: bool,
    lang: str,
) -> int:
    notebook = bundled_folder("workbooks") / NOTEBOOK
    port = port or _free_port(host)
    env = dict(os.environ, **{ENV_VAR: str(workspace), "PHYSIOREFLECT_LANG": lang})
    # Voila finds the physioreflect template here, also when the package was installed
    # without its shared data (e.g. an editable install).
    template_root = str(Path(__file__).resolve().parents[1] / "jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [template_root, env.get("JUPYTER_PATH")]))
    if prompts is not None:
        env["PHYSIOREFLECT_PROMPTS"] = str(prompts.absolute())
    process = subprocess.Popen(voila_arguments(notebook, host=host, port=port), env=env)

    def stop(_signal: int, _frame: object) -> None:
        # Without this, a terminated `serve` would leave Voila and its kernels running.
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    url = f"http://{host}:{port}/"
    try:
        if not _wait_until_up(url, process):
            process.terminate()
            detail = f"exit {process.wait(timeout=10)}"
            raise click.ClickException(message("cli.serve_failed", lang, detail=detail))
        click.echo(message("cli.serving", lang, url=url))
        if open_browser:
            webbrowser.open(url)
        return process.wait()
    except KeyboardInterrupt:
        return _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> int:
    """Stop Voila, which shuts its kernels down; kill it if it does not go in time."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    return 0
