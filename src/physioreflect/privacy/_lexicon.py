"""The word lists behind the name finder, loaded on first use.

Two sources: the project's own lists of names and capitalised non-names
(``data/names.txt``), and word frequencies in bokmål and English from ``wordfreq``, which
tell an ordinary word ("Kneet", "Mandag") from a rare one that may be a name
("Tesfamariam"). Both load only when a scan first needs them, so importing the privacy
package stays cheap for the command line and the dashboard's kernel; nothing is fetched
from the network (wordfreq ships its frequency tables inside the package).
"""

from __future__ import annotations

import functools
import importlib.util
import marshal
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Final, NamedTuple

from physioreflect._derived import derived

__all__ = ["COMMON_ZIPF", "FREQUENT_ZIPF", "Lexicon", "fold", "lexicon"]

COMMON_ZIPF: Final = 3.0
"""A word at least this frequent (Zipf scale: 3 is once per million words) in bokmål or
English is an ordinary word, not a name nobody listed."""
FREQUENT_ZIPF: Final = 5.6
"""A listed name this frequent as a word ("Per", "Dag", "Hans" in bokmål) is treated as
ambiguous even if the list forgot it."""
# Rarer words are all alike to the name finder (no ordinary word): they need not be kept,
# and keeping them doubled the time to load.
_KEPT_ZIPF: Final = COMMON_ZIPF
# wordfreq's tables: index i of the list holds the words at 10 ** (-i / 100) of all words.
_ZIPF_OFFSET: Final = 9.0
_LANGUAGES: Final = ("nb", "en")


def fold(word: str) -> str:
    """The lookup key of a word: case-folded, with accents dropped ("Wiśniewski" and
    "Wisniewski", "Thomeé" and "Thomee" meet). Norwegian æ, ø and å are letters of their
    own, not accented ones, and stay."""
    if word.isascii():
        return word.casefold()
    # NFKD splits å into a + ring: put the Norwegian letter back before dropping accents.
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("ł", "l"))
    decomposed = decomposed.replace("a\u030a", "å")
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Sections of whole lines rather than words.
_LINE_SECTIONS: Final = frozenset({"expression"})


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    by_line = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            by_line = line[1:-1] in _LINE_SECTIONS
            continue
        if current is None:
            msg = f"names.txt: words before the first [section]: {line!r}"
            raise ValueError(msg)
        if by_line:
            current.append(line)
        else:
            current.extend(line.split())
    return sections


def _female_forms(surname: str) -> Iterator[str]:
    """Polish, Lithuanian and Russian surnames change with the bearer's sex: Kowalski,
    Kowalska; Kazlauskas, Kazlauskienė, Kazlauskaitė; Ivanov, Ivanova."""
    for male, females in (
        ("ski", ("ska",)),
        ("cki", ("cka",)),
        ("dzki", ("dzka",)),
        ("as", ("ienė", "aitė", "iene", "aite")),
        ("is", ("ienė", "ytė", "iene", "yte")),
        ("us", ("ienė", "utė", "iene", "ute")),
        ("ov", ("ova",)),
        ("ev", ("eva",)),
        ("in", ("ina",)),
    ):
        if surname.endswith(male) and len(surname) > len(male) + 2:
            stem = surname[: -len(male)]
            for female in females:
                yield stem + female


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


_PREFIX: Final = 2
"""Frequencies are kept in parts by the words' first letters: a scan reads only the parts
of the words it looks up (a third of them for a long workbook), not 55,000 words."""


class Frequencies:
    """One language's word frequencies, kept packed a part at a time and each part
    unpacked on its first lookup."""

    __slots__ = ("_packed", "_parts", "_rebuild")

    def __init__(self, packed: dict[str, bytes], rebuild: Callable[[], dict[str, float]]) -> None:
        """``rebuild`` gives the whole table again, should a part be damaged."""
        self._packed = packed
        self._parts: dict[str, dict[str, float]] = {}
        self._rebuild: Callable[[], dict[str, float]] | None = rebuild

    def get(self, key: str) -> float:
        prefix = key[:_PREFIX]
        part = self._parts.get(prefix)
        if part is None:
            part = self._unpack(prefix)
        return part.get(key, 0.0)

    def _unpack(self, prefix: str) -> dict[str, float]:
        blob = self._packed.get(prefix)
        if blob is None:
            part: object = {}
        else:
            try:
                part = marshal.loads(blob)  # noqa: S302 - our own cache entry
            except (EOFError, ValueError, TypeError):
                part = None
        if not isinstance(part, dict):  # damaged: build the table again rather than guess
            if self._rebuild is None:
                msg = "word frequencies: a damaged part"
                raise RuntimeError(msg)
            self._parts = _split(self._rebuild())
            self._packed, self._rebuild = {}, None
            return self._parts.setdefault(prefix, {})
        self._parts[prefix] = part
        return part


def _split(frequencies: dict[str, float]) -> dict[str, dict[str, float]]:
    parts: dict[str, dict[str, float]] = {}
    for word, zipf in frequencies.items():
        parts.setdefault(word[:_PREFIX], {})[word] = zipf
    return parts


def _pack(frequencies: dict[str, float]) -> dict[str, bytes]:
    return {prefix: marshal.dumps(part) for prefix, part in _split(frequencies).items()}


class Lexicon(NamedTuple):
    given: frozenset[str]
    surnames: frozenset[str]
    ambiguous: frozenset[str]
    """Names that are also ordinary words or places: a name only when the context says so."""
    not_names: frozenset[str]
    """Cited authors, eponyms, drugs, brands: never a person in a reflection."""
    stopwords: frozenset[str]
    """Pronouns, days, months, titles: capitalised, never a name."""
    places: frozenset[str]
    """Towns, districts, regions and countries: no person."""
    small_places: frozenset[str]
    """The towns and districts among ``places`` small enough to identify someone
    indirectly ("Vinstra", "Holmlia")."""
    kinship: frozenset[str]
    """Words for kin ("Nan", "Mor"): a name only with a sure mark, such as an age."""
    expressions: tuple[str, ...]
    """Fixed expressions with a name in them ("Adam's apple", "Christmas Eve")."""
    expression_words: frozenset[str]
    """The words of those expressions, without a possessive ending."""
    zipf: dict[str, Frequencies]
    """Per language, the frequency (Zipf scale) of every word at least ``_KEPT_ZIPF``; 0 for
    the rest."""

    def frequency(self, key: str, lang: str) -> float:
        return self.zipf[lang].get(key)

    def is_common_word(self, key: str) -> bool:
        return any(self.frequency(key, lang) >= COMMON_ZIPF for lang in _LANGUAGES)

    def is_name(self, key: str) -> bool:
        return key in self.given or key in self.surnames

    def is_large_place(self, key: str) -> bool:
        return key in self.places and key not in self.small_places

    def is_ambiguous(self, key: str, lang: str) -> bool:
        return key in self.ambiguous or self.frequency(key, lang) >= FREQUENT_ZIPF


def _word_frequencies(lang: str) -> dict[str, float]:
    frequencies: dict[str, float] = {}
    # A bucket at a time, the least frequent first: a word in two buckets keeps the higher.
    for index, bucket in reversed(list(enumerate(_frequent_buckets(lang)))):
        frequencies.update(dict.fromkeys(bucket, _ZIPF_OFFSET - index / 100))
    return frequencies


def _frequent_buckets(lang: str) -> list[list[str]]:
    """wordfreq's frequency buckets of ``lang`` down to ``_KEPT_ZIPF``.

    Read from wordfreq's own data file, without importing wordfreq (half a second of
    imports: its tokenizers, which we do not use) and without unpacking the rarer words that
    follow (nine tenths of the file). The file is gzipped msgpack: a header, then one list
    of words per centibel of frequency, most frequent first (``wordfreq.read_cBpack``). A
    file we do not recognise is read by wordfreq itself.
    """
    last = int((_ZIPF_OFFSET - _KEPT_ZIPF) * 100)
    path = _wordfreq_file(lang)
    if path is not None:
        try:
            return _read_buckets(path, last + 1)
        except (OSError, ValueError, TypeError):
            pass  # wordfreq knows its files best
    import wordfreq  # noqa: PLC0415

    return [list(bucket) for bucket in wordfreq.get_frequency_list(lang)[: last + 1]]


def _wordfreq_file(lang: str) -> Path | None:
    spec = importlib.util.find_spec("wordfreq")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    # wordfreq's "best" list: the large one where there is one.
    for size in ("large", "small"):
        path = data / f"{size}_{lang}.msgpack.gz"
        if path.is_file():
            return path
    return None


def _read_buckets(path: Path, count: int) -> list[list[str]]:
    import gzip  # noqa: PLC0415 - only when the lists are built

    import msgpack  # noqa: PLC0415

    with gzip.open(path, "rb") as stream:
        unpacker = msgpack.Unpacker(stream, raw=False, read_size=64 * 1024)
        length = unpacker.read_array_header()
        header = unpacker.unpack()
        if (
            not isinstance(header, dict)
            or header.get("format") != "cB"
            or header.get("version") != 1
        ):
            msg = f"{path.name}: unexpected header {header!r}"
            raise ValueError(msg)
        buckets: list[list[str]] = []
        for _ in range(min(count, length - 1)):
            bucket = unpacker.unpack()
            if not isinstance(bucket, list):
                msg = f"{path.name}: a bucket is not a list"
                raise TypeError(msg)
            buckets.append(bucket)
        return buckets


@functools.cache
def lexicon() -> Lexicon:
    """The lists, read once per process: built from ``names.txt`` and wordfreq's tables
    (a few tens of milliseconds), or read back from the cache of derived data while both
    are unchanged (about a millisecond)."""
    names = resources.files("physioreflect.privacy").joinpath("data/names.txt").read_bytes()
    tables = [_wordfreq_file(lang) for lang in _LANGUAGES]
    # wordfreq's tables are known by their place, size and time: reading them to hash them
    # would cost half of building.
    parts: list[bytes | str] = [names, *(_identity(path) for path in tables)]
    fields = derived(
        "lexicon", parts, lambda: _build(names.decode("utf-8")), check=_held, code=[__name__]
    )
    zipf = {
        lang: Frequencies(packed, functools.partial(_word_frequencies, lang))
        for lang, packed in fields["zipf"].items()
    }
    return Lexicon(**{**fields, "zipf": zipf})


def _identity(path: Path | None) -> str:
    if path is None:
        return "wordfreq: none"
    try:
        stat = path.stat()
    except OSError:
        return f"{path}: unreadable"
    return f"{path}: {stat.st_size} {stat.st_mtime_ns}"


def _build(text: str) -> dict[str, Any]:
    sections = _sections(text)
    surnames = [*sections["surname"], *sections["ambiguous surname"]]
    derived_forms = [female for surname in surnames for female in _female_forms(surname)]
    return {
        "given": _keys([*sections["given"], *sections["ambiguous given"]]),
        "surnames": _keys([*surnames, *derived_forms]),
        "ambiguous": _keys([*sections["ambiguous given"], *sections["ambiguous surname"]]),
        "not_names": _keys(sections["not_name"]),
        "stopwords": _keys(sections["stopword"]),
        "places": _keys([*sections["place"], *sections["small place"]]),
        "small_places": _keys(sections["small place"]),
        "kinship": _keys(sections["kinship"]),
        "expressions": tuple(sections["expression"]),
        # With and without a possessive ending, as the name finder sees them: "Adam's",
        # "Adams", "Adam".
        "expression_words": _keys(
            form
            for expression in sections["expression"]
            for word in expression.split()
            for form in (word.strip(","), word.removesuffix("'s").removesuffix("'").strip(","))
            for form in (form, form.removesuffix("s"))
        ),
        "zipf": {lang: _pack(_word_frequencies(lang)) for lang in _LANGUAGES},
    }


_SETS: Final = (
    "given",
    "surnames",
    "ambiguous",
    "not_names",
    "stopwords",
    "places",
    "small_places",
    "kinship",
    "expression_words",
)
_FIELD_TYPES: Final = {
    **dict.fromkeys(_SETS, frozenset),
    "expressions": tuple,
    "zipf": dict,
}


def _held(value: object) -> dict[str, Any] | None:
    """The fields as the cache held them, if they have the lexicon's shape."""
    if not isinstance(value, dict) or value.keys() != _FIELD_TYPES.keys():
        return None
    if not all(isinstance(value[name], kind) for name, kind in _FIELD_TYPES.items()):
        return None
    zipf = value["zipf"]
    if zipf.keys() != set(_LANGUAGES) or not all(
        isinstance(packed, dict) and all(isinstance(blob, bytes) for blob in packed.values())
        for packed in zipf.values()
    ):
        return None
    return value
