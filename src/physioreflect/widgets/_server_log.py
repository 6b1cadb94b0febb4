"""Our log lines go to the Voila server's log, never to the page."""

from __future__ import annotations

import logging
import sys

__all__ = ["log_to_server"]


class _ServerLogHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the kernel process's own stderr, which Voila's server log shows. In a
    kernel, ``sys.stderr`` is the page: a traceback must never end up there."""

    def __init__(self) -> None:
        super().__init__(sys.__stderr__)
        self.setFormatter(logging.Formatter("[physioreflect] %(levelname)s %(name)s: %(message)s"))


def log_to_server() -> None:
    logger = logging.getLogger("physioreflect")
    if not any(isinstance(h, _ServerLogHandler) for h in logger.handlers):
        logger.addHandler(_ServerLogHandler())
        logger.setLevel(logging.INFO)
        logger.propagate = False
