"""Facts files to RDF: deterministic IRIs, one named graph per announcement.

The same real entity must get the same IRI in every announcement and every run, so
an IRI is made from the entity's type and its normalised canonical name, never
from a file-local id or a counter. The curated entities file (``data/entities.yaml``)
decides the canonical name where names differ (forced merges and renames), tells
same-named things apart per announcement (splits), refines organisations into
studios, streamers and production companies, and links main entities to Wikidata.

Each announcement becomes one named graph (its IRI is the announcement's IRI) that
holds its facts, a ``kg:Performance`` node per "person plays character in work",
and its own provenance, so that replacing the graph replaces everything the
announcement said. The types and labels of the entities it names go to one shared
graph, ``graph/entities``: they are the same whichever announcement names an entity.
The build drops entity descriptions no announcement refers to any more. The store
copies every triple once into the default graph (see kg.store), which is what
plain SPARQL reads.

>>> slug("Renée Ballard") == slug("Renee Ballard") == "renee-ballard"
True
>>> slug("The Lincoln Lawyer")
'lincoln-lawyer'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, Quad

from .errors import KGError
from .facts import Problem
from .resolve import resolve_document
from .names import fold, slug
from .schema import ENTITY_TYPES, ORGANIZATION_CLASSES, RELATIONS

BASE = "https://w3id.org/entertainment-kg/"
KG = BASE + "ontology#"
ID = BASE + "id/"
ANNOUNCEMENT = BASE + "announcement/"
CURATED_GRAPH = NamedNode(BASE + "graph/curated")
#: Types and labels of entities, shared by all announcements (see announcement_quads).
ENTITIES_GRAPH = NamedNode(BASE + "graph/entities")

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDF_STATEMENT = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement")
RDF_SUBJECT = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
RDF_PREDICATE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
RDF_OBJECT = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
OWL_SAME_AS = NamedNode("http://www.w3.org/2002/07/owl#sameAs")
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
WIKIDATA = "http://www.wikidata.org/entity/"

PREFIXES = {
    "kg": KG,
    "kgr": ID,
    "ann": ANNOUNCEMENT,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": PROV,
    "dcterms": DCTERMS,
    "schema": "https://schema.org/",
    "wd": WIKIDATA,
}

_TYPE_PATH = {t: re.sub(r"(?<!^)(?=[A-Z])", "-", t).lower() for t in ENTITY_TYPES}
_LITERAL_DATATYPE = {"integer": NamedNode(XSD + "integer"), "date": NamedNode(XSD + "date")}


def kg_term(name):
    """The ontology term ``kg:name`` as a NamedNode."""
    return NamedNode(KG + name)


def entity_iri(etype, name):
    """The IRI of the entity of this type whose canonical name is ``name``."""
    return NamedNode(f"{ID}{_TYPE_PATH[etype]}/{slug(name)}")


def announcement_iri(announcement_id):
    """The IRI of an announcement, which also names its graph."""
    return NamedNode(ANNOUNCEMENT + announcement_id)


# --- curated identities ------------------------------------------------------


@dataclass
class CuratedEntity:
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    org_class: str | None = None


@dataclass
class Identities:
    """Canonical names across announcements, from the curated entities file.

    An empty Identities (no curated file) still merges names that normalise alike,
    so "Renée Ballard" and "Renee Ballard" are one character everywhere.
    """

    entities: list[CuratedEntity] = field(default_factory=list)
    splits: dict = field(default_factory=dict)  # (type, normalised name, announcement) -> name
    _canonical: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for ce in self.entities:
            for n in [ce.name, *ce.aliases]:
                self._canonical[(ce.type, fold(n))] = ce

    def curated(self, etype, names):
        """The curated entity one of these names belongs to, if any."""
        for n in names:
            ce = self._canonical.get((etype, fold(n)))
            if ce is not None:
                return ce
        return None

    def canonical_name(self, entity, announcement_id):
        """The name an entity's IRI is made from, in a given announcement."""
        split = self.splits.get((entity.type, fold(entity.name), announcement_id))
        if split:
            return split
        ce = self.curated(entity.type, [entity.name, *entity.aliases])
        return ce.name if ce else entity.name


def load_identities(path):
    """Read a curated entities file (see ``data/entities.yaml``).

    Raises:
        KGError: with file and line when the file is malformed.
    """
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as e:
        raise KGError(f"{path}: cannot read: {e.strerror or e}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise KGError(str(Problem(str(path), mark.line + 1 if mark else None, f"malformed YAML: {getattr(e, 'problem', e)}"))) from None
    if not isinstance(doc, dict):
        raise KGError(f"{path}: a curated entities file must be a mapping with 'entities' and 'splits'")
    entities = []
    for i, item in enumerate(doc.get("entities") or [], 1):
        if not isinstance(item, dict) or item.get("type") not in ENTITY_TYPES or not item.get("name"):
            raise KGError(f"{path}: entity #{i} needs a known 'type' and a 'name'")
        org_class = item.get("class")
        if org_class and (item["type"] != "Organization" or org_class not in ORGANIZATION_CLASSES):
            raise KGError(f"{path}: entity {item['name']!r}: class must be one of {', '.join(ORGANIZATION_CLASSES)} on an Organization")
        qid = item.get("wikidata")
        if qid and not re.fullmatch(r"Q[1-9][0-9]*", str(qid)):
            raise KGError(f"{path}: entity {item['name']!r}: wikidata must look like Q123, not {qid!r}")
        entities.append(CuratedEntity(item["type"], str(item["name"]), [str(a) for a in item.get("aliases") or []], qid, org_class))
    splits = {}
    for i, item in enumerate(doc.get("splits") or [], 1):
        try:
            splits[(item["type"], fold(item["name"]), item["announcement"])] = str(item["as"])
        except (KeyError, TypeError):
            raise KGError(f"{path}: split #{i} needs type, name, announcement and as") from None
    return Identities(entities, splits)


def curated_quads(identities):
    """Quads of the curated graph: the Wikidata links of curated entities.

    Names and organisation classes reach the graph through the announcements that
    mention an entity (see announcement_quads), so a curated entity no
    announcement names adds no node.
    """
    return [
        Quad(entity_iri(ce.type, ce.name), OWL_SAME_AS, NamedNode(WIKIDATA + ce.wikidata), CURATED_GRAPH)
        for ce in identities.entities
        if ce.wikidata
    ]


# --- announcements -----------------------------------------------------------


def content_hash(ff):
    """A hash of what an announcement states and the evidence for it, so an unchanged one is not rebuilt.

    Canonical JSON rather than the YAML form: it is the same for equal facts and
    an order of magnitude cheaper to produce on the build's hot path.
    """
    a = ff.announcement
    doc = {
        # Bumped when the mapping of equal facts changes (2: entity resolution), so stores rebuild.
        "mapping": 2,
        "announcement": [a.id, a.published.isoformat() if a.published else None, a.source, a.title],
        "entities": [[e.id, e.type, e.name, list(e.aliases)] for e in ff.entities.values()],
        "facts": [[f.s, f.p, f.o.isoformat() if isinstance(f.o, dt.date) else f.o, f.evidence] for f in ff.facts],
    }
    return hashlib.sha256(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def announcement_quads(ff, identities=None):
    """Map one facts file to the quads of its named graph.

    Args:
        ff: a loaded FactsFile.
        identities: curated identities; without them names are merged only when they
            normalise alike.

    Returns:
        A list of pyoxigraph Quads: facts, performances and provenance in the
        announcement's graph; entity types and labels in ENTITIES_GRAPH.
    """
    identities = identities or Identities()
    original, ff = ff, resolve_document(ff)
    ann = ff.announcement
    graph = announcement_iri(ann.id)
    quads = []

    def add(s, p, o):
        quads.append(Quad(s, p, o, graph))

    def describe(s, p, o):
        quads.append(Quad(s, p, o, ENTITIES_GRAPH))

    iris = {}
    for e in ff.entities.values():
        name = identities.canonical_name(e, ann.id)
        iri = entity_iri(e.type, name)
        iris[e.id] = iri
        describe(iri, RDF_TYPE, kg_term(e.type))
        describe(iri, RDFS_LABEL, Literal(name))
        for other in sorted({e.name, *e.aliases} - {name}):
            describe(iri, SKOS_ALT, Literal(other))
        ce = identities.curated(e.type, [name])
        if ce and ce.org_class:
            describe(iri, RDF_TYPE, kg_term(ce.org_class))

    for f in ff.facts:
        rel = RELATIONS[f.p]
        if rel.literal:
            o = Literal(f.o.isoformat() if isinstance(f.o, dt.date) else str(f.o), datatype=_LITERAL_DATATYPE.get(rel.literal))
        else:
            o = iris[f.o]
        add(iris[f.s], kg_term(f.p), o)
        if f.evidence:
            quads.extend(_evidence_quads(iris[f.s], kg_term(f.p), o, f.evidence, graph))

    quads.extend(_performance_quads(ff, iris, graph))
    quads.extend(_provenance_quads(original, graph))
    return _dedupe(quads)


def _performance_quads(ff, iris, graph):
    """One kg:Performance per (work, person, character) the announcement ties together.

    A portrayal names no work, so it is tied to each work in the same announcement
    that has the person in its cast and the character among its characters.
    """
    cast = {(f.s, f.o) for f in ff.facts if f.p == "castMember"}
    characters = {(f.s, f.o) for f in ff.facts if f.p == "hasCharacter"}
    out = []
    for f in ff.facts:
        if f.p != "portrays":
            continue
        for work, person in sorted(cast):
            if person != f.s or (work, f.o) not in characters:
                continue
            w, p, c = iris[work], iris[person], iris[f.o]
            key = "/".join(x.value.removeprefix(ID) for x in (w, p, c))
            node = NamedNode(f"{ID}performance/{hashlib.sha1(key.encode()).hexdigest()[:16]}")
            out += [
                Quad(node, RDF_TYPE, kg_term("Performance"), graph),
                Quad(node, kg_term("performanceIn"), w, graph),
                Quad(node, kg_term("performer"), p, graph),
                Quad(node, kg_term("performedCharacter"), c, graph),
                Quad(w, kg_term("hasPerformance"), node, graph),
            ]
    return out


def _evidence_quads(s, p, o, sentence, graph):
    """The sentence that states a fact, on an ``rdf:Statement`` about it in the announcement's graph.

    Standard RDF reification rather than RDF-star: every SPARQL 1.1 store can
    hold and query it, and the graph page and ``GRAPH ?g`` queries reach the
    evidence one hop from the fact. The statement's IRI hangs off the graph's,
    so replacing an announcement replaces its evidence too.
    """
    key = "\x1f".join((s.value, p.value, str(o))).encode()
    node = NamedNode(f"{graph.value}#fact-{hashlib.sha1(key).hexdigest()[:16]}")
    return [
        Quad(node, RDF_TYPE, RDF_STATEMENT, graph),
        Quad(node, RDF_SUBJECT, s, graph),
        Quad(node, RDF_PREDICATE, p, graph),
        Quad(node, RDF_OBJECT, o, graph),
        Quad(node, kg_term("evidence"), Literal(sentence), graph),
    ]


def _provenance_quads(ff, graph):
    ann = ff.announcement
    out = [
        Quad(graph, RDF_TYPE, kg_term("Announcement"), graph),
        Quad(graph, NamedNode(DCTERMS + "identifier"), Literal(ann.id), graph),
        Quad(graph, kg_term("contentHash"), Literal(content_hash(ff)), graph),
    ]
    if ann.published:
        out.append(Quad(graph, NamedNode(DCTERMS + "issued"), Literal(ann.published.isoformat(), datatype=_LITERAL_DATATYPE["date"]), graph))
    if ann.title:
        out.append(Quad(graph, NamedNode(DCTERMS + "title"), Literal(ann.title), graph))
    if ann.source:
        source = NamedNode(f"{graph.value}#source")
        out += [
            Quad(graph, NamedNode(PROV + "wasDerivedFrom"), source, graph),
            Quad(source, RDF_TYPE, kg_term("SourceDocument"), graph),
            Quad(source, kg_term("sourceFile"), Literal(ann.source), graph),
        ]
    return out


def _dedupe(quads):
    seen = set()
    out = []
    for q in quads:
        if q not in seen:
            seen.add(q)
            out.append(q)
    return out

