"""The embedded store: persistence, replacement, formats, locking."""

import pyoxigraph as ox
import pytest
import rdflib
from paths import GOLD

from kg.build import build, stored_hashes
from kg.errors import StoreError
from kg.store import RDF_FORMATS, open_store


def test_on_disk_store_persists(store_path, identities):
    with open_store(store_path) as store:
        build([GOLD], store, identities=identities)
        count = len(store)
    with open_store(store_path, read_only=True) as store:
        assert len(store) == count > 1000
        assert len(stored_hashes(store)) == len(list(GOLD.glob("*.facts.yaml")))


def test_building_twice_leaves_the_count_unchanged(store_path, identities):
    with open_store(store_path) as store:
        first = build([GOLD], store, identities=identities)
        count = len(store)
        second = build([GOLD], store, identities=identities)
        assert (second.built, second.unchanged) == (0, first.built)
        assert len(store) == count
        forced = build([GOLD], store, identities=identities, force=True)
        assert forced.built == first.built and len(store) == count


def test_second_writer_gets_a_clear_error(store_path):
    with open_store(store_path):
        with pytest.raises(StoreError, match="in use by another kg process"):
            open_store(store_path)


def test_closing_after_an_update_releases_the_store(store_path):
    # Updates run on kg's confined thread; it must hold no reference to the store after one.
    with open_store(store_path) as store:
        store.update('INSERT DATA { <http://example.org/s> <http://example.org/p> "o" }')
    with open_store(store_path) as store:  # a second read-write opener: the first is gone
        assert len(store) == 1


def test_missing_store_read_only(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "nothing", read_only=True)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_then_import_round_trips(gold_store, fmt, tmp_path):
    data = gold_store.dump(fmt)
    path = tmp_path / f"g.{ {'turtle': 'ttl', 'trig': 'trig', 'nquads': 'nq', 'ntriples': 'nt', 'jsonld': 'jsonld'}[fmt] }"
    path.write_bytes(data)
    with open_store(":memory:") as other:
        other.load(path, graph="http://example.org/g" if fmt in ("turtle", "ntriples") else None)
        if fmt in ("turtle", "ntriples"):
            # Triple formats carry the default graph: each fact once.
            distinct = gold_store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }").rows[0][0]
            assert len(list(other.quads("http://example.org/g"))) == int(distinct.value)
        else:
            assert len(other) == len(gold_store)


def test_trig_parses_with_independent_parsers(gold_store):
    data = gold_store.dump("trig")
    assert len(list(ox.parse(data, format=ox.RdfFormat.TRIG))) == len(gold_store)
    ds = rdflib.Dataset()
    ds.parse(data=data.decode(), format="trig")
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(gold_store)


def test_bad_import_names_the_file(memory_store, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.ttl"):
        memory_store.load(bad, graph="http://example.org/g")
