"""Case 5: hostile names end to end, facts file -> ``kg build`` / ``kg serve`` -> HTML in headless Chromium.

No script from the data runs (no dialog, no console error, no page error, no
request leaves the page) and the names show literally in search results and tooltips.
"""

import json
import urllib.parse

import pytest

from browser import open_page, wait_settled
from kg.facts import Announcement, Entity, Fact, FactsFile, save_facts
from helpers import KgServe, cli, http

pytestmark = pytest.mark.browser

# Names with control or bidi control characters are refused by validation (tests/test_failures.py).
HOSTILE = [
    "<script>alert('name')</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(2)>',
    "</script><script>window.__pwned=1;alert(3)</script>",
    "O'Neil & \"Q\" <b>bold</b>",
    "\u200fmark and \u00a0no-break",
    "{{data}} ${alert(4)} javascript:alert(5)",
]


def hostile_facts(path):
    entities = {"show": Entity("show", "Series", "<i>Show</i> onmouseover=alert(6)")}
    facts = []
    for i, name in enumerate(HOSTILE):
        entities[f"p{i}"] = Entity(f"p{i}", "Person", name, aliases=[f"<u>alias {i}</u>"])
        entities[f"c{i}"] = Entity(f"c{i}", "Character", f"Role {name}")
        facts += [Fact("show", "castMember", f"p{i}"), Fact(f"p{i}", "portrays", f"c{i}"), Fact(f"p{i}", "jobTitle", f"<marquee>{name}</marquee>")]
    ann = Announcement("hostile", title="<script>alert('title')</script>")
    save_facts(FactsFile(ann, entities, facts), path)
    return path


def check_page(chromium, path):
    with open_page(chromium, path) as record:
        page = record.page
        wait_settled(page)
        # No injected element exists (asserted below), so no injected handler can fire later.
        data = json.loads(page.evaluate("document.getElementById('kg-data').textContent"))
        labels = {n["label"] for n in data["nodes"]}
        assert set(HOSTILE) <= labels
        page.fill("#kg-search", "alert")
        results = page.locator("#kg-results li").all_text_contents()
        assert any(r.startswith("<script>alert('name')</script>") for r in results), results
        page.fill("#kg-search", "onerror")
        assert any(r.startswith(HOSTILE[1]) for r in page.locator("#kg-results li").all_text_contents())
        page.press("#kg-search", "Enter")
        assert HOSTILE[1] in page.locator("#kg-details").text_content()
        titles = {n["attrs"].get("jobTitle") for n in data["nodes"]}
        assert {f"<marquee>{name}</marquee>" for name in HOSTILE} <= titles
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.images.length") == 0
        assert page.evaluate("document.querySelectorAll('#kg-results script, #kg-details script, svg[onload], marquee, b, u, i').length") == 0
        assert record.dialogs == []
        assert record.console_errors == []
        assert record.page_errors == []
        assert record.external_requests == []


def test_kg_build_page_keeps_hostile_names_as_text(chromium, tmp_path):
    facts = hostile_facts(tmp_path / "in" / "hostile.facts.yaml")
    r = cli("build", facts, "--store", tmp_path / "store", "--out", tmp_path / "out")
    assert r.exit_code == 0, r.output
    check_page(chromium, tmp_path / "out" / "graph.html")
    r = cli("viz", "--store", tmp_path / "store", "--focus", HOSTILE[0], "-o", tmp_path / "focus.html")
    assert r.exit_code == 0, r.output
    with open_page(chromium, tmp_path / "focus.html") as record:
        wait_settled(record.page)
        assert record.dialogs == [] and record.console_errors == [] and record.page_errors == []


@pytest.mark.server
def test_kg_serve_graph_view_keeps_hostile_names_as_text(chromium, tmp_path):
    facts = hostile_facts(tmp_path / "in" / "hostile.facts.yaml")
    assert cli("build", facts, "--store", tmp_path / "store", "--no-outputs").exit_code == 0
    server = KgServe(tmp_path / "store")
    try:
        query = "SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isIRI(?o)) }"
        r = http("GET", server.url + "graph?" + urllib.parse.urlencode({"query": query}))
        assert r.status == 200 and r.ctype == "text/html"
        assert "default-src 'none'" in r.headers["content-security-policy"]
    finally:
        server.stop()
    page = tmp_path / "served.html"
    page.write_bytes(r.body)
    check_page(chromium, page)
