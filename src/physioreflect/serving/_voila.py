"""Voila on our notebooks: the command line, the environment, and a server ready to start."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from physioreflect.serving._process import ServerProcess, free_port
from physioreflect.storage import ENV_VAR

__all__ = [
    "CONFIG_DIR",
    "TEMPLATE",
    "TOKEN_ENV_VAR",
    "voila_command",
    "voila_environment",
    "voila_server",
]

_JUPYTER: Final = Path(__file__).resolve().parents[1] / "jupyter"
TEMPLATE: Final = "physioreflect"
TOKEN_ENV_VAR: Final = "PHYSIOREFLECT_TOKEN"  # noqa: S105 - the variable's name, not a token
"""The token a page must give, when one is required; read by ``voila.py`` (and removed from
the environment there, so that no kernel inherits it)."""
CONFIG_DIR: Final = _JUPYTER / "config"
"""voila.json: tornado's websocket message limit raised to 32 MiB, above the upload limit
(8 MiB), so a too-large file gets a message instead of a silently dropped connection; no
files served. voila.py: what only Python can say (see :mod:`physioreflect.serving._in_voila`):
kernels released when their page goes, the page's XSRF cookie, the page's own texts."""


def voila_command(
    notebook: Path,
    *,
    host: str,
    port: int,
    ours: bool = True,
    preheat: bool = False,
) -> list[str]:
    """The Voila command line. ``ours``: sources stripped, no tracebacks on the page, our
    template and settings only, idle kernels culled after 30 minutes (a page that went away
    without saying so, e.g. a laptop closed for the night). Without ``ours``: Voila's
    defaults, the baseline for benchmarks."""
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--port={port}",
        "--Voila.port_retries=0",
    ]
    if ours:
        command += [
            "--strip_sources=True",
            "--show_tracebacks=False",
            f"--template={TEMPLATE}",
            # Only our own settings: the machine's Jupyter config does not change the app.
            f"--Voila.config_file_paths={CONFIG_DIR}",
            "--MappingKernelManager.cull_idle_timeout=1800",
            "--MappingKernelManager.cull_interval=300",
            "--MappingKernelManager.cull_connected=False",
        ]
    if preheat:
        command.append("--preheat_kernel=True")
    return command


def voila_environment(
    base: Mapping[str, str] | None = None,
    *,
    workspace: Path,
    lang: str,
    prompts: Path | None = None,
    token: str | None = None,
    rubric: Path | None = None,
) -> dict[str, str]:
    """The server's environment (its kernels inherit it, the token excepted): the workspace,
    the default language, the course's prompt set and rubric, the token a page must give (if
    any), and where Voila finds our template, also when the package was installed without its
    shared data (e.g. an editable install)."""
    env = dict(os.environ if base is None else base)
    env.pop(TOKEN_ENV_VAR, None)
    if token is not None:
        env[TOKEN_ENV_VAR] = token
    env[ENV_VAR] = str(workspace)
    env["PHYSIOREFLECT_LANG"] = lang
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(_JUPYTER), env.get("JUPYTER_PATH")]))
    if prompts is not None:
        env["PHYSIOREFLECT_PROMPTS"] = str(prompts.absolute())
    env.pop("PHYSIOREFLECT_RUBRIC", None)
    if rubric is not None:
        env["PHYSIOREFLECT_RUBRIC"] = str(rubric.absolute())
    return env


def voila_server(
    notebook: Path,
    *,
    env: Mapping[str, str],
    host: str = "127.0.0.1",
    port: int = 0,
    log: Path | None = None,
    ours: bool = True,
    preheat: bool = False,
    extra: Sequence[str] = (),
) -> ServerProcess:
    """Voila on ``notebook``, not started yet (``port`` 0: a free one)."""
    port = port or free_port(host)
    command = voila_command(notebook, host=host, port=port, ours=ours, preheat=preheat)
    return ServerProcess([*command, *extra], url=f"http://{host}:{port}/", env=env, log=log)
