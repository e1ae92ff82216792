"""Entity resolution: no surname-only people, first-name-only characters or headline capitals in the graph."""

import re

import pytest
from paths import ANNOUNCEMENTS

from kg.build import build
from kg.facts import Announcement, Entity, Fact, FactsFile
from kg.resolve import format_duplicates, likely_duplicates, resolve_document
from kg.store import open_store


def doc(ann_id, entities, facts, title=None):
    ents = {i: Entity(i, t, n) for i, (t, n) in entities.items()}
    return FactsFile(Announcement(ann_id, title=title), ents, [Fact(s, p, o, evidence=ev) for s, p, o, ev in facts])


SYNTHETIC = [
    doc("a", {"w": ("Series", "HARBOR PATROL"), "s": ("Season", "HARBOR PATROL season 2"), "t": ("Person", "Jana Korhonen"),
              "x": ("Person", "Korhonen"), "c": ("Character", "Lieutenant Ada Morrow"), "d": ("Character", "Ada Morrow"),
              "m": ("Character", "Ada"), "l": ("Person", "Ben Lee"), "k": ("Person", "Cal Lee"), "y": ("Person", "Lee"),
              "o": ("Organization", "LAPD")},
        [("w", "hasSeason", "s", "Harbor Patrol returns for a second season."), ("w", "castMember", "t", "Jana Korhonen stars."),
         ("w", "executiveProducer", "x", "Korhonen also executive produces."), ("t", "portrays", "d", "She plays Ada Morrow."),
         ("w", "hasCharacter", "m", "Ada is back."), ("w", "hasCharacter", "d", "Ada Morrow leads the LAPD unit."),
         ("w", "writer", "l", "Written by Ben Lee."), ("w", "director", "k", "Directed by Cal Lee."), ("w", "writer", "y", "Lee said.")],
        title="HARBOR PATROL RENEWED"),
    doc("b", {"w": ("Series", "Harbor Patrol"), "m": ("Character", "Ada")}, [("w", "hasCharacter", "m", "Ada returns.")]),
    doc("c", {"w": ("Series", "Harbor Patrol"), "d": ("Character", "Ada Morrow")}, [("w", "hasCharacter", "d", "Ada Morrow returns.")]),
]


def labels(store):
    return {(t.value.rsplit("#", 1)[-1], name.value) for t, name in store.query("SELECT ?t ?l WHERE { ?e a ?t ; rdfs:label ?l }")}


def test_within_an_announcement_partial_names_join_the_full_entity():
    r = resolve_document(SYNTHETIC[0])
    names = {(e.type, e.name) for e in r.entities.values()}
    assert ("Person", "Korhonen") not in names and ("Person", "Jana Korhonen") in names
    assert ("Character", "Ada") not in names and ("Character", "Ada Morrow") in names
    jana = next(e for e in r.entities.values() if e.name == "Jana Korhonen")
    assert "Korhonen" in jana.aliases
    assert ("w", "executiveProducer", "t") in {(f.s, f.p, f.o) for f in r.facts}


def test_people_sharing_a_surname_are_never_merged():
    names = {e.name for e in resolve_document(SYNTHETIC[0]).entities.values()}
    assert {"Ben Lee", "Cal Lee", "Lee"} <= names


def test_headline_capitals_take_the_announcements_own_casing():
    names = {e.name for e in resolve_document(SYNTHETIC[0]).entities.values()}
    assert {"Harbor Patrol", "Harbor Patrol season 2", "LAPD"} <= names
    assert "HARBOR PATROL" not in names


def test_the_synthetic_corpus_builds_without_raw_nodes_and_reports_the_rest(memory_store):
    build(SYNTHETIC, memory_store)
    found = labels(memory_store)
    assert ("Person", "Korhonen") not in found and ("Series", "HARBOR PATROL") not in found
    assert {("Series", "Harbor Patrol"), ("Person", "Lee"), ("Person", "Ben Lee")} <= found
    # Announcement b says only "Ada": across announcements that is a candidate for a curator.
    dup = likely_duplicates(memory_store)
    ada = [d for d in dup if d["partial"] == "Ada"]
    assert [(d["full"], d["announcements"], d["works"]) for d in ada] == [("Ada Morrow", ["b"], ["Harbor Patrol"])]
    lee = [d for d in dup if d["partial"] == "Lee"]
    assert {d["full"] for d in lee} == {"Ben Lee", "Cal Lee"} and all(d["candidates"] == 2 for d in lee)
    assert "choose one" in format_duplicates(lee)


@pytest.fixture(scope="module")
def bundled_store(identities):
    store = open_store(":memory:")
    report = build([ANNOUNCEMENTS], store, identities=identities)
    assert not report.failed
    return store


def test_bundled_build_has_no_partial_or_capitals_nodes(bundled_store):
    found = labels(bundled_store)
    full = {(t, n) for t, n in found if " " in n}
    for t, n in found:
        if t == "Person" and " " not in n:
            assert not any(f.endswith(" " + n) for ft, f in full if ft == "Person"), n
        if t == "Character" and " " not in n:
            assert not any(f.endswith(" " + n) or f.startswith(n + " ") for ft, f in full if ft == "Character"), n
        words = re.findall(r"[A-Za-z]{3,}", n)
        assert not any(w.isupper() and any(w.capitalize() in m for _, m in found) for w in words), n
    assert likely_duplicates(bundled_store) == []


def test_bundled_counts_are_distinct_facts(bundled_store):
    n = int(bundled_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?w kg:castMember ?p }").rows[0][0].value)
    d = int(bundled_store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?w ?p WHERE { GRAPH ?g { ?w kg:castMember ?p } } }").rows[0][0].value)
    assert n == d


def test_kg_duplicates_reports_the_pairs_with_their_evidence(tmp_path):
    import json

    from click.testing import CliRunner

    from kg.cli import main

    with open_store(str(tmp_path / "store")) as store:
        build(SYNTHETIC, store)
        expected = likely_duplicates(store)
    runner = CliRunner()
    as_json = runner.invoke(main, ["duplicates", "--store", str(tmp_path / "store"), "--format", "json"])
    assert as_json.exit_code == 0 and json.loads(as_json.output) == expected
    text = runner.invoke(main, ["duplicates", "--store", str(tmp_path / "store")]).output
    assert "'Ada' is probably 'Ada Morrow' (in Harbor Patrol; stated by b)" in text
    assert "confirm in data/entities.yaml: - {type: Character, name: Ada Morrow, aliases: [Ada]}" in text
