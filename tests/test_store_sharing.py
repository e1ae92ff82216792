"""Reading commands on a store that `kg serve` holds, by its directory and by the URL it prints."""

import json

import pytest
from helpers import KgServe, build_gold, http, kg, one_line_errors

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
ADDED = "SELECT ?o { GRAPH ?g { <urn:kg-test:x> <urn:kg-test:p> ?o } }"


def rows(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["results"]["bindings"]


@pytest.fixture
def served(tmp_path):
    store = build_gold(str(tmp_path / "store"))
    server = KgServe(store, "--allow-update")
    try:
        yield store, server
    finally:
        server.stop()


def test_query_export_viz_read_a_store_kg_serve_holds(served, tmp_path):
    store, server = served
    before = rows(kg("query", COUNT, "--store", store, "--format", "json"))
    # A write through the server is seen by the next reader of the directory.
    r = http("POST", server.url + "update", b'INSERT DATA { GRAPH <https://example.org/kg/test> { <urn:kg-test:x> <urn:kg-test:p> "added" } }',
             {"Content-Type": "application/sparql-update"})
    assert r.status in (200, 204), r.text
    assert [b["o"]["value"] for b in rows(kg("query", ADDED, "--store", store, "--format", "json"))] == ["added"]
    after = rows(kg("query", COUNT, "--store", store, "--format", "json"))
    assert int(after[0]["n"]["value"]) == int(before[0]["n"]["value"]) + 1
    exported = kg("export", "--store", store, "--format", "nquads", "-o", tmp_path / "all.nq")
    assert exported.returncode == 0, exported.stderr
    assert b"urn:kg-test:x" in (tmp_path / "all.nq").read_bytes()
    page = kg("viz", "--store", store, "--focus", "Harry Bosch", "-o", tmp_path / "bosch.html")
    assert page.returncode == 0, page.stderr
    assert "Harry Bosch" in (tmp_path / "bosch.html").read_text(encoding="utf-8")
    # Each reader's snapshot is gone when it ends; the server still answers.
    assert not [p.name for p in (tmp_path).iterdir() if ".kg-read-" in p.name]
    assert server.alive()


def test_writing_to_a_held_store_is_still_refused(served):
    store, _ = served
    r = kg("build", "--store", store, "--no-outputs")
    assert r.returncode == 1
    assert one_line_errors(r.stderr) == [] and r.stderr.strip() == f"Error: store {store} is in use by another kg process (wait for it to finish, or use --store elsewhere)"


def test_store_accepts_the_sparql_url_kg_serve_prints(served):
    store, server = served
    assert server.sparql.endswith("/sparql")
    by_dir = kg("query", "cast", "--param", "series=Ballard", "--store", store, "--format", "csv")
    by_url = kg("query", "cast", "--param", "series=Ballard", "--store", server.sparql, "--format", "csv")
    assert by_url.returncode == 0, by_url.stderr
    assert by_url.stdout == by_dir.stdout and by_url.stdout.count("\n") > 2
    exported = kg("export", "--store", server.sparql, "--format", "json")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["nodes"]
