"""The regular expressions of the scan: each a callable that gives the compiled pattern,
all compiled together on the first scan (or read back compiled, see ``physioreflect._regex``).

Every pattern that can start at many places begins with a lookbehind that fails inside a run
of the characters it consumes, so a match is only attempted where a run begins: scanning
stays linear in the length of the text, even for 50 000 characters of digits.

Context words are matched in both languages whatever the workbook's language: students
paste notes written in the other one. They are not matched right after "[": the words inside
a placeholder ("[FØDSELSNUMMER]", "[TELEFON]") are no context.
"""

from __future__ import annotations

from typing import Final

from physioreflect._regex import RegexBook

__all__ = [
    "ADDRESS_NO_POSTCODE",
    "ADDRESS_POSTCODE",
    "ADDRESS_UK",
    "BIRTH_DATE",
    "CLINICAL_CONTEXT_BEFORE",
    "EMAIL",
    "ID_CONTEXT",
    "LEADING_NON_STREET",
    "NAME_AFTER_VERB",
    "NAME_STOPWORDS",
    "NAME_TRIGGER_HIGH",
    "NAME_TRIGGER_LOW",
    "NAME_WORD",
    "NUMBER_RUN",
    "PERSON_BEFORE_VERB",
    "PHONE_CONTEXT_AFTER",
    "PHONE_CONTEXT_BEFORE",
    "STREET_NAME_END",
    "UNIT_AFTER",
]

_BOOK: Final = RegexBook("privacy-patterns")

# ── numbers: national ID numbers and phone numbers ────────────────────────────────────────
_SEP = r"[ \u00a0-]"
# One candidate is a run of digit groups separated by single spaces or dashes, with an
# optional country code or bracketed area code. Whether it is an ID number ("010190 12345":
# eleven digits, maybe split after six) or a phone number is decided from the digits, the
# grouping and the words around it (see _scan). Taking the run as a whole is what keeps
# "105 105 105 140" (weekly minutes) from reading as a phone number: it is twelve digits.
# A run does not start inside a date or a decimal ("1/1/2000", "4,5").
NUMBER_RUN: Final = _BOOK.pattern(
    r"(?<![\w+])(?<!\d[.,/-])"
    r"(?:(?P<plus>\+|00)(?P<cc>[1-9]\d{0,2})" + _SEP + r"?(?:\(0\)" + _SEP + r"?)?"
    r"|\(\+(?P<cc_paren>[1-9]\d{0,2})\)" + _SEP + r"?)?"
    r"(?P<area>\(\d{1,4}\)" + _SEP + r"?)?"
    r"(?P<body>\d+(?:" + _SEP + r"\d+)*)"
    r"(?!\w)(?![.,]\d)"
)
ID_CONTEXT: Final = _BOOK.pattern(
    r"(?i)(?<!\[)\b(?:f\.?\s?nr|fødselsnr|fødselsnummer|personnr|personnummer|person\s?nummer|"
    r"d-?nummer|d-?nr|h-?nummer|national\s+id|personal\s+(?:id|number)|id\s+number|ssn)\b"
)

# ── e-mail ─────────────────────────────────────────────────────────────────────────────────
EMAIL: Final = _BOOK.pattern(
    r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])(?!\.[\w-])"
)

# ── phone numbers ─────────────────────────────────────────────────────────────────────────
PHONE_CONTEXT_BEFORE: Final = _BOOK.pattern(
    r"(?i)(?<!\[)\b(?:tlf|tel|telefon\w*|mob|mobil\w*|nummer\w*|nr|ring\w*|sms|tekstmelding|"
    r"kontakt\w*|nås|phone\w*|telephone|mobile|cell\w*|call\w*|number|contact\w*|"
    r"text(?:ed)?|whatsapp|reach(?:ed)?|(?:jobb|hjemme|privat|work|home)\s*:)\W{0,3}"
    r"(?:\w+\W{1,3}){0,3}$"
)
PHONE_CONTEXT_AFTER: Final = _BOOK.pattern(
    r"(?i)\W{0,3}(?:\(?(?:mobil|mob|tlf|telefon|jobb|hjemme|privat|phone|mobile|cell|home|"
    r"work)\b)"
)
# Measurements named just before: "Puls 48 52 61 73", "Uke 1–4: 45 67 89 12". ("min" is
# left out: in bokmål it is also "my".)
CLINICAL_CONTEXT_BEFORE: Final = _BOOK.pattern(
    r"(?i)\b(?:puls\w*|pulse|heart\s+rate|hjertefrekvens|hr|hf|minutter|minutes|reps|"
    r"repetisjoner|skritt|steps|kg|uke|uker|week|weeks|score|skår|poeng|points|sett|sets|rpe|"
    r"borg|smerte|pain|nprs|vas|psfs|"
    r"blodtrykk|bp|tug|sek|vekt|weight|målinger|measurements|verdier|values)\b"
    r"[^\n\d]{0,12}(?:[\d–-]+[^\n\d]{0,6})?$"
)
# A number followed by one of these is a quantity, not a phone number ("45 60 75 90 min").
# Both patterns are used with .match() at the end of a number.
UNIT_AFTER: Final = _BOOK.pattern(
    r"(?i)\s?(?:%|‰|min\b|minutt\w*|minutes?\b|mins?\b|kg\b|km\b|m\b|meter\w*|metres?\b|"
    r"meters?\b|sek\w*|sec\w*|s\b|reps?\b|repetisjon\w*|repetitions?\b|ganger\b|gang\b|"
    r"times\b|sett\b|sets?\b|skritt\b|steps?\b|kr\b|nok\b|kroner\b|år\b|years?\b|uker?\b|"
    r"weeks?\b|dager?\b|days?\b|timer?\b|hours?\b|h\b|mg\b|kcal\b|kalorier\b|calories\b|"
    r"poeng\b|points?\b|personer\b|people\b|pasienter\b|patients\b)"
)

# ── dates of birth ─────────────────────────────────────────────────────────────────────────
_MONTHS = (
    r"(?:januar|january|jan|februar|february|feb|mars|march|mar|april|apr|mai|may|juni|june|"
    r"jun|juli|july|jul|august|aug|september|sept|sep|oktober|october|okt|oct|november|nov|"
    r"desember|december|des|dec)"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_DATE = (
    r"(?P<date>(?i:"
    # 1961-04-03, 1961/04/03
    r"(?P<iso>(?:18|19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.]" + _DAY + r")(?!\d)"
    # 03.04.1961, 3/4-61, 3/4/1961, 03-04-61 (and 04/03/1961 in American order)
    r"|(?P<numeric>(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|[12]\d|3[01])[./-](?:\d{4}|\d{2}))"
    r"(?!\d)"
    # 03041961 or 030461
    r"|(?P<compact>\d{8}|\d{6})(?![ \u00a0-]?\d)"
    # 3. april 1961, 3rd of April 1961, 3 apr. 61 — and "3. april" without a year
    r"|(?P<day_month>" + _DAY + r"(?:\.|st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"\b\.?"
    r"(?:,?\s+(?P<dm_year>(?:18|19|20)\d{2}|['’]?\d{2})(?!\d))?)"
    # April 3, 1961
    r"|(?P<month_day>" + _MONTHS + r"\b\.?\s+" + _DAY + r"(?:st|nd|rd|th)?,?\s+"
    r"(?:18|19|20)\d{2}(?!\d))"
    r"))"
)
# Words that may stand between the context word and the date: "født i Bergen 3. april
# 1961", "born in Bergen on 3 April 1961", "fødselsdatoen hennes er 3.4.61".
_BETWEEN = (
    r"(?:(?i:den|on|the|i|in|er|var|is|was|hans|hennes|hens|his|her|their)\b"
    r"|[A-ZÆØÅ][a-zæøåäöüé-]+\b)"
)
# "født 03.04.1961", "f. 3/4-61", "DOB: 1961-04-03", "born on 3 April 1961".
BIRTH_DATE: Final = _BOOK.pattern(
    r"(?i:\bfødselsdato(?:en)?\b|\bfødselsdag(?:en)?\b|\bf\.\s?d\.|\bf\.\s?dato\b|\bfdato\b|"
    r"\bfødt\b|\bfødd\b|\bf\.|\bd\.o\.b\.|\bdob\b|\bdate\s+of\s+birth\b|\bbirth\s?date\b|"
    r"\bbirthday\b|\bborn\b)"
    r"(?:\s*:)?(?:\s+" + _BETWEEN + r"){0,3}?\s*:?\s*" + _DATE,
)

# ── addresses ─────────────────────────────────────────────────────────────────────────────
_CAP_WORD = r"[A-ZÆØÅÄÖÜÉ][\wæøåäöüé.'’-]*"
# How Norwegian street names end, as a word of their own ("Karl Johans gate", "Bygdøy allé")
# or as the end of one ("Storgata", "Kirkeveien").
_STREET_WORD = (
    r"(?:gate|gata|gaten|gt\.|vei|vei\.|veg|veien|vegen|vn\.|allé|alle|plass|plassen|torg|"
    r"torget|terrasse|bakke|bakken|sti|stien|svingen|brygge|kai|kaia|ring|ringen|tunet|kroken)"
)
STREET_NAME_END: Final = _BOOK.pattern(r"(?i)" + _STREET_WORD + r"$")
# "Storgata 12, 0155 Oslo", "Kirkeveien 5B, 7030 Trondheim", "Karl Johans gate 5 0154 Oslo".
ADDRESS_POSTCODE: Final = _BOOK.pattern(
    r"(?<![\w.'’-])"
    r"(?P<street>" + _CAP_WORD + r"(?:[ \u00a0]+(?:" + _CAP_WORD + r"|" + _STREET_WORD + r")){0,3})"
    r"[ \u00a0]+\d{1,4}(?:[ \u00a0]?[A-Za-z](?![\w]))?"
    r"(?P<sep>[ \u00a0]*,[ \u00a0]*|[ \u00a0]+)"
    r"(?:\d{1,2}\.?[ \u00a0]?(?:etg\.?|etasje|floor)[ \u00a0]*,?[ \u00a0]*)?"
    r"(?:N-|NO-)?\d{4}[ \u00a0]+(?P<place>[A-ZÆØÅ][\wæøå-]+)(?![\w@])"
)
# Without a postcode only a name built like a street counts, and only as a maybe:
# "bor i Kirkeveien 5B", "Karl Johans gate 5". Fewer endings than above: many everyday words
# end in "-ring", "-sti" or "-kai" ("Vurdering 2").
ADDRESS_NO_POSTCODE: Final = _BOOK.pattern(
    r"(?<![\w.'’-])"
    r"(?:[A-ZÆØÅ][a-zæøåäöüé-]*(?:gata|gate|gaten|veien|vegen|veg|vei|allé|plass|plassen|"
    r"torget|bakken|stien|svingen|ringen|terrasse|tunet|kroken)"
    r"|[A-ZÆØÅ][a-zæøåäöüé-]+s?[ \u00a0]" + _STREET_WORD + r")"
    r"[ \u00a0]+\d{1,4}(?:[ \u00a0]?[A-Za-z](?![\w]))?(?!\w)(?![.,]\d)"
)
# "12 Baker Street, London NW1 6XE"; with the postcode sure, without it a maybe.
ADDRESS_UK: Final = _BOOK.pattern(
    r"(?<![\w.-])\d{1,4}[A-Za-z]?[ \u00a0]+(?:[A-Z][a-z]+[ \u00a0]+){1,3}"
    r"(?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Lane|Drive|Way|Close|Court|Place|Square|Gardens|"
    r"Crescent|Terrace|Grove|Row|Hill|Mews)\b"
    r"(?P<postcode>,?[ \u00a0]+(?:[A-Z][a-z]+,?[ \u00a0]+)?"
    r"(?:[A-Z]{1,2}\d[A-Z\d]?[ \u00a0]?\d[A-Z]{2}|[A-Z]{2}[ \u00a0]\d{5})(?![\w@]))?"
)
LEADING_NON_STREET: Final = frozenset(
    {"I", "På", "Pa", "Til", "Fra", "Ved", "Bor", "In", "At", "On", "To", "From", "Adresse"}
)

# ── names ─────────────────────────────────────────────────────────────────────────────────
# A title is not a name word: "Fastlegen heter Dr. Nilsen" names Nilsen.
# Capital letters of the Latin scripts names are written in, and the small letters after
# them; in the Latin Extended blocks capitals and small letters alternate, and both are let
# in either way (ranges are quicker to compile than the letters one by one): "Jürgen
# Weiß-Becker", "Łukasz Wiśniewski", "Ștefan Popescu".
_CAPITAL = "[A-ZÀ-ÖØ-Þ\u0100-\u024f]"
_SMALL = "[a-zß-öø-ÿ\u0100-\u024f\u1e00-\u1eff]"
NAME_WORD: Final = (
    r"(?!(?:Dr|Mr|Mrs|Ms|Mx|Prof|Fru|Frue|Frk|Herr|Hr)\b)"
    # "MacDONALD" on a form: the prefix's capital and the rest in capitals.
    r"(?:(?:Mc|Mac|O['’])" + _CAPITAL + _CAPITAL + r"+\b|"
    r"(?:Mc|Mac|O['’])?" + _CAPITAL + _SMALL + r"+(?:-" + _CAPITAL + _SMALL + r"+)?)"
)
_NAMES = r"(?P<name>" + NAME_WORD + r"(?:[ \u00a0]+" + NAME_WORD + r"){0,3})"
_PERSON = (
    r"(?:jeg|du|han|hun|hen|pasienten|pasient|kvinnen|mannen|dama|kona|kona\s+hans|"
    r"mannen\s+hennes|ektemannen|ektefellen|samboeren|kjæresten|datteren|dattera|sønnen|"
    r"barnet|gutten|jenta|moren|mora|faren|far|mor|broren|søsteren|bestemoren|bestefaren|"
    r"naboen|kollegaen|sjefen|legen|fastlegen|treneren|vedkommende|"
    r"she|he|they|i|patient|the\s+patient|woman|man|wife|husband|partner|daughter|son|"
    r"mother|mum|mom|father|dad|brother|sister|neighbour|neighbor|colleague|who)"
)
# Phrases that say the next words are someone's name ("heter" and "called": see below).
NAME_TRIGGER_HIGH: Final = _BOOK.pattern(
    # One \b up front: most positions are inside words and fail there at once.
    r"\b(?:"
    r"(?i:fru|frue|frk\.?|frøken|herr|dr\.)"
    r"|(?<!\d\s)(?i:hr\.)"
    r"|(?:Mr|Mrs|Ms|Mx|Dr|Prof)\b\.?|Miss\b"
    r"|(?i:navnet(?:\s+(?:hans|hennes|hens|mitt|deres|til\s+\w+|på\s+\w+))?\s+(?:er|var))"
    r"|(?i:(?:hans|hennes|hens|mitt|deres|pasientens)\s+navn\s+(?:er|var))"
    r"|(?i:(?:for|etter|fulle)navn\w*\s*(?::|er|var))"
    r"|(?i:(?:pasient)?navn\s*:)"
    r"|(?i:(?:ved|med)\s+navn)"
    r"|(?i:(?:his|her|their|my|the\s+patient['’]s|patient['’]s|whose)\s+(?:first\s+|last\s+|"
    r"full\s+|sur)?name\s+(?:is|was))"
    r"|(?i:(?:first\s+|last\s+|full\s+|sur)?name\s*:)"
    r"|(?i:by\s+the\s+name\s+of)"
    r")[ \u00a0]+" + _NAMES
)
# "heter Kari", "called Kari", "named Kari": a name when a person is the subject ("hun
# heter", "his wife is called"; "named" always), a maybe otherwise ("et senter som heter
# Puls", "a programme called Couch to 5K"). Found by the verb, which is rare, and then the
# subject is looked for just before it: trying the long list of subjects at every word
# made this the slowest pattern of the scan.
NAME_AFTER_VERB: Final = _BOOK.pattern(
    r"\b(?P<verb>(?i:heter|het|kalles|kalt|called|named))[ \u00a0]+" + _NAMES
)
PERSON_BEFORE_VERB: Final = _BOOK.pattern(
    r"(?i)\b" + _PERSON + r"(?:\s+(?:sin|hans|hennes))?(?:['’][sm]|\s+(?:is|was|are|am|ble))?\s+$"
)
# After these a capitalised word may be a name or may be a thing: the author decides.
NAME_TRIGGER_LOW: Final = _BOOK.pattern(
    r"\b(?:(?i:pasienten,?|pasient,?|patient,?|pas\.|jeg\s+er)|I['’]m|I\s+am)[ \u00a0]+" + _NAMES
)
# Capitalised words that follow those phrases without being names.
_NOT_NAMES = """
    Jeg Du Han Hun Hen Vi Dere De Det Den Dette Disse Der Da Når Og Men Som Så Her Nå
    Ikke Også Bare Selv Etter Før Hvis Om Uten Med For Til Fra Ved Av Pasient Pasienten
    Pasientens Klienten I The He She It We They This That These Those Then There When And
    But Not Also Just If After Before With Without From Patient Patients Client A An My His
    Her Our Their Yes No Ja Nei Mandag Tirsdag Onsdag Torsdag Fredag Lørdag Søndag Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday Januar Februar Mars April Mai Juni Juli
    August September Oktober November Desember January February March May June July October
    December Norsk Engelsk Norwegian English British
    Unknown Ukjent Anonym Anonymous Anonymisert Anonymised Anonymized Withheld Redacted
    Sladdet None Ingen Nil Unnamed Navnløs
"""
NAME_STOPWORDS: Final = frozenset(_NOT_NAMES.split())
