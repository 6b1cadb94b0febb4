"""Names without a trigger phrase: "Kari Nordmann (52) har …", "Jeg spurte Sigrid hva hun
liker", "I asked Nora what she enjoys", "The patient, Amina Warsame, says …".

Every run of capitalised words is a candidate. What each word is comes from the lists (a
known given name or surname, a name that is also an ordinary word, a place, a cited author
or a drug) and from word frequencies (an ordinary word such as "Kneet", or a rare word that
may be a name nobody listed). The words around the run decide the rest: a verb of asking or
telling before it, a verb of saying after it, an age in brackets, an appositive after
"the patient", a citation ("et al.", a year) that makes it an author.

- A known name that is no ordinary word is a name wherever it stands, even opening a
  sentence ("Sigrid sa …").
- A known given name followed by another name word is a full name ("Liv Strand").
- A name that is also a word ("Liv", "Berg", "Will") and a rare word nobody listed are
  names only when the context says a person; a capitalised word that merely opens a
  sentence is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Final

from physioreflect.privacy._finding import Confidence
from physioreflect.privacy._lexicon import Lexicon, fold, lexicon

__all__ = ["NameHit", "find_names"]

HIGH: Final = Confidence.high
LOW: Final = Confidence.low


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    confidence: Confidence


class _Lazy:
    """A regular expression compiled on first use: these are many and long, and importing
    the privacy package must stay cheap."""

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __call__(self) -> re.Pattern[str]:
        if self._compiled is None:
            capitals = "".join(
                chr(code)
                for code in (*range(0x41, 0x250), *range(0x1E00, 0x1F00))
                if chr(code).isupper()
            )
            self._compiled = re.compile(self._pattern.replace("{capitals}", capitals))
        return self._compiled


class _Role(Enum):
    name = "name"
    """A listed given name or surname that is no ordinary word."""
    ambiguous = "ambiguous"
    """A listed name that is also a word or a place."""
    rare = "rare"
    """Not listed, and not an ordinary word: maybe a name nobody listed."""
    common = "common"
    """An ordinary word (a name only right after a given name, as its surname)."""


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    """Without a possessive ending: "Sigrids" and "Nora's" give "Sigrid", "Nora"."""
    key: str
    role: _Role
    given: bool
    initial: bool
    """Opens a sentence (or a quote, a bracket, a list item)."""


# A capitalised word, with inner apostrophes and hyphens: O'Connor, Anne-Lise, Al-Hassan.
# Only capitalised words are looked at, and looking for them is most of the work: the class
# of capital letters (Latin scripts, Vietnamese) lets the search skip everything else.
_TOKEN: Final = _Lazy(r"(?<![\w'’-])[{capitals}][^\W\d_]*(?:['’-][^\W\d_]+)*")
_POSSESSIVE: Final = _Lazy(r"['’]s$|['’]$")
# Between two words of one name: a space, or a particle (Abu Bakr, van der Berg, bin Zayed).
_JOIN: Final = _Lazy(
    r"[ \u00a0](?:(?:al|el|bin|binti|bint|ibn|van|von|der|den|de|da|di|dos|das|del|della|"
    r"du|la|le|ul|ur)[ \u00a0])?"
)
_SENTENCE_END: Final = frozenset(".!?:;\n\r\t«»\"“”„‘'(•*–—-|>[")

# ── context ───────────────────────────────────────────────────────────────────────────────
# A verb of asking, telling or meeting just before: the next words are whom.
_ASKED_WHOM: Final = (
    r"(?:spurte|spør|spurt|fortalte|fortell|sa\s+til|sier\s+til|snakket\s+med|snakker\s+med|"
    r"pratet\s+med|prater\s+med|møtte|møter|traff|treffer|hilste\s+på|ba|hjalp|hjelper|viste|"
    r"forklarte|forklarer|behandlet|behandler|undersøkte|veiledet|veileder|oppfordret|motiverte|"
    r"besøkte|anbefalte|minnet|takket|ringte|ringer|sammen\s+med|"
    r"asked|ask|asks|told|tell|tells|met|meet|meets|helped|help|helps|showed|explained\s+to|"
    r"treated|treat|examined|encouraged|motivated|visited|reminded|thanked|"
    r"talked\s+(?:to|with)|spoke\s+(?:to|with)|together\s+with)"
)
_BEFORE_STRONG: Final = _Lazy(
    r"(?i)\b(?:" + _ASKED_WHOM + r"|"
    r"pasienten|pasient|klienten|brukeren|kvinnen|mannen|datteren|sønnen|kona|ektemannen|"
    r"patient|client|wife|husband|daughter|son|mother|father|woman|man|lady|gentleman)"
    r"\s*,?[ \u00a0]*$"
)
_BEFORE_WEAK: Final = _Lazy(r"(?i)\b(?:med|til|hos|for|om|og|with|to|for|about|and|of)[ \u00a0]+$")
# An age right after a name ("(52)", ", 80,", ", 52 år"), or a verb only a person does:
# saying, thinking, feeling.
_AFTER_PERSON: Final = _Lazy(
    r"(?i)^(?:[ \u00a0]*\(\s*(?:\d{1,3}|[mfkMFK]\s*,?\s*\d{1,3})\s*(?:år|years?|y\.?o\.?)?\s*\)"
    r"|[ \u00a0]*,\s*(?:en|ei|et|a|an)?\s*\d{1,3}(?:\s*år|\s*years?|-år|-year|\s*,)"
    r"|[ \u00a0]+(?:sa|sier|forteller|fortalte|forklarer|forklarte|mener|mente|synes|syntes|"
    r"tenker|tenkte|tror|trodde|føler|følte|ønsker|ønsket|liker|likte|svarte|svarer|spurte|spør|"
    r"lo|ler|gråt|smilte|beskriver|beskrev|uttrykker|uttrykte|sukket|nikket|gruer|gleder|"
    r"savner|savnet|elsker|hater|husker|innrømmet|lurte|"
    r"said|says|told|tells|explained|explains|reports|reported|feels|felt|thinks|thought|"
    r"believes|wants|wanted|likes|liked|enjoys|enjoyed|answered|replied|asked|asks|laughed|"
    r"smiled|cried|sighed|nodded|describes|described|mentioned|admitted|agreed|hates|hated|"
    r"loves|loved|misses|missed|remembers|remembered|wondered|wonders|prefers|preferred)\b"
    r"|[ \u00a0]+(?:og\s+jeg|and\s+I|og\s+(?:mannen|kona|datteren|sønnen)|and\s+(?:her|his))\b)"
)
# Verbs of doing: a person's, mostly, but "Dawn walks" and "Pain started" too.
_AFTER_ACTIVITY: Final = _Lazy(
    r"(?i)^[ \u00a0]+(?:opplever|opplevde|sluttet|begynte|prøvde|trener|trente|jobber|jobbet|"
    r"bor|bodde|kom|kommer|vet|lever|klarer|klarte|går|gikk|"
    r"tried|started|stopped|walks|walked|works|worked|lives|lived|came|comes|struggles|"
    r"struggled|manages|managed|knows|knew|goes|went)\b"
    # "Dawn walks are his favourite": a noun.
    r"(?![ \u00a0]+(?:are|is|were|was|er|var)\b)"
)
_AFTER_WEAK: Final = _Lazy(
    r"(?i)^(?:[ \u00a0]+(?:har|hadde|er|var|skal|skulle|kan|kunne|må|måtte|vil|ville|ble|går|"
    r"gikk|has|had|is|was|will|would|can|could|didn['’]t|doesn['’]t|don['’]t|won['’]t|"
    r"can['’]t|isn['’]t|wasn['’]t|hasn['’]t|hadn['’]t|did|does|needs|needed|trenger|trengte)\b"
    r"|['’]?s[ \u00a0])"
)
# Marks of a cited author: "Gibbs (1988)", "Silbernagel et al.", "Michie og kolleger",
# "Thomeés modell", "Stratford's scale".
_CITATION_AFTER: Final = _Lazy(
    r"(?i)^(?:[ \u00a0]*(?:et\s+al|og\s+kolleger|and\s+colleagues|og\s+medarbeidere)\b"
    r"|[ \u00a0]*\(?\s*(?:19|20)\d\d\b|[ \u00a0]*,\s*(?:19|20)\d\d\b"
    r"|[ \u00a0]*(?:&|og|and)\s+[A-ZÆØÅ][\w'’-]+\s*\(\s*(?:19|20)\d\d"
    r"|(?:['’]?s)?[ \u00a0]+(?:modell|modellen|model|syklus|cycle|sirkel|sirkelen|circle|"
    r"refleksjonssirkel|refleksjonssyklus|reflective|teori|teorien|theory|taksonomi|taxonomy|"
    r"skala|skalaen|scale|test|testen|rubric|rubrikk|metode|metoden|method|prinsipp|principle|"
    r"sykdom|disease|syndrom|syndrome|tegn|sign|manøver|manoeuvre|maneuver)\b)"
)
_CITATION_BEFORE: Final = _Lazy(
    r"(?i)\b(?:ifølge|according\s+to|jf\.?|cf\.?|se|see|beskrevet\s+av|described\s+by|"
    r"utviklet\s+av|developed\s+by)[ \u00a0]+$"
)
# A run of names followed by one of these is a place or an institution: "St. Olavs
# hospital", "Olav Kyrres gate", "Sofies minde".
_INSTITUTION_AFTER: Final = _Lazy(
    r"(?i)^[ \u00a0]+(?:gate|gata|vei|veien|veg|plass|plassen|allé|skole|skolen|sykehus|"
    r"hospital|kirke|senter|senteret|park|parken|minde|street|road|avenue|school|church|"
    r"centre|center|university|universitet|college|clinic|klinikk|fysikalske|legesenter|"
    r"station|stasjon|line|bridge|bru|airport|flyplass|hotel|hotell|kafé|cafe|restaurant|"
    r"butikk|shop|store|gym|treningssenter|studio)\b"
)
# Later in the same sentence, a person: a pronoun, an age. "Stein har vært sykmeldt, og han
# …" is about a man; "Stein på stein" is not.
_PERSON_LATER: Final = _Lazy(
    r"(?i)\b(?:han|hun|hen|ham|henne|hans|hennes|seg|he|she|him|her|his|hers|himself|herself|"
    r"\d{1,3}\s*år\b|\d{1,3}\s*years?\s+old|pasient\w*|patient|sykmeldt|stresset|sliten|"
    r"oppgitt|frustrert|motivert|fornøyd|bekymret|redd|timen|økta|discharged|admitted|referred|"
    r"henvist|operert|innlagt|utskrevet|session|appointment|worried|tired|frustrated)"
)
_ARTICLE_AFTER: Final = _Lazy(r"(?i)^[ \u00a0]+\w+[ \u00a0]+(?:en|ei|et|a|an)\b")
_NEXT_SENTENCE: Final = _Lazy(r"[.!?\n]")
# A cited author next to another: "Moseley og Butler", "Butler and Moseley".
_WORD_BEFORE_AND: Final = _Lazy(r"([^\W\d_][\w'’-]*)[ \u00a0]+(?:og|and|&)[ \u00a0]+$")
_AND_WORD_AFTER: Final = _Lazy(r"^[ \u00a0]+(?:og|and|&)[ \u00a0]+([^\W\d_][\w'’-]*)")
_LOWER_PART: Final = _Lazy(r"-[^\W\d_A-ZÆØÅ]")
_MONTHS: Final = frozenset({"april", "may", "june"})
# A lower-case word opening a sentence (before a verb), or after a verb of asking or telling.
_LOWERCASE_OPENING: Final = _Lazy(
    r"(?:^|[.!?][ \u00a0]+|\n[ \u00a0]*)(?P<name>[a-zæøåäöüé][a-zæøåäöüé-]+)"
)
_OPENING_VERB: Final = _Lazy(
    r"[ \u00a0]+(?i:sa|sier|var|er|har|hadde|kom|gikk|trener|trente|forteller|fortalte|mener|"
    r"synes|said|says|was|is|has|had|came|told|tells|went|walked|reported|explained|felt|"
    r"feels)\b"
)
_LOWERCASE_AFTER_CUE: Final = _Lazy(
    r"\b(?i:" + _ASKED_WHOM + r")[ \u00a0]+(?P<name>[a-zæøåäöüé][a-zæøåäöüé-]+)(?![\w-])"
)
_BEFORE_SAINT: Final = _Lazy(r"(?i)\b(?:st|sankt|saint|san|santa)\.?[ \u00a0]+$")
# Endings of Norwegian nouns and verbs: a rare word opening a sentence with one of these
# ("Hjemmeøvelsene", "Treningsdagboka") is a compound, not a name.
_NORWEGIAN_ENDING: Final = _Lazy(
    r"(?:ene|ingen|ingene|ingane|sjon|sjonen|sjonene|heten|elsen|else|ende|ert|erte|ere|"
    r"ling|lingen|aktig|messig|skap|skapet|boka|boken|dommen|lig|lige|ighet|ett|et|en|a)$"
)


def _is_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \u00a0":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _classify(lex: Lexicon, text: str, match: re.Match[str], lang: str) -> _Word | None:
    token = match[0]
    start, end = match.span()
    if len(token) < 2 or token[1].isupper() or _LOWER_PART().search(token):
        # A letter ("Pasient A"), an abbreviation ("PSFS-mål", "NAV", "[NAVN]") or a
        # compound with an eponym ("Baker-cyste").
        return None
    if possessive := _POSSESSIVE().search(token):
        end -= len(possessive[0])
        token = token[: -len(possessive[0])]
    key = fold(token)
    if key in lex.not_names or key in lex.stopwords:
        return None
    if not lex.is_name(key) and key.endswith("s") and lex.is_name(key[:-1]):
        # The Norwegian genitive: "Sigrids mann".
        key, end = key[:-1], end - 1
    initial = _is_initial(text, start)
    if lex.is_name(key):
        ambiguous = key in lex.places or lex.is_ambiguous(key, lang)
        role = _Role.ambiguous if ambiguous else _Role.name
        return _Word(start, end, key, role, key in lex.given, initial)
    if lex.is_common_word(key):
        return _Word(start, end, key, _Role.common, given=False, initial=initial)
    if key in lex.places or (initial and len(key) > 7 and _NORWEGIAN_ENDING().search(key)):
        # A town; or a Norwegian compound opening a sentence ("Hjemmeøvelsene").
        return None
    return _Word(start, end, key, _Role.rare, given=False, initial=initial)


def _runs(text: str, words: list[_Word]) -> Iterator[list[_Word]]:
    """Words that stand next to each other, separated by a space or a particle."""
    run: list[_Word] = []
    for word in words:
        if run and _JOIN().fullmatch(text, run[-1].end, word.start):
            run.append(word)
            continue
        if run:
            yield run
        run = [word]
    if run:
        yield run


def _trim(run: list[_Word], lex: Lexicon) -> list[_Word]:
    """Ordinary words belong to a name only next to a listed one: as a surname right after
    a given name ("Kari Fjell"), or as a given name before a surname ("Angelica Ramos");
    anywhere else they end it or are not part of it."""
    kept: list[_Word] = []
    for index, word in enumerate(run):
        if word.role is _Role.common:
            after_given = bool(kept) and kept[-1].given and not word.initial
            following = run[index + 1] if index + 1 < len(run) else None
            before_surname = (
                following is not None
                and following.role is not _Role.common
                and following.key in lex.surnames
                and not following.given
            )
            if not (after_given or before_surname):
                if kept:
                    break
                continue
        kept.append(word)
    return kept


@dataclass(frozen=True)
class _Context:
    person: bool
    """A verb of asking or telling before, of saying after, an age, an appositive."""
    activity: bool
    """A verb of doing after ("Stein trener"): a person's, mostly."""
    weak: bool
    """"med", "og", "har", "is", a possessive: anyone's."""
    person_later: bool
    """A pronoun or an age later in the sentence, and no "is a …" right after."""
    citation: bool
    institution: bool


def _is_citation(lex: Lexicon, before: str, after: str) -> bool:
    if _CITATION_AFTER().match(after) or _CITATION_BEFORE().search(before):
        return True
    # Next to a cited author: "Moseley og Butler", "Butler and Moseley".
    neighbours = (_WORD_BEFORE_AND().search(before), _AND_WORD_AFTER().match(after))
    return any(found is not None and fold(found[1]) in lex.not_names for found in neighbours)


def _context(lex: Lexicon, text: str, start: int, end: int) -> _Context:
    before = text[max(0, start - 40) : start]
    after = text[end : end + 60]
    sentence_end = _NEXT_SENTENCE().search(text, end)
    rest = text[end : sentence_end.start() if sentence_end else len(text)]
    return _Context(
        person=bool(_BEFORE_STRONG().search(before) or _AFTER_PERSON().match(after)),
        activity=bool(_AFTER_ACTIVITY().match(after)),
        weak=bool(_BEFORE_WEAK().search(before) or _AFTER_WEAK().match(after)),
        person_later=bool(_PERSON_LATER().search(rest)) and not _ARTICLE_AFTER().match(after),
        citation=_is_citation(lex, before, after),
        institution=bool(_INSTITUTION_AFTER().match(after) or _BEFORE_SAINT().search(before)),
    )


def _confidence(run: list[_Word], context: _Context) -> Confidence | None:
    if context.institution:
        return None
    roles = [word.role for word in run]
    if context.citation:
        # "Hansen et al. (2019)": an author. Only a name no one cites stays a maybe.
        return LOW if context.person and _Role.name in roles else None
    if _Role.name in roles:
        return HIGH
    if len(run) > 1 and (run[0].given or run[0].role is not _Role.ambiguous):
        return _full_name_confidence(run, context)
    return _single_word_confidence(run[0], context)


def _full_name_confidence(run: list[_Word], context: _Context) -> Confidence | None:
    """Two or more name words, none of them a sure name on its own: "Liv Strand", two rare
    words. A listed name among them or a person's context makes it sure."""
    if context.person or context.activity:
        return HIGH
    if any(word.role is _Role.ambiguous for word in run):
        return HIGH if run[0].given else LOW
    return LOW if context.weak or not run[0].initial else None


def _single_word_confidence(word: _Word, context: _Context) -> Confidence | None:
    """One word that is also an ordinary word, a place or a rare word nobody listed."""
    if word.key in _MONTHS:
        # "June reported …", but "in June".
        sure = context.person
    elif word.role is _Role.common:
        # A frequent word: names are frequent too ("Dave", "Chris"), but so are brands.
        return LOW if context.person else None
    elif word.role is _Role.rare:
        sure = context.person or (context.activity and not word.initial)
    elif not word.given:
        # A surname that is also a word or a place ("Berg", "Bakken").
        sure = context.person
    else:
        return _given_word_confidence(word, context)
    if sure:
        return HIGH
    return LOW if context.weak and not word.initial and word.key not in _MONTHS else None


def _given_word_confidence(word: _Word, context: _Context) -> Confidence | None:
    """A given name that is also a word: "Liv", "Stein", "Will"."""
    if context.person:
        return HIGH
    if not word.initial:
        # "med Liv": in running text such a word is capitalised only as a name.
        return HIGH if context.weak or context.activity else LOW
    if (context.weak or context.activity) and context.person_later:
        # "Stein har vært sykmeldt, og han …" is about a man; "Stein på stein" is not.
        return HIGH
    return None


def _lowercase_names(lex: Lexicon, text: str) -> Iterator[NameHit]:
    """Names typed in lower case, as in quick notes ("snakket med ola i dag", "hilde var
    blidere i dag"): a listed given name that is no ordinary word, opening a sentence before
    a verb, or after a verb of asking or telling.

    Only in text that opens a sentence in lower case: whoever capitalises sentences
    capitalises names too (and looking for the verbs everywhere would double the scan).
    """
    openings = list(_LOWERCASE_OPENING().finditer(text))
    if not openings:
        return
    candidates = [(match, bool(_OPENING_VERB().match(text, match.end()))) for match in openings]
    candidates += [(match, True) for match in _LOWERCASE_AFTER_CUE().finditer(text)]
    for match, with_verb in candidates:
        key = fold(match["name"])
        if not with_verb or key not in lex.given:
            continue
        if lex.is_ambiguous(key, "nb") or lex.is_ambiguous(key, "en"):
            continue
        if key in lex.not_names or key in lex.stopwords or key in lex.places:
            continue
        after_cue = match.re is _LOWERCASE_AFTER_CUE()
        sure = after_cue or _AFTER_PERSON().match(text[match.end() : match.end() + 60])
        yield NameHit(match.start("name"), match.end("name"), HIGH if sure else LOW)


def find_names(text: str, lang: str) -> Iterator[NameHit]:
    """Names in ``text`` found from the lists and the words around them."""
    lex = lexicon()
    words = [
        word
        for match in _TOKEN().finditer(text)
        if (word := _classify(lex, text, match, lang)) is not None
    ]
    for raw_run in _runs(text, words):
        run = _trim(raw_run, lex)
        if not run or all(word.role is _Role.common for word in run):
            continue
        start, end = run[0].start, run[-1].end
        confidence = _confidence(run, _context(lex, text, start, end))
        if confidence is not None:
            yield NameHit(start, end, confidence)
    yield from _lowercase_names(lex, text)
