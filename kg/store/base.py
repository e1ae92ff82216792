"""What a store must do for kg, whatever it is: the interface and the shared pieces.

kg keeps its graph in one of two kinds of store: an embedded pyoxigraph store on
disk or in memory (:mod:`kg.store.embedded`), or a SPARQL 1.1 server reached over
HTTP (:mod:`kg.store.remote`). Both give the same answers to the same SPARQL;
:class:`Store` names the operations the build, the queries, the exports and the
server use, and :class:`Capabilities` says what one kind can do (as rdflib's
``Store`` does with ``context_aware`` and ``transaction_aware``), so callers ask
instead of testing types.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from ..errors import StoreError

#: kg's own graphs (announcements, entity descriptions, curated links) have IRIs under
#: this; a server's own graphs (Virtuoso's system graphs, say) do not, and kg never counts,
#: exports or drops them.
KG_GRAPHS = "https://w3id.org/entertainment-kg/"

#: Where kg keeps its default graph on a server whose default graph is the union of
#: every graph (Virtuoso): a named graph that queries name as their default graph.
DEFAULT_GRAPH_IRI = KG_GRAPHS + "graph/default"

#: The RDF formats kg imports and exports, by name.
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIX_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "ntriples", ".jsonld": "jsonld", ".json": "jsonld"}
QUAD_FORMATS = ("trig", "nquads", "jsonld")


@dataclass(frozen=True)
class Capabilities:
    """What a kind of store can do.

    Attributes:
        persistent: data outlives the process (not ``:memory:``).
        transactional: a batch of graph writes is applied whole or not at all.
        remote: the data lives on another server, reached over HTTP.
        updatable: it accepts writes (not a read-only open).
    """

    persistent: bool
    transactional: bool
    remote: bool
    updatable: bool


class SerializedGraph:
    """A graph's quads already serialised: as N-Quads, and as N-Triples for the default graph.

    The build's worker processes make these, so that the process writing the store
    hands bytes to the engine instead of building Python objects for every quad (on
    an embedded store's bulk writes, EmbeddedStore.replace_graphs). Iterating gives
    the quads, for every other writer. The quads keep the graphs they were given
    (an announcement's own graph, or a shared one such as the entity descriptions).
    """

    __slots__ = ("nquads", "ntriples", "count")

    def __init__(self, quads):
        quads = list(quads)
        self.nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        self.ntriples = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
        self.count = len(quads)

    def __iter__(self):
        return iter(ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS))

    def __len__(self):
        return self.count


class Result:
    """The rows of a SELECT query: column names and tuples of RDF terms (or None)."""

    def __init__(self, columns, rows):
        self.columns = list(columns)
        self.rows = [tuple(r) for r in rows]

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def values(self):
        """Rows as dicts of plain Python strings (unbound variables are None)."""
        return [{c: (None if t is None else t.value) for c, t in zip(self.columns, r)} for r in self.rows]

    def __repr__(self):
        return f"<Result {len(self.rows)} rows {self.columns}>"


@runtime_checkable
class Store(Protocol):
    """The operations kg needs from a store.

    Queries see kg's prefixes predeclared and bind ``params`` as RDF terms (never
    pasted as text); writes are whole named graphs, so building twice changes nothing.
    """

    location: str
    capabilities: Capabilities

    def query(self, sparql: str, *, params: dict | None = None):
        """A Result for SELECT, a bool for ASK, a list of Triples for CONSTRUCT/DESCRIBE."""

    def graphs(self) -> list[str]:
        """The IRIs of kg's named graphs, sorted."""

    def __len__(self) -> int:
        """The number of quads in kg's graphs."""

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph, or of all of kg's graphs."""

    def dump(self, fmt: str = "trig", graph: str | None = None) -> bytes:
        """The store (or one graph) serialised in one of RDF_FORMATS."""

    def replace_graphs(self, items: Iterable[tuple[str, Iterable[ox.Quad]]]) -> int:
        """Make each named graph hold exactly its quads; returns how many were written."""

    def remove_graph(self, graph: str) -> None:
        """Delete a named graph (absent is fine)."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update."""

    def load(self, path, fmt: str | None = None, graph: str | None = None) -> None:
        """Add an RDF file's content."""

    def flush(self) -> None:
        """Make written data durable."""

    def close(self) -> None:
        """Release the store."""


def load_format(path, fmt, graph):
    """The RDF format to read ``path`` with (from ``fmt`` or its suffix), checked for a load.

    Raises:
        StoreError: unknown format, or a triple format with no graph to load into.
    """
    path = Path(path)
    fmt = fmt or SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt not in RDF_FORMATS:
        raise StoreError(f"{path}: unknown RDF format (use one of {', '.join(RDF_FORMATS)})")
    if fmt not in QUAD_FORMATS and graph is None:
        raise StoreError(f"{path}: {fmt} holds triples only: name the graph to load them into")
    return fmt


def rdf_format(fmt):
    """The pyoxigraph format for one of RDF_FORMATS' names."""
    try:
        return RDF_FORMATS[fmt]
    except KeyError:
        raise StoreError(f"unknown RDF format {fmt!r} (one of {', '.join(RDF_FORMATS)})") from None


def prefixes_for(fmt):
    """kg's prefixes for the formats that can declare them."""
    from ..mapping import PREFIXES

    return PREFIXES if fmt in ("trig", "turtle") else None


def is_kg_graph(iri):
    """True for the IRIs of kg's own named graphs."""
    return iri.startswith(KG_GRAPHS)


def drop_graphs_update(graphs, default=None):
    """SPARQL Update text that drops named graphs and the default-graph facts only they state.

    One update request is one transaction on Oxigraph (embedded or server), so the
    default graph never holds a fact that no named graph states.

    Args:
        graphs: IRIs (strings or NamedNodes) of the graphs to drop.
        default: the IRI of the named graph that stands for the default graph on
            servers that have none of their own (see DEFAULT_GRAPH_IRI); None for
            the real default graph.

    >>> print(drop_graphs_update([ox.NamedNode("http://ex/g")]))
    DELETE { ?s ?p ?o } WHERE { VALUES ?g { <http://ex/g> } GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER(?h NOT IN (<http://ex/g>)) } } ;
    DROP SILENT GRAPH <http://ex/g>
    """
    names = [str(ox.NamedNode(g) if isinstance(g, str) else g) for g in graphs]
    others = ", ".join(names + ([str(ox.NamedNode(default))] if default else []))
    target = f"GRAPH {ox.NamedNode(default)} {{ ?s ?p ?o }}" if default else "?s ?p ?o"
    drops = " ;\n".join(f"DROP SILENT GRAPH {g}" for g in names)
    return (
        f"DELETE {{ {target} }} WHERE {{ VALUES ?g {{ {' '.join(names)} }} GRAPH ?g {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h NOT IN ({others})) }} }} ;\n{drops}"
    )


def repair_default_update(default=None):
    """SPARQL Update text that rebuilds the default graph as the set union of kg's named graphs.

    For stores written before kg kept the default graph, or written by other tools.
    Only kg's graphs count: a server's own graphs (Virtuoso's system graphs) are not facts.

    >>> print(repair_default_update())
    DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/entertainment-kg/")) }
    """
    if default is None:
        return f"DROP SILENT DEFAULT ; INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {ox.Literal(KG_GRAPHS)})) }}"
    d = ox.NamedNode(default)
    return f"DROP SILENT GRAPH {d} ; INSERT {{ GRAPH {d} {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {ox.Literal(KG_GRAPHS)}) && ?g != {d}) }}"
