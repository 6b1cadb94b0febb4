"""Does the wheel carry everything `physioreflect serve` needs outside a checkout?"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_ships_notebooks_template_content_and_examples(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("physioreflect-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        "physioreflect/workbooks/reflection.ipynb",
        "physioreflect/workbooks/cohort.ipynb",
        "physioreflect/workbooks/review.ipynb",
        "physioreflect/jupyter/voila/templates/physioreflect/index.html.j2",
        "physioreflect/jupyter/voila/templates/physioreflect/static/physioreflect.css",
        "physioreflect/jupyter/voila/templates/physioreflect/static/physioreflect-connection.js",
        "physioreflect/jupyter/config/voila.json",
        "physioreflect/jupyter/config/voila.py",
        "physioreflect/content/data/ui.yaml",
        "physioreflect/content/data/barriers.yaml",
        "physioreflect/schema/workbook.v1.json",
        "physioreflect/py.typed",
    ]
    missing = [name for name in expected if name not in names]
    assert not missing
    examples = [n for n in names if n.startswith("physioreflect/sample_data/")]
    assert len(examples) == len(list((ROOT / "sample_data").glob("*.json")))
    assert any(n.endswith("share/jupyter/voila/templates/physioreflect/conf.json") for n in names)
