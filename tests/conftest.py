from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Workbook
from physioreflect.storage import Workspace

# Property tests judge what the code does, never how fast: on a shared 2-core machine the
# time to draw a whole workbook varies tenfold, so neither a deadline nor the "too slow to
# generate" check may fail a test.
settings.register_profile(
    "physioreflect", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("physioreflect")


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "ws")


@pytest.fixture(scope="session")
def samples() -> list[Workbook]:
    return sample_workbooks()


@pytest.fixture(autouse=True)
def _no_environment_leaks() -> Iterator[None]:
    """Does a test leave an environment variable changed behind it?"""
    before = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    yield
    after = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    assert before == after, "a test changed os.environ without monkeypatch"
