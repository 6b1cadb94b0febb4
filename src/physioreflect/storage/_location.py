"""Where the workspace is when nobody says: ``--workspace``, then ``PHYSIOREFLECT_WORKSPACE``,
then the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["ENV_VAR", "default_workspace_path"]

ENV_VAR = "PHYSIOREFLECT_WORKSPACE"


def default_workspace_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return platformdirs.user_data_path("physioreflect", appauthor=False) / "workspace"
