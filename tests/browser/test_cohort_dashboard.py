"""The cohort overview as a supervisor uses it: `serve --dashboard cohort --submissions DIR`,
the class's table and charts, a filter, blind mode, the CSV download and a file that could
not be read, in a real browser."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from physioreflect.content import message
from physioreflect.fixtures import hostile_workbook, sample_workbooks, synthetic_workbooks
from physioreflect.model import dump_workbook
from tests.browser.conftest import (
    PAGE_TIMEOUT_MS,
    Guard,
    assert_no_tracebacks_of_ours,
    new_page,
    screenshot,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cohort_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    base = tmp_path_factory.mktemp("cohort")
    submissions = base / "Emne FYS2100 – innleveringer"
    submissions.mkdir()
    workbooks = [*sample_workbooks(), *synthetic_workbooks(24, seed=7), hostile_workbook()]
    for index, workbook in enumerate(workbooks):
        (submissions / f"{index:03}_{workbook.meta.author}.json").write_bytes(
            dump_workbook(workbook)
        )
    (submissions / "zz_cut_off.json").write_bytes(dump_workbook(workbooks[0])[:300])
    server = start_server(
        base, lang="en", args=("--dashboard", "cohort", "--submissions", str(submissions))
    )
    try:
        yield server.url, len(workbooks)
    finally:
        stop_server(server)
        assert_no_tracebacks_of_ours(server.log)


@pytest.fixture
def cohort_page(context: tuple[BrowserContext, Guard], cohort_server: tuple[str, int]) -> Page:
    browser_context, guard = context
    page = new_page(browser_context, guard)
    page.goto(cohort_server[0] + "?lang=en", wait_until="commit")
    expect(page.locator(".pr-cohort")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    return page


def test_a_supervisor_sees_the_class_filters_it_and_downloads_it(
    cohort_page: Page, cohort_server: tuple[str, int]
) -> None:
    page = cohort_page
    count = cohort_server[1]
    rows = page.locator(".pr-cohort-table tr.pr-cohort-row")
    expect(rows).to_have_count(count)
    expect(page.locator(".pr-cohort-summary")).to_contain_text(
        message(
            "cohort.page.summary", "en", files=count + 1, workbooks=count, problems=1, shown=count
        )
    )
    expect(page.locator(".pr-cohort-problem")).to_contain_text("zz_cut_off.json")
    # What students typed is text: the hostile workbook's title shows as typed, nothing ran.
    expect(page.locator(".pr-cohort-table")).to_contain_text("<script>")
    assert page.evaluate("() => window.__pr_xss") is None
    for name in ("status", "completeness", "barriers", "rubric"):
        expect(page.locator(f".pr-class-{name}-chart .js-plotly-plot").first).to_be_visible(
            timeout=PAGE_TIMEOUT_MS
        )
    screenshot(page, "cohort-en")

    page.locator(".pr-cohort-status select").select_option(label="Approved")
    expect(page.locator(".pr-cohort-table tr.pr-status-draft")).to_have_count(0)
    approved = rows.count()
    assert 0 < approved < count
    expect(page.locator(".pr-cohort-table tr:not(.pr-status-approved)")).to_have_count(1)
    with page.expect_download() as download_info:
        page.locator(".pr-cohort-csv").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    path = download.path()
    table = list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
    assert len(table) == approved + 1, "the download holds the rows shown"

    page.locator(".pr-cohort-status select").select_option(label="All")
    expect(rows).to_have_count(count)
    page.locator(".pr-cohort-blind input").check()
    expect(page.locator(".pr-cohort-table")).not_to_contain_text("fysioterapistudent")
    expect(page.locator(".pr-cohort-table")).to_contain_text("S-")

    page.locator(".pr-language button", has_text="Bokmål").click()
    expect(page.locator(".pr-cohort-title")).to_have_text(message("cohort.page.title", "nb"))
    expect(page.locator(".pr-cohort-read")).to_have_text(message("cohort.page.read", "nb"))
    screenshot(page, "cohort-nb-blind")

    # A reload shows the class as it was: the filter and blind mode are in the address.
    page.locator(".pr-cohort-status select").select_option(label=message("status.approved", "nb"))
    page.wait_for_url(re.compile(r"status=approved"))
    assert re.search(r"[?&]blind=1", page.url) and re.search(r"[?&]lang=nb", page.url)
    page.reload()
    expect(page.locator(".pr-cohort-table tr.pr-cohort-row").first).to_be_visible(timeout=120_000)
    expect(page.locator(".pr-cohort-table")).not_to_contain_text("fysioterapistudent")
    expect(page.locator(".pr-cohort-table tr:not(.pr-status-approved)")).to_have_count(1)
    expect(page.locator(".pr-cohort-blind input")).to_be_checked()


def test_a_download_that_cannot_be_read_is_said_and_another_can_be_read(
    cohort_page: Page, tmp_path: Path
) -> None:
    page = cohort_page
    source = page.locator(".pr-cohort-source input")
    source.fill(str(tmp_path / "not-there.zip"))
    page.locator(".pr-cohort-read").click()
    expect(page.locator(".pr-cohort-banner .pr-error")).to_contain_text("not-there.zip")
    expect(page.locator(".pr-cohort-table tr.pr-cohort-row").first).to_be_visible()
    other = tmp_path / "other"
    other.mkdir()
    (other / "one.json").write_bytes(dump_workbook(sample_workbooks()[0]))
    source.fill(str(other))
    page.locator(".pr-cohort-read").click()
    expect(page.locator(".pr-cohort-table tr.pr-cohort-row")).to_have_count(1)
    expect(page.locator(".pr-cohort-banner .pr-error")).to_have_count(0)
