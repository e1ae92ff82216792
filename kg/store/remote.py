"""A store on any SPARQL 1.1 server: query, update and Graph Store Protocol.

``RemoteStore`` follows :class:`kg.store.base.Store`, so ``kg build``, ``kg query``,
``kg export`` and ``kg viz`` work unchanged against Oxigraph server, Virtuoso,
Fuseki, GraphDB or ``kg serve --allow-update``, and answer what the embedded store
answers. How requests travel (connections, retries, authentication) is
:mod:`kg.store.http`'s business; this module keeps to what they mean.

Endpoint layout: a bare base URL means Oxigraph's layout; others are named with
``layout=`` (or ``$KG_STORE_LAYOUT``), and any URL can be given explicitly
(``$KG_QUERY_URL``, ``$KG_UPDATE_URL``, ``$KG_GSP_URL``):

=========  ==============  ==================================  =====================================
layout     query           update                              graph store
=========  ==============  ==================================  =====================================
oxigraph   BASE/query      BASE/update                         BASE/store
fuseki     BASE/sparql     BASE/update                         BASE/data   (BASE = .../ds/)
graphdb    BASE            BASE/statements                     BASE/rdf-graphs/service
virtuoso   BASE/sparql     BASE/sparql-auth (with a user)      BASE/sparql-graph-crud-auth (with a user)
                           BASE/sparql (without)               BASE/sparql-graph-crud (without)
=========  ==============  ==================================  =====================================

What the server answers is made to equal the embedded store's answer:

- **Parameters** are bound as serialised RDF terms (escaped by pyoxigraph, never
  user text pasted into the query) in a ``VALUES`` block at the start of the
  WHERE group of the query *and of every sub-select*, since a sub-select only sees
  the variables bound inside it.
- **Rows are never cut by a server's cap**: the cap is measured once per store (a
  query of 10,000 rows that needs no data), results are fetched in pages of at most
  that size, ordered by the query's own ORDER BY and then by every column so pages
  never overlap, until a page comes back short. On Virtuoso, which sorts only
  windows up to its MaxSortedTopRows, a sub-select sorts and the window is taken
  outside it; each page's first row repeats the last of the page before, as a check.
- **Only kg's graphs** (IRIs under :data:`kg.store.base.KG_GRAPHS`) are listed,
  counted, exported or dropped; a server's own graphs are left alone.
- **RDF for CONSTRUCT and DESCRIBE**, SPARQL results for SELECT and ASK, each asked
  for by its own media type, and Graph Store answers parsed by their Content-Type.
- **Errors** give the server's own message, on one line, with a hint that fits the
  server (credentials for a 401, the server's write permission for a 403).

>>> RemoteStore("http://127.0.0.1:7878/").query_url
'http://127.0.0.1:7878/query'
>>> RemoteStore("http://h:8890/", layout="virtuoso", user="kg", password="pw").update_url
'http://h:8890/sparql-auth'

A URL that ends in a query endpoint (``.../sparql``, ``.../query``, as ``kg serve``
prints it) names that endpoint; the others are its siblings in the layout:

>>> s = RemoteStore("http://127.0.0.1:7878/sparql")
>>> s.query_url, s.update_url, s.store_url
('http://127.0.0.1:7878/sparql', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
"""

from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..sparql import refuse_remote_access, sparql_tokens
from .base import DEFAULT_GRAPH_IRI, KG_GRAPHS, QUAD_FORMATS, RDF_FORMATS, Capabilities, Result, drop_graphs_update, load_format, prefixes_for, rdf_format, repair_default_update
from .http import HttpClient

#: query, update, graph store paths; the second pair is for a server that wants credentials.
LAYOUTS = {
    "oxigraph": (("query", "update", "store"), None),
    "kg": (("query", "update", "store"), None),
    "fuseki": (("sparql", "update", "data"), None),
    "graphdb": (("", "statements", "rdf-graphs/service"), None),
    "virtuoso": (("sparql", "sparql", "sparql-graph-crud"), ("sparql", "sparql-auth", "sparql-graph-crud-auth")),
}
#: Servers whose default graph is the union of every graph (Virtuoso's, with its system
#: graphs; RDF4J's in GraphDB) get kg's default graph as the named graph DEFAULT_GRAPH_IRI,
#: named as the default graph of every request (``default-graph-uri`` for queries,
#: ``using-graph-uri`` for updates: both standard protocol parameters). The others have a
#: default graph of their own, and kg sends no dataset at all.
_EMULATED_DEFAULT = {"virtuoso", "graphdb"}

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
#: A page is never larger than this, whatever the server allows.
MAX_PAGE = 10000
#: Quads per batched write, by layout: large enough to make requests few, small enough
#: for servers that parse an update whole before running it. kg serve checks each update
#: with rdflib's parser (about 100 KB/s) within its time limit, so it gets small batches.
SMALL_BATCH_QUADS = 100
DEFAULT_BATCH_QUADS = 5000
#: Virtuoso's SPARQL parser runs out of stack ("memory exhausted") past about 10,000
#: triples in one INSERT DATA block, and the default graph's block holds the whole batch.
VIRTUOSO_BATCH_QUADS = 2000


def _query_endpoint(url):
    """The base URL above ``url`` when ``url`` ends in a query endpoint's name, else None."""
    path = urllib.parse.urlsplit(url).path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last not in ("sparql", "query"):
        return None
    return url[: url.rstrip("/").rindex("/") + 1]


class RemoteStore:
    """A SPARQL 1.1 server used as kg's store.

    Args:
        base: the server's base URL, e.g. ``http://127.0.0.1:7878/``.
        query_url, update_url, store_url: endpoint URLs that override the layout.
        layout: ``oxigraph`` (default, also ``kg serve``), ``virtuoso``, ``fuseki``,
            ``graphdb``; defaults to ``$KG_STORE_LAYOUT``.
        user, password: credentials for HTTP Basic or Digest authentication; default
            to ``$KG_STORE_USER`` and ``$KG_STORE_PASSWORD``.
        timeout: seconds to wait for the server on each request.
        retries: extra attempts after a connection error (idempotent requests only).
        headers: extra HTTP headers for every request.
        read_only: refuse writes before sending them.
        verify: check https certificates.

    Raises:
        StoreError: for a URL that is not http(s) or an unknown layout.
    """

    def __init__(self, base, query_url=None, update_url=None, store_url=None, *, layout=None, user=None, password=None, timeout=60.0, retries=3, headers=None, read_only=False, verify=True):
        base = str(base)
        if not base.startswith(("http://", "https://")):
            raise StoreError(f"{base}: a remote store needs an http:// or https:// URL")
        self.layout = (layout or os.environ.get("KG_STORE_LAYOUT") or "oxigraph").lower()
        if self.layout not in LAYOUTS:
            raise StoreError(f"unknown store layout {self.layout!r} (one of {', '.join(LAYOUTS)})")
        self.http = HttpClient(timeout=timeout, retries=retries, headers=headers, user=user, password=password, verify=verify)
        plain, authenticated = LAYOUTS[self.layout]
        q, u, s = authenticated if (authenticated and self.http.auth) else plain
        root = base if base.endswith("/") else base + "/"
        self.location = base
        if endpoint := _query_endpoint(base):  # e.g. the .../sparql URL kg serve prints
            root, query_url = endpoint, query_url or base
        self.query_url = query_url or os.environ.get("KG_QUERY_URL") or (root + q if q else base.rstrip("/"))
        self.update_url = update_url or os.environ.get("KG_UPDATE_URL") or root + u
        self.store_url = store_url or os.environ.get("KG_GSP_URL") or root + s
        self.read_only = read_only
        self.capabilities = Capabilities(persistent=True, transactional=False, remote=True, updatable=not read_only)
        self._page = None  # rows per page: the server's cap, once measured
        self._server = ""  # the Server header of the last answer to a query
        #: The named graph that holds kg's default graph on this server, or None.
        self.default_graph = DEFAULT_GRAPH_IRI if self.layout in _EMULATED_DEFAULT else None

    # --- reading -------------------------------------------------------

    def query(self, sparql, *, params=None):
        """Run a SPARQL query on the server.

        Args:
            sparql: the query text; kg's prefixes (``kg:``, ``rdfs:``...) may be used
                undeclared, as with the embedded store.
            params: ``{variable name: RDF term}`` (a str becomes a plain literal).
                The default graph is kg's (each current fact once) on every engine;
                there is no switch to a union of graphs, which means something
                different on each engine (Virtuoso's holds its own graphs too).

        Returns:
            A Result for SELECT, a bool for ASK, a list of Triples for CONSTRUCT/DESCRIBE.

        Raises:
            QueryError: the server rejected the query (its message is included).
            StoreError: the server could not be reached or failed.
        """
        refuse_remote_access(sparql)
        text = bind_values(sparql, params) if params else sparql
        form = query_form(text)
        dataset = []
        if self.default_graph:
            dataset = [("default-graph-uri", self.default_graph)]
            text = graph_constants_as_variables(text)
        if form == "SELECT":
            result = self._select(text, dataset)
            hidden = [i for i, c in enumerate(result.columns) if c.startswith(_HIDDEN)]
            if hidden:
                keep = [i for i in range(len(result.columns)) if i not in hidden]
                result = Result([result.columns[i] for i in keep], [tuple(r[i] for i in keep) for r in result.rows])
            return result
        if form == "ASK":
            return self._ask(text, dataset)
        return self._rdf(text, dataset)

    def graphs(self):
        """The IRIs of kg's named graphs, sorted (a server's own graphs are not kg's)."""
        result = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {_literal(KG_GRAPHS)})) }}")
        return sorted(row[0].value for row in result if isinstance(row[0], ox.NamedNode) and row[0].value != self.default_graph)

    def __len__(self):
        """Quads of kg's named graphs plus the triples of its default graph, as len(EmbeddedStore)."""
        named = f"{{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {_literal(KG_GRAPHS)})) }}"
        # Where the default graph is one of kg's named graphs, counting those counts it.
        where = named if self.default_graph else f"{named} UNION {{ ?s ?p ?o }}"
        return int(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows[0][0].value)

    def quads(self, graph=None):
        """The quads of one graph (IRI string, or ``ox.DefaultGraph()``) or of each of kg's named graphs."""
        if isinstance(graph, ox.DefaultGraph):
            for t in self._get_graph(None):
                yield ox.Quad(t.subject, t.predicate, t.object, graph)
            return
        names = [graph.value if isinstance(graph, ox.NamedNode) else graph] if graph is not None else self.graphs()
        for name in names:
            g = ox.NamedNode(name)
            for t in self._get_graph(name):
                yield ox.Quad(t.subject, t.predicate, t.object, g)

    def dump(self, fmt="trig", graph=None):
        """Serialise kg's graphs (or one graph) as bytes in one of ``RDF_FORMATS``.

        Quad formats get every graph, the default graph included; triple formats
        (Turtle, N-Triples) get the default graph: each current fact once.
        """
        fmt_ = rdf_format(fmt)
        if graph is not None:
            return ox.serialize(self._get_graph(graph), format=fmt_, prefixes=prefixes_for(fmt))
        if fmt in QUAD_FORMATS:
            return ox.serialize([*self.quads(ox.DefaultGraph()), *self.quads()], format=fmt_, prefixes=prefixes_for(fmt))
        return ox.serialize(self._get_graph(None), format=fmt_, prefixes=prefixes_for(fmt))

    # --- writing -------------------------------------------------------

    def replace_graph(self, graph, quads):
        """Make a named graph hold exactly these quads (see replace_graphs)."""
        self.replace_graphs([(graph, quads)])

    def replace_graphs(self, items):
        """Replace many named graphs, ``(graph IRI, quads)`` pairs, keeping the default graph in step.

        Graphs are gathered into SPARQL Updates of about DEFAULT_BATCH_QUADS quads each (SMALL_BATCH_QUADS for kg serve): the
        batch's graphs are dropped with the default-graph facts no other graph states,
        then one ``INSERT DATA`` puts the new triples into their graphs and into the
        default graph. One request is one transaction on Oxigraph, and repeating it
        gives the same store, so it is retried like a PUT; a build costs a few
        requests, not one per announcement. Quads that name another graph (the shared
        entity descriptions) go into that graph, with set semantics.

        Returns:
            The number of graphs written.

        Raises:
            StoreError: the server refused (e.g. a read-only endpoint) or is unreachable.
        """
        self._check_writable()
        n, graphs, blocks, size = 0, [], {}, 0
        default = blocks.setdefault(None, [])
        for graph, quads in items:
            g = ox.NamedNode(graph)
            graphs.append(g)
            own = blocks.setdefault(str(g), [])
            for q in quads:
                name = q.graph_name
                line = f"{q.subject} {q.predicate} {q.object} ."
                (blocks.setdefault(str(name), []) if isinstance(name, ox.NamedNode) and name != g else own).append(line)
                default.append(line)
                size += 1
            n += 1
            if size >= self._batch_quads():
                self._send_batch(graphs, blocks)
                graphs, blocks, size = [], {}, 0
                default = blocks.setdefault(None, [])
        if graphs:
            self._send_batch(graphs, blocks)
        return n

    def _batch_quads(self):
        """Quads per write: small for kg serve (known by its layout or its Server header)."""
        if self.layout == "kg" or self._server.startswith("kg-serve"):
            return SMALL_BATCH_QUADS
        if self.layout == "virtuoso":
            return VIRTUOSO_BATCH_QUADS
        return DEFAULT_BATCH_QUADS

    def _send_batch(self, graphs, blocks):
        inserts = " ".join(self._block(g, lines) for g, lines in blocks.items() if lines)
        text = drop_graphs_update(graphs, self.default_graph) + (f" ;\nINSERT DATA {{ {inserts} }}" if inserts else "")
        self._send_update(text, idempotent=True)

    def _block(self, graph, lines):
        """INSERT DATA content for one graph; None is the default graph."""
        if graph is None:
            graph = f"<{self.default_graph}>" if self.default_graph else None
        return f"GRAPH {graph} {{ {' '.join(lines)} }}" if graph else " ".join(lines)

    def remove_graph(self, graph):
        """Delete a named graph and the facts only it states (absent graphs are fine)."""
        self._check_writable()
        self._send_update(drop_graphs_update([graph], self.default_graph), idempotent=True)

    def repair_default_graph(self):
        """Rebuild the default graph as the set union of kg's named graphs (one update)."""
        self._check_writable()
        self._send_update(repair_default_update(self.default_graph), idempotent=True)

    def load(self, path, fmt=None, graph=None):
        """Add an RDF file's content; triple formats go into ``graph`` (required for them)."""
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
        blocks = {name: [f"{t} ." for t in triples] for name, triples in by_graph.items()}
        blocks[None] = [line for lines in list(blocks.values()) for line in lines]
        inserts = " ".join(self._block(f"<{g}>" if g else None, lines) for g, lines in blocks.items())
        self._send_update(f"INSERT DATA {{ {inserts} }}", idempotent=True)

    def update(self, sparql):
        """Run a SPARQL Update on the server (not retried: an update may not be idempotent).

        The update is responsible for keeping the default graph in step, as on the
        embedded store (kg's own updates write both graphs).
        """
        self._check_writable()
        refuse_remote_access(sparql)
        self._send_update(with_prefixes(sparql), idempotent=False)

    def _send_update(self, text, *, idempotent):
        url = self.update_url
        if self.default_graph:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode({"using-graph-uri": self.default_graph})
        response = self.http.request("POST", url, text.encode(), {"Content-Type": "application/sparql-update"}, idempotent=idempotent)
        if response.status >= 400:
            raise StoreError(f"{self.update_url}: the server refused the update ({response.status}): {_message(response)}{self._hint(response)}")

    def flush(self):
        """Nothing to do: the server decides when its data is durable."""

    def close(self):
        """Close the kept-alive connections."""
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<RemoteStore {self.query_url}>"

    # --- queries, by form ------------------------------------------------

    def _post_query(self, text, dataset, accept):
        body = urllib.parse.urlencode([("query", with_prefixes(text)), *dataset]).encode()
        response = self.http.request("POST", self.query_url, body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}, idempotent=True)
        self._server = response.headers.get("server", "").lower()
        if response.status >= 400:
            if response.status in (400, 413, 422) or (response.status == 500 and self.layout == "virtuoso" and b"SPARQL compiler" in response.body):
                raise QueryError(f"the server rejected the query ({response.status}): {_message(response)}")
            raise StoreError(f"{self.query_url}: query failed with {response.status}: {_message(response)}{self._hint(response)}")
        return response

    def _solutions(self, text, dataset):
        """Columns and rows of one SELECT request, as sent."""
        response = self._post_query(text, dataset, f"{RESULTS_JSON}, {RESULTS_XML};q=0.9")
        answer = _parse_results(response, self.query_url)
        if isinstance(answer, bool):
            raise StoreError(f"{self.query_url}: answered a SELECT query with a boolean")
        return answer

    def _select(self, text, dataset):
        page, nested = self.page_size(), self._sorts_whole()
        window = solution_window(text)
        if window.limit is not None and window.limit <= page:
            if nested and window.order:
                text = window.with_window(window.offset, window.limit, nested=True)
            columns, rows = self._solutions(text, dataset)
            return Result(columns, rows)
        # First ask for a page as the query orders it: most answers fit in one.
        columns, rows = self._solutions(window.with_window(window.offset, page, nested=nested), dataset)
        if len(rows) < page:
            return Result(columns, rows)
        # More rows than a page: start again with a total order, so pages never overlap.
        # Each later page starts one row early, and that row must be the one the page
        # before ended with: a server whose order moved between requests is caught.
        first, rows, offset = len(rows), [], window.offset
        end = None if window.limit is None else window.offset + window.limit
        while end is None or offset < end:
            back = 1 if rows and page > 1 else 0
            size = page - back if end is None else min(page - back, end - offset)
            columns, got = self._solutions(window.with_window(offset - back, size + back, order=columns, nested=nested), dataset)
            if back:
                if not got or got[0] != rows[-1]:
                    raise StoreError(f"{self.query_url}: the server's order of an answer changed between two of its pages; run the query again")
                got = got[1:]
            rows.extend(got)
            offset += len(got)
            if len(got) < size:
                break
        if len(rows) < first:
            # Virtuoso answers ORDER BY with a trailing VALUES clause with no rows at all.
            raise StoreError(f"{self.query_url}: the server answered fewer rows in order ({len(rows)}) than unordered ({first}); it cannot page this query")
        return Result(columns, rows)

    def _sorts_whole(self):
        """Whether ordered pages must sort the whole answer in a sub-select (Virtuoso).

        Virtuoso refuses an ``ORDER BY`` whose ``LIMIT`` plus ``OFFSET`` passes its
        MaxSortedTopRows (error SR353; 10,000 by default, as its row cap), so a page
        past the cap cannot be a window of the sorted query there. It keeps the order
        of a sub-select that sorts everything, and the outer query then takes the
        window without sorting. Other engines sort any window, and take it so.
        """
        return self.layout == "virtuoso" or "virtuoso" in self._server

    def _ask(self, text, dataset):
        response = self._post_query(text, dataset, f"{RESULTS_JSON}, {RESULTS_XML};q=0.9")
        answer = _parse_results(response, self.query_url)
        if isinstance(answer, bool):
            return answer
        # Virtuoso answers ASK in JSON as one row holding 1 or 0.
        columns, rows = answer
        return bool(rows) and rows[0][0] is not None and rows[0][0].value not in ("0", "false")

    def _rdf(self, text, dataset):
        """CONSTRUCT and DESCRIBE: RDF in the server's syntax, paged past a cap on triples.

        An answer as long as a page may have been cut; CONSTRUCT is then fetched again
        in windows of solutions ordered by the template's variables, each window small
        enough that its triples fit under the cap, until a window brings nothing new.
        (DESCRIBE is left whole: what it returns is each engine's own choice.)
        """
        triples = list(_parse_rdf(self._post_query(text, dataset, RDF_ACCEPT), self.query_url))
        page = self.page_size()
        template = construct_template(text)
        if len(triples) < page or template is None or not template[0]:
            return triples
        variables, size = template
        window = solution_window(text)
        per_page = max(1, page // max(1, size))
        seen, out, offset = set(), [], window.offset
        while window.limit is None or offset < window.offset + window.limit:
            paged = window.with_window(offset, per_page, order=variables, nested=self._sorts_whole())
            got = list(_parse_rdf(self._post_query(paged, dataset, RDF_ACCEPT), self.query_url))
            if not got:
                break
            for t in got:
                if t not in seen:
                    seen.add(t)
                    out.append(t)
            offset += per_page
        return out

    def page_size(self):
        """Rows per page: the server's cap on result rows, measured once, at most MAX_PAGE.

        A query that makes 10,000 rows from two VALUES blocks of 100 needs no data;
        a server that caps results (Virtuoso's ResultSetMaxRows) returns fewer.
        """
        if self._page is None:
            values = " ".join(str(i) for i in range(100))
            probe = f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} }}"
            _, rows = self._solutions(probe, [])
            if not rows:
                raise StoreError(f"{self.query_url}: the server returns no rows at all (a cap of 0 rows?)")
            self._page = min(len(rows), MAX_PAGE)
        return self._page

    # --- Graph Store Protocol ----------------------------------------------

    def _check_writable(self):
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")

    def _get_graph(self, graph):
        """The triples of one named graph, or of the default graph for None (none for an absent graph).

        Read with a paged SELECT rather than a Graph Store GET, which Virtuoso cuts at
        its ResultSetMaxRows without saying so.
        """
        pattern = "?s ?p ?o" if graph is None else f"GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }}"
        return [ox.Triple(s, p, o) for s, p, o in self.query(f"SELECT ?s ?p ?o WHERE {{ {pattern} }}")]

    def _hint(self, response):
        """What to do about a refusal, for the server that answered (its Server header)."""
        status, server = response.status, response.headers.get("server", "").lower()
        if b"SECURITY" in response.body and b"permission" in response.body.lower():
            status = 403  # Virtuoso refuses writes with a 500 naming its security check
        if status == 401:
            return "\n\nGive credentials with $KG_STORE_USER and $KG_STORE_PASSWORD (or --store-user/--store-password)."
        if status != 403:
            return ""
        if server.startswith("kg-serve"):
            return "\n\nStart kg serve with --allow-update to write to it."
        if (self.layout == "virtuoso" or "virtuoso" in server) and not self.http.auth:
            return "\n\nVirtuoso writes need a user with the SPARQL_UPDATE role: set $KG_STORE_USER and $KG_STORE_PASSWORD."
        return "\n\nThe server does not let this client write: check its permissions for this user."


def _message(response):
    """The server's message without the query it echoes (Virtuoso repeats it whole)."""
    return response.message().split(" SPARQL query:")[0]


# --- results ---------------------------------------------------------------


def _parse_results(response, url):
    """SPARQL results (JSON or XML) as a bool or (columns, rows)."""
    formats = {RESULTS_JSON: ox.QueryResultsFormat.JSON, "application/json": ox.QueryResultsFormat.JSON, RESULTS_XML: ox.QueryResultsFormat.XML}
    fmt = formats.get(response.media_type)
    if fmt is None:
        raise StoreError(f"{url}: unexpected answer type {response.media_type or '(none)'} for a query")
    try:
        answer = ox.parse_query_results(response.body, format=fmt)
    except SyntaxError as e:
        raise StoreError(f"{url}: unreadable query results: {str(e).splitlines()[0]}") from None
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    columns = [v.value for v in answer.variables]
    return columns, [tuple(sol) for sol in answer]


def _parse_rdf(response, url):
    """RDF triples in whatever RDF syntax the Content-Type names."""
    if not response.body.strip():
        return []
    fmt = ox.RdfFormat.from_media_type(response.media_type) if response.media_type else None
    if fmt is None:
        raise StoreError(f"{url}: unexpected answer type {response.media_type or '(none)'} where RDF was expected")
    try:
        return [ox.Triple(t.subject, t.predicate, t.object) if isinstance(t, ox.Quad) else t for t in ox.parse(response.body, format=fmt)]
    except SyntaxError as e:
        raise StoreError(f"{url}: unreadable {response.media_type}: {str(e).splitlines()[0]}") from None


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


def _literal(text):
    return str(ox.Literal(text))


def query_form(sparql):
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of these keywords among the tokens."""
    for kind, text, _, _ in sparql_tokens(sparql):
        if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return text.upper()
    raise QueryError("not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")


def bind_values(sparql, params):
    """Bind variables with VALUES blocks of serialised terms, wherever the query can see them.

    A block goes at the start of the query's WHERE group and of every sub-select's,
    because a sub-select sees only what is bound inside it.

    Args:
        sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
        params: ``{variable name: RDF term or str}``.

    Raises:
        QueryError: a bad variable name or value, or no WHERE group to bind in.

    >>> bind_values('SELECT ?x WHERE { ?x ?p ?name }', {"name": 'a" } ; DROP ALL'})
    'SELECT ?x WHERE { VALUES (?name) { ("a\\\\" } ; DROP ALL") } ?x ?p ?name }'
    >>> bind_values('SELECT * { { SELECT ?s { ?s ?p ?n } } }', {"n": "x"})
    'SELECT * { VALUES (?n) { ("x") } { SELECT ?s { VALUES (?n) { ("x") } ?s ?p ?n } } }'
    """
    names = list(params)
    for name in names:
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    row = " ".join(_term(params[n]) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}"
    positions = where_group_starts(sparql)
    if not positions:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } group")
    for pos in sorted(positions, reverse=True):
        sparql = sparql[:pos] + block + sparql[pos:]
    return sparql


_HIDDEN = "kg_graph_"


def graph_constants_as_variables(sparql):
    """Write ``GRAPH <iri> { P }`` as ``GRAPH ?kg_graph_N { P } FILTER(?kg_graph_N = <iri>)``.

    Virtuoso finds nothing in a graph named by a constant once a request names its
    default graph (``default-graph-uri``), while a graph variable still ranges over
    every graph; the two forms mean the same, and the variables are dropped from the
    answer. Only queries are rewritten (a CONSTRUCT template holds no GRAPH).

    >>> graph_constants_as_variables('SELECT * { GRAPH <http://g> { ?s ?p ?o } }')
    'SELECT * { GRAPH ?kg_graph_1 { ?s ?p ?o } FILTER(?kg_graph_1 = <http://g>) }'
    """
    tokens = sparql_tokens(sparql)
    edits = []  # (start, end, replacement)
    n, depth, open_at = 0, 0, {}
    for i, (kind, text, _start, end) in enumerate(tokens):
        if kind == "other" and text == "{":
            depth += 1
        elif kind == "other" and text == "}":
            if depth in open_at:
                var, iri = open_at.pop(depth)
                edits.append((end, end, f" FILTER({var} = {iri})"))
            depth -= 1
        elif kind == "word" and text.upper() == "GRAPH" and i + 2 < len(tokens):
            nxt = tokens[i + 1]
            named = nxt[0] == "iri" or (nxt[0] == "word" and nxt[1][0] not in "?$" and ":" in nxt[1])
            if named and tokens[i + 2][1] == "{":
                n += 1
                var = f"?{_HIDDEN}{n}"
                edits.append((nxt[2], nxt[3], var))
                open_at[depth + 1] = (var, nxt[1])
    for start, end, replacement in sorted(edits, reverse=True):
        sparql = sparql[:start] + replacement + sparql[end:]
    return sparql


def where_group_starts(sparql):
    """Offsets just after the ``{`` of the WHERE group of the query and of each sub-select."""
    tokens = sparql_tokens(sparql)
    form = next((t[1].upper() for t in tokens if t[0] == "word" and t[1].upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), None)
    starts, depth, template_done = [], 0, form != "CONSTRUCT"
    pending_select = []  # depths at which a SELECT waits for its WHERE group
    for i, (kind, text, _start, end) in enumerate(tokens):
        word = text.upper() if kind == "word" else None
        if word == "SELECT" and depth > 0:
            pending_select.append(depth)
        elif kind == "other" and text == "{":
            if depth == 0:
                before = tokens[i - 1][1].upper() if i else ""
                if not template_done and before != "WHERE":
                    template_done = True  # CONSTRUCT's template: nothing to bind there
                elif not starts or starts[0][1] != 0:
                    starts.insert(0, (end, 0))
            elif pending_select and pending_select[-1] == depth:
                pending_select.pop()
                starts.append((end, depth))
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
    if form == "CONSTRUCT" and not template_done:
        return []
    return [pos for pos, _ in starts]


def construct_template(sparql):
    """A CONSTRUCT query's template: (its variables, an upper bound on its triples), or None.

    Each triple of a template brings at least one term of its own, so the number of
    terms bounds the number of triples one solution makes.
    """
    tokens = sparql_tokens(sparql)
    start = next((i for i, t in enumerate(tokens) if t[0] == "word" and t[1].upper() == "CONSTRUCT"), None)
    if start is None or start + 1 >= len(tokens):
        return None
    i = start + 1
    if tokens[i][0] == "word" and tokens[i][1].upper() == "WHERE":
        i += 1  # CONSTRUCT WHERE { pattern }: the pattern is the template
    if tokens[i][1] != "{":
        return None
    depth, variables, terms = 0, [], 0
    for kind, text, _, _ in tokens[i:]:
        if kind == "other" and text == "{":
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
            if depth == 0:
                break
        elif kind in ("iri", "string", "number") or (kind == "word" and text.upper() not in ("GRAPH",)):
            terms += 1
            if kind == "word" and text[0] in "?$" and text[1:] not in variables:
                variables.append(text[1:])
    return variables, terms


class _Window:
    """A query's text split around its ORDER BY, LIMIT and OFFSET, to page through it."""

    def __init__(self, head, order, limit, offset, values=""):
        self.head, self.order, self.limit, self.offset, self.values = head, order, limit, offset, values

    def with_window(self, offset, limit, order=None, nested=False):
        """The query with this LIMIT and OFFSET; ``order`` columns break ties in ORDER BY.

        ``nested`` sorts in a sub-select and takes the window outside it (see
        :func:`sorted_inside`), for servers that sort only small windows.
        """
        clause = self.order
        if order is not None:
            extra = " ".join(f"?{c}" for c in order if f"?{c}" not in self.order.split())
            clause = f"{self.order} {extra}".strip()
        text = sorted_inside(self.head, clause, self.values) if nested and clause else None
        if text is not None:
            return f"{text} LIMIT {limit} OFFSET {offset}"
        text = f"{self.head} ORDER BY {clause}" if clause else self.head
        return f"{text} LIMIT {limit} OFFSET {offset} {self.values}".rstrip()


def sorted_inside(head, order, values=""):
    """A SELECT or CONSTRUCT query whose solutions a sub-select sorts by ``order``, or None.

    ``values`` is the query's trailing VALUES clause, which the sub-select keeps.

    The window (LIMIT, OFFSET) then goes after the outer query, which sorts nothing.
    None for shapes this does not rewrite (FROM clauses, a CONSTRUCT with solution
    modifiers): they are paged with a plain ORDER BY.

    >>> sorted_inside('PREFIX x: <http://x/> SELECT ?s { ?s x:p ?o }', '?s')
    'PREFIX x: <http://x/> SELECT * WHERE { { SELECT ?s { ?s x:p ?o } ORDER BY ?s } }'
    >>> sorted_inside('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', '?s ?p ?o')
    'CONSTRUCT { ?s ?p ?o } WHERE { { SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o } }'
    """
    tokens = sparql_tokens(head)
    at = next((i for i, t in enumerate(tokens) if t[0] == "word" and t[1].upper() in ("SELECT", "CONSTRUCT")), None)
    if at is None or any(t[0] == "word" and t[1].upper() == "FROM" for t in tokens):
        return None  # a sub-select names no dataset (FROM is rare: kg names it in the request)
    start = tokens[at][2]
    if tokens[at][1].upper() == "SELECT":
        inner = f"{head[start:]} ORDER BY {order} {values}".rstrip()
        return f"{head[:start]}SELECT * WHERE {{ {{ {inner} }} }}"
    groups, depth = [], 0  # (start, end) of each top-level { ... } after CONSTRUCT
    for kind, text, begin, end in tokens[at + 1 :]:
        if kind == "other" and text == "{":
            if depth == 0:
                groups.append([begin, None])
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
            if depth == 0:
                groups[-1][1] = end
    short = tokens[at + 1][1].upper() == "WHERE"  # CONSTRUCT WHERE { P }: P is the template
    if values or len(groups) != (1 if short else 2) or head[groups[-1][1] :].strip():
        return None
    begin, end = groups[-1]
    pattern = head[begin:end]
    template = f"{head[:start]}CONSTRUCT {pattern}" if short else re.sub(r"\bWHERE\s*$", "", head[:begin], flags=re.IGNORECASE)
    return f"{template.rstrip()} WHERE {{ {{ SELECT * WHERE {pattern} ORDER BY {order} }} }}"


def solution_window(sparql):
    """Split a query into what precedes ORDER BY/LIMIT/OFFSET, those clauses, and a trailing VALUES.

    Only the top level's clauses after its WHERE group count. A VALUES clause outside
    every group can only be the query's trailing one, which must stay last.

    >>> w = solution_window('SELECT ?s { ?s ?p ?o } ORDER BY ?s LIMIT 25 VALUES ?p { <http://p> }')
    >>> w.head, w.order, w.limit, w.values
    ('SELECT ?s { ?s ?p ?o }', '?s', 25, 'VALUES ?p { <http://p> }')
    """
    tokens = sparql_tokens(sparql)
    depth, last_close, values = 0, None, ""
    for kind, text, start, end in tokens:
        if kind == "word" and text.upper() == "VALUES" and depth == 0 and last_close is not None:
            values, sparql, tokens = sparql[start:].strip(), sparql[:start], [t for t in tokens if t[2] < start]
            break
        if kind == "other" and text == "{":
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
            if depth == 0:
                last_close = end
    if last_close is None:
        return _Window(sparql, "", None, 0, values)
    tail = [t for t in tokens if t[2] >= last_close]
    cut, order, limit, offset = len(sparql), "", None, 0
    i = 0
    while i < len(tail):
        kind, text, start, end = tail[i]
        word = text.upper() if kind == "word" else ""
        if word == "ORDER" and i + 1 < len(tail) and tail[i + 1][1].upper() == "BY":
            cut = min(cut, start)
            j = i + 2
            while j < len(tail) and tail[j][1].upper() not in ("LIMIT", "OFFSET"):
                j += 1
            order = sparql[tail[i + 1][3] : tail[j][2] if j < len(tail) else len(sparql)].strip()
            i = j
            continue
        if word in ("LIMIT", "OFFSET") and i + 1 < len(tail) and tail[i + 1][1].isdigit():
            cut = min(cut, start)
            if word == "LIMIT":
                limit = int(tail[i + 1][1])
            else:
                offset = int(tail[i + 1][1])
            i += 2
            continue
        i += 1
    return _Window(sparql[:cut].rstrip(), order, limit, offset, values)


def with_prefixes(sparql):
    """Declare kg's prefixes before a query, as the embedded store does implicitly.

    A prefix the query declares itself is declared again by it later, which wins.
    """
    from ..mapping import PREFIXES

    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + sparql


__all__ = ["LAYOUTS", "RemoteStore", "bind_values", "query_form", "solution_window", "sorted_inside", "where_group_starts", "with_prefixes"]
