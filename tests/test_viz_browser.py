"""kg.viz pages in real headless Chromium: offline, drawn, inert against hostile labels, interactive."""

from contextlib import ExitStack

import pytest
from browser import open_page, wait_settled
from test_viz import EX, HOSTILE, big_graph, hostile_graph, sample_graph

from kg.viz import TYPE_STYLES, write_html

pytestmark = pytest.mark.browser

# Non-transparent pixels on the network canvas (the page background is the div's).
DRAWN_PIXELS = """() => {
  const c = document.querySelector('#kg-net canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let k = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k++;
  return k;
}"""

PIXEL_AT = """({x, y}) => {
  const c = document.querySelector('#kg-net canvas'), r = c.getBoundingClientRect();
  const ratio = c.width / r.width;
  return Array.from(c.getContext('2d').getImageData((x - r.left) * ratio, (y - r.top) * ratio, 1, 1).data.slice(0, 3));
}"""

# Centre the view on a node and return its page coordinates, clear of the side panels.
#: Resolves after the browser has drawn two more frames (a redraw asked for now has happened).
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
CENTRE_ON = """(label) => {
  const data = JSON.parse(document.getElementById('kg-data').textContent);
  const id = data.nodes.findIndex(n => n.label === label);
  const net = kgView.network;
  net.moveTo({position: net.getPositions([id])[id], scale: 1.5});
  const p = net.canvasToDOM(net.getPositions([id])[id]);
  const r = document.querySelector('#kg-net canvas').getBoundingClientRect();
  return {id, x: r.left + p.x, y: r.top + p.y};
}"""


@pytest.fixture
def show(chromium, tmp_path):
    """Write a graph's page, open it, wait for the layout; return the `PageRecord`."""
    with ExitStack() as stack:

        def show(G, **kw):
            path = tmp_path / "graph.html"
            write_html(G, path, **kw)
            record = stack.enter_context(open_page(chromium, path))
            wait_settled(record.page)
            return record

        yield show


def assert_quiet(record):
    assert record.external_requests == []
    assert record.console_errors == []
    assert record.page_errors == []
    assert record.dialogs == []


def test_page_draws_offline(show):
    G = sample_graph()
    record = show(G, title="Dune")
    page = record.page
    assert page.evaluate("[kgView.nodeCount, kgView.edgeCount]") == [len(G), G.number_of_edges()]
    assert page.evaluate("kgView.visibleNodeCount()") == len(G)
    assert page.evaluate("kgView.network.physics.physicsEnabled") is False
    assert page.evaluate("kgView.settleMs") > 0
    assert page.evaluate(DRAWN_PIXELS) > 2_000
    legend = page.locator("#kg-types li").all_inner_texts()
    assert len(legend) == len({t for _, t in G.nodes(data="type")})
    assert page.locator("#kg-types label", has_text="Person").locator(".kg-count").text_content() == "2"
    assert page.locator("#kg-banner").is_hidden()
    assert page.title() == "Dune"
    # colour by type: the middle of a Person node is the Person colour
    node = page.evaluate(CENTRE_ON, "Emily Watson")
    page.evaluate(NEXT_FRAMES)  # the view redraws on the next frame
    pixel = page.evaluate(PIXEL_AT, node)
    assert pixel == [int(TYPE_STYLES["Person"][0][i : i + 2], 16) for i in (1, 3, 5)]
    assert_quiet(record)


def test_hostile_labels_stay_text(show):
    record = show(hostile_graph(), title="<img src=x onerror=alert('title')>")
    page = record.page
    # No injected element exists (asserted here), so no injected handler can fire later.
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.images.length") == 0
    assert page.title() == "<img src=x onerror=alert('title')>"

    page.fill("#kg-search", "onerror")
    results = page.locator("#kg-results li").all_text_contents()
    assert any(r.startswith(HOSTILE[0]) for r in results)
    assert any(r.startswith(HOSTILE[1]) for r in results)

    # Hover the node: vis-network shows our DOM tooltip, built with textContent.
    node = page.evaluate(CENTRE_ON, HOSTILE[0])
    page.mouse.move(node["x"] - 40, node["y"] - 40)
    page.mouse.move(node["x"], node["y"], steps=5)
    tooltip = page.locator(".vis-tooltip")
    page.wait_for_function("() => document.querySelector('.vis-tooltip')?.style.visibility === 'visible'")
    assert HOSTILE[0] in tooltip.text_content()
    assert "jobTitle: " + HOSTILE[0] in tooltip.text_content()
    assert page.evaluate("document.images.length") == 0
    assert_quiet(record)


def test_search_selects_and_shows_the_node(show):
    record = show(sample_graph())
    page = record.page
    page.fill("#kg-search", "watson")
    assert page.locator("#kg-results li").all_text_contents() == ["Emily WatsonPerson"]
    page.press("#kg-search", "Enter")
    selected = page.evaluate("kgView.network.getSelectedNodes()")
    assert page.evaluate("(id) => JSON.parse(document.getElementById('kg-data').textContent).nodes[id].iri",
                         selected[0]) == EX + "emily-watson"
    details = page.locator("#kg-details").text_content()
    assert "Emily Watson" in details and EX + "emily-watson" in details and "jobTitle: actor" in details
    assert_quiet(record)


def test_type_filter_double_click_focus_and_show_all(show):
    G = sample_graph()
    record = show(G, depth=1)
    page = record.page
    page.locator("#kg-types label", has_text="Person").click()
    assert page.evaluate("kgView.visibleNodeCount()") == len(G) - 2

    page.evaluate("() => { window.__fitted = false; kgView.network.once('animationFinished', () => { window.__fitted = true; }); }")
    page.locator("#kg-show-all").click()
    page.wait_for_function("() => window.__fitted === true", timeout=30_000)  # the animated fit to all nodes
    node = page.evaluate(CENTRE_ON, "Valya Harkonnen")
    page.mouse.dblclick(node["x"], node["y"])
    # depth 1 around Valya: herself and Emily Watson
    page.wait_for_function("() => kgView.visibleNodeCount() === 2")
    assert "showing 2 of" in page.locator("#kg-status").text_content()

    page.locator("#kg-show-all").click()
    assert page.evaluate("kgView.visibleNodeCount()") == len(G)
    assert page.locator("#kg-types input:checked").count() == page.locator("#kg-types input").count()
    assert_quiet(record)


def test_capped_graph_shows_the_banner(show):
    record = show(big_graph(120), max_nodes=40)
    page = record.page
    assert page.evaluate("kgView.nodeCount") == 40
    banner = page.locator("#kg-banner")
    assert banner.is_visible()
    assert banner.text_content() == "showing 40 of 120 nodes by degree; use --focus"
    assert_quiet(record)


def test_gold_graph_and_its_focus_view(show, gold_graph):
    record = show(gold_graph)
    assert record.page.evaluate("kgView.nodeCount") == gold_graph.number_of_nodes()
    assert record.page.evaluate(DRAWN_PIXELS) > 5_000
    assert_quiet(record)
    focused = show(gold_graph, focus="Harry Bosch", depth=1)
    assert 1 < focused.page.evaluate("kgView.nodeCount") < gold_graph.number_of_nodes()
    assert_quiet(focused)


@pytest.mark.slow
def test_2000_nodes_settle_and_physics_stops(show):
    # How fast it settles is measured by benchmarks/bench_viz.py, not asserted here.
    record = show(big_graph(2_000), title="2k")
    page = record.page
    assert page.evaluate("kgView.nodeCount") == 2_000
    assert page.evaluate("kgView.settled") is True
    assert page.evaluate("kgView.network.physics.options.enabled") is False
    assert page.evaluate(DRAWN_PIXELS) > 10_000
    assert_quiet(record)
