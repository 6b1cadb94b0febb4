"""Names without a trigger phrase: one labelled case per rule, in bokmål and English, and
the words that must not be taken for names."""

from __future__ import annotations

import subprocess
import sys

import pytest

from physioreflect.model import Workbook
from physioreflect.privacy import Confidence, Kind, scan_text, scan_workbook


def _names(text: str, lang: str) -> list[tuple[str, Confidence]]:
    return [(f.text, f.confidence) for f in scan_text(text, lang=lang) if f.kind is Kind.name]


HIGH, LOW = Confidence.high, Confidence.low

MUST_FIRE = [
    # A full name opening a sentence, with an age.
    ("nb", "Kari Nordmann (52) har hatt vondt i korsryggen i tre år.", "Kari Nordmann"),
    ("en", "John Smith (61) has had knee pain since the spring.", "John Smith"),
    # A first name alone as object or subject.
    ("nb", "Jeg spurte Sigrid hva hun liker å gjøre.", "Sigrid"),
    ("nb", "Ingrid sier at hun gruer seg til trappene.", "Ingrid"),
    ("en", "I asked Nora what she enjoys.", "Nora"),
    ("en", "Thomas says the stairs are the worst.", "Thomas"),
    # An appositive.
    ("nb", "Pasienten, Lars Eriksen, forteller om smerter i hofta.", "Lars Eriksen"),
    ("en", "The patient, Amina Warsame, says she is tired all the time.", "Amina Warsame"),
    # Names from Norway's largest immigrant groups.
    ("nb", "Agnieszka Kowalska har vondt i skulderen.", "Agnieszka Kowalska"),
    ("nb", "Jeg snakket med Mohammed om trening.", "Mohammed"),
    ("nb", "Olena sier at hun savner å gå lange turer.", "Olena"),
    ("nb", "Tesfamariam forteller at han har gått mye.", "Tesfamariam"),
    ("en", "Nguyen Van Minh came with his daughter.", "Nguyen Van Minh"),
    ("en", "Yesterday Fatima walked two kilometres.", "Fatima"),
    ("en", "I met Jurgita Kazlauskienė on the ward.", "Jurgita Kazlauskienė"),
    ("en", "Mehmet Yılmaz told me he used to play football.", "Mehmet Yılmaz"),
    # A possessive.
    ("nb", "Sigrids mann var med på timen.", "Sigrid"),
    ("en", "Nora's husband came along.", "Nora"),
    # Names that are ordinary words, when the context makes them a person.
    ("nb", "Jeg spurte Liv hva hun liker.", "Liv"),
    ("nb", "Stein sa at han ikke ville trene i gruppe.", "Stein"),
    ("nb", "Hun heter Liv Strand.", "Liv Strand"),
    ("en", "I met Will on Tuesday.", "Will"),
    ("en", "Hope said she wanted to walk to the shop again.", "Hope"),
    # In lower case, as in quick notes.
    ("nb", "snakket med ola i dag om hjemmeøvelsene", "ola"),
    ("en", "asked florence about her sleep", "florence"),
]

MUST_NOT_FIRE = [
    ("nb", "Smerte 7/10 under gange."),
    ("nb", "Kneet var hovent etter turen."),
    ("nb", "Han bor i Oslo og jobber i Bærum."),
    ("nb", "Mandag gikk hun en lang tur."),
    ("nb", "Skulderen og Hofta er stive om morgenen."),
    ("nb", "Hun har tatt Ibux og Paracet i flere uker."),
    ("nb", "Pasient A, 45 år, med ryggsmerter."),
    ("nb", "[NAVN] sa at hun ville prøve."),
    ("nb", "Ifølge Silbernagel et al. (2007) kan smerten gå opp til 5/10."),
    ("nb", "Gibbs' refleksjonssirkel hjalp meg å strukturere notatet."),
    ("nb", "Thomeé beskriver smertemonitoreringsmodellen."),
    ("nb", "Fonagy og Skårderud beskriver mentalisering."),
    ("nb", "Hagen er full av blomster om våren."),
    ("nb", "Bakken var glatt, så hun gikk ikke ut."),
    ("nb", "Berg og dal-bane, sa hun om smertene."),
    ("nb", "Liv og røre i gruppa gjorde henne glad."),
    ("nb", "Stein på stein bygger vi opp kapasiteten."),
    ("nb", "Bjørn er et dyr hun er redd for i skogen."),
    ("nb", "Per uke går hun tre turer."),
    ("nb", "Hjemmeøvelsene ble gjort tre ganger."),
    ("nb", "St. Olavs hospital har et godt tilbud."),
    ("en", "Pain 7/10 on stairs."),
    ("en", "Monday was the worst day."),
    ("en", "She lives in Oslo."),
    ("en", "Michie et al. developed the COM-B model."),
    ("en", "Elwyn's three-talk model guided the conversation."),
    ("en", "Stratford (1995) described the PSFS."),
    ("en", "Will she manage the stairs?"),
    ("en", "Green light from the GP to start running."),
    ("en", "Strength improved after Pilates."),
    ("en", "Patient A, aged 45–54, long-standing low back pain."),
    ("en", "Victoria station was where she slipped."),
]


@pytest.mark.parametrize(("lang", "text", "name"), MUST_FIRE)
def test_names_are_found(lang: str, text: str, name: str) -> None:
    found = _names(text, lang)
    assert [text for text, _ in found] == [name]
    assert found[0][1] is HIGH


@pytest.mark.parametrize(("lang", "text"), MUST_NOT_FIRE)
def test_ordinary_words_are_not_names(lang: str, text: str) -> None:
    assert _names(text, lang) == []


def test_a_capitalised_word_opening_a_sentence_is_no_name() -> None:
    """Is a rare capitalised word that only opens a sentence left alone?"""
    assert _names("Treningsdagboka viste fremgang.", "nb") == []
    assert _names("Proprioception training came next.", "en") == []


def test_the_workbooks_author_is_not_a_finding() -> None:
    """Is the student's own name (meta.author) left alone where it appears in the text?"""
    workbook = Workbook.new(title="Kasus", author="Kari Nordmann")
    reflection = workbook.reflection.model_copy(
        update={"what": "Jeg, Kari Nordmann, møtte pasienten og spurte Sigrid om turene."}
    )
    findings = scan_workbook(workbook.model_copy(update={"reflection": reflection}))
    assert [f.text for f in findings if f.kind is Kind.name] == ["Sigrid"]


# One labelled case per rule, in each language, with names and sentences of their own.
SHAPES_THAT_FIRE = [
    # An age right after a word that is also an ordinary word, a month or a season.
    ("nb", "Sol (29) har hatt vondt i nakken siden fødselen.", "Sol"),
    ("nb", "Mai, som er 41, jobber i barnehage.", "Mai"),
    ("en", "Faith (52) has had shoulder pain since March.", "Faith"),
    ("en", "Kenji, who is 12, plays baseball twice a week.", "Kenji"),
    # A listed given name opening a sentence before a verb of coming or getting.
    ("nb", "Even kom for sent til timen i dag.", "Even"),
    ("nb", "Odd fikk beskjed om å trappe ned på løpingen.", "Odd"),
    ("en", "Jack came in limping on his left leg.", "Jack"),
    # A speaker's label in a dialogue.
    ("nb", "Student: Hvordan gikk helga?\nStorm: Greit, men jeg var sliten.", "Storm"),
    ("en", "Me: Any pain today?\nIvy: A little, in the morning.", "Ivy"),
    ("en", "Therapist: How's the knee?\nDesmond: Bit stiff.", "Desmond"),
    # Possessives: an apostrophe, or the Norwegian genitive before kin or a body part.
    ("nb", "Sols mor ble med inn på behandlingsrommet.", "Sol"),
    ("nb", "Even sin datter kjørte ham til timen.", "Even"),
    ("en", "Will's daughter drove him to the clinic.", "Will"),
    ("en", "Hope's knee was swollen again after the weekend.", "Hope"),
    # A verb of naming, whatever word follows.
    ("nb", "Hun kaller seg Bibbi, etter en tante.", "Bibbi"),
    ("nb", "Han heter Aleksander, men vil at vi skal kalle ham Sasha.", "Sasha"),
    ("en", "She asked me to call her Dolly.", "Dolly"),
    ("en", "His name is on the referral, but he goes by Shegs.", "Shegs"),
    # A verb of saying before the name, as in a quote's tag.
    ("nb", "– Jeg er sliten, sa Kasimir.", "Kasimir"),
    ("nb", "«Det går bra», svarte Tuva, og smilte.", "Tuva"),
    ("en", "'It's fine,' said Marguerite, wincing.", "Marguerite"),
    # Names of three parts, and double names nobody listed.
    ("nb", "Nguyen Thi Lan har smerter i korsryggen.", "Nguyen Thi Lan"),
    ("en", "Maria Luisa Santos is a nurse with neck pain.", "Maria Luisa Santos"),
    ("nb", "Ann-Helen kom med rullator i dag.", "Ann-Helen"),
    ("en", "Mary-Jo said the stairs were the worst.", "Mary-Jo"),
    ("nb", "Anne-Belle sa at hun var sliten.", "Anne-Belle"),
    ("nb", "Paz Maria Reyes kom til første time i dag.", "Paz Maria Reyes"),
    ("en", "Luz Maria Reyes works nights at the hospital.", "Luz Maria Reyes"),
    # A given name that is also a word, listed with a sure name.
    ("nb", "Ask og Sigrid er søsken og kom sammen.", "Ask"),
    ("en", "Jonas and Will both struggle with the stairs.", "Will"),
    # Names in lower-case notes.
    ("nb", "hei, bare så du vet så ringte ingrid og avlyste timen", "ingrid"),
    ("nb", "gikk tur med kjell i dag, han var i godt humør", "kjell"),
    ("nb", "trening m/ liv og mora hennes i dag", "liv"),
    ("nb", "hadde samtale med ola hansen om søvn", "ola hansen"),
    ("en", "ok so mohammed finally did the stairs without help!!", "mohammed"),
    ("en", "lol margaret's hip is so much better", "margaret"),
    ("en", "mark came in late, said the bus was cancelled", "mark"),
    # Names added from public name statistics.
    ("nb", "Trym har vondt i kneet etter fotballtreningen.", "Trym"),
    ("nb", "Abdiweli sier at han sover dårlig.", "Abdiweli"),
    ("en", "Murat told me he drives a taxi at night.", "Murat"),
    ("en", "Siriwan says her wrist hurts when she lifts pots.", "Siriwan"),
]

SHAPES_THAT_DO_NOT_FIRE = [
    # A place after a preposition of place.
    ("nb", "Datteren bor i Georgia nå."),
    ("en", "She grew up in Florence and moved here at 20."),
    ("en", "We walked around Victoria after the session."),
    # Fixed expressions with a name in them.
    ("nb", "Adams eple beveget seg når han svelget."),
    ("en", "Christmas Eve was the first time she walked outside."),
    ("en", "Adam's apple moved when he swallowed."),
    # Words for kin.
    ("nb", "Mor svarte for ham hele tiden."),
    ("en", "Nan said she would drive him next week."),
    ("en", "Gran lives with them now."),
    # Feelings, seasons and months without a person's cue.
    ("nb", "Vår kom sent, så hun gikk lite ute."),
    ("nb", "Mai var en travel måned."),
    ("en", "Joy is not a word I'd use for today."),
    ("en", "Hope is a big part of recovery."),
    ("en", "Summer came early and she walked more."),
    # Cited authors, with an apostrophe too.
    ("nb", "Ifølge O'Connor og kolleger er dette vanlig."),
    ("en", "According to O'Brien the key is graded exposure."),
    ("en", "Following O'Sullivan's CFT approach we looked at beliefs."),
    # Questionnaires and tests with a score.
    ("nb", "Tampa 41 og Örebro 55, så vi snakket om frykt."),
    ("nb", "Berg 52/56 og TUG 9 s."),
    ("en", "Berg 50/56, low falls risk."),
    # Headings are not speakers.
    ("nb", "Beskrivelse: Pasienten kom inn.\nFølelser: Jeg var nervøs.\nEvaluering: Greit."),
    ("en", "Description: went well.\nFeelings: nervous.\nAction plan: read more."),
    # Lower-case notes without names.
    ("nb", "per dag går hun ca 3000 skritt"),
    ("nb", "jobbet med balanse og styrke i dag, hun klarte mer enn sist"),
    ("en", "will ring her tomorrow to check on the swelling"),
    ("en", "may come back next week if she can get a lift"),
]


@pytest.mark.parametrize(("lang", "text", "name"), SHAPES_THAT_FIRE)
def test_names_are_found_by_their_shape(lang: str, text: str, name: str) -> None:
    found = _names(text, lang)
    assert (name, HIGH) in found, found


@pytest.mark.parametrize(("lang", "text"), SHAPES_THAT_DO_NOT_FIRE)
def test_words_in_those_shapes_that_are_no_names(lang: str, text: str) -> None:
    assert _names(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("nb", "Jeg spurte Kaisu om søvnen i går. Kaisu har sovet bedre.", "Kaisu"),
        ("en", "Monday: I asked Lark about her sleep. Thursday: Lark again, better.", "Lark"),
    ],
)
def test_a_sure_name_is_a_name_everywhere_in_the_text(lang: str, text: str, name: str) -> None:
    """Is a word that is a sure name in one place found where it stands without a cue?"""
    assert _names(text, lang) == [(name, HIGH), (name, HIGH)]


def test_the_lists_are_loaded_lazily() -> None:
    """Does importing the privacy package leave the name lists and wordfreq unloaded?"""
    code = (
        "import sys, physioreflect.privacy as p; "
        "from physioreflect.privacy._lexicon import lexicon; "
        "assert lexicon.cache_info().currsize == 0; assert 'wordfreq' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# Shapes of names in forms, letters and ward notes: one labelled case per rule, (language,
# text, the name as found).
MARKED_SHAPES = [
    # Initials inside a name, before it, after a given name.
    ("nb", "Veileder Trude M. Sandvik ga meg tilbakemelding.", "Trude M. Sandvik"),
    ("nb", "Evalueringen ble skrevet av Jorunn Aa. Tveit.", "Jorunn Aa. Tveit"),
    ("en", "Signed off by R. Pemberton after the review.", "R. Pemberton"),
    ("nb", "Oppmøte:\nSolveig T. | x | x", "Solveig T."),
    ("en", "Group today: Brenda K. and two others.", "Brenda K."),
    # A title or a role before the name; ordinary words after it are the name too.
    ("nb", "Overlege Kristoffer Baker ville vente med belastning.", "Kristoffer Baker"),
    ("nb", "Jeg gikk visitt med sykepleier Frode.", "Frode"),
    ("en", "My clinical educator Gwen Rowley watched the session.", "Gwen Rowley"),
    ("en", "The charge nurse, nurse Okonkwo, agreed.", "Okonkwo"),
    # A greeting at the start of a line.
    ("nb", "Hei Synnøve,\nkan du ringe meg?", "Synnøve"),
    ("en", "Hi Ravinder, the room is free at 3.", "Ravinder"),
    # An age given with "aged"; an appositive with "who" or a role.
    ("en", "Tamsin, aged 9, came with her mum.", "Tamsin"),
    ("en", "Peregrine, who is new to the group, sat at the back.", "Peregrine"),
    ("en", "Summer, my supervisor, watched me assess the knee.", "Summer"),
    ("nb", "Vilde virket lettet etter timen.", "Vilde"),
    # A name listed with "&" next to a full name.
    ("en", "Joint class: Dev & Arjun Mehta.", "Dev"),
]

MARKED_SHAPES_THAT_DO_NOT_FIRE = [
    # A heading in a referral is no speaker, though another line is a patient's label.
    ("nb", "Pasient: pasient A\nProblemstilling: Smerter i korsryggen."),
    # A greeting to everyone; a title before a frequent word.
    ("en", "Dear Colleague,\nplease find the notes attached."),
    # Weekdays shortened in a diary.
    ("en", "Mon: rest\nTue: squats 3x10\nThu: walked 30 mins\nFri: pool"),
    # Drugs, Norwegian plurals opening a sentence, brands and hospitals named after people.
    ("nb", "Tromboseprofylakse med Fragmin. Klexane ved behov."),
    ("nb", "Beboerne liker å gå i hagen."),
    ("nb", "Han kjøpte en jakke fra Helly Hansen."),
    ("nb", "Hun ble henvist til Martina Hansens Hospital."),
    # Authors and eponyms with a possessive.
    ("en", "I preferred Johns' structured reflection to the other models."),
    ("en", "A positive Finkelstein's test suggested De Quervain's tenosynovitis."),
    # "see" as an ordinary verb is no citation, but neither is it a cue on its own.
    ("en", "I will see you on Monday."),
]


@pytest.mark.parametrize(("lang", "text", "name"), MARKED_SHAPES)
def test_names_marked_by_initials_titles_greetings_and_appositives(
    lang: str, text: str, name: str
) -> None:
    assert name in [found for found, _ in _names(text, lang)], _names(text, lang)


@pytest.mark.parametrize(("lang", "text"), MARKED_SHAPES_THAT_DO_NOT_FIRE)
def test_headings_drugs_brands_and_eponyms_are_no_names(lang: str, text: str) -> None:
    assert _names(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        # The surname alone, later in the text, after a title made the full name sure.
        ("nb", "Overlege Arvid Weber kom innom. Weber var fornøyd.", "Weber"),
        ("en", "I met Dr Hattie Fisher today. Fisher was kind.", "Fisher"),
    ],
)
def test_a_surname_alone_after_the_full_name(lang: str, text: str, name: str) -> None:
    found = [found for found, confidence in _names(text, lang) if confidence is HIGH]
    assert found.count(name) == 1, found


def test_see_before_a_name_is_not_a_citation() -> None:
    assert ("Bethany Hughes", HIGH) in _names("Could you see Bethany Hughes instead?", "en")


def test_a_given_name_opening_a_sentence_found_inside_another() -> None:
    """ "Hans" opening a sentence is a name when it stands capitalised inside another."""
    text = "Hans har vondt i hofta. Vi avtalte at Hans tar det opp med fastlegen."
    assert [found for found, _ in _names(text, "nb")] == ["Hans", "Hans"]
