"""A supervisor's review in a real browser: open a submission from the class overview, type a
name once, comment beside a barrier, score, write feedback, return it for revision, and see
the class table say so; and the review opened straight from its address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from physioreflect.app import ReviewSession
from physioreflect.fixtures import COURSE_RUBRIC, sample_workbooks
from physioreflect.model import (
    Decision,
    Review,
    Section,
    Status,
    Workbook,
    dump_workbook,
    parse_workbook,
    with_status,
)
from tests.browser.conftest import (
    PAGE_TIMEOUT_MS,
    Guard,
    assert_no_tracebacks_of_ours,
    new_page,
    screenshot,
    screenshot_path,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.browser


def _submitted(workbook: Workbook) -> Workbook:
    draft = workbook.model_copy(
        update={"meta": workbook.meta.model_copy(update={"status": Status.draft})}
    )
    return with_status(draft, Status.submitted)


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review") / "FYS2100 innleveringer"
    folder.mkdir()
    for index, workbook in enumerate(sample_workbooks()):
        name = f"{index:02}_{workbook.meta.author or 'student'}.json".replace(" ", "_")
        (folder / name).write_bytes(dump_workbook(_submitted(workbook)))
    _second_round(folder / "runde2.json")
    return folder


def _second_round(path: Path) -> None:
    """A submission reviewed and returned once, revised and handed in again under the same
    name, as a learning platform's next download has it."""
    workbook = sample_workbooks()[2]
    meta = workbook.meta.model_copy(update={"title": "Runde to: akutte korsryggsmerter"})
    path.write_bytes(dump_workbook(_submitted(workbook.model_copy(update={"meta": meta}))))
    first = ReviewSession(path.parent, path.name, reviewer="Vera Veileder")
    first.add_comment(Section.case, "What does she like to do?")
    first.set_decision(Decision.returned)
    revised = parse_workbook(first.release().read_bytes())
    revised.case.likes_to_do = "Dancing salsa on Thursdays."
    path.write_bytes(dump_workbook(with_status(revised, Status.submitted)))


def _serve(base: Path, submissions: Path, dashboard: str) -> Iterator[str]:
    server = start_server(
        base,
        lang="en",
        args=("--dashboard", dashboard, "--submissions", str(submissions)),
    )
    try:
        yield server.url
    finally:
        stop_server(server)
        assert_no_tracebacks_of_ours(server.log)


@pytest.fixture(scope="module")
def cohort_url(tmp_path_factory: pytest.TempPathFactory, submissions: Path) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("cohort-server"), submissions, "cohort")


@pytest.fixture(scope="module")
def review_url(tmp_path_factory: pytest.TempPathFactory, submissions: Path) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("review-server"), submissions, "review")


def _open(context: tuple[BrowserContext, Guard], url: str, css: str) -> Page:
    browser_context, guard = context
    page = new_page(browser_context, guard)
    page.goto(url, wait_until="commit")
    expect(page.locator(css)).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    return page


def test_a_supervisor_returns_a_submission_from_the_class_overview(
    context: tuple[BrowserContext, Guard], cohort_url: str, submissions: Path
) -> None:
    page = _open(context, cohort_url + "?lang=en", ".pr-cohort")
    expect(page.locator(".pr-cohort-table tr.pr-cohort-row")).to_have_count(
        len(sample_workbooks()) + 1
    )  # and runde2.json
    choice = page.locator(".pr-cohort-open-choice select")
    richest = max(sample_workbooks(), key=lambda w: len(w.barriers))
    option = choice.locator("option", has_text=richest.meta.title)
    expect(option).to_have_count(1)  # the list of openable rows arrives beside the table
    choice.select_option(label=option.inner_text())
    page.locator(".pr-cohort-open button, button.pr-cohort-open").first.click()
    expect(page.locator(".pr-review")).to_be_visible(timeout=PAGE_TIMEOUT_MS)

    name = page.locator(".pr-review-reviewer input")
    name.fill("Vera Veileder")
    name.press("Tab")
    barriers = page.locator(".pr-review-section-barriers")
    anchor = barriers.locator(".pr-review-anchor select")
    second = anchor.locator("option").nth(1).inner_text()
    anchor.select_option(index=1)
    barriers.locator(".pr-review-comment-text textarea").fill(
        "What did the doctor say, in her words?"
    )
    barriers.locator("button.pr-review-comment-add").click()
    comment = barriers.locator(".pr-comment").filter(has_text="What did the doctor say")
    expect(comment).to_be_visible(timeout=PAGE_TIMEOUT_MS)
    expect(comment.locator(".pr-comment-about")).to_contain_text(second.rstrip("…")[:20])
    expect(page.locator(".pr-review-state")).to_contain_text("Draft, saved")

    page.locator(".pr-review-score select").first.select_option(index=3)
    feedback = page.locator(".pr-review-feedback textarea")
    feedback.fill("Good work. Look again at the pain rule with her.")
    feedback.press("Tab")
    page.locator(".pr-review-decision button", has_text="Return for revision").click()
    page.locator("button.pr-review-release").click()
    expect(page.locator(".pr-review-release-question")).to_be_visible()
    screenshot(page, "review-dashboard")
    comment.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_path("review-dashboard-window")))
    page.locator("button.pr-review-release-confirm").click()
    expect(page.locator(".pr-review-state")).to_contain_text(
        "Sent to the student", timeout=PAGE_TIMEOUT_MS
    )
    expect(page.locator(".pr-review-comment-form")).to_have_count(0)

    returned = next(submissions.glob("*.returned.json"))
    workbook = parse_workbook(returned.read_bytes())
    assert workbook.meta.status is Status.returned
    assert workbook.review.overall_feedback == "Good work. Look again at the pain rule with her."
    assert [c.author for c in workbook.review.comments if c.author == "Vera Veileder"]

    page.locator("button.pr-review-back").click()
    row = page.locator(".pr-cohort-table tr.pr-cohort-row", has_text=richest.meta.title)
    expect(row).to_contain_text("Released to the student", timeout=PAGE_TIMEOUT_MS)
    expect(row).to_contain_text("Returned for more work")
    screenshot(page, "cohort-after-review")


def test_a_review_opens_straight_from_its_address(
    context: tuple[BrowserContext, Guard], review_url: str, submissions: Path
) -> None:
    name = next(
        p.name
        for p in sorted(submissions.glob("*.json"))
        if p.name.count(".") == 1 and not p.with_suffix(".review.json").exists()
    )
    page = _open(context, f"{review_url}?lang=en&submission={name}", ".pr-review")
    expect(page.locator(".pr-review-section-case")).to_be_visible()
    expect(page.locator(".pr-review-state")).to_contain_text("Not reviewed yet")
    page = _open(context, f"{review_url}?lang=nb&submission=finnes-ikke.json", ".pr-app")
    expect(page.locator(".pr-app")).to_contain_text("Fila finnes ikke i innleveringene")


def test_what_changed_and_the_feedback_pdf(
    context: tuple[BrowserContext, Guard], review_url: str
) -> None:
    page = _open(context, f"{review_url}?lang=en&submission=runde2.json", ".pr-review")
    fold = page.locator(".pr-review-diff details")
    expect(fold).to_contain_text("What changed since the last review")
    fold.locator("summary").click()
    added = fold.locator(".pr-change-added")
    expect(added.first).to_contain_text("Dancing salsa on Thursdays.")
    expect(fold.locator(".pr-changes-same").first).to_contain_text("no change")
    screenshot(page, "review-what-changed")
    with page.expect_download() as waiting:
        page.locator("button.pr-review-feedback-pdf").click()
    download = waiting.value
    assert download.suggested_filename == "runde-to-akutte-korsryggsmerter-feedback.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF-")


@pytest.fixture(scope="module")
def course_rubric_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("rubric-server")
    rubric = base / "fys2100-rubric.yaml"
    rubric.write_text(COURSE_RUBRIC, encoding="utf-8")
    submissions = tmp_path_factory.mktemp("rubric-class") / "innleveringer"
    submissions.mkdir()
    richest = max(sample_workbooks(), key=lambda w: len(w.barriers))
    unreviewed = richest.model_copy(update={"review": Review()})
    (submissions / "nora.json").write_bytes(dump_workbook(_submitted(unreviewed)))
    server = start_server(
        base,
        lang="en",
        args=(
            "--dashboard",
            "review",
            "--submissions",
            str(submissions),
            "--rubric",
            str(rubric),
        ),
    )
    try:
        yield server.url
    finally:
        stop_server(server)
        assert_no_tracebacks_of_ours(server.log)


def test_a_course_rubric_scores_with_its_own_levels_and_descriptors(
    context: tuple[BrowserContext, Guard], course_rubric_url: str
) -> None:
    page = _open(context, f"{course_rubric_url}?lang=en&submission=nora.json", ".pr-review")
    panel = page.locator(".pr-review-panel")
    expect(panel).to_contain_text("Rubric (FYS2100: reflection rubric)")
    expect(panel.locator(".pr-review-score-row")).to_have_count(3)
    expect(panel.locator(".pr-review-outcome")).to_have_count(2)
    score = panel.locator(".pr-review-score-fys2100-perspective select")
    score.select_option(label="3 · Well reached")
    descriptor = panel.locator(".pr-review-descriptor-text").first
    # The course's words, markup typed in the file shown as typed.
    expect(descriptor).to_contain_text("what exercise <b>means</b> to her")
    panel.locator(".pr-review-score-fys2100-lu1 select").select_option(label="1 · Not reached")
    expect(panel).to_contain_text("Missing or only mentioned.")
    expect(page.locator(".pr-review-learning")).to_be_hidden()
    panel.screenshot(path=str(screenshot_path("review-course-rubric-panel")))
    screenshot(page, "review-course-rubric")
