"""Is a course's own prompt set validated on load, with errors that name the line?"""

from __future__ import annotations

from pathlib import Path

import pytest

from physioreflect.content import describe_problem, load_prompt_set, parse_prompt_set
from physioreflect.errors import ContentError

GOOD = """\
id: fys2100-autumn
title: {nb: "FYS2100: spørsmål", en: "FYS2100: questions"}
sources:
  - id: fys2100-notes
    citation: "FYS2100 lecture notes, autumn term (course material)."
prompts:
  - id: inside.first_words
    group: patient_inside
    text: {nb: "Hva sa pasienten først?", en: "What did the patient say first?"}
    guidance: {nb: "Skriv ordene.", en: "Write the words."}
    example: {nb: "«Jeg har prøvd alt.»", en: "“I've tried everything.”"}
    sources: [essay, fys2100-notes]
  - id: outside.bias
    group: myself_outside
    required: false
    text: {nb: "Hva tror jeg selv?", en: "What do I believe?"}
    guidance: {nb: "Vær ærlig.", en: "Be honest."}
    example: {nb: "At trening alltid hjelper.", en: "That exercise always helps."}
    sources: [essay]
"""


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "course.yaml"
    path.write_text(GOOD, encoding="utf-8")
    prompt_set = load_prompt_set(path)
    assert [p.id for p in prompt_set.prompts] == ["inside.first_words", "outside.bias"]
    assert prompt_set.prompts[1].required is False


def _problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_prompt_set(text.encode(), source="course.yaml")
    return [describe_problem(p, "en") for p in caught.value.problems]


def test_missing_language_names_the_line() -> None:
    broken = GOOD.replace('en: "What did the patient say first?"', 'fr: "Quoi?"')
    problems = _problems(broken)
    assert any(p.startswith("line 9") and "English" in p and "Missing" in p for p in problems)


def test_wrong_group_names_the_line() -> None:
    problems = _problems(GOOD.replace("group: myself_outside", "group: the_patient"))
    assert any(
        p.startswith("line 14") and "“the_patient” is not one of the choices" in p for p in problems
    )


def test_unknown_source_names_the_line() -> None:
    problems = _problems(GOOD.replace("sources: [essay]", "sources: [my-blog]"))
    assert problems == [
        "line 19, Prompts › no. 2 › Sources › no. 1: “my-blog” is not in the catalogue."
    ]


def test_duplicate_prompt_id() -> None:
    problems = _problems(GOOD.replace("id: outside.bias", "id: inside.first_words"))
    assert any("same id" in p for p in problems)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("prompts: [\n  - unclosed", "not valid YAML"),
        ("a: &x [*x]", ""),
        ("id: x\nid: y\n", "appears twice"),
        ("- just\n- a list\n", "object"),
    ],
)
def test_broken_yaml_is_one_clear_problem(text: str, fragment: str) -> None:
    problems = _problems(text)
    assert problems
    assert fragment in " ".join(problems)


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    problems = _problems(bomb)
    assert "too many values" in " ".join(problems)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_prompt_set(tmp_path / "missing.yaml")
    assert "cannot be read" in describe_problem(caught.value.problems[0], "en")
