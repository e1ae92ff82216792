"""SPARQL text as tokens: enough to find positions and keywords, never to evaluate.

kg hands queries to Oxigraph (embedded or over HTTP); this module only looks at
their text where kg must act before the engine does: refusing keywords that would
make the engine contact another machine, and finding where a WHERE group starts.
"""

import re

from .errors import QueryError

_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<space>\s+)
  | (?P<word>[?$]?[A-Za-z_\u00C0-\uFFFF][\w\-.:\u00B7\u00C0-\uFFFF]*)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def sparql_tokens(text):
    """Split SPARQL text into ``(kind, text, start, end)`` tokens, dropping space and comments.

    Kinds are ``string``, ``iri``, ``word``, ``number`` (so that ``LIMIT 25`` reads
    as 25) and ``other`` (single characters such as braces). Only used to find positions (the start of a WHERE group); what is
    inserted there is always re-parsed, never trusted.

    >>> [t[1] for t in sparql_tokens('SELECT * { ?s <p#x> "}" } # }')]
    ['SELECT', '*', '{', '?s', '<p#x>', '"}"', '}']
    """
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("space", "comment"):
            out.append((kind, m.group(), m.start(), m.end()))
    return out



def refuse_remote_access(text):
    """Refuse SPARQL that would make the engine contact another machine: SERVICE and LOAD.

    Oxigraph evaluates both over HTTP, and kg never fetches anything on behalf of a
    query. The keywords are found among SPARQL's tokens, so a ``"SERVICE"`` string, an
    IRI or a comment that mentions them is not refused.

    Raises:
        QueryError: naming the line of the keyword.

    >>> refuse_remote_access('SELECT * { ?s ?p "SERVICE" }')
    >>> refuse_remote_access('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: line 1: SERVICE is refused: kg never contacts other machines for a query
    """
    for kind, token, start, _ in sparql_tokens(text):
        if kind == "word" and token.upper() in ("SERVICE", "LOAD"):
            line = text.count("\n", 0, start) + 1
            raise QueryError(f"line {line}: {token.upper()} is refused: kg never contacts other machines for a query")


_PATH_OPERATORS = "/|^*+?!("
_GROUP_KEYWORDS = ("FILTER", "OPTIONAL", "MINUS", "BIND", "GRAPH")


def identity_filters(text, iri_predicates, prefixes):
    """``FILTER(?a != ?b)`` as ``FILTER(!sameTerm(?a, ?b))`` where both variables can only hold IRIs.

    Oxigraph compares terms with ``=`` and ``!=`` by decoding them (a dictionary
    read per term on disk), but tests ``sameTerm`` on their ids; on the co-star join
    that is the difference between 50 and 12 ms. For IRIs and blank nodes the two
    tests agree exactly (RDF term equality is identity for them, and an unbound
    variable is an error either way), so the rewrite is made only when every place
    that can bind each variable binds a node: the subject of a plain triple pattern,
    or the object of one whose predicate is in ``iri_predicates`` (kg's relations
    between entities, whose objects every kg build writes as IRIs). Any other
    occurrence (``GRAPH ?a``, ``AS ?a``, ``VALUES``, property paths, object lists,
    other expressions, ``BASE``) leaves the text as it was.

    Args:
        iri_predicates: predicate IRIs (str) whose objects are IRIs.
        prefixes: ``{prefix: namespace}`` predeclared by the caller; the text's own
            PREFIX declarations take precedence.

    >>> ex = {"http://x/knows"}
    >>> identity_filters("SELECT * { ?w <http://x/knows> ?a . ?w <http://x/knows> ?b FILTER(?a != ?b) }", ex, {})
    'SELECT * { ?w <http://x/knows> ?a . ?w <http://x/knows> ?b FILTER(!sameTerm(?a, ?b)) }'
    >>> identity_filters('SELECT * { ?w <http://x/name> ?a . ?w <http://x/knows> ?b FILTER(?a != ?b) }', ex, {})
    'SELECT * { ?w <http://x/name> ?a . ?w <http://x/knows> ?b FILTER(?a != ?b) }'
    """
    if "!=" not in text:
        return text
    tokens = sparql_tokens(text)
    if any(kind == "word" and token.upper() in ("VALUES", "BASE") for kind, token, _, _ in tokens):
        return text
    names = dict(prefixes)
    for i, (kind, token, _, _) in enumerate(tokens[:-2]):
        if kind == "word" and token.upper() == "PREFIX" and tokens[i + 1][1].endswith(":") and tokens[i + 2][0] == "iri":
            names[tokens[i + 1][1][:-1]] = tokens[i + 2][1][1:-1]

    def iri(token):
        kind, value = token[0], token[1]
        if kind == "iri":
            return value[1:-1]
        if kind == "word" and ":" in value and value[0] not in "?$":
            prefix, local = value.split(":", 1)
            return names[prefix] + local if prefix in names else None
        return None

    def token_at(i):
        return tokens[i] if 0 <= i < len(tokens) else ("", "", 0, 0)

    def text_at(i):
        return token_at(i)[1]

    def path_operator(i):
        return 0 <= i < len(tokens) and tokens[i][0] == "other" and tokens[i][1] in _PATH_OPERATORS

    def head_positions():
        """Indices between a SELECT and the group it projects: projections bind nothing."""
        inside, out = False, set()
        for i, (kind, token, _, _) in enumerate(tokens):
            if kind == "word" and token.upper() == "SELECT":
                inside = True
            elif token == "{" or (kind == "word" and token.upper() == "WHERE"):
                inside = False
            elif inside and text_at(i - 1).upper() != "AS":
                out.add(i)
        return out

    heads = None

    def binds_only_nodes(name, skip):
        nonlocal heads
        for j, (kind, token, _, _) in enumerate(tokens):
            if j in skip or kind != "word" or token[0] not in "?$" or token[1:] != name:
                continue
            before, after = text_at(j - 1), text_at(j + 1)
            if heads is None:
                heads = head_positions()
            if j in heads:
                continue
            k = j - 1  # GROUP BY / ORDER BY lists
            while 0 <= k and (tokens[k][1][0] in "?$()" or tokens[k][1].upper() in ("ASC", "DESC")):
                k -= 1
            if text_at(k).upper() == "BY":
                continue
            if before in ("{", ".", "}") and (iri(token_at(j + 1)) or after == "a" or after[:1] in "?$") and not path_operator(j + 2):
                continue  # the subject of a triple pattern: an IRI or a blank node
            if iri(token_at(j - 1)) in iri_predicates and not path_operator(j - 2) and (after in (".", ";", ",", "}") or after.upper() in _GROUP_KEYWORDS):
                continue  # the object of an entity-to-entity relation
            return False
        return True

    edits = []
    for i in range(len(tokens) - 6):
        window = tokens[i : i + 7]
        if not (window[0][0] == "word" and window[0][1].upper() == "FILTER" and window[1][1] == "(" and window[6][1] == ")"):
            continue
        a, op1, op2, b = window[2], window[3], window[4], window[5]
        if not (a[1][:1] in "?$" and b[1][:1] in "?$" and a[0] == b[0] == "word"):
            continue
        if not (op1[1] == "!" and op2[1] == "=" and op1[3] == op2[2]):
            continue
        span = set(range(i, i + 7))
        if binds_only_nodes(a[1][1:], span) and binds_only_nodes(b[1][1:], span):
            edits.append((a[2], b[3], f"!sameTerm({a[1]}, {b[1]})"))
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text
