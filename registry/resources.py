"""Describing any resource the registry holds (concept, scheme, collection, ontology term) as RDF,
for dereferencing and `?uri=` downloads."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph
from pyoxigraph import NamedNode, Triple, Variable

from registry.catalogue import Catalogue
from registry.errors import NotFound
from registry.formats import Format
from registry.namespaces import RDF_TYPE, Skos
from registry.queries import named_query
from registry.store import Store

EXPORT_PREFIXES = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "eduvoc": "https://w3id.org/eduvoc/def/",
}


@dataclass(frozen=True)
class Description:
    iri: str
    triples: list[Triple]

    def has_type(self, type_iri: NamedNode) -> bool:
        return any(t.predicate == RDF_TYPE and t.object == type_iri for t in self.triples)

    @property
    def kind(self) -> str:
        """concept, scheme, collection or resource — which page shows it."""
        for type_iri, kind in ((Skos.Concept, "concept"), (Skos.ConceptScheme, "scheme"), (Skos.Collection, "collection")):
            if self.has_type(type_iri):
                return kind
        return "resource"

    def serialize(self, rdf_format: Format) -> bytes:
        return pyoxigraph.serialize(self.triples, format=rdf_format.oxigraph, prefixes=EXPORT_PREFIXES)


def describe(store: Store, catalogue: Catalogue, iri: NamedNode) -> Description:
    """The statements the current versions make about `iri`; NotFound when there are none."""
    triples = [
        Triple(iri, row["property"], row["value"])
        for row in store.query(named_query("describe"), substitutions={Variable("resource"): iri}, default_graph=catalogue.read_graphs())
    ]
    if not triples:
        raise NotFound(f"the registry holds nothing about {iri.value}", code="nothing_about", iri=iri.value)
    return Description(iri.value, triples)
