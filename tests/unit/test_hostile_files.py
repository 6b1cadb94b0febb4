"""Do malformed, truncated, deeply nested, huge, wrongly typed and future-versioned files get a
clear error at every entry point — never a crash, never a partial write?"""

from __future__ import annotations

import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout, suppress
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from physioreflect.app import ManualScheduler
from physioreflect.cli import main
from physioreflect.errors import PhysioreflectError
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import CURRENT_SCHEMA_VERSION, dump_workbook, parse_workbook
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp
from physioreflect.widgets.sections.start import StartView

GOOD = dump_workbook(sample_workbooks()[0])
GOOD_DATA: dict[str, Any] = json.loads(GOOD)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=25,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


PATHS = _paths(GOOD_DATA)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real workbook with one part replaced by a value of any type."""
    data = json.loads(GOOD)
    path = draw(st.sampled_from(PATHS))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = draw(json_values)
    return json.dumps(data, ensure_ascii=False).encode()


hostile_bytes = st.one_of(
    st.binary(max_size=2000),
    st.integers(0, len(GOOD)).map(lambda n: GOOD[:n]),
    mutated(),
    st.integers(1, 50_000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(1, 50_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    st.integers(CURRENT_SCHEMA_VERSION + 1, 10**6).map(
        lambda v: GOOD.replace(
            f'"schema_version": {CURRENT_SCHEMA_VERSION}'.encode(),
            f'"schema_version": {v}'.encode(),
        )
    ),
    st.text(max_size=500).map(str.encode),
    json_values.map(lambda v: json.dumps(v).encode()),
)


def run_cli(*args: str) -> tuple[int, str]:
    """The real entry point, in process: exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), pytest.raises(SystemExit) as exited:
        main(list(args))
    code = exited.value.code
    return (code if isinstance(code, int) else 1), out.getvalue() + err.getvalue()


SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and "index.json" not in p.name
    }


@given(hostile_bytes)
@SETTINGS
def test_parse_never_crashes(data: bytes) -> None:
    try:
        parse_workbook(data, source="x.json")
    except PhysioreflectError:
        return


@given(data=hostile_bytes)
@SETTINGS
def test_open_from_the_workspace(tmp_path: Path, data: bytes) -> None:
    workspace = Workspace(Path(tempfile.mkdtemp(dir=tmp_path)))
    victim = workspace.import_workbook(sample_workbooks()[0])
    path = workspace.path_of(victim.meta.id)
    path.write_bytes(data)
    before = _snapshot(workspace.root)
    with suppress(PhysioreflectError):
        workspace.open(victim.meta.id)
    listed = workspace.list_workbooks()
    assert [s.id for s in listed] == [str(victim.meta.id)]
    assert _snapshot(workspace.root) == before


@given(data=hostile_bytes)
@SETTINGS
def test_upload(tmp_path: Path, data: bytes) -> None:
    workspace = Workspace(Path(tempfile.mkdtemp(dir=tmp_path)))
    app = ReflectionApp(workspace=workspace, lang="nb", scheduler=ManualScheduler())
    view = app.current_view
    assert isinstance(view, StartView)
    before = _snapshot(workspace.root)
    with redirect_stdout(io.StringIO()):
        view._uploaded("upload.json", data)
    try:
        parse_workbook(data)
    except PhysioreflectError:
        assert "pr-error" in view.upload_result.value
        assert _snapshot(workspace.root) == before
    else:  # a valid workbook is imported and opened, never over another one
        assert len(workspace.list_workbooks()) == 1


@given(data=hostile_bytes)
@SETTINGS
def test_validate_command(tmp_path: Path, data: bytes) -> None:
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "file.json"
    path.write_bytes(data)
    code, output = run_cli("--lang", "en", "validate", str(path))
    assert code in (0, 1)
    assert "Traceback" not in output
    assert output.strip()


@pytest.mark.parametrize("size", [0, 1, 16 * 1024 * 1024 + 1])
def test_sizes_at_the_edges(tmp_path: Path, size: int) -> None:
    path = tmp_path / "edge.json"
    with path.open("wb") as handle:
        handle.truncate(size)
    code, output = run_cli("--lang", "en", "validate", str(path))
    assert code == 1
    assert "Traceback" not in output


@given(data=hostile_bytes)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_export_command(tmp_path: Path, data: bytes) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source = folder / "in.json"
    source.write_bytes(data)
    target = folder / "out.pdf"
    code, output = run_cli("--lang", "en", "export", str(source), "-o", str(target))
    assert "Traceback" not in output
    try:
        parse_workbook(data)
    except PhysioreflectError:
        assert code == 1
        assert not target.exists(), "nothing is written for an invalid file"
        assert output.strip()
    else:
        assert code == 0
        assert target.read_bytes().startswith(b"%PDF-")
