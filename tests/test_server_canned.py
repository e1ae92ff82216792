"""Canned queries over HTTP (/queries/NAME): the CLI's binding, content negotiation, errors, limits."""

import csv
import io
import json
import urllib.parse

import pytest
from helpers import copy_store, http, start_server

from kg.query import canned_queries, format_result, run_query

pytestmark = pytest.mark.server

#: One parameter set per canned query (None: run without parameters).
PARAMS = {
    "based-on": {"author": "Michael Connelly"},
    "cast": {"series": "Ballard"},
    "franchise-people": {"franchise": "Bosch universe"},
    "franchise-works": {},
    "producers": {"work": "Ballard"},
    "provenance": {"subject": "Maggie Q", "relation": "portrays"},
}


def url(server, path, params=None):
    return server.url.rstrip("/") + path + ("?" + urllib.parse.urlencode(params) if params else "")


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_every_canned_query_has_a_case():
    assert set(PARAMS) == set(canned_queries())


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_same_rows_as_the_cli(served, gold_store, name):
    r = http("GET", url(served, f"/queries/{name}.csv", PARAMS[name]))
    assert r.status == 200, r.text
    assert r.ctype == "text/csv"
    expected = csv_rows(format_result(run_query(gold_store, name, PARAMS[name]), "csv"))
    assert csv_rows(r.text) == expected
    assert len(expected) > 1


def test_parameter_filters(served):
    every = csv_rows(http("GET", url(served, "/queries/cast.csv")).text)
    ballard = csv_rows(http("GET", url(served, "/queries/cast.csv", {"series": "Ballard"})).text)
    assert len(ballard) < len(every)
    assert {row[0] for row in ballard[1:]} == {"Ballard"}


@pytest.mark.parametrize(
    "accept, ctype",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        (None, "application/sparql-results+json"),
    ],
)
def test_content_negotiation(served, accept, ctype):
    r = http("GET", url(served, "/queries/cast", {"series": "Ballard"}), headers={"Accept": accept} if accept else {})
    assert r.status == 200 and r.ctype == ctype
    assert "Maggie Q" in r.text


@pytest.mark.parametrize("suffix, ctype", [("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"), ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_suffix_wins_over_accept(served, suffix, ctype):
    r = http("GET", url(served, f"/queries/cast.{suffix}", {"series": "Ballard"}), headers={"Accept": "text/csv" if suffix != "csv" else "application/json"})
    assert r.status == 200 and r.ctype == ctype


def test_json_keeps_select_order_and_drops_the_parameter(served):
    data = json.loads(http("GET", url(served, "/queries/cast.json", {"series": "Ballard"})).body)
    assert data["head"]["vars"] == ["work", "work_iri", "actor", "actor_iri", "character", "character_iri", "announcements"]
    maggie = next(b for b in data["results"]["bindings"] if b["actor"]["value"] == "Maggie Q")
    assert maggie["actor_iri"]["type"] == "uri"


def test_unknown_query_is_404_in_one_line(served):
    r = http("GET", url(served, "/queries/no-such-query"))
    assert r.status == 404
    assert r.text.count("\n") == 1 and "no canned query named 'no-such-query'" in r.text


def test_options_on_an_unknown_query_is_404(served):
    assert http("OPTIONS", url(served, "/queries/no-such-query")).status == 404
    assert http("OPTIONS", url(served, "/queries/cast")).status == 204


def test_unknown_format_is_404(served):
    assert http("GET", url(served, "/queries/cast.txt")).status == 404


@pytest.mark.parametrize(
    "params, message",
    [
        ({"seriez": "Ballard"}, "unknown parameter 'seriez'"),
        ({"series": "Balard"}, "parameter series: no entity named 'Balard'"),
        ({"series": "The Lincoln Lawyer"}, "parameter series: 'The Lincoln Lawyer' names 2 entities"),
        ({"series": ""}, "parameter series:"),
    ],
)
def test_bad_parameter_is_400_naming_it(served, params, message):
    r = http("GET", url(served, "/queries/cast", params))
    assert r.status == 400
    assert message in r.text and r.text.count("\n") == 1


def test_parameter_given_twice_is_400(served):
    r = http("GET", url(served, "/queries/cast") + "?series=Ballard&series=Bosch")
    assert r.status == 400 and "more than once" in r.text


def test_injection_in_a_parameter_matches_nothing(served):
    r = http("GET", url(served, "/queries/cast", {"series": '"} ; DROP ALL ; {"'}))
    assert r.status == 400 and "no entity named" in r.text
    assert http("GET", url(served, "/queries/cast.csv", {"series": "Ballard"})).status == 200


def test_write_methods_are_refused(served):
    r = http("POST", url(served, "/queries/cast"), b"")
    assert r.status == 405 and "GET" in r.headers["allow"]


def test_list_of_canned_queries(served):
    r = http("GET", url(served, "/queries"))
    assert r.status == 200 and r.ctype == "application/json"
    listed = {q["name"]: q for q in json.loads(r.body)}
    assert set(listed) == set(canned_queries())
    assert list(listed["provenance"]["params"]) == ["subject", "relation", "object"]
    assert listed["cast"]["url"] == "/queries/cast"


def test_graph_view_of_a_canned_result(served):
    r = http("GET", url(served, "/queries/cast/graph", {"series": "Ballard"}))
    assert r.status == 200 and r.ctype == "text/html"
    assert "Maggie Q" in r.text and "Titus Welliver" in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_the_row_limit_applies(gold_dir, tmp_path_factory):
    server = start_server(copy_store(gold_dir, tmp_path_factory, "canned-limits"), max_rows=3)
    try:
        r = http("GET", url(server, "/queries/cast", {"series": "Ballard"}))
        assert r.status == 422 and "more than 3 rows" in r.text
    finally:
        server.close()
