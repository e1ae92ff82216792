"""Where the graph lives: an embedded Oxigraph store on disk (default) or in memory.

kg keeps its graph in pyoxigraph, Oxigraph's Python binding: a real SPARQL 1.1
engine over a RocksDB store on disk. Measured on 1M triples it loads ten times
faster than rdflib's memory store and answers the canned queries 50-100x faster
(see README, "Why Oxigraph"). rdflib is still used where its breadth helps
(SHACL validation with pyshacl, format conversions in tests).

Every announcement is one named graph (its provenance), and the default graph
holds current knowledge as a set: every triple of every named graph, once. A
plain SPARQL query therefore counts each fact once however many announcements
state it, the same on this store and on any SPARQL server, while
``GRAPH ?g { ... }`` says which announcements stated it. The store keeps the two
in step on every write (see replace_graphs): each write is one transaction that
leaves the default graph equal to the set union of the named graphs.

>>> store = open_store(":memory:")
>>> store.query("ASK { ?s ?p ?o }")
False
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .sparql import refuse_remote_access

MEMORY = ":memory:"
DEFAULT_STORE = ".kg/store"

#: File suffixes and the RDF formats kg imports and exports.
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIX_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "ntriples", ".jsonld": "jsonld", ".json": "jsonld"}
QUAD_FORMATS = ("trig", "nquads", "jsonld")


def default_store_location():
    """The store kg uses when none is given: ``$KG_STORE`` or ``.kg/store``."""
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def open_store(location=None, *, read_only=False, create=True):
    """Open the store at ``location``.

    Args:
        location: a directory (created if missing), ``":memory:"``, or an
            ``http(s)://`` URL of a SPARQL 1.1 server; None means the default store.
        read_only: open an on-disk store without taking the write lock (only safe
            while no other process writes to it).
        create: create a missing on-disk store; reading commands pass False so that
            a mistyped path is an error, not a new empty store.

    Raises:
        StoreError: when the store cannot be opened (missing, locked, not a store).
    """
    location = str(location or default_store_location())
    if location.startswith(("http://", "https://")):
        from .remote import RemoteStore

        return RemoteStore(location)
    if not create and location != MEMORY and not Path(location).is_dir():
        raise StoreError(f"no store at {location} (build one with: kg build --store {location})")
    return EmbeddedStore(location, read_only=read_only)


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


class EmbeddedStore:
    """A pyoxigraph store on disk or in memory, holding one named graph per announcement."""

    def __init__(self, location=MEMORY, *, read_only=False):
        self.location = str(location)
        self.read_only = read_only
        self._snapshots = {}
        try:
            if self.location == MEMORY:
                self._store = ox.Store()
            elif read_only:
                if not Path(self.location).is_dir():
                    raise StoreError(f"no store at {self.location} (build one with: kg build --store {self.location})")
                self._store = ox.Store.read_only(self.location)
            else:
                Path(self.location).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(self.location)
        except OSError as e:
            raise StoreError(_explain_open_error(self.location, e)) from None

    # --- reading -------------------------------------------------------

    def query(self, sparql, *, params=None, union_default_graph=False):
        """Run a SPARQL query.

        Args:
            sparql: the query text.
            params: ``{variable name: pyoxigraph term}`` bound before evaluation (SEP-0007
                substitution, never pasted into the text).
            union_default_graph: read the union of all graphs (each triple once per
                graph holding it) instead of the default graph; kg never needs it.

        Returns:
            A Result for SELECT, a bool for ASK, a list of Triples for CONSTRUCT/DESCRIBE.

        Raises:
            QueryError: on a syntax error or a failure while evaluating.
        """
        refuse_remote_access(sparql)
        substitutions = {ox.Variable(k): v for k, v in (params or {}).items()} or None
        try:
            answer = self._store.query(
                sparql, prefixes=_prefixes("turtle"), use_default_graph_as_union=union_default_graph, substitutions=substitutions
            )
            if isinstance(answer, ox.QueryBoolean):
                return bool(answer)
            if isinstance(answer, ox.QuerySolutions):
                return Result([v.value for v in answer.variables], map(tuple, answer))
            return list(answer)
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {str(e).splitlines()[0]}") from None
        except OSError as e:
            raise QueryError(f"query failed: {e}") from None

    def quads(self, graph=None):
        """Iterate over the quads of one graph, or of every named graph (the provenance view).

        Args:
            graph: a graph IRI (str or NamedNode), ``ox.DefaultGraph()`` for the
                current knowledge, or None for the quads of all named graphs.
        """
        if graph is None:
            return (q for g in self._named() for q in self._store.quads_for_pattern(None, None, None, g))
        g = ox.NamedNode(graph) if isinstance(graph, str) else graph
        return self._store.quads_for_pattern(None, None, None, g)

    def graphs(self):
        """The IRIs of the named graphs, sorted."""
        return [g.value for g in self._named()]

    def _named(self):
        return sorted((g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)

    def __len__(self):
        return len(self._store)

    def dump(self, fmt="trig", graph=None):
        """Serialise the store (or one graph) as bytes in one of RDF_FORMATS.

        Quad formats get every graph, the default graph included; triple formats
        (Turtle, N-Triples) get the default graph: each current fact once.
        """
        rdf_format = _rdf_format(fmt)
        if fmt in QUAD_FORMATS and graph is None:
            return self._store.dump(format=rdf_format, prefixes=_prefixes(fmt))
        g = ox.DefaultGraph() if graph is None else ox.NamedNode(graph) if isinstance(graph, str) else graph
        return self._store.dump(format=rdf_format, from_graph=g, prefixes=_prefixes(fmt))

    # --- snapshots of derived views --------------------------------------

    def read_snapshot(self, name):
        """The bytes of a derived view kept with the store (see kg.network.to_networkx), or None.

        A snapshot is valid while no write went through this class since it was
        made (every write drops them) and the store still holds as many quads.
        """
        data = self._snapshots.get(name) if self.location == MEMORY else _read_bytes(self._snapshot_dir / name)
        if data is None:
            return None
        head, _, body = data.partition(b"\n")
        return body if head == str(len(self)).encode() else None

    def write_snapshot(self, name, data):
        """Keep a derived view with the store, stamped with the current quad count."""
        stamped = str(len(self)).encode() + b"\n" + data
        if self.location == MEMORY:
            self._snapshots[name] = stamped
        elif not self.read_only:
            from .files import write_atomic

            self._snapshot_dir.mkdir(exist_ok=True)
            write_atomic(self._snapshot_dir / name, stamped)

    def _drop_snapshots(self):
        self._snapshots = {}
        if self.location != MEMORY and self._snapshot_dir.is_dir():
            for f in self._snapshot_dir.iterdir():
                f.unlink(missing_ok=True)

    @property
    def _snapshot_dir(self):
        return Path(self.location) / "kg-snapshots"

    # --- writing -------------------------------------------------------

    def replace_graph(self, graph, quads):
        """Make a named graph hold exactly these quads; see replace_graphs."""
        self.replace_graphs([(graph, quads)])

    def replace_graphs(self, items):
        """Replace many named graphs, ``(graph IRI, quads)`` pairs, keeping the default graph in step.

        Two transactions: the first drops the graphs being replaced together with
        the default-graph triples that no other named graph states; the second
        inserts the new quads and their triples in the default graph. After either,
        the default graph is the set union of the named graphs, so a crash leaves
        the store consistent: each graph wholly new, or absent (and the next build
        puts it back because its content hash is missing). Quads that name another
        named graph (the shared entity descriptions) are added to that graph with
        set semantics.

        Returns:
            The number of graphs written.
        """
        self._check_writable()
        items = [(ox.NamedNode(graph), quads) for graph, quads in items]
        try:
            self._drop([g for g, _ in items])
            self._store.extend(_with_default(_into(q, g) for g, quads in items for q in quads))
        except OSError as e:
            raise StoreError(f"{self.location}: cannot write {len(items)} graphs: {e}") from None
        return len(items)

    def _drop(self, graphs):
        """Remove named graphs and their facts no other graph states, in one transaction."""
        present = [g for g in graphs if self._store.contains_named_graph(g)]
        if present:
            self._store.update(drop_graphs_update(present))

    def update(self, sparql):
        """Run a SPARQL 1.1 Update (one transaction), with kg's prefixes predeclared.

        The update is responsible for keeping the default graph in step (kg's own
        updates write both the named graph and the default graph).

        Raises:
            QueryError: on a syntax error.
        """
        self._check_writable()
        refuse_remote_access(sparql)
        try:
            self._store.update(sparql, prefixes=_prefixes("turtle"))
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {str(e).splitlines()[0]}") from None
        except OSError as e:
            raise StoreError(f"{self.location}: update failed: {e}") from None

    def remove_graph(self, graph):
        """Delete a named graph and the facts in it that no other graph states."""
        self._check_writable()
        self._drop([ox.NamedNode(graph)])

    def load(self, path, fmt=None, graph=None):
        """Import an RDF file; triple formats go into ``graph`` (required for them).

        The triples of the named graphs loaded are added to the default graph too,
        in the same transaction.
        """
        self._check_writable()
        path, fmt = Path(path), load_format(path, fmt, graph)
        target = ox.NamedNode(graph) if graph else None
        try:
            parsed = ox.parse(path=str(path), format=RDF_FORMATS[fmt])
            self._store.extend(_with_default(q if target is None and isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, target) for q in parsed))
        except SyntaxError as e:
            raise StoreError(f"{path}: {str(e).splitlines()[0]}") from None
        except OSError as e:
            raise StoreError(f"{path}: cannot read: {e}") from None

    def repair_default_graph(self):
        """Rebuild the default graph as the set union of the named graphs (one transaction).

        For stores written before kg kept the default graph, or written by other tools.
        """
        self._check_writable()
        self._store.update(REPAIR_UPDATE)

    def flush(self):
        """Make sure written data is on disk.

        Raises:
            StoreError: when it cannot be written (a full disk).
        """
        if self.location != MEMORY and not self.read_only:
            try:
                self._store.flush()
            except OSError as e:
                raise StoreError(f"{self.location}: cannot write: {e}") from None

    def close(self):
        """Release the store (and its lock on disk), flushing it first."""
        if getattr(self, "_store", None) is not None:
            try:
                self.flush()
            finally:
                self._store = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        try:
            self.close()
        except StoreError:
            if exc_type is None:
                raise
            # The error already on its way says what went wrong; a second one would only repeat it.

    def _check_writable(self):
        """Refuse writes to a read-only store; otherwise drop the snapshots the write makes stale."""
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")
        self._drop_snapshots()

    def __repr__(self):
        return f"<EmbeddedStore {self.location} {len(self)} quads>"


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


#: Rebuilds the default graph from the named graphs.
REPAIR_UPDATE = "DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def drop_graphs_update(graphs):
    """SPARQL Update text that drops named graphs and the default-graph facts only they state.

    One update request is one transaction on Oxigraph (embedded or server), so
    the default graph never holds a fact no named graph states.

    >>> print(drop_graphs_update([ox.NamedNode("http://ex/g")]))
    DELETE { ?s ?p ?o } WHERE { VALUES ?g { <http://ex/g> } GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER(?h NOT IN (<http://ex/g>)) } } ;
    DROP SILENT GRAPH <http://ex/g>
    """
    names = " ".join(str(ox.NamedNode(g) if isinstance(g, str) else g) for g in graphs)
    listed = ", ".join(names.split(" "))
    drops = " ;\n".join(f"DROP SILENT GRAPH {g}" for g in names.split(" "))
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h NOT IN ({listed})) }} }} ;\n{drops}"
    )


def _with_default(quads):
    """Each quad, and after a named-graph quad its triple in the default graph."""
    default = ox.DefaultGraph()
    for q in quads:
        yield q
        if isinstance(q.graph_name, ox.NamedNode):
            yield ox.Quad(q.subject, q.predicate, q.object, default)


def _into(quad, graph):
    """The quad in ``graph``, unless it names another named graph (shared descriptions keep theirs)."""
    if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name != graph:
        return quad
    return ox.Quad(quad.subject, quad.predicate, quad.object, graph)


def _read_bytes(path):
    try:
        return path.read_bytes()
    except OSError:
        return None


def _rdf_format(fmt):
    try:
        return RDF_FORMATS[fmt]
    except KeyError:
        raise StoreError(f"unknown RDF format {fmt!r} (one of {', '.join(RDF_FORMATS)})") from None


def _prefixes(fmt):
    from .mapping import PREFIXES

    return PREFIXES if fmt in ("trig", "turtle") else None


def _explain_open_error(location, error):
    text = str(error)
    if "lock" in text.lower():
        return f"store {location} is in use by another kg process (wait for it to finish, or use --store elsewhere)"
    return f"cannot open store {location}: {text.splitlines()[0] if text else error}"

