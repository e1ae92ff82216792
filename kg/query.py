"""SPARQL over the graph: canned queries, safe parameters and result formats.

Canned queries live in ``kg/queries/*.rq``. Their first comment line describes
them and ``# param NAME: ...`` lines declare parameters. A parameter is bound as
an RDF term through the engine's substitution (``initBindings`` in rdflib's
terms), never pasted into the query text, so ``"} ; DROP ALL ; {"`` is just a
name that matches nothing. A parameter variable is projected by the query (the
engine requires it) and dropped from the output.

>>> sorted(canned_queries())[:3]
['based-on', 'cast', 'franchise-people']
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .names import printable, uchar_escaped
from .store import Result

_PARAM_LINE = re.compile(r"^#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$")
_WHEN = re.compile(r"#\s*when\s+[?$]([A-Za-z_][A-Za-z0-9_]*)\s*$")


@dataclass(frozen=True)
class CannedQuery:
    """A named query shipped with kg."""

    name: str
    description: str
    text: str
    params: dict  # name -> description

    def text_for(self, params=()):
        """The SPARQL to run with these parameter names bound (see filter_optional_lines)."""
        return filter_optional_lines(self.text, params)


def canned_queries():
    """The canned queries by name, read from ``kg/queries`` (once per process)."""
    return dict(_read_canned())


@functools.cache
def _read_canned():
    found = {}
    for entry in sorted(resources.files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            found[entry.name[:-3]] = _parse_canned(entry.name[:-3], entry.read_text(encoding="utf-8"))
    return found


def _parse_canned(name, text):
    lines = text.splitlines()
    description = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("#") else ""
    params = {m.group(1): m.group(2).strip() for m in map(_PARAM_LINE.match, lines) if m}
    return CannedQuery(name, description, text, params)


def resolve_query(query):
    """Turn a canned query name, a ``.rq`` file path or SPARQL text into (text, declared params).

    Raises:
        QueryError: for a name that is neither a canned query nor a file, nor SPARQL.
    """
    canned = canned_queries()
    if query in canned:
        return canned[query].text, canned[query].params
    path = Path(query)
    if len(query) < 4096 and "\n" not in query and path.suffix in (".rq", ".sparql") :
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise QueryError(f"{query}: cannot read query file: {e.strerror or e}") from None
        return text, _parse_canned(path.stem, text).params
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.IGNORECASE):
        return query, {}
    raise QueryError(f"{query!r} is not a canned query ({', '.join(canned)}), a .rq file or SPARQL text")


def filter_optional_lines(text, bound):
    """Keep a line marked ``# when ?name`` only when parameter ``name`` is bound.

    Optional parameters filter rows; when one is not given its lines go, so the
    query does no work for it (an always-true FILTER with EXISTS made queries
    several times slower). This edits kg's own query text, never the user's values,
    which are bound as RDF terms.

    >>> filter_optional_lines("?w a ?t .\\n?w rdfs:label ?series .  # when ?series", {})
    '?w a ?t .'
    """
    kept = []
    for line in text.splitlines():
        m = _WHEN.search(line)
        if m is None:
            kept.append(line)
        elif m.group(1) in bound:
            kept.append(line[: m.start()].rstrip())
    return "\n".join(kept)


def parse_param(text):
    """Parse a ``name=value`` parameter into (name, RDF term).

    ``<http://...>`` becomes an IRI, an integer becomes xsd:integer, anything else a
    plain string literal.

    >>> parse_param("series=Ballard")
    ('series', <Literal value=Ballard datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>)
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise QueryError(f"parameter {text!r} must look like name=value")
    if value.startswith("<") and value.endswith(">"):
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError:
            raise QueryError(f"parameter {name}: {value} is not a valid IRI") from None
    if re.fullmatch(r"-?[0-9]+", value):
        return name, ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return name, ox.Literal(value)


def run_query(store, query, params=None):
    """Run a canned query, a query file or SPARQL text against a store.

    Args:
        store: an open store (embedded or remote).
        query: a canned query name, a path to a ``.rq`` file, or SPARQL text.
        params: ``{name: value}`` with string values (see parse_param) or RDF terms.

    Returns:
        A Result for SELECT (parameter columns dropped), a bool for ASK, a list of
        triples for CONSTRUCT/DESCRIBE.

    A canned query's parameter that names an entity (NAME_PARAMS) is resolved to
    that entity's IRI first (resolve_entity): a name that matches nothing, or
    several entities, is an error listing the nearest names or the candidates.

    Raises:
        QueryError: unknown query or parameter, syntax error, failed evaluation.
        NameNotFound, AmbiguousName: a name parameter that means no entity, or several.

    >>> from kg.store import open_store
    >>> run_query(open_store(":memory:"), "cast").rows
    []
    """
    text, declared = resolve_query(query)
    bound = {}
    for name, value in (params or {}).items():
        if declared and name not in declared:
            raise QueryError(f"unknown parameter {name!r} (this query takes: {', '.join(declared) or 'none'})")
        bound[name] = parse_param(f"{name}={value}")[1] if isinstance(value, str) else value
    if query in canned_queries():
        # Names become the IRI of the one entity they mean, or an error that says why not.
        for name, value in bound.items():
            if name in NAME_PARAMS and isinstance(value, ox.Literal):
                try:
                    bound[name] = resolve_entity(store, value.value, NAME_PARAMS[name])
                except (NameNotFound, AmbiguousName) as e:
                    e.param = name  # which parameter, for callers that name it (kg serve's /queries)
                    raise
    if not declared:
        for name in bound:
            if not re.search(rf"[?$]{name}\b", text):
                raise QueryError(f"parameter {name!r} names no variable of the query")
    result = store.query(filter_optional_lines(text, bound), params=bound)
    if isinstance(result, Result):
        result = sort_concatenations(text, result)
    if isinstance(result, Result) and declared:
        keep = [i for i, c in enumerate(result.columns) if c not in declared]
        if len(keep) < len(result.columns):
            # Parameter columns are trailing in kg's queries: a slice per row is the cheap cut.
            n = len(keep)
            rows = [r[:n] for r in result.rows] if keep == list(range(n)) else [tuple(r[i] for i in keep) for r in result.rows]
            result = Result([result.columns[i] for i in keep], rows)
    return result


_CONCAT = re.compile(r"""GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?[^;)]*;\s*SEPARATOR\s*=\s*(?P<q>["'])(?P<sep>.*?)(?P=q)\s*\)\s+AS\s+[?$](?P<var>\w+)""", re.IGNORECASE)


def sort_concatenations(text, result):
    """Sort the items of each ``GROUP_CONCAT(...; separator=...) AS ?v`` column.

    SPARQL leaves the order of a concatenation to the engine (Oxigraph and Virtuoso
    differ), so kg sorts the items: the same query gives the same rows on every store.

    >>> r = sort_concatenations('SELECT (GROUP_CONCAT(?x; separator=", ") AS ?xs) {}', Result(["xs"], [(ox.Literal("b, a"),)]))
    >>> r.rows[0][0].value
    'a, b'
    """
    columns = {m.group("var"): m.group("sep") for m in _CONCAT.finditer(text)}
    where = [(i, columns[c]) for i, c in enumerate(result.columns) if columns.get(c)]
    if not where:
        return result
    rows = []
    for row in result.rows:
        row = list(row)
        for i, sep in where:
            term = row[i]
            if isinstance(term, ox.Literal):
                joined = sep.join(sorted(term.value.split(sep)))
                row[i] = ox.Literal(joined, language=term.language) if term.language else ox.Literal(joined, datatype=term.datatype)
        rows.append(tuple(row))
    return Result(result.columns, rows)


# --- output ------------------------------------------------------------------


def term_text(term):
    """A term as a person reads it: IRIs and literals by value, a triple term in N-Triples, unbound as empty."""
    if term is None:
        return ""
    return str(term) if isinstance(term, ox.Triple) else term.value


def format_result(result, fmt="table", *, terminal=False):
    """Render a query answer as ``table``, ``csv`` or ``json`` text.

    The table shows IRIs as prefixed names (compact_iri) so that the canned queries'
    IRI columns stay short; CSV and JSON keep every IRI whole.

    JSON for SELECT/ASK follows the SPARQL 1.1 Query Results JSON Format; a
    CONSTRUCT answer is written as N-Triples whatever the format. Neither ever holds
    a raw control or bidirectional control character: they are written as ``\\uXXXX``
    escapes, which both formats read back as the character. A table is for a person
    and shows them as visible escapes (kg.names.printable); so does CSV when
    ``terminal`` is true (the CLI's output is a terminal), and otherwise CSV holds the
    values as they are.
    """
    if isinstance(result, bool):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result})
        return "true" if result else "false"
    if not isinstance(result, Result):
        return uchar_escaped("".join(f"{t} .\n" for t in result))
    if fmt == "json":
        return uchar_escaped(json.dumps(solutions_json(result.columns, result.rows), ensure_ascii=False, indent=1))
    if fmt == "csv":
        cell = printable if terminal else str
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([cell(c) for c in result.columns])
        writer.writerows([cell(term_text(t)) for t in row] for row in result.rows)
        return out.getvalue()
    if fmt == "table":
        return _table(result)
    raise QueryError(f"unknown format {fmt!r} (table, csv or json)")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"


def term_json(term):
    """One RDF term in the SPARQL 1.2 Query Results JSON Format, as pyoxigraph writes it.

    Results that have been read into a :class:`~kg.store.Result` (from the embedded store
    or a server) no longer have pyoxigraph's serialiser, so this is kg's one encoder for
    them; a test checks it against ``QuerySolutions.serialize`` term by term, triple terms
    and directional language strings included.

    >>> term_json(ox.Literal("Bosch", language="en"))
    {'type': 'literal', 'value': 'Bosch', 'xml:lang': 'en'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {k: term_json(getattr(term, k)) for k in ("subject", "predicate", "object")}}
    cell = {"type": "literal", "value": term.value}
    if term.language:
        cell["xml:lang"] = term.language
        if term.direction is not None:
            cell["its:dir"] = str(term.direction)
    elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING, _RDF_DIR_LANG_STRING):
        cell["datatype"] = term.datatype.value
    return cell


def solutions_json(columns, rows):
    """SELECT results as a SPARQL Query Results JSON object (unbound variables left out)."""
    bindings = [{c: term_json(t) for c, t in zip(columns, row) if t is not None} for row in rows]
    return {"head": {"vars": list(columns)}, "results": {"bindings": bindings}}


def compact_iri(iri, prefixes=None):
    """An IRI as a prefixed name when a prefix covers it (``kgr:series/ballard``), else as it is.

    For reading only (tables, the query page): the local part is not escaped, so the
    result is not always valid SPARQL.

    >>> compact_iri("https://w3id.org/entertainment-kg/id/series/ballard")
    'kgr:series/ballard'
    """
    if prefixes is None:
        from .mapping import PREFIXES as prefixes
    best = max((ns for ns in prefixes.values() if iri.startswith(ns) and len(iri) > len(ns)), key=len, default=None)
    if best is None:
        return iri
    name = next(p for p, ns in prefixes.items() if ns == best)
    return f"{name}:{iri[len(best):]}"


def _table(result):
    rows = [[printable(compact_iri(t.value) if isinstance(t, ox.NamedNode) else term_text(t)) for t in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(result.columns)]
    line = "  ".join
    out = [line(c.ljust(w) for c, w in zip(result.columns, widths)).rstrip(), line("-" * w for w in widths)]
    out += [line(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def graph_stats(store):
    """Counts that describe a store: quads, announcements, distinct triples, entities by type, facts by relation."""
    counts = {
        "quads": len(store),
        "announcements": int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?g a kg:Announcement }").rows[0][0].value),
        "triples": int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value),
    }
    entities = store.query(
        "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t . FILTER(STRSTARTS(STR(?t), STR(kg:))) "
        "FILTER(?t NOT IN (kg:Announcement, kg:SourceDocument, kg:Performance)) BIND(STRAFTER(STR(?t), '#') AS ?type) } "
        "GROUP BY ?type ORDER BY ?type"
    )
    counts["entities"] = {r[0].value: int(r[1].value) for r in entities.rows}
    relations = store.query(
        "SELECT ?relation (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?p), STR(kg:))) "
        "BIND(STRAFTER(STR(?p), '#') AS ?relation) } GROUP BY ?relation ORDER BY ?relation"
    )
    counts["relations"] = {r[0].value: int(r[1].value) for r in relations.rows}
    return counts


# --- names -------------------------------------------------------------------

_TYPE_SUFFIX = re.compile(r"^(.*\S)\s*\(([A-Za-z]+)\)\s*$")


@dataclass(frozen=True)
class Candidate:
    """An entity a name may mean, with what tells it apart from its namesakes."""

    iri: str
    label: str
    type: str
    work: str | None = None
    year: str | None = None

    def describe(self):
        """One line: ``The Lincoln Lawyer (Film, 2011) <iri>``."""
        extra = ", ".join(x for x in (self.type, f"in {self.work}" if self.work else None, self.year) if x)
        return f"{self.label} ({extra}) <{self.iri}>"


class NameNotFound(QueryError):
    """A name that matches no entity; ``suggestions`` holds the nearest names."""

    def __init__(self, name, suggestions=(), what="entity"):
        self.name, self.suggestions = name, list(suggestions)
        hint = f"\n\nDid you mean: {', '.join(map(repr, self.suggestions))}?" if self.suggestions else ""
        super().__init__(f"no {what} named {name!r} in the graph{hint}")


class AmbiguousName(QueryError):
    """A name that matches several entities; ``candidates`` lists them (Candidate)."""

    def __init__(self, name, candidates):
        self.name, self.candidates = name, list(candidates)
        lines = "\n".join(f"  {c.describe()}" for c in self.candidates)
        first = self.candidates[0]
        super().__init__(
            f"{name!r} names {len(self.candidates)} entities:\n{lines}\n\n"
            f"Choose one by type, e.g. {f'{first.label} ({first.type})'!r}, or by IRI, e.g. '<{first.iri}>'"
        )


def match_name(name, entries, *, what="entity"):
    """The one entry a name means, among ``entries`` (Candidate, aliases) pairs.

    A name is matched case-insensitively against labels first, then aliases;
    ``"Name (Type)"`` narrows by type and ``<iri>`` (or a bare IRI) picks one.
    Nothing is ever chosen silently between namesakes.

    Returns:
        The Candidate.

    Raises:
        NameNotFound: no match (with the nearest names as suggestions).
        AmbiguousName: several entities match (with their type, work and year).

    >>> lawyer = [(Candidate("f", "The Lincoln Lawyer", "Film", year="2011"), ()), (Candidate("s", "The Lincoln Lawyer", "Series"), ())]
    >>> match_name("the lincoln lawyer (series)", lawyer).iri
    's'
    >>> match_name("Lincoln Laywer", lawyer)
    Traceback (most recent call last):
    ...
    kg.query.NameNotFound: no entity named 'Lincoln Laywer' in the graph
    <BLANKLINE>
    Did you mean: 'The Lincoln Lawyer'?
    """
    entries = list(entries)
    text = name.strip()
    iri = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    for c, _ in entries:
        if c.iri == iri:
            return c
    wanted_type = None
    m = _TYPE_SUFFIX.match(text)
    if m and any(c.type.casefold() == m.group(2).casefold() for c, _ in entries):
        text, wanted_type = m.group(1), m.group(2).casefold()
    wanted = text.casefold()
    pool = [(c, a) for c, a in entries if wanted_type is None or c.type.casefold() == wanted_type]
    by_label = {c.iri: c for c, _ in pool if c.label.casefold() == wanted}
    by_alias = {c.iri: c for c, aliases in pool if any(a.casefold() == wanted for a in aliases)}
    found = by_label or by_alias
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        plain = [Candidate(c.iri, c.label, c.type, c.work, c.year) for c in found.values()]
        raise AmbiguousName(name, sorted(plain, key=lambda c: (c.type, c.year or "", c.work or "", c.iri)))
    raise NameNotFound(name, nearest_names(text, [n for c, aliases in pool for n in (c.label, *aliases)]), what)


def nearest_names(name, names, n=5):
    """Up to ``n`` names close to ``name`` (difflib's ratio, case-insensitive), best first."""
    import difflib

    folded = {}
    for x in sorted(set(names)):
        folded.setdefault(x.casefold(), x)
    close = difflib.get_close_matches(name.casefold(), list(folded), n=n, cutoff=0.6)
    return [folded[c] for c in close]


#: Canned-query parameters that name entities, and the types they may name (None: any).
NAME_PARAMS = {"series": ("Series", "Film"), "work": ("Series", "Film"), "author": ("Person",), "franchise": ("Franchise",), "subject": None}
_ENTITY_TYPES = ("Series", "Season", "Film", "Novel", "BookSeries", "Person", "Character", "Organization", "Franchise")
_CREDIT = "kg:hasSeason|kg:hasCharacter|kg:castMember|kg:creator|kg:showrunner|kg:executiveProducer|kg:director|kg:writer|kg:author"
_MATCHES = """
SELECT ?e ?t ?label ?alias ?name WHERE {
  ?e rdfs:label|skos:altLabel ?n . FILTER(LCASE(STR(?n)) = LCASE(STR(?name)))
  ?e a ?t ; rdfs:label ?label . OPTIONAL { ?e skos:altLabel ?alias }
}"""
_DETAILS = """
SELECT ?e (MIN(?wl) AS ?work) (MIN(?d) AS ?premiere) (MIN(?issued) AS ?said) WHERE {
  VALUES ?e { %s }
  OPTIONAL { ?w %s ?e . ?w rdfs:label ?wl FILTER(?w != ?e) }
  OPTIONAL { ?e kg:premiereDate ?d }
  OPTIONAL { GRAPH ?g { ?e ?p ?o } ?g dcterms:issued ?issued }
} GROUP BY ?e"""
_ALL_NAMES = "SELECT DISTINCT ?n WHERE { ?e rdfs:label|skos:altLabel ?n ; a ?t . %s }"


def resolve_entity(store, name, types=None):
    """The IRI of the one entity ``name`` means in a store (see match_name for the rules).

    Args:
        store: an open store (embedded or remote).
        name: a label or alias (any case), ``"Name (Type)"``, or ``<iri>``.
        types: entity type names the entity may have (None: any).

    Raises:
        NameNotFound, AmbiguousName: as match_name.
    """
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        try:
            return ox.NamedNode(text[1:-1])
        except ValueError:
            raise NameNotFound(name) from None
    m = _TYPE_SUFFIX.match(text)
    bare = m.group(1) if m and m.group(2).casefold() in {t.casefold() for t in _ENTITY_TYPES} else text
    kinds = {}
    for e, t, label, alias, _ in store.query(_MATCHES, params={"name": ox.Literal(bare)}):
        t = t.value.rsplit("#", 1)[-1]
        if t not in _ENTITY_TYPES or (types and t not in types):
            continue
        entry = kinds.setdefault(e.value, {"types": set(), "labels": set(), "aliases": set()})
        entry["types"].add(t)
        entry["labels"].add(label.value)
        if alias is not None:
            entry["aliases"].add(alias.value)
    details = {}
    if len(kinds) > 1:
        values = " ".join(f"<{iri}>" for iri in kinds)
        for e, work, premiere, said in store.query(_DETAILS % (values, _CREDIT)):
            date = premiere or said
            details[e.value] = (work.value if work is not None else None, date.value[:4] if date is not None else None)
    entries = []
    for iri, d in sorted(kinds.items()):
        work, year = details.get(iri, (None, None))
        for t in sorted(d["types"]):
            entries.append((Candidate(iri, min(d["labels"]), t, work, year), sorted(d["labels"] | d["aliases"])))
    if not entries:
        where = "VALUES ?t { %s }" % " ".join(f"kg:{t}" for t in types) if types else ""
        entries = [(Candidate("", row[0].value, ""), ()) for row in store.query(_ALL_NAMES % where)]
        raise NameNotFound(name, nearest_names(bare, [c.label for c, _ in entries]))
    if len({c.iri for c, _ in entries}) == 1:
        return ox.NamedNode(entries[0][0].iri)
    # One entity may carry a type and its refinement (Organization, Studio): one entry per entity.
    return ox.NamedNode(match_name(name, _one_per_entity(entries)).iri)


def _one_per_entity(entries):
    seen, out = set(), []
    for c, aliases in entries:
        if c.iri not in seen:
            seen.add(c.iri)
            out.append((c, aliases))
    return out


def provenance_index(store):
    """Who said what, for the graph page: the announcements and the evidence for each fact.

    Returns:
        ``{"announcements": {id: {"title", "date", "file"}}, "evidence": {(subject IRI,
        relation name, object IRI or value): {announcement id: [sentences]}}}``;
        evidence exists for extracted facts (hand-written facts files carry none).
    """
    announcements = {}
    rows = store.query(
        "SELECT ?id ?title ?date ?file WHERE { GRAPH ?g { ?g a kg:Announcement ; dcterms:identifier ?id "
        "OPTIONAL { ?g dcterms:title ?title } OPTIONAL { ?g dcterms:issued ?date } "
        "OPTIONAL { ?g prov:wasDerivedFrom/kg:sourceFile ?file } } }"
    )
    for row in rows.values():
        announcements[row["id"]] = {"title": row["title"], "date": row["date"], "file": row["file"]}
    evidence = {}
    rows = store.query(
        "SELECT ?id ?s ?p ?o ?text WHERE { GRAPH ?g { ?st kg:evidence ?text ; rdf:subject ?s ; "
        "rdf:predicate ?p ; rdf:object ?o . ?g dcterms:identifier ?id } } ORDER BY ?id ?text"
    )
    for row in rows.values():
        key = (row["s"], row["p"].rsplit("#", 1)[-1], row["o"])
        evidence.setdefault(key, {}).setdefault(row["id"], []).append(row["text"])
    return {"announcements": announcements, "evidence": evidence}
