"""Names in forms, signatures and quick notes: a form's fields (also in capitals), a
signature after a closing or a dash, lower-case names after a title, a verb of naming or a
word for kin, particles before a surname, kin before a name, a name nobody listed opening a
sentence before a person's verb; and ordinary texts in the same shapes that hold no name."""

from __future__ import annotations

import pytest

from physioreflect.privacy import Confidence, Kind, scan_text

HIGH, LOW = Confidence.high, Confidence.low


def _names(text: str, lang: str) -> list[tuple[str, Confidence]]:
    return [(f.text, f.confidence) for f in scan_text(text, lang=lang) if f.kind is Kind.name]


FIELDS = [
    ("nb", "NAVN: KARI NORDMANN\nALDER: 54", [("KARI NORDMANN", HIGH)]),
    ("nb", "PASIENT: TORE HALVORSEN\nFØDT: 1958", [("TORE HALVORSEN", HIGH)]),
    ("nb", "Pasient: BERIT LØKEN, 71 år", [("BERIT LØKEN", HIGH)]),
    ("en", "PATIENT NAME: JOHN SMITH", [("JOHN SMITH", HIGH)]),
    ("en", "Patient: O'SULLIVAN, Seán", [("O'SULLIVAN", HIGH), ("Seán", HIGH)]),
    ("en", "Name: MacDONALD, Fiona", [("MacDONALD", HIGH), ("Fiona", HIGH)]),
    ("nb", "Pårørende: Kjell Åge Myhre (sønn)", [("Kjell Åge Myhre", HIGH)]),
    ("en", "Next of kin: Mary O'Connor (daughter)", [("Mary O'Connor", HIGH)]),
    # Initials only in a signature's field.
    ("en", "Reviewed with supervisor. Signed: J.M.", [("J.M.", HIGH)]),
]

FIELDS_WITHOUT_NAMES = [
    ("nb", "Pasient: Kvinne, 54 år"),
    ("en", "Patient: Female, 62"),
    ("nb", "Henvist av: Fastlege"),
    ("en", "Referred by: GP"),
    ("en", "Referred by: Physio OPD"),
    ("en", "Supervisor: TBC"),
    ("nb", "Lege: Legevakt"),
    ("nb", "Pårørende: Ektefelle"),
    ("nb", "Kontaktperson: Hjemmetjenesten"),
    ("nb", "Student: Meg selv"),
    ("en", "Contact: Ward 7 reception"),
    ("nb", "Pasient: Pasient B"),
    ("en", "Patient: Pt 3"),
    ("en", "Signed: N.N."),
    ("nb", "PASIENT: KVINNE 67 ÅR"),
    ("en", "Next of kin: Son, lives locally"),
    ("nb", "Lege: Ortopedisk poliklinikk"),
    ("en", "Name: Unknown"),
    ("nb", "Fastlege: Ukjent"),
    ("en", "Best, Physio Dept"),
    # Headings and notes in capitals: abbreviations, tests, ordinary words.
    ("nb", "FUNN: Nedsatt ROM i hofte\nPLAN: Trening 2x/uke"),
    ("nb", "NB! HUSK BERG BALANSE OG TUG"),
    ("nb", "HUN ER SÅ FLINK TIL Å TRENE"),
    ("en", "ASSESSMENT: REDUCED ROM, POSITIVE LACHMAN"),
    ("en", "MARK THE PAINFUL AREA ON THE BODY CHART"),
]

SIGNATURES = [
    ("nb", "takk, kari", [("kari", HIGH)]),
    ("en", "thanks — sarah k.", [("sarah k.", HIGH)]),
    ("nb", "kan du ringe meg etterpå?\nhilsen tormod", [("tormod", HIGH)]),
    ("en", "Notes attached. Best, Rhiannon", [("Rhiannon", HIGH)]),
    ("en", "See you tomorrow.\nCheers,\nBeth", [("Beth", HIGH)]),
    ("nb", "Vurdert og behandlet.\n– KB", [("KB", HIGH)]),
    ("nb", "Ferdig for i dag. – A.S.", [("A.S.", HIGH)]),
    ("en", "Thanks, S.K.", [("S.K.", HIGH)]),
    ("nb", "ROM bedre. /KB", [("KB", HIGH)]),
    ("en", "FYI - ROM improving. - JP", [("JP", HIGH)]),
    # A given name alone on the last line; a maybe when it is also a word.
    ("nb", "Kan du ta 14-timen i morgen?\nIngvild", [("Ingvild", HIGH)]),
    ("en", "Thanks for the handover\nSam", [("Sam", LOW)]),
    # A short nickname that is a frequent word too: a maybe.
    ("en", "can u cover my 4pm? ta - mo", [("mo", LOW)]),
]

CLOSINGS_WITHOUT_NAMES = [
    ("nb", "Takk for hjelpen!"),
    ("nb", "takk for i dag!"),
    ("nb", "takk, det hjalp"),
    ("nb", "takk, alle"),
    ("nb", "Takk for i dag - ses i morgen"),
    ("nb", "Mvh\nFysioterapitjenesten"),
    ("nb", "Hilsen\nAvdeling 4"),
    ("nb", "mvh avd. 3"),
    ("nb", "Ta trappa"),
    ("nb", "klem, mormor"),
    ("nb", "Smerte ved belastning – NRS 4"),
    ("en", "thanks, that helps"),
    ("en", "Thanks — see you Monday."),
    ("en", "Best,\nThe team"),
    ("en", "Cheers,\nthe physio team"),
    ("en", "Kind regards,\nStroke Unit"),
    ("en", "Thanks, Doc"),
    ("en", "love, mum"),
    ("en", "I love Pilates"),
    ("en", "We followed best practice"),
    ("en", "See attached - TUG"),
    ("en", "Cheers,\nAdmin"),
    ("en", "Thanks!\nReception"),
    ("en", "Best,\nWard 7 team"),
    ("nb", "Hilsen\nHjemmetjenesten i bydelen"),
    ("nb", "Gikk bra i dag.\nFortsett slik"),
    ("en", "Vi brukte Oswestry og Tampa."),
]

LOWER_CASE = [
    ("nb", "fru lunde var i godt humør i dag", [("lunde", HIGH)]),
    ("en", "saw mrs patel today, shes much better", [("patel", HIGH)]),
    ("en", "dr hughes wants her mobilised", [("hughes", HIGH)]),
    ("nb", "datteren heter ingrid og bor i bergen", [("ingrid", HIGH)]),
    ("en", "lovely lady, told me to call her edna", [("edna", HIGH)]),
    ("nb", "snakket med broren hans, yonas, i dag", [("yonas", HIGH)]),
    ("nb", "fikk melding fra ingrid om at hun er syk", [("ingrid", HIGH)]),
    # The next names of a list after a lower-case name.
    ("nb", "snakket med kari og per om trening", [("kari", HIGH), ("per", HIGH)]),
    ("nb", "trente med ola og fikk vondt etterpå", [("ola", HIGH)]),
]

LOWER_CASE_WITHOUT_NAMES = [
    ("en", "dr said to rest for a week"),
    ("en", "mrs and mr are titles"),
    ("nb", "hva heter det igjen"),
    ("nb", "hun heter noe med s"),
    ("en", "the GP called back"),
    ("en", "we called it a day"),
    ("en", "he tore his acl playing football"),
    ("nb", "broren hans, som bor i bergen, kommer"),
    ("nb", "datteren hennes, en sykepleier, var med"),
    ("nb", "kom fra tromsø i går, skal til bergen i morgen"),
    ("nb", "ble overført fra ullevål"),
    ("en", "walked with tom and then rested"),
]

PARTICLES_AND_KIN = [
    ("nb", "Fru van der Berg ønsket ikke trening.", [("van der Berg", HIGH)]),
    ("en", "Mr van der Merwe was anxious.", [("van der Merwe", HIGH)]),
    ("en", "Ms de la Cruz was discharged today.", [("de la Cruz", HIGH)]),
    ("en", "Dr. al-Rashid reviewed the scan.", [("al-Rashid", HIGH)]),
    ("en", "His partner, Thandiwe, called the ward.", [("Thandiwe", HIGH)]),
    ("en", "Her neighbour Bronwyn checks on her.", [("Bronwyn", HIGH)]),
    ("en", "Her grandson Tavish drove her home.", [("Tavish", HIGH)]),
    ("nb", "Hun bor sammen med samboeren Ragnvald.", [("Ragnvald", HIGH)]),
    # Where the person is from, then a verb of telling.
    ("en", "Dawn from the community team emailed about the hoist.", [("Dawn", HIGH)]),
    ("nb", "Gro fra hjemmetjenesten ringte i dag.", [("Gro", HIGH)]),
    # Shaped like an Irish surname: a name, if only a maybe with nothing more to go on.
    ("en", "D'Arcy O'Hehir was seen on Monday.", [("D'Arcy O'Hehir", LOW)]),
]

MORE_MARKS = [
    # An appositive that gives a role, an age stated with "a … year-old", a family.
    ("en", "Wiremu, my patient, is a keen surfer.", [("Wiremu", HIGH)]),
    ("en", "Kealoha is a 40-year-old surfer.", [("Kealoha", HIGH)]),
    ("en", "The Okonjo family were supportive.", [("Okonjo", HIGH)]),
    ("nb", "Pasienten (Henrikke, 34) trener tre ganger i uka.", [("Henrikke", HIGH)]),
    # The Norwegian subject after its verb: a maybe.
    ("nb", "I dag gikk Herbjørg lenger enn før.", [("Herbjørg", LOW)]),
    # Lower case after seeing or calling; a mention in a chat.
    ("en", "saw bridget again, she's doing well", [("bridget", HIGH)]),
    ("nb", "ring henrik ang. hjelpemidler", [("henrik", HIGH)]),
    ("en", "@priya can you cover?", [("priya", HIGH)]),
    ("nb", "hei, bare så du vet så ringte ingrid og avlyste", [("ingrid", HIGH)]),
    # The name in brackets after the patient; an appositive that says a person.
    ("nb", "S: Pasienten (Gudveig) opplever mer stivhet.", [("Gudveig", HIGH)]),
    ("en", "S: Pt (Maeve) reports less morning stiffness.", [("Maeve", HIGH)]),
    ("nb", "Denne uka har jeg fulgt Edvin, en mann på 78 med KOLS.", [("Edvin", HIGH)]),
    ("en", "I followed Seamus, a man in his seventies with COPD.", [("Seamus", HIGH)]),
    # A word nobody listed inside a sentence, before a verb a person does.
    ("nb", "Da Leikny reiste seg, mistet hun balansen.", [("Leikny", HIGH)]),
    ("en", "I noticed that Cormac became frustrated.", [("Cormac", HIGH)]),
    # A role labelling a line is nobody's name.
    (
        "en",
        "Educator: Siobhan Kelly\nStudent: Ben Carter",
        [("Siobhan Kelly", HIGH), ("Ben Carter", HIGH)],
    ),
]

MORE_MARKS_WITHOUT_NAMES = [
    ("en", "Lives in Tromsø with her husband."),
    ("en", "see Appendix 2 for the exercise programme"),
    ("en", "@all the gym is closed on Friday"),
    ("nb", "Hun følger @treningsglede_oslo og @fysio2go på Instagram."),
    ("nb", "I går kom Posten med ortosen."),
    ("nb", "Etter timen fikk hun Paracet."),
    ("en", "The family were supportive."),
    ("nb", "Ergometersykkel gikk greit. Ortosen satt godt."),
    ("nb", "Pasienten (82) bor alene."),
    ("en", "The patient (female, 82) lives alone."),
]

OPENING_BEFORE_A_PERSONS_VERB = [
    ("nb", "Oddlaug klarte å gå trappen i dag.", [("Oddlaug", LOW)]),
    ("nb", "Torgunn trente godt, og hun var fornøyd etterpå.", [("Torgunn", HIGH)]),
    ("en", "Eluned managed ten sit-to-stands.", [("Eluned", LOW)]),
]

OPENING_WITHOUT_NAMES = [
    ("nb", "Ortosen kom i posten."),
    ("nb", "Korsbåndsrehab begynte i januar."),
    ("nb", "Ergometersykkel gikk greit."),
    ("en", "Physitrack worked well."),
    ("en", "Prehab started in May."),
    ("en", "Hydrotherapy started on Monday."),
    ("en", "Kinesiotape came off."),
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    FIELDS
    + SIGNATURES
    + LOWER_CASE
    + PARTICLES_AND_KIN
    + MORE_MARKS
    + OPENING_BEFORE_A_PERSONS_VERB,
)
def test_names_in_forms_signatures_and_notes(
    lang: str, text: str, expected: list[tuple[str, Confidence]]
) -> None:
    assert _names(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    FIELDS_WITHOUT_NAMES
    + CLOSINGS_WITHOUT_NAMES
    + LOWER_CASE_WITHOUT_NAMES
    + OPENING_WITHOUT_NAMES
    + MORE_MARKS_WITHOUT_NAMES,
)
def test_the_same_shapes_without_a_name_stay_clean(lang: str, text: str) -> None:
    assert _names(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Hun ble operert på Haukeland og bor nå i Tromsø. Vi testet med Berg balanseskala."),
        ("nb", "Hun har Parkinson og Achilles-tendinopati, og var innlagt på Ullevål."),
        ("en", "We used the Berg balance scale; Achilles tendinopathy and Parkinson's disease."),
        ("en", "She was transferred from Ullevål to Sunnaas and lives in Tromsø."),
        ("nb", "Hun ble operert på Haraldsplass og kom så til Betanien."),
        ("nb", "Hun bor på Holmlia og trener på Frisklivssentralen i Nydalen."),
        ("en", "We did McGill's big three and a Beighton score; Homans sign is outdated."),
        ("en", "Pain from the knee called for a rethink."),
    ],
)
def test_places_institutions_and_eponyms_stay_clean(lang: str, text: str) -> None:
    assert _names(text, lang) == []
