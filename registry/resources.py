"""Describing any resource the registry holds (concept, scheme, collection, ontology term) as RDF,
for dereferencing and `?uri=` downloads."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode, Triple, Variable

from registry import rdf_text
from registry.catalogue import Catalogue
from registry.errors import NotFound
from registry.formats import Format
from registry.namespaces import RDF_TYPE, Skos
from registry.queries import named_query
from registry.store import Store

EXPORT_PREFIXES = rdf_text.prefixes("skos", "dct", "owl", "rdf", "rdfs", "xsd", "eduvoc")


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
        return rdf_text.serialize_bytes(self.triples, rdf_format.oxigraph, EXPORT_PREFIXES)


def describe(store: Store, catalogue: Catalogue, iri: NamedNode) -> Description:
    """The statements the current versions make about `iri`; NotFound when there are none."""
    triples = [
        Triple(iri, row["property"], row["value"])
        for row in store.query(named_query("describe"), substitutions={Variable("resource"): iri}, default_graph=catalogue.read_graphs())
    ]
    if not triples:
        raise NotFound(f"the registry holds nothing about {iri.value}", code="nothing_about", iri=iri.value)
    return Description(iri.value, triples)
