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
    assert report.f1 >= 0.99, format_report(report)


# Fixtures that do not yet score 1.0, each with why (issue 9: every fixture passes). Fixing
# one makes its test XPASS, which fails (strict): then take it off this list.
FIXTURES_NOT_YET = {
    "a-caption-bio-headline-person": "the headline's 'Brightwater Orders ... for Streaming Service' gives the orderer, where the body says the drama is for Brightwater+ (the service, not the orderer)",
    "d-all-caps-title": "'immediately following the 12th season premiere of LONG SHADOW' dates that season only by the night it shares (no date of its own)",
    "d-casting-scoop-exclusive": "'the fantasy epic headed to Orbis' names a platform the text has not yet shown to be a company (it acts as one later)",
    "d-film-cast-parenthesised-actors": "'as well as Fennick's Tidewater in the role of R': an unknown name's possessive before a title could be a network or a creator",
    "d-premiere-date-roundup": "'The second season of X, which had been slated ..., will now premiere Oct. 2': the season subject across a relative clause; 'X wraps its run on Meridian' (X unquoted)",
    "d-spinoff-series-order": "'Harbor Nine star Gemma Locke will reprise her role as R': '<Title> star A' and the reprised role are not given to the parent series",
    "d-trade-byline-editors-note": "'The Vireo crime drama has added ...': a company before a kind, with no title, before Vireo is known as a company",
    "f-cast-parentheses-joins": "'Tarn Valley returns to Corriedale next month': a platform the text shows to be a company only later ('Corriedale's limited series')",
    "g-casting-title-after-person": "the headline's 'Joins Halden Drama' is read as a person",
    "i9-press-page-furniture": "'executive produced by A, B and C for Company': the employer goes to B too (gold: the last name only)",
    "v-premiere-pairs-and-lists": "'On July 24, the network will premiere X': 'the network' refers to a company four sentences back, past the outlet look-back",
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
    """The floor sits just below the measured F1 (0.874 on 2026-12-03, 99 texts; 0.906 on the 84
    of 2026-12-02, which gave 0.902 then). It was lowered from 0.85 to 0.75 when 13 new pages
    (d-*) were added as training data, and from 0.89 to 0.86 when the 15 blind r-, s- and t-
    pages joined (they scored 0.648, 0.338 and 0.154 before rules were written on them; 0.792,
    0.731 and 0.482 after), to 0.85 when the blind x-, y- and z- pages joined (12 texts from 12 new
    outlets; 0.576, 0.592 and 0.624 blind), which left the 121 texts at 0.860, to 0.84 when the
    five blind g- pages joined (0.542 blind), which left the 126 texts at 0.850, and to 0.83 when
    the blind l- and o- pages joined (0.561 and 0.231 blind), which left the 134 texts at 0.838
    (0.833 with the blind q- and f- pages, 142 texts), and to 0.82 when the blind aa- and ab-
    pages joined (0.447 and 0.387 blind), which left the 150 texts at 0.829 (0.831 with the rules
    written on them the same day), and to 0.79 when the blind ag- to ao- pages joined (0.770, 0.570,
    0.551, 0.462, 0.309, 0.642, 0.256, 0.398 and 0.520 blind), which left the 202 texts at 0.806
    (2026-12-04), and to 0.77 when the blind ap- to cy- pages joined (62 texts from 62 new outlets,
    0.504 pooled blind), which left the 264 texts at 0.778 (2026-12-06; the 202 at 0.809).
    Raise it as rules improve; new training pages from unfamiliar outlets may need it lowered,
    with a note."""
    report = evaluate(REAL)
    assert report.f1 >= 0.77, format_report(report, errors=False)


HELDOUT = OTHER.parent / "heldout"


@pytest.mark.skipif(not any(HELDOUT.glob("*.txt")), reason="the held-out texts are not in the repo; see tests/corpus/heldout/README.md")
def test_held_out_real_pages_do_not_regress():
    """The blind set (tests/corpus/heldout): only its overall score is shown here, on purpose.

    A drop means the latest rules fit the texts they were written on and not others:
    generalise or revert them. Never read the held-out texts or their errors to make
    this pass; that would end the set's use as a measure.
    """
    report = evaluate(HELDOUT)
    # 0.552 on 2026-12-02 with the h- batch (0.702) and the n- batch (0.315, added that day); the
    # p- batch (0.564 blind) joined on 2026-12-03, when the 23 of the 32 texts then
    # re-retrieved on a new machine scored 0.569 at the session's start and 0.573 at its end
    assert report.f1 >= 0.54, f"held-out F1 {report.f1:.3f} < 0.54: the latest rules do not generalise (do not read tests/corpus/heldout to fix this)"


def _texts_with_hashes():
    """(text path, sha256 its gold file records) for every real or held-out text present."""
    out = []
    for folder in (REAL, HELDOUT):
        for gold in sorted(folder.glob("*.facts.yaml")):
            text = gold.with_name(gold.name.removesuffix(".facts.yaml") + ".txt")
            line = next((ln for ln in gold.read_text(encoding="utf-8").splitlines() if ln.startswith("# sha256 of text:")), None)
            if text.exists() and line:
                out.append(pytest.param(text, line.split(":", 1)[1].strip(), id=text.stem))
    return out


@pytest.mark.parametrize(("text", "digest"), _texts_with_hashes() or [pytest.param(None, None, marks=pytest.mark.skip(reason="no real texts present"))])
def test_present_texts_are_the_annotated_ones(text, digest):
    """A re-retrieved page must be byte for byte the one its gold file was annotated on (the
    READMEs of tests/corpus/real and tests/corpus/heldout say how to fetch it again)."""
    import hashlib
    assert hashlib.sha256(text.read_bytes()).hexdigest() == digest, f"{text.name}: not the text its gold file was annotated on"
