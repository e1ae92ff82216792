"""Facts files: loading, validation with file and line, saving and round trips."""

import datetime as dt

import pytest
from paths import DEV, GOLD

from kg.errors import FactsError
from kg.facts import dumps_facts, find_facts_files, load_facts, parse_facts, save_facts, validate_facts

GOOD = """\
announcement: {id: demo, published: 2025-10-06, source: demo.txt}
entities:
  ballard: {type: Series, name: Ballard}
  ballard-s2: {type: Season, name: Ballard season 2}
  maggie-q: {type: Person, name: Maggie Q}
  renee: {type: Character, name: Renée Ballard, aliases: [Renee Ballard]}
facts:
  - [ballard, hasSeason, ballard-s2]
  - [ballard-s2, seasonNumber, 2]
  - [ballard, castMember, maggie-q]
  - {s: maggie-q, p: portrays, o: renee, evidence: "Maggie Q as Renée Ballard", span: [10, 35], confidence: 0.9}
"""


def problems_of(text, tmp_path):
    path = tmp_path / "bad.facts.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in validate_facts(path)]


def test_load_good_file():
    ff = parse_facts(GOOD, "demo.facts.yaml")
    assert ff.announcement.published == dt.date(2025, 10, 6)
    assert ff.entities["renee"].aliases == ["Renee Ballard"]
    assert ff.facts[1].o == 2
    assert ff.facts[3].span == (10, 35) and ff.facts[3].confidence == 0.9


@pytest.mark.parametrize("path", sorted(DEV.glob("*.facts.yaml")) + sorted(GOLD.glob("*.facts.yaml")), ids=lambda p: p.name)
def test_corpus_files_are_valid_and_round_trip(path, tmp_path):
    ff = load_facts(path)
    out = tmp_path / path.name
    save_facts(ff, out)
    again = load_facts(out)
    assert [f.key for f in again.facts] == [f.key for f in ff.facts]
    assert again.entities.keys() == ff.entities.keys()
    assert dumps_facts(again) == dumps_facts(ff)


@pytest.mark.parametrize(
    "change, expected",
    [
        (("[ballard, castMember, maggie-q]", "[ballard, starsIn, maggie-q]"), "bad.facts.yaml:10: unknown relation 'starsIn'"),
        (("[ballard, castMember, maggie-q]", "[ballard, castMember, nobody]"), "bad.facts.yaml:10: object 'nobody' is not a declared entity"),
        (("[ballard, castMember, maggie-q]", "[maggie-q, castMember, ballard]"), "bad.facts.yaml:10: castMember needs a subject of type Series or Film, but 'maggie-q' is a Person"),
        (("[ballard-s2, seasonNumber, 2]", "[ballard-s2, seasonNumber, two]"), "bad.facts.yaml:9: seasonNumber must be a non-negative integer, not 'two'"),
        (("published: 2025-10-06", "published: 2025-13-45"), "bad.facts.yaml:1: published must be an ISO date"),
        (("  maggie-q: {type: Person", "  ballard: {type: Person"), "bad.facts.yaml:5: duplicate key 'ballard' in 'entities'"),
        (("{type: Person, name: Maggie Q}", "{type: Actor, name: Maggie Q}"), "bad.facts.yaml:5: entity 'maggie-q' has unknown type 'Actor'"),
        (("span: [10, 35]", "span: [35, 10]"), "bad.facts.yaml:11: span must be [start, end]"),
        (("  - [ballard, hasSeason, ballard-s2]", "  - [ballard, hasSeason, ballard-s2]\n  - [ballard, hasSeason, ballard-s2]"), "bad.facts.yaml:9: duplicate fact"),
    ],
)
def test_each_problem_names_file_and_line(tmp_path, change, expected):
    problems = problems_of(GOOD.replace(*change), tmp_path)
    assert any(p.split("/")[-1].startswith(expected) for p in problems), problems


def test_all_problems_are_reported_at_once(tmp_path):
    text = GOOD.replace("castMember, maggie-q", "castMember, nobody").replace("seasonNumber, 2", "seasonNumber, x")
    assert len(problems_of(text, tmp_path)) == 2
    with pytest.raises(FactsError, match=r"\(and 1 more problem\)"):
        load_facts(tmp_path / "bad.facts.yaml")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "file is empty"),
        ("announcement: [\n", "malformed YAML"),
        ("- just\n- a list\n", "the file must be a mapping"),
        ("entities: {}\nfacts: []\n", "'announcement' is missing"),
    ],
)
def test_malformed_files(tmp_path, text, expected):
    assert any(expected in p for p in problems_of(text, tmp_path))


def test_yaml_bomb_is_refused_quickly(tmp_path):
    bomb = "announcement: {id: bomb}\nfacts:\n  - &a [x, castMember, y]\n" + "".join(
        f"  - &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    problems = problems_of(bomb, tmp_path)
    assert any("aliases are not allowed" in p for p in problems)


def test_invalid_utf8_names_line(tmp_path):
    path = tmp_path / "bad.facts.yaml"
    path.write_bytes(b"announcement: {id: x}\nentities:\n  a: {type: Person, name: \xff}\n")
    assert [str(p) for p in validate_facts(path)] == [f"{path}:3: not valid UTF-8"]


def test_find_facts_files_rejects_missing_path(tmp_path):
    with pytest.raises(FactsError, match="no such file or directory"):
        find_facts_files([tmp_path / "nope"])


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path):
    ff = parse_facts(GOOD)
    save_facts(ff, tmp_path / "x.facts.yaml")
    assert [p.name for p in tmp_path.iterdir()] == ["x.facts.yaml"]
