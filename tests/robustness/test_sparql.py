"""Case 3: hostile SPARQL through ``kg query``, the Python API and a real ``kg serve``.

Nothing is ever fetched: every remote IRI points at a canary socket on loopback,
and the tests assert it saw no connection at all.
"""

import threading
import urllib.parse

import pytest

from kg.errors import QueryError, StoreError
from kg.query import NameNotFound, run_query
from kg.store import open_store
from helpers import KgServe, cli, copy_store, http, wait_until

INJECTION = "} ; DROP ALL ; {"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def remote_queries(url):
    return {
        "service": f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
        "service-silent": f"SELECT * WHERE {{ ?x ?y ?z SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }} LIMIT 1",
        "service-variable": f"SELECT * WHERE {{ BIND(<{url}sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "from": f"SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}",
        "from-named": f"SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    }


def get(server, query, accept="application/sparql-results+json", timeout=30):
    return http("GET", server.sparql + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}, timeout=timeout)


# --- kg query and the Python API ------------------------------------------------


def test_cli_syntax_error_is_one_line(gold_dir):
    r = cli("query", "SELECT * WHERE { ?s ?p }", "--store", gold_dir)
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: SPARQL syntax error: ") and r.stderr.count("\n") == 1


@pytest.mark.parametrize("kind", sorted(remote_queries("x")))
def test_cli_fetches_nothing(gold_dir, canary, kind):
    r = cli("query", remote_queries(canary.url)[kind], "--store", gold_dir, "--format", "json")
    if kind.startswith("service"):
        assert r.exit_code == 1
        assert "SERVICE is refused" in r.stderr
    else:
        # The embedded store reads FROM as a graph name of its own (the union default
        # graph wins); what matters here is that nothing is fetched.
        assert r.exit_code == 0, r.stderr
    assert canary.received() == []


def test_cli_load_and_updates_are_refused(gold_dir, canary):
    for text in (f"LOAD <{canary.url}data.ttl>", "DROP ALL", "DELETE WHERE { ?s ?p ?o }"):
        r = cli("query", text, "--store", gold_dir)
        assert r.exit_code == 1 and r.stderr.startswith("Error: ") and r.stderr.count("\n") == 1
    with open_store(gold_dir, read_only=True) as s:
        assert len(s) > 1000
    assert canary.received() == []


def test_api_read_only_store_refuses_updates(gold_dir):
    with open_store(gold_dir, read_only=True) as s, pytest.raises(StoreError, match="open read-only"):
        s.update("DROP ALL")


def test_api_store_update_load_fetches_nothing(canary):
    with open_store(":memory:") as s:
        with pytest.raises((StoreError, QueryError)):
            s.update(f"LOAD <{canary.url}data.ttl>")
    assert canary.received() == []


def test_api_store_query_service_fetches_nothing(canary):
    with open_store(":memory:") as s:
        with pytest.raises(QueryError):
            s.query(remote_queries(canary.url)["service"])
    assert canary.received() == []


def test_cli_parameter_injection_is_a_value(gold_dir, tmp_path_factory):
    store = copy_store(gold_dir, tmp_path_factory, "inject")
    with open_store(store) as s:
        before = len(s)
    for param in (f"series={INJECTION}", f'series=" {INJECTION} "', "series=<http://x> } ; DROP ALL ; {"):
        r = cli("query", "cast", "--param", param, "--store", store, "--format", "csv")
        assert r.exit_code in (0, 1), r.stderr
        if r.exit_code == 0:
            assert r.stdout.strip().count("\n") == 0  # the header only: the name matches nothing
        else:
            assert r.stderr.count("\n") == 1
    with open_store(store) as s:
        assert len(s) == before


# --- kg serve over HTTP -------------------------------------------------------------


@pytest.mark.server
def test_http_syntax_error_is_400(served):
    r = get(served, "SELECT * WHERE { ?s ?p }")
    assert r.status == 400 and r.text.startswith("400 Bad Request: SPARQL query syntax error")


@pytest.mark.server
@pytest.mark.parametrize("kind", sorted(remote_queries("x")))
def test_http_fetches_nothing(served, canary, kind):
    r = get(served, remote_queries(canary.url)[kind])
    assert r.status == 400, r.text
    assert ("SERVICE is refused" if kind.startswith("service") else "never fetches graphs") in r.text
    assert canary.received() == []


@pytest.mark.server
def test_http_updates_on_a_read_only_endpoint_are_403(served, canary):
    for update in ("DROP ALL", f"LOAD <{canary.url}data.ttl>", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"):
        r = http("POST", served.sparql, body=update.encode(), headers={"Content-Type": "application/sparql-update"})
        assert r.status == 403, r.text
    r = http("PUT", served.url + "store?graph=urn:x", body=b"<urn:a> <urn:b> <urn:c> .", headers={"Content-Type": "application/n-triples"})
    assert r.status == 403
    assert get(served, "ASK { ?s ?p ?o }").body == b'{"head": {}, "boolean": true}'
    assert canary.received() == []


@pytest.mark.server
@pytest.mark.slow
def test_http_endless_queries_stop_at_the_limit_and_the_server_keeps_serving(served):
    answers = []

    def endless():
        answers.append(get(served, ENDLESS, timeout=30))

    threads = [threading.Thread(target=endless) for _ in range(3)]
    for t in threads:
        t.start()
    # Meanwhile, with every worker busy, quick queries wait or are told to retry; never hang.
    quick = get(served, "ASK { ?s ?p ?o }", timeout=30)
    assert quick.status in (200, 503)
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "an endless query was never answered"
    assert [a.status for a in answers] == [503] * 3, [a.text for a in answers]
    assert all("time limit of 2 s" in a.text or "server busy" in a.text for a in answers), [a.text for a in answers]
    assert served.alive()
    # Killed workers are replaced: the server answers again.
    wait_until(lambda: get(served, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").status == 200, what="an answer after the runaways")


@pytest.mark.server
def test_http_results_past_the_size_limits_are_422(served):
    r = get(served, "SELECT * WHERE { ?s ?p ?o }")
    assert r.status == 422 and "more than 500 rows" in r.text
    wide = "CONCAT(" + ", ".join(["STR(?s)"] * 16) + ")"
    r = get(served, f"SELECT ?x WHERE {{ ?s ?p ?o BIND({wide} AS ?x) }} LIMIT 450")
    assert r.status == 422 and "larger than 200000 bytes" in r.text
    r = get(served, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", accept="text/turtle")
    assert r.status == 422
    r = http("GET", served.url + "store", headers={"Accept": "application/n-quads"})
    assert r.status == 422


@pytest.mark.server
@pytest.mark.slow
def test_http_writable_endpoint_refuses_load_and_parameters_cannot_inject(gold_dir, tmp_path_factory, canary):
    server = KgServe(copy_store(gold_dir, tmp_path_factory, "writable"), "--allow-update", "--timeout", "5")
    try:
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        before = get(server, count).body
        for update in (f"LOAD <{canary.url}data.ttl>", f"LOAD SILENT <{canary.url}x> INTO GRAPH <urn:g>",
                       f"INSERT {{ GRAPH <urn:g> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{canary.url}sparql> {{ ?s ?p ?o }} }}",
                       f"INSERT {{ GRAPH <urn:g> {{ ?s ?p ?o }} }} USING <{canary.url}data.ttl> WHERE {{ ?s ?p ?o }}"):
            r = http("POST", server.sparql, body=update.encode(), headers={"Content-Type": "application/sparql-update"})
            assert r.status == 400, (update, r.text)
        with open_store(server.url) as remote:
            for value in (INJECTION, f'"{INJECTION}"', f"'> {INJECTION} <'"):
                with pytest.raises(NameNotFound):  # a value is a name to look up, never query text
                    run_query(remote, "cast", {"series": value})
        assert get(server, count).body == before
        assert canary.received() == []
    finally:
        server.stop()
