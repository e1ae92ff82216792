"""kg serve: a SPARQL 1.1 Protocol endpoint (and Graph Store Protocol) over kg's store.

Paths:

- ``/sparql`` (also ``/query`` and ``/update``, Oxigraph's names, so that a bare
  base URL works for ``kg --store http://host:port/``): SPARQL 1.1 Protocol query
  by GET and POST (form-encoded or ``application/sparql-query``), SPARQL Update by
  POST when started with ``allow_update``, and the service description on a GET
  without parameters.
- ``/store``: the Graph Store Protocol (GET/HEAD always; PUT, POST, DELETE with
  ``allow_update``), ``?graph=IRI`` or ``?default``; without either, GET returns
  and POST adds to the whole dataset (N-Quads/TriG), as Oxigraph does.
- ``/``: a query page (canned queries, result table, graph view); ``/graph`` renders
  a result as kg's HTML graph view; ``/queries`` lists the canned queries as JSON.

Why the standard library: the protocol is a handful of routes with exact status
codes, and ``http.server.ThreadingHTTPServer`` plus ``multiprocessing`` give all
of it with no dependency; the work that needs isolation (evaluation) happens in
worker processes anyway, so a web framework would add nothing but a dependency.

Safety, by design:

- Evaluation happens in worker processes (``workers`` of them, spawned). A query
  that passes its time limit is stopped by killing its worker, which is replaced;
  the other workers keep answering. pyoxigraph has no timeout of its own.
- Before evaluating, the worker parses the request with rdflib's SPARQL parser and
  refuses ``SERVICE`` anywhere (pyoxigraph would fetch it), ``LOAD``, and a FROM /
  FROM NAMED / USING graph that is not in the store (kg never fetches a graph);
  a request rdflib cannot parse is refused too. No regex looks at query text.
- Read-only unless ``allow_update``: updates and Graph Store writes get 403.
- A time limit, a row limit and a byte limit on every answer (503, 422, 422);
  at most ``max_connections`` connections and request bodies of bounded size.
- Binds 127.0.0.1 unless told otherwise; CORS off unless origins are given.

Store sharing: an on-disk Oxigraph store has one read-write opener, and opening
it read-only while another process writes is undefined behaviour. So kg serve
owns the store while it runs: one writer process holds the lock (and applies
updates when allowed), and after each write it takes a snapshot with
``Store.backup`` (hard links, milliseconds) that the query workers open
read-only. Readers never touch a directory anyone writes. ``kg build --store DIR``
on a served store therefore fails with "store is in use"; to build while serving,
start ``kg serve --allow-update`` and run ``kg build --store http://HOST:PORT/``.

>>> from kg.server import negotiate
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_OFFERS)
'xml'
"""

from __future__ import annotations

import csv
import functools
import io
import json
import multiprocessing
import os
import queue
import secrets
import shutil
import socket
import tempfile
import threading
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from .errors import StoreError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Media types for SELECT/ASK answers, server preference first.
RESULT_OFFERS = [
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
]
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}

#: Media types for CONSTRUCT/DESCRIBE answers and graphs, server preference first.
GRAPH_OFFERS = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("application/x-turtle", "turtle"),
    ("text/plain", "ntriples"),
    ("application/json", "jsonld"),
    ("application/xml", "rdfxml"),
    ("text/xml", "rdfxml"),
]
DATASET_OFFERS = [("application/n-quads", "nquads"), ("application/trig", "trig"), ("text/plain", "nquads")]
RDF_OUT = {
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
    "rdfxml": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
    "nquads": (ox.RdfFormat.N_QUADS, "application/n-quads"),
    "trig": (ox.RdfFormat.TRIG, "application/trig; charset=utf-8"),
}
#: Payload types the Graph Store Protocol accepts.
RDF_IN = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
QUAD_IN = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
SUPPORTED_VERSIONS = ("1.1", "1.2")


@dataclass
class ServerConfig:
    """What ``kg serve`` is started with; every limit is configurable.

    Attributes:
        store: the store directory (``":memory:"`` serves a fresh temporary store).
        host, port: where to listen; port 0 picks a free port.
        allow_update: take SPARQL Update and Graph Store writes (403 otherwise).
        timeout: seconds a query or update may run before it is stopped (503).
        max_rows: most solutions or triples in one answer (422 beyond).
        max_bytes: most bytes in one serialised answer (422 beyond).
        max_request_bytes: largest query/update body (413 beyond).
        max_upload_bytes: largest Graph Store payload (413 beyond).
        workers: query worker processes, i.e. queries evaluated at once.
        max_connections: connections served at once (503 beyond).
        cors_origins: origins allowed by CORS, ``("*",)`` for any; empty = no CORS.
    """

    store: str
    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    timeout: float = 30.0
    max_rows: int = 100_000
    max_bytes: int = 64_000_000
    max_request_bytes: int = 1_000_000
    max_upload_bytes: int = 256_000_000
    workers: int = 2
    max_connections: int = 64
    cors_origins: tuple = field(default_factory=tuple)


class ProtocolError(Exception):
    """An HTTP error answer: status code and a message a person can act on."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = int(status)
        self.message = message
        self.headers = headers or {}


# --- content negotiation -----------------------------------------------------


def _parse_media_type(value):
    """``"a/b; q=0.5; charset=x"`` -> ("a/b", {"q": "0.5", "charset": "x"})."""
    parts = [p.strip() for p in (value or "").split(";")]
    params = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip():
            params[k.strip().lower()] = v.strip().strip('"')
    return parts[0].lower(), params


def negotiate(accept, offers):
    """Pick the offer the Accept header prefers (server order breaks ties).

    Returns:
        The key of the chosen offer, the first offer when Accept is empty, or None
        when Accept rules out every offer.
    """
    if not accept or not accept.strip():
        return offers[0][1]
    ranges = []
    for item in accept.split(","):
        mtype, params = _parse_media_type(item)
        if not mtype:
            continue
        try:
            q = float(params.get("q", "1"))
        except ValueError:
            q = 0.0
        ranges.append((mtype, q))
    best, best_q = None, 0.0
    for offer, key in offers:
        top, _, sub = offer.partition("/")
        q, specificity = 0.0, -1
        for mtype, rq in ranges:
            rtop, _, rsub = mtype.partition("/")
            s = 2 if mtype == offer else 1 if (rtop == top and rsub == "*") else 0 if mtype == "*/*" else -1
            if s > specificity:
                q, specificity = rq, s
        if specificity >= 0 and q > best_q:
            best, best_q = key, q
    return best


# --- answers -------------------------------------------------------------------


class _Budget:
    """Counts rows and bytes of an answer and refuses to pass the limits."""

    def __init__(self, max_rows, max_bytes):
        self.max_rows, self.max_bytes, self.rows, self.bytes = max_rows, max_bytes, 0, 0

    def row(self):
        self.rows += 1
        if self.rows > self.max_rows:
            raise ProtocolError(422, f"the answer has more than {self.max_rows} rows (the server's limit): add LIMIT or narrow the query")

    def add(self, n):
        self.bytes += n
        if self.bytes > self.max_bytes:
            raise ProtocolError(422, f"the answer is larger than {self.max_bytes} bytes (the server's limit): add LIMIT or narrow the query")


def _json_term(t):
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate), "object": _json_term(t.object)}}


def _xml_term(t):
    if isinstance(t, ox.NamedNode):
        return f"<uri>{xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{xml_escape(t.value)}</literal>"
        if t.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            return f"<literal datatype={quoteattr(t.datatype.value)}>{xml_escape(t.value)}</literal>"
        return f"<literal>{xml_escape(t.value)}</literal>"
    return f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate><object>{_xml_term(t.object)}</object></triple>"


def _csv_value(t):
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Triple):
        return str(t)
    return t.value


def _tsv_value(t):
    return "" if t is None else str(t).replace("\t", "\\t")


def serialize_solutions(variables, rows, fmt, budget):
    """Write SELECT solutions in one of RESULT_TYPES' formats within a budget."""
    out = []

    def put(s):
        budget.add(len(s))
        out.append(s)

    if fmt == "json":
        put('{"head":{"vars":' + json.dumps(variables) + '},"results":{"bindings":[')
        for i, row in enumerate(rows):
            budget.row()
            binding = {v: _json_term(t) for v, t in zip(variables, row) if t is not None}
            put(("," if i else "") + json.dumps(binding, ensure_ascii=False))
        put("]}}")
    elif fmt == "xml":
        put('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
        put("".join(f"<variable name={quoteattr(v)}/>" for v in variables) + "</head><results>")
        for row in rows:
            budget.row()
            put("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row) if t is not None) + "</result>")
        put("</results></sparql>\n")
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            budget.row()
            writer.writerow([_csv_value(t) for t in row])
            if buf.tell() > 65536:
                put(buf.getvalue())
                buf.seek(0)
                buf.truncate()
        put(buf.getvalue())
    else:
        put("\t".join("?" + v for v in variables) + "\n")
        for row in rows:
            budget.row()
            put("\t".join(_tsv_value(t) for t in row) + "\n")
    return "".join(out).encode("utf-8")


def serialize_boolean(value, fmt):
    """Write an ASK answer (CSV/TSV use a one-column table named _askResult)."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": bool(value)}).encode()
    if fmt == "xml":
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/><boolean>{word}</boolean></sparql>\n'.encode()
    if fmt == "csv":
        return f"_askResult\r\n{word}\r\n".encode()
    return f"?_askResult\n{word}\n".encode()


def serialize_triples(triples, fmt, budget):
    """Write CONSTRUCT/DESCRIBE triples as Turtle, N-Triples, JSON-LD or RDF/XML within a budget."""
    from .mapping import PREFIXES

    collected = []
    for t in triples:
        budget.row()
        collected.append(t)
    rdf_format, _ = RDF_OUT[fmt]
    data = ox.serialize(collected, format=rdf_format, prefixes=PREFIXES if fmt == "turtle" else None) or b""
    budget.add(len(data))
    return data


# --- checks on parsed requests (run in workers) -------------------------------


def _walk(node):
    """Every CompValue in an rdflib parse tree (iteratively: trees can be deep)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            yield n
            stack.extend(n.values())
        elif isinstance(n, ParseResults):
            stack.extend(list(n))
            stack.extend(n.as_dict().values() if hasattr(n, "as_dict") else [])
        elif isinstance(n, (list, tuple)):
            stack.extend(n)
        elif isinstance(n, dict):
            stack.extend(n.values())


def _parse_error(kind, e):
    text = str(e).splitlines()[0] if str(e) else type(e).__name__
    return ProtocolError(400, f"SPARQL {kind} syntax error: {text}")


@functools.lru_cache(maxsize=512)
def _checked_query(text, base):
    # rdflib's parser takes 10-300 ms; a worker remembers the queries it has checked.
    return tuple(check_query(text, base))


def check_query(text, base):
    """Parse a query with rdflib and refuse what kg serve never does.

    Returns:
        The absolute IRIs named by FROM and FROM NAMED.

    Raises:
        ProtocolError: 400 for a syntax error or a SERVICE clause.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.plugins.sparql.parser import parseQuery

    from .mapping import PREFIXES

    try:
        parsed = parseQuery(text)
    except ParseException as e:
        raise _parse_error("query", e) from None
    except RecursionError:
        raise ProtocolError(400, "the query is nested too deeply to check") from None
    except Exception as e:  # rdflib raises assorted errors on text it cannot read
        raise _parse_error("query", e) from None
    graphs = []
    for node in _walk(parsed):
        if node.name == "ServiceGraphPattern":
            raise ProtocolError(400, "SERVICE is refused: kg serve never sends queries to other endpoints")
        if node.name == "DatasetClause":
            graphs.append(dict.get(node, "default") or dict.get(node, "named"))
    if graphs:
        try:
            prologue = translatePrologue(parsed[0], base, initNs=PREFIXES)
            return [str(prologue.absolutize(g)) for g in graphs]
        except Exception as e:
            raise ProtocolError(400, f"FROM clause: {e}") from None
    return []


def check_update(text, base, using_given):
    """Parse an update with rdflib; refuse LOAD, SERVICE and a USING/WITH clash.

    Returns:
        (USING / USING NAMED IRIs, number of DELETE/INSERT ... WHERE operations,
        number of those with a USING clause).
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.plugins.sparql.parser import parseUpdate

    from .mapping import PREFIXES

    try:
        parsed = parseUpdate(text)
    except ParseException as e:
        raise _parse_error("update", e) from None
    except RecursionError:
        raise ProtocolError(400, "the update is nested too deeply to check") from None
    except Exception as e:
        raise _parse_error("update", e) from None
    using = []
    requests = list(dict.get(parsed, "request") or [])
    prologues = list(dict.get(parsed, "prologue") or [])
    for node in _walk(parsed):
        if node.name == "Load":
            raise ProtocolError(400, "LOAD is refused: kg serve never fetches data from the web")
        if node.name == "ServiceGraphPattern":
            raise ProtocolError(400, "SERVICE is refused: kg serve never sends queries to other endpoints")
    modifies = with_using = 0
    for i, op in enumerate(requests):
        if op.name in ("Modify", "DeleteWhere"):
            modifies += 1
        if op.name == "Modify" and dict.get(op, "using"):
            with_using += 1
        if op.name != "Modify":
            continue
        # CompValue.get returns the key itself for a missing key: ask the dict.
        if using_given and (dict.get(op, "withClause") is not None or dict.get(op, "using")):
            raise ProtocolError(400, "using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH in the update (SPARQL 1.1 Protocol 2.2.3)")
        for clause in dict.get(op, "using") or []:
            iri = dict.get(clause, "default") or dict.get(clause, "named")
            prologue = translatePrologue(prologues[i] if i < len(prologues) else [], base, initNs=PREFIXES)
            using.append(str(prologue.absolutize(iri)))
    return using, modifies, with_using


def apply_using(text, default_graphs, named_graphs):
    """Add the protocol's using-graph-uri / using-named-graph-uri to every DELETE/INSERT ... WHERE.

    The IRIs are validated terms written by pyoxigraph; positions come from a
    tokenizer and the result is parsed again and checked by the caller.
    """
    from .remote import sparql_tokens

    clause = " ".join([f"USING {ox.NamedNode(g)}" for g in default_graphs] + [f"USING NAMED {ox.NamedNode(g)}" for g in named_graphs])
    tokens = sparql_tokens(text)
    edits = []  # (start, end, replacement)
    depth = 0
    op_start = 0
    for i, (kind, tok, start, end) in enumerate(tokens):
        if kind == "other" and tok == "{":
            depth += 1
        elif kind == "other" and tok == "}":
            depth -= 1
        elif depth == 0 and kind == "other" and tok == ";":
            op_start = i + 1
        elif depth == 0 and kind == "word" and tok.upper() == "WHERE":
            first = tokens[op_start][1].upper() if op_start < len(tokens) else ""
            prev = tokens[i - 1][1].upper() if i else ""
            if first in ("DELETE", "INSERT", "WITH", "PREFIX", "BASE") or prev in ("}", "DELETE"):
                if prev == "DELETE":
                    # DELETE WHERE { P } is DELETE { P } WHERE { P }: spell it out to add USING.
                    close = _matching_brace(tokens, i + 1)
                    group = text[tokens[i + 1][2] : tokens[close][3]]
                    edits.append((start, start, f"{group} {clause} "))
                else:
                    edits.append((start, start, f"{clause} "))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def clear_silently(text):
    """Make every CLEAR SILENT: clearing a graph that is absent succeeds.

    A graph with no triples and an absent graph look the same to kg, so kg serve
    behaves as the stores that do not record empty graphs (SPARQL 1.1 Update 3.2.2),
    where Oxigraph would fail the whole request.
    """
    from .remote import sparql_tokens

    tokens = sparql_tokens(text)
    depth = 0
    inserts = []
    for i, (kind, tok, _start, end) in enumerate(tokens):
        if kind == "other" and tok in "{}":
            depth += 1 if tok == "{" else -1
        elif depth == 0 and kind == "word" and tok.upper() == "CLEAR":
            following = tokens[i + 1][1].upper() if i + 1 < len(tokens) else ""
            if following != "SILENT":
                inserts.append(end)
    for pos in reversed(inserts):
        text = text[:pos] + " SILENT" + text[pos:]
    return text


def _matching_brace(tokens, i):
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j][1] == "{" and tokens[j][0] == "other":
            depth += 1
        elif tokens[j][1] == "}" and tokens[j][0] == "other":
            depth -= 1
            if depth == 0:
                return j
    raise ProtocolError(400, "unbalanced braces in the update")


# --- worker processes ---------------------------------------------------------


def _warm_up():
    # Import what every request needs once, at start, not on the first query.
    import rdflib.plugins.sparql.algebra  # noqa: F401
    import rdflib.plugins.sparql.parser  # noqa: F401

    from . import mapping  # noqa: F401


def _reader_main(conn):
    """A query worker: evaluates read requests on read-only snapshots."""
    _warm_up()
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
        except Exception as e:
            reply = ("error", 500, f"internal error: {type(e).__name__}: {e}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


def _evaluate(store, task):
    """Check and run a query; returns the raw pyoxigraph answer."""
    from .mapping import PREFIXES

    froms = _checked_query(task["query"], task["base"])
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
        raise _parse_error("query", e) from None
    except OSError as e:
        raise ProtocolError(500, f"query failed: {e}") from None


def _op_query(store, task):
    answer = _evaluate(store, task)
    budget = _Budget(task["max_rows"], task["max_bytes"])
    accept = task.get("accept")
    try:
        if isinstance(answer, ox.QueryBoolean):
            fmt = _negotiated(accept, RESULT_OFFERS)
            return RESULT_TYPES[fmt], serialize_boolean(bool(answer), fmt)
        if isinstance(answer, ox.QuerySolutions):
            fmt = _negotiated(accept, RESULT_OFFERS)
            variables = [v.value for v in answer.variables]
            rows = ([sol[v] for v in variables] for sol in answer)
            return RESULT_TYPES[fmt], serialize_solutions(variables, rows, fmt, budget)
        fmt = _negotiated(accept, GRAPH_OFFERS)
        return RDF_OUT[fmt][1], serialize_triples(answer, fmt, budget)
    except OSError as e:
        raise ProtocolError(500, f"query failed: {e}") from None


def _negotiated(accept, offers):
    fmt = negotiate(accept, offers)
    if fmt is None:
        raise ProtocolError(406, f"cannot answer in any type of Accept: {accept} (this answer can be: {', '.join(sorted({o for o, _ in offers}))})")
    return fmt


def _op_graph(store, task):
    """Graph Store GET: one graph, the default graph, or the whole dataset."""
    budget = _Budget(task["max_rows"], task["max_bytes"])
    graph = task.get("graph")
    if graph == "*":
        fmt = _negotiated(task.get("accept"), DATASET_OFFERS)
        quads = []
        for q in store.quads_for_pattern(None, None, None, None):
            budget.row()
            quads.append(q)
        from .mapping import PREFIXES

        data = ox.serialize(quads, format=RDF_OUT[fmt][0], prefixes=PREFIXES if fmt == "trig" else None) or b""
        budget.add(len(data))
        return RDF_OUT[fmt][1], data
    if graph is None:
        g = ox.DefaultGraph()
    else:
        g = ox.NamedNode(graph)
        if not store.contains_named_graph(g):
            raise ProtocolError(404, f"no graph <{graph}> in this store")
    fmt = _negotiated(task.get("accept"), GRAPH_OFFERS)
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g))
    return RDF_OUT[fmt][1], serialize_triples(triples, fmt, budget)


def _op_graphview(store, task):
    """A query's answer as kg's HTML graph view (nodes are the IRIs it names)."""
    from .network import from_quads
    from .viz import to_html

    answer = _evaluate(store, task)
    budget = _Budget(task["max_rows"], task["max_bytes"])
    iris, extra = set(), []
    if isinstance(answer, ox.QuerySolutions):
        for sol in answer:
            budget.row()
            iris.update(t.value for t in sol if isinstance(t, ox.NamedNode))
    elif not isinstance(answer, ox.QueryBoolean):
        for t in answer:
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


_READ_OPS = {"query": _op_query, "graph": _op_graph, "graphview": _op_graphview}


def _writer_main(conn, location):
    """The store's one read-write opener: applies writes and takes snapshots."""
    _warm_up()
    try:
        store = ox.Store(location)
    except OSError as e:
        from .store import _explain_open_error

        conn.send(("failed", _explain_open_error(location, e)))
        return
    conn.send(("ready", os.getpid()))
    _serve_tasks(conn, lambda task: _WRITE_OPS[task["op"]](store, task))
    store.flush()


def _op_snapshot(store, task):
    store.backup(task["path"])
    return ()


def _op_update(store, task):
    from .mapping import PREFIXES

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
        raise _parse_error("update", e) from None
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
    """Query workers; one that passes the time limit is killed and replaced."""

    def __init__(self, ctx, n):
        self.ctx = ctx
        self.idle = queue.Queue()
        self.workers = set()
        self.lock = threading.Lock()
        self.closed = False
        started = [_Worker(ctx, _reader_main) for _ in range(n)]
        for w in started:
            w.wait_ready(120)
            self.workers.add(w)
            self.idle.put(w)

    def run(self, task, timeout, wait):
        try:
            w = self.idle.get(timeout=wait)
        except queue.Empty:
            raise ProtocolError(503, f"server busy: every query worker stayed busy for {wait:g} s; try again", {"Retry-After": "1"}) from None
        try:
            reply = w.call(task, timeout)
        except _Timeout:
            self._replace(w)
            raise ProtocolError(503, f"query stopped at the server's time limit of {timeout:g} s") from None
        except (EOFError, OSError, BrokenPipeError):
            self._replace(w)
            raise ProtocolError(500, "the query worker died; the query was not answered") from None
        w.snapshot = task.get("snapshot")
        self.idle.put(w)
        return reply

    def in_use(self):
        with self.lock:
            return {w.snapshot for w in self.workers if w.snapshot}

    def _replace(self, w):
        with self.lock:
            self.workers.discard(w)
        w.kill()
        threading.Thread(target=self._spawn, daemon=True).start()

    def _spawn(self):
        if self.closed:
            return
        try:
            w = _Worker(self.ctx, _reader_main)
            w.wait_ready(120)
        except Exception:  # shutting down, or the machine is out of processes
            return
        with self.lock:
            if self.closed:
                w.kill()
                return
            self.workers.add(w)
        self.idle.put(w)

    def close(self):
        with self.lock:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
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


class _Backend:
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
            self.readers = _ReaderPool(ctx, max(1, config.workers))
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

    def read(self, task):
        task = {**task, "snapshot": self.snapshot(), "max_rows": self.config.max_rows, "max_bytes": self.config.max_bytes}
        reply = self.readers.run(task, self.config.timeout, wait=self.config.timeout)
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


# --- HTTP ----------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"


def service_description(endpoint, allow_update):
    """The SPARQL 1.1 Service Description of the endpoint, as triples."""
    n = ox.NamedNode
    rdf_type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    svc = n(endpoint)
    dataset, graph = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(svc, rdf_type, n(SD + "Service")),
        ox.Triple(svc, n(SD + "endpoint"), svc),
        ox.Triple(svc, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query")),
        ox.Triple(svc, n(SD + "feature"), n(SD + "UnionDefaultGraph")),
        ox.Triple(svc, n(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, n(SD + "Dataset")),
        ox.Triple(dataset, n(SD + "defaultGraph"), graph),
        ox.Triple(graph, rdf_type, n(SD + "Graph")),
        ox.Triple(svc, n("http://www.w3.org/2000/01/rdf-schema#comment"), ox.Literal("kg serve: SERVICE and LOAD are refused; queries have a time limit and a result-size limit.")),
    ]
    if allow_update:
        triples.append(ox.Triple(svc, n(SD + "supportedLanguage"), n(SD + "SPARQL11Update")))
    for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        triples.append(ox.Triple(svc, n(SD + "resultFormat"), n(FORMATS + f)))
    return triples


def _page_html(config, nonce):
    from .query import canned_queries

    template = resources.files("kg.templates").joinpath("sparql.html").read_text(encoding="utf-8")
    canned = [{"name": q.name, "description": q.description, "text": q.text_for(), "params": q.params} for q in canned_queries().values()]
    settings = {"update": config.allow_update, "timeout": config.timeout, "maxRows": config.max_rows}
    return template.replace("{{NONCE}}", nonce).replace("{{CANNED_JSON}}", _script_json(canned)).replace("{{CONFIG_JSON}}", _script_json(settings))


def _script_json(value):
    # Safe inside <script type="application/json">: no </script>, no markup.
    return json.dumps(value, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms delayed-ACK stall
    timeout = 60  # seconds a client may stay silent on its connection

    # http.server calls do_<METHOD>; every method goes through one dispatcher.
    def do_GET(self):
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = do_GET

    def log_message(self, fmt, *args):
        if self.server.config_log:
            super().log_message(fmt, *args)

    def _dispatch(self):
        self._extra_headers = {}
        try:
            parts = urllib.parse.urlsplit(self.path)
            self.url_query = parts.query
            path = parts.path
            if self.command == "OPTIONS":
                return self._options(path)
            if path in ("/sparql", "/sparql/", "/query", "/update"):
                return self._sparql(path)
            if path in ("/store", "/store/"):
                return self._store()
            if path in ("/", "/index.html"):
                return self._page()
            if path == "/graph":
                return self._graph_view()
            if path == "/queries":
                return self._queries()
            raise ProtocolError(404, f"nothing at {path}: the SPARQL endpoint is /sparql, the Graph Store is /store, the query page is /")
        except ProtocolError as e:
            self._error(e)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as e:  # a bug must still answer, and keep the server up
            self._error(ProtocolError(500, f"internal error: {type(e).__name__}: {e}"))

    # --- request pieces ---------------------------------------------------

    def _params(self, text):
        try:
            return urllib.parse.parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=10_000)
        except UnicodeDecodeError:
            raise ProtocolError(400, "the parameters are not valid UTF-8") from None
        except ValueError as e:
            raise ProtocolError(400, f"bad parameters: {e}") from None

    def _body(self, limit):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._chunked(limit)
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            n = int(length)
        except ValueError:
            raise ProtocolError(400, "bad Content-Length") from None
        if n > limit:
            self.close_connection = True
            if n <= limit + 16_000_000:
                # Read what was sent, so that the client gets the answer rather than a reset.
                left = n
                while left > 0:
                    chunk = self.rfile.read(min(left, 1 << 16))
                    if not chunk:
                        break
                    left -= len(chunk)
            raise ProtocolError(413, f"the request body has {n} bytes; the server takes at most {limit}")
        return self.rfile.read(n)

    def _chunked(self, limit):
        data = bytearray()
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                self.close_connection = True
                raise ProtocolError(400, "bad chunked encoding") from None
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass
                return bytes(data)
            if len(data) + size > limit:
                self.close_connection = True
                raise ProtocolError(413, f"the request body is larger than {limit} bytes")
            data += self.rfile.read(size)
            self.rfile.readline(1024)

    def _has_body(self):
        return self.headers.get("Transfer-Encoding") is not None or int(self.headers.get("Content-Length") or 0) > 0

    def _content_type(self):
        ctype, params = _parse_media_type(self.headers.get("Content-Type"))
        charset = params.get("charset")
        if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise ProtocolError(415, f"charset {charset} is not supported: SPARQL requests are UTF-8")
        return ctype, params

    def _text(self, data):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(400, "the request body is not valid UTF-8") from None

    @property
    def _base(self):
        return self.server.base_url

    # --- /sparql ------------------------------------------------------------

    def _sparql(self, path):
        method = self.command
        if method not in ("GET", "HEAD", "POST"):
            raise ProtocolError(405, f"{method} is not a SPARQL Protocol operation: use GET or POST", {"Allow": "GET, HEAD, POST, OPTIONS"})
        url_params = self._params(self.url_query)
        if method in ("GET", "HEAD"):
            if self._has_body():
                self._body(self.server.config.max_request_bytes)
                raise ProtocolError(400, "a GET request must not have a body: send the query in the URL, or use POST")
            params = url_params
            if "update" in params:
                raise ProtocolError(400, "an update must be sent with POST (SPARQL 1.1 Protocol 2.2)")
            if not params or (set(params) <= {"version"}):
                return self._service_description()
        else:
            ctype, ctparams = self._content_type()
            body = self._body(self.server.config.max_request_bytes)
            if ctype == FORM:
                for name in ("query", "update"):
                    if name in url_params:
                        raise ProtocolError(400, f"with {FORM}, the {name} goes in the request body, not the URL (SPARQL 1.1 Protocol 2.1.2, 2.2.1)")
                params = {k: list(v) for k, v in url_params.items()}
                for k, v in self._params(self._text(body)).items():
                    params.setdefault(k, []).extend(v)
            elif ctype in (SPARQL_QUERY, SPARQL_UPDATE):
                name = "query" if ctype == SPARQL_QUERY else "update"
                for other in ("query", "update"):
                    if other in url_params:
                        raise ProtocolError(400, f"a {ctype} POST carries the {name} in its body; the URL must not have a {other} parameter")
                params = {k: list(v) for k, v in url_params.items()}
                params[name] = [self._text(body)]
                if "version" in ctparams:
                    params.setdefault("version", []).append(ctparams["version"])
            elif not ctype:
                raise ProtocolError(415, f"a POST needs a Content-Type: {SPARQL_QUERY}, {SPARQL_UPDATE} or {FORM}")
            else:
                raise ProtocolError(415, f"Content-Type {ctype} is not a SPARQL request: use {SPARQL_QUERY}, {SPARQL_UPDATE} or {FORM}")
        queries, updates = params.get("query", []), params.get("update", [])
        if len(queries) > 1:
            raise ProtocolError(400, "more than one query in the request (SPARQL 1.1 Protocol 2.1: exactly one)")
        if len(updates) > 1:
            raise ProtocolError(400, "more than one update in the request (SPARQL 1.1 Protocol 2.2: exactly one)")
        if queries and updates:
            raise ProtocolError(400, "a request carries a query or an update, not both")
        versions = params.get("version", [])
        if len(versions) > 1:
            raise ProtocolError(400, "more than one version in the request")
        if versions and not versions[0].startswith(SUPPORTED_VERSIONS):
            raise ProtocolError(400, f"SPARQL version {versions[0]} is not supported (this server speaks {', '.join(SUPPORTED_VERSIONS)})")
        if not queries and not updates:
            raise ProtocolError(400, "no query or update parameter in the request")
        if queries:
            if path == "/update":
                raise ProtocolError(400, "/update takes updates; send queries to /sparql or /query")
            return self._query(queries[0], params)
        return self._update(updates[0], params)

    def _graph_param(self, params, name):
        graphs = params.get(name)
        if graphs is None:
            return None
        for g in graphs:
            try:
                ox.NamedNode(g)
            except ValueError:
                raise ProtocolError(400, f"{name} {g!r} is not an absolute IRI") from None
        return graphs

    def _query(self, text, params):
        default = self._graph_param(params, "default-graph-uri")
        named = self._graph_param(params, "named-graph-uri")
        task = {"op": "query", "query": text, "base": self._base, "accept": self.headers.get("Accept"), "default_graphs": default, "named_graphs": named}
        ctype, data = self.server.backend.read(task)
        self._send(200, ctype, data)

    def _update(self, text, params):
        if not self.server.config.allow_update:
            raise ProtocolError(403, "this endpoint is read-only: updates are refused (start kg serve with --allow-update to take them)")
        task = {
            "op": "update",
            "update": text,
            "base": self._base,
            "using_graphs": self._graph_param(params, "using-graph-uri"),
            "using_named_graphs": self._graph_param(params, "using-named-graph-uri"),
        }
        self.server.backend.write(task)
        self._send(204, None, b"")

    def _service_description(self):
        fmt = negotiate(self.headers.get("Accept"), GRAPH_OFFERS + [("text/html", "html")])
        if fmt == "html":
            self._extra_headers["Location"] = "/"
            return self._send(303, "text/plain; charset=utf-8", b"See / for the query page.\n")
        if fmt is None:
            raise ProtocolError(406, "the service description is available as Turtle, N-Triples, JSON-LD or RDF/XML")
        rdf_format, ctype = RDF_OUT[fmt]
        from .mapping import PREFIXES

        data = ox.serialize(service_description(self._base, self.server.config.allow_update), format=rdf_format, prefixes={**PREFIXES, "sd": SD} if fmt == "turtle" else None)
        self._send(200, ctype, data)

    # --- /store ------------------------------------------------------------

    def _store(self):
        method = self.command
        if method not in ("GET", "HEAD", "PUT", "POST", "DELETE"):
            raise ProtocolError(405, f"{method} is not a Graph Store Protocol operation", {"Allow": "GET, HEAD, PUT, POST, DELETE, OPTIONS"})
        params = self._params(self.url_query)
        graphs = params.get("graph", [])
        if len(graphs) > 1 or (graphs and "default" in params):
            raise ProtocolError(400, "name one graph: ?graph=IRI or ?default")
        if graphs:
            try:
                ox.NamedNode(graphs[0])
            except ValueError:
                raise ProtocolError(400, f"graph {graphs[0]!r} is not an absolute IRI") from None
            graph = graphs[0]
        elif "default" in params:
            graph = None
        else:
            graph = "*"  # the whole dataset (GET, POST), as Oxigraph does
        if method in ("GET", "HEAD"):
            if self._has_body():
                self._body(self.server.config.max_request_bytes)
                raise ProtocolError(400, "a GET request must not have a body")
            ctype, data = self.server.backend.read({"op": "graph", "graph": graph, "accept": self.headers.get("Accept")})
            return self._send(200, ctype, data)
        if not self.server.config.allow_update:
            raise ProtocolError(403, f"this endpoint is read-only: {method} is refused (start kg serve with --allow-update to take writes)")
        if graph == "*" and method != "POST":
            raise ProtocolError(400, f"{method} needs ?graph=IRI or ?default")
        if method == "DELETE":
            self.server.backend.write({"op": "delete", "graph": graph})
            return self._send(204, None, b"")
        ctype, _ = self._content_type()
        if ctype not in RDF_IN:
            raise ProtocolError(415, f"Content-Type {ctype or '(none)'} is not an RDF format this store reads: use one of {', '.join(RDF_IN)}")
        if graph == "*" and RDF_IN[ctype] not in QUAD_IN:
            raise ProtocolError(415, "POST to the whole store takes quads (N-Quads, TriG or JSON-LD); send triples to ?graph=IRI")
        data = self._body(self.server.config.max_upload_bytes)
        base = graph if graph not in (None, "*") else self._base
        (status,) = self.server.backend.write({"op": method.lower(), "graph": graph, "data": data, "ctype": ctype, "base": base})
        self._send(status, None, b"")

    # --- the page --------------------------------------------------------------

    def _page(self):
        if self.command not in ("GET", "HEAD"):
            raise ProtocolError(405, "the page only answers GET", {"Allow": "GET, HEAD"})
        nonce = secrets.token_urlsafe(16)
        self._extra_headers["Content-Security-Policy"] = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; "
            "frame-src 'self'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )
        self._send(200, "text/html; charset=utf-8", _page_html(self.server.config, nonce).encode("utf-8"))

    def _queries(self):
        from .query import canned_queries

        data = [{"name": q.name, "description": q.description, "text": q.text_for(), "params": q.params} for q in canned_queries().values()]
        self._send(200, "application/json", json.dumps(data).encode())

    def _graph_view(self):
        if self.command == "POST":
            ctype, _ = self._content_type()
            if ctype != FORM:
                raise ProtocolError(415, f"/graph takes {FORM}")
            params = self._params(self._text(self._body(self.server.config.max_request_bytes)))
        elif self.command in ("GET", "HEAD"):
            params = self._params(self.url_query)
        else:
            raise ProtocolError(405, "/graph answers GET and POST", {"Allow": "GET, HEAD, POST"})
        queries = params.get("query", [])
        if len(queries) != 1:
            raise ProtocolError(400, "give exactly one query parameter")
        ctype, data = self.server.backend.read({"op": "graphview", "query": queries[0], "base": self._base})
        # The view is a page of its own: scripts inline, no network, shown sandboxed.
        self._extra_headers["Content-Security-Policy"] = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; base-uri 'none'"
        self._send(200, ctype, data)

    # --- responses -------------------------------------------------------------

    def _options(self, path):
        self._send(204, None, b"")

    def _cors(self):
        origins = self.server.config.cors_origins
        origin = self.headers.get("Origin")
        if not origins or not origin:
            return {}
        if "*" in origins:
            allowed = "*"
        elif origin in origins:
            allowed = origin
        else:
            return {}
        headers = {"Access-Control-Allow-Origin": allowed, "Vary": "Origin"}
        if self.command == "OPTIONS":
            methods = "GET, HEAD, POST, PUT, DELETE, OPTIONS" if self.server.config.allow_update else "GET, HEAD, POST, OPTIONS"
            headers.update({"Access-Control-Allow-Methods": methods, "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "600"})
        return headers

    def _send(self, status, ctype, data):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in {**self._cors(), **self._extra_headers}.items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and data:
            self.wfile.write(data)

    def _error(self, e):
        self._extra_headers = dict(e.headers)
        phrase = HTTPStatus(e.status).phrase if e.status in HTTPStatus._value2member_map_ else "Error"
        try:
            self._send(e.status, "text/plain; charset=utf-8", f"{e.status} {phrase}: {e.message}\n".encode())
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client left before its answer


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server of ``kg serve``.

    >>> # with SparqlServer(ServerConfig(store=":memory:", port=0)) as server:
    >>> #     server.serve_forever()
    """

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default listen backlog is 5: a burst of clients overflows it and
    # their connects stall for seconds in SYN retries instead of getting an answer
    # (a 503 past max_connections at worst).
    request_queue_size = 1024

    def __init__(self, config, *, log=False):
        self.config = config
        self.config_log = log
        self.backend = _Backend(config)
        self._slots = threading.BoundedSemaphore(config.max_connections)
        try:
            super().__init__((config.host, config.port), _Handler)
        except OSError:
            self.backend.close()
            raise
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{port}/"
        self.base_url = self.url + "sparql"

    def process_request(self, request, client_address):
        if not self._slots.acquire(blocking=False):
            try:
                msg = b"503 Service Unavailable: too many connections; try again\n"
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(msg), msg))
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def start(self):
        """Serve from a background thread (for tests and notebooks); returns self."""
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def close(self):
        """Stop serving, stop the workers and release the store."""
        if getattr(self, "_thread", None):
            self.shutdown()
            self._thread.join(10)
        self.server_close()
        self.backend.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def serve(config, *, log=True, ready=None):
    """Run ``kg serve`` until interrupted.

    Args:
        config: a ServerConfig.
        log: print one line per request to stderr.
        ready: called with the server once it listens (the CLI prints the URL).
    """
    server = SparqlServer(config, log=log)
    if threading.current_thread() is threading.main_thread():
        import signal

        # Stop cleanly on SIGTERM too (workers, the store lock, the snapshots).
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        if ready:
            ready(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.backend.close()


def free_port():
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


__all__ = ["ServerConfig", "SparqlServer", "serve", "negotiate", "check_query", "check_update", "service_description", "ProtocolError", "free_port"]
