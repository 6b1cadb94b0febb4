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
- Some marks make any word a name: an age right after it ("Vår (34)", "Kenji, who is
  12"), a verb of naming before it ("kaller seg Wojtek", "call me Sunny"), a speaker's label
  in a dialogue ("Holly: …"), a possessive before kin or a body part ("Sols mor").
- Some make a name no one: a place after a preposition of place ("around Florence"), a
  fixed expression ("Adam's apple", "Christmas Eve"), a score ("Tampa 47"), a word for kin
  without such a mark ("Nan lives with us").
- The text as a whole: a word that is a sure name in one place is one everywhere in it,
  and a given name listed with a sure name is one too ("Trym og Ask").
- Forms, signatures and quick notes, in any case: a form's field for a person ("Pasient:
  Hansen, Astrid", "NAVN: KARI NORDMANN"), a signature after a closing, a dash or on the
  last line ("mvh silje", "– KB"), a lower-case name after a title, a verb of naming or a
  word for kin ("mrs jenkins", "broren hans, yonas"), a mention ("@priya"). Roles,
  departments, abbreviations and two ordinary words written as one ("Legevakt") are none.
- Weaker cues, taken together where none decides alone: who a word is in brackets ("Joy
  (daughter)"), a nickname in brackets after a name ("(Tina)"), the next sentence's
  pronoun ("Bjørn var sint i dag. Han …"), a person's state or kind ("Sol har vondt", "is a
  stubborn old man"), a role and a comma ("the registrar, Priti"), being spoken to ("…,
  Rebbeca, you were"), initials with full stops after "by" or opening a note, a name opening
  a message before a dash. A bare noun seldom opens a sentence as the subject of its verb:
  a given name that is also a word does so as a maybe ("Mark has tried physio").
- And against them: a preposition hardly said of a person ("i", "in", "near", "Co."), a
  surname or a rare word after "fra" or "from", the English article ("the John
  Radcliffe", "a Sue Ryder nurse"), a title's "X of", an institution's last word
  ("Karolinska Institutet"), a street's name before its number, a Norwegian imperative
  with its object ("Lene deg fram"), a name said to be made up ("(fiktivt navn)").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from enum import Enum
from typing import Final, NamedTuple

from physioreflect._regex import LazyPattern, RegexBook
from physioreflect.privacy._finding import Confidence
from physioreflect.privacy._lexicon import COMMON_ZIPF, Lexicon, fold, lexicon

__all__ = ["NameHit", "find_names"]

HIGH: Final = Confidence.high
LOW: Final = Confidence.low


class NameHit(NamedTuple):
    start: int
    end: int
    confidence: Confidence


@functools.cache
def _capitals() -> str:
    """The capital letters of the Latin scripts (Vietnamese included), as a character
    class's ranges: shorter to compile than the letters one by one."""
    codes = [code for code in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)) if chr(code).isupper()]
    ranges: list[str] = []
    first = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            ranges.append(chr(first) if first == previous else f"{chr(first)}-{chr(previous)}")
            first = code
        previous = code
    return "".join(ranges)


_BOOK: Final = RegexBook(
    "privacy-names", prepare=lambda source: source.replace("{capitals}", _capitals())
)
"""The name finder's patterns: many and long, so importing the privacy package compiles
none of them, and the first scan compiles them all (or reads them back, compiled)."""


def _lazy(source: str) -> LazyPattern:
    """A pattern of the book; ``{capitals}`` stands for the class of capital letters."""
    return _BOOK.pattern(source)


class _Role(Enum):
    name = "name"
    """A listed given name or surname that is no ordinary word."""
    ambiguous = "ambiguous"
    """A listed name that is also a word or a place."""
    rare = "rare"
    """Not listed, and not an ordinary word: maybe a name nobody listed."""
    common = "common"
    """An ordinary word (a name only right after a given name, as its surname)."""


class _Word(NamedTuple):
    start: int
    end: int
    """Without a possessive ending: "Sigrids" and "Nora's" give "Sigrid", "Nora"."""
    key: str
    role: _Role
    given: bool
    initial: bool
    """Opens a sentence (or a quote, a bracket, a list item)."""
    possessive: bool = False
    """Written with an apostrophe's possessive ("Noel's", "Chris'")."""
    genitive: bool = False
    """With the Norwegian genitive's s ("Sigrids")."""
    bare: _Bare | None = None
    """Also a month or a word for kin: a name only with more to go on."""


class _Bare(Enum):
    time = "time"
    """A month or a season that is also a given name ("Vår", "Mai", "August"): a name with
    an age, a surname, a naming verb, a speaker's label, or a verb only a person does."""
    kin = "kin"
    """A word for kin that is also a given name ("Nan"): a name with an age, a surname, a
    naming verb or a speaker's label, not merely because a person speaks ("Nan said")."""


# A capitalised word, with inner apostrophes and hyphens: O'Connor, Anne-Lise, Al-Hassan.
# Only capitalised words are looked at, and looking for them is most of the work: the class
# of capital letters (Latin scripts, Vietnamese) lets the search skip everything else.
# The capital comes first, and what stands before it is looked at after: the search then
# skips to the next capital at once. "al-" and "el-" may stand before ("al-Rashid").
_TOKEN: Final = _lazy(
    r"[{capitals}](?<![\w'’].)(?:(?<!-.)|(?<=\bal-.)|(?<=\bel-.))[^\W\d_]*"
    r"(?:['’-][^\W\d_]+)*"
)
# The Arabic article written in lower case and joined by a hyphen: "Dr. al-Rashid".
_ARTICLE_PREFIXES: Final = ("al-", "el-")
# Irish and Scottish surnames by their shape: "O'Neill", "D'Arcy", "McAllister". Such a
# word is a name nobody listed even where it is frequent as a word (wordfreq counts the
# famous ones), unless it is a cited author or an eponym (McKenzie, McMurray).
_GAELIC_SHAPE: Final = _lazy(r"^(?:[OD]['’][{capitals}]|Ma?c[{capitals}][a-z])")
# A word in capitals on a form: "PASIENT: TORE HALVORSEN", "Patient: O'SULLIVAN, Seán".
_CAPITALS_WORD: Final = _lazy(r"^[{capitals}]{2,}(?:['’-][{capitals}]+)*(?:['’]S)?$")
_LABEL_COLON: Final = _lazy(r"[ \t]*:")
_POSSESSIVE: Final = _lazy(r"['’]s$|['’]$")
# Between two words of one name: a space, or up to three particles (Abu Bakr, van der Berg,
# bin Zayed, Rhys ap Gwilym, Pádraig Ó Súilleabháin, Maria dela Cruz).
# Initials between the words of a name count as part of it: "Hilde K. Brekke", "Magnus Aa.
# Lunde", "Mary-Jo P. R. Hale".
_JOIN: Final = _lazy(
    r"[ \u00a0](?:(?:al|el|bin|binti|bint|ibn|van|von|der|den|de|da|di|dos|das|del|della|"
    r"dela|delos|du|la|le|ul|ur|ap|ab|ó|Ó|ní|nic|mac|ua|uí)[ \u00a0]){0,3}"
    r"(?:[{capitals}][a-zæøå]?\.[ \u00a0]?)*"
)
# An initial before a name ("J. Harrington", "A. Nilsen") or after a given name ("Astrid
# B.", "Tom H."): part of the name, and a mark of one.
_INITIAL_BEFORE: Final = _lazy(r"(?<![\w.'’-])(?:[{capitals}][a-zæøå]?\.[ \u00a0]?){1,3}[ \u00a0]$")
_INITIAL_AFTER: Final = _lazy(r"[ \u00a0](?:[{capitals}][a-zæøå]?\.){1,2}(?![\w])")
_AFTER_NAME_WORD: Final = _lazy(r"[{capitals}][^\W\d_]+[ \u00a0]$")
# Two letters with a full stop that are abbreviations, not initials.
_NOT_INITIALS: Final = frozenset(
    {"dr", "st", "mr", "ms", "mx", "nr", "kl", "ca", "jf", "ev", "bl", "no", "vs", "pt", "fx"}
    | {"co", "mt", "ft"}
)
_SENTENCE_END: Final = frozenset(".!?:;\n\r\t«»\"“”„‘'(•*–—-|>[")

# ── context ───────────────────────────────────────────────────────────────────────────────
# A verb of asking, telling or meeting just before: the next words are whom.
_ASKED_WHOM: Final = (
    r"(?:spurte|spør|spurt|fortalte|fortell|sa\s+til|sier\s+til|snakket\s+med|snakker\s+med|"
    r"pratet\s+med|prater\s+med|møtte|møter|traff|treffer|hilste\s+på|ba|hjalp|hjelper|viste|"
    r"forklarte|forklarer|behandlet|behandler|undersøkte|veiledet|veileder|oppfordret|motiverte|"
    r"besøkte|anbefalte|minnet|takket|ringte|ringer|sammen\s+med|vurderte|kartla|testet|"
    r"instruerte|mobiliserte|fulgte\s+opp|"
    r"asked|ask|asks|told|tell|tells|met|meet|meets|helped|help|helps|showed|explained\s+to|"
    r"treated|treat|examined|encouraged|motivated|visited|reminded|thanked|assessed|reviewed|"
    r"instructed|mobilised|mobilized|followed\s+up|"
    r"talked\s+(?:to|with)|spoke\s+(?:to|with)|together\s+with)"
)
# A verb of saying before the name, the word order of a quote's tag: "sa Murat:", "«Nei»,
# svarte Kari", "asked Tom".
_SAID_BY: Final = (
    r"(?:sa|sier|spurte|spør|svarte|svarer|ropte|sukket|forklarte|la\s+til|"
    r"said|says|replied|answered|added|shouted|sighed|whispered)"
)
# A verb of naming: whatever capitalised words follow are what a person is called, ordinary
# words included ("kaller seg Wojtek", "call me Sunny", "goes by Bob").
# Looked for once in the whole text: trying it before every capitalised word was slower.
_NAMING_VERB: Final = (
    r"kall(?:er|te|e)\s+(?:seg|meg|henne|ham|han|hen|oss)|"
    r"call(?:s|ed)?\s+(?:me|her|him|them|herself|himself|themselves)|"
    r"(?:goes|went|go)\s+by|går\s+under\s+navnet|"
    # A nickname or the full form: "(kalt «Nok»)", "Sol (short for Soledad)", "aka Tina".
    r"(?<=\()(?:kalt|kalla|called)|known\s+as|a\.?k\.?a\.?|short\s+for|kort\s+for"
)
# A title or a role right before a name: "Overlege Jürgen Weber", "student Magnus Aa.
# Lunde", "clinical educator Sam Hill", "sykepleier Kari". Whatever capitalised words follow
# are the person's name, ordinary words included ("Weber", "Rose").
_TITLE: Final = (
    r"(?:over|fast|turnus|assistent)?lege(?:n)?|veileder(?:en)?|praksisveileder(?:en)?|"
    r"(?:med)?student(?:en)?|sykepleier(?:en)?|hjelpepleier(?:en)?|helsefagarbeider(?:en)?|"
    r"fysioterapeut(?:en)?|ergoterapeut(?:en)?|tolk(?:en)?|kollega(?:en)?|avdelingsleder(?:en)?|"
    r"doktor|professor|prof\.?|dr\.?|mrs\.?|mr\.?|ms\.?|mx\.?|miss|fru|frue|frk\.?|herr|"
    r"pan|pani|"
    r"(?:clinical\s+|practice\s+)?(?:educator|supervisor|tutor|lead)|(?:charge\s+)?nurse|"
    r"sister|doctor|consultant|registrar|physio(?:therapist)?|(?:occupational\s+)?therapist|"
    r"OT|GP|interpreter|colleague|student|mentor|matron"
)
# Whom a greeting or a title may address that is no name: "Dear Colleague", "Hi All".
_ROLE_WORD: Final = _lazy(
    r"(?i)(?:" + _TITLE + r"|madam|sir|alle|all|team|teamet|everyone|both|dere|begge|folks|"
    r"admin|administrasjonen|reception|resepsjonen|ekspedisjonen|office|kontoret|secretary|"
    r"sekretær|sekretæren|avdelingen|department|ward|posten|staff|personalet|dept|unit|"
    r"clinic|service|services|avd|avdeling|enhet|enheten|poliklinikk|outpatients|opd)"
)
# Greetings at the start of a line: the next words are whom they greet ("Hei Kari", "Hi
# Priya", "Dear Mrs Hughes").
_GREETING: Final = r"(?:hei|hallo|heisann|kjære|hi|hello|hey|dear|morning|god\s+morgen)"
# Looked for once in the whole text: trying it before every capitalised word was slower.
_NAMING: Final = _lazy(
    r"(?i)(?:\b(?P<verb>" + _NAMING_VERB + r")(?:[ \u00a0]+(?:egentlig|faktisk|actually))?"
    r"[ \u00a0]+[\"'«“‘]?[ \u00a0]*"
    r"|\b(?<!-)(?:" + _TITLE + r")[ \u00a0]+"
    r"|(?:^|(?<=\n))[ \t]*" + _GREETING + r"[ \u00a0]+)"
)
# Kin, partners, friends and neighbours named before a name: "broren Yonas", "kusina si,
# Iryna", "her neighbour Bronwyn", "his partner, Thandiwe".
_RELATION: Final = (
    r"moren|mora|faren|broren|broa|søsteren|søstera|samboeren|kjæresten|ektefellen|"
    r"svigersønnen|svigerdatteren|svigermoren|svigerfaren|svogeren|svigerinnen|barnebarnet|"
    r"bestemoren|bestefaren|onkelen|tanten|fetteren|kusinen|kusina|nevøen|niesen|naboen|"
    r"venninnen|venninna|vennen|kameraten|stesønnen|stedatteren|"
    r"brother|sister|partner|fiancée?|boyfriend|girlfriend|neighbou?r|friend|niece|nephew|"
    r"cousin|grandson|granddaughter|grandmother|grandfather|grandma|grandad|grandpa|aunt|"
    r"uncle|stepson|stepdaughter|son-in-law|daughter-in-law|carer|mum|dad|mom"
)
_BEFORE_STRONG: Final = _lazy(
    r"(?i)\b(?:" + _ASKED_WHOM + r"|" + _SAID_BY + r"|"
    r"pasienten|pasient|klienten|brukeren|kvinnen|mannen|datteren|sønnen|kona|ektemannen|"
    r"patient|client|wife|husband|daughter|son|mother|father|woman|man|lady|gentleman|pt|"
    r"fulgte|fulgt|followed|shadowed|"
    r"(?:" + _RELATION + r")(?:[ \u00a0]+(?:hans|hennes|si|sin|deres|til[ \u00a0]+\w+))?)"
    # "Pasienten (Gudveig)", "Pt (Maeve)": the name in brackets after the word.
    r"\s*[,(]?[ \u00a0]*$"
    # A role and a comma before a name: "the registrar, Priti", "veilederen min, Torunn".
    r"|\b(?:" + _TITLE + r")(?:[ \u00a0]+(?:min|mi|mitt|hans|hennes))?[ \u00a0]*,[ \u00a0]*$"
)
_BEFORE_WEAK: Final = _lazy(r"(?i)\b(?:med|til|hos|for|om|og|with|to|for|about|and|of)[ \u00a0]+$")
# An age right after a name: "(52)", "(svensk, 26)", ", 80,", ", 52 år", " – 72,", ", who
# is 9". Sure even of a word that is also a month or an ordinary word ("Vår (34)").
_AGE_AFTER: Final = _lazy(
    r"(?i)^(?:[ \u00a0]*\(\s*(?:[^\W\d_]+\s*,\s*)?(?:[mfkMFK]\s*,?\s*)?\d{1,3}\s*"
    r"(?:år|years?|y\.?o\.?)?\s*\)"
    r"|[ \u00a0]*,\s*(?:en|ei|et|a|an)?\s*\d{1,3}(?:\s*år|\s*years?|-år|-year|\s*,)"
    r"|[ \u00a0]*[–—-][ \u00a0]*\d{1,3}(?:\s*år|\s*years?)?\s*[,.;)]"
    r"|[ \u00a0]*,\s*(?:who\s+is|who['’]s|som\s+er)\s+\d{1,3}\b"
    r"|[ \u00a0]*,\s*(?:aged?|alder)\s+\d{1,3}\b"
    # Name and age together in brackets: "Pasienten (Henrikke, 34)".
    r"|,\s*\d{1,3}\s*(?:år|years?|y\.?o\.?)?\s*\)"
    # "Kealoha is a 40-year-old surfer", "Ola er en 80 år gammel mann".
    r"|[ \u00a0]+(?:is|was|er|var)\s+(?:a|an|en|ei|et)\s+\d{1,3}[ -](?:year|år))"
)
# A speaker's label opening a line of dialogue: "Holly: Rubbish, to be honest."
_LABEL_AFTER: Final = _lazy(r":[ \u00a0]")
_LABELS: Final = _lazy(r"(?m)^[ \t]*([^\W\d_][\w'’-]*)[ \t]*:[ \t]")
# What a speaker says after the label's colon: words, not a date or a number.
_SAYS_SOMETHING: Final = _lazy(r":[ \t]*[\"«“'(]?[^\W\d_]")
# Labels of the people in a transcript who are named by their role.
_ROLE_LABELS: Final = frozenset(
    {
        *("student", "pasient", "patient", "pas", "pt", "jeg", "me", "i", "terapeut"),
        *("therapist", "fysio", "physio", "fysioterapeut", "physiotherapist", "veileder"),
        *("supervisor", "educator", "intervjuer", "interviewer", "tolk", "interpreter"),
        *("sykepleier", "nurse", "lege", "doctor", "gp", "mor", "far", "mum", "dad", "mamma"),
        *("pappa", "kone", "wife", "mann", "husband"),
    }
)
# Roles that label a line or a field without being anyone's name.
_MORE_ROLE_LABELS: Final = frozenset(
    {"educator", "mentor", "tutor", "assessor", "observer", "praksisveileder", "sensor"}
)
# Words for a person, in brackets or after "is a": kin, roles, people.
_PERSON_NOUN: Final = (
    r"daughter|son|wife|husband|mother|father|sister|brother|partner|mum|dad|mom|grandson|"
    r"granddaughter|grandmother|grandfather|niece|nephew|aunt|uncle|cousin|friend|neighbou?r|"
    r"carer|patient|client|tourist|student|nurse|physio|colleague|interpreter|supervisor|"
    r"educator|mentor|man|woman|lady|gentleman|boy|girl|person|mother-in-law|father-in-law|"
    r"datter|datteren|sønn|sønnen|kone|kona|mann|mannen|ektemann|ektefelle|samboer|mor|moren|"
    r"far|faren|søster|bror|barnebarn|nabo|venn|venninne|turist|sykepleier|fysioterapeut|"
    r"kollega|tolk|pårørende|veileder|pasient|pasienten|klient|kvinne|dame|gutt|jente|"
    r"svigermor|svigerfar|svigersønn|svigerdatter|bestemor|bestefar"
)
# A person's age stated: "Jordan is 24", "Torstein er 90" (not "… er 48/56", "… is 30 kg").
_AGE_STATED: Final = (
    r"[ \u00a0]+(?:er|var|is|was|turned|fyller|fylte|blir)[ \u00a0]+\d{1,3}"
    r"(?![\d/,.%x×]|\s*(?:%|kg|cm|mm|m\b|km|min|sek|s\b|ganger|times|dager|days|uker|weeks|"
    r"grader|degrees|°|reps|repetisjoner|poeng|points))"
)
# A verb only a person does, after the name: saying, thinking, feeling; or a stated age.
_AFTER_PERSON: Final = _lazy(
    r"(?i)^(?:" + _AGE_STATED + r""
    r"|[ \u00a0]+(?:sa|sier|forteller|fortalte|forklarer|forklarte|mener|mente|synes|syntes|"
    r"tenker|tenkte|tror|trodde|føler|følte|ønsker|ønsket|liker|likte|svarte|svarer|spurte|spør|"
    r"lo|ler|gråt|smilte|beskriver|beskrev|uttrykker|uttrykte|sukket|nikket|gruer|gleder|"
    r"savner|savnet|elsker|hater|husker|innrømmet|lurte|"
    r"said|says|told|tells|explained|explains|reports|reported|feels|felt|thinks|thought|"
    r"believes|wants|wanted|likes|liked|enjoys|enjoyed|answered|replied|asked|asks|laughed|"
    r"smiled|cried|sighed|nodded|describes|described|mentioned|admitted|agreed|hates|hated|"
    r"loves|loved|misses|missed|remembers|remembered|wondered|wonders|prefers|preferred|"
    r"virket|virker|etterlyste|foreslo|påpekte|understreket|skrev|sendte|"
    r"seemed|seems|suggested|pointed\s+out|emphasised|emphasized|wrote|emailed|texted|"
    r"messaged|attends|attended)\b"
    # Where the person is from, then a verb of telling: "Dawn from the community team
    # emailed", "Kari fra hjemmetjenesten ringte".
    r"|[ \u00a0]+(?:from|fra|på|at|hos)(?:[ \u00a0]+[\w-]+){1,4}?[ \u00a0]+(?:said|says|tells|"
    r"told|asked|asks|called|calls|emails|sier|forteller|spurte|spør|emailed|"
    r"rang|phoned|called|told|texted|messaged|wrote|sa|ringte|sendte|fortalte|skrev|mailet)\b"
    # An appositive that says a person: "Edvin, en mann på 78", "Seamus, a man in his …".
    r"|[ \u00a0]*,[ \u00a0]*(?:en|ei|a|an)[ \u00a0]+(?:[\w-]+[ \u00a0]+)?(?:mann|kvinne|dame|"
    r"gutt|jente|pasient|man|woman|lady|gentleman|boy|girl|patient)\b"
    # An appositive ", who …" or one that gives a role: "April, my clinical educator,".
    r"|[ \u00a0]*,[ \u00a0]*who\b"
    # Spoken to: "Thanks for everything, Rebbeca, you were …", "Takk, Kari, du har …".
    r"|[ \u00a0]*,[ \u00a0]*(?:you|du|dere)\b"
    r"|[ \u00a0]*,[ \u00a0]*(?:my|our|her|his|their|the|min|mi|mitt|vår|hans|hennes|deres)"
    r"(?:[ \u00a0]+[\w-]+)?[ \u00a0]+(?:" + _TITLE + r"|kollega|venn|venninne|friend|"
    r"partner|neighbour|nabo|wife|husband|kone|mann|daughter|son|datter|sønn|mother|father|"
    r"mor|far|sister|brother|søster|bror|patient|pasient|client|klient|bruker)[ \u00a0]*,"
    r"|[ \u00a0]+(?:og\s+jeg|and\s+I|og\s+(?:mannen|kona|datteren|sønnen)|and\s+(?:her|his))\b"
    # Who it is, in brackets: "Joy (daughter)", "Jürgen Weiß-Becker (tourist)", "Sol (short
    # for Soledad)", "Kanokwan (kalt «Nok»)".
    r"|[ \u00a0]*\((?:(?:the|her|his|my|min|hans|hennes)[ \u00a0]+)?"
    r"(?:" + _PERSON_NOUN + r"|short\s+for|kort\s+for|kalt|kalla|called|aka)\b"
    # A person's state: "Sol har vondt i nakken", "Kari has pain in her knee".
    r"|[ \u00a0]+(?:har|hadde|has|had)[ \u00a0]+(?:(?:hatt|had)[ \u00a0]+)?"
    r"(?:vondt|smerter|pain)\b"
    # What a person is: "Ernst is a stubborn old man", "Hodan er en aktiv kvinne".
    r"|[ \u00a0]+(?:is|was|er|var)[ \u00a0]+(?:a|an|the|en|ei|et)[ \u00a0]+"
    r"(?:[\w-]+[ \u00a0]+){0,3}?(?:" + _PERSON_NOUN + r")\b)"
)
# A family by its name: "The Okonjo family", "familien Bråthen" (before: a title).
_FAMILY_AFTER: Final = _lazy(
    r"(?i)^(?:['’]s)?[ \u00a0]+(?:family|family['’]s|household|famil(?:y|ie)s)\b"
)
# The Norwegian subject after its verb, when a phrase opens the sentence: "I dag gikk
# Hallgerd lenger", "Etter timen trente Eivor alene".
_INVERTED_VERBS: Final = frozenset(
    {"gikk", "kom", "trente", "klarte", "fikk", "ville", "kunne", "skulle", "hadde", "ble"}
    | {"virket", "syntes", "mente", "opplevde", "begynte", "prøvde", "svarte", "fortalte"}
    | {"ringte", "ga", "gjorde", "sto", "satt", "lå"}
)


def _inverted(before: str) -> bool:
    """Whether ``before`` ends with a verb after which its subject may come."""
    if not before.endswith((" ", "\u00a0")):
        return False
    words = before.split()
    return bool(words) and words[-1] in _INVERTED_VERBS


# Coming, getting, calling: said of a person opening a sentence ("Stig kom alene", "Will
# came in"), hardly of the ordinary word of the same spelling.
_AFTER_ARRIVAL: Final = _lazy(
    r"(?i)^[ \u00a0]+(?:kom|fikk|ringte|avlyste|ankom|came|got|rang|phoned|cancelled|canceled|"
    r"arrived|turned\s+up|dukket\s+opp|møtte\s+opp)\b"
)
# What a person does and a thing hardly: "Eldrid klarte", "Ffion managed" (not "Ortosen
# kom", "Prehab started", "Physitrack worked").
_AFTER_DOING: Final = _lazy(
    r"(?i)^[ \u00a0]+(?:klarte|klarer|trente|trener|jobber|jobbet|bor|bodde|prøvde|prøver|vet|"
    r"lever|ringte|avlyste|ankom|møtte\s+opp|dukket\s+opp|gruet|gledet|"
    r"managed|manages|trained|trains|lives|lived|tried|tries|struggles|struggled|knows|knew|"
    r"rang|phoned|cancelled|canceled|arrived|turned\s+up|walked|walks|"
    r"reiste|reiser|satt|sitter|sto|står|mobiliserer|mobiliserte|"
    r"stood|sat|sits|stands|became|mobilising|mobilizing|mobilises|mobilizes)\b"
)
# Norwegian nouns in the definite form, as things ("Ortosen gikk i stykker"), end so.
_DEFINITE_NOUN: Final = _lazy(r"(?:en|et|ene|ane)$")
# "X sin datter": the spoken Norwegian possessive.
_SIN_AFTER: Final = _lazy(r"(?i)^[ \u00a0]+(?:sin|sitt|sine)\b")
# Kin, a partner or a body part after a possessive: "Sols mor", "Will's daughter", "Liv
# sin mann", "Hope's knee".
_KIN_AFTER: Final = _lazy(
    r"(?i)^(?:['’]s|['’]|s)?(?:[ \u00a0]+(?:sin|sitt|sine))?[ \u00a0]+"
    r"(?:mor|mora|far|faren|mann|mannen|kone|kona|samboer|kjæreste|datter|dattera|sønn|"
    r"søster|bror|barn|foreldre|venninne|venn|"
    r"mother|mum|mom|father|dad|husband|wife|partner|son|daughter|sister|brother|children|"
    r"kids|parents|friend|carer|"
    r"kne|kneet|hofte|hofta|rygg|ryggen|skulder|skuldra|ankel|ankelen|nakke|nakken|håndledd|"
    r"fot|foten|legg|leggen|arm|armen|hånd|hånda|smerter|knee|hip|back|shoulder|ankle|neck|"
    r"wrist|foot|leg|hand|elbow|pain)\b"
)
# Verbs of doing: a person's, mostly, but "Dawn walks" and "Pain started" too.
_AFTER_ACTIVITY: Final = _lazy(
    r"(?i)^[ \u00a0]+(?:opplever|opplevde|sluttet|begynte|prøvde|trener|trente|jobber|jobbet|"
    r"bor|bodde|kom|kommer|vet|lever|klarer|klarte|går|gikk|"
    r"tried|started|stopped|walks|walked|works|worked|lives|lived|came|comes|struggles|"
    r"struggled|manages|managed|knows|knew|goes|went)\b"
    # "Dawn walks are his favourite": a noun.
    r"(?![ \u00a0]+(?:are|is|were|was|er|var)\b)"
)
# A finite verb right after a word, its subject: "var", "has", "trener", "came".
_VERB_AFTER: Final = _lazy(
    r"(?i)^[ \u00a0]+(?:har|hadde|er|var|skal|skulle|kan|kunne|må|måtte|vil|ville|ble|går|gikk|"
    r"has|had|is|was|will|would|can|could|did|does|didn['’]t|doesn['’]t|isn['’]t|wasn['’]t|"
    r"trenger|trengte|needs|needed|opplever|opplevde|sluttet|begynte|prøvde|trener|trente|"
    r"jobber|jobbet|bor|bodde|kom|kommer|vet|lever|klarer|klarte|fikk|får|"
    r"tried|tries|started|stopped|walks|walked|works|worked|lives|lived|came|comes|struggles|"
    r"struggled|manages|managed|knows|knew|goes|went|got|gets)\b"
    # "Dawn walks are his favourite": a noun.
    r"(?![ \u00a0]+(?:are|is|were|was|er|var)\b)"
)
_AFTER_WEAK: Final = _lazy(
    r"(?i)^(?:[ \u00a0]+(?:har|hadde|er|var|skal|skulle|kan|kunne|må|måtte|vil|ville|ble|går|"
    r"gikk|has|had|is|was|will|would|can|could|didn['’]t|doesn['’]t|don['’]t|won['’]t|"
    r"can['’]t|isn['’]t|wasn['’]t|hasn['’]t|hadn['’]t|did|does|needs|needed|trenger|trengte)\b"
    r"|['’]?s[ \u00a0])"
)
# Marks of a cited author: "Gibbs (1988)", "Silbernagel et al.", "Michie og kolleger",
# "Thomeés modell", "Stratford's scale".
_CITATION_AFTER: Final = _lazy(
    r"(?i)^(?:[ \u00a0]*(?:et\s+al|og\s+kolleger|and\s+colleagues|og\s+medarbeidere)\b"
    r"|[ \u00a0]*\(?\s*(?:19|20)\d\d\b|[ \u00a0]*,\s*(?:19|20)\d\d\b"
    r"|[ \u00a0]*(?:&|og|and)\s+[A-ZÆØÅ][\w'’-]+\s*\(\s*(?:19|20)\d\d"
    # A test found positive: "Cozen's positive, grip reduced" (not "Kari's positive attitude").
    r"|['’]?s?[ \u00a0]+(?:test[ \u00a0]+)?(?:positive|negative|positiv|negativ|pos|neg)\b"
    r"(?![ \u00a0]+[^\W\d_])"
    # "Johns' structured reflection", "Gibbs' reflective cycle".
    r"|(?:['’]?s['’]?)?[ \u00a0]+(?:[^\W\d_]+(?:ed|al|ive|ic|isk|iske)[ \u00a0]+)?"
    r"(?:modell|modellen|model|syklus|cycle|sirkel|sirkelen|circle|reflection|refleksjon|"
    # A scale or a test written as one word with what it measures: "Berg balanseskala".
    r"[^\W\d_]+(?:skala|skalaen|test|testen|score|scoren|indeks|indeksen)|"
    r"refleksjonssirkel|refleksjonssyklus|reflective|teori|teorien|theory|taksonomi|taxonomy|"
    r"skala|skalaen|scale|test|testen|rubric|rubrikk|metode|metoden|method|prinsipp|principle|"
    r"approach|framework|tilnærming|tilnærmingen|rammeverk|rammeverket|konsept|concept|"
    r"sykdom|disease|syndrom|syndrome|tegn|sign|manøver|manoeuvre|maneuver|palsy|cyst|"
    r"cyste|fracture|fraktur|contracture|kontraktur|[^\W\d_]+itt?is|[^\W\d_]+osis)\b)"
)
# A name said to be made up: "«Knut» (fiktivt navn)", "Anna (not her real name)".
_MADE_UP_AFTER: Final = _lazy(
    r"(?i)^[»\"”’']?[ \u00a0]*\((?:fiktivt|oppdiktet|anonymisert|endret|falskt)[ \u00a0]+navn"
    r"|^[»\"”’']?[ \u00a0]*\((?:not[ \u00a0]+(?:his|her|their)[ \u00a0]+real[ \u00a0]+name|"
    r"pseudonym|name[ \u00a0]+changed|made[- ]up[ \u00a0]+name)"
)
_CITATION_BEFORE: Final = _lazy(
    r"(?i)(?:\((?:se|see)|\b(?:ifølge|according\s+to|jf\.?|cf\.?|beskrevet\s+av|described\s+by|"
    r"utviklet\s+av|developed\s+by|following|i\s+tråd\s+med|in\s+line\s+with))[ \u00a0]+$"
)
# A run of names followed by one of these is a place or an institution: "St. Olavs
# hospital", "Olav Kyrres gate", "Sofies minde".
_INSTITUTION_AFTER: Final = _lazy(
    # "Fridtjof Nansens plass", "Sophies Minde": a genitive between.
    r"(?i)^(?:['’]?s)?(?:[ \u00a0]+[{capitals}][^\W\d_]+s)?[ \u00a0]+"
    r"(?:gate|gata|vei|veien|veg|plass|plassen|allé|skole|skolen|sykehus|"
    r"hospital|kirke|senter|senteret|park|parken|minde|street|road|avenue|school|church|"
    r"centre|center|university|universitet|college|clinic|klinikk|fysikalske|legesenter|"
    r"station|stasjon|line|bridge|bru|airport|flyplass|hotel|hotell|kafé|cafe|restaurant|"
    r"butikk|shop|store|gym|treningssenter|studio|unit|institute|institutet|instituttet|"
    r"ortopedi|hospice|trust|foundation|stiftelse|sykehjem|helsehus|legekontor|surgery|"
    r"practice|nurse|nurses|programme|program|nursing\s+home)\b"
    # A street's name whose rest is already replaced: "Fridtjof [ADRESSE]".
    r"|^[ \u00a0]+\[(?:ADRESSE|ADDRESS)\]"
)
# The last word of a run that makes it a place or an institution: "Nuffield Orthopaedic
# Centre", "Karolinska Institutet", "Sophies Minde Ortopedi".
_INSTITUTION_WORDS: Final = frozenset(
    {"hospital", "sykehus", "sykehuset", "centre", "center", "senter", "senteret", "clinic"}
    | {"klinikk", "klinikken", "institute", "institutet", "instituttet", "ortopedi", "unit"}
    | {"hospice", "trust", "foundation", "stiftelse", "university", "universitet", "college"}
    | {"infirmary", "minde", "sykehjem", "helsehus", "legesenter", "school", "skole"}
)
# Later in the same sentence, a person: a pronoun, an age, a verb of saying. "Stein har vært
# sykmeldt, og han …" is about a man; "Stein på stein" is not.
_PERSON_LATER: Final = _lazy(
    r"(?i)\b(?:han|hun|hen|ham|henne|hans|hennes|seg|he|she|him|her|his|hers|himself|herself|"
    r"sier|sa|forteller|fortalte|mener|mente|synes|syntes|says|said|tells|told|thinks|feels|"
    r"\d{1,3}\s*år\b|\d{1,3}\s*years?\s+old|pasient\w*|patient|sykmeldt|stresset|sliten|"
    r"oppgitt|frustrert|motivert|fornøyd|bekymret|redd|timen|økta|discharged|admitted|referred|"
    r"henvist|operert|innlagt|utskrevet|session|appointment|worried|tired|frustrated)"
)
# "Bjørn er et dyr", "Hope is a …", "Joy is not a word": what a word is, not who.
_ARTICLE_AFTER: Final = _lazy(
    r"(?i)^[ \u00a0]+\w+(?:[ \u00a0]+(?:not|ikke|never|aldri|just|bare|only|kun|også|also))?"
    r"[ \u00a0]+(?:en|ei|et|a|an)\b"
)
_NEXT_SENTENCE: Final = _lazy(r"[.!?\n]")
# The next sentence opens with a personal pronoun: "Bjørn var sint i dag. Han mener …" is
# about a man, as "Hagen var full av blomster. Den …" is not.
_PRONOUN_OPENS: Final = _lazy(r"[.!?]?[ \u00a0\n]+(?:Han|Hun|Hen|He|She)\b")
# A cited author next to another: "Moseley og Butler", "Butler and Moseley".
_WORD_BEFORE_AND: Final = _lazy(r"([^\W\d_][\w'’-]*)[ \u00a0]+(?:og|and|&)[ \u00a0]+$")
_AND_WORD_AFTER: Final = _lazy(r"^[ \u00a0]+(?:og|and|&)[ \u00a0]+([^\W\d_][\w'’-]*)")
_LOWER_PART: Final = _lazy(r"-[^\W\d_A-ZÆØÅ]")
# Given names that are more often months, seasons or weather: "June reported …" is a
# person, "in June", "Summer came early", "Storm kom inn fra vest" are not. A name only with
# a verb of saying, an age, a speaker's label.
_TIME_WORDS: Final = frozenset(
    {"april", "may", "june", "august", "mai", "vår", "summer", "autumn", "sol", "storm"}
)
# Given names that are feelings and virtues: "Hope came through", "Faith's role in her
# recovery" are not people, so a verb of coming or a possessive is not enough on its own;
# with a person later in the sentence ("Grace got up … her arms") it is.
_VIRTUES: Final = frozenset(
    {"hope", "faith", "joy", "grace", "patience", "mercy", "charity", "harmony", "destiny"}
)
# A lower-case word opening a sentence (before a verb), or after a verb of asking or telling.
_LOWERCASE_OPENING: Final = _lazy(
    r"(?:^|[.!?][ \u00a0]+|\n[ \u00a0]*)(?P<name>[a-zæøåäöüé][a-zæøåäöüé-]+)"
)
_OPENING_VERB: Final = _lazy(
    r"[ \u00a0]+(?i:sa|sier|var|er|har|hadde|kom|gikk|trener|trente|forteller|fortalte|mener|"
    r"synes|said|says|was|is|has|had|came|told|tells|went|walked|reported|explained|felt|"
    r"feels)\b"
)
_LOWERCASE_AFTER_CUE: Final = _lazy(
    # The name in a lookahead: a cue's word may itself precede a cue ("så ringte ingrid").
    r"\b(?i:" + _ASKED_WHOM + r")[ \u00a0]+"
    r"(?=(?P<name>[a-zæøåäöüé][a-zæøåäöüé-]+)(?![\w-]))"
)
# Seeing, calling or writing to someone: "saw bridget", "ring henrik". Each of these
# patterns starts with the class of its first letters and looks behind after it: the
# search then skips to those letters at once (a leading \b made it four times slower).
_LOWERCASE_AFTER_SEEING: Final = _lazy(
    r"(?P<cue>[sSrRcCtTeEmM](?<![\w].)(?i:aw|een|ee|ett|ing|inge|all|ext|mail|ail|essaged|"
    r"exted|mailed|ailet))[ \u00a0]+(?=(?P<name>[a-zæøåäöüé][a-zæøåäöüé-]+)(?![\w-]))"
)
_SEEING_CUES: Final = frozenset(
    {"saw", "seen", "see", "sett", "ring", "ringe", "call", "text", "email", "mail"}
    | {"messaged", "texted", "emailed", "mailet"}
)
# "med randi", "m/ per", "m august", "with piotr": a person, when a name follows.
_LOWERCASE_AFTER_WITH: Final = _lazy(
    r"(?:^|(?<=[\s(]))(?:med|m/|m|hos|with|w/|fra|from|til|av)[ \u00a0]*(?<=[ \u00a0/])"
    r"(?P<name>[a-zæøåäöüé][a-zæøåäöüé-]+)(?![\w-])"
)
# A lower-case word before a verb a person does (with room for an adverb), or with a
# possessive: "marte ringte og avlyste", "piotr actually did", "bella's knee".
_LOWERCASE_BEFORE_VERB: Final = _lazy(
    r"(?<![\w'’-])(?P<name>[a-zæøåäöüé][a-zæøåäöüé-]+)"
    r"(?:(?P<possessive>['’]s\b)|[ \u00a0]+(?:(?:\w+ly|faktisk|endelig|også|bare|nettopp|"
    r"plutselig|just|also|finally|even)[ \u00a0]+)?"
    r"(?P<verb>sa|sier|ringte|ringer|avlyste|kom|kommer|fikk|gikk|trente|klarte|gjorde|fortalte|"
    r"mente|syntes|var|har|hadde|said|says|called|rang|phoned|cancelled|canceled|came|comes|"
    r"did|does|told|went|walked|ran|got|managed|was|has|had)\b)"
)
# Past tenses of a person, after a lower-case word that is also an ordinary one: "will came
# in today" (no modal verb takes "came").
_PAST_PERSON_VERB: Final = _lazy(
    r"[ \u00a0]+(?:kom|sa|ringte|avlyste|fikk|fortalte|gjorde|came|said|told|rang|phoned|"
    r"cancelled|canceled|did|got)\b"
)
_PRONOUN: Final = _lazy(r"(?i)\b(?:han|hun|hen|ham|henne|hans|hennes|he|she|him|her|his)\b")
_NEXT_WORD: Final = _lazy(r"[ \u00a0]+(?P<word>[a-zæøåäöüé][a-zæøåäöüé-]+)(?![\w-])")
# A place after a preposition of place: "around Florence", "i Paris".
_PLACE_BEFORE: Final = _lazy(
    r"(?i)\b(?:in|at|around|near|from|to|through|across|outside|visit|visited|visiting|"
    r"i|på|rundt|fra|til|ved|nær|gjennom|utenfor|besøke|besøkte)[ \u00a0]+$"
)
# Prepositions hardly said of a person: whatever single word follows is a place ("Mo i Rana",
# "bor i Kautokeino", "in Stornoway", "near Keswick"), unless it owns something.
_ONLY_PLACE_BEFORE: Final = _lazy(
    r"(?:\b(?:in|near|outside|around|i|rundt|nær|utenfor|gjennom|through|across)|"
    r"\b(?i:Co|County|Mount|Mt|Lake|Port|Fort|Cape)\.?)[ \u00a0]+$"
)
# A thing or a title: the English article before a name ("the John Radcliffe", "a Sue Ryder
# nurse"), a capitalised noun and "of" ("Scale of Kinesiophobia", "Society of Physiotherapy").
_THING_BEFORE: Final = _lazy(
    r"(?:\b(?:the|The|a|an|A|An)|\b(?P<noun>[{capitals}][^\W\d_]+)[ \u00a0]+of)"
    r"[ \u00a0]+$"
)
# A Norwegian imperative with its object: "Lene deg fram", "Strekk dere".
_IMPERATIVE_AFTER: Final = _lazy(r"^[ \u00a0]+(?:deg|dere)\b")
# A score after a word: "Tampa 47", "Örebro 62", "Berg 48/56" name a questionnaire or a
# test, not a person (an age says "år" or stands in brackets).
_SCORE_AFTER: Final = _lazy(
    r"(?i)^[ \u00a0]+\d+(?:[.,/]\d+)?\s*%?(?!\s*(?:år|years?|y\.?o|-år|-year))(?![\w-])"
)
_BEFORE_SAINT: Final = _lazy(r"(?i)\b(?:st|sankt|saint|san|santa)\.?[ \u00a0]+$")
# Endings of Norwegian nouns and verbs: a rare word opening a sentence with one of these
# ("Hjemmeøvelsene", "Treningsdagboka") is a compound, not a name.
_NORWEGIAN_ENDING: Final = _lazy(
    r"(?:ene|erne|rne|ingen|ingene|ingane|sjon|sjonen|sjonene|heten|elsen|else|ende|ert|erte|ere|"
    r"ling|lingen|aktig|messig|skap|skapet|boka|boken|dommen|lig|lige|ighet|ett|et|en|a)$"
)


# A form's field for a person, opening a line: whatever name follows its colon is one
# ("Pasient: Hansen, Astrid", "Henvist av: Dr. A. Patel", "Signed: J.M.").
_FORM_LABEL: Final = _lazy(
    r"(?i)[ \t>*•-]*(?:pasient(?:ens)?(?:[ \t]+navn)?|patient(?:['’]s)?(?:[ \t]+name)?|pt|pas\.?|"
    r"klient|client|bruker|(?:fullt[ \t]+|for|etter)?navn(?:[ \t]+på[ \t]+\w+)?|"
    r"(?:full[ \t]+|first[ \t]+|last[ \t]+|sur|(?:student|client|carer)(?:['’]s)?[ \t]+)?name|"
    # "Re: Graham McAllister" in a referral letter.
    r"re|vedr\.?|vedrørende|ang\.?|angående|pårørende|next[ \t]+of[ \t]+kin|nok|kontaktperson|"
    r"contact(?:[ \t]+person)?|"
    r"henvist[ \t]+av|henvisende(?:[ \t]+(?:lege|instans|behandler))?|referred[ \t]+by|"
    r"referrer|referring[ \t]+(?:gp|doctor|clinician|physician)|fastlege|gp|lege|"
    r"terapeut|behandler|behandlende[ \t]+\w+|therapist|fysioterapeut|physiotherapist|physio|"
    r"student|veileder|praksisveileder|supervisor|(?:clinical[ \t]+)?educator|"
    r"(?P<signature>signert|signed|signature|signatur|sign\.?|skrevet[ \t]+av|written[ \t]+by|"
    r"assessed[ \t]+by|vurdert[ \t]+av|seen[ \t]+by|undersøkt[ \t]+av|utført[ \t]+av|"
    r"journalført[ \t]+av|notert[ \t]+av)|tolk|interpreter|mor|far|mother|father)"
    r"[ \t]*:[ \t]*"
)
# The words of a name in a field: capitalised, in capitals, initials, particles; a comma
# between surname and given name ("O'SULLIVAN, Seán").
_FIELD_WORD: Final = _lazy(
    # Initials first: "H.M." is one word, not "H." and "M.".
    r"(?:[{capitals}]\.[ \t]?){1,3}(?![^\W\d_])"
    r"|(?:(?:al|el)-)?[{capitals}][^\W\d_]*(?:['’-][^\W\d_]+)*\.?"
    r"|(?:van|von|der|den|de|da|di|dos|das|del|della|dela|delos|du|la|le|ten|ter|bin|ibn|ap|"
    r"ab)(?=[ \t])"
)
_FIELD_TITLE: Final = _lazy(
    r"(?i)(?:dr|mr|mrs|ms|mx|miss|prof|fru|frue|frk|herr|hr|doktor|lege|overlege)\.?$"
)
_PARTICLES: Final = frozenset(
    {"van", "von", "der", "den", "de", "da", "di", "dos", "das", "del", "della", "du", "la"}
    | {"le", "ten", "ter", "bin", "ibn", "ap", "ab", "dela", "delos"}
)


def _is_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \u00a0":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _hyphenated_name(lex: Lexicon, key: str) -> bool:
    """A double name nobody listed: "Lise-Lotte", "Kari-Mette", "Hansen-Moe": a listed name
    before the hyphen, and after it a name, a rare word or a word not much more frequent
    than a name ("Anne-Trine", "Lise-Lotte")."""
    if "-" not in key:
        return False
    first, *rest = key.split("-")
    if not lex.is_name(first):
        return False
    return all(
        lex.is_name(part)
        or all(lex.frequency(part, lang) < _NAME_LIKE_ZIPF for lang in ("nb", "en"))
        for part in rest
    )


def _bare(lex: Lexicon, key: str) -> _Bare | None:
    """ "Vår", "Mai", "August": a month, a season or a pronoun, and a given name; "Nan": a
    word for kin and a given name."""
    if key in lex.stopwords:
        return _Bare.time
    return _Bare.kin if key in lex.kinship else None


def _classify(lex: Lexicon, text: str, match: re.Match[str], lang: str) -> _Word | None:
    token = match[0]
    start, end = match.span()
    if text[max(0, start - 3) : start] in _ARTICLE_PREFIXES:
        start -= 3
    if len(token) > 2 and _CAPITALS_WORD().match(token):
        return _capitals_word(lex, text, token, start, end, lang)
    return _classify_word(lex, text, token, start, end, lang)


def _genitive(lex: Lexicon, key: str, lang: str) -> bool:
    """Whether ``key`` is a listed name with the genitive's s. In English text, only if it
    is no word ("Lives"); in Norwegian, also if it is much rarer than the name and no
    frequent English word (wordfreq counts "Marias", "Pers" because the names are
    frequent)."""
    name = key[:-1]
    if not lex.is_name(name):
        return False
    if lex.frequency(key, lang) < COMMON_ZIPF:
        return True
    return (
        lang == "nb"
        and lex.frequency(key, "nb") < lex.frequency(name, "nb") - 1.0
        and lex.frequency(key, "en") < _NAME_LIKE_ZIPF
    )


def _classify_word(
    lex: Lexicon, text: str, token: str, start: int, end: int, lang: str
) -> _Word | None:
    # A two-letter initial after a name word ("Magnus Aa. Lunde"), joined to the words
    # around it ("med Jo." is a name).
    abbreviated = (
        len(token) == 2
        and text[end : end + 1] == "."
        and bool(_AFTER_NAME_WORD().search(text, max(0, start - 40), start))
    )
    if abbreviated or len(token) < 2 or token[1].isupper() or _LOWER_PART().search(token):
        # A letter ("Pasient A"), an abbreviation ("PSFS-mål", "NAV", "[NAVN]") or a
        # compound with an eponym ("Baker-cyste").
        return None
    possessive = False
    if found := _POSSESSIVE().search(token):
        end -= len(found[0])
        token = token[: -len(found[0])]
        possessive = True
    key = fold(token)
    bare = _bare(lex, key)
    if key in lex.not_names or (bare is not None and key not in lex.given):
        return None
    genitive = False
    if not lex.is_name(key) and key.endswith("s") and _genitive(lex, key, lang):
        # The Norwegian genitive: "Sigrids mann", "Marias kunnskap"; not a word of the
        # text's language that ends so ("Lives in Tromsø").
        key, end, genitive = key[:-1], end - 1, True
    initial = _is_initial(text, start)
    if lex.is_name(key) or _hyphenated_name(lex, key):
        ambiguous = bare is not None or key in lex.places or lex.is_ambiguous(key, lang)
        role = _Role.ambiguous if ambiguous else _Role.name
        given = key in lex.given or key.split("-")[0] in lex.given
        return _Word(start, end, key, role, given, initial, possessive, genitive, bare)
    common = lex.is_common_word(key) and not _GAELIC_SHAPE().match(token)
    if not common and (
        key in lex.places or (initial and len(key) > 7 and _NORWEGIAN_ENDING().search(key))
    ):
        # A town; or a Norwegian compound opening a sentence ("Hjemmeøvelsene").
        return None
    # "Legevakt", "Hjemmetjenesten", "Hydrotherapy": two ordinary words in one are an
    # ordinary word too.
    role = _Role.common if common or _compound(lex, key) else _Role.rare
    return _Word(start, end, key, role, False, initial, possessive)


# How surnames built from words end ("Fjellheim", "Sandvik", "Skogstad", "Haugerud"): such
# a word is no compound of two ordinary words but a name nobody listed.
_SURNAME_ENDINGS: Final = (
    *("sen", "son", "berg", "stad", "heim", "land", "dal", "dahl", "vik", "rud", "gård"),
    *("gard", "haug", "haugen", "lie", "li", "lien", "moen", "bø", "nes", "ness", "by"),
    *("strand", "fjord", "bakk", "bakke", "bakken", "lund", "vold", "voll", "ås", "aas"),
    *("holm", "eng", "eide", "tveit", "set", "seter", "sæter", "vang", "hus", "hagen", "foss"),
    *("fjell", "ton", "ley", "ford", "field", "wood", "worth", "well", "man", "mann", "ham"),
)
_PART_ZIPF: Final = 3.0


def _compound(lex: Lexicon, key: str) -> bool:
    """Two ordinary words written as one, perhaps with a joining s or e: "legevakt",
    "hjemmetjenesten", "korsbåndsrehab", "hydrotherapy". Neither part a name ("Annemarie",
    "Solberg"), and not a surname's usual ending ("Fjellheim")."""
    if len(key) < 8 or not key.isalpha() or key.endswith(_SURNAME_ENDINGS):
        return False

    def ordinary(part: str) -> bool:
        return (
            len(part) >= 3
            and not lex.is_name(part)
            and any(lex.frequency(part, lang) >= _PART_ZIPF for lang in ("nb", "en"))
        )

    for cut in range(3, len(key) - 2):
        head, tail = key[:cut], key[cut:]
        if not ordinary(tail):
            continue
        if ordinary(head) or (head[-1] in "se" and ordinary(head[:-1])):
            return True
    return False


def _capitals_word(
    lex: Lexicon, text: str, token: str, start: int, end: int, lang: str
) -> _Word | None:
    """A word written in capitals: a name if it is a listed one ("KARI NORDMANN") or stands
    in the value of a form's field for a person ("PASIENT: TORE HALVORSEN"); an
    abbreviation otherwise ("NAV", "TUG", "KOOS"). A label ("NAVN:") is none."""
    if _LABEL_COLON().match(text, end):
        return None
    possessive = token.endswith(("'S", "’S"))
    if possessive:
        token, end = token[:-2], end - 2
    key = fold(token)
    if key in lex.not_names or key in lex.stopwords or key in lex.kinship:
        return None
    initial = _is_initial(text, start)
    line_start = text.rfind("\n", 0, start) + 1
    field = bool(_FORM_LABEL().match(text, line_start))
    if lex.is_name(key) or _hyphenated_name(lex, key):
        ambiguous = key in lex.places or lex.is_ambiguous(key, lang)
        if ambiguous and not field:
            # A word in a line in capitals: "FØRSTE DAG", "HOISTS ARE ON CHARGE".
            return None
        role = _Role.ambiguous if ambiguous else _Role.name
        return _Word(start, end, key, role, key in lex.given, initial, possessive)
    # Three capitals are an abbreviation ("OPD", "TBC"); a compound is a thing
    # ("HJEMMETJENESTEN").
    in_field = len(key) > 3 and field
    if in_field and not lex.is_common_word(key) and not _compound(lex, key):
        return _Word(start, end, key, _Role.rare, False, initial, possessive)
    return None


def _runs(text: str, words: list[_Word]) -> Iterator[list[_Word]]:
    """Words that stand next to each other, separated by a space or a particle."""
    run: list[_Word] = []
    for word in words:
        if run and not run[-1].possessive and _JOIN().fullmatch(text, run[-1].end, word.start):
            run.append(word)
            continue
        if run:
            yield run
        run = [word]
    if run:
        yield run


# A word at least this frequent opens sentences as a word, not as a first name nobody
# listed ("Ifølge O'Sullivan", "Today Hansen …").
_FUNCTION_ZIPF: Final = 4.5


def _trim(run: list[_Word], lex: Lexicon) -> list[_Word]:
    """Ordinary words belong to a name only next to a listed one: as a surname right after
    a given name ("Kari Fjell"), or as a given name before a surname ("Angelica Ramos") or
    before a given name and a surname ("Ana Sofia Cruz"); anywhere else they end it or are
    not part of it."""
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
                and all(lex.frequency(word.key, lang) < _FUNCTION_ZIPF for lang in ("nb", "en"))
            )
            if not (after_given or before_surname or _before_full_name(lex, run, index)):
                if kept:
                    break
                continue
        kept.append(word)
    return kept


def _before_full_name(lex: Lexicon, run: list[_Word], index: int) -> bool:
    """A word not much more frequent than a name, first of three: "Ana Sofia Cruz"."""
    word = run[index]
    rest = run[index + 1 : index + 3]
    return (
        index == 0
        and len(rest) == 2
        and rest[0].given
        and rest[1].key in lex.surnames
        and all(lex.frequency(word.key, lang) < _NAME_LIKE_ZIPF for lang in ("nb", "en"))
    )


class _Context(NamedTuple):
    sure: bool
    """An age right after, a verb of naming before, a speaker's label: a name whatever the
    word."""
    person: bool
    """A verb of asking or telling before, of saying after, an appositive."""
    person_before: bool
    """A verb of asking or telling, a word for a person before."""
    arrival: bool
    """"kom", "fikk", "came" right after."""
    activity: bool
    """A verb of doing after ("Stein trener"): a person's, mostly."""
    doing: bool
    """A verb of doing that is a person's, not a thing's ("klarte", "managed", "ringte";
    not "kom", "started", "worked")."""
    inverted: bool
    """In Norwegian, right after the verb whose subject it may be ("I dag gikk Hallgerd")."""
    weak: bool
    """"med", "og", "har", "is", a possessive: anyone's."""
    verb_after: bool
    """A finite verb right after: "Bjørn var", "Mark has", "Stein trener"."""
    definition: bool
    """"is a …", "er et …" right after: what a word is ("Bjørn er et dyr")."""
    plural: bool
    """One word, the plural of an ordinary English word ("Miles", "Walks")."""
    person_later: bool
    """A pronoun or an age later in the sentence, and no "is a …" right after."""
    citation: bool
    institution: bool
    place: bool
    """After a preposition of place ("around", "i")."""
    only_place: bool
    """After a preposition of place hardly said of a person ("i", "in", "near", "Co.")."""
    thing: bool
    """An article, a title's "X of" before; a Norwegian imperative's object after."""
    score: bool
    """A number after it, as a test's score ("Tampa 47")."""


def _is_citation(lex: Lexicon, before: str, after: str) -> bool:
    if _CITATION_AFTER().match(after) or _CITATION_BEFORE().search(before):
        return True
    if _MADE_UP_AFTER().match(after):
        return True
    # Next to a cited author: "Moseley og Butler", "Butler and Moseley".
    neighbours = (_WORD_BEFORE_AND().search(before), _AND_WORD_AFTER().match(after))
    return any(found is not None and fold(found[1]) in lex.not_names for found in neighbours)


_WORD_START: Final = _lazy(r"(?<!\w)\w")


def _word_starts(text: str, start: int) -> list[int]:
    """The starts of the last four words before ``start``, nearest first."""
    starts = [found.start() for found in _WORD_START().finditer(text, max(0, start - 40), start)]
    return starts[::-1][:4]


class _Text:
    """What is known of the whole text: its speakers' labels, found when first asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._labels: list[str] | None = None
        self._named: dict[int, bool | None] | None = None

    def _naming(self, start: int) -> bool | None:
        """Whether a verb of naming (True), a title or a greeting (False) or nothing (None)
        ends right before ``start``. Tried from the starts of the few words before it:
        searching the whole text for the long list of titles took a fifth of the scan."""
        if self._named is None:
            self._named = {}
        if start in self._named:
            return self._named[start]
        text = self.text
        found: bool | None = None
        for position in _word_starts(text, start):
            naming = _NAMING().match(text, position)
            if naming is not None and naming.end() == start:
                found = naming["verb"] is not None
                break
        self._named[start] = found
        return found

    def named(self, word: _Word) -> bool:
        """Right after a verb of naming, a title or a greeting: "kaller seg Wojtek", "call
        me Sunny", "Overlege Jürgen Weber", "Hi Priya"."""
        return self._naming(word.start) is not None

    def named_by_verb(self, word: _Word) -> bool:
        """Right after a verb of naming, which may name a person by any word ("kaller ham
        «Kalle»"); a title or a greeting is followed by a frequent word too ("Dear
        Colleague")."""
        return self._naming(word.start) is True

    def labels(self) -> list[str]:
        if self._labels is None:
            self._labels = [fold(found[1]) for found in _LABELS().finditer(self.text)]
        return self._labels

    def is_speaker(self, word: _Word) -> bool:
        """A speaker's label in a dialogue: the word opens a line, a colon follows, and
        another line is a speaker's too ("Student: …"). A word nobody listed, or one that
        is also an ordinary word, counts only when another speaker is named by a role."""
        text = self.text
        opens_line = word.start == 0 or text[word.start - 1] == "\n"
        if word.key in _ROLE_LABELS or word.key in _MORE_ROLE_LABELS:
            return False  # "Educator: …" names a role
        if not opens_line or not _LABEL_AFTER().match(text, word.end):
            return False
        labels = self.labels()
        # Days in a diary ("Mon:", "Thu:") are no speakers, even where one is a name too.
        stopwords = lexicon().stopwords
        others = [
            label
            for label in labels
            if label != word.key and (label not in stopwords or label in _ROLE_LABELS)
        ]
        if word.bare is _Bare.time and word.key in stopwords and not others:
            return False
        if word.role is _Role.common or word.role is _Role.rare:
            # "Evaluering: …", "Action plan: …" are headings; a word nobody listed is a
            # speaker's name only beside a speaker named by a role ("Student: …"), and an
            # ordinary word only when it speaks more than once ("Problemstilling: …" once
            # in a referral is a heading, as its Norwegian noun's ending shows).
            # A label whose line holds no words but a date is a heading too ("Innlagt:
            # 02.09.–16.09."), as is a compound of ordinary words ("Praksissted: …").
            noun = len(word.key) > 7 and bool(_NORWEGIAN_ENDING().search(word.key))
            compound = _compound(lexicon(), word.key)
            said = bool(_SAYS_SOMETHING().match(text, word.end))
            repeated = labels.count(word.key) > 1 or (
                said and not compound and (word.role is _Role.rare or not noun)
            )
            return repeated and any(label in _ROLE_LABELS for label in others)
        return bool(others)


def _context(lex: Lexicon, source: _Text, run: list[_Word]) -> _Context:
    text = source.text
    start, end = run[0].start, run[-1].end
    before = text[max(0, start - 40) : start]
    after = text[end : end + 60]
    sentence_end = _NEXT_SENTENCE().search(text, end)
    rest = text[end : sentence_end.start() if sentence_end else len(text)]
    last = run[-1]
    rare = len(run) == 1 and last.role is _Role.rare
    owner = last.possessive or last.genitive or bool(_SIN_AFTER().match(after))
    person_before = bool(_BEFORE_STRONG().search(before))
    sure = bool(
        _AGE_AFTER().match(after)
        or _FAMILY_AFTER().match(after)
        or (owner and last.bare is not _Bare.kin and _KIN_AFTER().match(after))
        or source.named(run[0])
        or (len(run) == 1 and source.is_speaker(run[0]))
        or _initials_before(text, start) < start
    )
    return _Context(
        sure=sure,
        person=person_before or bool(_AFTER_PERSON().match(after)),
        person_before=person_before,
        arrival=bool(_AFTER_ARRIVAL().match(after)),
        activity=bool(_AFTER_ACTIVITY().match(after)),
        # Asked of a word nobody listed only.
        doing=rare and bool(_AFTER_DOING().match(after)),
        inverted=rare and _inverted(before),
        weak=bool(_BEFORE_WEAK().search(before) or _AFTER_WEAK().match(after)),
        verb_after=bool(_VERB_AFTER().match(after)),
        definition=bool(_ARTICLE_AFTER().match(after)),
        plural=len(run) == 1 and _english_plural(lex, last.key),
        person_later=(
            bool(_PERSON_LATER().search(rest) or _pronoun_opens_next(text, sentence_end))
            and not _ARTICLE_AFTER().match(after)
        ),
        citation=_is_citation(lex, before, after),
        institution=bool(
            _INSTITUTION_AFTER().match(after)
            or _BEFORE_SAINT().search(before)
            # "Nuffield Orthopaedic Centre", "Karolinska Institutet".
            or (len(run) > 1 and last.key in _INSTITUTION_WORDS)
        ),
        place=bool(_PLACE_BEFORE().search(before)),
        only_place=bool(_ONLY_PLACE_BEFORE().search(before)),
        thing=_thing(lex, text, run, before, after),
        score=bool(_SCORE_AFTER().match(after)),
    )


def _thing(lex: Lexicon, text: str, run: list[_Word], before: str, after: str) -> bool:
    """Whether the words around make the run a thing, a title or a verb rather than a
    person: "the John Radcliffe", "a Sue Ryder nurse", "Scale of Kinesiophobia", "Lene deg
    fram"."""
    found = _THING_BEFORE().search(before)
    if found is not None and (
        found["noun"] is None
        or (lex.is_common_word(fold(found["noun"])) and fold(found["noun"]) not in lex.stopwords)
    ):
        return True
    return run[0].initial and bool(_IMPERATIVE_AFTER().match(after))


def _english_plural(lex: Lexicon, key: str) -> bool:
    return key.endswith("s") and lex.frequency(key[:-1], "en") >= _FUNCTION_ZIPF


def _pronoun_opens_next(text: str, sentence_end: re.Match[str] | None) -> bool:
    return sentence_end is not None and bool(_PRONOUN_OPENS().match(text, sentence_end.start()))


def _in_expression(lex: Lexicon, text: str, run: list[_Word]) -> bool:
    """Part of a fixed expression: "Adam's apple", "Christmas Eve", "Timed Up and Go"."""
    if not any(word.key in lex.expression_words for word in run):
        return False
    start, end = run[0].start, run[-1].end
    window = text[max(0, start - 30) : end + 30].casefold()
    offset = max(0, start - 30)
    for expression in lex.expressions:
        at = window.find(expression.casefold())
        while at >= 0:
            if offset + at < end and start < offset + at + len(expression):
                return True
            at = window.find(expression.casefold(), at + 1)
    return False


def _confidence(lex: Lexicon, run: list[_Word], context: _Context) -> Confidence | None:
    roles = [word.role for word in run]
    if context.institution or (context.citation and not context.sure):
        # "Hansen et al. (2019)": an author. Only a name no one cites stays a maybe.
        cited = context.citation and context.person and _Role.name in roles
        return LOW if cited and not context.institution else None
    if _no_person_here(run, context):
        return None
    if context.sure or _Role.name in roles:
        return HIGH
    # "Tampa 47" is a score; "around Florence" a city.
    place = len(run) == 1 and context.place and run[0].key in lex.places and not context.person
    if context.score or place:
        return None
    if len(run) > 1 and (run[0].given or run[0].role is not _Role.ambiguous):
        return _full_name_confidence(run, context)
    return _single_word_confidence(run[0], context)


def _no_person_here(run: list[_Word], context: _Context) -> bool:
    """A thing, a title or a place, with no sure mark of a person. A verb after a place is
    its subject's ("Bo (70) fra Strömstad ønsker …"): only a cue before counts there."""
    if context.sure:
        return False
    return (context.thing and not context.person) or (
        not context.person_before and _placed(run, context)
    )


def _placed(run: list[_Word], context: _Context) -> bool:
    """A single word where a place stands: after "i", "in" or "Co." whatever it is ("Mo i
    Rana"); after "fra", "from", "til" or "to" unless it is a given name ("fra Stokke",
    "hilsen fra Kari"). Not one that owns something ("i Karis hus")."""
    word = run[0]
    if len(run) > 1 or word.possessive or word.genitive:
        return False
    return context.only_place or (context.place and not word.given)


def _full_name_confidence(run: list[_Word], context: _Context) -> Confidence | None:
    """Two or more name words, none of them a sure name on its own: "Liv Strand", two rare
    words. A listed name among them or a person's context makes it sure."""
    if all(word.bare is not None for word in run):
        return HIGH if context.person else None
    if context.person or context.activity:
        return HIGH
    if any(word.role is _Role.ambiguous for word in run):
        return HIGH if run[0].given else LOW
    return LOW if context.weak or not run[0].initial else None


def _single_word_confidence(word: _Word, context: _Context) -> Confidence | None:
    """One word that is also an ordinary word, a place or a rare word nobody listed."""
    if word.role is _Role.rare:
        return _rare_word_confidence(word, context)
    return _word_name_confidence(word, context)


def _word_name_confidence(word: _Word, context: _Context) -> Confidence | None:
    """A listed name that is also a word, a month or a place, or an ordinary word."""
    if word.bare is _Bare.kin or (word.bare is _Bare.time and word.key not in _TIME_WORDS):
        # "Nan lives with us": a name only with an age or a speaker's label (above). A
        # weekday's short form that is a name too ("on Thu.", "Tue/Thu"): with a person's
        # verb only.
        return HIGH if word.bare is _Bare.time and context.person else None
    if word.key in _TIME_WORDS:
        # "June reported …", but "in June".
        sure = context.person
    elif word.role is _Role.common:
        # A frequent word: names are frequent too ("Dolly", "Sasha"), but so are brands.
        return HIGH if context.person else None
    elif not word.given:
        # A surname that is also a word or a place ("Berg", "Bakken").
        sure = context.person
    else:
        return _given_word_confidence(word, context)
    if sure:
        return HIGH
    if word.key in _TIME_WORDS or word.bare is not None:
        return None
    return LOW if context.weak and not word.initial else None


def _rare_word_confidence(word: _Word, context: _Context) -> Confidence | None:
    """A word nobody listed and no ordinary word: "Tesfamariam", "Eldrid"."""
    if context.person or (context.activity and not word.initial):
        return HIGH
    if context.inverted and not word.initial:
        # "I dag gikk Hallgerd lenger": a subject, most likely a person; a maybe.
        return HIGH if context.person_later else LOW
    # A Norwegian noun in the definite form is a thing ("Ortosen satt godt").
    noun = len(word.key) > 5 and bool(_DEFINITE_NOUN().search(word.key))
    if context.doing and not word.initial and not noun:
        return HIGH
    if word.initial and context.doing and not noun:
        # "Eldrid klarte å gå trappen", "Ffion managed ten": opening a sentence before a
        # verb of doing that things hardly do. A person most likely; sure with a person
        # later in the sentence ("… og hun var fornøyd").
        return HIGH if context.person_later else LOW
    return LOW if context.weak and not word.initial else None


def _given_word_confidence(word: _Word, context: _Context) -> Confidence | None:
    """A given name that is also a word: "Liv", "Stein", "Will"."""
    if context.person:
        return HIGH
    if (context.arrival or word.possessive or word.genitive) and word.key not in _VIRTUES:
        # "Stig kom alene", "Noel's goals", "Siris mål": a person's.
        return HIGH
    if context.arrival and context.person_later:
        return HIGH
    if not word.initial:
        # "med Liv": in running text such a word is capitalised only as a name.
        return HIGH if context.weak or context.activity else LOW
    return _opening_given_word_confidence(word, context)


def _opening_given_word_confidence(word: _Word, context: _Context) -> Confidence | None:
    """A given name that is also a word, opening a sentence with no sure mark."""
    feeling = word.key in _VIRTUES
    if (context.weak or context.activity) and context.person_later:
        # "Stein har vært sykmeldt, og han …" is about a man; "Stein på stein" is not.
        # "Hope is what keeps her going" may be either: a feeling is a maybe.
        return LOW if feeling else HIGH
    if context.verb_after and not (context.definition or context.plural or feeling):
        # A bare noun seldom opens a sentence as the subject of its verb ("Bjørn var sint i
        # dag", "Mark has tried physio"), unless it is a feeling or a plural ("Hope is",
        # "Miles walked"); a name does. A maybe.
        return LOW
    return None


def _is_lower_name(lex: Lexicon, key: str, *, ordinary: bool) -> bool:
    """A given name typed in lower case; with ``ordinary``, also one that is an ordinary
    word ("per", "will", "august")."""
    if key not in lex.given or key in lex.not_names:
        return False
    if ordinary:
        return True
    if key in lex.stopwords or key in lex.kinship:
        return False
    return not (lex.is_ambiguous(key, "nb") or lex.is_ambiguous(key, "en"))


def _with_surname(lex: Lexicon, text: str, end: int) -> int:
    """The end of a lower-case name, with the surname that follows it ("randi strand")."""
    following = _NEXT_WORD().match(text, end)
    if following is not None and following["word"] in lex.surnames:
        key = following["word"]
        if key not in lex.stopwords and key not in lex.given:
            return following.end()
    return end


def _sentence_at(text: str, position: int) -> str:
    sentence_end = _NEXT_SENTENCE().search(text, position)
    return text[position : sentence_end.start() if sentence_end else len(text)]


def _lowercase_candidates(lex: Lexicon, text: str) -> Iterator[tuple[re.Match[str], bool]]:
    """Lower-case given names with the words around them, and whether those make them sure."""
    for match in _LOWERCASE_OPENING().finditer(text):
        key = fold(match["name"])
        if _is_lower_name(lex, key, ordinary=False) and _OPENING_VERB().match(text, match.end()):
            yield match, bool(_AFTER_PERSON().match(text[match.end() : match.end() + 60]))
        elif (
            _is_lower_name(lex, key, ordinary=True)
            and key not in _TIME_WORDS
            and _PAST_PERSON_VERB().match(text, match.end())
        ):
            yield match, True
    for match in _LOWERCASE_AFTER_CUE().finditer(text):
        if _is_lower_name(lex, fold(match["name"]), ordinary=False):
            yield match, True
    for match in _LOWERCASE_AFTER_SEEING().finditer(text):
        cue = fold(match["cue"]) in _SEEING_CUES
        key = fold(match["name"])
        with_surname = _with_surname(lex, text, match.end("name")) > match.end("name")
        if cue and (
            _is_lower_name(lex, key, ordinary=False)
            or (with_surname and _is_lower_name(lex, key, ordinary=True))
        ):
            # "ring henrik", and a name that is also a word with a surname: "ring tone berg".
            yield match, True
    for match in _LOWERCASE_AFTER_WITH().finditer(text):
        key = fold(match["name"])
        if _is_lower_name(lex, key, ordinary=False) or (
            _is_lower_name(lex, key, ordinary=True)
            and _PRONOUN().search(_sentence_at(text, match.end()))
        ):
            yield match, True
    for match in _LOWERCASE_BEFORE_VERB().finditer(text):
        key = fold(match["name"])
        if _is_lower_name(lex, key, ordinary=False) or (
            match["possessive"]
            and _is_lower_name(lex, key, ordinary=True)
            and key not in _TIME_WORDS
        ):
            yield match, True


_LOWER_NAME: Final = r"(?P<name>[a-zæøåäöüé][a-zæøåäöüé'’-]*[a-zæøåäöüé])(?![\w'’-])"
# A title, a verb of naming or a word for kin before a name typed in lower case: "mrs
# jenkins", "fru lunde", "hun heter trine", "call her edna", "broren hans, yonas".
# The first letter's class first, then a look behind it (see _LOWERCASE_AFTER_SEEING).
# The first letter and the rest may pair wrongly ("drue"): the cue is checked after.
_LOWERCASE_AFTER_TITLE: Final = _lazy(
    r"(?P<cue>[MmDdFfHh](?<![\w].)(?i:rs|r|s|iss|ru|rue|err|rk))\.?[ \u00a0]+" + _LOWER_NAME
)
_LOWERCASE_AFTER_NAMING: Final = _lazy(
    r"(?P<cue>[HhKkNnCcGg](?<![\w].)(?i:eter|et|alles|alt|amed|alled|all(?:s|ed)?[ \u00a0]+"
    r"(?:her|him|me)|aller[ \u00a0]+(?:seg|henne|ham|meg)|oes[ \u00a0]+by))[ \u00a0]+" + _LOWER_NAME
)
_LOWER_CUES: Final = frozenset(
    {"mrs", "mr", "ms", "miss", "dr", "fru", "frue", "herr", "frk", "heter", "het", "kalles"}
    | {"kalt", "named", "called", "goes by", "call her", "call him", "call me", "calls her"}
    | {"calls him", "calls me", "called her", "called him", "called me", "kaller seg"}
    | {"kaller henne", "kaller ham", "kaller meg"}
)
_LOWERCASE_AFTER_RELATION: Final = _lazy(
    r"\b(?i:" + _RELATION + r"|kona|mannen|datteren|dattera|sønnen|ektemannen|wife|husband|"
    r"son|daughter|mother|father)(?:[ \u00a0]+(?:hans|hennes|si|sin|his|her))?[ \u00a0]*,?"
    r"[ \u00a0]+" + _LOWER_NAME
)


# Initials standing for a person, with full stops: "by J.P. on 12/02", "E.K. 17.03: pas.
# møtte ikke". Not abbreviations written so ("N.B.", "P.S.", "U.K.", "A.S.").
_INITIALS_ALONE: Final = _lazy(r"[{capitals}](?<![\w.].)\.(?:[{capitals}]\.){1,2}(?![\w.])")
_ABBREVIATIONS: Final = frozenset(
    {"nb", "ps", "uk", "us", "eu", "un", "ok", "as", "ba", "ma", "bs", "ms", "md", "rn", "dc"}
    | {"am", "pm", "ad", "bc", "ie", "eg", "vs", "nn", "xx", "xy", "st", "co", "ca", "tv"}
    | {"pc", "dj", "ny", "la", "dr", "mr", "pt", "pd", "ot", "gp", "ae", "ed", "er", "or"}
    | {"dob", "usa", "nhs", "rip", "bmi", "rom", "adl", "tbc", "ooh", "nav", "fnr", "mvh"}
)
# Where initials stand for a person: after "by", "av", "med", a dash or a slash; or opening
# a line before a date or a colon, as a note's author.
_INITIALS_CUE_BEFORE: Final = _lazy(
    r"(?i)(?:\b(?:by|av|med|with|from|fra|to|til|seen|sett|ved|and|og|ask|spør|spurte|asked)"
    r"|[–—/-])[ \u00a0]*$"
)
_INITIALS_OPEN_A_NOTE: Final = _lazy(r"[ \u00a0]*(?:\d{1,2}[./]\d{1,2}|:)")


def _initials_alone(text: str) -> Iterator[NameHit]:
    """Initials with full stops standing alone for a person: sure after "by", "av", a
    dash, or opening a line before a date or a colon; a maybe before a verb ("A.B. came
    in"); nothing elsewhere ("the M.D.T. meeting")."""
    if "." not in text:
        return
    for found in _INITIALS_ALONE().finditer(text):
        letters = found[0].replace(".", "").casefold()
        if letters in _ABBREVIATIONS or letters in _PLACEHOLDER_INITIALS:
            continue
        start, end = found.span()
        line_start = text.rfind("\n", 0, start) + 1
        opens_note = not text[line_start:start].strip() and bool(
            _INITIALS_OPEN_A_NOTE().match(text, end)
        )
        cued = bool(_INITIALS_CUE_BEFORE().search(text, max(0, start - 20), start))
        if opens_note or cued:
            yield NameHit(start, end, HIGH)
        elif _VERB_AFTER().match(text[end : end + 40]) or _AFTER_PERSON().match(
            text[end : end + 60]
        ):
            yield NameHit(start, end, LOW)


# A mention in a chat: "@priya can you cover?", "@jonas".
# Letters only: "@fysio_tips", "@physio2go" are accounts, not people.
_MENTION: Final = _lazy(r"(?<![\w.@])@(?P<name>[^\W\d_]+)(?![\w.@'’-])")


def _mentions(lex: Lexicon, text: str) -> Iterator[NameHit]:
    """A person mentioned in a chat ("@priya"): a listed name, a word nobody listed or
    one not much more frequent than a name; not "@all", "@here", "@team"."""
    if "@" not in text:
        return
    for match in _MENTION().finditer(text):
        name = match["name"]
        if fold(name) in ("here", "channel", "everyone", "alle", "all"):
            continue
        if _field_word_kind(lex, name) is not None:
            yield NameHit(match.start("name"), match.end("name"), HIGH)


# A nickname in brackets or quotes right after a name: "Maria dela Cruz (Tina)",
# "Siriporn Saelim (Nid), 52", "Tor-Egil («Toffen» blant kollegene)".
_NICKNAME_AFTER: Final = _lazy(
    r"[ \u00a0]*\([ \u00a0]*(?:(?P<quote>[«\"“‘'])[ \u00a0]*)?"
    r"(?P<name>[{capitals}][^\W\d_]+(?:[-'’][^\W\d_]+)*)"
    r"(?(quote)[ \u00a0]*[»\"”’']|[ \u00a0]*[),])"
)


def _nicknames(lex: Lexicon, text: str, hits: list[NameHit]) -> Iterator[NameHit]:
    """A name in brackets right after a sure one is the same person's nickname; not a role,
    a word for kin, an abbreviation or a frequent word ("(daughter)", "(TKR)", "(Left)")."""
    for hit in hits:
        if hit.confidence is not HIGH:
            continue
        found = _NICKNAME_AFTER().match(text, hit.end)
        if found is None:
            continue
        name = found["name"]
        abbreviation = name.isupper() and len(name) <= 4
        if not abbreviation and _field_word_kind(lex, name) in ("listed", "rare"):
            yield NameHit(found.start("name"), found.end("name"), HIGH)


# A given name in lower case greeted or thanked: "heii sigrid,", "ok takk maja!!", "takk
# emilie, det skal jeg prøve", "thanks sam!".
_LOWERCASE_GREETED: Final = _lazy(
    # The first letters' class first, then a look behind it (see _LOWERCASE_AFTER_SEEING).
    r"[hHtTkKdDcC](?<![\w'’].)(?i:ei+|allo|eisann|ey+|i+|ello|akk|hanks|hank\s+you|hx|heers|"
    r"jære|ear)[ \t]*,?[ \t]+"
    r"(?P<name>[a-zæøåäöüé][a-zæøåäöüé-]+)(?=[ \t]*(?:[,!?.:]|$|\n))"
)
# A given name in lower case alone in brackets: "mor til pasienten (fatima) ringte",
# "veileder (gunn) mente".
_LOWERCASE_IN_BRACKETS: Final = _lazy(r"\((?P<name>[a-zæøåäöüé][a-zæøåäöüé-]+)\)")


def _cued_lowercase(lex: Lexicon, text: str) -> Iterator[NameHit]:
    """A name typed in lower case right after a title, a verb of naming or a word for kin,
    in any text. After a title or a verb of naming, a listed name of any kind, a word
    nobody listed or one not much more frequent than a name is one ("mrs jenkins", "call
    her edna"); after a word for kin only a listed given name that is no ordinary word is
    sure, and a word nobody listed a maybe ("her son daniel", "broren hans, yonas")."""
    for pattern in (_LOWERCASE_AFTER_TITLE, _LOWERCASE_AFTER_NAMING):
        for match in pattern().finditer(text):
            if " ".join(fold(match["cue"]).split()) not in _LOWER_CUES:
                continue
            # Not a listed name that is also a word: "dr said", "heter det".
            if _field_word_kind(lex, match["name"]) in ("listed", "rare", "name-like"):
                end = _with_surname(lex, text, match.end("name"))
                yield NameHit(match.start("name"), end, HIGH)
    for match in _LOWERCASE_GREETED().finditer(text):
        if _is_lower_name(lex, fold(match["name"]), ordinary=False):
            yield NameHit(match.start("name"), match.end("name"), HIGH)
    for match in _LOWERCASE_IN_BRACKETS().finditer(text) if "(" in text else ():
        if _is_lower_name(lex, fold(match["name"]), ordinary=False):
            yield NameHit(match.start("name"), match.end("name"), HIGH)
    if not _LOWERCASE_OPENING().search(text):
        # Kin before a name in lower case only in text typed in lower case: the list of
        # words for kin is long, and looking for it everywhere took a tenth of the scan.
        return
    for match in _LOWERCASE_AFTER_RELATION().finditer(text):
        key = fold(match["name"])
        end = _with_surname(lex, text, match.end("name"))
        if _is_lower_name(lex, key, ordinary=False):
            yield NameHit(match.start("name"), end, HIGH)
        elif _field_word_kind(lex, match["name"]) == "rare":
            yield NameHit(match.start("name"), end, LOW)


def _lowercase_names(lex: Lexicon, text: str) -> Iterator[NameHit]:
    """Names typed in lower case, as in quick notes ("snakket med ola i dag", "hilde var
    blidere i dag", "marte ringte og avlyste", "m/ per og kona hans").

    A listed given name that is no ordinary word: opening a sentence before a verb, after a
    verb of asking or telling, after "med" or "m/", before a verb a person does, or with a
    possessive. One that is also an ordinary word ("per", "will", "august"): after "med" or
    "m/" with a pronoun later in the sentence, opening a sentence before a past tense only a
    person takes ("will came in"), or with a possessive. A surname may follow ("randi
    strand").

    Only in text that opens a sentence in lower case: whoever capitalises sentences
    capitalises names too (and looking for the verbs everywhere would double the scan).
    """
    if not _LOWERCASE_OPENING().search(text):
        return
    found: dict[int, NameHit] = {}
    for match, sure in _lowercase_candidates(lex, text):
        start = match.start("name")
        if start not in found or (sure and found[start].confidence is LOW):
            end = _with_surname(lex, text, match.end("name"))
            found[start] = NameHit(start, end, HIGH if sure else LOW)
    # The next names of a list: "med kaja og ida", "with tom, ali and priya".
    for hit in list(found.values()):
        position = hit.end
        while (listed := _LOWER_LIST_NEXT().match(text, position)) is not None:
            key = fold(listed["name"])
            if not _is_lower_name(lex, key, ordinary=True) or key in lex.stopwords:
                break
            start = listed.start("name")
            found.setdefault(start, NameHit(start, listed.end("name"), hit.confidence))
            position = listed.end("name")
    yield from found.values()


_LOWER_LIST_NEXT: Final = _lazy(
    r"[ \u00a0]*(?:,|&|(?:,[ \u00a0]*)?(?:og|and))[ \u00a0]*"
    r"(?P<name>[a-zæøåäöüé][a-zæøåäöüé-]*[a-zæøåäöüé])(?![\w'’-])"
)


def _joined(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Two names in one list: "Trym og Ask", "Mikkel, Sara og Ibrahim"."""
    return bool(_LIST_JOIN().fullmatch(text, left[1], right[0]))


_AND_JOIN: Final = _lazy(r"[ \u00a0]*(?:&|og|and)[ \u00a0]*")
_LIST_JOIN: Final = _lazy(r"[ \u00a0]*(?:,|&|(?:,[ \u00a0]*)?(?:og|and|eller|or))[ \u00a0]*")


def _kept(lex: Lexicon, source: _Text, raw_run: list[_Word]) -> list[_Word]:
    """The words of a run that may be a name."""
    if source.named(raw_run[0]):
        # After a verb of naming, a title or a greeting ("kaller seg Wojtek", "call me
        # Sunny", "Overlege Jürgen Weber", "Hi Priya") the words that follow are a name,
        # ordinary or not; but not a frequent word that is no name ("Dear Colleague").
        first = raw_run[0]
        greeted = not source.named_by_verb(first)
        if greeted and (_frequent_word(lex, first) or _ROLE_WORD().fullmatch(first.key)):
            return []
        return raw_run
    run = _trim(raw_run, lex)
    if all(word.role is _Role.common for word in run):
        # One ordinary word, not a frequent one ("Dolly", "Sasha"), with a person's verb
        # before or after it.
        single = raw_run[0] if len(raw_run) == 1 else None
        if single is None or not _name_like(lex, single):
            return []
        if not (_person_cue(source.text, single) or source.is_speaker(single)):
            return []
        return raw_run
    return run


def _after_title(source: _Text, run: list[_Word]) -> list[_Word]:
    """A capitalised title or greeting is no part of the name after it: "Overlege Jürgen
    Weber" gives "Jürgen Weber"."""
    for index, word in enumerate(run[1:], start=1):
        if source.named(word):
            return run[index:]
    return run


def _frequent_word(lex: Lexicon, word: _Word) -> bool:
    return word.role is _Role.common and any(
        lex.frequency(word.key, lang) >= _FUNCTION_ZIPF for lang in ("nb", "en")
    )


def _person_cue(text: str, word: _Word) -> bool:
    before = text[max(0, word.start - 40) : word.start]
    after = text[word.end : word.end + 60]
    return bool(
        _BEFORE_STRONG().search(before)
        or _AFTER_PERSON().match(after)
        or _AGE_AFTER().match(after)
        # "Wendell's daughter": a possessive before kin or a body part.
        or (word.possessive and _KIN_AFTER().match(after))
        or _initials_before(text, word.start) < word.start
    )


def _initials_before(text: str, start: int) -> int:
    """Where the initials before a name begin ("J. Harrington"), or ``start``."""
    found = _INITIAL_BEFORE().search(text, max(0, start - 12), start)
    if found is None:
        return start
    letters = [part.strip(" .\u00a0") for part in found[0].split(".")]
    if any(fold(letters_) in _NOT_INITIALS for letters_ in letters if letters_):
        return start
    return found.start()


# Particles of a surname before it: "van der Merwe", "de la Cruz" after a title ("Ms de la
# Cruz"); "van" and "von" anywhere ("Ruud van Dijk" is found as its parts).
_PARTICLES_BEFORE: Final = _lazy(
    r"(?:(?<=[ \u00a0])|^)(?:(?:van|von|der|den|de|da|di|dos|das|del|della|du|la|le|ten|ter)"
    r"[ \u00a0]+){1,3}$"
)
_TITLE_BEFORE: Final = _lazy(
    r"(?i)\b(?:mrs|mr|ms|mx|miss|dr|prof|fru|frue|frk|herr|hr)\.?[ \u00a0]+$"
)


def _particles_before(text: str, start: int) -> tuple[int, bool]:
    """Where a name begins with the particles before it, and whether a title stands before
    them (which makes it sure)."""
    found = _PARTICLES_BEFORE().search(text, max(0, start - 24), start)
    if found is None:
        return start, False
    titled = bool(_TITLE_BEFORE().search(text, max(0, found.start() - 8), found.start()))
    if titled or found[0].startswith(("van", "von")):
        return found.start(), titled
    return start, False


def _initials_after(text: str, end: int) -> int:
    """Where the initials after a given name end ("Astrid B."), or ``end``."""
    found = _INITIAL_AFTER().match(text, end)
    return found.end() if found is not None else end


def find_names(text: str, lang: str) -> Iterator[NameHit]:
    """Names in ``text`` found from the lists and the words around them."""
    lex = lexicon()
    source = _Text(text)
    words = [
        word
        for match in _TOKEN().finditer(text)
        if (word := _classify(lex, text, match, lang)) is not None
    ]
    decided: list[tuple[list[_Word], _Context, Confidence | None]] = []
    # Ordinary words that may be names nobody listed ("Dolly"), left out for want of a cue:
    # names if the same word is a sure name elsewhere in the text.
    unsure: list[_Word] = []
    for whole_run in _runs(text, words):
        raw_run = _after_title(source, whole_run)
        run = _kept(lex, source, raw_run)
        if not run and len(raw_run) == 1 and raw_run[0].role is _Role.common:
            unsure.append(raw_run[0])
        if not run or _in_expression(lex, text, run):
            continue
        context = _context(lex, source, run)
        decided.append((run, context, _confidence(lex, run, context)))
    if unsure:
        sure = {word.key for run, _, confidence in decided if confidence is HIGH for word in run}
        again: list[tuple[list[_Word], _Context, Confidence | None]] = []
        for word in unsure:
            if word.key not in sure:
                continue
            context = _context(lex, source, [word])
            # A frequent word ("Kalle", "Gro") only with a verb or an age after it.
            cue = context.sure or context.person or context.weak or context.activity
            if _name_like(lex, word) or cue or context.arrival:
                again.append(([word], context, None))
        # A word not much more frequent than a name, listed with a sure one: "Dev &
        # Harpreet Singh", "Dolly og Kari".
        sure_spans = [
            (run[0].start, run[-1].end) for run, _, confidence in decided if confidence is HIGH
        ]
        for word in unsure:
            if word.key not in sure and _name_like(lex, word):
                span = (word.start, word.end)
                if any(_joined_by_and(text, span, other) for other in sure_spans):
                    again.append(([word], _context(lex, source, [word]), HIGH))
        decided = sorted([*decided, *again], key=lambda entry: entry[0][0].start)
    settled = list(_settled(text, decided))
    yield from settled
    yield from _nicknames(lex, text, settled)
    yield from _lowercase_names(lex, text)
    yield from _cued_lowercase(lex, text)
    yield from _mentions(lex, text)
    yield from _initials_alone(text)
    yield from _form_fields(lex, text)
    yield from _signatures(lex, text)
    yield from _addressed(lex, text)


# Below this frequency an ordinary word may well be a name nobody listed ("Dolly",
# "Sasha", "Marguerite"): a name when the words around it say a person.
_NAME_LIKE_ZIPF: Final = 4.0


def _name_like(lex: Lexicon, word: _Word) -> bool:
    # "Beboerne", "Pasientene": Norwegian plurals, not names; "Hjemmetjenesten": two
    # ordinary words in one, in the definite form.
    return (
        word.role is _Role.common
        and all(lex.frequency(word.key, lang) < _NAME_LIKE_ZIPF for lang in ("nb", "en"))
        and not word.key.endswith(("erne", "ene"))
        and not (_compound(lex, word.key) and _DEFINITE_NOUN().search(word.key))
    )


def _settled(
    text: str, decided: list[tuple[list[_Word], _Context, Confidence | None]]
) -> Iterator[NameHit]:
    """The runs' confidences, with what the rest of the text says: a word that is a sure
    name in one place is one in the others ("assessed Stan … Thursday: Stan again"), and a
    given name listed with a sure name is a name too ("Trym og Ask")."""
    sure_keys = {
        word.key
        for run, _, confidence in decided
        if confidence is HIGH
        for word in run
        if word.bare is not _Bare.kin
    }
    # Words found mid-sentence, where only a name is capitalised: "Vi avtalte at Hans tar
    # det opp" makes "Hans har hatt tre fall" opening a sentence a name too.
    found_inside = {
        run[0].key
        for run, _, confidence in decided
        if confidence is not None and len(run) == 1 and not run[0].initial
    }
    spans = [(run[0].start, run[-1].end) for run, _, _ in decided]

    def listed_with_sure_name(index: int) -> bool:
        return any(
            decided[other][2] is HIGH
            and (len(decided[other][0]) == 1 or _joined_by_and(text, spans[index], spans[other]))
            and (
                _joined(text, spans[other], spans[index])
                or _joined(text, spans[index], spans[other])
            )
            for other in (index - 1, index + 1)
            if 0 <= other < len(decided)
        )

    for index, (run, context, confidence) in enumerate(decided):
        settled = confidence
        blocked = context.citation or context.institution or context.score
        if confidence is not HIGH and not blocked:
            word = run[0]
            again = len(run) == 1 and word.key in sure_keys and word.bare is None
            listed = word.given and word.bare is not _Bare.kin and listed_with_sure_name(index)
            if again or listed:
                settled = HIGH
            elif (
                confidence is None
                and len(run) == 1
                and word.given
                and word.key in found_inside
                and (context.weak or context.activity or context.arrival)
            ):
                settled = LOW
        if settled is not None:
            start, end = run[0].start, run[-1].end
            if run[-1].given:
                end = _initials_after(text, end)
            start, titled = _particles_before(text, _initials_before(text, start))
            yield NameHit(start, end, HIGH if titled else settled)


def _joined_by_and(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Two people in one list with "og", "and" or "&" ("Dev & Harpreet Singh"), not only
    with a comma."""
    first, second = sorted((left, right))
    return bool(_AND_JOIN().fullmatch(text, first[1], second[0]))


# ── forms and signatures ──────────────────────────────────────────────────────────────────
_FIELD_SEPARATOR: Final = _lazy(r"[ \t]*(?P<comma>,)[ \t]*|[ \t]+")
_ONLY_INITIALS: Final = _lazy(r"(?:[^\W\d_]\.[ \t]?){1,3}|[{capitals}]{2,3}")
# Placeholders written as initials: "N.N.", "X.X.", "NN".
_PLACEHOLDER_INITIALS: Final = frozenset({"nn", "xx", "x", "n", "xy"})


def _field_word_kind(lex: Lexicon, word: str) -> str | None:
    """What a word in a field or a signature is: "listed", "ambiguous" (listed, and also
    an ordinary word: "Meg", "Ward", "Said"), "rare", "name-like" (an ordinary word not much
    more frequent than a name), or None (no name: a title, a role, a frequent word)."""
    bare = word.rstrip(".")
    for prefix in _ARTICLE_PREFIXES:
        bare = bare.removeprefix(prefix)
    key = fold(bare)
    if key.endswith(("'s", "’s")):
        key = key[:-2]
    blocked = key in lex.stopwords or key in lex.not_names or key in lex.kinship
    if not key or blocked or key in lex.places or _ROLE_WORD().fullmatch(key):
        return None
    if lex.is_name(key):
        ambiguous = any(lex.is_ambiguous(key, lang) for lang in ("nb", "en"))
        return "ambiguous" if ambiguous else "listed"
    return "rare" if _GAELIC_SHAPE().match(bare) else _unlisted_word_kind(lex, key)


def _unlisted_word_kind(lex: Lexicon, key: str) -> str | None:
    """A word nobody listed: "rare", "name-like", or None for an ordinary word, a
    Norwegian noun or participle ("Anonymisert", "Hjemmetjenesten") or a compound
    ("Legevakt", "Ektefelle")."""
    noun = len(key) > 7 and bool(_NORWEGIAN_ENDING().search(key))
    # Norwegian adjectives: "Ortopedisk poliklinikk".
    adjective = len(key) > 5 and key.endswith(("isk", "iske", "ig", "ige"))
    if _compound(lex, key) or adjective or (noun and not key.endswith(_SURNAME_ENDINGS)):
        return None
    if not lex.is_common_word(key):
        return "rare"
    if all(lex.frequency(key, lang) < _NAME_LIKE_ZIPF for lang in ("nb", "en")):
        return "name-like"
    return None


def _name_segment(
    lex: Lexicon,
    text: str,
    words: list[tuple[int, int]],
    *,
    initials_ok: bool,
    field: bool = False,
    phrase: bool = False,
) -> NameHit | None:
    """One name of a field (``field``) or a signature, from its words' spans; None if it is
    no name. A word not much more frequent than a name is a sure one in a field for a
    person, a maybe in a signature. Words that are also ordinary ones followed by more
    words (``phrase``) are a phrase: "Student: Meg selv", "Contact: Ward 7 reception"."""
    while words and _FIELD_TITLE().fullmatch(text[words[0][0] : words[0][1]]):
        words = words[1:]
    while words and text[words[-1][0] : words[-1][1]] in _PARTICLES:
        words = words[:-1]
    if not words:
        return None
    kinds = [_segment_word_kind(lex, text[start:end].strip()) for start, end in words]
    if None in kinds:
        return None
    kinds = [kind for kind in kinds if kind != "particle"]
    start, end = words[0][0], words[-1][1]
    while text[end - 1] in " \t":
        end -= 1
    if all(kind == "initials" for kind in kinds):
        letters = fold(re.sub(r"[\W\d_]", "", text[start:end]))
        if not initials_ok or letters in _PLACEHOLDER_INITIALS:
            return None
        return NameHit(start, end, HIGH)
    if text[end - 1] == "." and kinds[-1] != "initials":
        end -= 1
    if phrase and all(kind in ("ambiguous", "name-like", "initials") for kind in kinds):
        return None
    sure = any(kind in ("listed", "rare", "ambiguous") for kind in kinds)
    return NameHit(start, end, HIGH if sure or field else LOW)


def _segment_word_kind(lex: Lexicon, word: str) -> str | None:
    if word in _PARTICLES:
        return "particle"
    if "." in word and _ONLY_INITIALS().fullmatch(word):
        return "initials"
    kind = _field_word_kind(lex, word)
    if word.isupper() and 2 <= len(word) <= 3 and kind not in ("listed", "ambiguous"):
        # "KB" signing a note; in any other field an abbreviation ("TBC", "OPD").
        return "initials"
    return kind


def _field_names(
    lex: Lexicon, text: str, start: int, end: int, *, initials_ok: bool
) -> Iterator[NameHit]:
    """The names in a field's value or a signature between ``start`` and ``end``: words
    of names, a comma between the parts ("Hansen, Astrid"); anything else ends it."""
    segment: list[tuple[int, int]] = []
    position = start
    while position < end:
        word = _FIELD_WORD().match(text, position, end)
        if word is None:
            break
        segment.append(word.span())
        position = word.end()
        separator = _FIELD_SEPARATOR().match(text, position, end)
        if separator is None:
            break
        position = separator.end()
        if not separator["comma"] and position < end and text[position].isalnum():
            following = text[position]
            if (following.islower() or following.isdigit()) and not _FIELD_WORD().match(
                text, position, end
            ):
                # "Meg selv", "Ward 7 reception": words go on where a name would end.
                hit = _name_segment(lex, text, segment, initials_ok=initials_ok, phrase=True)
                if hit is not None:
                    yield hit
                return
        if separator["comma"]:
            if hit := _name_segment(lex, text, segment, initials_ok=initials_ok, field=True):
                yield hit
            segment = []
    if segment and (hit := _name_segment(lex, text, segment, initials_ok=initials_ok, field=True)):
        yield hit


def _form_fields(lex: Lexicon, text: str) -> Iterator[NameHit]:
    """Names in a form's fields for a person: "Pasient: Hansen, Astrid", "NAVN: KARI
    NORDMANN", "Referred by: DR A. PATEL", "Signert: K.B." (initials only in a signature's
    field). A role or an ordinary word is none ("Henvist av: Fastlege", "Patient: Female")."""
    position = 0
    while (colon := text.find(":", position)) >= 0:
        line_start = text.rfind("\n", 0, colon) + 1
        line_end = text.find("\n", colon)
        line_end = len(text) if line_end < 0 else line_end
        position = line_end + 1
        label = _FORM_LABEL().match(text, line_start, line_end)
        if label is None:
            continue
        initials_ok = label["signature"] is not None
        hits = list(_field_names(lex, text, label.end(), line_end, initials_ok=initials_ok))
        # A name that is also a word ("Son", "Will") alone in a field is one only beside a
        # surer name in it ("Strand, Liv"); "Next of kin: Son, lives locally" names no one.
        unsure = [
            hit for hit in hits if _field_word_kind(lex, text[hit.start : hit.end]) == "ambiguous"
        ]
        if len(unsure) < len(hits):
            yield from hits
        if position > len(text):
            break


# A closing before a signature: "mvh Silje", "Hilsen\nKari", "Cheers,\nMo", "thanks —
# sarah k.", "ta - em", "takk, kari". A letter's closing may sign any line's end; thanks
# and the like only the end of the text ("takk, kari", but not "takk, alle sammen").
_CLOSING: Final = _lazy(
    # No look behind up front (it would stop the search from skipping to the letters that
    # may begin a closing): what stands before is checked in the code.
    r"(?i)(?:"
    r"(?P<letter>m\.?v\.?h\.?|(?:med[ \t]+)?(?:vennlig|beste|varm)[ \t]+hilsen|hilsen|hilsener|"
    r"helsing|(?:kind|best|warm|many)[ \t]+(?:regards|wishes|thanks)|regards|yours(?:[ \t]+"
    r"sincerely)?|signert|signed|skrevet[ \t]+av|written[ \t]+by)"
    r"|(?:tusen[ \t]+)?takk|thanks|thank[ \t]+you|thx|cheers"
    # Also a verb or an adjective ("Ta trappa", "love cats", "best practice"): signing only
    # after a comma, a dash or a line's end ("ta - em", "Best, Rhiannon", "love,\nSue").
    r"|(?:ta|best|love|klem)(?=[ \t]*(?:[,:–—-]|\r?\n)))"
    r"(?![\w'’])[ \t]*[,.:!–—-]*[ \t]*(?P<newline>\r?\n[ \t]*)?"
)
# The words that begin a closing: looked for among the last lines' words before the
# closing's pattern is tried ("ta" and "best" are inside many words).
_CLOSING_CUES: Final = frozenset(
    {"mvh", "hilsen", "hilsener", "helsing", "vennlig", "beste", "varm", "kind"}
    | {"warm", "many", "regards", "yours", "signert", "signed", "skrevet", "written", "tusen"}
    | {"takk", "thanks", "thank", "thx", "cheers", "ta", "best", "love", "klem"}
)
_WORDS: Final = _lazy(r"\w+")
_BEFORE_CLOSING: Final = frozenset(" \t\r\n\u00a0.!?,;:)…")
_SIGNATURE_TAIL: Final = 160
# Initials first: "J.M.", "sarah k.", "A. Whitcombe".
_SIGNATURE_NAME: Final = _lazy(r"(?:[^\W\d_]\.){1,3}|(?:(?:al|el)-)?[^\W\d_][\w'’-]*\.?")
_SIGNATURE_GAP: Final = _lazy(r"[ \t]+")
# A kiss after a name ends a signature too: "– eilidh x".
_SIGNATURE_END: Final = _lazy(r"[ \t.!]*(?:[ \t]+x{1,3}o?[ \t.!]*)?(?:\n|$)")
# The end of the text, after trailing stops, brackets, a kiss or an emoji.
_TEXT_END: Final = _lazy(r"[\s.!)]*|[\s.!]*[^\w\s]{1,3}\s*|[ \t]+x{1,3}o?[\s.!]*")
# A name signing for more than one: "Hilsen Kari og resten av gjengen".
_SIGNING_FOR_MORE: Final = _lazy(r"[ \t]+(?:og|and|&)[ \t]+")
# The last sentence of a message, a name alone: "… next time. Tom".
# After a sentence that ends in a word, not an abbreviation ("Co. Kerry").
_LAST_SENTENCE: Final = _lazy(r"[.!?](?<=[a-zæøåäöü]{3}.)[ \t]+(?=[^\s.!?]+[\s.!]*$)")
# A signature after a dash on the last line: "– KB", "- sarah", "— A.S.".
# Also after a space: "be there by 10 – eilidh x".
_DASH_SIGNATURE: Final = _lazy(
    r"(?:^|(?<=\n)|(?<=[.!?][ \t]))[ \t]*(?:[–—-]+|/)[ \t]*|(?<=[ \t])(?P<inside>[–—])[ \t]*"
)
# Chat words that end a message without signing it.
_NOT_SIGNATURES: Final = frozenset(
    {"lol", "ok", "btw", "asap", "xx", "xo", "mm", "hm", "ja", "doc", "mate", "guys", "hun"}
    | {"babe", "sis", "bro", "buddy", "boss", "folks", "pal", "dear", "love", "yall", "u"}
    | {"faithfully", "sincerely", "truly", "everyone", "all", "alle"}
)


def _signature_words(text: str, start: int) -> list[tuple[int, int]]:
    """One to three words from ``start`` that end their line, or none."""
    words: list[tuple[int, int]] = []
    position = start
    while len(words) < 3:
        word = _SIGNATURE_NAME().match(text, position)
        if word is None:
            return []
        words.append(word.span())
        position = word.end()
        if _SIGNATURE_END().match(text, position):
            return words
        gap = _SIGNATURE_GAP().match(text, position)
        if gap is None:
            return []
        position = gap.end()
    return []


def _signing_for_more(text: str, start: int) -> list[tuple[int, int]]:
    """A name after a letter's closing that signs with others: "Hilsen Kari og resten av
    gjengen"."""
    word = _SIGNATURE_NAME().match(text, start)
    if word is None or not _SIGNING_FOR_MORE().match(text, word.end()):
        return []
    return [word.span()]


# A message opening with the name of whom it answers: "Ben – yes, progressive loading is
# fine", "Kari,\nTakk for sist".
_ADDRESSED: Final = _lazy(
    r"[ \t]*(?P<name>[{capitals}][^\W\d_]+)(?:[ \t]+[–—-][ \t]+|[ \t]*,[ \t]*\n)"
)


def _addressed(lex: Lexicon, text: str) -> Iterator[NameHit]:
    """A listed given name opening a message before a dash or a comma and a new line: sure;
    a maybe if it is also a word."""
    found = _ADDRESSED().match(text)
    if found is None:
        return
    kind = _field_word_kind(lex, found["name"])
    if kind in ("listed", "ambiguous") and fold(found["name"]) in lex.given:
        yield NameHit(found.start("name"), found.end("name"), HIGH if kind == "listed" else LOW)


def _signatures(lex: Lexicon, text: str) -> Iterator[NameHit]:
    """A name signing off a message, in any case: after a closing ("mvh silje", "Cheers,\nMo",
    "thanks — sarah k.") or after a dash at the end ("– KB")."""
    # A closing stands in the last lines: looking for its words in the whole text took a
    # tenth of the scan ("ta" and "best" are in many words).
    tail = max(0, len(text) - _SIGNATURE_TAIL)
    lowered = text[tail:].casefold()
    if not _CLOSING_CUES.isdisjoint(_WORDS().findall(lowered)) or "m.v.h" in lowered:
        for closing in _CLOSING().finditer(text, tail):
            if closing.start() > 0 and text[closing.start() - 1] not in _BEFORE_CLOSING:
                continue
            words = _signature_words(text, closing.end())
            if not words and closing["letter"]:
                words = _signing_for_more(text, closing.end())
            if not words:
                continue
            at_end = bool(_TEXT_END().fullmatch(text, words[-1][1]))
            signs = closing["letter"] or closing["newline"] or at_end
            if signs and (hit := _signature_hit(lex, text, words)) is not None:
                yield hit
    last_line = text.rstrip().rfind("\n") + 1
    if (hit := _last_words_signature(lex, text, last_line)) is not None:
        yield hit
    # A dash's signature is a few words at the very end.
    dash_tail = max(last_line, len(text.rstrip()) - 40)
    if any(dash in text[dash_tail:] for dash in "–—-/"):
        for dash in _DASH_SIGNATURE().finditer(text, dash_tail):
            words = _signature_words(text, dash.end())
            at_end = bool(words) and bool(_TEXT_END().fullmatch(text, words[-1][1]))
            # Inside a line, only a listed given name signs: "by 10 – eilidh x", not "– phew".
            listed = not dash["inside"] or (
                len(words) == 1 and fold(text[words[0][0] : words[0][1]]) in lex.given
            )
            if at_end and listed and (hit := _signature_hit(lex, text, words)) is not None:
                yield hit


def _last_words_signature(lex: Lexicon, text: str, last_line: int) -> NameHit | None:
    """A given name alone on the last line, or as the last sentence: "… next time. Tom"."""
    if last_line > 0 and (hit := _last_line_signature(lex, text, last_line)) is not None:
        return hit
    last = _LAST_SENTENCE().search(text, last_line)
    return None if last is None else _last_line_signature(lex, text, last.end())


def _last_line_signature(lex: Lexicon, text: str, start: int) -> NameHit | None:
    """A message's last line that is a given name alone, after a line that ends a
    sentence: "Thanks for the handover\nSam", "Ring meg.\nKari". A listed given name that
    is no ordinary word is sure; one that is ("Sam", "Will") or initials, a maybe."""
    words = _signature_words(text, start)
    if len(words) != 1 or not _TEXT_END().fullmatch(text, words[0][1]):
        return None
    word = text[words[0][0] : words[0][1]].rstrip(".")
    key = fold(word)
    if not word[:1].isupper() or key not in lex.given or key in lex.not_names:
        return None
    if key in lex.stopwords or key in lex.kinship or key in lex.places:
        return None
    ambiguous = any(lex.is_ambiguous(key, lang) for lang in ("nb", "en"))
    return NameHit(words[0][0], words[0][0] + len(word), LOW if ambiguous else HIGH)


def _signature_hit(lex: Lexicon, text: str, words: list[tuple[int, int]]) -> NameHit | None:
    """A signature's name: listed, rare, not much more frequent than a name, or initials;
    or a short word that is frequent too, as a maybe ("em", "Mo")."""
    if len(words) == 1 and fold(text[words[0][0] : words[0][1]]) in _NOT_SIGNATURES:
        return None
    hit = _name_segment(lex, text, words, initials_ok=True)
    if hit is not None or len(words) != 1:
        return hit
    start, end = words[0]
    word = text[start:end].rstrip(".")
    key = fold(word)
    frequency = max(lex.frequency(key, lang) for lang in ("nb", "en"))
    blocked = key in lex.stopwords or key in lex.kinship or _ROLE_WORD().fullmatch(key)
    if word.isalpha() and 2 <= len(word) <= 3 and frequency < 5.0 and not blocked:
        return NameHit(start, start + len(word), LOW)
    return None
