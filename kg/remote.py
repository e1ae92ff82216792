"""A store on any SPARQL 1.1 server: query, update and Graph Store Protocol over HTTP.

``RemoteStore`` has the methods of ``kg.store.EmbeddedStore`` so that ``kg build``,
``kg query``, ``kg export`` and ``kg viz`` work unchanged against Oxigraph,
Fuseki, GraphDB or ``kg serve --allow-update``. Only the standard library speaks
HTTP (``http.client``), over one kept-alive connection per host.

Endpoint layout: a bare base URL means Oxigraph's layout (``/query``, ``/update``,
``/store``; ``kg serve`` answers the same paths). Other servers are named with
``layout=`` (or ``$KG_STORE_LAYOUT``) or with explicit URLs:

=========  ======================  =======================  ==============================
layout     query                   update                   graph store
=========  ======================  =======================  ==============================
oxigraph   BASE/query              BASE/update              BASE/store
fuseki     BASE/sparql             BASE/update              BASE/data   (BASE = .../ds/)
graphdb    BASE                    BASE/statements          BASE/rdf-graphs/service
=========  ======================  =======================  ==============================

Writes keep the server's default graph the set union of its named graphs, as
the embedded store does: ``replace_graph`` is one SPARQL Update request (one
transaction on Oxigraph) that drops the graph with the default-graph facts no
other graph states, then inserts the new triples in the graph and in the default
graph, so building twice changes nothing; ``replace_graphs`` sends many over the
same connection. Idempotent requests (GET, PUT, DELETE, queries, graph
replacements) are retried with backoff on connection errors; a refusal
(4xx/5xx) is a StoreError naming the URL, the status and the server's message.

Parameters are bound safely: each value is an RDF term serialised by pyoxigraph
(N-Triples syntax, escaped) and placed in a ``VALUES`` block at the start of the
query's WHERE group, which is the SEP-0007 substitution the embedded store does.
User text is never pasted into the query.

>>> RemoteStore("http://127.0.0.1:7878/").query_url
'http://127.0.0.1:7878/query'
>>> RemoteStore("http://h:3030/ds", layout="fuseki").store_url
'http://h:3030/ds/data'
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .sparql import refuse_remote_access, sparql_tokens

LAYOUTS = {
    "oxigraph": ("query", "update", "store"),
    "kg": ("query", "update", "store"),
    "fuseki": ("sparql", "update", "data"),
    "graphdb": ("", "statements", "rdf-graphs/service"),
}
#: How each layout is asked for "the default graph is the union of all graphs".
_UNION = {
    "oxigraph": ("union-default-graph", ""),
    "kg": ("union-default-graph", ""),
    "fuseki": ("default-graph-uri", "urn:x-arq:UnionGraph"),
    "graphdb": None,  # RDF4J's default graph already is the union of all contexts
}

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
_RETRYABLE = (ConnectionError, socket.timeout, TimeoutError, http.client.RemoteDisconnected, http.client.BadStatusLine, OSError)


class RemoteStore:
    """A SPARQL 1.1 server used as kg's store.

    Args:
        base: the server's base URL, e.g. ``http://127.0.0.1:7878/``.
        query_url, update_url, store_url: endpoint URLs that override the layout.
        layout: ``oxigraph`` (default, also ``kg serve``), ``fuseki``, ``graphdb``;
            defaults to ``$KG_STORE_LAYOUT``.
        timeout: seconds to wait for the server on each request.
        retries: extra attempts after a connection error (idempotent requests only).
        headers: extra HTTP headers for every request (e.g. Authorization).

    Raises:
        StoreError: for a URL that is not http(s) or an unknown layout.
    """

    def __init__(self, base, query_url=None, update_url=None, store_url=None, *, layout=None, timeout=60.0, retries=3, headers=None, read_only=False):
        base = str(base)
        if not base.startswith(("http://", "https://")):
            raise StoreError(f"{base}: a remote store needs an http:// or https:// URL")
        self.layout = (layout or os.environ.get("KG_STORE_LAYOUT") or "oxigraph").lower()
        if self.layout not in LAYOUTS:
            raise StoreError(f"unknown store layout {self.layout!r} (one of {', '.join(LAYOUTS)})")
        root = base if base.endswith("/") else base + "/"
        q, u, s = LAYOUTS[self.layout]
        self.location = base
        self.query_url = query_url or os.environ.get("KG_QUERY_URL") or (root + q if q else base.rstrip("/"))
        self.update_url = update_url or os.environ.get("KG_UPDATE_URL") or root + u
        self.store_url = store_url or os.environ.get("KG_GSP_URL") or root + s
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.headers = dict(headers or {})
        self.read_only = read_only
        self._connections = {}

    # --- reading -------------------------------------------------------

    def query(self, sparql, *, params=None, union_default_graph=False):
        """Run a SPARQL query on the server.

        Args:
            sparql: the query text; kg's prefixes (``kg:``, ``rdfs:``...) may be used
                undeclared, as with the embedded store.
            params: ``{variable name: RDF term}`` (a str becomes a plain literal),
                bound through a VALUES block of serialised terms.
            union_default_graph: read the union of all graphs instead of the default
                graph (kg never needs it: the default graph holds every fact once).

        Returns:
            A Result for SELECT, a bool for ASK, a list of Triples for CONSTRUCT/DESCRIBE.

        Raises:
            QueryError: the server rejected the query (its message is included).
            StoreError: the server could not be reached.
        """
        refuse_remote_access(sparql)
        from .store import Result

        text = with_prefixes(bind_values(sparql, params) if params else sparql)
        fields = [("query", text)]
        if union_default_graph and _UNION.get(self.layout):
            fields.append(_UNION[self.layout])
        body = urllib.parse.urlencode(fields).encode()
        status, ctype, data = self._request(
            "POST", self.query_url, body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": f"{RESULTS_JSON}, {N_TRIPLES};q=0.9"}, idempotent=True
        )
        if status >= 400:
            message = _message(data)
            if status in (400, 403, 413, 422):
                raise QueryError(f"the server rejected the query ({status}): {message}")
            raise StoreError(f"{self.query_url}: query failed with {status}: {message}")
        if ctype in (RESULTS_JSON, "application/json"):
            answer = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
            if isinstance(answer, ox.QueryBoolean):
                return bool(answer)
            columns = [v.value for v in answer.variables]
            return Result(columns, [tuple(sol[c] for c in columns) for sol in answer])
        fmt = ox.RdfFormat.from_media_type(ctype) if ctype else None
        if fmt is None:
            raise StoreError(f"{self.query_url}: unexpected answer type {ctype or '(none)'}")
        return list(ox.parse(data, format=fmt))

    def graphs(self):
        """The IRIs of the named graphs, sorted."""
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(row[0].value for row in result if isinstance(row[0], ox.NamedNode))

    def __len__(self):
        # Quads of the named graphs plus the triples of the default graph, as len(EmbeddedStore).
        # The default graph is counted from the Graph Store: a server whose queries see the
        # union of all graphs (kg serve, Oxigraph --union-default-graph) cannot count it.
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result.rows[0][0].value) + sum(1 for _ in self.quads(ox.DefaultGraph()))

    def quads(self, graph=None):
        """The quads of one graph (IRI string, or ``ox.DefaultGraph()``) or of every named graph."""
        if isinstance(graph, ox.DefaultGraph):
            for t in ox.parse(self._get_graph(None, N_TRIPLES), format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(t.subject, t.predicate, t.object, graph)
            return
        names = [graph.value if isinstance(graph, ox.NamedNode) else graph] if graph is not None else self.graphs()
        for name in names:
            g = ox.NamedNode(name)
            for t in ox.parse(self._get_graph(name, N_TRIPLES), format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(t.subject, t.predicate, t.object, g)

    def dump(self, fmt="trig", graph=None):
        """Serialise the store (or one graph) as bytes in one of ``kg.store.RDF_FORMATS``.

        Quad formats get every graph, the default graph included; triple formats
        (Turtle, N-Triples) get the default graph.
        """
        from .store import QUAD_FORMATS, _prefixes, _rdf_format

        rdf_format = _rdf_format(fmt)
        if graph is not None:
            triples = list(ox.parse(self._get_graph(graph, N_TRIPLES), format=ox.RdfFormat.N_TRIPLES))
            return ox.serialize(triples, format=rdf_format, prefixes=_prefixes(fmt))
        if fmt in QUAD_FORMATS:
            return ox.serialize([*self.quads(ox.DefaultGraph()), *self.quads()], format=rdf_format, prefixes=_prefixes(fmt))
        triples = list(ox.parse(self._get_graph(None, N_TRIPLES), format=ox.RdfFormat.N_TRIPLES))
        return ox.serialize(triples, format=rdf_format, prefixes=_prefixes(fmt))

    # --- writing -------------------------------------------------------

    def replace_graph(self, graph, quads):
        """Make a named graph hold exactly these quads, the default graph in step: one SPARQL Update.

        The request drops the graph and the default-graph facts no other graph
        states, then inserts the new triples into the graph, into the default graph,
        and (for quads naming another graph: the shared entity descriptions) into
        that graph. Repeating it gives the same store, so it is retried like a PUT.

        Raises:
            StoreError: the server refused (e.g. a read-only endpoint) or is unreachable.
        """
        from .store import drop_graphs_update

        self._check_writable()
        by_graph = {}
        for q in quads:
            name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else graph
            by_graph.setdefault(name, []).append(ox.Triple(q.subject, q.predicate, q.object))
        blocks = [_nt(t for ts in by_graph.values() for t in ts)]
        blocks += [f"GRAPH <{name}> {{\n{_nt(ts)}}}" for name, ts in sorted(by_graph.items())]
        text = f"{drop_graphs_update([graph])} ;\nINSERT DATA {{\n" + "\n".join(blocks) + "\n}"
        self._send_update(text, idempotent=True)

    def replace_graphs(self, items):
        """Replace many named graphs, ``(graph IRI, quads)`` pairs, over one connection.

        Returns:
            The number of graphs written.
        """
        n = 0
        for graph, quads in items:
            self.replace_graph(graph, quads)
            n += 1
        return n

    def remove_graph(self, graph):
        """Delete a named graph and the facts only it states (absent graphs are fine)."""
        from .store import drop_graphs_update

        self._check_writable()
        self._send_update(drop_graphs_update([graph]), idempotent=True)

    def load(self, path, fmt=None, graph=None):
        """Add an RDF file's content; triple formats go into ``graph`` (required for them)."""
        from .store import RDF_FORMATS, load_format

        self._check_writable()
        path, fmt = Path(path), load_format(path, fmt, graph)
        try:
            parsed = list(ox.parse(path=str(path), format=RDF_FORMATS[fmt]))
        except SyntaxError as e:
            raise StoreError(f"{path}: {str(e).splitlines()[0]}") from None
        except OSError as e:
            raise StoreError(f"{path}: cannot read: {e}") from None
        by_graph = {}
        for q in parsed:
            name = graph or (q.graph_name.value if isinstance(q, ox.Quad) and isinstance(q.graph_name, ox.NamedNode) else None)
            if name is None:
                raise StoreError(f"{path}: has triples in the default graph; kg derives the default graph from the named graphs (name a graph)")
            by_graph.setdefault(name, []).append(ox.Triple(q.subject, q.predicate, q.object))
        blocks = [f"GRAPH <{name}> {{\n{_nt(ts)}}}" for name, ts in by_graph.items()]
        self._send_update("INSERT DATA {\n" + _nt(t for ts in by_graph.values() for t in ts) + "\n".join(blocks) + "\n}", idempotent=True)

    def repair_default_graph(self):
        """Rebuild the default graph as the set union of the named graphs (one update)."""
        from .store import REPAIR_UPDATE

        self._check_writable()
        self._send_update(REPAIR_UPDATE, idempotent=True)

    def update(self, sparql):
        """Run a SPARQL Update on the server (not retried: an update may not be idempotent)."""
        self._check_writable()
        refuse_remote_access(sparql)
        self._send_update(with_prefixes(sparql), idempotent=False)

    def _send_update(self, text, *, idempotent):
        status, _, data = self._request("POST", self.update_url, text.encode(), {"Content-Type": "application/sparql-update"}, idempotent=idempotent)
        if status >= 400:
            if status == 403:
                raise StoreError(f"{self.update_url}: the server refused the update (403): {_message(data)}\n\nStart kg serve with --allow-update to write to it.")
            raise StoreError(f"{self.update_url}: the server refused the update ({status}): {_message(data)}")

    def flush(self):
        """Nothing to do: the server decides when its data is durable."""

    def close(self):
        """Close the kept-alive connections."""
        for conn in self._connections.values():
            conn.close()
        self._connections.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<RemoteStore {self.query_url}>"

    # --- HTTP ----------------------------------------------------------

    def _check_writable(self):
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")

    def _graph_url(self, graph):
        sep = "&" if "?" in self.store_url else "?"
        return f"{self.store_url}{sep}{urllib.parse.urlencode({'graph': graph})}"

    def _get_graph(self, graph, accept):
        """A graph's content from the Graph Store; None means the default graph."""
        url = self._graph_url(graph) if graph is not None else f"{self.store_url}{'&' if '?' in self.store_url else '?'}default"
        status, _, data = self._request("GET", url, None, {"Accept": accept}, idempotent=True)
        if status == 404:
            return b""
        if status >= 400:
            raise StoreError(f"{self.store_url}: cannot read graph <{graph}> ({status}): {_message(data)}")
        return data

    def _connection(self, url):
        parts = urllib.parse.urlsplit(url)
        key = (parts.scheme, parts.netloc)
        conn = self._connections.get(key)
        if conn is None:
            cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            conn = self._connections[key] = cls(parts.netloc, timeout=self.timeout)
        path = parts.path or "/"
        return conn, path + (f"?{parts.query}" if parts.query else "")

    def _request(self, method, url, body, headers, *, idempotent):
        """Send one request; returns (status, media type, body bytes)."""
        headers = {"User-Agent": "kg", **self.headers, **headers}
        delay = 0.2
        for attempt in range(self.retries + 1):
            conn, path = self._connection(url)
            if not idempotent:
                # A kept-alive connection the server has meanwhile closed would fail after
                # sending, and a non-idempotent request cannot then be repeated: start fresh.
                conn.close()
            sent = False
            try:
                conn.request(method, path, body=body, headers=headers)
                sent = True
                response = conn.getresponse()
                data = response.read()
                ctype = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                return response.status, ctype, data
            except _RETRYABLE as e:
                conn.close()
                # A request that reached the server is only repeated when repeating is harmless.
                if attempt == self.retries or (sent and not idempotent) or isinstance(e, http.client.HTTPException) and not idempotent:
                    raise StoreError(f"{url}: cannot reach the SPARQL server: {e or type(e).__name__}") from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")


def _nt(triples):
    """Triples as N-Triples lines, which are valid SPARQL INSERT DATA content."""
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)


def _message(data):
    text = data.decode("utf-8", "replace").strip()
    return (text.splitlines() or ["(no message)"])[0][:500]


# --- SPARQL text ---------------------------------------------------------------

_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _term(value):
    if isinstance(value, str):
        value = ox.Literal(value)
    if not isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode, ox.Triple)):
        raise QueryError(f"parameter value {value!r} is not an RDF term")
    if isinstance(value, ox.BlankNode):
        raise QueryError("a blank node cannot be a query parameter")
    return str(value)  # N-Triples syntax, escaped by pyoxigraph


def bind_values(sparql, params):
    """Bind variables by a VALUES block of serialised terms at the start of the WHERE group.

    Args:
        sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
        params: ``{variable name: RDF term or str}``.

    Raises:
        QueryError: a bad variable name or value, or no WHERE group to bind in.

    >>> bind_values('SELECT ?x WHERE { ?x ?p ?name }', {"name": 'a" } ; DROP ALL'})
    'SELECT ?x WHERE { VALUES (?name) { ("a\\\\" } ; DROP ALL") } ?x ?p ?name }'
    """
    names = list(params)
    for name in names:
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    row = " ".join(_term(params[n]) for n in names)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}"
    pos = where_group_start(sparql)
    if pos is None:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } group")
    return f"{sparql[:pos]} {block}{sparql[pos:]}"


def where_group_start(sparql):
    """The offset just after the ``{`` that opens the query's WHERE group, or None."""
    tokens = sparql_tokens(sparql)
    form = next((t[1].upper() for t in tokens if t[0] == "word" and t[1].upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), None)
    depth = 0
    groups = []
    for i, (kind, text, _start, end) in enumerate(tokens):
        if kind == "other" and text == "{":
            if depth == 0:
                before = tokens[i - 1][1].upper() if i else ""
                groups.append((end, before))
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
    if not groups:
        return None
    if form == "CONSTRUCT":
        # The first top-level group is the template, unless it is CONSTRUCT WHERE { }.
        if groups[0][1] == "WHERE":
            return None
        return groups[1][0] if len(groups) > 1 else None
    return groups[0][0]


def with_prefixes(sparql):
    """Declare kg's prefixes before a query, as the embedded store does implicitly.

    A prefix the query declares itself is declared again by it later, which wins.
    """
    from .mapping import PREFIXES

    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + sparql


__all__ = ["RemoteStore", "bind_values", "sparql_tokens", "where_group_start", "with_prefixes", "LAYOUTS"]
