"""Scoring: entity matching by normalised names, micro P/R/F1, the dev corpus target."""


import pytest

from kg.errors import KGError
from kg.evaluate import evaluate, format_report, reliability, rule_counts, score_pair
from kg.extract import extract_file
from kg.facts import parse_facts, save_facts
from paths import DEV, EXTRA, FRESH, OTHER


GOLD = """
announcement: {id: a}
entities:
  s: {type: Series, name: The Lincoln Lawyer}
  n: {type: Novel, name: The Lincoln Lawyer}
  c: {type: Character, name: Renée Ballard, aliases: [Renee]}
  p: {type: Person, name: Maggie Q}
facts:
  - [s, basedOn, n]
  - [s, hasCharacter, c]
  - [s, castMember, p]
  - [s, premiereDate, 2022-05-13]
  - [p, jobTitle, "Star"]
"""


def test_names_are_normalised_and_same_type_preferred():
    system = parse_facts("""
announcement: {id: a}
entities:
  x: {type: Series, name: "lincoln lawyer"}
  y: {type: Novel, name: "THE LINCOLN LAWYER."}
  z: {type: Character, name: "RENEE"}
  w: {type: Person, name: "Someone Else"}
facts:
  - [x, basedOn, y]
  - [x, hasCharacter, z]
  - [x, castMember, w]
  - [x, premiereDate, 2022-05-13]
""")
    r = score_pair(parse_facts(GOLD), system)
    assert (r.tp, r.fp, r.fn) == (3, 1, 1)  # jobTitle is not scored
    assert {str(e) for e in r.errors} == {"FP a: [The Lincoln Lawyer, castMember, Someone Else (Person, unmatched)]",
                                          "FN a: [The Lincoln Lawyer, castMember, Maggie Q]"}


def test_evaluate_with_system_dir_and_report(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.facts.yaml").write_text(GOLD, encoding="utf-8")
    sysdir = tmp_path / "sys"
    sysdir.mkdir()
    (sysdir / "a.facts.yaml").write_text(GOLD.replace("Maggie Q", "Maggie  Q"), encoding="utf-8")
    report = evaluate(gold, system_dir=sysdir)
    assert report.f1 == 1.0 and report.per_relation["castMember"].tp == 1
    assert "jobTitle" not in report.per_relation
    text = format_report(report)
    assert "micro (all)" in text and "castMember" in text


def test_missing_system_file_counts_as_misses(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.facts.yaml").write_text(GOLD, encoding="utf-8")
    report = evaluate(gold, system_dir=tmp_path)
    assert report.overall.fn == 4 and report.failures


def test_no_gold_files(tmp_path):
    with pytest.raises(KGError, match="no gold facts files"):
        evaluate(tmp_path)


def test_dev_corpus_f1_at_least_095():
    report = evaluate(DEV)
    assert report.f1 >= 0.95, format_report(report)


def test_extra_corpus_f1_at_least_090():
    report = evaluate(EXTRA)
    assert report.f1 >= 0.90, format_report(report)


@pytest.mark.parametrize("corpus, floor", [(OTHER, 0.96), (FRESH, 0.97)], ids=["other", "fresh"])
def test_held_out_corpora_do_not_regress(corpus, floor):
    """The scores reached so far on the held-out sets (issue 3); raise the floor as rules improve."""
    report = evaluate(corpus)
    assert report.f1 >= floor, format_report(report)


@pytest.mark.parametrize("corpus", [OTHER, FRESH], ids=["other", "fresh"])
def test_held_out_corpora_f1_at_least_090(corpus):
    report = evaluate(corpus)
    assert report.f1 >= 0.90, format_report(report)


def test_extracted_files_score_the_same_through_system_dir(tmp_path):
    for gold in sorted(DEV.glob("*.facts.yaml")):
        ff = extract_file(DEV / gold.name.replace(".facts.yaml", ".txt")) if (DEV / gold.name.replace(".facts.yaml", ".txt")).exists() else None
        if ff:
            save_facts(ff, tmp_path / gold.name)
    direct = evaluate(DEV / "ballard-s2-renewal.facts.yaml")
    via = evaluate(DEV / "ballard-s2-renewal.facts.yaml", system_dir=tmp_path)
    assert (direct.overall.tp, direct.overall.fp) == (via.overall.tp, via.overall.fp)


FIXTURES = OTHER.parent / "fixtures"
REAL = OTHER.parent / "real"


def test_every_system_fact_is_judged_with_its_rule_and_confidence():
    report = evaluate(DEV)
    assert len(report.judged) == report.overall.tp + report.overall.fp
    assert all(rule and 0 <= conf <= 1 for rule, _p, conf, _ok in report.judged)


def test_reliability_table_bins_hold_every_fact():
    report = evaluate(DEV)
    bins = reliability(report)
    assert sum(n for _lo, _hi, n, _mean, _prec in bins) == len(report.judged)
    assert all(lo <= mean <= hi for lo, hi, _n, mean, _prec in bins)
    assert "precision" in format_report(report, errors=False).split("confidence", 1)[1]


def test_rule_counts_split_right_and_wrong_per_rule():
    report = evaluate(OTHER)
    counts = rule_counts(report)
    assert sum(tp for tp, _ in counts.values()) == report.overall.tp
    assert sum(fp for _, fp in counts.values()) == report.overall.fp


def test_fixtures_do_not_regress():
    """Hand-written texts with the hard constructions of real pages (issue 9); raise the
    floor as rules improve."""
    report = evaluate(FIXTURES)
    assert report.f1 >= 0.95, format_report(report)


# Fixtures that do not yet score 1.0, each with why (issue 9: every fixture passes). Fixing
# one makes its test XPASS, which fails (strict): then take it off this list.
FIXTURES_NOT_YET = {
    "a-caption-bio-headline-person": "'ordered a drama for Brightwater+' (the service, not the orderer); 'the Cold War thriller novels written by A' read as a novel titled Cold War",
    "a-roster-studio-parentheses": "'produced by A Television, Quillon's sister studio': the appositive's owner taken as a second producer",
    "c-quoted-caps-titles-description": "'The freshman drama, which debuted ..., stars A as R, alongside B and C': the relative clause hides the cast verb's subject",
    "c-unnamed-novel-award-compounds": "an award-compound author ('the prize-winning novel by A') of an unnamed novel is missed",
    "d-all-caps-title": "an ALL CAPS series' numbered-season premiere and its studio are missed",
    "d-casting-scoop-exclusive": "'the fantasy epic headed to Orbis' (distributor) and 'joins ... A's Maeve' (possessive role in a joins list) are missed",
    "d-colon-curly-quotes": "'Rhoe's heroine Lio' (createdBy, book's character), 'which produces the series with B' (second company) and 'Rhoe's tenth novel, “T”' (author) are missed",
    "d-description-references": "a premiere date stated about the work by description is missed",
    "d-film-novel-adaptation": "'moving from its earlier date of Oct. 10' is taken as a premiere; 'the heroine A created for the book' (createdBy, the novel's character) is missed",
    "d-premiere-date-roundup": "a roundup's dated items (numbered seasons, one per line) and one item's network are missed",
    "d-spinoff-series-order": "the spinoff's seasons, cast and premiere go to the parent series (the work a paragraph is about)",
    "d-title-case-person-headline": "'its first season, which premiered Jan. 9': a premiere in a relative clause about a numbered season",
    "d-trade-byline-editors-note": "the distributor stated past the editor's note is missed",
    "d-two-season-renewal": "the premiere of a season named by ordinal after a multi-season renewal is missed",
    "d-wire-dateline-prnewswire": "a wire deck line ('Ten-Episode Thriller Premieres May 22') read as a company",
    "e-earlier-franchise-parenthesis": "'Roe will be joined in the cast by A, and B (...)': passive 'joined in the cast by' is not a cast verb yet",
    "e-lineup-untitled-paragraph": "an untitled lineup item's network is missed",
    "f-cast-parentheses-joins": "one cast item's character and one work's network are missed",
    "g-casting-title-after-person": "earlier credits 'known for her role in S', 'starred in S and T' (castMember of S) missed; 'Joins Halden Drama' read as a person",
    "g-comma-title-film-adaptation": "a title with commas ('Salt, Smoke & Silver Lantern') loses its premiere and one cast member",
    "g-untitled-earlier-credits": "an untitled work's network and one cast member are missed",
    "i9-press-page-furniture": "'executive produced by A, B and C for Company': the employer goes to B too (gold: the last name only)",
    "i9t-network-studio-from": "one cast member of a second work is missed",
    "v-film-poster-ahead-of-release": "'hits Cinevue on June 27': a platform verb for a second film",
    "v-franchise-subjects-and-members": "'Northwind also ordered A and B': the second of two colon titles loses its distributor",
    "v-premiere-list-parenthesized-dates": "'the final episodes of “X” (May 20)' in a premiere list loses the announcer",
    "v-premiere-pairs-and-lists": "'Northwind will premiere “A” on June 5 and “B” on June 12': the headline makes the company a work candidate, so no announcer",
    "v-return-renewal-glued-link": "'X will return for Season 3' / 'is coming back' after 'Halden also announced that' (reported announcer) and 'returning to S in Season 4, reprising her role as R' are missed",
    "v-season-renewal-ellipsis": "an unquoted title after an ellipsis ('and Tinder Row for sixth') loses the renewer",
    "v-seasons-in-words-passive-renewal": "'will not be moving forward with a second season of the western X': the network is missed",
}


@pytest.mark.parametrize("gold", [
    pytest.param(p, id=p.name.removesuffix(".facts.yaml"),
                 marks=[pytest.mark.xfail(strict=True, reason=FIXTURES_NOT_YET[p.name.removesuffix(".facts.yaml")])]
                 if p.name.removesuffix(".facts.yaml") in FIXTURES_NOT_YET else [])
    for p in sorted(FIXTURES.glob("*.facts.yaml"))])
def test_each_fixture_scores_1(gold):
    """Each fixture keeps one hard construction: all of its facts and nothing else."""
    report = evaluate(gold)
    assert report.f1 == 1.0, format_report(report)


def test_fixtures_not_yet_are_fixtures():
    assert all((FIXTURES / f"{name}.facts.yaml").exists() for name in FIXTURES_NOT_YET)


@pytest.mark.skipif(not any(REAL.glob("*.txt")), reason="the real texts are not in the repo; see tests/corpus/real/README.md")
def test_real_pages_do_not_regress():
    """The floor sits just below the measured F1; it was lowered once, from 0.85 to 0.75, when
    13 new pages (d-*) were added as training data. Raise it as rules improve."""
    report = evaluate(REAL)
    assert report.f1 >= 0.82, format_report(report, errors=False)


HELDOUT = OTHER.parent / "heldout"


@pytest.mark.skipif(not any(HELDOUT.glob("*.txt")), reason="the held-out texts are not in the repo; see tests/corpus/heldout/README.md")
def test_held_out_real_pages_do_not_regress():
    """The blind set (tests/corpus/heldout): only its overall score is shown here, on purpose.

    A drop means the latest rules fit the texts they were written on and not others:
    generalise or revert them. Never read the held-out texts or their errors to make
    this pass; that would end the set's use as a measure.
    """
    report = evaluate(HELDOUT)
    assert report.f1 >= 0.58, f"held-out F1 {report.f1:.3f} < 0.58: the latest rules do not generalise (do not read tests/corpus/heldout to fix this)"
