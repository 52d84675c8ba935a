"""IRIs of eduvoc's own terms and graphs, plus the standard namespaces the registry queries."""

from __future__ import annotations

from pyoxigraph import NamedNode

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
FOAF = "http://xmlns.com/foaf/0.1/"

EDUVOC_BASE = "https://w3id.org/eduvoc/"
EDUVOC_DEF = EDUVOC_BASE + "def/"

CATALOGUE = NamedNode(EDUVOC_BASE + "catalogue")
CATALOGUE_GRAPH = NamedNode(EDUVOC_BASE + "graph/catalogue")
ONTOLOGY_SLUG = "eduvoc-ontology"
ADMIN_GRAPH = NamedNode(EDUVOC_BASE + "graph/admin")  # organisations and token hashes: never public
AUDIT_GRAPH = NamedNode(EDUVOC_BASE + "graph/audit")  # append-only change history: never public
PROV = "http://www.w3.org/ns/prov#"
VERSION_GRAPH_PREFIX = EDUVOC_BASE + "graph/vocabulary/"
DATASETS_GRAPH = NamedNode(EDUVOC_BASE + "graph/datasets")  # the dataset catalogue's records: public
DATASET_GRAPH_PREFIX = EDUVOC_BASE + "graph/dataset/"  # one graph per registered dataset description
# The union of the current vocabulary releases, for fast reads (registry/public_union.py): derived data.
PUBLIC_UNION_GRAPH = NamedNode(EDUVOC_BASE + "graph/public")


def is_version_graph(graph: NamedNode) -> bool:
    """A graph holding one version of a vocabulary (a release never changes once published)."""
    return graph.value.startswith(VERSION_GRAPH_PREFIX)


def vocabulary_record(slug: str) -> NamedNode:
    """The catalogue record that describes one registered vocabulary."""
    return NamedNode(f"{EDUVOC_BASE}catalogue/vocabulary/{slug}")


def organisation_iri(slug: str) -> NamedNode:
    return NamedNode(f"{EDUVOC_BASE}org/{slug}")


def version_graph(slug: str, load_id: str) -> NamedNode:
    """The named graph that holds one loaded version of a vocabulary."""
    return NamedNode(f"{VERSION_GRAPH_PREFIX}{slug}/{load_id}")



class Eduvoc:
    """eduvoc's catalogue predicates (a closed set: a typo is an AttributeError)."""

    currentGraph = NamedNode(EDUVOC_DEF + "currentGraph")
    conceptCount = NamedNode(EDUVOC_DEF + "conceptCount")
    collectionCount = NamedNode(EDUVOC_DEF + "collectionCount")
    deprecatedConceptCount = NamedNode(EDUVOC_DEF + "deprecatedConceptCount")
    tripleCount = NamedNode(EDUVOC_DEF + "tripleCount")
    sourceFile = NamedNode(EDUVOC_DEF + "sourceFile")


class Skos:
    prefLabel = NamedNode(SKOS + "prefLabel")
    altLabel = NamedNode(SKOS + "altLabel")
    hiddenLabel = NamedNode(SKOS + "hiddenLabel")
    notation = NamedNode(SKOS + "notation")
    definition = NamedNode(SKOS + "definition")
    scopeNote = NamedNode(SKOS + "scopeNote")
    note = NamedNode(SKOS + "note")
    editorialNote = NamedNode(SKOS + "editorialNote")
    example = NamedNode(SKOS + "example")
    inScheme = NamedNode(SKOS + "inScheme")
    topConceptOf = NamedNode(SKOS + "topConceptOf")
    broader = NamedNode(SKOS + "broader")
    narrower = NamedNode(SKOS + "narrower")
    related = NamedNode(SKOS + "related")
    member = NamedNode(SKOS + "member")
    exactMatch = NamedNode(SKOS + "exactMatch")
    closeMatch = NamedNode(SKOS + "closeMatch")
    broadMatch = NamedNode(SKOS + "broadMatch")
    narrowMatch = NamedNode(SKOS + "narrowMatch")
    relatedMatch = NamedNode(SKOS + "relatedMatch")
    Concept = NamedNode(SKOS + "Concept")
    ConceptScheme = NamedNode(SKOS + "ConceptScheme")
    Collection = NamedNode(SKOS + "Collection")


class Dct:
    identifier = NamedNode(DCT + "identifier")
    modified = NamedNode(DCT + "modified")
    language = NamedNode(DCT + "language")
    title = NamedNode(DCT + "title")
    description = NamedNode(DCT + "description")
    publisher = NamedNode(DCT + "publisher")
    license = NamedNode(DCT + "license")
    source = NamedNode(DCT + "source")
    isReplacedBy = NamedNode(DCT + "isReplacedBy")


class Owl:
    deprecated = NamedNode(OWL + "deprecated")
    versionInfo = NamedNode(OWL + "versionInfo")


RDF_TYPE = NamedNode(RDF + "type")
DCAT_CATALOG = NamedNode(DCAT + "Catalog")
DCAT_CATALOG_RECORD = NamedNode(DCAT + "CatalogRecord")
DCAT_RECORD = NamedNode(DCAT + "record")
FOAF_PRIMARY_TOPIC = NamedNode(FOAF + "primaryTopic")
