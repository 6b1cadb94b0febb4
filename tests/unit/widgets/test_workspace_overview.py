"""Does the workspace overview show every workbook, escape what users typed, and report
damaged files instead of failing?"""

from __future__ import annotations

import uuid

from physioreflect.storage import Workspace
from physioreflect.widgets import workspace_overview
from tests.strategies import new_workbook


def test_titles_are_escaped(workspace: Workspace) -> None:
    workspace.create(new_workbook("<script>alert('x')</script> & «kne»"))
    html = workspace_overview(workspace=workspace, lang="en").value
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; «kne»" in html
    assert "Draft" in html


def test_damaged_file_is_a_row_not_an_error(workspace: Workspace) -> None:
    workspace.create(new_workbook("Fine"))
    (workspace.root / f"{uuid.uuid4()}.json").write_bytes(b"\x00\x01")
    html = workspace_overview(workspace=workspace, lang="nb").value
    assert "Fine" in html
    assert "Kan ikke åpnes: Fila er ikke tekst" in html


def test_empty_workspace_says_so(workspace: Workspace) -> None:
    html = workspace_overview(workspace=workspace, lang="nb").value
    assert "Arbeidsområdet er tomt." in html
