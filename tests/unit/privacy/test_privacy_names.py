"""Names without a trigger phrase: one labelled case per rule, in bokmål and English, and
the words that must not be taken for names."""

from __future__ import annotations

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
