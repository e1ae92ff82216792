"""RDF to NetworkX: attributes, projections, analysis helpers and exports."""

import json

import networkx as nx
import pytest

from kg.errors import KGError
from kg.network import centrality, connection, dumps_graph, find_node, people_projection, works_projection


def test_nodes_and_edges_carry_attributes(gold_graph):
    G = gold_graph
    assert isinstance(G, nx.MultiDiGraph)
    ballard = find_node(G, "Ballard")
    assert G.nodes[ballard]["type"] == "Series" and G.nodes[ballard]["iri"] == ballard
    maggie = find_node(G, "Maggie Q")
    assert G.has_edge(ballard, maggie, key="castMember")
    assert "ballard-s2-renewal" in G.edges[ballard, maggie, "castMember"]["sources"]


def test_literals_are_attributes_not_nodes(gold_graph):
    assert all(isinstance(n, str) and n.startswith("https://") for n in gold_graph)
    seasons = [d for _, d in gold_graph.nodes(data=True) if d["type"] == "Season"]
    assert seasons and all(isinstance(d.get("seasonNumber"), int) for d in seasons)


def test_people_projection_links_collaborators(gold_graph):
    P = people_projection(gold_graph)
    a, b = find_node(gold_graph, "Titus Welliver"), find_node(gold_graph, "Michael Connelly")
    assert P.has_edge(a, b) and P.edges[a, b]["weight"] >= 2
    assert all(d["type"] == "Person" for _, d in P.nodes(data=True))


def test_works_projection_links_works_sharing_people(gold_graph):
    W = works_projection(gold_graph)
    bosch, legacy = find_node(gold_graph, "Bosch"), find_node(gold_graph, "Bosch: Legacy")
    assert W.has_edge(bosch, legacy)
    assert "Titus Welliver" in W.edges[bosch, legacy]["people"]


def test_centrality_and_connection(gold_graph):
    top = centrality(gold_graph, "betweenness", top=5)
    assert len(top) == 5 and top[0][2] >= top[-1][2]
    steps = connection(gold_graph, "Maggie Q", "Titus Welliver")
    assert steps[0][0] == "Maggie Q" and steps[-1][2] == "Titus Welliver"
    assert all(len(s) == 3 for s in steps)
    with pytest.raises(KGError, match="no entity named"):
        connection(gold_graph, "Nobody At All", "Maggie Q")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_read_back(gold_graph, fmt, tmp_path):
    text = dumps_graph(gold_graph, fmt)
    path = tmp_path / f"g.{fmt}"
    path.write_text(text, encoding="utf-8")
    if fmt == "graphml":
        H = nx.read_graphml(path)
    elif fmt == "gexf":
        H = nx.read_gexf(path)
    else:
        H = nx.node_link_graph(json.loads(text), edges="edges")
    assert H.number_of_nodes() == gold_graph.number_of_nodes()
    assert H.number_of_edges() == gold_graph.number_of_edges()
