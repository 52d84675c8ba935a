"""Where mapping data lives in the store, and the RDF terms it is written with.

Two public graphs, both part of the SPARQL default graph:
- `graph/mappings`: every mapping set and every mapping as an SSSOM-in-RDF record (an
  `owl:Axiom` with `owl:annotatedSource/Property/Target`, the SSSOM slots, a review status and
  comments) — proposals and rejections included;
- `graph/mappings/skos`: one plain `<subject> skos:exactMatch <object>` (etc.) triple for every
  ACCEPTED mapping, so a plain SPARQL query over the default graph finds accepted mappings.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from registry.namespaces import DCT, EDUVOC_BASE, EDUVOC_DEF, OWL, RDFS

MAPPINGS_GRAPH = NamedNode(EDUVOC_BASE + "graph/mappings")
ACCEPTED_GRAPH = NamedNode(EDUVOC_BASE + "graph/mappings/skos")
MAPPING_GRAPHS = (MAPPINGS_GRAPH, ACCEPTED_GRAPH)

SSSOM = "https://w3id.org/sssom/"
SEMAPV = "https://w3id.org/semapv/vocab/"
PAV = "http://purl.org/pav/"
MAPPING_SET_BASE = EDUVOC_BASE + "mapping-set/"
MAPPING_BASE = EDUVOC_BASE + "mapping/"


def mapping_set_iri(set_id: str) -> NamedNode:
    return NamedNode(MAPPING_SET_BASE + set_id)


def mapping_iri(mapping_id: str) -> NamedNode:
    return NamedNode(MAPPING_BASE + mapping_id)


class M:
    """The predicates and classes of the mapping model (a closed set: a typo is an AttributeError).
    SSSOM slots use the slot URIs of the SSSOM schema (sssom-schema's `sssom_schema.yaml`)."""

    MappingSet = NamedNode(SSSOM + "MappingSet")
    Mapping = NamedNode(OWL + "Axiom")  # the SSSOM schema's class_uri for a mapping
    mappings = NamedNode(SSSOM + "mappings")
    subject = NamedNode(OWL + "annotatedSource")
    predicate = NamedNode(OWL + "annotatedProperty")
    object = NamedNode(OWL + "annotatedTarget")
    justification = NamedNode(SSSOM + "mapping_justification")
    confidence = NamedNode(SSSOM + "confidence")
    author = NamedNode(PAV + "authoredBy")
    mapping_date = NamedNode(DCT + "created")
    comment = NamedNode(RDFS + "comment")
    reviewer = NamedNode(SSSOM + "reviewer_id")
    subject_source = NamedNode(SSSOM + "subject_source")
    object_source = NamedNode(SSSOM + "object_source")
    title = NamedNode(DCT + "title")
    description = NamedNode(DCT + "description")
    license = NamedNode(DCT + "license")
    creator = NamedNode(DCT + "creator")
    identifier = NamedNode(DCT + "identifier")
    issued = NamedNode(DCT + "issued")
    modified = NamedNode(DCT + "modified")
    publisher = NamedNode(DCT + "publisher")  # the owning organisation
    extension_definitions = NamedNode(SSSOM + "extension_definitions")  # a set's declared extension slots
    slot_name = NamedNode(SSSOM + "slot_name")
    property = NamedNode(SSSOM + "property")
    type_hint = NamedNode(SSSOM + "type_hint")
    # eduvoc's own terms (declared in ontology/eduvoc.ttl)
    status = NamedNode(EDUVOC_DEF + "mappingStatus")
    reviewed = NamedNode(EDUVOC_DEF + "reviewed")
    review_comment = NamedNode(EDUVOC_DEF + "reviewComment")
    MappingComment = NamedNode(EDUVOC_DEF + "MappingComment")
    organisation = NamedNode(EDUVOC_DEF + "organisation")
