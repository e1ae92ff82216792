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
from typing import Iterable, Iterator, Protocol, runtime_checkable

import pyoxigraph as ox

from ..errors import StoreError

#: kg's own graphs (announcements, entity descriptions, curated links) have IRIs under
#: this; a server's own graphs (Virtuoso's system graphs, say) do not, and kg never counts,
#: exports or drops them.
KG_GRAPHS = "https://w3id.org/entertainment-kg/"

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
