"""The build: announcements and facts files in, named graphs in the store, outputs on disk.

Inputs may be facts files (built as they are) or announcement texts (extracted
first). When a facts file's ``source`` is one of the texts given, the facts file
wins: it is the reviewed version of that text.

A build is incremental and idempotent: each announcement's graph carries a hash
of its facts, an unchanged announcement is skipped, a changed one has its graph
replaced whole, so building twice leaves the store as it was.

The default graph is current knowledge as a set: each triple of the named
graphs once. The store keeps it in step on every write (``replace_graphs``,
``remove_graph``), and this module's own updates write both graphs, so counting
in plain SPARQL counts facts, not restatements.

>>> from kg.store import open_store
>>> build([], open_store(":memory:")).built
0
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import KGError
from .facts import is_facts_path, load_facts
from .files import write_all
from .network import SNAPSHOT, write_snapshot
from .store import SerializedGraph
from .mapping import (
    ANNOUNCEMENT,
    CURATED_GRAPH,
    ENTITIES_GRAPH,
    Identities,
    announcement_iri,
    announcement_quads,
    content_hash,
    curated_quads,
    kg_term,
    load_identities,
)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
DEFAULT_INPUT = "data/announcements"
DEFAULT_ENTITIES = "data/entities.yaml"
DEFAULT_OUT = "out"

#: Stores up to this size keep a NetworkX snapshot (kg.network.to_networkx); above it, making
#: one after every build would cost minutes and gigabytes, so exports read the quads.
SNAPSHOT_MAX_QUADS = 2_000_000

_CONTENT_HASH = kg_term("contentHash")
_SOURCE_HASH = kg_term("sourceHash")

_STATE = """
SELECT ?g ?hash ?source WHERE {
  GRAPH ?g { ?g a kg:Announcement ; kg:contentHash ?hash . OPTIONAL { ?g kg:sourceHash ?source } }
}
"""

_HASHES = """
SELECT ?g ?hash WHERE { GRAPH ?g { ?g a kg:Announcement ; kg:contentHash ?hash } }
"""


@dataclass
class BuildReport:
    """What a build did: counts, failures (one line each) and time taken."""

    built: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[str] = field(default_factory=list)
    quads: int = 0
    seconds: float = 0.0

    def summary(self):
        parts = [f"{self.built} built", f"{self.unchanged} unchanged"]
        if self.removed:
            parts.append(f"{self.removed} removed")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return f"{', '.join(parts)}; {self.quads} quads in the store ({self.seconds:.2f} s)"


def _expand(paths):
    """(path as named, file) for each file a path names: itself, or every file under a directory but hidden ones."""
    for p in map(Path, paths):
        if p.is_dir():
            files = sorted((q for q in p.rglob("*") if not q.name.startswith(".") and q.is_file()), key=_path_order)
        elif p.is_file():
            files = [p]
        else:
            raise KGError(f"{p}: no such file or directory")
        for f in files:
            yield p, f


def _is_text(named, f):
    """An announcement text: a text suffix; in a directory, a README.md is the folder's own notes."""
    return f.suffix.lower() in TEXT_SUFFIXES and (named.is_file() or f.name.lower() != "readme.md")


def find_texts(paths):
    """The announcement texts that paths name: files as given, and the texts found under directories.

    Raises:
        KGError: if a named path does not exist.
    """
    return sorted({f for p, f in _expand(paths) if p.is_file() or _is_text(p, f)}, key=_path_order)


def find_inputs(paths):
    """Expand files and directories into (facts files, texts not covered by a facts file).

    Raises:
        KGError: if a named path does not exist.
    """
    facts, texts = [], []
    for p, f in _expand(paths):
        if is_facts_path(f):
            facts.append(f)
        elif _is_text(p, f):
            texts.append(f)
    real = _RealPaths()
    covered = set()
    for f in facts:
        source = _declared_source(f)
        if source is not None:
            covered.add(real(source))
    texts = [t for t in texts if real(t) not in covered]
    return sorted(set(facts), key=_path_order), sorted(set(texts), key=_path_order)


def _path_order(path):
    """Sort key giving pathlib's order (by parts) at a fraction of the cost of comparing Paths."""
    return path.parts


class _RealPaths:
    """``os.path.realpath`` of many files, resolving each directory once.

    The real path of dir/name is the real path of dir joined with name, unless name is
    itself a symbolic link (then it is resolved whole): exact, and a hundred thousand
    files in one folder cost one resolution of the folder.
    """

    def __init__(self):
        self.dirs = {}

    def __call__(self, path):
        path = os.fspath(path)
        head, name = os.path.split(os.path.abspath(path))
        if name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        if head not in self.dirs:
            self.dirs[head] = os.path.realpath(head)
        return os.path.join(self.dirs[head], name)


def _declared_source(facts_path):
    """The text a facts file names as its source, read from the file's first lines only."""
    try:
        with open(facts_path, encoding="utf-8", errors="replace") as f:
            head = [line for _, line in zip(range(12), f)]
    except OSError:
        return None
    for line in head:
        stripped = line.strip()
        if stripped.startswith("source:"):
            value = stripped[len("source:"):].strip().strip("'\"")
            return facts_path.parent / value if value else None
    return None


def stored_hashes(store):
    """Announcement graph IRI -> content hash, for every announcement in the store."""
    return {row[0].value: row[1].value for row in store.query(_HASHES)}


def source_hash(path, raw=None):
    """SHA-256 of an input file's name and bytes: equal means "same input, skip it".

    The name is part of it because an extracted announcement's id comes from its file
    name, so a renamed copy is a different announcement.
    """
    path = Path(path)
    raw = path.read_bytes() if raw is None else raw
    return hashlib.sha256(path.name.encode() + b"\0" + raw).hexdigest()


def _stored_state(store):
    """(graph -> content hash, source hash -> graph) for every announcement in the store."""
    content, sources = {}, {}
    for g, h, src in store.query(_STATE):
        content[g.value] = h.value
        if src is not None:
            sources[src.value] = g.value
    return content, sources


@dataclass
class _Item:
    """One input after the worker: what the main process needs to write it (picklable)."""

    where: str
    ann_id: str = ""
    content_hash: str = ""
    source_hash: str | None = None
    quads: SerializedGraph | None = None
    error: str | None = None
    skipped: bool = False


_worker_identities = None
#: Batches written between two flushes of the store's memtables.
_FLUSH_EVERY = 4
_PASS = ("skip", "error")


def _init_worker(identities):
    global _worker_identities
    _worker_identities = identities


def _process(task):
    """Load or extract one input and map it to N-Quads; runs in a worker process or inline."""
    kind, path, shash = task
    where = str(path)
    if kind == "error":
        return _Item(where, error=shash)
    if kind == "skip":
        return _Item(where, ann_id=shash[len(ANNOUNCEMENT):], skipped=True)
    try:
        if kind == "facts":
            ff = load_facts(path)
        else:
            from .extract import extract_file

            ff = extract_file(path)
        quads = announcement_quads(ff, _worker_identities)
    except KGError as e:
        return _Item(where, error=str(e))
    graph = announcement_iri(ff.announcement.id)
    chash = next((q.object.value for q in quads if q.predicate == _CONTENT_HASH and q.subject == graph), None) or content_hash(ff)
    if shash is not None:
        quads.append(ox.Quad(graph, _SOURCE_HASH, ox.Literal(shash), graph))
    return _Item(str(ff.path) if ff.path else where, ff.announcement.id, chash, shash, SerializedGraph(quads))


def _process_chunk(tasks):
    return [_process(t) for t in tasks]


def _ordered(tasks, jobs, identities, chunk=32):
    """Yield an _Item per task, in order, using ``jobs`` worker processes.

    Skips and read errors are answered here without a worker. At most ``4 * jobs``
    chunks are in flight, so memory stays bounded however many inputs there are and
    however slowly the store writes.
    """
    _init_worker(identities)
    if jobs <= 1:
        for t in tasks:
            yield _process(t)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent holds an open RocksDB store and its threads.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(identities,)) as pool:
        window = deque()
        it = iter(tasks)
        while True:
            c = list(itertools.islice(it, chunk))
            if not c:
                break
            if all(t[0] in _PASS for t in c):
                window.append(c)
            else:
                window.append(pool.submit(_process_chunk, c))
            while len(window) >= 4 * jobs:
                yield from _resolve(window.popleft())
        while window:
            yield from _resolve(window.popleft())


def _resolve(entry):
    return [_process(t) for t in entry] if isinstance(entry, list) else entry.result()


def build(inputs, store, *, identities=None, prune=False, force=False, on_error=None, progress=None, jobs=1, batch_size=500, on_total=None):
    """Build facts files and announcement texts into a store.

    Inputs are streamed: at most ``batch_size`` announcements are held in memory, and
    each batch is written with one transaction after the graphs it replaces are
    dropped, so a crash leaves every announcement wholly present or absent (an absent
    one has no hashes, so the next build puts it back).

    An input file whose name and bytes are unchanged since the last build (its
    ``kg:sourceHash``) is skipped without being read, parsed or extracted; a changed
    file whose facts are unchanged (``kg:contentHash``) is not rewritten.

    Args:
        inputs: paths of facts files, texts or directories (or loaded FactsFiles).
        store: an open store.
        identities: curated identities (see kg.mapping.load_identities).
        prune: also remove announcement graphs that are not among the inputs.
        force: rebuild announcements whose content hash is unchanged.
        on_error: called with a one-line message per failed input; without it the
            first failure raises.
        progress: called with each announcement id as it is handled.
        jobs: worker processes for loading and extracting inputs (order is kept).
        batch_size: announcements per store transaction.
        on_total: called once with the number of inputs, before the first is handled.

    Returns:
        A BuildReport.

    Raises:
        KGError: when two inputs carry the same announcement id, or on the first
            failure when ``on_error`` is None.
    """
    started = time.perf_counter()
    identities = identities or Identities()
    report = BuildReport()

    def fail(message):
        report.failed.append(message)
        if on_error:
            on_error(message)

    if needs_default_graph(store):
        store.repair_default_graph()
    existing, by_source = _stored_state(store)
    seen = {}
    paths = [i for i in inputs if not hasattr(i, "announcement")]
    loaded = [i for i in inputs if hasattr(i, "announcement")]
    facts, texts = find_inputs(paths) if paths else ([], [])
    if on_total:
        on_total(len(loaded) + len(facts) + len(texts))

    def tasks():
        # Hashing happens here, in order, so that unchanged inputs never reach a worker.
        for kind, group in (("facts", facts), ("text", texts)):
            for path in group:
                try:
                    shash = source_hash(path)
                except OSError as e:
                    yield ("error", path, f"{path}: cannot read: {e.strerror or e}")
                    continue
                graph = None if force else by_source.get(shash)
                if graph is not None and graph in existing:
                    yield ("skip", path, graph)
                else:
                    yield (kind, path, shash)

    batch, updates, written = [], [], [0]

    def flush():
        if batch:
            store.replace_graphs(batch)
            report.built += len(batch)
            batch.clear()
            written[0] += 1
            if written[0] % _FLUSH_EVERY == 0:
                # RocksDB keeps written data in memtables until flushed; without this,
                # RSS grows by ~85 MB per 1,000 announcements (measured), so memory is
                # bounded by batch_size * _FLUSH_EVERY announcements, not the corpus.
                store.flush()
        for graph, shash in updates:
            _set_source_hash(store, graph, shash)
        updates.clear()

    for item in _stream(loaded, tasks(), jobs, identities):
        if item.error is not None:
            if on_error is None:
                raise KGError(item.error)
            fail(item.error)
            continue
        ann_id = item.ann_id
        if ann_id in seen:
            message = f"{item.where}: announcement id {ann_id!r} is also used by {seen[ann_id]}"
            if on_error is None:
                raise KGError(message)
            fail(message)
            continue
        seen[ann_id] = item.where
        graph = announcement_iri(ann_id).value
        if item.skipped:
            report.unchanged += 1
        elif not force and existing.get(graph) == item.content_hash:
            report.unchanged += 1
            if item.source_hash is not None:
                updates.append((graph, item.source_hash))
        else:
            batch.append((graph, item.quads))
            if len(batch) >= batch_size:
                flush()
        if progress:
            progress(ann_id)
    flush()

    curated = curated_quads(identities)
    if set(curated) != set(store.quads(CURATED_GRAPH.value)):
        store.replace_graph(CURATED_GRAPH.value, curated)
    if prune:
        keep = {announcement_iri(i).value for i in seen}
        for graph in existing:
            if graph.startswith(ANNOUNCEMENT) and graph not in keep:
                store.remove_graph(graph)
                report.removed += 1
    if report.built or report.removed:
        drop_orphan_descriptions(store)
    if hasattr(store, "read_snapshot") and len(store) <= SNAPSHOT_MAX_QUADS and store.read_snapshot(SNAPSHOT) is None:
        # The NetworkX view, kept with the store so that exports need not decode every quad.
        write_snapshot(store)
    store.flush()
    report.quads = len(store)
    report.seconds = time.perf_counter() - started
    return report


def _process_loaded(ff, identities):
    _init_worker(identities)
    quads = announcement_quads(ff, identities)
    return _Item(str(ff.path) if ff.path else ff.announcement.id, ff.announcement.id, content_hash(ff), None, SerializedGraph(quads))


def _stream(loaded, tasks, jobs, identities):
    """Items for the loaded FactsFiles, then for the path tasks, in order."""
    for ff in loaded:
        yield _process_loaded(ff, identities)
    yield from _ordered(tasks, jobs, identities)


def _set_source_hash(store, graph, shash):
    """Record a new source hash on an announcement whose facts did not change (both graphs)."""
    store.update(
        f"DELETE {{ GRAPH ?g {{ ?g kg:sourceHash ?h }} }} WHERE {{ VALUES ?g {{ <{graph}> }} GRAPH ?g {{ ?g kg:sourceHash ?h }} }};\n"
        f"DELETE WHERE {{ <{graph}> kg:sourceHash ?h }};\n"
        f"INSERT DATA {{ <{graph}> kg:sourceHash \"{shash}\" GRAPH <{graph}> {{ <{graph}> kg:sourceHash \"{shash}\" }} }}"
    )


def needs_default_graph(store):
    """True when named graphs hold facts but the default graph is empty (a store from before kg kept it)."""
    return not store.query("ASK { ?s ?p ?o }") and store.query("ASK { GRAPH ?g { ?s ?p ?o } }")


# An orphan's description is stated by the entities graph alone, so it leaves the
# default graph with it.
_DROP_ORPHANS = """
DELETE { GRAPH ?entities { ?e ?p ?o } ?e ?p ?o }
WHERE {
  VALUES ?entities { <%(entities)s> }
  GRAPH ?entities { ?e ?p ?o }
  FILTER NOT EXISTS { GRAPH ?g { ?e ?p2 ?o2 } FILTER(STRSTARTS(STR(?g), "%(announcement)s")) }
  FILTER NOT EXISTS { GRAPH ?h { ?s2 ?p3 ?e } FILTER(STRSTARTS(STR(?h), "%(announcement)s")) }
}
""" % {"entities": ENTITIES_GRAPH.value, "announcement": ANNOUNCEMENT}


def drop_orphan_descriptions(store):
    """Remove the types and labels of entities that no announcement mentions any more.

    Entity descriptions are shared by announcements (kg.mapping.ENTITIES_GRAPH), so
    replacing or removing an announcement cannot drop them; this sweep does, so a
    rebuilt graph holds nothing stale.
    """
    store.update(_DROP_ORPHANS)


def default_identities(path=None):
    """Load the curated entities file given, or ``data/entities.yaml`` when it exists."""
    if path:
        return load_identities(path)
    if Path(DEFAULT_ENTITIES).is_file():
        return load_identities(DEFAULT_ENTITIES)
    return Identities()


def write_outputs(store, out_dir, *, title="kg graph"):
    """Write the store's graph to ``out_dir``: TriG, NetworkX exports and the HTML view.

    The four files are written as one set (:func:`kg.files.write_all`): when one cannot
    be written (a full disk), none is replaced.

    Returns:
        The paths written, in order.

    Raises:
        KGError: one line naming the file that could not be written.
    """
    from .network import dumps_graph, to_networkx
    from .query import provenance_index
    from .viz import to_html

    out = Path(out_dir)
    G = to_networkx(store)
    outputs = {out / "graph.trig": store.dump("trig")}
    for fmt in ("json", "graphml"):
        outputs[out / f"graph.{fmt}"] = dumps_graph(G, fmt)
    outputs[out / "graph.html"] = to_html(G, title=title, provenance=provenance_index(store))
    write_all(outputs)
    return list(outputs)
