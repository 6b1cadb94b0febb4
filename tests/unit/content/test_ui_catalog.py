"""Is the UI catalog complete in both languages, and does the code ask only for keys in it?"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import physioreflect
from physioreflect import errors
from physioreflect.content import message, ui_catalog
from physioreflect.content._ui import texts_of
from physioreflect.content._yaml import load_yaml_with_lines
from physioreflect.errors import ContentError
from physioreflect.model import (
    AgeBand,
    ComB,
    Condition,
    Decision,
    DurationBand,
    Intensity,
    Language,
    Marker,
    PromptGroup,
    Role,
    Section,
    Source,
    Status,
    Theme,
    Workbook,
)

PACKAGE = Path(physioreflect.__file__).parent


def _placeholders(text: str) -> set[str]:
    # A plural form ``{count|fil|filer}`` counts as the parameter it follows.
    return {name.split("|")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    for key, texts in ui_catalog().items():
        assert texts["nb"].strip() and texts["en"].strip(), key
        assert _placeholders(texts["nb"]) == _placeholders(texts["en"]), key


def test_every_choice_has_a_label() -> None:
    prefixes = {
        "status": Status,
        "role": Role,
        "language": Language,
        "condition": Condition,
        "duration": DurationBand,
        "age_band": AgeBand,
        "marker": Marker,
        "group": PromptGroup,
        "theme": Theme,
        "com_b": ComB,
        "source": Source,
        "intensity": Intensity,
        "decision": Decision,
        "section": Section,
    }
    catalog = ui_catalog()
    for prefix, enum in prefixes.items():
        for member in enum:
            assert f"{prefix}.{member.value}" in catalog, f"{prefix}.{member.value}"


def test_every_model_field_has_a_label() -> None:
    names: set[str] = set()

    def collect(model: type) -> None:
        for name, field in model.model_fields.items():  # type: ignore[attr-defined]
            names.add(name)
            for arg in (*getattr(field.annotation, "__args__", ()), field.annotation):
                if hasattr(arg, "model_fields"):
                    collect(arg)
                for inner in getattr(arg, "__args__", ()):
                    if hasattr(inner, "model_fields"):
                        collect(inner)

    collect(Workbook)
    missing = {n for n in names if f"field.{n}" not in ui_catalog()}
    assert not missing


# ``t(...)`` is how a view or the controller asks for a text in the page's language.
KEY_CALL = re.compile(
    r"""(?:\bt|message|Problem|fail|_fail)\(\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']"""
)


def test_every_key_used_in_the_code_exists() -> None:
    catalog = ui_catalog()
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    assert used, "the pattern should find the keys the code uses"
    assert not {key for key in used if key not in catalog}


def test_domain_error_keys_exist() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        if isinstance(cls, type) and issubclass(cls, errors.PhysioreflectError):
            assert cls.key in ui_catalog(), name


def test_placeholders_are_filled_and_unknown_ones_stay_visible() -> None:
    assert message("workspace.count", "nb", count=3) == "3 arbeidsbøker"
    assert message("workspace.count", "en") == "{count} workbooks"
    assert message("no.such.key", "en") == "no.such.key"


def test_a_text_that_yaml_split_at_a_comma_is_refused() -> None:
    raw, lines = load_yaml_with_lines(
        b"ok: {nb: 'Korsryggsmerter, akutte', en: 'Low back pain, acute'}\n"
        b"split: {nb: Korsryggsmerter, akutte, en: Low back pain, acute}\n"
        b"missing: {nb: Bare bokmal}\n"
        b"empty: {nb: '', en: Empty}\n"
        b"plain: Just a text\n",
        source="ui_test.yaml",
    )
    assert texts_of(raw["ok"], key="ok", source="ui_test.yaml", line=1) == {
        "nb": "Korsryggsmerter, akutte",
        "en": "Low back pain, acute",
    }
    for key in ("split", "missing", "empty", "plain"):
        with pytest.raises(ContentError) as caught:
            texts_of(raw[key], key=key, source="ui_test.yaml", line=lines.get((key,)))
        (problem,) = caught.value.problems
        assert problem.key == "file.text_languages"
        assert problem.line == lines[(key,)]
        assert key in message(problem.key, "nb", **problem.params)


def test_no_two_options_of_a_list_share_a_label() -> None:
    """Each list the user picks from (conditions, statuses, COM-B components, markers, …)
    shows a different label for every option, in both languages."""
    catalog = ui_catalog()
    groups: dict[str, list[str]] = {}
    for key in catalog:
        prefix, _, rest = key.rpartition(".")
        if (
            prefix
            and rest
            and prefix
            in {
                "condition",
                "status",
                "com_b",
                "theme",
                "marker",
                "intensity",
                "source",
                "decision",
            }
        ):
            groups.setdefault(prefix, []).append(key)
    assert "condition" in groups
    for prefix, keys in groups.items():
        for lang in ("nb", "en"):
            labels = [catalog[key][lang] for key in keys]
            doubles = {label for label in labels if labels.count(label) > 1}
            assert not doubles, f"{prefix} in {lang}: {sorted(doubles)}"


def test_markers_and_sources_say_told_and_assumed_in_the_same_words() -> None:
    """One wording across the workbook: a perspective answer and a barrier or facilitator
    are marked "the patient told me" or "I assumed" in the same words, in both languages."""
    catalog = ui_catalog()
    for lang in ("nb", "en"):
        assert catalog["marker.patient_said"][lang] == catalog["source.patient_reported"][lang]
        assert catalog["marker.my_assumption"][lang] == catalog["source.therapist_inferred"][lang]
    assert catalog["source.patient_reported"] == {
        "nb": "Pasienten fortalte",
        "en": "The patient told me",
    }
    assert catalog["source.therapist_inferred"] == {"nb": "Jeg antok", "en": "I assumed"}
