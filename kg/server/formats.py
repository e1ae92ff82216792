"""Content negotiation and the serialisers of answers (SPARQL results, RDF).

SELECT answers are written row by row so that a budget can stop them; their JSON
terms come from kg's one encoder, :func:`kg.query.term_json` (what ``kg query
--format json`` writes), and RDF from pyoxigraph's serialisers.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_OFFERS)
'xml'
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from ..query import term_json
from .config import ProtocolError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: The namespace of SPARQL 1.2's base direction attribute in XML results (as pyoxigraph writes it).
ITS = "http://www.w3.org/2005/11/its"

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


# --- content negotiation -----------------------------------------------------


def parse_media_type(value):
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
        mtype, params = parse_media_type(item)
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


class Budget:
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


def _xml_term(t):
    if isinstance(t, ox.NamedNode):
        return f"<uri>{xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language and t.direction is not None:
            return f'<literal xml:lang={quoteattr(t.language)} its:dir={quoteattr(str(t.direction))} xmlns:its="{ITS}" its:version="2.0">{xml_escape(t.value)}</literal>'
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{xml_escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
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
            binding = {v: term_json(t) for v, t in zip(variables, row) if t is not None}
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
    from ..mapping import PREFIXES

    collected = []
    for t in triples:
        budget.row()
        collected.append(t)
    rdf_format, _ = RDF_OUT[fmt]
    data = ox.serialize(collected, format=rdf_format, prefixes=PREFIXES if fmt == "turtle" else None) or b""
    budget.add(len(data))
    return data


def negotiated(accept, offers):
    """negotiate, or 406 naming what the answer can be."""
    fmt = negotiate(accept, offers)
    if fmt is None:
        raise ProtocolError(406, f"cannot answer in any type of Accept: {accept} (this answer can be: {', '.join(sorted({o for o, _ in offers}))})")
    return fmt
