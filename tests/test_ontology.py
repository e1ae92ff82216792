"""The ontology agrees with the facts vocabulary, and every graph kg builds conforms to the shapes."""

import pytest
import rdflib
from paths import ONTOLOGY, SHAPES
from pyshacl import validate
from rdflib.namespace import OWL, RDF, RDFS

from kg.mapping import ENTITIES_GRAPH, KG
from kg.schema import ENTITY_TYPES, ORGANIZATION_CLASSES, RELATIONS

NS = rdflib.Namespace(KG)


@pytest.fixture(scope="module")
def ontology():
    return rdflib.Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(SHAPES)


def test_every_entity_type_is_a_class(ontology):
    for t in (*ENTITY_TYPES, *ORGANIZATION_CLASSES):
        assert (NS[t], RDF.type, OWL.Class) in ontology, t
        assert ontology.value(NS[t], RDFS.label) and ontology.value(NS[t], RDFS.comment)


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_every_relation_is_a_property_with_domain_range_label_comment(ontology, name):
    p = NS[name]
    kinds = set(ontology.objects(p, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}
    for what in (RDFS.domain, RDFS.range, RDFS.label, RDFS.comment):
        assert ontology.value(p, what) is not None, (name, what)


def test_aligned_to_schema_org_and_wikidata(ontology):
    text = ontology.serialize(format="nt")
    for term in ("https://schema.org/TVSeries", "https://schema.org/actor", "https://schema.org/isBasedOn", "http://www.wikidata.org/prop/direct/P161", "http://www.wikidata.org/prop/direct/P144"):
        assert term in text


def _as_rdflib(store):
    ds = rdflib.Dataset()
    ds.parse(data=store.dump("nquads").decode(), format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return ds, union


def test_built_graph_conforms_to_shapes(gold_store, shapes, ontology):
    _, union = _as_rdflib(gold_store)
    conforms, _, report = validate(union, shacl_graph=shapes, ont_graph=ontology, inference="rdfs", allow_warnings=False)
    assert conforms, report


def test_each_announcement_graph_conforms_with_the_entity_descriptions(gold_store, shapes):
    ds, _ = _as_rdflib(gold_store)
    entities = ds.graph(rdflib.URIRef(ENTITIES_GRAPH.value))
    assert len(entities) > 0
    for g in ds.graphs():
        if len(g) == 0 or g.identifier == entities.identifier:
            continue
        merged = rdflib.Graph()
        for triple in g:
            merged.add(triple)
        for triple in entities:
            merged.add(triple)
        conforms, _, report = validate(merged, shacl_graph=shapes)
        assert conforms, (g.identifier, report)


def test_shapes_catch_a_broken_graph(shapes):
    g = rdflib.Graph()
    person, series = rdflib.URIRef("urn:p"), rdflib.URIRef("urn:s")
    g.add((person, RDF.type, NS.Person))
    g.add((person, RDFS.label, rdflib.Literal("P")))
    g.add((series, RDF.type, NS.Series))
    g.add((person, NS.castMember, series))  # subject and object swapped
    g.add((series, NS.seasonNumber, rdflib.Literal("two")))
    conforms, _, report = validate(g, shacl_graph=shapes)
    assert not conforms
    assert "castMember" in report and "seasonNumber" in report
