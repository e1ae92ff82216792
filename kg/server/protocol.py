"""The protocol handler: one function from a Request to a Response, no sockets.

``handle(app, request)`` implements the SPARQL 1.1 Protocol, the Graph Store
Protocol, the page and the graph view. It never reads from or writes to a
connection: the transport (``kg.server.httpd``) reads the request and its body,
calls it and writes the answer; ``kg serve --get`` calls it directly. Evaluation is
the backend's (``kg.server.workers``); what may run is the policy's.

>>> r = Request("OPTIONS", "/nowhere", {})
>>> (r.method, r.path, r.query)
('OPTIONS', '/nowhere', '')
"""

from __future__ import annotations

import secrets
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus

import pyoxigraph as ox

from .config import ProtocolError
from .formats import GRAPH_OFFERS, QUAD_IN, RDF_IN, RDF_OUT, negotiate, parse_media_type
from .canned import canned_task, check_target, list_answer
from .page import GRAPH_VIEW_CSP, page_csp, page_html
from .policy import check_host, check_write

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
SUPPORTED_VERSIONS = ("1.1", "1.2")

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"


@dataclass
class Request:
    """One HTTP request as the handler sees it.

    Attributes:
        method: ``GET``, ``POST``, ...
        target: the request target, path and query string (``/sparql?query=...``).
        headers: header names in lower case, the first value of each.
        body: the body, or None when the transport did not read it because it is
            larger than ``body_limit`` allows (``length`` then says how large).
        length: the declared length of an unread body.
        client: who sent it (the peer's address), for sharing the workers fairly.
    """

    method: str
    target: str
    headers: dict
    body: bytes | None = b""
    length: int = 0
    client: str = ""

    @property
    def path(self):
        return urllib.parse.urlsplit(self.target).path

    @property
    def query(self):
        return urllib.parse.urlsplit(self.target).query

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)


@dataclass
class Response:
    """One HTTP answer; ``close`` asks the transport to close the connection after it."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: dict = field(default_factory=dict)
    close: bool = False


@dataclass
class App:
    """What the handler works with: the configuration, the backend and the endpoint's URL."""

    config: object
    backend: object
    base_url: str
    #: Held by kg's own page; a browser write of a simple content type must carry it.
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))


def body_limit(config, method, path):
    """Most bytes the transport reads of a request body before calling the handler."""
    if path.rstrip("/") == "/store" and method in ("PUT", "POST") and config.allow_update:
        return config.max_upload_bytes
    return config.max_request_bytes


def handle(app, request):
    """Answer one request; every error becomes its HTTP answer, a bug a 500.

    Args:
        app: the App (configuration and backend).
        request: the Request.

    Returns:
        The Response, CORS headers added.
    """
    try:
        response = _route(app, request)
    except ProtocolError as e:
        response = error_response(e)
    except Exception as e:  # a bug must still answer, and keep the server up
        response = error_response(ProtocolError(500, f"internal error: {type(e).__name__}: {e}"))
    response.headers = {**cors_headers(app.config, request), **response.headers}
    return response


def error_response(e):
    """The plain-text answer of a ProtocolError."""
    phrase = HTTPStatus(e.status).phrase if e.status in HTTPStatus._value2member_map_ else "Error"
    return Response(e.status, f"{e.status} {phrase}: {e.message}\n".encode(), "text/plain; charset=utf-8", dict(e.headers))


def cors_headers(config, request):
    """CORS answer headers for an allowed Origin (none without ``cors_origins``)."""
    origins = config.cors_origins
    origin = request.header("Origin")
    if not origins or not origin:
        return {}
    if "*" in origins:
        allowed = "*"
    elif origin in origins:
        allowed = origin
    else:
        return {}
    headers = {"Access-Control-Allow-Origin": allowed, "Vary": "Origin"}
    if request.method == "OPTIONS":
        methods = "GET, HEAD, POST, PUT, DELETE, OPTIONS" if config.allow_update else "GET, HEAD, POST, OPTIONS"
        headers.update({"Access-Control-Allow-Methods": methods, "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "600"})
    return headers


def _route(app, request):
    check_host(app.config, request.header("Host"))
    path = request.path
    route = _ROUTES.get(path)
    if route is None and path.startswith("/queries/"):
        check_target(path)  # 404 for a query that does not exist, OPTIONS too
        route = _CANNED
    if route is None:
        raise ProtocolError(404, f"nothing at {path}: the SPARQL endpoint is /sparql, the Graph Store is /store, canned queries are at /queries, the query page is /")
    answer, methods, hint = route
    allow = ", ".join((*methods, "OPTIONS"))
    if request.method == "OPTIONS":
        return Response(204, headers={"Allow": allow})
    if request.method not in methods:
        raise ProtocolError(405, f"{request.method} is not {hint}", {"Allow": allow})
    return answer(app, request)


# --- request pieces ---------------------------------------------------------------


def _params(text):
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=10_000)
    except UnicodeDecodeError:
        raise ProtocolError(400, "the parameters are not valid UTF-8") from None
    except ValueError as e:
        raise ProtocolError(400, f"bad parameters: {e}") from None


def _body(request, limit):
    if request.body is None or len(request.body) > limit:
        n = request.length if request.body is None else len(request.body)
        raise ProtocolError(413, f"the request body has {n} bytes; the server takes at most {limit}")
    return request.body


def _has_body(request):
    return request.body is None or bool(request.body) or request.header("Transfer-Encoding") is not None


def _content_type(request):
    ctype, params = parse_media_type(request.header("Content-Type"))
    charset = params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"charset {charset} is not supported: SPARQL requests are UTF-8")
    return ctype, params


def _text(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not valid UTF-8") from None


def _graph_param(params, name):
    graphs = params.get(name)
    if graphs is None:
        return None
    for g in graphs:
        try:
            ox.NamedNode(g)
        except ValueError:
            raise ProtocolError(400, f"{name} {g!r} is not an absolute IRI") from None
    return graphs


# --- /sparql ------------------------------------------------------------------------


def _sparql(app, request, path):
    method = request.method
    config = app.config
    if method not in ("GET", "HEAD", "POST"):
        raise ProtocolError(405, f"{method} is not a SPARQL Protocol operation: use GET or POST", {"Allow": "GET, HEAD, POST, OPTIONS"})
    url_params = _params(request.query)
    if method in ("GET", "HEAD"):
        if _has_body(request):
            _body(request, config.max_request_bytes)
            raise ProtocolError(400, "a GET request must not have a body: send the query in the URL, or use POST")
        params = url_params
        if "update" in params:
            raise ProtocolError(400, "an update must be sent with POST (SPARQL 1.1 Protocol 2.2)")
        if not params or (set(params) <= {"version"}):
            return _service_description(app, request)
    else:
        ctype, ctparams = _content_type(request)
        body = _body(request, config.max_request_bytes)
        if ctype == FORM:
            for name in ("query", "update"):
                if name in url_params:
                    raise ProtocolError(400, f"with {FORM}, the {name} goes in the request body, not the URL (SPARQL 1.1 Protocol 2.1.2, 2.2.1)")
            params = {k: list(v) for k, v in url_params.items()}
            for k, v in _params(_text(body)).items():
                params.setdefault(k, []).extend(v)
        elif ctype in (SPARQL_QUERY, SPARQL_UPDATE):
            name = "query" if ctype == SPARQL_QUERY else "update"
            for other in ("query", "update"):
                if other in url_params:
                    raise ProtocolError(400, f"a {ctype} POST carries the {name} in its body; the URL must not have a {other} parameter")
            params = {k: list(v) for k, v in url_params.items()}
            params[name] = [_text(body)]
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
        return _query(app, request, queries[0], params)
    return _update(app, request, updates[0], params)


def _query(app, request, text, params):
    default = _graph_param(params, "default-graph-uri")
    named = _graph_param(params, "named-graph-uri")
    task = {"op": "query", "query": text, "base": app.base_url, "accept": request.header("Accept"), "default_graphs": default, "named_graphs": named}
    ctype, data = app.backend.read(task, request.client)
    return Response(200, data, ctype)


def _may_write(app, request, token=None):
    """The policy's word on a state-changing request (403 if a page on another site could have sent it)."""
    ctype, _ = parse_media_type(request.header("Content-Type"))
    check_write(
        app.config,
        origin=request.header("Origin"),
        host=request.header("Host"),
        content_type=ctype,
        token=token or request.header("X-KG-Token"),
        expected_token=app.token,
        fetch_site=request.header("Sec-Fetch-Site"),
    )


def _update(app, request, text, params):
    if not app.config.allow_update:
        raise ProtocolError(403, "this endpoint is read-only: updates are refused (start kg serve with --allow-update to take them)")
    tokens = params.get("token") or [None]
    _may_write(app, request, tokens[0])
    task = {
        "op": "update",
        "update": text,
        "base": app.base_url,
        "using_graphs": _graph_param(params, "using-graph-uri"),
        "using_named_graphs": _graph_param(params, "using-named-graph-uri"),
    }
    app.backend.write(task)
    return Response(204)


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


def _service_description(app, request):
    fmt = negotiate(request.header("Accept"), GRAPH_OFFERS + [("text/html", "html")])
    if fmt == "html":
        return Response(303, b"See / for the query page.\n", "text/plain; charset=utf-8", {"Location": "/"})
    if fmt is None:
        raise ProtocolError(406, "the service description is available as Turtle, N-Triples, JSON-LD or RDF/XML")
    rdf_format, ctype = RDF_OUT[fmt]
    from ..mapping import PREFIXES

    data = ox.serialize(service_description(app.base_url, app.config.allow_update), format=rdf_format, prefixes={**PREFIXES, "sd": SD} if fmt == "turtle" else None)
    return Response(200, data, ctype)


# --- /store -------------------------------------------------------------------------


def _store(app, request):
    method = request.method
    config = app.config
    if method not in ("GET", "HEAD", "PUT", "POST", "DELETE"):
        raise ProtocolError(405, f"{method} is not a Graph Store Protocol operation", {"Allow": "GET, HEAD, PUT, POST, DELETE, OPTIONS"})
    params = _params(request.query)
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
        if _has_body(request):
            _body(request, config.max_request_bytes)
            raise ProtocolError(400, "a GET request must not have a body")
        ctype, data = app.backend.read({"op": "graph", "graph": graph, "accept": request.header("Accept")}, request.client)
        return Response(200, data, ctype)
    if not config.allow_update:
        raise ProtocolError(403, f"this endpoint is read-only: {method} is refused (start kg serve with --allow-update to take writes)")
    _may_write(app, request)
    if graph == "*" and method != "POST":
        raise ProtocolError(400, f"{method} needs ?graph=IRI or ?default")
    if method == "DELETE":
        app.backend.write({"op": "delete", "graph": graph})
        return Response(204)
    ctype, _ = _content_type(request)
    if ctype not in RDF_IN:
        raise ProtocolError(415, f"Content-Type {ctype or '(none)'} is not an RDF format this store reads: use one of {', '.join(RDF_IN)}")
    if graph == "*" and RDF_IN[ctype] not in QUAD_IN:
        raise ProtocolError(415, "POST to the whole store takes quads (N-Quads, TriG or JSON-LD); send triples to ?graph=IRI")
    data = _body(request, config.max_upload_bytes)
    base = graph if graph not in (None, "*") else app.base_url
    (status,) = app.backend.write({"op": method.lower(), "graph": graph, "data": data, "ctype": ctype, "base": base})
    return Response(status)


# --- the page, the canned queries, the graph view -------------------------------------


def _page(app, request):
    if request.method not in ("GET", "HEAD"):
        raise ProtocolError(405, "the page only answers GET", {"Allow": "GET, HEAD"})
    nonce = secrets.token_urlsafe(16)
    return Response(200, page_html(app.config, nonce, app.token).encode("utf-8"), "text/html; charset=utf-8", {"Content-Security-Policy": page_csp(nonce)})


def _queries(app, request):
    return Response(200, list_answer(), "application/json")


def _canned(app, request):
    """``/queries/NAME``: a canned query run by a worker, as ``kg query NAME --param ...`` runs it."""
    task = canned_task(request.path, request.query, request.header("Accept"))
    task["base"] = app.base_url
    ctype, data = app.backend.read(task, request.client)
    headers = {"Content-Security-Policy": GRAPH_VIEW_CSP} if task["op"] == "graphview" else {}
    if task["op"] == "canned":
        headers["Vary"] = "Accept"
    return Response(200, data, ctype, headers)


def _graph_view(app, request):
    if request.method == "POST":
        ctype, _ = _content_type(request)
        if ctype != FORM:
            raise ProtocolError(415, f"/graph takes {FORM}")
        params = _params(_text(_body(request, app.config.max_request_bytes)))
    elif request.method in ("GET", "HEAD"):
        params = _params(request.query)
    else:
        raise ProtocolError(405, "/graph answers GET and POST", {"Allow": "GET, HEAD, POST"})
    queries = params.get("query", [])
    if len(queries) != 1:
        raise ProtocolError(400, "give exactly one query parameter")
    ctype, data = app.backend.read({"op": "graphview", "query": queries[0], "base": app.base_url}, request.client)
    return Response(200, data, ctype, {"Content-Security-Policy": GRAPH_VIEW_CSP})


def _sparql_route(app, request):
    return _sparql(app, request, request.path)


_SPARQL = (_sparql_route, ("GET", "HEAD", "POST"), "a SPARQL Protocol operation: use GET or POST")
_STORE = (_store, ("GET", "HEAD", "PUT", "POST", "DELETE"), "a Graph Store Protocol operation: use GET, HEAD, PUT, POST or DELETE")
_PAGE = (_page, ("GET", "HEAD"), "how to ask for the page: use GET")
_CANNED = (_canned, ("GET", "HEAD"), "how to run a canned query: use GET /queries/NAME?param=value")
#: path -> (answer, methods, what the methods are): the one table of what exists and how it may be asked.
_ROUTES = {
    "/sparql": _SPARQL,
    "/sparql/": _SPARQL,
    "/query": _SPARQL,
    "/update": _SPARQL,
    "/store": _STORE,
    "/store/": _STORE,
    "/": _PAGE,
    "/index.html": _PAGE,
    "/graph": (_graph_view, ("GET", "HEAD", "POST"), "how to ask for the graph view: use GET or POST"),
    "/queries": (_queries, ("GET", "HEAD"), "how to ask for the canned queries: use GET"),
}
