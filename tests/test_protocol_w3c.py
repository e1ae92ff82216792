"""The W3C SPARQL Protocol test suite, run against a real kg serve.

Source: w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl (the 34 SPARQL 1.1
tests) plus the revision described in sparql12-protocol-test.md of the same
directory (48 tests: the 12 SPARQL 1.2 tests -- version parameter, content
negotiation, BASE -- and bad_update_form_body_missing, query_post_form_dataset,
bad_multiple_queries_form). Requests are the manifest's, byte for byte; before
each test its ``ut:graphData`` (data1..3.nt: one ``foaf:Document`` typing triple
each, in the graph named by the file's .rdf IRI) is loaded with Graph Store PUTs,
as the suite's runner does.

One deliberate reading: the manifest's ``query_multiple_dataset`` URL encodes
the ``&`` between its two named-graph-uri parameters (``%26``), which makes one
parameter whose value is an odd IRI; its expected ``true`` only holds for the two
graphs the test means, so it is run with two parameters (and the literal URL is
checked to be answered, as one IRI, in ``test_query_multiple_dataset_literal``).
"""

import urllib.parse

import pytest
from helpers import http, start_server

DATA = "http://kasei.us/2009/09/sparql/data/"
D0, D1, D2, D3 = (f"{DATA}data{i}.rdf" for i in range(4))
FOAF_DOC = "<http://xmlns.com/foaf/0.1/Document>"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RESULT_TYPES = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv", "text/tab-separated-values"}
BOOLEAN_TYPES = {"application/sparql-results+xml", "application/sparql-results+json"}
RDF_TYPES = {"application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json"}

pytestmark = pytest.mark.server


def enc(value):
    return urllib.parse.quote(value, safe="")


@pytest.fixture(scope="module")
def w3c_server(tmp_path_factory):
    location = tmp_path_factory.mktemp("w3c") / "store"
    location.mkdir()
    server = start_server(str(location), allow_update=True, timeout=10)
    yield server
    server.close()


@pytest.fixture
def endpoint(w3c_server):
    """Runs requests as the manifest writes them: path relative to the server root."""

    class Endpoint:
        def load(self, *graphs):
            for i, iri in enumerate(graphs):
                body = f"<{iri}> {TYPE} {FOAF_DOC} .\n".encode()
                r = http("PUT" if i == 0 else "POST", f"{w3c_server.url}store?graph={enc(iri)}", body, {"Content-Type": "application/n-triples"})
                assert r.status in (201, 204), r.text

        def request(self, method, path, body=None, headers=None):
            if isinstance(body, str):
                body = body.encode("utf-8")
            return http(method, w3c_server.url.rstrip("/") + path, body, headers or {})

    e = Endpoint()
    # Each test starts from its own graphData only.
    assert e.request("POST", "/sparql/", "DROP ALL", {"Content-Type": "application/sparql-update"}).status == 204
    return e


def boolean(r):
    assert 200 <= r.status < 400, r.text
    assert r.ctype in BOOLEAN_TYPES
    if r.ctype == "application/sparql-results+json":
        import json

        return json.loads(r.body)["boolean"]
    return "<boolean>true</boolean>" in r.text


def ok(r):
    assert 200 <= r.status < 400, r.text
    return r


def bad(r):
    assert 400 <= r.status < 500, (r.status, r.text)
    assert r.text.strip(), "a 4xx answer carries a readable message"
    return r


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
QUERY = {"Content-Type": "application/sparql-query"}
UPDATE = {"Content-Type": "application/sparql-update"}
ASK_D1_D2 = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
ASK_NAMED = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"


# --- SPARQL 1.1 (34) ---------------------------------------------------------------


def test_query_post_form(endpoint):
    assert boolean(endpoint.request("POST", f"/sparql/?default-graph-uri={enc(D0)}", "query=ASK%20%7B%7D", FORM)) is True


def test_query_dataset_default_graphs_get(endpoint):
    endpoint.load(D1, D2)
    path = f"/sparql/?query={enc(ASK_D1_D2)}&default-graph-uri={enc(D1)}&default-graph-uri={enc(D2)}"
    assert boolean(endpoint.request("GET", path)) is True


def test_query_dataset_default_graphs_post(endpoint):
    endpoint.load(D1, D2)
    assert boolean(endpoint.request("POST", f"/sparql/?default-graph-uri={enc(D1)}&default-graph-uri={enc(D2)}", ASK_D1_D2, QUERY)) is True


def test_query_dataset_named_graphs_post(endpoint):
    endpoint.load(D1, D2)
    assert boolean(endpoint.request("POST", f"/sparql/?named-graph-uri={enc(D1)}&named-graph-uri={enc(D2)}", ASK_NAMED, QUERY)) is True


def test_query_dataset_named_graphs_get(endpoint):
    endpoint.load(D1, D2)
    path = f"/sparql/?query={enc(ASK_NAMED)}&named-graph-uri={enc(D1)}&named-graph-uri={enc(D2)}"
    assert boolean(endpoint.request("GET", path)) is True


def test_query_dataset_full(endpoint):
    endpoint.load(D1, D2, D3)
    query = f"ASK {{\n  <{D3}> a ?type\n  GRAPH ?g1 {{ <{D1}> a ?type }}\n  GRAPH ?g2 {{ <{D2}> a ?type }}\n}}"
    path = f"/sparql/?default-graph-uri={enc(D3)}&named-graph-uri={enc(D1)}&named-graph-uri={enc(D2)}"
    assert boolean(endpoint.request("POST", path, query, QUERY)) is True


MULTIPLE_DATASET = f"ASK FROM <{D3}> {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"


def test_query_multiple_dataset(endpoint):
    endpoint.load(D1, D2, D3)
    # The protocol's named graphs replace the query's FROM: the default graph is empty.
    assert boolean(endpoint.request("POST", f"/sparql/?named-graph-uri={enc(D1)}&named-graph-uri={enc(D2)}", MULTIPLE_DATASET, QUERY)) is True
    assert boolean(endpoint.request("POST", f"/sparql/?named-graph-uri={enc(D1)}", MULTIPLE_DATASET, QUERY)) is False


def test_query_multiple_dataset_literal(endpoint):
    endpoint.load(D1, D2, D3)
    path = f"/sparql/?named-graph-uri={enc(D1 + '&named-graph-uri=' + D2)}"
    assert boolean(endpoint.request("POST", path, MULTIPLE_DATASET, QUERY)) is False


def test_query_get(endpoint):
    assert boolean(endpoint.request("GET", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={enc(D0)}")) is True


def test_query_content_type_select(endpoint):
    r = ok(endpoint.request("POST", f"/sparql/?default-graph-uri={enc(D0)}", "SELECT (1 AS ?value) {}", QUERY))
    assert r.ctype in RESULT_TYPES


def test_query_content_type_ask(endpoint):
    r = ok(endpoint.request("POST", f"/sparql/?default-graph-uri={enc(D0)}", "ASK {}", QUERY))
    assert r.ctype in BOOLEAN_TYPES


def test_query_content_type_describe(endpoint):
    r = ok(endpoint.request("POST", f"/sparql/?default-graph-uri={enc(D0)}", "DESCRIBE <http://example.org/>", QUERY))
    assert r.ctype in RDF_TYPES


def test_query_content_type_construct(endpoint):
    r = ok(endpoint.request("POST", f"/sparql/?default-graph-uri={enc(D0)}", "CONSTRUCT { <s> <p> 1 } WHERE {}", QUERY))
    assert r.ctype in RDF_TYPES


PREFIXES = "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
INSERT_THREE = f"""INSERT DATA {{
    GRAPH <{D1}> {{ <{D1}> a foaf:Document }}
    GRAPH <{D2}> {{ <{D2}> a foaf:Document }}
    GRAPH <{D3}> {{ <{D3}> a foaf:Document }}
}} ;
"""


def check_graphs(endpoint, graph):
    return boolean(
        endpoint.request(
            "POST",
            "/sparql/",
            f"""ASK {{
    GRAPH <{graph}> {{
        <{D1}> a <http://purl.org/dc/terms/BibliographicResource> .
        <{D2}> a <http://purl.org/dc/terms/BibliographicResource> .
    }}
    FILTER NOT EXISTS {{ GRAPH <{graph}> {{ <{D3}> a <http://purl.org/dc/terms/BibliographicResource> . }} }}
}}""",
            QUERY,
        )
    )


def test_update_dataset_default_graph(endpoint):
    update = (
        PREFIXES
        + f"CLEAR ALL ;\nINSERT DATA {{\n    GRAPH <{D1}> {{\n        <{D1}> a foaf:Document\n    }}\n}} ;\n"
        + "INSERT {\n    GRAPH <http://example.org/protocol-update-dataset-test/> {\n        ?s a dc:BibliographicResource\n    }\n}\nWHERE {\n    ?s a foaf:Document\n}"
    )
    ok(endpoint.request("POST", f"/sparql/?using-graph-uri={enc(D1)}", update, UPDATE))
    ask = f"ASK {{\n    GRAPH <http://example.org/protocol-update-dataset-test/> {{\n        <{D1}> a <http://purl.org/dc/terms/BibliographicResource>\n    }}\n}}"
    assert boolean(endpoint.request("POST", "/sparql/", ask, QUERY)) is True


def test_update_dataset_default_graphs(endpoint):
    graph = "http://example.org/protocol-update-dataset-graphs-test/"
    update = PREFIXES + "DROP ALL ;\n" + INSERT_THREE + f"INSERT {{\n    GRAPH <{graph}> {{\n        ?s a dc:BibliographicResource\n    }}\n}}\nWHERE {{\n    ?s a foaf:Document\n}}"
    ok(endpoint.request("POST", f"/sparql/?using-graph-uri={enc(D1)}&using-graph-uri={enc(D2)}", update, UPDATE))
    assert check_graphs(endpoint, graph) is True


def test_update_dataset_named_graphs(endpoint):
    graph = "http://example.org/protocol-update-dataset-named-graphs-test/"
    update = PREFIXES + "DROP ALL ;\n" + INSERT_THREE + f"INSERT {{\n    GRAPH <{graph}> {{\n        ?s a dc:BibliographicResource\n    }}\n}}\nWHERE {{\n    GRAPH ?g {{\n        ?s a foaf:Document\n    }}\n}}"
    ok(endpoint.request("POST", f"/sparql/?using-named-graph-uri={enc(D1)}&using-named-graph-uri={enc(D2)}", update, UPDATE))
    assert check_graphs(endpoint, graph) is True


def test_update_dataset_full(endpoint):
    graph = "http://example.org/protocol-update-dataset-full-test/"
    update = (
        PREFIXES
        + "DROP ALL ;\n"
        + INSERT_THREE
        + f"""INSERT {{
    GRAPH <{graph}> {{
        ?s <http://example.org/in> ?in
    }}
}}
WHERE {{
    {{
        GRAPH ?g {{ ?s a foaf:Document }}
        BIND(?g AS ?in)
    }}
    UNION
    {{
        ?s a foaf:Document .
        BIND("default" AS ?in)
    }}
}}"""
    )
    ok(endpoint.request("POST", f"/sparql/?using-graph-uri={enc(D1)}&using-named-graph-uri={enc(D2)}", update, UPDATE))
    ask = f"""ASK {{
    GRAPH <{graph}> {{
        <{D1}> <http://example.org/in> "default" .
        <{D2}> <http://example.org/in> <{D2}> .
    }}
    FILTER NOT EXISTS {{ GRAPH <{graph}> {{ <{D3}> ?p ?o }} }}
}}"""
    assert boolean(endpoint.request("POST", "/sparql/", ask, QUERY)) is True


def test_update_post_form(endpoint):
    ok(endpoint.request("POST", "/sparql/", "update=CLEAR+ALL", FORM))


def test_update_post_direct(endpoint):
    ok(endpoint.request("POST", "/sparql/", "CLEAR ALL", UPDATE))


BASE_GRAPH = "http://example.org/protocol-base-test/"


def test_update_base_uri(endpoint):
    ok(endpoint.request("POST", "/sparql/", f"CLEAR GRAPH <{BASE_GRAPH}> ;\nINSERT DATA {{ GRAPH <{BASE_GRAPH}> {{ <http://example.org/s> <http://example.org/p> <test> }} }}", UPDATE))
    r = ok(endpoint.request("POST", "/sparql/", f"SELECT ?o WHERE {{\n    GRAPH <{BASE_GRAPH}> {{\n        <http://example.org/s> <http://example.org/p> ?o\n    }}\n}}", QUERY))
    assert r.ctype in RESULT_TYPES
    ask = f'ASK {{ GRAPH <{BASE_GRAPH}> {{ <http://example.org/s> <http://example.org/p> ?o }} FILTER(isIRI(?o) && STR(?o) != "test") }}'
    assert boolean(endpoint.request("POST", "/sparql/", ask, QUERY)) is True


def test_query_post_direct(endpoint):
    assert boolean(endpoint.request("POST", "/sparql/", "ASK {}", QUERY)) is True


def test_bad_query_method(endpoint):
    bad(endpoint.request("PUT", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={enc(D0)}", b"", FORM))


def test_bad_multiple_queries(endpoint):
    bad(endpoint.request("GET", "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D"))


def test_bad_query_wrong_media_type(endpoint):
    bad(endpoint.request("POST", "/sparql/", "ASK {}", {"Content-Type": "text/plain"}))


def test_bad_query_missing_form_type(endpoint):
    bad(endpoint.request("POST", "/sparql/", "query=ASK%20%7B%7D"))


def test_bad_query_missing_direct_type(endpoint):
    bad(endpoint.request("POST", "/sparql/", "ASK {}"))


def test_bad_query_non_utf8(endpoint):
    bad(endpoint.request("POST", "/sparql/", "ASK {}".encode("utf-16"), {"Content-Type": "application/sparql-query; charset=UTF-16"}))


def test_bad_query_syntax(endpoint):
    bad(endpoint.request("GET", "/sparql/?query=ASK%20%7B"))


def test_bad_update_get(endpoint):
    bad(endpoint.request("GET", "/sparql/?update=CLEAR%20ALL"))


def test_bad_multiple_updates(endpoint):
    bad(endpoint.request("POST", "/sparql/", "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", FORM))


def test_bad_update_wrong_media_type(endpoint):
    bad(endpoint.request("POST", "/sparql/", "CLEAR NAMED", {"Content-Type": "text/plain"}))


def test_bad_update_missing_form_type(endpoint):
    bad(endpoint.request("POST", "/sparql/", "update=CLEAR%20NAMED"))


def test_bad_update_non_utf8(endpoint):
    bad(endpoint.request("POST", "/sparql/", "CLEAR NAMED".encode("utf-16"), {"Content-Type": "application/sparql-update; charset=UTF-16"}))


def test_bad_update_syntax(endpoint):
    bad(endpoint.request("POST", "/sparql/", "update=CLEAR%20XYZ", FORM))


def test_bad_update_dataset_conflict(endpoint):
    update = "PREFIX foaf:  <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\nDELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\nWHERE {\n    ?person foaf:givenName 'Bill'\n}"
    bad(endpoint.request("POST", f"/sparql/?using-named-graph-uri={enc('http://example/people')}", update, UPDATE))


# --- SPARQL 1.2 additions (11) and the revision's new tests (3) ------------------------


def test_query_get_with_version(endpoint):
    assert boolean(endpoint.request("GET", "/sparql/?query=ASK%20%7B%7D&version=1.2")) is True


def test_query_post_direct_with_version_param(endpoint):
    assert boolean(endpoint.request("POST", "/sparql/", "ASK {}", {"Content-Type": "application/sparql-query; version=1.2"})) is True


def test_update_post_form_with_version(endpoint):
    ok(endpoint.request("POST", "/sparql/", "update=CLEAR+ALL&version=1.2", FORM))


def test_update_post_direct_with_version_param(endpoint):
    ok(endpoint.request("POST", "/sparql/", "CLEAR ALL", {"Content-Type": "application/sparql-update; version=1.2"}))


def test_bad_query_multiple_versions(endpoint):
    bad(endpoint.request("GET", "/sparql/?query=ASK%20%7B%7D&version=1.2&version=1.1"))


def test_bad_update_multiple_versions(endpoint):
    bad(endpoint.request("POST", "/sparql/", "update=CLEAR+ALL&version=1.2&version=1.1", FORM))


def test_bad_query_get_with_body(endpoint):
    bad(endpoint.request("GET", "/sparql/?query=ASK%20%7B%7D", "ASK {}", QUERY))


def test_query_content_negotiation_xml(endpoint):
    r = ok(endpoint.request("GET", "/sparql/?query=ASK%20%7B%7D", None, {"Accept": "application/sparql-results+xml"}))
    assert r.ctype == "application/sparql-results+xml"
    assert boolean(r) is True


def test_query_content_negotiation_json(endpoint):
    r = ok(endpoint.request("GET", "/sparql/?query=ASK%20%7B%7D", None, {"Accept": "application/sparql-results+json"}))
    assert r.ctype == "application/sparql-results+json"
    assert boolean(r) is True


def test_query_dataset_default_graph(endpoint):
    endpoint.load(D1)
    assert boolean(endpoint.request("GET", f"/sparql/?query={enc(f'ASK {{ <{D1}> a ?type }}')}&default-graph-uri={enc(D1)}")) is True


def test_query_base_uri(endpoint):
    ok(endpoint.request("POST", "/sparql/", f"INSERT DATA {{ GRAPH <{BASE_GRAPH}> {{ <http://example.org/s> <http://example.org/p> <http://example.org/o> }} }}", UPDATE))
    ask = "BASE <http://example.org/>\nASK { GRAPH <protocol-base-test/> { <s> <p> <o> } }"
    assert boolean(endpoint.request("POST", "/sparql/", ask, QUERY)) is True


def test_bad_update_form_body_missing(endpoint):
    bad(endpoint.request("POST", "/sparql/?update=CLEAR%20ALL", b"", FORM))


def test_query_post_form_dataset(endpoint):
    endpoint.load(D1)
    body = f"query={enc(f'ASK {{ <{D1}> a ?type }}')}&default-graph-uri={enc(D1)}"
    assert boolean(endpoint.request("POST", "/sparql/", body, FORM)) is True


def test_bad_multiple_queries_form(endpoint):
    bad(endpoint.request("POST", "/sparql/", "query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", FORM))


def test_the_suite_has_48_tests():
    names = [n for n in globals() if n.startswith("test_") and n not in ("test_the_suite_has_48_tests", "test_query_multiple_dataset_literal")]
    assert len(names) == 48
