"""The query page of kg serve in headless Chromium: examples, table, graph view, no network, no injection."""

import csv
import io
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from helpers import copy_store, start_server

from kg.cli import main
from kg.query import compact_iri
from kg.store import EmbeddedStore

pytestmark = [pytest.mark.browser, pytest.mark.server]

EVIL = "http://example.org/evil"
HOSTILE = '<img src=x onerror="alert(1)"></td><script>alert(2)</script>'


@pytest.fixture(scope="module")
def page_server(gold_dir, tmp_path_factory):
    location = copy_store(gold_dir, tmp_path_factory, "page")
    store = EmbeddedStore(location)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    store.replace_graph("http://example.org/hostile", [ox.Quad(ox.NamedNode(EVIL), label, ox.Literal(HOSTILE), ox.DefaultGraph())])
    store.close()
    server = start_server(location, timeout=60)
    yield server
    server.close()


@pytest.fixture
def page(chromium, page_server):
    context = chromium.new_context()
    page = context.new_page()
    record = {"external": [], "errors": [], "dialogs": []}
    origin = page_server.url.rstrip("/")

    def route(r):
        if r.request.url.startswith((origin, "data:", "about:", "blob:")):
            r.continue_()
        else:
            record["external"].append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.on("dialog", lambda d: (record["dialogs"].append(d.message), d.dismiss()))
    page.goto(page_server.url)
    page.wait_for_function("() => window.kgPage && window.kgPage.ready")
    yield page, record
    context.close()
    assert record["external"] == []
    assert record["dialogs"] == []


def run(page):
    page.evaluate("window.kgPage.lastResult = null")
    page.click("#run")
    page.wait_for_function("() => window.kgPage.lastResult !== null", timeout=60_000)
    return page.evaluate("window.kgPage.lastResult")


def table(page):
    """The result table on screen: header and rows of cell texts."""
    return page.evaluate("() => Array.from(document.querySelectorAll('#results tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent))")


def cli_rows(gold_dir, *args):
    """``kg query ... --format csv`` on the same build: header and rows."""
    r = CliRunner().invoke(main, ["query", *args, "--format", "csv", "--store", str(gold_dir)])
    assert r.exit_code == 0, r.output
    return list(csv.reader(io.StringIO(r.output)))


def shown_as_in_a_table(rows):
    """CLI CSV rows with IRIs as prefixed names, as the page shows them."""
    return [rows[0]] + [[compact_iri(v) if v.startswith("http") else v for v in row] for row in rows[1:]]


def test_canned_query_with_a_parameter_shows_the_cli_rows(page, gold_dir):
    page, record = page
    page.click("#examples button[data-name=cast]")
    assert "performanceIn" in page.input_value("#query")
    page.fill("#params input[data-param=series]", "Ballard")
    expected = cli_rows(gold_dir, "cast", "--param", "series=Ballard")
    assert run(page) == {"rows": len(expected) - 1}
    assert table(page) == shown_as_in_a_table(expected)
    assert {row[0] for row in table(page)[1:]} == {"Ballard"}
    assert "kgr:person/maggie-q" in page.locator("#results td").all_text_contents()
    assert record["errors"] == []


def test_bad_parameter_names_it_and_clears_the_table(page):
    page, _ = page
    page.click("#examples button[data-name=cast]")
    assert run(page)["rows"] > 0
    page.fill("#params input[data-param=series]", "Balard")
    assert run(page) == {"error": 400}
    assert "parameter series: no entity named 'Balard'" in page.text_content("#status")
    assert page.locator("#results tr").count() == 0


def test_columns_sort(page):
    page, record = page
    page.click("#examples button[data-name=cast]")
    page.fill("#params input[data-param=series]", "Ballard")
    run(page)
    before = [row[4] for row in table(page)[1:]]  # in the query's order: by actor
    page.click("#results th >> text=character")
    assert page.get_attribute("#results th[data-col='4']", "aria-sort") == "ascending"
    characters = [row[4] for row in table(page)[1:]]
    assert characters == sorted(before, key=str.casefold) != before
    page.click("#results th >> text=character")
    assert [row[4] for row in table(page)[1:]] == characters[::-1]
    assert page.get_attribute("#results th[data-col='4']", "aria-sort") == "descending"
    assert record["errors"] == []


def test_numbers_sort_as_numbers(page):
    page, _ = page
    page.fill("#query", "SELECT ?n WHERE { VALUES ?n { 10 9 100 } }")
    run(page)
    page.click("#results th >> text=n")
    assert [row[0] for row in table(page)[1:]] == ["9", "10", "100"]


def test_download_gives_the_cli_csv(page, gold_dir):
    page, _ = page
    page.click("#examples button[data-name=cast]")
    page.fill("#params input[data-param=series]", "Ballard")
    run(page)
    with page.expect_download() as download:
        page.click("#download-csv")
    assert download.value.suggested_filename == "cast.csv"
    text = open(download.value.path(), encoding="utf-8", newline="").read()
    assert list(csv.reader(io.StringIO(text))) == cli_rows(gold_dir, "cast", "--param", "series=Ballard")
    with page.expect_download() as download:
        page.click("#download-json")
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["head"]["vars"][:2] == ["work", "work_iri"] and len(data["results"]["bindings"]) == len(table(page)) - 1


def test_shared_url_restores_and_reruns(page, page_server):
    page, record = page
    page.click("#examples button[data-name=provenance]")
    page.fill("#params input[data-param=subject]", "Maggie Q")
    page.fill("#params input[data-param=relation]", "portrays")
    first = run(page)
    shared = page.url
    assert "canned=provenance" in shared and "subject=Maggie+Q" in shared
    assert page.get_attribute("#share", "href").endswith(shared.split(page_server.url.rstrip("/"))[1])
    rows = table(page)
    fresh = page.context.new_page()
    fresh.goto(shared)
    fresh.wait_for_function("() => window.kgPage && window.kgPage.lastResult !== null", timeout=60_000)
    assert fresh.evaluate("window.kgPage.lastResult") == first
    assert fresh.input_value("#params input[data-param=subject]") == "Maggie Q"
    assert table(fresh) == rows
    # Free SPARQL text is shared too.
    page.fill("#query", "SELECT ?w WHERE { ?w a kg:Series } ORDER BY ?w")
    run(page)
    fresh.goto(page.url)
    fresh.wait_for_function("() => window.kgPage && window.kgPage.lastResult !== null", timeout=60_000)
    assert fresh.input_value("#query") == "SELECT ?w WHERE { ?w a kg:Series } ORDER BY ?w"
    assert table(fresh) == table(page)
    assert record["errors"] == []


def test_select_star_keeps_the_query_order(page):
    page, _ = page
    page.fill("#query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    run(page)
    assert table(page)[0] == ["s", "p", "o"]


def test_an_error_clears_the_previous_table(page):
    page, _ = page
    page.fill("#query", "SELECT ?w WHERE { ?w a kg:Series }")
    assert run(page)["rows"] > 0
    page.fill("#query", "SELECT ?w WHERE { ?w a kg:Series ")
    assert run(page) == {"error": 400}
    assert page.locator("#results tr").count() == 0
    assert "syntax error" in page.text_content("#status")
    assert page.is_disabled("#download-csv")


def test_graph_view_of_a_canned_result_has_nodes(page):
    page, record = page
    page.click("#examples button[data-name=cast]")
    page.fill("#params input[data-param=series]", "Ballard")
    run(page)
    with page.expect_event("framenavigated", predicate=lambda f: f.name == "graph-frame" and "/queries/cast/graph" in f.url, timeout=60_000) as navigated:
        page.click("#graph")
    frame = navigated.value
    frame.wait_for_function("() => window.kgView && window.kgView.settled === true", timeout=60_000, polling=100)
    assert frame.evaluate("window.kgView.nodeCount") > 0
    assert "Maggie Q" in frame.content()
    assert record["errors"] == []


def test_highlighting_and_ctrl_enter(page):
    page, _ = page
    page.fill("#query", 'SELECT ?w WHERE { ?w rdfs:label "Ballard" } # a comment')
    kinds = page.evaluate("() => Object.fromEntries(Array.from(document.querySelectorAll('#highlight span')).map((s) => [s.textContent, s.className]))")
    assert kinds["SELECT"] == "t-kw" and kinds["?w"] == "t-var" and kinds["rdfs:label"] == "t-pn"
    assert kinds['"Ballard"'] == "t-str" and kinds["# a comment"] == "t-com"
    assert page.text_content("#highlight") == page.input_value("#query") + "\n"
    page.evaluate("window.kgPage.lastResult = null")
    page.focus("#query")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("() => window.kgPage.lastResult !== null", timeout=60_000)
    assert page.evaluate("window.kgPage.lastResult") == {"rows": 1}


def test_hostile_data_is_shown_as_text(page):
    page, record = page
    page.fill("#query", f"SELECT ?label WHERE {{ <{EVIL}> rdfs:label ?label }}")
    assert run(page) == {"rows": 1}
    assert page.locator("#results td").all_text_contents() == [HOSTILE]
    assert page.locator("#results img, #results script").count() == 0
    assert record["errors"] == []


def test_errors_are_shown(page):
    page, _ = page
    page.fill("#query", "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert run(page) == {"error": 400}
    assert "SERVICE is refused" in page.text_content("#status")


def test_graph_view_of_a_result(page):
    page, record = page
    page.fill("#query", "CONSTRUCT { ?w kg:basedOn ?b . ?b kg:author ?a } WHERE { ?w kg:basedOn ?b . ?b kg:author ?a }")
    assert run(page) == {"graph": True}
    with page.expect_event("framenavigated", predicate=lambda f: f.name == "graph-frame" and f.url.endswith("/graph"), timeout=60_000) as navigated:
        page.click("#graph")
    frame = navigated.value
    frame.wait_for_function("() => window.kgView && window.kgView.settled === true", timeout=60_000, polling=100)
    assert "Michael Connelly" in frame.content()
    assert record["errors"] == []
