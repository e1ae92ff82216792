"""kg.viz without a browser: the page is self-contained, escaped, and draws the right nodes."""

import base64
import doctest
import hashlib
import html
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

import kg.viz
from kg.errors import KGError
from kg.viz import TYPE_STYLES, to_html, write_html

EX = "https://example.org/kg/"
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=2;alert(2)</script>",
    "\"quoted\" & 'single' <b>bold</b>",
    "line one\nline two",
    "\u202eRTL override\u200f and \u2028 separators \u2029",
    "<!-- comment --> ]]> {{data}}",
]


def add_node(G, key, label, type, **attrs):
    G.add_node(EX + key, iri=EX + key, label=label, type=type, **attrs)


def add_edge(G, u, v, relation, *sources):
    G.add_edge(EX + u, EX + v, key=relation, relation=relation, sources=list(sources))


def sample_graph():
    """A small press-release graph: a series, its season, cast, characters, companies."""
    G = nx.MultiDiGraph()
    add_node(G, "dune-prophecy", "Dune: Prophecy", "Series", premiereDate="2024-11-17")
    add_node(G, "dune-prophecy-s1", "Dune: Prophecy Season 1", "Season", seasonNumber=1)
    add_node(G, "emily-watson", "Emily Watson", "Person", jobTitle="actor")
    add_node(G, "olivia-williams", "Olivia Williams", "Person", jobTitle="actor")
    add_node(G, "valya", "Valya Harkonnen", "Character")
    add_node(G, "tula", "Tula Harkonnen", "Character")
    add_node(G, "hbo", "HBO", "Streamer")
    add_node(G, "legendary", "Legendary Television", "ProductionCompany")
    add_node(G, "sisterhood", "Sisterhood of Dune", "Novel")
    add_node(G, "dune", "Dune", "Franchise")
    add_node(G, "dune-part-two", "Dune: Part Two", "Film", premiereDate="2024-03-01")
    add_node(G, "warner", "Warner Bros. Pictures", "Studio")
    add_edge(G, "dune-prophecy", "emily-watson", "castMember", "ann-001", "ann-002")
    add_edge(G, "dune-prophecy", "olivia-williams", "castMember", "ann-001")
    add_edge(G, "emily-watson", "valya", "portrays", "ann-001")
    add_edge(G, "olivia-williams", "tula", "portrays", "ann-002")
    add_edge(G, "dune-prophecy", "sisterhood", "basedOn", "ann-003")
    add_edge(G, "dune-prophecy", "hbo", "distributor", "ann-001")
    add_edge(G, "dune-prophecy", "legendary", "productionCompany", "ann-002")
    add_edge(G, "dune-prophecy-s1", "dune-prophecy", "partOfSeries", "ann-002")
    add_edge(G, "dune-prophecy", "dune", "partOfFranchise", "ann-003")
    add_edge(G, "dune-part-two", "dune", "partOfFranchise", "ann-004")
    add_edge(G, "dune-part-two", "warner", "distributor", "ann-004")
    add_edge(G, "dune-part-two", "legendary", "productionCompany", "ann-004")
    add_edge(G, "dune-prophecy", "legendary", "creator", "ann-005")  # a parallel edge
    return G


def hostile_graph():
    """The sample graph plus people whose labels (and an IRI) are attacks or odd text."""
    G = sample_graph()
    for i, label in enumerate(HOSTILE):
        add_node(G, f"hostile-{i}", label, "Person", jobTitle=label)
        add_edge(G, "dune-prophecy", f"hostile-{i}", "castMember", f"<b>ann-{i}</b>")
    G.add_node("javascript:alert(3)", iri="javascript:alert(3)", label="javascript iri", type="<Type>")
    add_edge(G, "dune", "hostile-0", "creator", "ann-x")
    return G


def big_graph(n, edges_per_node=3, seed=1):
    """A hub-heavy graph of n nodes and about ``edges_per_node * n`` edges."""
    types = list(TYPE_STYLES)
    G = nx.MultiDiGraph()
    skeleton = nx.barabasi_albert_graph(n, edges_per_node, seed=seed)
    for i in skeleton:
        G.add_node(f"{EX}e{i}", iri=f"{EX}e{i}", label=f"Entity {i}", type=types[i % len(types)])
    for u, v in skeleton.edges():
        G.add_edge(f"{EX}e{u}", f"{EX}e{v}", key="castMember", relation="castMember", sources=["ann"])
    return G


def page_data(page):
    """The graph data embedded in a page, parsed strictly (no NaN)."""
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(block.group(1), parse_constant=lambda c: pytest.fail(f"{c} in JSON"))


def labels(page):
    return {n["label"] for n in page_data(page)["nodes"]}


class Tags(HTMLParser):
    """Collects start tags with their attributes and the text of each script."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page):
    tags = Tags()
    tags.feed(page)
    return tags


# --- self-contained -----------------------------------------------------------


def test_page_loads_nothing_from_anywhere():
    page = to_html(sample_graph())
    tags = parse(page)
    fetching = {"src", "href", "srcset", "action", "poster", "data", "background"}
    assert [(t, a) for t, a in tags.tags if fetching & a.keys()] == []
    assert not any(t in ("link", "iframe", "img", "object", "embed", "base") for t, _ in tags.tags)
    assert [t for t, _ in tags.tags].count("script") == 3  # data, vis-network, page logic
    css_urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", page)
    assert css_urls and all(u.startswith("data:") for u in css_urls)
    assert "@import" not in page
    assert "sourceMappingURL" not in page


def test_vis_network_is_inlined_from_pyvis():
    page = to_html(sample_graph())
    assert "@version 9.1.2" in page
    assert ".vis-tooltip" in page


def test_csp_allows_exactly_the_inline_scripts_and_no_fetch():
    page = to_html(sample_graph())
    tags = parse(page)
    csp = next(a["content"] for t, a in tags.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    code = [s for (t, a), s in zip([x for x in tags.tags if x[0] == "script"], tags.scripts) if "type" not in a]
    for script in code:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_every_entity_type_has_a_style():
    from kg.schema import ENTITY_TYPES, ORGANIZATION_CLASSES

    assert set(ENTITY_TYPES) | set(ORGANIZATION_CLASSES) <= set(TYPE_STYLES)
    assert len({colour for colour, _ in TYPE_STYLES.values()}) == len(TYPE_STYLES)


# --- escaping -----------------------------------------------------------------


def test_hostile_labels_are_escaped_and_survive_intact():
    G = hostile_graph()
    page = to_html(G, title="<script>alert('title')</script>")
    ours = page.replace(kg.viz._vis_asset("vis-network.min.js"), "")
    for label in HOSTILE:
        assert label not in ours
    assert "<img" not in ours and "<b>" not in ours
    assert "\u2028" not in page and "\u2029" not in page
    # Only the three real scripts close; a label cannot end the data block early.
    assert page.count("</script>") == 3
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert labels(page) >= set(HOSTILE)
    data = page_data(page)
    hostile = next(n for n in data["nodes"] if n["label"] == HOSTILE[0])
    assert hostile["attrs"] == {"jobTitle": HOSTILE[0]}
    assert {"<b>ann-0</b>"} in [set(e["sources"]) for e in data["edges"]]


def test_title_is_text():
    page = to_html(nx.MultiDiGraph(), title='a "b" <c>')
    assert "<title>a &quot;b&quot; &lt;c&gt;</title>" in page


def test_literals_that_json_cannot_carry_become_text():
    G = nx.MultiDiGraph()
    G.add_node("ex:a", iri="ex:a", label="A", type="Film", score=float("nan"), when=object, tags=("x", 1))
    attrs = page_data(to_html(G))["nodes"][0]["attrs"]
    assert attrs == {"score": "nan", "when": str(object), "tags": ["x", 1]}


# --- what is drawn --------------------------------------------------------------


def test_nodes_and_edges_are_all_embedded():
    G = sample_graph()
    data = page_data(to_html(G))
    assert len(data["nodes"]) == G.number_of_nodes()
    assert len(data["edges"]) == G.number_of_edges()
    by_id = [n["iri"] for n in data["nodes"]]
    drawn = sorted((by_id[e["from"]], by_id[e["to"]], e["relation"]) for e in data["edges"])
    assert drawn == sorted((u, v, k) for u, v, k in G.edges(keys=True))
    cast = next(e for e in data["edges"] if by_id[e["to"]].endswith("emily-watson"))
    assert cast["sources"] == ["ann-001", "ann-002"]
    season = next(n for n in data["nodes"] if n["type"] == "Season")
    assert season["attrs"] == {"seasonNumber": 1}
    assert data["styles"]["Streamer"] == list(TYPE_STYLES["Streamer"])


def test_empty_graph_renders():
    data = page_data(to_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


@pytest.mark.parametrize(
    "focus, depth, expected",
    [
        ("emily watson", 0, {"Emily Watson"}),
        ("EMILY WATSON", 1, {"Emily Watson", "Valya Harkonnen", "Dune: Prophecy"}),
        (EX + "valya", 1, {"Valya Harkonnen", "Emily Watson"}),
        # direction is ignored: the season points at the series, the series at the cast
        ("Dune: Prophecy Season 1", 2, {"Dune: Prophecy Season 1", "Dune: Prophecy", "Emily Watson",
                                        "Olivia Williams", "Sisterhood of Dune", "HBO",
                                        "Legendary Television", "Dune"}),
    ],
)
def test_focus_draws_the_neighbourhood(focus, depth, expected):
    G = sample_graph()
    page = to_html(G, focus=focus, depth=depth)
    assert labels(page) == expected
    data = page_data(page)
    assert data["depth"] == depth
    assert len(data["edges"]) == G.subgraph(n for n in G if G.nodes[n]["label"] in expected).number_of_edges()


def test_focus_accepts_an_alias():
    G = sample_graph()
    G.nodes[EX + "hbo"]["aliases"] = ["Home Box Office"]
    assert labels(to_html(G, focus="home box office", depth=0)) == {"HBO"}


def test_unknown_focus_is_a_one_line_error():
    with pytest.raises(KGError, match=r"^no entity named 'Arrakis' in the graph$"):
        to_html(sample_graph(), focus="Arrakis")


@pytest.mark.parametrize("kw, message", [({"depth": -1}, "depth must be 0 or more"),
                                         ({"max_nodes": 0}, "max_nodes must be 1 or more")])
def test_out_of_range_arguments(kw, message):
    with pytest.raises(KGError, match=message):
        to_html(sample_graph(), **kw)


def test_big_graph_draws_top_nodes_by_degree_with_a_banner():
    G = big_graph(300)
    page = to_html(G, max_nodes=50)
    data = page_data(page)
    assert len(data["nodes"]) == 50
    centrality = nx.degree_centrality(G)
    threshold = sorted(centrality.values(), reverse=True)[49]
    assert all(centrality[n["iri"]] >= threshold for n in data["nodes"])
    assert len(data["edges"]) == G.subgraph(n["iri"] for n in data["nodes"]).number_of_edges()
    assert '<div id="kg-banner" class="kg-panel" role="status">showing 50 of 300 nodes by degree; use --focus</div>' in page


def test_no_banner_when_everything_is_drawn():
    page = to_html(sample_graph())
    assert re.search(r'<div id="kg-banner"[^>]* hidden></div>', page)


def test_focus_node_stays_when_its_neighbourhood_is_capped():
    G = big_graph(300)
    leaf = min(G, key=G.degree)
    page = to_html(G, focus=leaf, depth=3, max_nodes=10)
    data = page_data(page)
    assert len(data["nodes"]) == 10 and data["nodes"][0]["iri"] == leaf
    assert "showing 10 of " in page
    assert html.escape(f"nodes within 3 hops of {leaf!r} by degree; use a smaller depth") in page


def test_generation_of_10k_nodes_keeps_max_nodes():
    """The page holds at most ``max_nodes`` nodes; its speed is measured by ``benchmarks/bench_viz.py``."""
    G = big_graph(10_000)
    assert G.number_of_edges() >= 29_000
    for max_nodes in (2_000, 10_000):
        page = to_html(G, max_nodes=max_nodes)
        assert len(page_data(page)["nodes"]) == max_nodes


# --- writing ------------------------------------------------------------------


def test_write_html_replaces_the_file_atomically(tmp_path):
    path = tmp_path / "graph.html"
    path.write_text("old")
    write_html(sample_graph(), path, title="Dune")
    assert path.read_text(encoding="utf-8") == to_html(sample_graph(), title="Dune")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_write_html_leaves_nothing_behind_on_error(tmp_path):
    path = tmp_path / "graph.html"
    path.write_text("old")
    with pytest.raises(KGError):
        write_html(sample_graph(), path, focus="nobody")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_docstring_examples():
    assert doctest.testmod(kg.viz).failed == 0


def test_the_gold_graph_renders(gold_graph):
    data = page_data(to_html(gold_graph, title="gold"))
    assert len(data["nodes"]) == gold_graph.number_of_nodes()
    assert len(data["edges"]) == gold_graph.number_of_edges()
    assert set(data["styles"]) == {t for _, t in gold_graph.nodes(data="type")}


def test_write_html_makes_a_missing_folder(tmp_path):
    write_html(sample_graph(), tmp_path / "missing" / "graph.html")
    assert (tmp_path / "missing" / "graph.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_html_where_a_file_is_in_the_way_is_a_kg_error(tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(KGError, match=r"^cannot write .*/a-file/graph.html: Not a directory$"):
        write_html(sample_graph(), tmp_path / "a-file" / "graph.html")
    assert list(tmp_path.iterdir()) == [tmp_path / "a-file"]


# --- what the page explains ------------------------------------------------------


def test_focus_page_is_titled_after_its_focus():
    page = to_html(sample_graph(), focus="Emily Watson", depth=1)
    assert "<title>Emily Watson \u00b7 kg graph</title>" in page
    assert page_data(page)["focus"] == 0 and page_data(page)["nodes"][0]["label"] == "Emily Watson"
    assert "<title>Mine</title>" in to_html(sample_graph(), focus="Emily Watson", title="Mine")
    assert page_data(to_html(sample_graph()))["focus"] is None


def test_works_rank_first_and_the_works_map_links_shared_people_and_characters():
    G = sample_graph()
    add_edge(G, "dune-part-two", "emily-watson", "castMember", "ann-004")
    add_edge(G, "dune-part-two", "valya", "hasCharacter", "ann-004")
    add_edge(G, "dune-prophecy", "valya", "hasCharacter", "ann-001")
    data = page_data(to_html(G))
    best = min(data["nodes"], key=lambda n: n["rank"])
    assert best["label"] == "Dune: Prophecy"
    works = {data["nodes"][i]["label"] for i in data["works"]["nodes"]}
    assert works == {"Dune: Prophecy", "Dune: Part Two"}
    [(a, b, weight, people, characters)] = data["works"]["links"]
    assert (weight, people, characters) == (2, ["Emily Watson"], ["Valya Harkonnen"])


def test_edges_carry_announcements_evidence_and_dates():
    G = sample_graph()
    provenance = {
        "announcements": {"ann-001": {"title": "Prophecy cast", "date": "2024-05-01", "file": "a.txt"},
                          "ann-002": {"title": "More cast", "date": "2024-06-01", "file": "b.txt"}},
        "evidence": {(EX + "dune-prophecy", "castMember", EX + "emily-watson"): {"ann-001": ["starring Emily Watson"]}},
    }
    data = page_data(to_html(G, provenance=provenance))
    edge = next(e for e in data["edges"] if e["relation"] == "castMember" and data["nodes"][e["to"]]["label"] == "Emily Watson")
    assert edge["evidence"] == {"ann-001": ["starring Emily Watson"]}
    assert edge["since"] == "2024-05-01"
    assert set(data["announcements"]) == {"ann-001", "ann-002"}
    watson = next(n for n in data["nodes"] if n["label"] == "Emily Watson")
    assert watson["since"] == "2024-05-01"
