"""The ``physioreflect`` command line."""

from __future__ import annotations

from physioreflect.cli._main import cli, main, run

__all__ = ["cli", "main", "run"]
