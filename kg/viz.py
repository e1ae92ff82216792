"""NetworkX graph -> one self-contained, interactive HTML page (vis-network).

The page works offline: vis-network's JS and CSS are read from the installed
pyvis package and inlined, and the graph travels as a JSON data block, so the
file makes no request at all. pyvis's own ``Network.from_nx`` and templates are
not used: they load Bootstrap and vis from a CDN and ``from_nx`` is O(E^2);
here the JSON is built directly in O(N + E).

Safety: labels come from press releases and may hold hostile text. The data is
embedded as JSON with ``<``, ``>`` and ``&`` escaped (so no ``</script>`` can
close the block), the page builds every piece of text with ``textContent``,
never ``innerHTML``, and a Content-Security-Policy lets only the page's own
scripts run and forbids every fetch, as a second line of defence.
"""

import base64
import hashlib
import html
import json
import math
import re
from functools import cache
from importlib import resources

import networkx as nx

from kg.errors import KGError
from kg.files import write_atomic
from kg.network import find_node, works_projection

#: Node colour and vis-network shape per entity type. Shapes that draw the label
#: below the node are used so that node size can show degree. Organization
#: refinements share the hexagon and differ by colour.
TYPE_STYLES = {
    "Series": ("#4e79a7", "dot"),
    "Season": ("#a0cbe8", "dot"),
    "Film": ("#f28e2b", "diamond"),
    "Novel": ("#59a14f", "square"),
    "BookSeries": ("#8cd17d", "square"),
    "Person": ("#e15759", "dot"),
    "Character": ("#ff9d9a", "triangle"),
    "Franchise": ("#edc948", "star"),
    "Organization": ("#b07aa1", "hexagon"),
    "Studio": ("#d4a6c8", "hexagon"),
    "Streamer": ("#76b7b2", "hexagon"),
    "ProductionCompany": ("#9d7660", "hexagon"),
}
OTHER_STYLE = ("#bab0ac", "dot")

#: Node attributes that are not shown as literal attributes in tooltips.
_CORE_ATTRS = ("iri", "label", "type")

_VIS_DIR = "templates/lib/vis-9.1.2"

# Characters that could end the <script> data block or start markup inside it.
# Inside JSON they only ever occur in strings, where \uXXXX means the same.
# U+2028/U+2029 are already escaped by ensure_ascii=True.
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def to_html(G, *, title=None, focus=None, depth=2, max_nodes=2000, provenance=None):
    r"""Render G as one self-contained interactive HTML page.

    The page has a search box, type filters in the legend, labels by importance
    and zoom (works and the most connected characters are named at load, more
    names appear as one zooms in), a details panel (a node's relations grouped by
    type; per edge the announcements and the evidence sentences that state it), a
    slider over announcement dates that replays how the universe grew, a "works
    map" (series and films linked by the people and characters they share),
    double-click to focus on a neighbourhood and a "show all" button. The layout
    is computed once when the page opens, by the page's own force layout over
    typed arrays, and drawn with physics off, and label sizes come in a few
    steps (the canvas parses each distinct font once): see benchmarks/RESULTS.md
    for the 10,000-node figures.

    Args:
        G: a ``networkx.MultiDiGraph`` as built by ``kg.network``: node attrs
            ``iri``, ``label``, ``type`` plus optional literals; edge attrs
            ``relation`` and ``sources``.
        title: the page title; by default "kg graph", or the focus's label
            followed by "kg graph" on a focus page.
        focus: a node IRI, label or alias (case-insensitive), resolved by
            `kg.network.find_node` as every kg command resolves names. When
            given, only nodes within ``depth`` hops of it (ignoring edge
            direction) are drawn, centred on it and highlighted.
        depth: hops around ``focus`` to draw.
        max_nodes: browsers cannot lay out arbitrarily many nodes, so when
            more would be drawn, only the ``max_nodes`` of highest degree are,
            and the page says so in a banner.
        provenance: what `kg.query.provenance_index` returns for the store G
            came from: the announcements (title, date, file) and the evidence
            sentences per fact. Without it edges show announcement ids only.

    Returns:
        The HTML document as a string.

    Raises:
        KGError: ``focus`` matches no node, or ``depth``/``max_nodes`` is out of range.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ex:dune", iri="ex:dune", label="Dune <2021>", type="Film")
    >>> page = to_html(G, title="Dune")
    >>> r'"label":"Dune \u003c2021\u003e"' in page
    True
    """
    nodes, note = _select_nodes(G, focus, depth, max_nodes)
    data = _graph_data(G, nodes, provenance or {})
    data["depth"] = depth  # the page's double-click focus uses the same depth
    data["focus"] = 0 if focus is not None else None  # _select_nodes puts the focus first
    if title is None:
        title = f"{G.nodes[nodes[0]].get('label', nodes[0])} \u00b7 kg graph" if focus is not None else "kg graph"
    vis_js, app_js = _vis_asset("vis-network.min.js"), _asset("kg", "templates/graph.js")
    values = {
        "csp": _csp(vis_js, app_js),
        "title": html.escape(title),
        "banner": html.escape(note or ""),
        "banner_hidden": "" if note else " hidden",
        "vis_css": _vis_asset("vis-network.css"),
        "vis_js": vis_js,
        "app_js": app_js,
        "data": json.dumps(data, ensure_ascii=True, separators=(",", ":"), default=str).translate(
            _JSON_ESCAPES
        ),
    }
    # One pass over the template only, so inserted values are never re-scanned.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _asset("kg", "templates/graph.html"))


def write_html(G, path, **kw):
    """Write ``to_html(G, **kw)`` to path atomically.

    The page is written to a temporary file in the same directory and moved
    into place, so a browser or a watcher never sees half a file.

    Args:
        G: the graph, as for `to_html`.
        path: where to write the HTML file.
        **kw: keyword arguments of `to_html`.

    Raises:
        KGError: as `to_html` does, or the file cannot be written.
    """
    write_atomic(path, to_html(G, **kw))


def _select_nodes(G, focus, depth, max_nodes):
    """Choose the nodes to draw and, when some are left out, a note saying so."""
    if depth < 0:
        raise KGError(f"depth must be 0 or more, not {depth}")
    if max_nodes < 1:
        raise KGError(f"max_nodes must be 1 or more, not {max_nodes}")
    if focus is None:
        nodes, keep, where = list(G), 0, ""
    else:
        layers = nx.bfs_layers(G.to_undirected(as_view=True), find_node(G, focus))
        nodes = [n for _, layer in zip(range(depth + 1), layers) for n in layer]
        keep, where = 1, f" within {depth} hops of {focus!r}"
    if len(nodes) <= max_nodes:
        return nodes, None
    # The focus node stays; the rest go by degree, which ranks as degree
    # centrality (degree / (n - 1)) does. Ties go by key so a graph always
    # gives the same page.
    degree = dict(G.degree(nodes))
    rest = sorted(nodes[keep:], key=lambda n: (-degree[n], n))
    top = (nodes[:keep] + rest)[:max_nodes]
    hint = "a smaller depth" if focus is not None else "--focus"
    return top, f"showing {max_nodes} of {len(nodes)} nodes{where} by degree; use {hint}"


#: How much an entity's type weighs in its importance (degree times weight),
#: which decides whose labels show at load: works first, then characters.
_TYPE_WEIGHT = {"Series": 4, "Film": 4, "Franchise": 4, "Character": 2.5, "BookSeries": 2, "Novel": 1.5, "Person": 1, "Season": 0.5}


def _graph_data(G, nodes, provenance):
    """The JSON-ready page data for ``nodes``; node ids are list indexes."""
    index = {n: i for i, n in enumerate(nodes)}
    degree = dict(G.degree(nodes))  # the whole graph's degree: it sizes nodes by importance
    importance = {n: degree[n] * _TYPE_WEIGHT.get(G.nodes[n].get("type"), 1) for n in nodes}
    rank = {n: r for r, n in enumerate(sorted(nodes, key=lambda n: (-importance[n], n)))}
    out_nodes = []
    for n in nodes:
        attrs = G.nodes[n]
        out_nodes.append(
            {
                "iri": attrs.get("iri", n),
                "label": attrs.get("label", n),
                "type": attrs.get("type", ""),
                "degree": degree[n],
                "rank": rank[n],
                "attrs": {k: _literal(v) for k, v in attrs.items() if k not in _CORE_ATTRS},
            }
        )
    announcements = provenance.get("announcements", {})
    evidence = provenance.get("evidence", {})
    used = set()
    edges = []
    H = G if len(nodes) == len(G) else _part(G, nodes, index)
    for u, v, key, attrs in H.edges(keys=True, data=True):
        relation = attrs.get("relation", key)
        sources = list(attrs.get("sources", ()))
        said = evidence.get((u, relation, v), {})
        dates = [announcements[a]["date"] for a in sources if a in announcements and announcements[a]["date"]]
        used.update(sources)
        edges.append(
            {
                "from": index[u],
                "to": index[v],
                "relation": relation,
                "sources": sources,
                "evidence": {a: said[a] for a in sources if a in said},
                "since": min(dates) if dates else None,
            }
        )
    # A node exists from the first announcement that relates it to anything shown.
    for e in edges:
        if e["since"]:
            for end in (e["from"], e["to"]):
                seen = out_nodes[end].get("since")
                out_nodes[end]["since"] = min(seen, e["since"]) if seen else e["since"]
    types = sorted({node["type"] for node in out_nodes})
    styles = {t: TYPE_STYLES.get(t, OTHER_STYLE) for t in types}
    return {
        "nodes": out_nodes,
        "edges": edges,
        "styles": styles,
        "announcements": {a: announcements[a] for a in sorted(used) if a in announcements},
        "works": _works_map(H, index),
    }


def _part(G, nodes, keep):
    """The subgraph of G on ``nodes``, as a graph: views are slow to iterate, and so is ``subgraph().copy()``."""
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, G.nodes[n]) for n in nodes)
    for u in nodes:
        for v, keyed in G.succ[u].items():
            if v in keep:
                for key, attrs in keyed.items():
                    H.add_edge(u, v, key=key, **attrs)
    return H


def _works_map(H, index):
    """The works map of the drawn graph H: [work, work, weight, shared people, shared characters]."""
    W = works_projection(H)
    links = [
        [index[a], index[b], d["weight"], d.get("people", []), d.get("characters", [])]
        for a, b, d in sorted(W.edges(data=True), key=lambda e: (index[e[0]], index[e[1]]))
    ]
    return {"nodes": sorted(index[n] for n in W), "links": links}


def _literal(value):
    """A JSON-safe literal: NaN and infinity would make the JSON block unparsable."""
    if isinstance(value, (list, tuple)):
        return [_literal(v) for v in value]
    if isinstance(value, (set, frozenset)):  # sorted, so a graph always gives the same page
        return sorted((_literal(v) for v in value), key=str)
    if isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value)):
        return value
    return str(value)


@cache
def _asset(package, name):
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


@cache
def _vis_asset(name):
    """Text of a vis-network 9.1.2 file shipped in the pyvis package, safe to inline."""
    text = _asset("pyvis", f"{_VIS_DIR}/{name}")
    # The source map comment would make devtools fetch a file that is not there.
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.M)
    # Never let library text close the element it is inlined in.
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.I)


@cache
def _csp(*scripts):
    """A Content-Security-Policy that lets only our own inline scripts run.

    Defence in depth: even if markup got into the page, inline event handlers
    and other scripts would not run, and nothing may be fetched.
    """
    hashes = " ".join(
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
