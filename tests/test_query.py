"""Canned queries, safe parameters and result formats."""

import csv
import io
import json

import pytest

from kg.errors import QueryError
from kg.query import canned_queries, format_result, parse_param, run_query


def test_canned_queries_are_described():
    canned = canned_queries()
    assert {"cast", "based-on", "franchise-people", "producers", "provenance"} <= set(canned)
    for q in canned.values():
        assert q.description, q.name


def test_cast_of_ballard(gold_store):
    rows = run_query(gold_store, "cast", {"series": "Ballard"}).values()
    assert {"work": "Ballard", "actor": "Maggie Q", "character": "Renée Ballard"}.items() <= next(r for r in rows if r["actor"] == "Maggie Q").items()
    assert all(r["work"] == "Ballard" for r in rows)
    maggie = next(r for r in rows if r["actor"] == "Maggie Q")
    assert "ballard-s2-renewal" in maggie["announcements"]


def test_parameter_matching_ignores_case_and_accents_in_aliases(gold_store):
    assert run_query(gold_store, "cast", {"series": "ballard"}).rows == run_query(gold_store, "cast", {"series": "BALLARD"}).rows


def test_provenance_names_the_announcement(gold_store):
    rows = run_query(gold_store, "provenance", {"subject": "Maggie Q", "relation": "portrays", "object": "Renée Ballard"}).values()
    assert {r["announcement"] for r in rows} >= {"ballard-s2-renewal"}
    assert all(r["file"] for r in rows)


def test_based_on_and_producers(gold_store):
    books = run_query(gold_store, "based-on", {"author": "Michael Connelly"}).values()
    assert any(r["work"] == "Bosch" for r in books)
    assert all(r["writer"] == "Michael Connelly" for r in books)
    producers = run_query(gold_store, "producers", {"work": "Ballard"}).values()
    assert {"credit": "showrunner", "name": "Michael Alaimo"}.items() <= next(r for r in producers if r["name"] == "Michael Alaimo" and r["credit"] == "showrunner").items()


def test_injection_in_a_parameter_is_only_a_string(gold_store):
    before = len(gold_store)
    with pytest.raises(QueryError, match="no entity named"):
        run_query(gold_store, "cast", {"series": '"} ; DROP ALL ; {"'})
    assert run_query(gold_store, "SELECT ?v WHERE { }", {"v": '"} ; DROP ALL ; {"'}).values() == [{"v": '"} ; DROP ALL ; {"'}]
    assert len(gold_store) == before


def test_unknown_query_and_parameter():
    with pytest.raises(QueryError, match="is not a canned query"):
        run_query(None, "no-such-query")
    with pytest.raises(QueryError, match="unknown parameter 'seriez'"):
        from kg.store import open_store

        run_query(open_store(":memory:"), "cast", {"seriez": "x"})


def test_syntax_error_is_one_line(memory_store):
    with pytest.raises(QueryError, match="SPARQL syntax error") as e:
        run_query(memory_store, "SELECT * WHERE {")
    assert "\n" not in str(e.value)


def test_param_types():
    assert parse_param("n=3")[1].datatype.value.endswith("#integer")
    assert parse_param("w=<http://example.org/x>")[1].value == "http://example.org/x"
    with pytest.raises(QueryError):
        parse_param("no-equals-sign")


def test_formats(gold_store):
    result = run_query(gold_store, "cast", {"series": "Ballard"})
    table = format_result(result, "table")
    assert "Maggie Q" in table and table.endswith(f"({len(result)} rows)")
    rows = list(csv.DictReader(io.StringIO(format_result(result, "csv"))))
    assert len(rows) == len(result)
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"] == result.columns
    assert format_result(gold_store.query("ASK { ?s ?p ?o }"), "json") == '{"head": {}, "boolean": true}'


def test_franchise_people_spans_spinoffs_and_shared_characters(gold_store):
    rows = {r["person"]: r for r in run_query(gold_store, "franchise-people", {"franchise": "Bosch universe"}).values()}
    assert int(rows["Titus Welliver"]["works"]) == 3
    assert set(rows["Titus Welliver"]["titles"].split(", ")) == {"Bosch", "Bosch: Legacy", "Ballard"}
    works = run_query(gold_store, "franchise-works").values()
    assert works[0]["universe"] == "Bosch universe"
