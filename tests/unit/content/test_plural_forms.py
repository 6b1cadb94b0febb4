"""Do counted words read right for one and for many, in both languages?"""

from __future__ import annotations

import re

import pytest

from physioreflect.content import message, ui_catalog


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("nb", "1 fil: 1 arbeidsbok", "3 filer: 2 arbeidsbøker"),
        ("en", "1 file: 1 workbook", "3 files: 2 workbooks"),
    ],
)
def test_a_count_of_one_takes_the_singular(lang: str, one: str, many: str) -> None:
    assert message(
        "cohort.page.summary", lang, files=1, workbooks=1, problems=0, shown=1
    ).startswith(one)
    assert message(
        "cohort.page.summary", lang, files=3, workbooks=2, problems=1, shown=2
    ).startswith(many)


def test_zero_takes_the_plural_in_both_languages() -> None:
    assert message("summary.pdf_pages", "nb", count=0) == "0 sider"
    assert message("summary.pdf_pages", "en", count=1) == "1 page"


def test_no_text_writes_a_plural_in_brackets() -> None:
    """ "fil(er)", "file(s)", "cop(y/ies)": every counted word has its two forms."""
    clumsy = re.compile(r"\w\((?:s|er|e|es|y/ies)\)")
    for key, entry in ui_catalog().items():
        for lang in ("nb", "en"):
            assert not clumsy.search(entry[lang]), (key, lang, entry[lang])


def test_every_plural_form_names_a_parameter_of_its_text() -> None:
    forms = re.compile(r"\{(\w+)\|[^{}|]*\|[^{}|]*\}")
    for key, entry in ui_catalog().items():
        texts = {lang: entry[lang] for lang in ("nb", "en")}
        for lang, text in texts.items():
            for name in forms.findall(text):
                # The counted parameter is passed to the text: it shows elsewhere in it.
                others = forms.sub("", text)
                assert "{" + name + "}" in others, (key, lang, name)
