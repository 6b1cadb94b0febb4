"""New entries follow what the student wrote: a PSFS goal per line of what the patient wants
to achieve, none twice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from physioreflect.app import new_goal
from physioreflect.content import message
from physioreflect.model import Language, PsfsGoal, Workbook


def _workbook(wants: str, *goals: str) -> Workbook:
    workbook = Workbook.new(title="Kasus: mål", language=Language.nb)
    workbook.case.wants_to_achieve = wants
    workbook.plan.goals = [
        PsfsGoal(entry_id=f"g{i}", activity=goal) for i, goal in enumerate(goals)
    ]
    return workbook


def test_each_new_goal_takes_the_next_wish() -> None:
    workbook = _workbook("Gå i skogen igjen\n\nSove bedre\nLeke med barnebarna")
    names = []
    for _ in range(4):
        goal = new_goal(workbook, lang="nb")
        names.append(goal.activity)
        workbook.plan.goals = [*workbook.plan.goals, goal]
    assert names == [
        "Gå i skogen igjen",
        "Sove bedre",
        "Leke med barnebarna",
        message("plan.new_goal", "nb"),
    ]


def test_a_wish_already_a_goal_is_not_offered_again() -> None:
    workbook = _workbook(
        "- To walk in the forest again\n- To sleep better", "to walk in the forest again"
    )
    assert new_goal(workbook, lang="en").activity == "To sleep better"


def test_list_marks_are_not_part_of_the_goal() -> None:
    for line in (
        "1. Sykle til jobben",
        "2) Sykle til jobben",
        "• Sykle til jobben",
        "* Sykle til jobben",
    ):
        assert new_goal(_workbook(line), lang="nb").activity == "Sykle til jobben"


def test_nothing_written_gives_a_goal_to_name() -> None:
    assert new_goal(_workbook("  \n "), lang="en").activity == message("plan.new_goal", "en")


@given(st.text(max_size=600), st.lists(st.text(min_size=1, max_size=50), max_size=4))
def test_a_new_goal_is_always_valid_and_never_a_duplicate(wants: str, goals: list[str]) -> None:
    workbook = _workbook(wants, *goals)
    goal = new_goal(workbook, lang="en")
    PsfsGoal.model_validate(goal.model_dump())
    taken = {existing.strip().casefold() for existing in goals}
    if goal.activity != message("plan.new_goal", "en"):
        assert goal.activity.casefold() not in taken
        assert goal.activity.strip() == goal.activity and goal.activity
