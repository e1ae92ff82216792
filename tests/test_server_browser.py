"""The query page of kg serve in headless Chromium: examples, table, graph view, no network, no injection."""

import pyoxigraph as ox
import pytest
from helpers import copy_store, start_server

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


def test_canned_example_with_parameter(page):
    page, record = page
    page.click("#examples button[data-name=cast]")
    assert "performanceIn" in page.input_value("#query")
    page.fill("#params input[data-param=series]", "Ballard")
    result = run(page)
    assert result["rows"] > 0
    cells = page.locator("#results td").all_text_contents()
    assert "Maggie Q" in cells
    assert record["errors"] == []


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
