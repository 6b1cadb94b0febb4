from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Workbook
from physioreflect.storage import Workspace


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
