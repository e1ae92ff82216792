"""Facts to RDF: deterministic IRIs, alias merging, curated identities, roles, provenance."""

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.errors import KGError
from kg.facts import parse_facts
from kg.mapping import (
    ENTITIES_GRAPH,
    CuratedEntity,
    Identities,
    announcement_iri,
    announcement_quads,
    entity_iri,
    load_identities,
)
from kg.names import fold

ONE = """\
announcement: {id: one, published: 2025-10-06, source: one.txt}
entities:
  b: {type: Series, name: Ballard}
  r: {type: Character, name: Renée Ballard}
  m: {type: Person, name: Maggie Q}
  pv: {type: Organization, name: Prime Video}
facts:
  - [b, castMember, m]
  - [m, portrays, r]
  - [b, hasCharacter, r]
  - [b, distributor, pv]
"""
TWO = """\
announcement: {id: two, published: 2025-05-21}
entities:
  series: {type: Series, name: Ballard}
  renee: {type: Character, name: Renee Ballard}
  maggie: {type: Person, name: Maggie Q}
facts:
  - [series, castMember, maggie]
  - [maggie, portrays, renee]
  - [series, hasCharacter, renee]
"""


def iris(quads):
    return {q.subject.value for q in quads} | {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}


@pytest.mark.parametrize("a, b", [("Renée Ballard", "Renee Ballard"), ("The Lincoln Lawyer", "Lincoln Lawyer"), ("A+E Studios", "A + E studios"), ("Bosch: Legacy", "Bosch Legacy"), ("Conan O'Brien", "Conan OBrien"), ("Law & Order", "Law and Order")])
def test_names_that_fold_alike_share_an_iri(a, b):
    assert fold(a) == fold(b)
    assert entity_iri("Series", a) == entity_iri("Series", b)


def test_type_is_part_of_the_iri():
    assert entity_iri("Series", "The Lincoln Lawyer") != entity_iri("Film", "The Lincoln Lawyer")


def test_same_entity_same_iri_across_announcements_and_runs():
    one, two = parse_facts(ONE), parse_facts(TWO)
    shared = iris(announcement_quads(one)) & iris(announcement_quads(two))
    assert entity_iri("Character", "Renée Ballard").value in shared
    assert entity_iri("Person", "Maggie Q").value in shared
    assert announcement_quads(one) == announcement_quads(parse_facts(ONE))


def test_facts_in_the_announcement_graph_descriptions_shared():
    quads = announcement_quads(parse_facts(ONE))
    graph = announcement_iri("one")
    assert {q.graph_name for q in quads} == {graph, ENTITIES_GRAPH}
    shared = {q.predicate.value.rsplit("#", 1)[-1] for q in quads if q.graph_name == ENTITIES_GRAPH}
    assert shared == {"type", "label"}
    by_predicate = {q.predicate.value.rsplit("/", 1)[-1]: q.object for q in quads if q.subject == graph}
    assert by_predicate["issued"] == ox.Literal("2025-10-06", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert by_predicate["identifier"] == ox.Literal("one")


def test_performance_ties_person_character_and_work(memory_store):
    build([parse_facts(ONE)], memory_store)
    rows = memory_store.query(
        "SELECT ?w ?p ?c WHERE { ?x a kg:Performance ; kg:performanceIn ?w ; kg:performer ?p ; kg:performedCharacter ?c }"
    ).rows
    assert rows == [(entity_iri("Series", "Ballard"), entity_iri("Person", "Maggie Q"), entity_iri("Character", "Renée Ballard"))]


def test_curated_file_merges_splits_classifies_and_links(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text(
        """\
entities:
  - {type: Organization, name: Amazon Prime Video, aliases: [Prime Video], class: Streamer, wikidata: Q7242345}
splits:
  - {type: Person, name: Maggie Q, announcement: two, as: Maggie Q (2)}
""",
        encoding="utf-8",
    )
    ids = load_identities(path)
    one = announcement_quads(parse_facts(ONE), ids)
    streamer = entity_iri("Organization", "Amazon Prime Video")
    assert ox.Quad(streamer, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode("https://w3id.org/entertainment-kg/ontology#Streamer"), ENTITIES_GRAPH) in one
    two = announcement_quads(parse_facts(TWO), ids)
    assert entity_iri("Person", "Maggie Q (2)").value in iris(two)
    assert entity_iri("Person", "Maggie Q").value not in iris(two)


@pytest.mark.parametrize(
    "text, message",
    [
        ("entities:\n  - {type: Actor, name: X}\n", "needs a known 'type'"),
        ("entities:\n  - {type: Person, name: X, class: Studio}\n", "class must be one of"),
        ("entities:\n  - {type: Person, name: X, wikidata: 42}\n", "wikidata must look like Q123"),
        ("entities: [\n", "malformed YAML"),
    ],
)
def test_bad_curated_file(tmp_path, text, message):
    path = tmp_path / "entities.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KGError, match=message):
        load_identities(path)


def test_rebuild_replaces_graph_without_stale_or_duplicate_facts(memory_store):
    build([parse_facts(ONE)], memory_store)
    before = len(memory_store)
    build([parse_facts(ONE)], memory_store)
    assert len(memory_store) == before
    changed = parse_facts(ONE.replace("  - [b, distributor, pv]\n", ""))
    report = build([changed], memory_store)
    assert report.built == 1
    assert not memory_store.query("ASK { ?s kg:distributor ?o }")


def test_descriptions_of_entities_no_longer_mentioned_are_dropped(memory_store):
    build([parse_facts(ONE)], memory_store)
    without_pv = parse_facts(ONE.replace("  - [b, distributor, pv]\n", "").replace("  pv: {type: Organization, name: Prime Video}\n", ""))
    build([without_pv], memory_store)
    assert not memory_store.query('ASK { ?e rdfs:label "Prime Video" }')
    assert memory_store.query('ASK { ?e rdfs:label "Maggie Q" }')


def test_identities_without_curated_file_still_fold_accents():
    ids = Identities([CuratedEntity("Series", "Bosch", ["Bosch (TV series)"])])
    ff = parse_facts(ONE.replace("name: Ballard}", "name: Bosch (TV series)}"))
    assert entity_iri("Series", "Bosch").value in iris(announcement_quads(ff, ids))
