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
  a result as kg's HTML graph view; ``/queries`` lists the canned queries as JSON and
  ``/queries/NAME?param=value`` runs one as ``kg query NAME --param`` does (``canned``).

The package, by concern:

- ``config``: ServerConfig and ProtocolError (an HTTP answer as an exception);
- ``formats``: content negotiation and the serialisers;
- ``policy``: the one place that decides what a query or update may run;
- ``workers``: the query workers, the store's writer and the snapshots;
- ``protocol``: ``handle(app, request) -> response``, no sockets;
- ``canned``: the canned queries over HTTP;
- ``page``: the query page;
- ``httpd``: the transport (``SparqlServer``, ``serve``) and ``get`` (one request, no socket).

Safety, by design:

- Evaluation happens in worker processes; a query past its time limit is stopped
  by killing its worker, which is replaced.
- Before evaluating, the worker parses the request with rdflib's SPARQL parser and
  refuses ``SERVICE``, ``LOAD``, and a FROM / FROM NAMED / USING graph that is not
  in the store (kg never fetches a graph).
- Read-only unless ``allow_update``: updates and Graph Store writes get 403.
- A time limit, a row limit and a byte limit on every answer (503, 422, 422);
  at most ``max_connections`` connections and request bodies of bounded size.
- Binds 127.0.0.1 unless told otherwise; CORS off unless origins are given.

kg serve owns the store while it runs (see ``workers``): ``kg build --store DIR``
on a served store fails with "store is in use"; to build while serving, start
``kg serve --allow-update`` and run ``kg build --store http://HOST:PORT/``.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_OFFERS)
'xml'
"""

from .config import ProtocolError, ServerConfig
from .formats import RESULT_OFFERS, negotiate
from .httpd import SparqlServer, free_port, get, serve
from .policy import check_query, check_update
from .protocol import Request, Response, handle, service_description

__all__ = [
    "ServerConfig",
    "SparqlServer",
    "serve",
    "get",
    "handle",
    "Request",
    "Response",
    "negotiate",
    "RESULT_OFFERS",
    "check_query",
    "check_update",
    "service_description",
    "ProtocolError",
    "free_port",
]
