"""Pictures of the graph for notebooks: the works map, the timeline, who connects.

Each ``draw_*`` function draws on a matplotlib ``Axes`` the caller made (so a
notebook decides sizes and shows the figure once); the data behind each picture
comes from a function that needs no matplotlib (`timeline`, `connectors`), so it
can be shown as a table too. matplotlib is imported only when drawing: it is an
extra (``pip install -e '.[notebook]'``), not a dependency of kg.

>>> from kg.network import from_quads, people_projection
>>> connectors(people_projection(from_quads([])))
[]
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from .network import WORK_TYPES, centrality, works_projection
from .query import run_query
from .viz import OTHER_STYLE, TYPE_STYLES

#: Announcements, renewals and premieres per work, with the announcement that says so.
#: A work is in an announcement when the announcement states a fact about it; a
#: season's renewal or premiere counts for its series.
TIMELINE_QUERY = """
SELECT DISTINCT ?w ?work ?type ?event ?date ?announcement WHERE {
  {
    GRAPH ?g { ?w ?p ?x . ?g dcterms:issued ?date ; dcterms:identifier ?announcement . }
    FILTER(?p != rdf:type && STRSTARTS(STR(?p), STR(kg:)))
    BIND("announcement" AS ?event)
  } UNION {
    GRAPH ?g { ?w kg:renewedFor ?season . ?g dcterms:issued ?date ; dcterms:identifier ?announcement . }
    BIND("renewal" AS ?event)
  } UNION {
    { GRAPH ?g { ?w kg:premiereDate ?date . ?g dcterms:identifier ?announcement . } }
    UNION
    { ?w kg:hasSeason ?part . GRAPH ?g { ?part kg:premiereDate ?date . ?g dcterms:identifier ?announcement . } }
    BIND("premiere" AS ?event)
  }
  ?w a ?type ; rdfs:label ?work .
  FILTER(?type IN (kg:Series, kg:Film))
}
ORDER BY ?date ?work ?event ?announcement
"""

#: How each kind of event is marked on the timeline: marker, colour, size.
EVENT_STYLES = {"announcement": ("o", "#9aa5b1", 30), "renewal": ("^", "#59a14f", 80), "premiere": ("*", "#e15759", 150)}


def timeline(store):
    """The events of each work as rows of (work, event, date, announcement), by date.

    ``event`` is ``announcement`` (the work is in it), ``renewal`` or ``premiere``;
    ``date`` is a ``datetime.date`` (an announcement's date, or the premiere date).
    Works that share a name are told apart by their type ("The Lincoln Lawyer (Film)").
    """
    found = run_query(store, TIMELINE_QUERY).values()
    works_named = {}
    for row in found:
        works_named.setdefault(row["work"], set()).add(row["w"])
    rows = []
    for row in found:
        try:
            day = dt.date.fromisoformat(str(row["date"])[:10])
        except ValueError:
            continue  # a date the announcement gave in a form no calendar reads
        work = row["work"]
        if len(works_named[work]) > 1:  # a series and a film of one name
            work = f"{work} ({str(row['type']).rpartition('#')[2]})"
        rows.append((work, row["event"], day, row["announcement"]))
    return rows


def connectors(P, top=10):
    """Who connects the universe: the ``top`` people of a collaboration graph by betweenness, as (name, score).

    People on no shortest path between others (score 0) are left out: a table
    of zeros says nothing.
    """
    return [(name, score) for name, _, score in centrality(P, "betweenness", top=top) if score > 0]


def draw_works_map(G, ax, *, seed=1):
    """Draw the works map of G on ``ax``: series and films, linked by the people and characters they share.

    Node size grows with the number of links, line width with the number of
    shared people and characters, and each line says how many; colours are the
    graph page's (kg.viz.TYPE_STYLES). The layout is seeded: the same graph
    always gives the same picture.

    Returns:
        The works projection that was drawn (kg.network.works_projection).
    """
    W = works_projection(G)
    pos = nx.spring_layout(W, seed=seed, weight="weight", k=1.8 / max(1, len(W)) ** 0.5)
    widths = [0.8 + 0.6 * d["weight"] for *_, d in W.edges(data=True)]
    colours = [TYPE_STYLES.get(W.nodes[n]["type"], OTHER_STYLE)[0] for n in W]
    sizes = [600 + 250 * W.degree(n) for n in W]
    nx.draw_networkx_edges(W, pos, ax=ax, width=widths, edge_color="#a3adb8")
    nx.draw_networkx_nodes(W, pos, ax=ax, node_color=colours, node_size=sizes, edgecolors="#333333", linewidths=0.8)
    names = [W.nodes[n]["label"] for n in W]
    labels = {n: W.nodes[n]["label"] + (f" ({W.nodes[n]['type']})" if names.count(W.nodes[n]["label"]) > 1 else "") for n in W}
    nx.draw_networkx_labels(W, pos, ax=ax, labels=labels, font_size=9)
    nx.draw_networkx_edge_labels(W, pos, ax=ax, edge_labels={(a, b): d["weight"] for a, b, d in W.edges(data=True)}, font_size=8)
    for kind in WORK_TYPES:
        ax.scatter([], [], color=TYPE_STYLES[kind][0], label=kind, s=60)
    ax.legend(loc="lower left", frameon=False)
    ax.set_title("The works map: a line's number is the people and characters two works share")
    ax.margins(0.12)
    ax.set_axis_off()
    return W


def draw_timeline(rows, ax):
    """Draw `timeline` rows on ``ax``: one line per work (first announced at the top), events along it."""
    rows, first = list(rows), {}
    for work, _, day, _ in rows:
        first[work] = min(day, first.get(work, day))
    works = sorted(first, key=lambda w: (first[w], w))
    line = {w: i for i, w in enumerate(works)}
    for event, (marker, colour, size) in EVENT_STYLES.items():
        picked = [(day, line[work]) for work, kind, day, _ in rows if kind == event]
        ax.scatter([d for d, _ in picked], [y for _, y in picked], marker=marker, color=colour, s=size, label=event, zorder=3,
                   edgecolors="#333333" if event != "announcement" else "none", linewidths=0.5)
    ax.set_yticks(range(len(works)), works)
    ax.set_ylim(len(works) - 0.5, -0.5)
    ax.grid(axis="x", color="#e5e5e5")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_title("Announcements, renewals and premieres per work")


def draw_connectors(people, ax):
    """Draw `connectors` rows on ``ax`` as horizontal bars, the highest at the top."""
    names = [name for name, _ in people]
    ax.barh(range(len(people)), [score for _, score in people], color=TYPE_STYLES["Person"][0])
    ax.set_yticks(range(len(people)), names)
    ax.invert_yaxis()
    ax.set_xlabel("betweenness in the collaboration graph (share of shortest paths through them)")
    ax.set_title("Who connects the universe")
