"""Worker processes: the query workers, the store's one writer, and the snapshots.

Evaluation happens in spawned worker processes. A query past its time limit is
stopped by killing its worker, which is replaced; the others keep answering
(pyoxigraph has no timeout of its own).

An on-disk Oxigraph store has one read-write opener, and opening it read-only while
another process writes is undefined behaviour. So one writer process holds the store
(and applies updates when allowed), and after each write it takes a snapshot with
``Store.backup`` (hard links, milliseconds) that the query workers open read-only.
Readers never touch a directory anyone writes.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from .config import ProtocolError
from .formats import DATASET_OFFERS, GRAPH_OFFERS, RDF_IN, RDF_OUT, RESULT_OFFERS, RESULT_TYPES, Budget, negotiated, serialize_boolean, serialize_solutions, serialize_triples
from ..sandbox import SandboxError, install_network_filter, limit_memory
from ..store.base import Result
from .canned import canned_result, op_canned
from .policy import apply_using, check_update, checked_query, clear_silently, parse_error

# --- worker processes ---------------------------------------------------------


def _warm_up():
    # Import what every request needs once, at start, not on the first query.
    import rdflib.plugins.sparql.algebra  # noqa: F401
    import rdflib.plugins.sparql.parser  # noqa: F401

    from .. import mapping  # noqa: F401


def _confine(conn, max_memory=None):
    """Make this worker unable to open network sockets (and bound its memory) before any work."""
    try:
        install_network_filter()
        limit_memory(max_memory)
    except (SandboxError, OSError, ValueError) as e:
        conn.send(("failed", f"cannot confine the kg serve worker: {e}"))
        return False
    return True


def _reader_main(conn, max_memory=None):
    """A query worker: evaluates read requests on read-only snapshots, confined."""
    _warm_up()
    if not _confine(conn, max_memory):
        return
    conn.send(("ready", os.getpid()))
    state = {"store": None, "opened": None}

    def handle(task):
        if task["snapshot"] != state["opened"]:
            state["store"] = None
            state["store"] = ox.Store.read_only(task["snapshot"])
            state["opened"] = task["snapshot"]
        return _READ_OPS[task["op"]](state["store"], task)

    _serve_tasks(conn, handle)


def _serve_tasks(conn, handle):
    """Answer tasks from the parent until it goes: ``("ok", ...)`` or ``("error", status, message)``."""
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", *handle(task))
        except ProtocolError as e:
            reply = ("error", e.status, e.message)
        except MemoryError:
            reply = ("error", 503, "the query needs more memory than the server lets one query use (kg serve --max-memory)")
        except Exception as e:
            reply = ("error", 500, f"internal error: {type(e).__name__}: {e}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


def _evaluate(store, task):
    """Check and run a query; returns the raw pyoxigraph answer."""
    from ..mapping import PREFIXES

    froms = checked_query(task["query"], task["base"])
    default, named = task.get("default_graphs"), task.get("named_graphs")
    protocol_dataset = default is not None or named is not None
    if not protocol_dataset:
        # The protocol's dataset overrides FROM; without one, FROM must name a graph here.
        for g in froms:
            if not store.contains_named_graph(ox.NamedNode(g)):
                raise ProtocolError(400, f"FROM <{g}> names no graph in this store; kg serve never fetches graphs from the web")
    kwargs = {}
    if protocol_dataset:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named or []]
    try:
        # kg's default graph already holds every fact once (kg.store); the union would repeat them.
        return store.query(task["query"], base_iri=task["base"], prefixes=PREFIXES, **kwargs)
    except SyntaxError as e:
        raise parse_error("query", e) from None
    except OSError as e:
        raise ProtocolError(500, f"query failed: {e}") from None


def _op_query(store, task):
    answer = _evaluate(store, task)
    budget = Budget(task["max_rows"], task["max_bytes"])
    accept = task.get("accept")
    try:
        if isinstance(answer, ox.QueryBoolean):
            fmt = negotiated(accept, RESULT_OFFERS)
            return RESULT_TYPES[fmt], serialize_boolean(bool(answer), fmt)
        if isinstance(answer, ox.QuerySolutions):
            fmt = negotiated(accept, RESULT_OFFERS)
            variables = [v.value for v in answer.variables]
            rows = ([sol[v] for v in variables] for sol in answer)
            return RESULT_TYPES[fmt], serialize_solutions(variables, rows, fmt, budget)
        fmt = negotiated(accept, GRAPH_OFFERS)
        return RDF_OUT[fmt][1], serialize_triples(answer, fmt, budget)
    except OSError as e:
        raise ProtocolError(500, f"query failed: {e}") from None



def _op_graph(store, task):
    """Graph Store GET: one graph, the default graph, or the whole dataset."""
    budget = Budget(task["max_rows"], task["max_bytes"])
    graph = task.get("graph")
    if graph == "*":
        fmt = negotiated(task.get("accept"), DATASET_OFFERS)
        quads = []
        for q in store.quads_for_pattern(None, None, None, None):
            budget.row()
            quads.append(q)
        from ..mapping import PREFIXES

        data = ox.serialize(quads, format=RDF_OUT[fmt][0], prefixes=PREFIXES if fmt == "trig" else None) or b""
        budget.add(len(data))
        return RDF_OUT[fmt][1], data
    if graph is None:
        g = ox.DefaultGraph()
    else:
        g = ox.NamedNode(graph)
        if not store.contains_named_graph(g):
            raise ProtocolError(404, f"no graph <{graph}> in this store")
    fmt = negotiated(task.get("accept"), GRAPH_OFFERS)
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g))
    return RDF_OUT[fmt][1], serialize_triples(triples, fmt, budget)


def _op_graphview(store, task):
    """A query's answer as kg's HTML graph view (nodes are the IRIs it names)."""
    from ..network import from_quads
    from ..viz import to_html

    rows, triples = (), ()
    if "canned" in task:
        answer = canned_result(store, task)  # the rows /queries/NAME answers
        rows = answer.rows if isinstance(answer, Result) else ()
    else:
        answer = _evaluate(store, task)
        if isinstance(answer, ox.QuerySolutions):
            rows = answer
        elif not isinstance(answer, ox.QueryBoolean):
            triples = answer
    budget = Budget(task["max_rows"], task["max_bytes"])
    iris, extra = set(), []
    for row in rows:
        budget.row()
        iris.update(t.value for t in row if isinstance(t, ox.NamedNode))
    for t in triples:
        budget.row()
        extra.append(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
        iris.update(x.value for x in (t.subject, t.object) if isinstance(x, ox.NamedNode))
    quads = list(extra)
    for iri in sorted(iris)[: task.get("max_nodes", 2000)]:
        for q in store.quads_for_pattern(ox.NamedNode(iri), None, None, None):
            budget.row()
            quads.append(q)
    G = from_quads(quads)
    html = to_html(G, title=task.get("title") or "kg query result")
    data = html.encode("utf-8")
    budget.add(len(data))
    return "text/html; charset=utf-8", data


_READ_OPS = {"query": _op_query, "graph": _op_graph, "graphview": _op_graphview, "canned": op_canned}


def _writer_main(conn, location):
    """The store's one read-write opener: applies writes and takes snapshots, confined."""
    _warm_up()
    if not _confine(conn):
        return
    try:
        store = ox.Store(location)
    except OSError as e:
        from ..store import explain_open_error

        conn.send(("failed", explain_open_error(location, e)))
        return
    conn.send(("ready", os.getpid()))
    _serve_tasks(conn, lambda task: _WRITE_OPS[task["op"]](store, task))
    store.flush()


def _op_snapshot(store, task):
    store.backup(task["path"])
    return ()


def _op_update(store, task):
    from ..mapping import PREFIXES

    text, base = task["update"], task["base"]
    default, named = task.get("using_graphs") or [], task.get("using_named_graphs") or []
    using_given = bool(default or named)
    using, modifies, _ = check_update(text, base, using_given)
    for g in using:
        if not store.contains_named_graph(ox.NamedNode(g)):
            raise ProtocolError(400, f"USING <{g}> names no graph in this store; kg serve never fetches graphs from the web")
    if using_given and modifies:
        text = apply_using(text, default, named)
    text = clear_silently(text)
    if text != task["update"]:
        # What will run is parsed and checked again, and must carry the dataset everywhere.
        _, again, with_using = check_update(text, base, False)
        if using_given and with_using != again:
            raise ProtocolError(400, "cannot apply using-graph-uri to every operation of this update")
    try:
        store.update(text, base_iri=base, prefixes=PREFIXES)
    except SyntaxError as e:
        raise parse_error("update", e) from None
    except OSError as e:
        raise ProtocolError(500, f"update failed: {e}") from None
    return ()


def _parse_payload(task):
    try:
        return list(ox.parse(task["data"], format=RDF_IN[task["ctype"]], base_iri=task["base"]))
    except SyntaxError as e:
        raise ProtocolError(400, f"cannot parse the {task['ctype']} payload: {str(e).splitlines()[0]}") from None


def _op_put(store, task):
    """Replace a graph (or add to it, for POST) in one transaction."""
    graph = task.get("graph")
    items = _parse_payload(task)
    if graph == "*":
        # POST to the dataset: quads keep their graphs.
        store.extend([q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in items])
        return (204,)
    g = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    if any(isinstance(q, ox.Quad) and not isinstance(q.graph_name, ox.DefaultGraph) for q in items):
        raise ProtocolError(400, "the payload holds named graphs; send triples to a graph (or POST quads to /store)")
    existed = graph is None or store.contains_named_graph(g)
    quads = [ox.Quad(q.subject, q.predicate, q.object, g) for q in items]
    if task["op"] == "post":
        store.extend(quads)
    else:
        # DROP + INSERT DATA in one update, so that readers never see half a graph.
        target = f"GRAPH {g} " if graph else ""
        body = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
        drop = f"DROP SILENT GRAPH {g}" if graph else "DROP SILENT DEFAULT"
        store.update(f"{drop} ; INSERT DATA {{ {target}{{ {body.decode('utf-8')} }} }}")
    return (204 if existed else 201,)


def _op_delete(store, task):
    graph = task.get("graph")
    if graph is None:
        store.clear_graph(ox.DefaultGraph())
        return (204,)
    g = ox.NamedNode(graph)
    if not store.contains_named_graph(g):
        raise ProtocolError(404, f"no graph <{graph}> in this store")
    store.remove_graph(g)
    return (204,)


_WRITE_OPS = {"snapshot": _op_snapshot, "update": _op_update, "put": _op_put, "post": _op_put, "delete": _op_delete}


class _Timeout(Exception):
    pass


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, ctx, target, args=()):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=target, args=(child, *args), daemon=True)
        self.proc.start()
        child.close()
        self.snapshot = None

    def wait_ready(self, timeout):
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError("a kg serve worker did not start in time")
        message = self.conn.recv()
        if message[0] != "ready":
            self.kill()
            raise StoreError(message[1])

    def call(self, task, timeout):
        self.conn.send(task)
        if not self.conn.poll(timeout):
            raise _Timeout()
        return self.conn.recv()

    def kill(self):
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(10)
        self.conn.close()


class _ReaderPool:
    """Query workers, shared fairly between clients.

    A worker past the time limit is killed and replaced, and so is one that dies
    (past its memory limit, say). A client (an address) holds at most
    ``workers - 1`` workers at once, so that one client can never hold them all.
    Clients whose last query ran longer than LONG seconds (or whose query is
    running past it) hold at most ``workers - 1`` workers between them, so that
    several clients sending runaway queries still leave one worker to the others.
    A freed worker goes to the waiting request whose client has used the least
    worker time lately (usage halves every HALF_LIFE seconds). A request waits at
    most ``wait`` seconds for a worker, then gets 503 with Retry-After.
    """

    HALF_LIFE = 10.0
    LONG = 1.0

    def __init__(self, ctx, n, max_memory=None):
        self.ctx, self.max_memory = ctx, max_memory
        self.per_client = max(1, n - 1)
        self.running = collections.defaultdict(list)  # client -> start times of its queries
        self.long = set()  # clients whose last query ran past LONG
        self.cond = threading.Condition()
        self.idle = []
        self.workers = set()
        self.waiting = []  # [(sequence number, client)], in arrival order
        self.holding = collections.Counter()
        self.usage = {}  # client -> (worker-seconds, when)
        self.sequence = itertools.count()
        self.closed = False
        started = [_Worker(ctx, _reader_main, (max_memory,)) for _ in range(n)]
        for w in started:
            w.wait_ready(120)
            self.workers.add(w)
            self.idle.append(w)

    def run(self, task, timeout, wait, client=""):
        w, start = self._acquire(client, wait)
        healthy = False
        try:
            reply = w.call(task, timeout)
            healthy = True
        except _Timeout:
            raise ProtocolError(503, f"query stopped at the server's time limit of {timeout:g} s") from None
        except (EOFError, OSError):
            w.proc.join(5)
            if self.max_memory and w.proc.exitcode is not None and w.proc.exitcode < 0:
                raise ProtocolError(503, f"query stopped: it needed more than the server's memory limit of {self.max_memory // 1_000_000} MB per query") from None
            raise ProtocolError(500, "the query worker died; the query was not answered") from None
        finally:
            if healthy:
                w.snapshot = task.get("snapshot")
            else:
                self._replace(w)
            self._release(w if healthy else None, client, start)
        return reply

    def _used(self, client, now):
        used, when = self.usage.get(client, (0.0, now))
        return used * 0.5 ** ((now - when) / self.HALF_LIFE)

    def _cost(self, client, now):
        return self._used(client, now) + sum(now - start for start in self.running.get(client, ()))

    def _heavy(self, client, now):
        return client in self.long or any(now - start > self.LONG for start in self.running.get(client, ()))

    def _next(self):
        """The waiting request a free worker goes to, or None."""
        now = time.monotonic()
        heavy_held = sum(len(starts) for client, starts in self.running.items() if self._heavy(client, now))
        eligible = [
            entry for entry in self.waiting if self.holding[entry[1]] < self.per_client and (heavy_held < self.per_client or not self._heavy(entry[1], now))
        ]
        if not eligible:
            return None
        return min(eligible, key=lambda entry: (self._cost(entry[1], now), entry[0]))

    def _acquire(self, client, wait):
        entry = (next(self.sequence), client)
        deadline = time.monotonic() + wait
        with self.cond:
            self.waiting.append(entry)
            try:
                while not (self.idle and self._next() == entry):
                    left = deadline - time.monotonic()
                    if left <= 0 or self.closed:
                        raise ProtocolError(503, f"server busy: no query worker was free for this client within {wait:g} s; try again", {"Retry-After": "1"})
                    self.cond.wait(left)
                self.holding[client] += 1
                start = time.monotonic()
                self.running[client].append(start)
                return self.idle.pop(), start
            finally:
                self.waiting.remove(entry)
                self.cond.notify_all()

    def _release(self, w, client, start):
        with self.cond:
            now = time.monotonic()
            seconds = now - start
            self.holding[client] -= 1
            if not self.holding[client]:
                del self.holding[client]
            self.running[client].remove(start)
            if not self.running[client]:
                del self.running[client]
            (self.long.add if seconds > self.LONG else self.long.discard)(client)
            self.usage[client] = (self._used(client, now) + seconds, now)
            if len(self.usage) > 10_000:  # forget the clients that have been quiet longest
                for key, _ in sorted(self.usage.items(), key=lambda kv: kv[1][1])[:5_000]:
                    del self.usage[key]
                    self.long.discard(key)
            if w is not None:
                self.idle.append(w)
            self.cond.notify_all()

    def in_use(self):
        with self.cond:
            return {w.snapshot for w in self.workers if w.snapshot}

    def _replace(self, w):
        with self.cond:
            self.workers.discard(w)
        w.kill()
        threading.Thread(target=self._spawn, daemon=True).start()

    def _spawn(self):
        if self.closed:
            return
        try:
            w = _Worker(self.ctx, _reader_main, (self.max_memory,))
            w.wait_ready(120)
        except Exception:  # shutting down, or the machine is out of processes
            return
        with self.cond:
            if self.closed:
                w.kill()
                return
            self.workers.add(w)
            self.idle.append(w)
            self.cond.notify_all()

    def close(self):
        with self.cond:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
            self.cond.notify_all()
        for w in workers:
            w.kill()


class _Writer:
    """The writer process, used one request at a time; killed and restarted at the time limit."""

    def __init__(self, ctx, location):
        self.ctx, self.location = ctx, location
        self.lock = threading.Lock()
        self.worker = self._start()

    def _start(self):
        w = _Worker(self.ctx, _writer_main, (self.location,))
        w.wait_ready(120)
        return w

    def run(self, task, timeout):
        if not self.lock.acquire(timeout=timeout):
            raise ProtocolError(503, f"server busy: a write held the store for {timeout:g} s; try again", {"Retry-After": "1"})
        try:
            try:
                return self.worker.call(task, timeout)
            except _Timeout:
                self.worker.kill()
                self.worker = self._start()
                raise ProtocolError(503, f"{task['op']} stopped at the server's time limit of {timeout:g} s; nothing was changed") from None
            except (EOFError, OSError):
                self.worker.kill()
                self.worker = self._start()
                raise ProtocolError(500, "the store writer died; nothing was changed") from None
        finally:
            self.lock.release()

    def close(self):
        with self.lock:
            try:
                self.worker.conn.close()  # the writer flushes and exits on EOF
                self.worker.proc.join(10)
            finally:
                self.worker.kill()


class Backend:
    """The writer, the query workers and the snapshots they read."""

    def __init__(self, config):
        self.config = config
        location = config.store
        self._tmp_store = None
        if location == ":memory:":
            self._tmp_store = tempfile.mkdtemp(prefix="kg-serve-memory-")
            location = os.path.join(self._tmp_store, "store")
        else:
            path = Path(location)
            if not path.is_dir():
                raise StoreError(f"no store at {location} (build one with: kg build --store {location})")
        self.location = str(Path(location).resolve())
        parent = Path(self.location).parent
        self.snapshot_root = tempfile.mkdtemp(prefix=f".{Path(self.location).name}.kg-serve-", dir=parent)
        ctx = multiprocessing.get_context("spawn")
        self.writer = None
        self.readers = None
        try:
            self.writer = _Writer(ctx, self.location)
            self.readers = _ReaderPool(ctx, max(1, config.workers), config.max_memory)
        except BaseException:
            self.close()
            raise
        self.snap_lock = threading.Lock()
        self.current = None
        self.dirty = True
        self.generation = 0

    def snapshot(self):
        with self.snap_lock:
            if self.dirty or self.current is None:
                self.generation += 1
                path = os.path.join(self.snapshot_root, f"snap-{self.generation}")
                reply = self.writer.run({"op": "snapshot", "path": path}, self.config.timeout)
                if reply[0] != "ok":
                    raise ProtocolError(reply[1], reply[2])
                self.current, self.dirty = path, False
                self._prune()
            return self.current

    def _prune(self):
        keep = self.readers.in_use() | {self.current}
        for entry in os.scandir(self.snapshot_root):
            if entry.path not in keep:
                shutil.rmtree(entry.path, ignore_errors=True)

    def read(self, task, client=""):
        """Run a read task on a query worker; ``client`` (an address) is whose turn it is."""
        task = {**task, "snapshot": self.snapshot(), "max_rows": self.config.max_rows, "max_bytes": self.config.max_bytes}
        reply = self.readers.run(task, self.config.timeout, wait=self.config.max_wait, client=client)
        if reply[0] != "ok":
            raise ProtocolError(reply[1], reply[2])
        return reply[1], reply[2]

    def write(self, task):
        reply = self.writer.run(task, self.config.timeout)
        if reply[0] != "ok":
            raise ProtocolError(reply[1], reply[2])
        with self.snap_lock:
            self.dirty = True
        return reply[1:]

    def close(self):
        if self.readers:
            self.readers.close()
        if self.writer:
            self.writer.close()
        shutil.rmtree(getattr(self, "snapshot_root", ""), ignore_errors=True) if getattr(self, "snapshot_root", None) else None
        if self._tmp_store:
            shutil.rmtree(self._tmp_store, ignore_errors=True)

