"""Does the scan survive any text, with spans that index it exactly, and does redaction
remove every finding for good?"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from physioreflect.privacy import redact, scan_text
from tests.unit.privacy.national_ids import national_id

# Pieces that look like personal data or sit close to it, so that generated text exercises
# the detectors and their edges rather than only the empty result.
_PIECES = [
    national_id(1, 1, 1990, 123),
    national_id(3, 4, 1961, 250, sep=" "),
    national_id(14, 7, 1983, 412, scheme="d_number", sep="-"),
    national_id(14, 7, 1983, 412, scheme="h_number"),
    national_id(14, 7, 1983, 412, scheme="synthetic_id"),
    "01019012345",
    "912 34 567",
    "+47 912 34 567",
    "0047",
    "22 33 44 55",
    "105 105 105 140",
    "+44 20 7946 0958",
    "(555) 010-4477",
    "kari.nordmann@example.no",
    "@",
    "født 03.04.1961",
    "f. 3/4-61",
    "DOB 1961-04-03",
    "born 3 April 1961",
    "fødselsdato:",
    "Storgata 12, 0155 Oslo",
    "Kirkeveien 5B",
    "12 Baker Street, London NW1 6XE",
    "pasienten heter Kari",
    "Mr. Hansen",
    "fru Olsen",
    "navnet hennes er",
    "named",
    "Ingrid",
    "tlf",
    "kl.",
    "3 × 10",
    "7/10",
    "[NAVN]",
    "[TELEFON]",
]
_SEPARATORS = [" ", "", "\n", ", ", ".", "-", "\u00a0", ":", "(", ")"]

texts = st.one_of(
    st.text(),
    st.lists(
        st.one_of(
            st.sampled_from(_PIECES),
            st.sampled_from(_SEPARATORS),
            st.text(alphabet="0123456789 -+.,/:()@", max_size=12),
            st.text(max_size=8),
        ),
        max_size=14,
    ).map("".join),
)
langs = st.sampled_from(["nb", "en"])


@given(texts, langs)
@settings(max_examples=1000, deadline=None)
@example(f"tlf {national_id(2, 1, 1991, 123, sep=' ')}", "nb")
def test_spans_index_the_text_exactly(text: str, lang: str) -> None:
    findings = scan_text(text, lang=lang)
    previous_end = 0
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.start < finding.end
        # In order and apart, so every finding can be replaced on its own.
        assert finding.start >= previous_end
        previous_end = finding.end


@given(texts, langs)
@settings(max_examples=1000, deadline=None)
def test_redaction_removes_everything_and_is_idempotent(text: str, lang: str) -> None:
    findings = scan_text(text, lang=lang)
    redacted = redact(text, findings, lang)
    assert scan_text(redacted, lang=lang) == []
    assert redact(redacted, scan_text(redacted, lang=lang), lang) == redacted


@given(texts, langs)
@settings(max_examples=300, deadline=None)
def test_redaction_changes_only_the_findings(text: str, lang: str) -> None:
    findings = scan_text(text, lang=lang)
    redacted = redact(text, findings, lang)
    # Rebuild the redacted text from the original: the untouched pieces, and placeholders.
    expected, position = [], 0
    for finding in findings:
        expected += [text[position : finding.start], finding.replacement]
        position = finding.end
    expected.append(text[position:])
    assert redacted == "".join(expected)
