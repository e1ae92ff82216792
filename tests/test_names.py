"""One name normaliser: extraction, IRIs and scoring give a name the same key."""

import pytest

from kg.evaluate import score_pair
from kg.facts import parse_facts
from kg.mapping import entity_iri
from kg.names import fold, ident, slug

SPELLINGS = [
    ("O'Brien", "OBrien", "O’Brien"),
    ("Renée Ballard", "Renee Ballard", "RENEE BALLARD"),
    ("The Lincoln Lawyer", "Lincoln Lawyer", "lincoln lawyer"),
    ("Law & Order", "Law and Order", "Law and order"),
    ("Bosch: Legacy", "Bosch Legacy", "Bosch — Legacy"),
]


@pytest.mark.parametrize("spellings", SPELLINGS)
def test_one_key_for_every_spelling(spellings):
    assert len({fold(s) for s in spellings}) == 1
    assert len({slug(s) for s in spellings}) == 1
    assert len({entity_iri("Person", s) for s in spellings}) == 1


def test_the_iri_slug_is_the_scoring_key():
    for spellings in SPELLINGS:
        assert slug(spellings[0]) == fold(spellings[0]).replace(" ", "-")
    assert entity_iri("Person", "Conan O'Brien").value.endswith("/person/conan-obrien")


def test_scoring_matches_what_the_mapping_merges():
    gold = parse_facts("announcement: {id: a}\nentities: {c: {type: Person, name: Conan O'Brien}, s: {type: Series, name: Late Night}}\nfacts: [[s, castMember, c]]")
    system = parse_facts("announcement: {id: a}\nentities: {x: {type: Person, name: Conan OBrien}, y: {type: Series, name: late night}}\nfacts: [[y, castMember, x]]")
    result = score_pair(gold, system)
    assert (result.tp, result.fp, result.fn) == (1, 0, 0)


def test_ident_is_a_plain_slug_that_keeps_file_stems():
    assert ident("the-penguin-s1") == "the-penguin-s1"
    assert ident("Conan O'Brien") == "conan-obrien"
    assert ident("Ålesund!") == "alesund"
    assert ident("???") == "x"


def test_the_escaped_characters_are_exactly_the_unsafe_ones():
    """Both patterns against the definition: control characters (Cc), line and paragraph
    separators (Zl, Zp) and bidirectional controls, over the whole code space."""
    import unicodedata

    from kg.names import BIDI_CONTROLS, _unsafe, uchar_escaped

    for code in range(0x110000):
        c = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        unsafe = c in BIDI_CONTROLS or unicodedata.category(c) in ("Cc", "Zl", "Zp")
        assert _unsafe(c) == unsafe, hex(code)
        assert (uchar_escaped(c) != c) == (unsafe and c not in "\t\n"), hex(code)
