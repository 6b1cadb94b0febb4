"""One round of supervision through a shared submissions folder, in real browsers: a student
hands in, the supervisor opens the submission from the class overview, comments beside a
section, scores and returns it; the student sees it come back on Start, reads the comment
beside its section, replies, revises and hands in again; and the class table says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from physioreflect.content import message
from physioreflect.model import Condition, Language, Status, Workbook
from physioreflect.storage import Workspace, submissions_of
from tests.browser.conftest import (
    PAGE_TIMEOUT_MS,
    Guard,
    Server,
    assert_no_tracebacks_of_ours,
    new_page,
    screenshot,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.browser

COMMENT = "Hva svarte hun da du spurte hva hun liker å gjøre?"
REPLY = "Hun sa svømming, men bare i varmtvannsbassenget."


def _workbook() -> Workbook:
    workbook = Workbook.new(
        title="Kasus: skulder og svømming",
        author="Nora Student",
        language=Language.nb,
        condition=Condition.shoulder_pain,
    )
    workbook.case.case_label = "Pasient B"
    workbook.case.likes_to_do = "Svømme og gå tur."
    workbook.case.wants_to_achieve = "Henge opp klær uten smerter."
    return workbook


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server, Path]]:
    base = tmp_path_factory.mktemp("supervision")
    folder = base / "delt" / "innleveringer"
    folder.mkdir(parents=True)
    student_base, supervisor_base = base / "student", base / "veileder"
    student_base.mkdir()
    supervisor_base.mkdir()
    Workspace(student_base / "workspace").create(_workbook())
    student = start_server(student_base, args=("--submissions", str(folder)))
    try:
        supervisor = start_server(
            supervisor_base, args=("--dashboard", "cohort", "--submissions", str(folder))
        )
        try:
            yield student, supervisor, folder
        finally:
            stop_server(supervisor)
            assert_no_tracebacks_of_ours(supervisor.log)
    finally:
        stop_server(student)
        assert_no_tracebacks_of_ours(student.log)


def _open(context: tuple[BrowserContext, Guard], url: str, css: str) -> Page:
    page = new_page(*context)
    page.goto(url, wait_until="commit")
    expect(page.locator(css).first).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    return page


def _hand_in(page: Page) -> None:
    page.locator(".pr-submit").click()
    confirm = page.locator(".pr-privacy-confirm input")
    if confirm.count() and confirm.is_visible():
        confirm.check()
    page.locator(".pr-submit-confirm").click()
    expect(page.locator(".pr-banner")).to_contain_text(
        message("summary.submitted", "nb"), timeout=PAGE_TIMEOUT_MS
    )


def _review_and_return(page: Page, title: str) -> None:
    option = page.locator(".pr-cohort-open-choice select option", has_text=title)
    expect(option.first).to_be_attached(timeout=PAGE_TIMEOUT_MS)
    page.locator(".pr-cohort-open-choice select").select_option(label=option.first.inner_text())
    page.locator("button.pr-cohort-open").click()
    expect(page.locator(".pr-review")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    name = page.locator(".pr-review-reviewer input")
    name.fill("Vera Veileder")
    name.press("Tab")
    case = page.locator(".pr-review-section-case")
    case.locator(".pr-review-comment-text textarea").fill(COMMENT)
    case.locator("button.pr-review-comment-add").click()
    expect(case.locator(".pr-comment", has_text=COMMENT)).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    page.locator(".pr-review-score select").first.select_option(index=2)
    feedback = page.locator(".pr-review-feedback textarea")
    feedback.fill("Godt begynt. Spør mer om hva hun liker.")
    feedback.press("Tab")
    page.locator(".pr-review-decision button", has_text="Send tilbake for mer arbeid").click()
    page.locator("button.pr-review-release").click()
    # The review panel scrolls on its own beside the text; the question is at its foot.
    confirm = page.locator("button.pr-review-release-confirm")
    expect(confirm).to_be_visible()
    page.locator(".pr-review-panel").evaluate("panel => { panel.scrollTop = panel.scrollHeight; }")
    confirm.click()
    expect(page.locator(".pr-review-state")).to_contain_text(
        "Sendt til studenten", timeout=PAGE_TIMEOUT_MS
    )
    page.locator("button.pr-review-back").click()


def test_one_round_of_supervision_through_the_shared_folder(
    context: tuple[BrowserContext, Guard], servers: tuple[Server, Server, Path]
) -> None:
    student_server, supervisor_server, folder = servers
    workbook = _workbook()
    [summary] = [s for s in student_server.open_workspace().list_workbooks() if not s.is_example]
    workbook_id = summary.id

    # The student hands in.
    student = _open(
        context, f"{student_server.url}?workbook={workbook_id}&step=summary&lang=nb", ".pr-app"
    )
    _hand_in(student)
    [first] = submissions_of(folder, workbook_id)

    # The supervisor returns it from the class overview.
    supervisor = _open(context, supervisor_server.url + "?lang=nb", ".pr-cohort")
    _review_and_return(supervisor, workbook.meta.title)
    row = supervisor.locator(".pr-cohort-table tr.pr-cohort-row", has_text=workbook.meta.title)
    expect(row).to_contain_text("Sendt til studenten", timeout=PAGE_TIMEOUT_MS)
    assert submissions_of(folder, workbook_id)[0].returned is not None

    # The student sees it waiting on Start and brings it home.
    student.goto(f"{student_server.url}?lang=nb", wait_until="commit")
    waiting = student.locator(".pr-returned-row", has_text=workbook.meta.title)
    expect(waiting).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    screenshot(student, "supervision-start-returned")
    waiting.locator("button.pr-returned-open").click()
    expect(student.locator(".pr-review-banner")).to_contain_text(
        "Godt begynt", timeout=PAGE_TIMEOUT_MS
    )
    home = student_server.open_workspace().open(workbook_id)
    assert home.meta.status is Status.returned

    # Beside its section: the comment, a reply, and a revision of the text it was about.
    student.goto(
        f"{student_server.url}?workbook={workbook_id}&step=case&lang=nb", wait_until="commit"
    )
    thread = student.locator(".pr-case .pr-comment-thread").filter(has_text=COMMENT)
    expect(thread).to_have_count(1, timeout=PAGE_TIMEOUT_MS)
    thread.locator(".pr-comment-reply-text textarea").fill(REPLY)
    thread.locator(".pr-comment-reply-send").click()
    expect(thread.locator(".pr-comment-reply")).to_contain_text(REPLY)
    likes = student.locator(".pr-likes textarea")
    likes.fill("Svømme i varmtvannsbasseng og gå tur.")
    likes.press("Tab")
    screenshot(student, "supervision-student-case")

    # Handed in again: a second copy beside the first, which stays as it was.
    student.goto(
        f"{student_server.url}?workbook={workbook_id}&step=summary&lang=nb", wait_until="commit"
    )
    expect(student.locator(".pr-submit")).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    _hand_in(student)
    copies = submissions_of(folder, workbook_id)
    assert len(copies) == 2
    assert copies[0].path == first.path and copies[0].returned is not None

    # The class table, read again, shows the new hand-in waiting beside the returned one.
    supervisor.locator("button.pr-cohort-read").click()
    rows = supervisor.locator(".pr-cohort-table tr.pr-cohort-row", has_text=workbook.meta.title)
    expect(rows).to_have_count(2, timeout=PAGE_TIMEOUT_MS)
    # Each copy is frozen as handed in ("Levert"); the review column tells them apart.
    expect(rows.filter(has_text="Sendt til studenten")).to_have_count(1)
    waiting = rows.filter(has_not_text="Sendt til studenten")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("Levert")
    screenshot(supervisor, "supervision-cohort-after-resubmission")
