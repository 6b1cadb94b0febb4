"""Do pyproject.toml and environment.yml list the same dependencies?"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

# PyPI name → conda-forge name where they differ.
CONDA_NAMES = {"pyyaml": "pyyaml", "playwright": "playwright", "types-pyyaml": "types-pyyaml"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].strip().lower()


def test_same_dependencies_in_both_files() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for r in project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)}
    conda.discard("python")
    conda.discard("pip")
    extra_pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    for block in extra_pip:
        conda |= {_name(r) for r in block.get("pip", []) if not r.startswith("-e")}
    assert {CONDA_NAMES.get(n, n) for n in pip_names} == conda


def test_python_version_agrees() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert project["requires-python"] == ">=3.11"
    assert python == "python>=3.11"
