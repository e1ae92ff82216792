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
