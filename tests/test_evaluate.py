"""Scoring: entity matching by normalised names, micro P/R/F1, the dev corpus target."""


import pytest

from kg.errors import KGError
from kg.evaluate import evaluate, format_report, score_pair
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


@pytest.mark.parametrize("corpus, floor", [(OTHER, 0.95), (FRESH, 0.97)], ids=["other", "fresh"])
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
