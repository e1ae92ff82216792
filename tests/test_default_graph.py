"""The default graph is current knowledge as a set, kept in step with the announcement graphs."""

import datetime as dt

import pyoxigraph as ox
import pytest
from paths import GOLD

from kg.build import build
from kg.facts import Announcement, Entity, Fact, FactsFile
from kg.mapping import kg_term
from kg.query import graph_stats, run_query
from kg.store import open_store

DEFAULT = ox.DefaultGraph()


def named_triples(store):
    """The set of triples stated by the named graphs."""
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()}


def default_triples(store):
    return [q.triple for q in store.quads(DEFAULT)]


def assert_in_step(store):
    default = default_triples(store)
    assert len(default) == len(set(default))
    assert set(default) == named_triples(store)


def count(store, where):
    return int(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows[0][0].value)


def test_bundled_default_graph_is_the_set_of_named_triples(gold_store):
    assert_in_step(gold_store)


@pytest.mark.parametrize("relation", ["castMember", "portrays", "basedOn", "executiveProducer", "hasCharacter", "partOfFranchise"])
def test_every_count_over_the_default_graph_is_the_count_of_distinct_facts(gold_store, relation):
    distinct = count(gold_store, f"SELECT DISTINCT ?s ?o WHERE {{ GRAPH ?g {{ ?s kg:{relation} ?o }} }}")
    stated = count(gold_store, f"GRAPH ?g {{ ?s kg:{relation} ?o }}")
    assert count(gold_store, f"?s kg:{relation} ?o") == distinct > 0
    if relation == "castMember":
        assert stated > distinct  # several announcements restate the same cast


def test_all_counts_in_one_go(gold_store):
    """Every predicate, every subject count: plain SPARQL equals DISTINCT over the named graphs."""
    plain = gold_store.query("SELECT ?p (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { ?s ?p ?o } GROUP BY ?p")
    distinct = gold_store.query(
        "SELECT ?p (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?p"
    )
    assert sorted(map(str, plain.rows)) == sorted(map(str, distinct.rows))
    stats = graph_stats(gold_store)
    assert stats["triples"] == len(named_triples(gold_store))
    assert stats["announcements"] == len(list(GOLD.glob("*.facts.yaml")))


def test_describe_and_select_repeat_nothing(gold_store):
    people = gold_store.query('SELECT ?p WHERE { ?w kg:castMember ?p . ?p rdfs:label "Maggie Q" }')
    assert len(people) == len(set(people.rows))
    described = gold_store.query("DESCRIBE ?p WHERE { ?p rdfs:label \"Maggie Q\" }")
    assert len(described) == len(set(described))


def ann(ann_id, work, people):
    ents = {"w": Entity("w", "Series", work)}
    facts = []
    for i, name in enumerate(people):
        ents[f"p{i}"] = Entity(f"p{i}", "Person", name)
        facts.append(Fact("w", "castMember", f"p{i}"))
    return FactsFile(Announcement(ann_id, published=dt.date(2025, 1, 1), title=ann_id), ents, facts)


def cast_of(store, work):
    return sorted(r["actor"] for r in run_query(store, f'SELECT ?actor WHERE {{ ?w rdfs:label "{work}" ; kg:castMember ?p . ?p rdfs:label ?actor }}').values())


def test_replacing_removes_only_facts_no_other_announcement_states(memory_store):
    build([ann("a", "Show", ["Ann Lee", "Bo Diaz"]), ann("b", "Show", ["Bo Diaz", "Cy Ng"])], memory_store)
    assert cast_of(memory_store, "Show") == ["Ann Lee", "Bo Diaz", "Cy Ng"]
    # Announcement b is corrected: it no longer names Bo Diaz, but a still does.
    build([ann("a", "Show", ["Ann Lee", "Bo Diaz"]), ann("b", "Show", ["Cy Ng"])], memory_store)
    assert cast_of(memory_store, "Show") == ["Ann Lee", "Bo Diaz", "Cy Ng"]
    build([ann("a", "Show", ["Ann Lee"]), ann("b", "Show", ["Cy Ng"])], memory_store)
    assert cast_of(memory_store, "Show") == ["Ann Lee", "Cy Ng"]
    assert_in_step(memory_store)
    # Pruning a: its facts go, its shared descriptions too (nobody names Ann Lee any more).
    build([ann("b", "Show", ["Cy Ng"])], memory_store, prune=True)
    assert cast_of(memory_store, "Show") == ["Cy Ng"]
    assert not memory_store.query('ASK { ?p rdfs:label "Ann Lee" }')
    assert_in_step(memory_store)


def test_source_hash_updates_keep_both_graphs(store_path, tmp_path):
    from kg.facts import save_facts

    folder = tmp_path / "in"
    folder.mkdir()
    save_facts(ann("a", "Show", ["Ann Lee"]), folder / "a.facts.yaml")
    with open_store(store_path) as store:
        build([folder], store)
        (folder / "a.facts.yaml").write_text((folder / "a.facts.yaml").read_text() + "\n# reviewed\n")
        report = build([folder], store)
        assert report.unchanged == 1
        assert count(store, "?g kg:sourceHash ?h") == 1
        assert_in_step(store)


def test_a_store_without_default_graph_is_repaired_by_the_next_build(store_path, identities):
    with open_store(store_path) as store:
        build([GOLD], store, identities=identities)
        store._store.clear_graph(DEFAULT)  # as a store written before kg kept the default graph
        assert count(store, "?s ?p ?o") == 0
        report = build([GOLD], store, identities=identities)
        assert report.built == 0
        assert_in_step(store)


def test_load_adds_the_named_triples_to_the_default_graph(memory_store, tmp_path):
    path = tmp_path / "g.nq"
    path.write_text('<http://ex/a> <http://ex/p> "x" <http://ex/g1> .\n<http://ex/a> <http://ex/p> "x" <http://ex/g2> .\n')
    memory_store.load(path)
    assert default_triples(memory_store) == [ox.Triple(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), ox.Literal("x"))]
    memory_store.remove_graph("http://ex/g1")
    assert len(default_triples(memory_store)) == 1
    memory_store.remove_graph("http://ex/g2")
    assert default_triples(memory_store) == []


def test_every_write_is_one_transaction_that_keeps_the_invariant(memory_store):
    """After the drop step alone (as after a crash before the insert) the graphs still agree."""
    build([ann("a", "Show", ["Ann Lee", "Bo Diaz"]), ann("b", "Show", ["Bo Diaz"])], memory_store)
    memory_store._drop([ox.NamedNode("https://w3id.org/entertainment-kg/announcement/a")])
    triples = set(default_triples(memory_store))
    assert len({t for t in triples if t.predicate == kg_term("castMember")}) == 1  # Bo Diaz, still stated by b
    assert named_triples(memory_store) == triples


def test_networkx_snapshot_is_the_graph_of_the_quads_and_any_write_drops_it(store_path, identities):
    from kg.network import SNAPSHOT, dumps_graph, from_quads, to_networkx

    with open_store(store_path) as store:
        build([GOLD], store, identities=identities)
        assert store.read_snapshot(SNAPSHOT) is not None
        assert dumps_graph(to_networkx(store), "json") == dumps_graph(from_quads(store.quads()), "json")
        build([GOLD], store, identities=identities)  # nothing changed: the snapshot stays
        assert store.read_snapshot(SNAPSHOT) is not None
        store.remove_graph(store.graphs()[0])
        assert store.read_snapshot(SNAPSHOT) is None
        assert dumps_graph(to_networkx(store), "json") == dumps_graph(from_quads(store.quads()), "json")


def test_a_bulk_write_that_did_not_finish_is_dropped_by_the_next_opener(store_path):
    """Big writes go through Oxigraph's bulk loader, which is not atomic: its journal lets
    the next opener drop what a crash left half written, keeping the default graph in step."""
    from kg.store.embedded import BULK_WRITE

    def graph(name, n):
        g = ox.NamedNode(f"https://w3id.org/entertainment-kg/announcement/{name}")
        return g, [ox.Quad(ox.NamedNode(f"http://ex/{name}/{i}"), kg_term("castMember"), ox.NamedNode("http://ex/shared" if i == 0 else f"http://ex/p{i}"), g) for i in range(n)]

    (a, quads_a), (b, quads_b), (c, quads_c) = graph("a", BULK_WRITE), graph("b", BULK_WRITE), graph("c", 10)
    with open_store(store_path) as store:
        store.replace_graphs([(a.value, quads_a), (c.value, quads_c)])  # through the bulk loader
        assert not (store_path / "kg-unfinished-write").exists()
        assert_in_step(store)
    # A crash halfway through a bulk write of b: some of its quads, part of their default triples,
    # and the journal naming it (written before the bulk write starts).
    raw = ox.Store(str(store_path))
    raw.extend(quads_b[: BULK_WRITE // 2] + [ox.Quad(q.subject, q.predicate, q.object, DEFAULT) for q in quads_b[: BULK_WRITE // 4]])
    del raw
    (store_path / "kg-unfinished-write").write_text(b.value + "\n")
    with open_store(store_path) as store:
        assert store.graphs() == [a.value, c.value]
        assert not (store_path / "kg-unfinished-write").exists()
        assert_in_step(store)
        assert count(store, "GRAPH ?g { ?s ?p ?o }") == BULK_WRITE + 10
