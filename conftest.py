"""Session-wide isolation: nothing a test or a notebook kernel does touches the real home.

Notebook kernels (nbval) inherit this process's environment, so the workspace they list is a
temporary one seeded with the examples, never the user's.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    base = Path(tempfile.mkdtemp(prefix="physioreflect-tests-"))
    config.stash[_BASE] = base
    os.environ["XDG_DATA_HOME"] = str(base / "data")
    os.environ["XDG_STATE_HOME"] = str(base / "state")
    os.environ["XDG_CACHE_HOME"] = str(base / "cache")
    os.environ["PHYSIOREFLECT_WORKSPACE"] = str(base / "workspace")
    os.environ["PHYSIOREFLECT_LANG"] = "en"


_BASE = pytest.StashKey[Path]()
