"""Canned queries over HTTP: ``/queries``, ``/queries/NAME`` and ``/queries/NAME/graph``.

As datasette serves its canned queries, ``GET /queries/cast?series=Ballard`` runs the
canned query ``cast`` with ``series`` bound exactly as ``kg query cast --param
series=Ballard`` binds it: both call :func:`kg.query.run_query`, which resolves a
name to the entity's IRI and binds it through the engine's substitution. The answer
is SPARQL JSON, XML, CSV or TSV by the Accept header or a ``.json``/``.xml``/``.csv``/
``.tsv`` suffix; ``/queries/NAME/graph`` is the graph view of the same answer. Every
run happens in a query worker like a ``/sparql`` query, with the same time, row,
byte and memory limits and the same network sandbox.

>>> split_target("/queries/cast.csv")
('cast', 'csv', False)
"""

from __future__ import annotations

import json
import re

import pyoxigraph as ox

from ..errors import QueryError
from .config import ProtocolError
from .formats import RESULT_OFFERS, RESULT_TYPES, Budget, negotiated, serialize_boolean, serialize_solutions
from .policy import checked_query, parse_error

#: A format suffix and the format it asks for.
SUFFIXES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
_TARGET = re.compile(r"^/queries/([A-Za-z0-9_-]+)(?:\.([A-Za-z]+)|(/graph))?/?$")


def canned_query_list():
    """The canned queries as the page and ``GET /queries`` show them: name, description, text, parameters, URL."""
    from ..query import canned_queries

    return [{"name": q.name, "description": q.description, "text": q.text_for(), "params": q.params, "url": f"/queries/{q.name}"} for q in canned_queries().values()]


def split_target(path):
    """``/queries/NAME[.ext|/graph]`` -> (name, suffix or None, graph view?); 404 for anything else."""
    m = _TARGET.match(path)
    if m is None:
        raise ProtocolError(404, f"nothing at {path}: canned queries are at /queries/NAME (GET /queries lists them)")
    return m.group(1), m.group(2), bool(m.group(3))


def check_target(path):
    """The canned query a ``/queries/...`` path names, with its suffix and graph flag; 404 if there is none."""
    from ..query import canned_queries

    name, suffix, graph = split_target(path)
    canned = canned_queries()
    if name not in canned:
        raise ProtocolError(404, f"no canned query named {name!r} (there are: {', '.join(canned)}; GET /queries lists them)")
    return canned[name], suffix, graph


def query_params(query_string, declared):
    """The URL's parameters as ``{name: value}``; 400 naming a parameter given twice or not declared."""
    import urllib.parse

    try:
        pairs = urllib.parse.parse_qsl(query_string, keep_blank_values=True, errors="strict", max_num_fields=100)
    except (UnicodeDecodeError, ValueError) as e:
        raise ProtocolError(400, f"bad parameters: {e}") from None
    params = {}
    for name, value in pairs:
        if name not in declared:
            takes = ", ".join(declared) or "none"
            raise ProtocolError(400, f"unknown parameter {name!r} (this query takes: {takes})")
        if name in params:
            raise ProtocolError(400, f"parameter {name!r} is given more than once")
        params[name] = value
    return params


def canned_task(request_path, query_string, accept):
    """Check a ``/queries/NAME`` request and make the worker's task (format chosen here, 406 early)."""
    query, suffix, graph = check_target(request_path)
    name = query.name
    params = query_params(query_string, query.params)
    if graph:
        return {"op": "graphview", "canned": name, "params": params, "title": f"kg: {name}"}
    if suffix is not None:
        if suffix.lower() not in SUFFIXES:
            raise ProtocolError(404, f"no format .{suffix}: use .json, .xml, .csv or .tsv (or the Accept header)")
        fmt = SUFFIXES[suffix.lower()]
    else:
        fmt = negotiated(accept, RESULT_OFFERS)
    return {"op": "canned", "canned": name, "params": params, "fmt": fmt}


# --- in the query worker -------------------------------------------------------


class SnapshotStore:
    """The read-only snapshot a worker holds, seen as a kg store (``query`` only) for run_query.

    Each query kg's library sends through it (the canned text, the name look-ups) is
    checked by the same policy as a ``/sparql`` query before it runs.
    """

    def __init__(self, store, base):
        self.store, self.base = store, base

    def query(self, sparql, *, params=None):
        from ..mapping import PREFIXES
        from ..store import Result

        checked_query(sparql, self.base)
        substitutions = {ox.Variable(k): v for k, v in (params or {}).items()} or None
        try:
            answer = self.store.query(sparql, base_iri=self.base, prefixes=PREFIXES, substitutions=substitutions)
        except SyntaxError as e:
            raise parse_error("query", e) from None
        except OSError as e:
            raise ProtocolError(500, f"query failed: {e}") from None
        if isinstance(answer, ox.QueryBoolean):
            return bool(answer)
        if isinstance(answer, ox.QuerySolutions):
            columns = [v.value for v in answer.variables]
            return Result(columns, [tuple(sol[c] for c in columns) for sol in answer])
        return list(answer)


def canned_result(store, task):
    """Run the task's canned query on a worker's snapshot: a Result (or bool); 400 naming a bad parameter."""
    from ..query import run_query

    try:
        return run_query(SnapshotStore(store, task["base"]), task["canned"], task["params"])
    except QueryError as e:
        message = re.sub(r"\s*\n\s*", " ", str(e)).strip()
        param = getattr(e, "param", None)
        raise ProtocolError(400, f"parameter {param}: {message}" if param else message) from None


def op_canned(store, task):
    """The worker's ``canned`` operation: the answer serialised in the task's format, within the limits."""
    result = canned_result(store, task)
    fmt = task["fmt"]
    if isinstance(result, bool):
        return RESULT_TYPES[fmt], serialize_boolean(result, fmt)
    budget = Budget(task["max_rows"], task["max_bytes"])
    return RESULT_TYPES[fmt], serialize_solutions(list(result.columns), iter(result.rows), fmt, budget)


def list_answer():
    """``GET /queries``: the canned queries as JSON."""
    return json.dumps(canned_query_list(), ensure_ascii=False).encode("utf-8")
