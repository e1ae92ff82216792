"""RDF to NetworkX: the graph people analyse, plus projections and path helpers.

The MultiDiGraph has one node per entity (key: its IRI; attributes ``iri``,
``label``, ``type`` and its literal values such as ``seasonNumber``) and one edge
per (subject, relation, object) with ``relation`` and ``sources``, the ids of
the announcements that state it. Literals are attributes, not nodes, and the
n-ary kg:Performance nodes are folded away (``portrays`` edges carry the same
people and characters), so degree and paths mean what a reader expects.

>>> G = from_quads([])
>>> G.number_of_nodes()
0
"""

from __future__ import annotations

import gc
import json
from collections import defaultdict
from contextlib import contextmanager
from itertools import combinations

import networkx as nx

from .errors import KGError
from .files import write_atomic
from .mapping import ANNOUNCEMENT, KG, WIKIDATA
from .names import printable
from .schema import ENTITY_TYPES, ORGANIZATION_CLASSES, RELATIONS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"

WORK_TYPES = ("Series", "Film")
PEOPLE_RELATIONS = ("castMember", "creator", "showrunner", "executiveProducer", "coExecutiveProducer", "director", "writer")
_NODE_TYPES = set(ENTITY_TYPES) | set(ORGANIZATION_CLASSES)


#: The name of the NetworkX snapshot an embedded store keeps for the build (see to_networkx).
SNAPSHOT = "networkx.json"


def to_networkx(store):
    """The MultiDiGraph of everything in a store (embedded or remote).

    Reading every quad back from an on-disk store costs about 13 us each (Oxigraph
    decodes each term from RocksDB), so ``kg build`` leaves a snapshot of this
    graph in the store (write_snapshot), which the store drops on any write made
    through kg; when it is there and the store's quad count still matches, it is
    read instead, several times faster. Otherwise the graph is built from the quads.
    """
    data = getattr(store, "read_snapshot", lambda name: None)(SNAPSHOT)
    with _no_collection():
        if data is not None:
            return _from_snapshot(json.loads(data))
        return from_quads(store.quads())


@contextmanager
def _no_collection():
    """Pause Python's cyclic garbage collector while a graph is being built.

    Building a graph makes tens of thousands of small dicts and lists, all still in use,
    and each few hundred allocations start a collection that walks them all and frees
    nothing: on the 1,000-announcement benchmark store that doubled the time of
    ``to_networkx`` and made it vary 2x from call to call. Reference counting still
    frees everything as usual; the collector is switched back on (if it was) at the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_snapshot(store):
    """Build the graph from the store's quads and keep it as the store's snapshot (embedded stores)."""
    if hasattr(store, "write_snapshot"):
        G = from_quads(store.quads())
        nodes = [[n, d] for n, d in G.nodes(data=True)]
        edges = [[u, v, k, d["sources"]] for u, v, k, d in G.edges(keys=True, data=True)]
        store.write_snapshot(SNAPSHOT, json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, separators=(",", ":")).encode())


def _from_snapshot(data):
    G = nx.MultiDiGraph()
    G.add_nodes_from(data["nodes"])
    G.add_edges_from((u, v, k, {"relation": k, "sources": sources}) for u, v, k, sources in data["edges"])
    return G


def from_quads(quads):
    """Build the MultiDiGraph from pyoxigraph quads (any order).

    Returns:
        networkx.MultiDiGraph with node attributes iri, label, type (plus literal
        values, ``aliases`` and ``wikidata`` where known) and edges keyed by relation
        with attributes ``relation`` and ``sources`` (sorted announcement ids).
    """
    types = defaultdict(set)
    labels = defaultdict(set)
    aliases = defaultdict(set)
    literals = defaultdict(dict)
    wikidata = {}
    edges = defaultdict(set)
    for q in quads:
        s, p, o, g = q.subject.value, q.predicate.value, q.object, q.graph_name
        graph = getattr(g, "value", "")
        if p == RDF_TYPE:
            if o.value.startswith(KG) and o.value[len(KG):] in _NODE_TYPES:
                types[s].add(o.value[len(KG):])
        elif p == RDFS_LABEL:
            labels[s].add(o.value)
        elif p == SKOS_ALT:
            aliases[s].add(o.value)
        elif p == OWL_SAME_AS and o.value.startswith(WIKIDATA):
            wikidata[s] = o.value[len(WIKIDATA):]
        elif p.startswith(KG):
            name = p[len(KG):]
            rel = RELATIONS.get(name)
            if rel is None:
                continue
            if rel.literal:
                literals[s][name] = _python_value(o)
            else:
                source = graph[len(ANNOUNCEMENT):] if graph.startswith(ANNOUNCEMENT) else graph
                edges[(s, o.value, name)].add(source)

    G = nx.MultiDiGraph()
    # Sorted, so that the graph and every file made from it are the same whatever the
    # order of the quads (it differs between stores and between runs).
    for iri in sorted(types):
        # Curated names are the same in every announcement; otherwise spellings may
        # differ ("Renee"/"Renée") and the first in sort order is as good as any.
        label = min(labels[iri]) if labels[iri] else iri.rsplit("/", 1)[-1]
        attrs = {"iri": iri, "label": label, "type": _most_specific(types[iri])}
        attrs.update(sorted(literals.get(iri, {}).items()))
        other = sorted((aliases[iri] | labels[iri]) - {label})
        if other:
            attrs["aliases"] = other
        if iri in wikidata:
            attrs["wikidata"] = wikidata[iri]
        G.add_node(iri, **attrs)
    for (s, o, rel), sources in sorted(edges.items()):
        if s in G and o in G:
            G.add_edge(s, o, key=rel, relation=rel, sources=sorted(sources))
    return G


def _most_specific(types):
    for t in ORGANIZATION_CLASSES:
        if t in types:
            return t
    for t in ENTITY_TYPES:
        if t in types:
            return t
    return "Thing"


def _python_value(literal):
    datatype = literal.datatype.value
    if datatype.endswith("#integer"):
        return int(literal.value)
    return literal.value


# --- lookups -----------------------------------------------------------------


def find_node(G, name, type=None):
    """The node ``name`` means: its IRI, label or alias (any case), ``"Name (Type)"`` or ``<iri>``.

    Labels beat aliases ("Bosch" is the series, not Harry Bosch, whose alias it
    is); namesakes are never chosen between silently.

    Raises:
        kg.query.NameNotFound: no node matches (the error suggests the nearest names).
        kg.query.AmbiguousName: several do (the error lists type, work and year of each).
    """
    from .query import match_name

    if name in G:
        return name
    entries = [(_candidate(G, n), d.get("aliases", ())) for n, d in sorted(G.nodes(data=True)) if not type or d.get("type") == type]
    return match_name(name, entries).iri


def _candidate(G, n):
    """A node as a candidate name; its work and year are looked up only if namesakes need them."""
    d = G.nodes[n]
    return _LazyCandidate(G, n, d.get("label", n), d.get("type", ""))


class _LazyCandidate:
    """A kg.query.Candidate whose ``work`` and ``year`` are computed when an error message asks for them."""

    __slots__ = ("G", "iri", "label", "type")

    def __init__(self, G, iri, label, type):
        self.G, self.iri, self.label, self.type = G, iri, label, type

    @property
    def work(self):
        works = sorted(self.G.nodes[w]["label"] for w in self.G.predecessors(self.iri) if self.G.nodes[w].get("type") in WORK_TYPES + ("Novel", "BookSeries"))
        return works[0] if works else None

    @property
    def year(self):
        date = self.G.nodes[self.iri].get("premiereDate")
        return str(date)[:4] if date else None

    def describe(self):
        from .query import Candidate

        return Candidate(self.iri, self.label, self.type, self.work, self.year).describe()


# --- projections -------------------------------------------------------------


def people_projection(G):
    """Person-person collaboration graph: people linked when they worked on the same work.

    Edge attributes: ``weight`` (number of shared works) and ``works`` (their labels).
    """
    return _projection(G, members=lambda work, person: (work, person), node_type="Person", via="works")


def works_projection(G):
    """Work-work graph (the works map): series and films linked when they share people or characters.

    A shared character counts as a shared person does: it is what ties a spinoff
    to its parent even when the cast changed.

    Edge attributes: ``weight`` (number of shared people and characters),
    ``people`` and ``characters`` (their labels).
    """
    P = _projection(G, members=lambda work, person: (person, work), node_type=None, via="people")
    by_character = defaultdict(set)
    for work, character, rel in G.edges(keys=True):
        if rel == "hasCharacter" and work in P and G.nodes[character]["type"] == "Character":
            by_character[character].add(work)
    for character, works in by_character.items():
        for a, b in combinations(sorted(works), 2):
            data = P.get_edge_data(a, b) or {"weight": 0, "people": []}
            data["weight"] += 1
            data["characters"] = sorted({*data.get("characters", ()), G.nodes[character]["label"]})
            P.add_edge(a, b, **data)
    for *_, data in P.edges(data=True):
        data.setdefault("characters", [])
    return P


def _projection(G, *, members, node_type, via):
    """Link the members of each hub pairwise; ``members(work, person)`` says which is the hub."""
    groups = defaultdict(set)
    for work, person, rel in G.edges(keys=True):
        if rel in PEOPLE_RELATIONS and G.nodes[work]["type"] in WORK_TYPES and G.nodes[person]["type"] == "Person":
            hub, member = members(work, person)
            groups[hub].add(member)
    keep = (lambda d: d["type"] == node_type) if node_type else (lambda d: d["type"] in WORK_TYPES)
    P = nx.Graph()
    P.add_nodes_from((n, d) for n, d in G.nodes(data=True) if keep(d))
    for hub, group in groups.items():
        for a, b in combinations(sorted(group), 2):
            data = P.get_edge_data(a, b) or {"weight": 0, via: []}
            data["weight"] += 1
            data[via] = sorted({*data[via], G.nodes[hub]["label"]})
            P.add_edge(a, b, **data)
    return P


def projection(G, name):
    """The named projection: ``full`` (G itself), ``people`` or ``works``."""
    if name == "full":
        return G
    if name == "people":
        return people_projection(G)
    if name == "works":
        return works_projection(G)
    raise KGError(f"unknown projection {name!r} (full, people or works)")


# --- analysis ----------------------------------------------------------------


def centrality(G, kind="betweenness", top=10):
    """The ``top`` nodes by centrality as (label, type, score), highest first.

    ``kind`` is ``betweenness`` (who connects the graph), ``degree`` or ``closeness``
    (pure-Python algorithms: no NumPy or SciPy needed).
    Direction is ignored: a collaboration counts both ways.
    """
    U = nx.Graph(G) if G.is_multigraph() or G.is_directed() else G
    if kind == "betweenness":
        scores = nx.betweenness_centrality(U)
    elif kind == "degree":
        scores = nx.degree_centrality(U)
    elif kind == "closeness":
        scores = nx.closeness_centrality(U)
    else:
        raise KGError(f"unknown centrality {kind!r} (betweenness, degree or closeness)")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [(G.nodes[n].get("label", n), G.nodes[n].get("type", ""), round(s, 4)) for n, s in ranked]


def connection(G, a, b):
    """How two entities are connected: the shortest path, each step with its relation.

    Returns:
        A list of (from label, relation, to label) steps; a step walked against the
        edge's direction is written ``relation⁻¹`` ("is castMember of").

    Raises:
        KGError: if either name is unknown or no path joins them.
    """
    src, dst = find_node(G, a), find_node(G, b)
    path = _first_shortest_path(G, src, dst)
    if path is None:
        raise KGError(f"{a!r} and {b!r} are not connected")
    steps = []
    for x, y in zip(path, path[1:]):
        if G.has_edge(x, y):
            rel = sorted(G[x][y])[0]
        else:
            rel = sorted(G[y][x])[0] + "⁻¹"
        steps.append((G.nodes[x]["label"], rel, G.nodes[y]["label"]))
    return steps


def _first_shortest_path(G, src, dst):
    """The shortest path from src to dst, ignoring direction, that comes first in label order.

    A breadth-first search whose neighbours are visited sorted by (label, IRI), so
    the answer depends on the graph only, never on insertion or hash order.
    """
    def key(n):
        return (G.nodes[n].get("label", ""), n)

    parent = {src: None}
    frontier = [src]
    while frontier and dst not in parent:
        nxt = []
        for x in frontier:
            for y in sorted(set(G.successors(x)) | set(G.predecessors(x)), key=key):
                if y not in parent:
                    parent[y] = x
                    nxt.append(y)
        frontier = nxt
    if dst not in parent:
        return None
    path = [dst]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path[::-1]


# --- export ------------------------------------------------------------------

EXPORT_FORMATS = ("graphml", "gexf", "json")


def export_graph(G, path, fmt):
    """Write a graph as GraphML, GEXF or node-link JSON, atomically.

    GraphML and GEXF cannot hold lists, so list attributes (sources, aliases,
    works) are joined with "; " there; JSON keeps them as lists.
    """
    if fmt not in EXPORT_FORMATS:
        raise KGError(f"unknown export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    write_atomic(path, dumps_graph(G, fmt))


def dumps_graph(G, fmt):
    """The text of a graph in GraphML, GEXF or node-link JSON."""
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    flat = _flatten_lists(G)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flat)) + "\n"
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(flat)) + "\n"
    raise KGError(f"unknown export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")


def _flatten_lists(G):
    """A copy for XML formats: lists joined with "; ", control characters written as escapes.

    XML 1.0 cannot hold most control characters at all (a NUL or an ESC in a label would
    make the file malformed), so every string value goes through :func:`kg.names.printable`.
    """
    H = G.copy()
    for attrs in [d for _, d in H.nodes(data=True)] + [d for *_, d in H.edges(data=True)]:
        for k, v in attrs.items():
            if isinstance(v, list):
                v = "; ".join(map(str, v))
            if isinstance(v, str):
                attrs[k] = printable(v)
    return H
