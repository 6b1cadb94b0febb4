"""Starting and stopping servers: Voila on our notebooks for ``physioreflect serve``, the
browser tests and the benchmarks alike.

Nothing here imports widgets or Jupyter's server; what runs inside Voila lives in
:mod:`physioreflect.serving._in_voila`, loaded by Voila itself.
"""

from __future__ import annotations

from physioreflect.serving._process import (
    ServerDidNotStart,
    ServerProcess,
    free_port,
    server_answers,
)
from physioreflect.serving._voila import (
    CONFIG_DIR,
    TEMPLATE,
    TOKEN_ENV_VAR,
    voila_command,
    voila_environment,
    voila_server,
)

__all__ = [
    "CONFIG_DIR",
    "TEMPLATE",
    "TOKEN_ENV_VAR",
    "ServerDidNotStart",
    "ServerProcess",
    "free_port",
    "server_answers",
    "voila_command",
    "voila_environment",
    "voila_server",
]
