"""The policy: the one place that decides what a request may run.

Queries and updates are parsed with rdflib's SPARQL parser before evaluation and
refused when they name SERVICE, LOAD, or a FROM/USING graph not in the store.
Updates get the protocol's dataset and CLEAR SILENT added here, and what will run
is parsed and checked again.
"""

from __future__ import annotations

import functools
import secrets

import pyoxigraph as ox

from .config import ProtocolError

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


def parse_error(kind, e):
    text = str(e).splitlines()[0] if str(e) else type(e).__name__
    return ProtocolError(400, f"SPARQL {kind} syntax error: {text}")


@functools.lru_cache(maxsize=512)
def checked_query(text, base):
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

    from ..mapping import PREFIXES

    try:
        parsed = parseQuery(text)
    except ParseException as e:
        raise parse_error("query", e) from None
    except RecursionError:
        raise ProtocolError(400, "the query is nested too deeply to check") from None
    except Exception as e:  # rdflib raises assorted errors on text it cannot read
        raise parse_error("query", e) from None
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

    from ..mapping import PREFIXES

    try:
        parsed = parseUpdate(text)
    except ParseException as e:
        raise parse_error("update", e) from None
    except RecursionError:
        raise ProtocolError(400, "the update is nested too deeply to check") from None
    except Exception as e:
        raise parse_error("update", e) from None
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
    from ..sparql import sparql_tokens

    clause = " ".join([f"USING {ox.NamedNode(g)}" for g in default_graphs] + [f"USING NAMED {ox.NamedNode(g)}" for g in named_graphs])
    tokens = sparql_tokens(text)
    edits = []  # (start, end, replacement)
    depth = 0
    op_start = 0
    for i, (kind, tok, start, _end) in enumerate(tokens):
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
    from ..sparql import sparql_tokens

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



# --- who may ask: Host names and cross-site writes ------------------------------------

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
#: Content types a page on another site can send without asking (a form, a no-cors fetch).
SIMPLE_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")


def host_name(value):
    """The name part of a Host header: ``"[::1]:7878"`` -> ``"::1"``, ``"Example.org:80"`` -> ``"example.org"``."""
    value = (value or "").strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_hosts(config):
    """The names this server answers to: loopback names, the address it listens on, ``allowed_hosts``."""
    names = set(LOOPBACK_NAMES)
    if config.host not in ("", "0.0.0.0", "::"):
        names.add(host_name(config.host if ":" not in config.host else f"[{config.host}]"))
    names.update(host_name(h) for h in config.allowed_hosts)
    return names


def check_host(config, host):
    """Refuse a request whose Host header names another server.

    A page on another site can make a browser send requests to this server under
    the other site's name (DNS rebinding); it cannot choose the Host header, so a
    Host that is not one of ours is refused. A request without Host (HTTP/1.0, or
    ``kg serve --get``) names no server and passes.

    Raises:
        ProtocolError: 403 for an unknown Host.
    """
    if host is None:
        return
    if host_name(host) not in allowed_hosts(config):
        raise ProtocolError(403, f"Host {host!r} is not a name of this server (it answers to {', '.join(sorted(allowed_hosts(config)))}; kg serve --host or --allow-host adds one)")


def check_write(config, *, origin, host, content_type, token, expected_token, fetch_site=None):
    """Refuse a state-changing request that a page on another site could have sent.

    A write is taken when its Origin (if a browser sent one) is this server's own
    or one given with ``--cors``, and it is either of a content type a page cannot
    send without a CORS preflight or carries the token of kg's own page. Clients
    that are not browsers send no Origin and usually no simple content type; a
    form-encoded update from them passes too, as the SPARQL Protocol allows.

    Raises:
        ProtocolError: 403 naming what is missing.
    """
    own = {f"http://{host}", f"https://{host}"} if host else set()
    if origin is None and fetch_site in ("cross-site", "same-site"):
        origin = "(another site)"  # a browser that sent no Origin still says where the request came from
    if origin is not None and origin not in own and origin not in config.cors_origins and "*" not in config.cors_origins:
        raise ProtocolError(403, f"a write from the page at {origin} is refused: only this server's own page, or an origin given with kg serve --cors, may change the store")
    simple = content_type in SIMPLE_TYPES or not content_type
    if simple and origin is not None and not (token and secrets.compare_digest(token, expected_token)):
        raise ProtocolError(403, f"a {content_type or 'body-less'} write from a browser must carry the page's token (or use Content-Type application/sparql-update)")
