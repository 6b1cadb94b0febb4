"""The patient's handout on the dashboard, in-process: the Plan step's texts for the patient
(saved, with a gentle hint when they read hard), and the handout's preview and download in
the Plan step and the Summary, refused with its reason when it cannot be made."""

from __future__ import annotations

import json
from typing import Any

import pytest

from physioreflect.app import ManualScheduler, Step
from physioreflect.fixtures import sample_workbooks
from physioreflect.model import Status, Workbook
from physioreflect.storage import Workspace
from physioreflect.widgets import ReflectionApp
from physioreflect.widgets.download import DownloadButton
from tests.strategies import new_workbook
from tests.unit.export.pdf_tools import pdf_text, reader
from tests.unit.widgets.test_app import find, one, walk

HARD = (
    "Smertemonitoreringsmodellen innebærer systematisk kartlegging av belastningstoleranse "
    "kombinert med individualisert progresjon basert på symptomrespons og funksjonsnivå."
)


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


def _open(
    workspace: Workspace, clock: ManualScheduler, workbook: Workbook, step: str
) -> ReflectionApp:
    saved = workspace.create(workbook)
    return ReflectionApp(
        workspace=workspace,
        lang="nb",
        scheduler=clock,
        query=f"workbook={saved.meta.id}&step={step}",
    )


def _planned() -> Workbook:
    """The example of chronic low back pain, as a draft of one's own."""
    sample = sample_workbooks()[0]
    meta = sample.meta.model_copy(update={"status": Status.draft, "revision": 0})
    return sample.model_copy(update={"meta": meta})


def _download(app: ReflectionApp, css: str) -> DownloadButton:
    return next(
        w
        for w in walk(app.widget)
        if isinstance(w, DownloadButton)
        and w.css_class == "pr-download-handout"
        and css in _ancestors_css(app, w)
    )


def _ancestors_css(app: ReflectionApp, target: Any) -> set[str]:
    """The classes of every box that holds ``target``."""

    def path(node: Any) -> list[Any] | None:
        if node is target:
            return [node]
        for child in getattr(node, "children", ()):
            found = path(child)
            if found is not None:
                return [node, *found]
        return None

    return {css for node in path(app.widget) or [] for css in getattr(node, "_dom_classes", ())}


def test_the_texts_for_the_patient_are_saved_and_a_hard_one_gets_a_hint(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    app = _open(workspace, clock, new_workbook(), "plan")
    field = one(app, "pr-for-patient-flare-up")
    field.value = "Gå kortere turer noen dager. Ikke hvil helt."
    clock.advance(1)
    path = workspace.path_of(app.workbook.meta.id)
    saved = json.loads(path.read_text(encoding="utf-8"))["plan"]["for_patient"]
    assert saved["flare_up"] == "Gå kortere turer noen dager. Ikke hvil helt."
    assert not any(hint.value for hint in find(app, "pr-lix-hint"))
    one(app, "pr-for-patient-what-to-expect").value = HARD
    hints = [hint.value for hint in find(app, "pr-lix-hint") if hint.value]
    assert len(hints) == 1
    assert "tungt å lese" in hints[0] and "under 35" in hints[0]
    one(app, "pr-for-patient-what-to-expect").value = "Trening hjelper litt."
    assert not any(hint.value for hint in find(app, "pr-lix-hint"))
    assert "kommer på arket pasienten får med seg" in one(app, "pr-for-patient").children[1].value


def test_a_plan_without_activities_says_why_there_is_no_handout(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    app = _open(workspace, clock, new_workbook(), "plan")
    message = one(app, "pr-plan-handout")
    text = " ".join(w.value for w in find(app, "pr-handout-message"))
    assert "planen har ingen aktiviteter ennå" in text
    assert _download(app, "pr-plan-handout").disabled
    assert message is not None


def test_the_handout_is_previewed_and_downloaded_in_the_language_chosen(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    app = _open(workspace, clock, _planned(), "plan")
    card = one(app, "pr-plan-handout")
    download = _download(app, "pr-plan-handout")
    assert not download.disabled
    assert download.filename == "min-aktivitetsplan.pdf"
    next(w for w in walk(card) if "pr-handout-preview" in getattr(w, "_dom_classes", ())).click()
    pages = one(app, "pr-handout-pages").value
    assert pages.count("<img") == 2
    assert "Arket til pasienten, side 1 av 2" in pages
    pdf = download._produce()
    assert reader(pdf).metadata.title == "Min aktivitetsplan"  # type: ignore[union-attr]
    language = next(
        w for w in walk(card) if "pr-handout-language" in getattr(w, "_dom_classes", ())
    )
    language.value = "en"
    assert one(app, "pr-handout-pages").value == ""
    assert download.filename == "my-activity-plan.pdf"
    assert "What I will do" in pdf_text(download._produce())


def test_personal_data_in_a_text_for_the_patient_blocks_the_download_with_the_findings(
    workspace: Workspace, clock: ManualScheduler
) -> None:
    app = _open(workspace, clock, _planned(), "plan")
    one(app, "pr-for-patient-note").value = "Ring meg på 912 34 567."
    text = " ".join(w.value for w in find(app, "pr-handout-message"))
    assert "personvernsjekken fant 1 mulig personopplysning" in text
    assert "912 34 567" in text
    assert _download(app, "pr-plan-handout").disabled
    one(app, "pr-for-patient-note").value = "Ring meg om noe skjer."
    assert not _download(app, "pr-plan-handout").disabled
    assert not any(w.value for w in find(app, "pr-handout-message"))


def test_the_summary_offers_the_handout_too(workspace: Workspace, clock: ManualScheduler) -> None:
    app = _open(workspace, clock, _planned(), "summary")
    app.go(Step.summary)
    download = _download(app, "pr-summary-handout")
    assert pdf_text(download._produce()).startswith("Min aktivitetsplan")
    assert "Til pasienten (på arket pasienten får)" in one(app, "pr-summary").value
