"""kg serve with real clients: SPARQLWrapper, rdflib's SPARQLStore and raw HTTP for every status."""

import http.client as httpclient
import json
import socket
import threading
import urllib.parse

import pyoxigraph as ox
import pytest
import rdflib
from helpers import build_gold, copy_store, http, start_server, wait_until

from kg.errors import StoreError
from kg.query import canned_queries, run_query
from kg.store import RemoteStore
from kg.server import negotiate, RESULT_OFFERS
from kg.store import open_store

pytestmark = pytest.mark.server

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def get(server, query, accept=None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return http("GET", f"{server.base_url}?{qs}", headers={"Accept": accept} if accept else {})


def post_form(server, **fields):
    return http("POST", server.base_url, urllib.parse.urlencode(fields).encode(), FORM)


# --- real clients ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["JSON", "XML", "CSV", "TSV"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_every_format(served, fmt, method):
    from SPARQLWrapper import SPARQLWrapper

    sw = SPARQLWrapper(served.base_url)
    sw.setMethod(method)
    sw.setQuery("SELECT ?w ?label WHERE { ?w a kg:Series ; rdfs:label ?label } ORDER BY ?label")
    sw.setReturnFormat(fmt.lower())
    result = sw.query()
    data = result.convert()
    if fmt == "JSON":
        labels = [b["label"]["value"] for b in data["results"]["bindings"]]
    elif fmt == "XML":
        labels = [n.firstChild.firstChild.data for n in data.getElementsByTagName("binding") if n.getAttribute("name") == "label"]
    else:
        text = data.decode() if isinstance(data, bytes) else data
        sep = "," if fmt == "CSV" else "\t"
        labels = [line.split(sep)[1].strip('"') for line in text.strip().splitlines()[1:]]
    assert "Bosch" in labels and "Ballard" in labels
    expected = {"JSON": "application/sparql-results+json", "XML": "application/sparql-results+xml", "CSV": "text/csv", "TSV": "text/tab-separated-values"}[fmt]
    assert result.info()["content-type"].startswith(expected)


@pytest.mark.parametrize("fmt", ["JSON", "XML"])
def test_sparqlwrapper_ask(served, fmt):
    from SPARQLWrapper import SPARQLWrapper

    sw = SPARQLWrapper(served.base_url)
    sw.setQuery("ASK { ?w rdfs:label 'Bosch' }")
    sw.setReturnFormat(fmt.lower())
    data = sw.query().convert()
    assert (data["boolean"] if fmt == "JSON" else data.getElementsByTagName("boolean")[0].firstChild.data == "true") is True


@pytest.mark.parametrize("fmt,ctype", [("turtle", "text/turtle"), ("xml", "application/rdf+xml"), ("json-ld", "application/ld+json"), ("n3", "text/turtle")])
@pytest.mark.parametrize("form", ["CONSTRUCT", "DESCRIBE"])
def test_sparqlwrapper_graph_formats(served, fmt, ctype, form):
    from SPARQLWrapper import SPARQLWrapper

    sw = SPARQLWrapper(served.base_url)
    if form == "CONSTRUCT":
        sw.setQuery("CONSTRUCT { ?w rdfs:label ?l } WHERE { ?w a kg:Series ; rdfs:label ?l }")
    else:
        sw.setQuery("DESCRIBE <https://w3id.org/entertainment-kg/id/series/bosch>")
    sw.setReturnFormat(fmt)
    result = sw.query()
    assert result.info()["content-type"].startswith(ctype)
    g = result.convert()
    if not isinstance(g, rdflib.Graph):
        g = rdflib.Graph().parse(data=g, format={"json-ld": "json-ld", "xml": "xml"}.get(fmt, "turtle"))
    assert (None, rdflib.RDFS.label, rdflib.Literal("Bosch")) in g


def test_ntriples_answer(served):
    r = get(served, "CONSTRUCT { ?w rdfs:label ?l } WHERE { ?w a kg:Series ; rdfs:label ?l }", "application/n-triples")
    assert r.status == 200 and r.ctype == "application/n-triples"
    assert any(t.object.value == "Bosch" for t in ox.parse(r.body, format=ox.RdfFormat.N_TRIPLES))


def test_rdflib_sparqlstore(served):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = rdflib.Graph(store=SPARQLStore(served.base_url, returnFormat="xml"))
    rows = g.query("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX kg: <https://w3id.org/entertainment-kg/ontology#> SELECT ?l WHERE { ?w a kg:Series ; rdfs:label ?l }")
    assert "Bosch" in {str(r.l) for r in rows}
    assert g.query("ASK { ?s ?p ?o }").askAnswer is True
    constructed = g.query("CONSTRUCT { ?w <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?w a <https://w3id.org/entertainment-kg/ontology#Series> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }").graph
    assert (None, rdflib.RDFS.label, rdflib.Literal("Bosch")) in constructed and len(constructed) >= 3


def test_canned_queries_same_through_endpoint_and_embedded(gold_dir, tmp_path_factory):
    embedded = open_store(copy_store(gold_dir, tmp_path_factory, "embedded"), read_only=True)
    server = start_server(copy_store(gold_dir, tmp_path_factory, "canned"), timeout=120)
    remote = RemoteStore(server.url)
    for name in canned_queries():
        for params in ({}, {"series": "Ballard"}) if name == "cast" else ({},):
            mine, theirs = run_query(embedded, name, params), run_query(remote, name, params)
            assert theirs.columns == mine.columns, name
            assert sorted(map(str, theirs.rows)) == sorted(map(str, mine.rows)), name
    embedded.close()
    server.close()


# --- status codes -----------------------------------------------------------------


def assert_status(r, status, words):
    assert r.status == status, (r.status, r.text)
    assert r.ctype == "text/plain"
    assert words.lower() in r.text.lower(), r.text


def test_malformed_query_is_400(served):
    assert_status(get(served, "SELECT * WHERE { ?s ?p "), 400, "syntax error")


def test_two_queries_is_400(served):
    assert_status(http("GET", served.base_url + "?query=ASK%7B%7D&query=ASK%7B%7D"), 400, "more than one query")


def test_query_and_update_is_400(served):
    assert_status(post_form(served, query="ASK {}", update="CLEAR ALL"), 400, "not both")


def test_update_in_url_of_form_post_is_400(served):
    assert_status(http("POST", served.base_url + "?update=CLEAR%20ALL", b"", FORM), 400, "request body, not the URL")


def test_query_in_url_of_direct_post_is_400(served):
    r = http("POST", served.base_url + "?query=ASK%7B%7D", b"ASK {}", {"Content-Type": "application/sparql-query"})
    assert_status(r, 400, "must not have a query")


def test_missing_query_is_400(served):
    assert_status(post_form(served, foo="bar"), 400, "no query or update")


def test_get_with_body_is_400(served):
    assert_status(http("GET", served.base_url + "?query=ASK%7B%7D", b"ASK {}"), 400, "must not have a body")


def test_bad_graph_iri_is_400(served):
    assert_status(get(served, "ASK {}", **{"default-graph-uri": "not an iri"}), 400, "not an absolute iri")


def test_unsupported_version_is_400(served):
    assert_status(get(served, "ASK {}", version="9.9"), 400, "not supported")


def test_update_on_read_only_is_403(served):
    assert_status(post_form(served, update="CLEAR ALL"), 403, "--allow-update")
    assert_status(http("POST", served.base_url, b"CLEAR ALL", {"Content-Type": "application/sparql-update"}), 403, "read-only")


def test_graph_store_write_on_read_only_is_403(served):
    r = http("PUT", served.url + "store?graph=http%3A%2F%2Fex%2Fg", b"<http://a> <http://b> <http://c> .", {"Content-Type": "application/n-triples"})
    assert_status(r, 403, "read-only")
    assert_status(http("DELETE", served.url + "store?graph=http%3A%2F%2Fex%2Fg"), 403, "read-only")


def test_unknown_path_is_404(served):
    assert_status(http("GET", served.url + "nope"), 404, "/sparql")


def test_wrong_method_is_405(served):
    r = http("DELETE", served.base_url)
    assert_status(r, 405, "GET or POST")
    assert r.headers["allow"] == "GET, HEAD, POST, OPTIONS"


def test_not_acceptable_is_406(served):
    assert_status(get(served, "ASK {}", "image/png"), 406, "cannot answer")


def test_request_too_large_is_413(served):
    body = b"query=" + b"x" * 1_000_001
    assert_status(http("POST", served.base_url, body, FORM), 413, "at most")


def test_wrong_or_missing_content_type_is_415(served):
    assert_status(http("POST", served.base_url, b"ASK {}", {"Content-Type": "text/plain"}), 415, "not a SPARQL request")
    assert_status(http("POST", served.base_url, b"ASK {}"), 415, "needs a content-type")
    r = http("POST", served.base_url, "ASK {}".encode("utf-16"), {"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert_status(r, 415, "utf-8")


def test_too_many_rows_is_422(gold_dir, tmp_path_factory):
    server = start_server(copy_store(gold_dir, tmp_path_factory, "small"), max_rows=10, workers=1)
    try:
        assert_status(get(server, "SELECT * { ?s ?p ?o }"), 422, "more than 10 rows")
        assert get(server, "SELECT * { ?s ?p ?o } LIMIT 10").status == 200
        assert_status(get(server, "CONSTRUCT WHERE { ?s ?p ?o }"), 422, "add limit")
    finally:
        server.close()


def test_runaway_query_is_stopped_while_others_are_served(served):
    answers = {}
    t = threading.Thread(target=lambda: answers.setdefault("runaway", get(served, RUNAWAY)))
    t.start()
    quick = []  # (status, whether the runaway was still running when the answer came)
    while t.is_alive():
        # Another client (another address): one client holds at most workers - 1 workers.
        conn = httpclient.HTTPConnection("127.0.0.1", served.server_address[1], timeout=30, source_address=("127.0.0.3", 0))
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s rdfs:label 'Bosch' }"}))
        status = conn.getresponse().status
        conn.close()
        quick.append((status, t.is_alive()))
    t.join()
    assert_status(answers["runaway"], 503, "time limit of 3 s")
    assert quick and all(status == 200 for status, _ in quick)
    assert any(running for _, running in quick), "no quick query was answered while the runaway ran"
    # The killed worker is replaced: the pool is whole again.
    wait_until(lambda: len(served.backend.readers.workers) == 2, what="the worker pool refilled")


def test_bounds_hold_under_concurrent_runaways(served):
    results = []

    def client():
        results.append(get(served, RUNAWAY).status)

    threads = [threading.Thread(target=client) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    # Two workers, six runaways: each is stopped at 3 s or turned away as busy; none runs on.
    assert not any(t.is_alive() for t in threads), "a runaway query was never answered"
    assert set(results) == {503}
    wait_until(lambda: len(served.backend.readers.workers) == 2, what="the worker pool refilled")
    assert get(served, "ASK {}").status == 200


def test_too_many_connections_is_503(gold_dir, tmp_path_factory):
    server = start_server(copy_store(gold_dir, tmp_path_factory, "conns"), max_connections=2, workers=1)
    socks = []
    try:
        for _ in range(2):
            s = socket.create_connection(("127.0.0.1", server.server_address[1]))
            socks.append(s)
        # The server counts a connection once it has accepted it: ask until it has both.
        r = wait_until(lambda: (r := http("GET", server.base_url + "?query=ASK%7B%7D")).status == 503 and r, what="a 503")
        assert "too many connections" in r.text
    finally:
        for s in socks:
            s.close()
        server.close()


# --- safety ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * {{ ?s ?p ?o FILTER EXISTS {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * {{ {{ SELECT ?s {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "ASK {{ OPTIONAL {{ GRAPH ?g {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    ],
)
def test_service_is_refused_and_never_fetched(served, canary, query):
    assert_status(get(served, query.format(url=canary.url + "sparql")), 400, "SERVICE is refused")
    assert canary.received() == []


def test_remote_from_is_refused(served):
    assert_status(get(served, "SELECT * FROM <http://example.org/data.ttl> { ?s ?p ?o }"), 400, "never fetches")
    assert_status(get(served, "SELECT * FROM NAMED <http://example.org/data.ttl> { ?s ?p ?o }"), 400, "never fetches")
    graph = "https://w3id.org/entertainment-kg/announcement/bosch-s1-premiere"
    assert get(served, f"ASK FROM <{graph}> {{ ?s ?p ?o }}").status == 200


def test_load_and_service_updates_are_refused(rw_server, canary):
    url = canary.url + "data.ttl"
    assert_status(post_form(rw_server, update=f"LOAD <{url}>"), 400, "LOAD is refused")
    assert_status(post_form(rw_server, update=f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"), 400, "SERVICE is refused")
    assert canary.received() == []


def test_runaway_update_is_stopped_and_changes_nothing(rw_server):
    triples = " ".join(f"<http://ex/s{i}> <http://ex/p> {i} ." for i in range(200))
    assert post_form(rw_server, update=f"INSERT DATA {{ GRAPH <http://ex/g> {{ {triples} }} }}").status == 204
    runaway = "INSERT { GRAPH <http://ex/out> { ?a <http://ex/q> ?n } } WHERE { GRAPH <http://ex/g> { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?n } }"
    assert_status(post_form(rw_server, update=runaway), 503, "nothing was changed")
    r = get(rw_server, "ASK { GRAPH <http://ex/out> { ?s ?p ?o } }", "application/sparql-results+json")
    assert json.loads(r.body)["boolean"] is False
    assert post_form(rw_server, update="INSERT DATA { GRAPH <http://ex/g> { <http://ex/a> <http://ex/b> 1 } }").status == 204


def test_binds_loopback_and_no_cors_by_default(served):
    assert served.server_address[0] == "127.0.0.1"
    r = http("GET", served.base_url + "?query=ASK%7B%7D", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_when_configured(gold_dir, tmp_path_factory):
    server = start_server(copy_store(gold_dir, tmp_path_factory, "cors"), cors_origins=("http://app.example",), workers=1)
    try:
        r = http("GET", server.base_url + "?query=ASK%7B%7D", headers={"Origin": "http://app.example"})
        assert r.headers["access-control-allow-origin"] == "http://app.example"
        r = http("OPTIONS", server.base_url, headers={"Origin": "http://app.example", "Access-Control-Request-Method": "POST"})
        assert r.status == 204 and "POST" in r.headers["access-control-allow-methods"]
        r = http("GET", server.base_url + "?query=ASK%7B%7D", headers={"Origin": "http://other.example"})
        assert "access-control-allow-origin" not in r.headers
    finally:
        server.close()


def test_served_store_is_locked_for_other_writers(served):
    with pytest.raises(StoreError, match="in use"):
        open_store(served.backend.location)


# --- service description, page, graph store -----------------------------------------


def test_service_description(served):
    r = http("GET", served.base_url, headers={"Accept": "text/turtle"})
    assert r.status == 200 and r.ctype == "text/turtle"
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (rdflib.URIRef(served.base_url), rdflib.RDF.type, sd.Service) in g
    assert (None, sd.supportedLanguage, sd.SPARQL11Update) not in g
    assert http("GET", served.base_url, headers={"Accept": "text/html"}).status == 303


def test_page_and_queries(served):
    r = http("GET", served.url)
    assert r.status == 200 and r.ctype == "text/html"
    assert "script-src 'nonce-" in r.headers["content-security-policy"]
    assert "cast" in r.text and "http://" not in r.text.split("<body>")[1].split("<script")[0]
    names = [q["name"] for q in json.loads(http("GET", served.url + "queries").body)]
    assert names == sorted(canned_queries())


def test_graph_view(served):
    q = "CONSTRUCT { ?w kg:basedOn ?n } WHERE { ?w kg:basedOn ?n }"
    r = http("GET", served.url + "graph?" + urllib.parse.urlencode({"query": q}))
    assert r.status == 200 and r.ctype == "text/html", r.text
    assert "<script" in r.text and "connect-src 'none'" in r.headers["content-security-policy"]


def test_graph_store_protocol(rw_server):
    store = rw_server.url + "store"
    g = "?graph=" + urllib.parse.quote("http://ex/g", safe="")
    nt = {"Content-Type": "application/n-triples"}
    assert http("GET", store + g).status == 404
    ttl = {"Content-Type": "text/turtle"}
    assert http("PUT", store + g, b"<http://ex/a> <http://ex/b> 1 .\n", ttl).status == 201
    assert http("PUT", store + g, b"<http://ex/a> <http://ex/b> 2 .\n", ttl).status == 204
    assert http("POST", store + g, b'<http://ex/a> <http://ex/b> "x" .\n', {"Content-Type": "text/turtle"}).status == 204
    r = http("GET", store + g, headers={"Accept": "application/n-triples"})
    assert sorted(t.object.value for t in ox.parse(r.body, format=ox.RdfFormat.N_TRIPLES)) == ["2", "x"]
    assert http("PUT", store + g, b"not rdf", nt).status == 400
    assert http("PUT", store + g, b"<http://ex/a> <http://ex/b> <http://ex/c> .", {"Content-Type": "image/png"}).status == 415
    assert http("PUT", store, b"", nt).status == 400
    assert http("DELETE", store + g).status == 204
    assert http("DELETE", store + g).status == 404
    r = http("POST", store, b"<http://ex/a> <http://ex/b> <http://ex/c> <http://ex/g2> .\n", {"Content-Type": "application/n-quads"})
    assert r.status == 204
    r = http("GET", store, headers={"Accept": "application/n-quads"})
    assert b"<http://ex/g2>" in r.body


def test_kg_build_through_kg_serve_is_idempotent(rw_server, gold_dir, tmp_path_factory):
    build_gold(rw_server.url)
    remote = RemoteStore(rw_server.url)
    first = remote.dump("nquads")
    build_gold(rw_server.url)
    second = remote.dump("nquads")
    # No blank nodes in kg's graphs: the same lines mean the same dataset.
    assert first and sorted(first.splitlines()) == sorted(second.splitlines())
    embedded = open_store(copy_store(gold_dir, tmp_path_factory, "cmp"), read_only=True)
    assert remote.graphs() == embedded.graphs()
    assert len(remote) == len(embedded)
    assert run_query(remote, "cast", {"series": "Ballard"}).rows == run_query(embedded, "cast", {"series": "Ballard"}).rows
    embedded.close()


def test_negotiation():
    assert negotiate(None, RESULT_OFFERS) == "json"
    assert negotiate("*/*", RESULT_OFFERS) == "json"
    assert negotiate("text/*", RESULT_OFFERS) == "csv"
    assert negotiate("application/sparql-results+xml;q=0.9, text/csv", RESULT_OFFERS) == "csv"
    assert negotiate("image/png", RESULT_OFFERS) is None
