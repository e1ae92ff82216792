"""The build: announcements and facts files in, named graphs in the store, outputs on disk.

Inputs may be facts files (built as they are) or announcement texts (extracted
first). When a facts file's ``source`` is one of the texts given, the facts file
wins: it is the reviewed version of that text.

A build is incremental and idempotent: each announcement's graph carries a hash
of its facts, an unchanged announcement is skipped, a changed one has its graph
replaced whole, so building twice leaves the store as it was.

>>> from kg.store import open_store
>>> build([], open_store(":memory:")).built
0
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KGError
from .facts import find_facts_files, is_facts_path, load_facts, write_atomic
from .mapping import (
    ANNOUNCEMENT,
    CURATED_GRAPH,
    Identities,
    announcement_iri,
    announcement_quads,
    content_hash,
    curated_quads,
    load_identities,
)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
DEFAULT_INPUT = "data/announcements"
DEFAULT_ENTITIES = "data/entities.yaml"
DEFAULT_OUT = "out"

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


def find_inputs(paths):
    """Expand files and directories into (facts files, texts not covered by a facts file).

    Raises:
        KGError: if a named path does not exist.
    """
    facts, texts = [], []
    for p in map(Path, paths):
        if p.is_dir():
            files = sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
        elif p.is_file():
            files = [p]
        else:
            raise KGError(f"{p}: no such file or directory")
        for f in files:
            if is_facts_path(f):
                facts.append(f)
            elif f.suffix.lower() in TEXT_SUFFIXES and (p.is_file() or f.name.lower() != "readme.md"):
                texts.append(f)
    covered = set()
    for f in facts:
        source = _declared_source(f)
        if source is not None:
            covered.add(source.resolve())
    texts = [t for t in texts if t.resolve() not in covered]
    return sorted(set(facts)), sorted(set(texts))


def _declared_source(facts_path):
    """The text a facts file names as its source, without a full load."""
    try:
        for line in facts_path.read_text(encoding="utf-8", errors="replace").splitlines()[:12]:
            stripped = line.strip()
            if stripped.startswith("source:"):
                value = stripped[len("source:"):].strip().strip("'\"")
                return facts_path.parent / value if value else None
    except OSError:
        return None
    return None


def load_inputs(paths, *, on_error=None):
    """Yield FactsFiles for the inputs, extracting texts; failures go to ``on_error(message)``.

    One bad file never stops the others; without ``on_error`` the first failure raises.
    """
    facts, texts = find_inputs(paths)
    for path in facts:
        try:
            yield load_facts(path)
        except KGError as e:
            if on_error is None:
                raise
            on_error(str(e))
    if texts:
        from .extract import extract_file

        for path in texts:
            try:
                yield extract_file(path)
            except KGError as e:
                if on_error is None:
                    raise
                on_error(str(e))


def stored_hashes(store):
    """Announcement graph IRI -> content hash, for every announcement in the store."""
    return {row[0].value: row[1].value for row in store.query(_HASHES, union_default_graph=False)}


def build(inputs, store, *, identities=None, prune=False, force=False, on_error=None, progress=None):
    """Build facts files and announcement texts into a store.

    Args:
        inputs: paths of facts files, texts or directories (or loaded FactsFiles).
        store: an open store.
        identities: curated identities (see kg.mapping.load_identities).
        prune: also remove announcement graphs that are not among the inputs.
        force: rebuild announcements whose content hash is unchanged.
        on_error: called with a one-line message per failed input; without it the
            first failure raises.
        progress: called with each announcement id as it is handled.

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

    existing = stored_hashes(store)
    seen = {}
    paths = [i for i in inputs if not hasattr(i, "announcement")]
    loaded = [i for i in inputs if hasattr(i, "announcement")]
    stream = itertools.chain(loaded, load_inputs(paths, on_error=fail if on_error else None) if paths else ())
    for ff in stream:
        ann_id = ff.announcement.id
        where = str(ff.path) if ff.path else ann_id
        if ann_id in seen:
            message = f"{where}: announcement id {ann_id!r} is also used by {seen[ann_id]}"
            if on_error is None:
                raise KGError(message)
            fail(message)
            continue
        seen[ann_id] = where
        graph = announcement_iri(ann_id).value
        if not force and existing.get(graph) == content_hash(ff):
            report.unchanged += 1
        else:
            store.replace_graph(graph, announcement_quads(ff, identities))
            report.built += 1
        if progress:
            progress(ann_id)

    curated = curated_quads(identities)
    if curated or CURATED_GRAPH.value in store.graphs():
        store.replace_graph(CURATED_GRAPH.value, curated)
    if prune:
        keep = {announcement_iri(i).value for i in seen}
        for graph in existing:
            if graph.startswith(ANNOUNCEMENT) and graph not in keep:
                store.remove_graph(graph)
                report.removed += 1
    store.flush()
    report.quads = len(store)
    report.seconds = time.perf_counter() - started
    return report


def default_identities(path=None):
    """Load the curated entities file given, or ``data/entities.yaml`` when it exists."""
    if path:
        return load_identities(path)
    if Path(DEFAULT_ENTITIES).is_file():
        return load_identities(DEFAULT_ENTITIES)
    return Identities()


def write_outputs(store, out_dir, *, title="kg graph"):
    """Write the store's graph to ``out_dir``: TriG, NetworkX exports and the HTML view.

    Returns:
        The paths written, in order.
    """
    from .network import dumps_graph, to_networkx
    from .viz import write_html

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    trig = out / "graph.trig"
    write_atomic(trig, store.dump("trig"))
    written.append(trig)
    G = to_networkx(store)
    for fmt in ("json", "graphml"):
        path = out / f"graph.{fmt}"
        write_atomic(path, dumps_graph(G, fmt))
        written.append(path)
    html = out / "graph.html"
    write_html(G, html, title=title)
    written.append(html)
    return written
