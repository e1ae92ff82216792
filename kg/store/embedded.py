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

>>> store = EmbeddedStore(":memory:")
>>> store.query("ASK { ?s ?p ?o }")
False
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..files import write_atomic
from ..sandbox import run_confined
from ..mapping import KG
from ..schema import RELATIONS
from ..sparql import identity_filters, refuse_remote_access
from .base import QUAD_FORMATS, RDF_FORMATS, Capabilities, Result, SerializedGraph, drop_graphs_update, load_format, prefixes_for, rdf_format, repair_default_update

MEMORY = ":memory:"
#: The predicates whose objects every kg build writes as IRIs (see kg.sparql.identity_filters).
_ENTITY_RELATIONS = frozenset(KG + name for name, rel in RELATIONS.items() if not rel.literal)
class EmbeddedStore:
    """A pyoxigraph store on disk or in memory, holding one named graph per announcement."""

    def __init__(self, location=MEMORY, *, read_only=False, share=False):
        self.location = str(location)
        self.read_only = read_only
        self._snapshots = {}
        self._held_copy = None  # a snapshot of a store another process holds (share=True)
        self._count = None  # the quad count, known until the next write (Oxigraph counts by scanning)
        try:
            if self.location == MEMORY:
                self._store = ox.Store()
            elif read_only:
                if not Path(self.location).is_dir():
                    raise StoreError(f"no store at {self.location} (build one with: kg build --store {self.location})")
                self._store = ox.Store.read_only(self.location)
            else:
                Path(self.location).mkdir(parents=True, exist_ok=True)
                try:
                    self._store = ox.Store(self.location)
                except OSError as e:
                    if not (share and _is_lock_error(e)):
                        raise
                    self._store, self.read_only = self._open_held_copy(), True
        except OSError as e:
            raise StoreError(explain_open_error(self.location, e)) from None
        self.capabilities = Capabilities(persistent=self.location != MEMORY, transactional=True, remote=False, updatable=not self.read_only)
        if not self.read_only and self.location != MEMORY:
            self._drop_unfinished_writes()

    def _open_held_copy(self, attempts=3):
        """Read a store that another process (kg serve, kg build) holds open for writing.

        Opening it read-only while its owner writes is undefined behaviour in
        Oxigraph, so the read-only handle is used for one thing only: a backup
        (hard links, about a millisecond) into a private directory next to it,
        which nobody writes and which this store then reads. A backup that fails
        because the owner's compaction removed a file meanwhile is taken again.
        """
        self._held_copy = tempfile.mkdtemp(prefix=f".{Path(self.location).name}.kg-read-", dir=Path(self.location).resolve().parent)
        target = os.path.join(self._held_copy, "store")
        for attempt in range(attempts):
            try:
                ox.Store.read_only(self.location).backup(target)
                return ox.Store.read_only(target)
            except OSError:
                shutil.rmtree(target, ignore_errors=True)
                if attempt == attempts - 1:
                    self._drop_held_copy()
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _drop_held_copy(self):
        if self._held_copy:
            shutil.rmtree(self._held_copy, ignore_errors=True)
            self._held_copy = None

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
        refuse_remote_access(sparql)  # a clear error early; the guarantee is the confined thread
        sparql = identity_filters(sparql, _ENTITY_RELATIONS, prefixes_for("turtle"))
        substitutions = {ox.Variable(k): v for k, v in (params or {}).items()} or None
        try:
            return run_confined(_evaluate, self._store, sparql, prefixes=prefixes_for("turtle"), use_default_graph_as_union=union_default_graph, substitutions=substitutions)
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {str(e).splitlines()[0]}") from None
        except OSError as e:
            if _refused_socket(e):
                raise QueryError("the query tried to reach another machine (SERVICE or LOAD), and kg never does: queries run on a thread with no network access") from None
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
        if self._count is None:
            self._count = len(self._store)
        return self._count

    def dump(self, fmt="trig", graph=None):
        """Serialise the store (or one graph) as bytes in one of RDF_FORMATS.

        Quad formats get every graph, the default graph included; triple formats
        (Turtle, N-Triples) get the default graph: each current fact once.
        """
        fmt_ = rdf_format(fmt)
        if fmt in QUAD_FORMATS and graph is None:
            return self._store.dump(format=fmt_, prefixes=prefixes_for(fmt))
        g = ox.DefaultGraph() if graph is None else ox.NamedNode(graph) if isinstance(graph, str) else graph
        return self._store.dump(format=fmt_, from_graph=g, prefixes=prefixes_for(fmt))

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

        A transaction drops the graphs being replaced together with the
        default-graph triples that no other named graph states; then the new quads
        and their triples in the default graph are written. A small write goes in
        transactions of whole graphs, about WRITE_BATCH quads each (Oxigraph's
        transactions slow down as they grow): after each, the default graph is the
        set union of the named graphs. A write of BULK_WRITE quads or more on disk
        goes through Oxigraph's bulk loader, 3-4x faster but not atomic, under a
        journal that makes the next opener drop its graphs if it did not finish
        (_bulk_write). Either way a crash leaves the store consistent once it is
        reopened: each graph wholly new, or absent (and the next build puts it back
        because its content hash is missing). Quads that name another named graph
        (the shared entity descriptions) are added to that graph with set semantics.

        Returns:
            The number of graphs written.
        """
        self._check_writable()
        items = [(ox.NamedNode(graph), quads) for graph, quads in items]
        graphs = [g for g, _ in items]
        try:
            self._drop(graphs)
            # The build's workers send SerializedGraphs; other callers' quads take their graph here.
            written = [quads if isinstance(quads, SerializedGraph) else [_into(q, g) for q in quads] for g, quads in items]
            if self.location != MEMORY and 2 * sum(map(len, written)) >= BULK_WRITE:
                serialized = [w if isinstance(w, SerializedGraph) else SerializedGraph(w) for w in written]
                self._bulk_write(graphs, b"".join(w.nquads for w in serialized), b"".join(w.ntriples for w in serialized))
                return len(items)
            batch = []
            for quads in written:
                batch.extend(_with_default(quads))
                if len(batch) >= WRITE_BATCH:
                    self._store.extend(batch)
                    batch = []
            if batch:
                self._store.extend(batch)
        except OSError as e:
            raise StoreError(f"{self.location}: cannot write {len(items)} graphs: {e}") from None
        return len(items)

    def _bulk_write(self, graphs, nquads, default_ntriples):
        """Write graphs outside a transaction, with Oxigraph's bulk loader (3-4x faster).

        ``nquads`` holds the graphs' quads, ``default_ntriples`` their triples for the
        default graph; kg serialised both, so the loader may skip validating them
        (``lenient``).

        Such a write can stop half done, so the graphs it writes are named first in a
        journal file beside the store, which is removed once the write has returned:
        whoever next opens the store for writing drops the graphs a journal names
        (_drop_unfinished_writes), and the build, finding them absent, writes them again.
        """
        journal = self._journal
        write_atomic(journal, "".join(f"{g.value}\n" for g in graphs).encode())
        self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
        self._store.bulk_load(default_ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(), lenient=True)
        self._store.flush()
        journal.unlink()

    def _drop_unfinished_writes(self):
        """Drop the graphs of a bulk write that did not finish (a crash), with their facts."""
        try:
            names = self._journal.read_text(encoding="utf-8").split()
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as e:
            raise StoreError(f"{self._journal}: cannot read the list of unfinished writes: {e}") from None
        self._drop([ox.NamedNode(n) for n in names])
        self._store.flush()
        self._journal.unlink()

    @property
    def _journal(self):
        return Path(self.location) / "kg-unfinished-write"

    def _drop(self, graphs):
        """Remove named graphs and their facts no other graph states, in one transaction."""
        present = [g for g in graphs if self._store.contains_named_graph(g)]
        if present:
            self._confined_update(drop_graphs_update(present))

    def update(self, sparql):
        """Run a SPARQL 1.1 Update (one transaction), with kg's prefixes predeclared.

        The update is responsible for keeping the default graph in step (kg's own
        updates write both the named graph and the default graph). It is evaluated
        on kg's confined thread (kg.sandbox.run_confined), so ``LOAD`` or ``SERVICE``
        cannot open a connection whatever the text.

        Raises:
            QueryError: on a syntax error, or an update that tries to reach the network.
        """
        self._check_writable()
        refuse_remote_access(sparql)  # a clear error early; the guarantee is the confined thread
        try:
            self._confined_update(sparql, prefixes=prefixes_for("turtle"))
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {str(e).splitlines()[0]}") from None
        except OSError as e:
            if _refused_socket(e):
                raise QueryError("the update tried to reach another machine (SERVICE or LOAD), and kg never does: updates run on a thread with no network access") from None
            raise StoreError(f"{self.location}: update failed: {e}") from None

    def _confined_update(self, sparql, **kwargs):
        """Every update of this store, kg's own included, runs where no socket can be opened."""
        run_confined(self._store.update, sparql, **kwargs)

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
        self._confined_update(repair_default_update())

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
        self._drop_held_copy()

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
        """Refuse writes to a read-only store; otherwise drop what the write makes stale."""
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")
        self._drop_snapshots()
        self._count = None

    def __repr__(self):
        return f"<EmbeddedStore {self.location} {len(self)} quads>"


WRITE_BATCH = 4000  # quads per write transaction; a graph is never split
BULK_WRITE = 20_000  # quads from which one replace_graphs call writes through the bulk loader


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


def _evaluate(store, sparql, **kwargs):
    """Evaluate a query completely, on the calling (confined) thread.

    pyoxigraph's answers are lazy: a solution iterator evaluates as it is read, and a
    SERVICE clause would connect at that moment. So the answer is read to the end
    here, where no socket can be opened, and handed over as plain Python values.
    """
    answer = store.query(sparql, **kwargs)
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    if isinstance(answer, ox.QuerySolutions):
        # A solution iterates over its values in the order of the variables (None when
        # unbound): a third of the cost of indexing each one by name on big results.
        return Result([v.value for v in answer.variables], [tuple(sol) for sol in answer])
    return list(answer)


def _refused_socket(error):
    """True for the error the network filter gives a refused socket() (EACCES)."""
    return isinstance(error, PermissionError) or "os error 13" in str(error)


def _read_bytes(path):
    try:
        return path.read_bytes()
    except OSError:
        return None


def _is_lock_error(error):
    """Whether opening failed because another process holds the store's lock."""
    return "lock" in str(error).lower()


def explain_open_error(location, error):
    text = str(error)
    if _is_lock_error(error):
        return f"store {location} is in use by another kg process (wait for it to finish, or use --store elsewhere)"
    return f"cannot open store {location}: {text.splitlines()[0] if text else error}"

