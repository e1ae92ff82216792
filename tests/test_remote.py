"""RemoteStore against a real Oxigraph server (and kg serve): build, query, export, viz."""

import socket
import urllib.parse

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from helpers import build_gold, copy_store, http, start_oxigraph, stop
from paths import GOLD

from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.query import NameNotFound, canned_queries, run_query
from kg.store import RemoteStore
from kg.store.remote import bind_values, where_group_starts
from kg.store import open_store

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def built_oxigraph(oxigraph_url):
    """The Oxigraph server with data/gold built into it through kg build."""
    build_gold(oxigraph_url)
    return oxigraph_url


@pytest.fixture(scope="module")
def embedded(gold_dir, tmp_path_factory):
    store = open_store(copy_store(gold_dir, tmp_path_factory, "embedded"), read_only=True)
    yield store
    store.close()


def test_layouts():
    assert RemoteStore("http://h:7878").update_url == "http://h:7878/update"
    fuseki = RemoteStore("http://h:3030/ds/", layout="fuseki")
    assert (fuseki.query_url, fuseki.update_url, fuseki.store_url) == ("http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data")
    graphdb = RemoteStore("http://h:7200/repositories/kg", layout="graphdb")
    assert graphdb.query_url == "http://h:7200/repositories/kg"
    assert graphdb.store_url == "http://h:7200/repositories/kg/rdf-graphs/service"
    custom = RemoteStore("http://h/", query_url="http://h/q", update_url="http://h/u", store_url="http://h/g")
    assert (custom.query_url, custom.update_url, custom.store_url) == ("http://h/q", "http://h/u", "http://h/g")
    with pytest.raises(StoreError, match="unknown store layout"):
        RemoteStore("http://h/", layout="nope")
    with pytest.raises(StoreError, match="http"):
        RemoteStore("ftp://h/")


def test_open_store_gives_a_remote_store(oxigraph_url):
    assert isinstance(open_store(oxigraph_url), RemoteStore)


def test_build_into_oxigraph_matches_embedded(built_oxigraph, embedded):
    remote = RemoteStore(built_oxigraph)
    assert remote.graphs() == embedded.graphs()
    assert len(remote) == len(embedded)
    assert sorted(remote.dump("nquads").splitlines()) == sorted(embedded.dump("nquads").splitlines())


def test_build_twice_changes_nothing(built_oxigraph):
    remote = RemoteStore(built_oxigraph)
    before = remote.dump("nquads")
    build_gold(built_oxigraph)
    assert sorted(remote.dump("nquads").splitlines()) == sorted(before.splitlines())


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_canned_queries_same_on_oxigraph_server(built_oxigraph, embedded, name):
    remote = RemoteStore(built_oxigraph, timeout=300)
    params = {"series": "Ballard"} if name == "cast" else {}
    mine, theirs = run_query(embedded, name, params), run_query(remote, name, params)
    assert theirs.columns == mine.columns
    assert sorted(map(str, theirs.rows)) == sorted(map(str, mine.rows))


def test_cli_build_and_query_against_oxigraph(tmp_path, embedded):
    proc, url = start_oxigraph(tmp_path / "db")
    try:
        runner = CliRunner()
        r = runner.invoke(main, ["build", str(GOLD), "--store", url, "--no-outputs"])
        assert r.exit_code == 0, r.output
        remote = runner.invoke(main, ["query", "cast", "--param", "series=Ballard", "--store", url])
        assert remote.exit_code == 0, remote.output
        local = runner.invoke(main, ["query", "cast", "--param", "series=Ballard", "--store", embedded.location])
        assert remote.output == local.output and "Maggie Q" in remote.output
        out = tmp_path / "g.trig"
        assert runner.invoke(main, ["export", "--format", "trig", "--store", url, "-o", str(out)]).exit_code == 0
        assert sorted(ox.parse(path=str(out), format=ox.RdfFormat.TRIG), key=str) == sorted(ox.parse(embedded.dump("trig"), format=ox.RdfFormat.TRIG), key=str)
        page = tmp_path / "g.html"
        r = runner.invoke(main, ["viz", "--store", url, "--focus", "Bosch", "-o", str(page)])
        assert r.exit_code == 0, r.output
        assert "Bosch" in page.read_text()
    finally:
        stop(proc)


def test_parameters_are_terms_never_text(built_oxigraph):
    remote = RemoteStore(built_oxigraph)
    before = len(remote)
    hostile = 'Ballard" ) } } ; DROP ALL ; SELECT * { { ("'
    with pytest.raises(NameNotFound):  # a value is a name to look up, never query text
        run_query(remote, "cast", {"series": hostile})
    assert len(remote) == before
    assert run_query(remote, "cast", {"series": "ballard"}).rows  # any case, as on the embedded store


def test_bind_values_places_the_block_in_the_where_group():
    q = 'CONSTRUCT { ?s ?p "}" } WHERE { ?s ?p ?o } # {'
    assert bind_values(q, {"s": ox.NamedNode("http://a")}) == 'CONSTRUCT { ?s ?p "}" } WHERE { VALUES (?s) { (<http://a>) } ?s ?p ?o } # {'
    assert where_group_starts("DESCRIBE <http://a>") == []
    with pytest.raises(QueryError, match="variable name"):
        bind_values("SELECT * { ?s ?p ?o }", {"s) } DROP ALL": "x"})


def test_unreachable_server_is_a_clear_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    remote = RemoteStore(f"http://127.0.0.1:{port}/", retries=1, timeout=2)
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        remote.graphs()


def test_retry_after_a_dropped_connection(oxigraph_url):
    remote = RemoteStore(oxigraph_url, retries=2)
    assert remote.query("ASK {}") is True
    for conn in remote.http._connections.values():
        conn.sock.close()  # as if the server had dropped the kept-alive connection
    assert remote.query("ASK {}") is True


def test_refusal_is_a_clear_error(served):
    remote = RemoteStore(served.url)
    with pytest.raises(StoreError, match=r"refused the update \(403\).*--allow-update"):
        remote.replace_graph("http://ex/g", [])
    with pytest.raises(QueryError, match="SERVICE is refused"):
        remote.query("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="syntax error"):
        remote.query("SELECT * {")


def test_remote_store_api_on_oxigraph(oxigraph_url, tmp_path):
    remote = RemoteStore(oxigraph_url)
    g = "http://example.org/remote-api"
    t = [ox.Quad(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/b"), ox.Literal("é \" x"), ox.NamedNode(g))]
    remote.replace_graph(g, t)
    assert list(remote.quads(g)) == t
    assert b"remote-api" in remote.dump("trig", graph=g) or b"ex/a" in remote.dump("trig", graph=g)
    nt = tmp_path / "more.nt"
    nt.write_text('<http://ex/a> <http://ex/c> "y" .\n')
    remote.load(nt, graph=g)
    assert len(list(remote.quads(g))) == 2
    remote.remove_graph(g)
    remote.remove_graph(g)  # absent is fine
    assert g not in remote.graphs()
    r = http("GET", oxigraph_url + "store?" + urllib.parse.urlencode({"graph": g}))
    assert r.status == 404


def test_the_servers_default_graph_is_the_set_of_facts(built_oxigraph, embedded):
    """Plain SPARQL on the server counts each fact once, as on the embedded store, with no union switch."""
    remote = RemoteStore(built_oxigraph)
    for where in ("?w kg:castMember ?p", "?s ?p ?o", "?g a kg:Announcement"):
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
        assert remote.query(q).rows == embedded.query(q).rows
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    assert remote.query(distinct).rows == remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows


def test_removing_a_graph_on_the_server_keeps_facts_others_state(oxigraph_url):
    remote = RemoteStore(oxigraph_url)
    a, p = ox.NamedNode("http://ex/shared-a"), ox.NamedNode("http://ex/p")
    only, both = ox.Literal("only in g1"), ox.Literal("in both")
    g1, g2 = "http://example.org/rm-1", "http://example.org/rm-2"
    remote.replace_graph(g1, [ox.Quad(a, p, only, ox.NamedNode(g1)), ox.Quad(a, p, both, ox.NamedNode(g1))])
    remote.replace_graph(g2, [ox.Quad(a, p, both, ox.NamedNode(g2))])
    remote.remove_graph(g1)
    assert [r[0] for r in remote.query("SELECT ?o WHERE { <http://ex/shared-a> <http://ex/p> ?o }")] == [both]
    remote.remove_graph(g2)
    assert not remote.query("ASK { <http://ex/shared-a> ?p ?o }")
