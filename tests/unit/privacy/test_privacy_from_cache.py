"""The scanner's patterns and word lists read back from the cache of derived data: the same
findings as when they are built, and built again whenever what was kept is not right."""

from __future__ import annotations

import json
import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from physioreflect import _derived, _regex
from physioreflect._regex import RegexBook, compile_all
from physioreflect.fixtures import sample_workbooks
from physioreflect.privacy import _indirect, _lexicon, _names, _patterns
from physioreflect.privacy._lexicon import Frequencies, _build, _pack, lexicon
from physioreflect.privacy._scan import prose_fields
from tests.unit.privacy.corpus import SNIPPETS

ROOT = Path(__file__).resolve().parents[3]


def _books() -> dict[str, list[str]]:
    """Every set of patterns compiled together, as they are compiled."""
    names = [source.replace("{capitals}", _names._capitals()) for source in _names._BOOK.sources]
    rules = _indirect._rules()
    indirect = [value.pattern for value in rules if isinstance(value, re.Pattern)]
    assert len(indirect) == len(rules) - 1  # all but the set of large places
    return {"names": names, "patterns": list(_patterns._BOOK.sources), "indirect": indirect}


def _texts() -> list[str]:
    texts = [snippet.text for snippet in SNIPPETS]
    texts += [text for workbook in sample_workbooks() for _, text in prose_fields(workbook)]
    return texts


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PHYSIOREFLECT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.mark.skipif(_regex._ENGINE is None, reason="the compiled code is kept on CPython only")
def test_are_patterns_read_back_the_ones_re_compiles(cache: Path) -> None:
    texts = _texts()
    for name, sources in _books().items():
        compile_all(name, sources)  # builds and keeps them
        kept = list(cache.glob(f"regex-{name}-*.marshal"))
        assert len(kept) == 1, name
        read_back = compile_all(name, sources)
        for source, pattern in zip(sources, read_back, strict=True):
            fresh = re.compile(source)
            # Patterns are equal when their source, flags and compiled code are.
            assert pattern == fresh
            assert (pattern.groups, pattern.groupindex) == (fresh.groups, fresh.groupindex)
            for text in texts:
                assert _matches(pattern, text) == _matches(fresh, text), (name, source[:60])


_LETTERS = st.sampled_from([*"aAbBeEkKnNsSåÅøØ .,:;()-'’\n0123456789@", "Kari", "heter "])


@pytest.mark.skipif(_regex._ENGINE is None, reason="the compiled code is kept on CPython only")
@given(st.lists(_LETTERS, max_size=40).map("".join))
def test_do_read_back_patterns_match_any_text_alike(text: str) -> None:
    for sources in _books().values():
        for source, pattern in zip(sources, _read_back(tuple(sources)), strict=True):
            assert _matches(pattern, text) == _matches(re.compile(source), text)


_READ_BACK: dict[tuple[str, ...], list[re.Pattern[str]]] = {}


def _read_back(sources: tuple[str, ...]) -> list[re.Pattern[str]]:
    """The patterns made from kept code, through marshal as the cache keeps it (not from
    re.compile), once per test session."""
    if sources not in _READ_BACK:
        kept = marshal.loads(marshal.dumps([_regex._entry(s) for s in sources]))  # noqa: S302
        _READ_BACK[sources] = [_regex._from_entry(s, e) for s, e in zip(sources, kept, strict=True)]
    return _READ_BACK[sources]


@pytest.mark.skipif(_regex._ENGINE is None, reason="the compiled code is kept on CPython only")
def test_is_code_the_engine_refuses_compiled_afresh_and_removed(cache: Path) -> None:
    sources = [r"(?P<word>\w+)\s+(?P=word)", r"[a-c]+\d"]
    compile_all("tiny", sources)
    (entry,) = cache.glob("regex-tiny-*.marshal")
    key, _, contents = marshal.loads(entry.read_bytes())  # noqa: S302 - the test's own file
    broken = [(flags, [99999, *code[1:]], *rest) for flags, code, *rest in marshal.loads(contents)]  # noqa: S302
    contents = marshal.dumps(broken)
    entry.write_bytes(marshal.dumps((key, _derived._contents_digest(contents), contents)))
    patterns = compile_all("tiny", sources)
    assert patterns == [re.compile(source) for source in sources]
    assert patterns[0].search("so so good")["word"] == "so"
    assert not entry.exists()  # refused: kept anew by the next run
    compile_all("tiny", sources)
    assert entry.exists()


@pytest.mark.skipif(_regex._ENGINE is None, reason="the compiled code is kept on CPython only")
def test_is_code_that_does_not_give_re_compiles_pattern_never_kept(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A compiler whose internals differ: its code fails, or gives another pattern."""
    sources = [r"\bKari\b", r"(?i)nordmann"]
    other = _regex._entry(r"\bKaro\b")
    for changed in (lambda source: other, lambda source: 1 / 0):
        monkeypatch.setattr(_regex, "_entry", changed)
        patterns = compile_all("changed", sources)
        assert patterns == [re.compile(source) for source in sources]
        assert list(cache.glob("regex-changed-*")) == []


def test_does_a_book_refuse_a_pattern_added_after_it_was_compiled() -> None:
    book = RegexBook("late")
    first = book.pattern(r"\d+")
    assert first().findall("a 12 b 3") == ["12", "3"]
    with pytest.raises(RuntimeError, match="after the book was compiled"):
        book.pattern(r"\w+")


def test_are_the_word_lists_read_back_the_ones_built(cache: Path) -> None:
    lexicon.cache_clear()
    try:
        built = lexicon()  # builds and keeps them
        lexicon.cache_clear()
        read_back = lexicon()
    finally:
        lexicon.cache_clear()
    names = (ROOT / "src/physioreflect/privacy/data/names.txt").read_text("utf-8")
    fields = _build(names)
    for lexicon_ in (built, read_back):
        for name in _lexicon._SETS:
            assert getattr(lexicon_, name) == fields[name], name
        assert lexicon_.expressions == fields["expressions"]
    for lang in ("nb", "en"):
        whole = _lexicon._word_frequencies(lang)
        for word, zipf in whole.items():
            assert read_back.frequency(word, lang) == zipf
        assert read_back.frequency("tesfamariam-nobody", lang) == 0.0
        assert fields["zipf"][lang] == _pack(whole)


def test_is_a_damaged_part_of_the_frequencies_built_again() -> None:
    whole = {"kne": 4.5, "knær": 3.9, "skulder": 4.2}
    packed = _pack(whole)
    packed["kn"] = b"\x00 damaged"
    calls: list[int] = []

    def rebuild() -> dict[str, float]:
        calls.append(1)
        return whole

    frequencies = Frequencies(packed, rebuild)
    assert frequencies.get("skulder") == 4.2  # an intact part
    assert calls == []
    assert frequencies.get("kne") == 4.5
    assert frequencies.get("knær") == 3.9
    assert frequencies.get("albue") == 0.0
    assert calls == [1]


_SCAN_ALL = """
import json, sys
from physioreflect.fixtures import sample_workbooks
from physioreflect.privacy import indirect_identifiers, scan_text, scan_workbook
from tests.unit.privacy.corpus import SNIPPETS

if sys.argv[1] == "warm":
    # Nothing may be built in a run that finds everything kept.
    from physioreflect import _derived, _regex
    from physioreflect.content import _ui
    from physioreflect.privacy import _lexicon

    def refuse(*args, **kwargs):
        raise AssertionError("built although kept")

    _regex._entry = refuse
    _lexicon._build = refuse
    _ui._read_catalog = refuse

def rows(findings):
    return [[f.kind.value, f.start, f.end, f.confidence.value, f.text, f.replacement, f.field]
            for f in findings]

out = {
    "snippets": [rows(scan_text(s.text, lang=s.lang)) for s in SNIPPETS],
    "workbooks": [rows(scan_workbook(w)) for w in sample_workbooks()],
    "indirect": [repr(indirect_identifiers(w)) for w in sample_workbooks()],
}
from physioreflect.content import message
out["message"] = message("privacy.summary_clean", "nb", total=3)
print(json.dumps(out, ensure_ascii=False))
"""


def test_does_a_run_from_a_warm_cache_find_what_a_run_without_one_finds(tmp_path: Path) -> None:
    """Three processes: an empty cache (built, kept), the same cache (all read back, nothing
    built) and no cache at all. Their findings on the corpus and the samples are one."""

    def run(cache: str, mode: str) -> dict[str, object]:
        env = {
            "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
            "PATH": "/usr/bin:/bin",
            "PHYSIOREFLECT_CACHE_DIR": cache,
            "HOME": str(tmp_path),
        }
        done = subprocess.run(
            [sys.executable, "-c", _SCAN_ALL, mode],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        result: dict[str, object] = json.loads(done.stdout)
        return result

    kept = tmp_path / "cache"
    cold = run(str(kept), "cold")
    assert {entry.name.split("-")[0] for entry in kept.glob("*.marshal")} == {
        "lexicon",
        "regex",
        "ui",
    }
    warm = run(str(kept), "warm")
    without = run("", "cold")
    assert cold == warm == without
    assert any(cold["snippets"])  # type: ignore[arg-type]
