"""Does the cohort overview show a class as a person needs it — every text from the files
escaped, a download that cannot be read said in the page's language — and do its filters
and blind mode reach the table?"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from physioreflect.content import message
from physioreflect.fixtures import HOSTILE_TEXTS, hostile_workbook, sample_workbooks
from physioreflect.model import dump_workbook
from physioreflect.widgets.cohort_view import cohort_app


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _one(root: widgets.Widget, css: str) -> Any:
    found = [w for w in _walk(root) if css in getattr(w, "_dom_classes", ())]
    assert len(found) == 1, css
    return found[0]


@pytest.fixture
def download(tmp_path: Path) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    for index, workbook in enumerate([*sample_workbooks(), hostile_workbook()]):
        (folder / f"{index}.json").write_bytes(dump_workbook(workbook))
    (folder / "half.json").write_text('{"schema_version": ')
    return folder


def test_what_students_typed_is_shown_as_text(
    download: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PHYSIOREFLECT_SUBMISSIONS", str(download))
    root = cohort_app(lang="en")
    table = _one(root, "pr-cohort-table").value
    assert "<img" not in table and "<script" not in table
    assert "&lt;script&gt;" in table
    assert _one(root, "pr-cohort-source").value == str(download)
    problems = _one(root, "pr-cohort-problems").value
    assert "half.json" in problems
    summary = _one(root, "pr-cohort-summary").value
    workbooks = len(sample_workbooks()) + 1
    expected = message(
        "cohort.page.summary",
        "en",
        files=workbooks + 1,
        workbooks=workbooks,
        problems=1,
        shown=workbooks,
    )
    assert expected in summary
    assert HOSTILE_TEXTS  # the hostile workbook is the one above


def test_a_download_that_is_not_there_is_said_in_the_page_language(tmp_path: Path) -> None:
    root = cohort_app(lang="nb", source=str(tmp_path / "mangler.zip"))
    banner = _one(root, "pr-cohort-banner").value
    assert "mangler.zip" in banner and "pr-error" in banner
    assert "Traceback" not in banner
    assert message("cohort.page.nothing_read", "nb") in _one(root, "pr-cohort-summary").value
    _one(root, "pr-cohort-source").value = ""
    _one(root, "pr-cohort-read").click()
    assert message("cohort.page.no_source", "nb") in _one(root, "pr-cohort-banner").value


def test_filters_blind_mode_and_language_reach_the_table(download: Path) -> None:
    root = cohort_app(lang="en", source=str(download))
    before = _one(root, "pr-cohort-table").value
    assert "fysioterapistudent" in before
    _one(root, "pr-cohort-status").value = "approved"
    approved = _one(root, "pr-cohort-table").value
    assert approved.count("pr-cohort-row") < before.count("pr-cohort-row")
    assert "pr-status-draft" not in approved
    _one(root, "pr-cohort-status").value = ""
    _one(root, "pr-cohort-blind").value = True
    blind = _one(root, "pr-cohort-table").value
    assert "fysioterapistudent" not in blind and "S-" in blind
    # A code is one word on screen: it never wraps at its hyphen.
    assert re.search(r"<td class='pr-blind-code'>S-[0-9A-Z]{8}</td>", blind)
    assert "pr-blind-code" not in before
    _one(root, "pr-cohort-search").value = "no such words anywhere"
    assert message("cohort.page.no_rows", "en") in _one(root, "pr-cohort-table").value
    _one(root, "pr-language").value = "nb"
    assert message("cohort.page.no_rows", "nb") in _one(root, "pr-cohort-table").value
    assert _one(root, "pr-cohort-read").description == message("cohort.page.read", "nb")


def test_the_page_address_chooses_the_language(
    download: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PHYSIOREFLECT_LANG", "en")
    monkeypatch.setenv("QUERY_STRING", "lang=nb")
    root = cohort_app(source=str(download))
    assert _one(root, "pr-cohort-read").description == message("cohort.page.read", "nb")
    assert _one(root, "pr-language").value == "nb"
    monkeypatch.setenv("QUERY_STRING", "")
    root = cohort_app(source=str(download))
    assert _one(root, "pr-cohort-read").description == message("cohort.page.read", "en")


def _address(root: widgets.Widget) -> dict[str, str]:
    from urllib.parse import parse_qsl  # noqa: PLC0415

    from physioreflect.widgets.url_state import UrlState  # noqa: PLC0415

    (url,) = [w for w in _walk(root) if isinstance(w, UrlState)]
    return dict(parse_qsl(url.query))


def test_the_filters_are_kept_in_the_page_address(download: Path) -> None:
    root = cohort_app(lang="en", source=str(download))
    assert _address(root) == {"lang": "en"}
    _one(root, "pr-cohort-status").value = "approved"
    _one(root, "pr-cohort-search").value = "kne"
    _one(root, "pr-cohort-sort").value = "complete"
    _one(root, "pr-cohort-descending").value = True
    _one(root, "pr-cohort-blind").value = True
    assert _address(root) == {
        "lang": "en",
        "status": "approved",
        "q": "kne",
        "sort": "complete",
        "desc": "1",
        "blind": "1",
    }


def test_a_reload_shows_the_class_as_it_was_blind_included(
    download: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUERY_STRING", "lang=en&status=approved&blind=1&desc=1&sort=complete")
    root = cohort_app(source=str(download))
    assert _one(root, "pr-cohort-status").value == "approved"
    assert _one(root, "pr-cohort-blind").value is True
    assert _one(root, "pr-cohort-sort").value == "complete"
    table = _one(root, "pr-cohort-table").value
    assert "fysioterapistudent" not in table and "pr-status-draft" not in table
    # What the page does not offer is left out, never an error.
    monkeypatch.setenv("QUERY_STRING", "status=<b>x</b>&sort=__class__&blind=yes")
    root = cohort_app(source=str(download))
    assert _one(root, "pr-cohort-status").value == ""
    assert _one(root, "pr-cohort-sort").value == "student"
    assert _one(root, "pr-cohort-blind").value is False
