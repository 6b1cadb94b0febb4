"""Names found by weaker cues taken together: a name's particles, who it is in brackets, a
nickname after it, the next sentence's pronoun, a bare noun opening a sentence before its
verb; and ordinary texts of the same shape, in both languages, that hold no name."""

from __future__ import annotations

import pytest

from physioreflect.privacy import Confidence, Kind, scan_text

HIGH, LOW = Confidence.high, Confidence.low


def _names(text: str, lang: str) -> list[tuple[str, Confidence]]:
    return [(f.text, f.confidence) for f in scan_text(text, lang=lang) if f.kind is Kind.name]


PARTICLES = [
    ("nb", "Pieter van der Berg ønsker å gå på ski igjen.", [("Pieter van der Berg", HIGH)]),
    ("en", "Jan van der Meer, 61, retired engineer.", [("Jan van der Meer", HIGH)]),
    ("en", "Pádraig Ó Súilleabháin, 71, dairy farmer.", [("Pádraig Ó Súilleabháin", HIGH)]),
    ("nb", "Hilsen\nRhys ap Gwilym", [("Rhys ap Gwilym", HIGH)]),
]

PARTICLES_WITHOUT_NAMES = [
    ("nb", "Hun har vært på ferie i Rio de Janeiro."),
    ("en", "She walked from Oslo to Bergen last summer."),
]

WHO_IN_BRACKETS = [
    ("en", "Joy (daughter) is the main carer.", [("Joy", HIGH)]),
    ("nb", "Vilje (datter) kommer med på timene.", [("Vilje", HIGH)]),
    ("en", "Sol (short for Soledad) is 29.", [("Sol", HIGH), ("Soledad", HIGH)]),
    ("nb", "Kanokwan (kalt «Nok») er med i gruppa.", [("Kanokwan", HIGH), ("Nok", HIGH)]),
    # A nickname in brackets after a name.
    (
        "en",
        "Maria Cristina dela Cruz (Tina) is our new rehab assistant.",
        [("Maria Cristina dela Cruz", HIGH), ("Tina", HIGH)],
    ),
    ("nb", "Tor-Egil («Toffen» blant kollegene) tar over.", [("Tor-Egil", HIGH), ("Toffen", HIGH)]),
    # A given name in lower case alone in brackets.
    ("nb", "mor til pasienten (fatima) ringte i dag", [("fatima", HIGH)]),
    ("en", "her daughter (sarah) rang to cancel", [("sarah", HIGH)]),
]

BRACKETS_WITHOUT_NAMES = [
    ("en", "Joy (a feeling she had lost) came back."),
    ("nb", "Sol (og varme) hjelper på stivheten."),
    ("en", "Interpreter present: the interpreter (Vietnamese) was on the phone."),
    ("nb", "Tolken (Dari) var på telefon."),
    ("en", "the exercise (squats) went well today"),
    ("nb", "trening (styrke) gikk fint i dag"),
]

OPENING_A_SENTENCE = [
    # The next sentence's pronoun: a person.
    ("nb", "Bjørn var sint i dag. Han mener vi ikke hører på ham.", [("Bjørn", HIGH)]),
    ("en", "Dawn was upset today. She feels nobody listens.", [("Dawn", HIGH)]),
    # A person's state, or what a person is.
    ("nb", "Sol har vondt i nakken etter mange år som frisør.", [("Sol", HIGH)]),
    ("en", "Ernst is a stubborn old man.", [("Ernst", HIGH)]),
    ("en", "Hope was the youngest patient I had.", [("Hope", HIGH)]),
    # A feeling is a name only as a maybe, with nothing more than a pronoun later.
    ("en", "Hope is what keeps her going.", [("Hope", LOW)]),
    # A bare noun before its verb: a maybe.
    ("nb", "Stig har fått nye øvelser.", [("Stig", LOW)]),
    ("en", "Mark has tried physio twice before.", [("Mark", LOW)]),
]

OPENINGS_WITHOUT_NAMES = [
    ("nb", "Hagen var full av ugress. Hun lukte hele dagen."),
    ("nb", "Stig opp på kassen ti ganger."),
    ("nb", "Bjørn er et dyr hun er redd for."),
    ("en", "Miles walked per week: 12."),
    ("en", "Frank is a word she uses a lot."),
    ("en", "Dawn walks are his favourite."),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"), PARTICLES + WHO_IN_BRACKETS + OPENING_A_SENTENCE
)
def test_names_from_weaker_cues(
    lang: str, text: str, expected: list[tuple[str, Confidence]]
) -> None:
    assert _names(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"), PARTICLES_WITHOUT_NAMES + BRACKETS_WITHOUT_NAMES + OPENINGS_WITHOUT_NAMES
)
def test_the_same_shapes_hold_no_name(lang: str, text: str) -> None:
    assert _names(text, lang) == []


PLACES_THINGS_AND_TITLES = [
    # A preposition hardly said of a person: a place, whatever the word.
    ("nb", "Hun ble overført til sykehuset i Mo i Rana."),
    ("en", "She lives in Stornoway now."),
    ("en", "Dairy farmer from Co. Kerry."),
    # "fra", "from": a place unless it is a given name; a verb after is its subject's.
    ("nb", "Pasienten hennes fra Stokke kommer på onsdag."),
    ("nb", "Han er utvekslingsstudent fra Strömstad og ønsker å lære norsk."),
    # The English article, a title's "X of", an institution's last word.
    ("en", "Transferred from the Whittington to the Nuffield."),
    ("en", "A Hansen brace was fitted."),
    ("en", "Tampa Scale of Kinesiophobia: 46."),
    ("en", "The Nuffield Orthopaedic Centre called."),
    ("nb", "Overført fra Sophies Minde Ortopedi til Sunnaas."),
    ("nb", "Møtet er flyttet til Fridtjof Nansens gate."),
    # A Norwegian imperative with its object.
    ("nb", "Lene deg fram mot veggen og hold i 30 sekunder."),
    # A line in capitals; a weekday's short form; a test found positive.
    ("nb", "TIL ALLE: HUSK NAVNESKILT FØRSTE DAG."),
    ("en", "PLEASE ENSURE ALL HOISTS ARE ON CHARGE"),
    ("en", "See you at the in-service training on Thu."),
    ("en", "Mills test positive, Cozen's positive, grip reduced."),
]

PEOPLE_IN_THE_SAME_SHAPES = [
    ("nb", "Jeg fikk en melding fra Kari i går.", [("Kari", HIGH)]),
    ("en", "I had a message from Sione.", [("Sione", HIGH)]),
    ("nb", "Bo Gustavsson (70) fra Strömstad ønsker å bo hjemme.", [("Bo Gustavsson", HIGH)]),
    ("en", "Hansen was fitted with a brace.", [("Hansen", HIGH)]),
    ("nb", "Lene lente seg fram mot veggen.", [("Lene", HIGH)]),
    ("nb", "NAVN PÅ STUDENT: MARTE ØVERGÅRD-LIEN", [("MARTE ØVERGÅRD-LIEN", HIGH)]),
    ("en", "RE: GRAHAM MCALLISTER\nPlease see and treat.", [("GRAHAM MCALLISTER", HIGH)]),
    ("en", "Kari's positive attitude helped.", [("Kari", HIGH)]),
    # Spoken to, between commas.
    ("en", "Thanks for everything, Rebbeca, you were great!", [("Rebbeca", HIGH)]),
    ("nb", "Takk for alt, Krsitine, du har vært til stor hjelp.", [("Krsitine", HIGH)]),
    # Where the person is from, then a verb of saying.
    ("en", "Dawn from the discharge team says it starts on Monday.", [("Dawn", HIGH)]),
    # Letters of other Latin scripts after a title.
    ("en", "Herr Jürgen Weiß-Becker (tourist) was seen.", [("Jürgen Weiß-Becker", HIGH)]),
]


@pytest.mark.parametrize(("lang", "text"), PLACES_THINGS_AND_TITLES)
def test_places_things_and_titles_are_no_names(lang: str, text: str) -> None:
    assert _names(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "expected"), PEOPLE_IN_THE_SAME_SHAPES)
def test_people_in_the_same_shapes_are_names(
    lang: str, text: str, expected: list[tuple[str, Confidence]]
) -> None:
    assert _names(text, lang) == expected


NOTES_AND_MESSAGES = [
    # The Norwegian genitive of a listed name, however frequent wordfreq counts it.
    ("nb", "Marias mål er å gå på ski.", [("Maria", HIGH)]),
    ("nb", "Siris mål er å gå på ski.", [("Siri", HIGH)]),
    # Initials with full stops: after "by", opening a note before a date, in a signature's
    # field; a maybe before a verb.
    ("en", "Assessment done by J.P. on 12/02.", [("J.P.", HIGH)]),
    ("nb", "E.K. 17.03: pas. møtte ikke.", [("E.K.", HIGH)]),
    ("nb", "Signert: H.M. (stud.)", [("H.M.", HIGH)]),
    ("en", "A.B. came in late today.", [("A.B.", LOW)]),
    # A given name in lower case greeted or thanked; one that is a word, with a surname.
    ("nb", "heii sigrid, har du notatene?", [("sigrid", HIGH)]),
    ("en", "ok thanks maja!! see you monday", [("maja", HIGH)]),
    ("nb", "notat: ring tone berg om ny time", [("tone berg", HIGH)]),
    # Signatures: with a kiss, after a dash inside the line, the last sentence alone, signing
    # for more; a name opening a message before a dash.
    ("en", "running late, be there by 10 – eilidh x", [("eilidh", HIGH)]),
    ("en", "Good reflection. Link it to the model next time. Tom", [("Tom", LOW)]),
    ("nb", "Takk for en fin periode! Hilsen Krsitine og resten av gjengen", [("Krsitine", HIGH)]),
    ("en", "Ben – yes, loading is fine.", [("Ben", LOW)]),
    ("nb", "Ingvild – ja, det går fint.", [("Ingvild", HIGH)]),
    # A name in capitals with a double surname.
    ("nb", "MARIUS HOLM-JOHANSEN\nAdresse ukjent", [("MARIUS HOLM-JOHANSEN", HIGH)]),
]

NOTES_AND_MESSAGES_WITHOUT_NAMES = [
    ("en", "Lives in Tromsø with her husband."),
    ("en", "Discussed at the M.D.T. meeting."),
    ("nb", "N.B. husk ortosen i morgen."),
    ("en", "Pain scores, P.S. see attached."),
    ("nb", "hei alle, husk møtet i morgen"),
    ("en", "thanks again, see you monday"),
    ("nb", "ring tone og spør om hun kan"),
    ("en", "done 10 reps – phew x"),
    ("en", "Good reflection. Link it to the model next time. Thanks"),
    ("en", "Jan–Mar: 2 sessions a week."),
    ("nb", "Hilsen alle oss på post 3"),
    ("en", "Dairy farmer from Co. Kerry."),
    # Labels of headings in a form, beside a label named by a role.
    ("nb", "Student: Kari Nordmann\nPraksissted: Sandvika fysioterapi"),
    ("nb", "Student: Kari Nordmann\nInnlagt: 02.09.–16.09."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), NOTES_AND_MESSAGES)
def test_names_in_notes_and_messages(
    lang: str, text: str, expected: list[tuple[str, Confidence]]
) -> None:
    assert _names(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), NOTES_AND_MESSAGES_WITHOUT_NAMES)
def test_notes_and_messages_without_names(lang: str, text: str) -> None:
    found = _names(text, lang)
    # The form's own student is a name; nothing else is.
    assert [name for name, _ in found if name != "Kari Nordmann"] == []


ROLES_AND_OWNERS = [
    # A role and a comma before a name.
    ("en", "Ward round with the registrar, Priti.", [("Priti", HIGH)]),
    ("nb", "Veilederen min, Torunn, ga meg tilbakemelding.", [("Torunn", HIGH)]),
    # An ordinary word that is a name too, owning kin.
    ("en", "Wendell's daughter wants him to move.", [("Wendell", HIGH)]),
    # A role before an institution: the institution is none.
    (
        "en",
        "Linnéa Sjöberg-Åhman, Erasmus student, Karolinska Institutet, Stockholm.",
        [("Linnéa Sjöberg-Åhman", HIGH)],
    ),
]

ROLES_AND_OWNERS_WITHOUT_NAMES = [
    ("en", "Ward round with the registrar, Thursday morning."),
    ("nb", "Kontakt sykepleier, Hjemmetjenesten Nord."),
    ("en", "Cheddar's taste is too strong for her."),
    # A name said to be made up.
    ("nb", "Pasienten «Knut» (fiktivt navn) er 70 år."),
    ("en", "Anna (not her real name) is 34."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ROLES_AND_OWNERS)
def test_roles_and_owners(lang: str, text: str, expected: list[tuple[str, Confidence]]) -> None:
    assert _names(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), ROLES_AND_OWNERS_WITHOUT_NAMES)
def test_roles_and_owners_without_names(lang: str, text: str) -> None:
    assert _names(text, lang) == []
