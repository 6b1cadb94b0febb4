"""Does reading a plain YAML document event by event give exactly what composing it and
reading its nodes gives (values, their types and every line), and is everything else left
to the composed reading, so that its problems are said as before?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import resources

import pytest
import yaml

from physioreflect.content import _yaml
from physioreflect.content._yaml import _NotPlain, _read_composed, _read_plain, load_yaml_with_lines
from physioreflect.errors import ContentError

SHIPPED = sorted(
    entry.name
    for entry in resources.files("physioreflect.content").joinpath("data").iterdir()
    if entry.name.endswith(".yaml")
)

PLAIN = [
    "a: 1\n",
    "just a scalar\n",
    "- 1\n- two\n- 3.5\n- true\n- null\n- ~\n- 2024-05-01\n- 2024-05-01T10:00:00Z\n",
    "a:\n  b:\n    - x\n    - {c: d, e: [1, 2, {f: g}]}\n  h: ''\n",
    "1: one\n2.5: two and a half\nfalse: yes\nx: 0o17\ny: 0x1f\nz: .inf\nw: -1e3\n",
    "a: !!binary aGVsbG8=\n",
    "'quoted': \"also: quoted\"\nfolded: >\n  one\n  two\nliteral: |\n  three\n  four\n",
    "key: !!str 123\nother: !!int '7'\nlist: !!seq [a]\nmap: !!map {a: b}\n",
    "# only a comment\n",
    "---\na: b\n...\n",
    "[]\n",
    "{}\n",
    "empty:\nnested: {a: }\n",
    "a: b\n# a comment\nc: d  # and another\n",
]

NOT_PLAIN = [
    "a: &x [1, 2]\nb: *x\n",  # an anchor and an alias
    "a: 1\na: 2\n",  # a repeated key
    "1: one\n1.0: again\n",  # equal keys
    "? [a, b]\n: c\n",  # a key that is a sequence
    "? {a: b}\n: c\n",  # a key that is a mapping
    "~: null key\n",  # a key that is refused
    "2024-05-01: a date as a key\n",
    "a: b\n---\nc: d\n",  # two documents
    "a: [1, 2\n",  # broken
    "a: b\n c: d\n",  # broken
    "a: !custom x\n",  # a tag the safe reading refuses
    "a: 2024-13-45 10:00:00\n",  # a date that is none
    "a: " + "[" * (_yaml._PLAIN_DEPTH + 1) + "]" * (_yaml._PLAIN_DEPTH + 1) + "\n",  # deep
]


@pytest.mark.parametrize("name", SHIPPED)
def test_is_every_shipped_file_read_as_composing_reads_it(name: str) -> None:
    data = resources.files("physioreflect.content").joinpath(f"data/{name}").read_bytes()
    text = data.decode("utf-8-sig")
    assert _read_plain(text) == _read_composed(text, name)


def _same(text: str) -> None:
    value, lines = _read_plain(text)
    expected_value, expected_lines = _read_composed(text, "x.yaml")
    assert value == expected_value
    assert repr(value) == repr(expected_value)  # the same types: 1 is not 1.0 nor True
    assert lines == expected_lines


@pytest.mark.parametrize("text", PLAIN)
def test_is_a_plain_document_read_as_composing_reads_it(text: str) -> None:
    _same(text)


def test_are_dates_and_numbers_the_values_yaml_gives() -> None:
    value, _ = _read_plain("d: 2024-05-01\nn: 12\nf: 1.5\nb: no\n")
    assert value == {"d": dt.date(2024, 5, 1), "n": 12, "f": 1.5, "b": False}


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_is_anything_else_left_to_the_composed_reading(text: str) -> None:
    with pytest.raises(_NotPlain):
        _read_plain(text)


def _answer(read: Callable[[], object]) -> object:
    try:
        return read()
    except ContentError as error:
        return error.problems
    except ValueError as error:
        return repr(error)


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_does_the_whole_loader_still_answer_as_the_composed_reading(text: str) -> None:
    ours = _answer(lambda: load_yaml_with_lines(text.encode(), source="x.yaml"))
    assert ours == _answer(lambda: _read_composed(text, "x.yaml"))


def test_are_too_many_values_left_to_the_composed_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_yaml, "_MAX_NODES", 5)
    with pytest.raises(_NotPlain):
        _read_plain("[1, 2, 3, 4, 5]\n")
    with pytest.raises(ContentError) as raised:
        load_yaml_with_lines(b"[1, 2, 3, 4, 5]\n", source="x.yaml")
    assert [p.key for p in raised.value.problems] == ["file.too_complex"]


def test_does_the_plain_reading_hold_no_node_tree() -> None:
    """What it is for: no node is kept by the constructor between values."""
    loader = yaml.SafeLoader("a: [1, 2]\n")
    reader = _yaml._PlainReader(loader)
    while loader.check_event():
        reader.take(loader.get_event())
    assert reader.root == {"a": [1, 2]}
    assert reader.constructor.constructed_objects == {}
