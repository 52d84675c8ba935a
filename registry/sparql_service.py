"""The SPARQL 1.1 Service Description of the public endpoint
(https://www.w3.org/TR/sparql11-service-description/): what it speaks, what it answers in, and
the dataset it serves (the default graph is the union of the current versions; every public graph
is a named graph)."""

from __future__ import annotations

from pyoxigraph import BlankNode, NamedNode, Triple

from registry.catalogue import Catalogue
from registry.namespaces import RDF_TYPE

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def service_description(endpoint: str, catalogue: Catalogue) -> list[Triple]:
    """The description of the endpoint at `endpoint` (its IRI, as the client reached it)."""
    service = NamedNode(endpoint)
    dataset, default_graph = BlankNode(), BlankNode()
    triples = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), service),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(service, _sd("defaultEntailmentRegime"), NamedNode("http://www.w3.org/ns/entailment/Simple")),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    triples += [Triple(service, _sd("resultFormat"), NamedNode(FORMATS + name)) for name in RESULT_FORMATS]
    for graph in catalogue.public_graphs():
        named = BlankNode()
        triples += [Triple(dataset, _sd("namedGraph"), named), Triple(named, RDF_TYPE, _sd("NamedGraph")), Triple(named, _sd("name"), graph)]
    return triples
